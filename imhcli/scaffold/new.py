"""`imh init` and `imh new` as library calls: plan the files, then write them safely."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from imhcli.base.files import write_atomic, write_numbered
from imhcli.diagnostics import CheckReport, Diagnostic
from imhcli.errors import EntryRefusedError, FrameworkError, RefuseOverwriteError, UsageError
from imhcli.load.frameworks import load_framework
from imhcli.load.portfolio import PORTFOLIO_FILE, Portfolio
from imhcli.models.entries import ENTRY_TYPES, fields_of
from imhcli.models.entry_types import ENTRY_KINDS
from imhcli.models.framework import Framework
from imhcli.models.reflective import ReflectiveModel, find_model, model_names
from imhcli.scaffold import templates

SCHEMA_COPY = ".imh/portfolio.schema.json"


class InitResult(BaseModel):
    root: str
    created: list[str]
    skipped: list[str]
    overwritten: list[str]
    dry_run: bool


def init_portfolio(
    directory: Path,
    *,
    level: int,
    name: str | None = None,
    framework: str = "imhcf-2019",
    requirements: list[str] | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> InitResult:
    """Create a portfolio in ``directory``; refuse an existing one unless ``force``."""
    from imhcli.base import resources
    from imhcli.output.json_schemas import dumps

    for option, text in (
        ("--name", name),
        ("--framework", framework),
        *(("-r", r) for r in requirements or []),
    ):
        _check_text(text, option=option)
    fw = _framework_for(framework, directory)
    if fw.level(level) is None:
        levels = ", ".join(str(lv.id) for lv in fw.levels)
        raise UsageError(f"framework {fw.id} has no level {level} (levels: {levels})")
    for ref in requirements or []:
        if resources.bundled_profile(ref) is None and not (directory / ref).is_file():
            raise UsageError(f"unknown requirement profile {ref!r}")
    if (directory / PORTFOLIO_FILE).exists() and not force:
        raise RefuseOverwriteError(path=directory / PORTFOLIO_FILE)
    files: dict[str, str] = {
        PORTFOLIO_FILE: _portfolio_yaml(
            fw.id if _is_bundled(framework) else framework,
            level,
            name or _git_user_name() or "Your Name",
            requirements or [],
        ),
        SCHEMA_COPY: dumps("portfolio"),
        ".gitignore": templates.GITIGNORE,
        "README.md": templates.README,
        "private/names.txt": templates.DENY_LIST,
        "entries/.gitkeep": "",
        "evidence/.gitkeep": "",
    }
    result = InitResult(
        root=str(directory), created=[], skipped=[], overwritten=[], dry_run=dry_run
    )
    for rel, text in files.items():
        path = directory / rel
        exists = path.exists()
        # Only portfolio.yaml and imh's own schema copy are replaced under --force;
        # a README, .gitignore or deny-list the practitioner already has is kept.
        replace = exists and force and rel in {PORTFOLIO_FILE, SCHEMA_COPY}
        if exists and not replace:
            result.skipped.append(rel)
            continue
        (result.overwritten if exists else result.created).append(rel)
        if not dry_run:
            write_atomic(path, text, overwrite=replace)
    return result


def _is_bundled(ref: str) -> bool:
    from imhcli.base import resources

    return resources.bundled_framework(ref) is not None


def _framework_for(ref: str, base: Path) -> Framework:
    try:
        return load_framework(ref, base=base)
    except FrameworkError as exc:
        raise UsageError(exc.message) from None


def _portfolio_yaml(framework: str, level: int, name: str, requirements: list[str]) -> str:
    reqs = "".join(f"  - {r}\n" for r in requirements)
    block = (
        f"requirements:\n{reqs}"
        if requirements
        else "# requirements: [imhcf-level-2, nmc-revalidation]\n"
    )
    return templates.PORTFOLIO_YAML.format(
        schema=SCHEMA_COPY,
        framework=_yaml_scalar(framework),
        level=level,
        name=_yaml_scalar(name),
        requirements=block,
    )


def _yaml_scalar(text: str) -> str:
    if not _needs_quotes(text):
        return text
    return '"' + "".join(_escaped(ch) for ch in text) + '"'


def _escaped(ch: str) -> str:
    """One character inside a YAML double-quoted scalar.

    Control characters (a tab or a bell pasted into a title) must be escapes,
    or the entry imh writes would not parse.
    """
    if ch in '"\\':
        return "\\" + ch
    if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029\ufeff":
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
    return ch


def _needs_quotes(text: str) -> bool:
    return not re.fullmatch(
        r"[A-Za-z](?:[A-Za-z0-9 ._'/-]*[A-Za-z0-9._'/-])?", text
    ) or text.lower() in {
        "yes",
        "no",
        "true",
        "false",
        "null",
        "on",
        "off",
    }


def _check_text(text: str | None, *, option: str) -> None:
    """Refuse text that cannot be written as UTF-8 (bytes the shell could not decode)."""
    try:
        (text or "").encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{option} is not valid UTF-8 text; retype it") from None


def _git_user_name() -> str | None:
    from imhcli.base.gitconfig import git_config

    return git_config("user.name")


# --- imh new -----------------------------------------------------------------

#: Options of `imh new` that belong to one entry type: the type of each.
TYPE_OPTIONS: dict[str, str] = {
    option: kind.name for kind in ENTRY_KINDS for option in kind.options
}


def slugify(title: str, *, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "entry"


def entry_text(
    entry_type: str,
    *,
    title: str | None,
    date: dt.date,
    competencies: list[str],
    hours: float | None,
    fields: dict[str, Any],
    framework: Framework,
    level: int,
    draft: bool = False,
) -> str:
    """The Markdown an entry of ``entry_type`` starts from."""
    lines = ["---", f"type: {entry_type}"]
    if title:
        lines.append(f"title: {_yaml_scalar(title)}")
    lines.append(f"date: {date.isoformat()}")
    if draft:
        lines.append("status: draft")
    for key, value in fields.items():
        lines.append(f"{key}: {_field_value(value)}")
    needs_hours = "hours" in ENTRY_TYPES[entry_type].model_fields and entry_type in {
        "cpd",
        "supervision",
    }
    if hours is not None:
        lines.append(f"hours: {hours:g}")
    elif needs_hours:
        lines.append("# hours: 1.5   <- required: how long it took, in decimal hours")
    if entry_type == "self-assessment":
        lines.append("ratings:")
        for comp in framework.at_level(level):
            lines.append(f'  "{comp.id}": not-started   # {_comment(comp.statement)}')
    else:
        ids = ", ".join(f'"{c}"' for c in competencies)
        lines.append(f"competencies: [{ids}]")
    lines.extend(EXTRA_LINES.get(entry_type, ()))
    lines.append("---")
    return "\n".join(lines) + "\n\n" + _body(entry_type, fields)


#: Commented front-matter lines that show a type's fields to fill in.
EXTRA_LINES: dict[str, tuple[str, ...]] = {
    "cpd": ("evidence: []   # e.g. [evidence/2025-03-04-certificate.pdf]",),
    "discussion": (
        "# partner_register: NMC   # NMC, HCPC, SWE, GMC or other",
        "# form: evidence/YYYY-MM-DD-reflective-discussion-form.pdf   # signed by you both",
    ),
}


def _comment(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _field_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return _yaml_scalar(str(value))


def _body(entry_type: str, fields: dict[str, Any]) -> str:
    if entry_type == "reflection":
        return templates.reflection_body(reflective_model(str(fields.get("model", "Gibbs"))))
    return templates.BODIES.get(entry_type, "")


def reflective_model(name: str) -> ReflectiveModel:
    """The model ``name`` means, case and accents aside; :class:`UsageError` if none."""
    model = find_model(name)
    if model is None:
        raise UsageError(f"unknown reflective model {name!r} (models: {', '.join(model_names())})")
    return model


def _refuse_identifiers(portfolio: Portfolio, texts: dict[str, Any]) -> None:
    """An identifier in a title (which names the file) or a field refuses the entry."""
    from imhcli.rules.identifiers import mask
    from imhcli.rules.privacy import NAME_OF, WHAT, scan

    for option, value in texts.items():
        hits = scan(portfolio, value) if isinstance(value, str) else []
        if hits:
            hit = hits[0]
            shown = option if option == "TITLE" else f"--{option.replace('_', '-')}"
            raise UsageError(
                f"{shown} holds {WHAT[hit.code]} ({hit.code} {NAME_OF[hit.code]}: "
                f"{mask(hit.text)}); nothing was written",
                hint="a title becomes the file's name and travels with it: describe the "
                "work, not the family (see docs/privacy.md)",
            )


def new_entry(
    root: Path,
    entry_type: str,
    *,
    title: str | None,
    date: dt.date,
    competencies: list[str] | None = None,
    hours: float | None = None,
    fields: dict[str, Any] | None = None,
    draft: bool = False,
    warnings: list[Diagnostic] | None = None,
) -> Path:
    """Write a new entry under ``entries/YYYY/`` and return its path. Never overwrites.

    Refuses (:class:`EntryRefusedError`, nothing written) what `imh check` would
    report as an error; what it would warn of (a date in the future) is added to
    ``warnings``, except that the new entry is unfinished, which it is by design.
    """
    from imhcli.load.portfolio import load

    if entry_type not in ENTRY_TYPES:
        raise UsageError(f"unknown entry type {entry_type!r} (types: {', '.join(ENTRY_TYPES)})")
    fields = {k: v for k, v in (fields or {}).items() if v is not None}
    if "model" in fields and entry_type == "reflection":
        fields["model"] = reflective_model(str(fields["model"])).name
    for key in fields:
        if key not in fields_of(entry_type):
            raise UsageError(
                f"--{key.replace('_', '-')} is for {TYPE_OPTIONS.get(key, 'other')} entries, "
                f"not {entry_type}"
            )
    if not title and entry_type != "self-assessment":
        raise UsageError(f"a {entry_type} entry needs a TITLE")
    _check_text(title, option="TITLE")
    for key, value in fields.items():
        if isinstance(value, str):
            _check_text(value, option=f"--{key.replace('_', '-')}")
    if hours is not None and hours <= 0:
        raise UsageError("--hours must be greater than 0")
    portfolio = load(root)
    config, framework = portfolio.require_usable("a new entry")
    _refuse_identifiers(portfolio, {"TITLE": title or "", **fields})
    ids = [_competency_id(framework, ref) for ref in competencies or []]
    text = entry_text(
        entry_type,
        title=title,
        date=date,
        competencies=ids,
        hours=hours,
        fields=fields,
        framework=framework,
        level=config.level,
        draft=draft,
    )
    stem = f"{date.isoformat()}-{slugify(title or entry_type)}"
    found = _refuse_what_check_rejects(portfolio, f"entries/{date.year:04d}/{stem}.md", text)
    if warnings is not None:
        warnings.extend(d for d in found if d.code != "IMH110")
    return write_numbered(root / "entries" / f"{date.year:04d}", stem, ".md", text)


def _refuse_what_check_rejects(portfolio: Portfolio, rel: str, text: str) -> list[Diagnostic]:
    """What `imh check` would report in ``text``; :class:`EntryRefusedError` if an error.

    The check's own rules judge it (more than 24 hours a day, `end` before `date`, an
    unknown competency), so `imh new` and `imh check` say the same in the same words.
    """
    from imhcli.check.engine import check_entry
    from imhcli.codes import Severity
    from imhcli.load.portfolio import parse_entry

    extra = portfolio.config.extra_fields if portfolio.config else ()
    found = check_entry(portfolio, parse_entry(rel, text, extra_fields=extra))
    errors = [d for d in found if d.severity is Severity.ERROR]
    if errors:
        raise EntryRefusedError(report=CheckReport.build(errors, portfolios=1, files=1))
    return found


def _competency_id(framework: Framework, ref: str) -> str:
    comp = framework.resolve(ref)
    if comp is None:
        try:
            comp = framework.resolve(float(ref))  # as if written unquoted in YAML
        except ValueError:
            comp = None
    if comp is None:
        return ref  # the check's IMH201 refuses it, with its "did you mean"
    head, _, tail = ref.partition(".")
    other = framework.resolve(f"{head}.{tail.zfill(2)}")
    if comp.id != ref and other is not None and other.id != comp.id:
        raise UsageError(
            f"competency {ref} is ambiguous: {comp.id} or {other.id}?",
            hint=f'write the id in full, "{other.id}" or "{comp.id}"',
        )
    return comp.id
