"""Loading a portfolio from disk into records the rules and reports work on.

Loading never raises for anything a practitioner wrote: every problem becomes
a :class:`~imhcli.diagnostics.Finding` on the file it concerns, and the other
files are read as usual.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imhcli.base.files import CONFIG, ENTRY
from imhcli.diagnostics import Finding
from imhcli.errors import FrameworkError, UsageError
from imhcli.load import frontmatter
from imhcli.load.frameworks import load_framework_bytes, load_framework_file
from imhcli.load.ignore import IGNORE_FILE, IgnoreRules
from imhcli.load.refs import ignored_ref, ref_root, resolve_ref
from imhcli.load.sources import PORTFOLIO_FILE as PORTFOLIO_FILE
from imhcli.load.sources import (
    DiskFile,
    PayloadFile,
    PayloadFiles,
    Source,
    read_text,
)
from imhcli.load.validate import validate_entry, validate_portfolio
from imhcli.load.walk import walk
from imhcli.load.yaml_loaders import YamlProblem, load_fast
from imhcli.models.entries import EntryBase, SelfAssessment
from imhcli.models.framework import Framework
from imhcli.models.portfolio import PortfolioConfig

ENTRIES_DIR = "entries"
#: Largest file read as an entry, in bytes.
MAX_ENTRY_BYTES = ENTRY.cap


@dataclass(slots=True)
class Record:
    """One file of the portfolio as read, with what reading it found."""

    rel: str
    yaml_text: str | None = None
    yaml_line: int = 1
    body: str = ""
    body_line: int = 1
    data: dict[Any, Any] | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class Entry(Record):
    model: EntryBase | None = None

    @property
    def type(self) -> str | None:
        value = self.data.get("type") if self.data else None
        return value if isinstance(value, str) else None

    @property
    def is_final(self) -> bool:
        """Final unless it says ``status: draft`` (an invalid entry counts as not final)."""
        if self.model is not None:
            return self.model.is_final
        return self.data is not None and self.data.get("status", "final") != "draft"


@dataclass(slots=True)
class Portfolio:
    root: Path
    label: str
    today: dt.date
    config_record: Record
    config: PortfolioConfig | None = None
    framework: Framework | None = None
    entries: list[Entry] = field(default_factory=list)
    ignore: IgnoreRules = field(default_factory=lambda: IgnoreRules([]))
    #: Set when the portfolio was read from a bundle rather than from ``root``.
    files: PayloadFiles | None = None
    #: Values rules compute once per portfolio (a compiled deny-list, say).
    memo: dict[str, Any] = field(default_factory=dict)
    #: Other files read that have findings of their own (an .imhignore that cannot be read).
    others: list[Record] = field(default_factory=list)
    #: Every file the walk of entries/ found, entries or not (read from a folder only).
    entry_files: list[str] = field(default_factory=list)

    @property
    def level(self) -> int | None:
        return self.config.level if self.config else None

    @property
    def records(self) -> list[Record]:
        return [self.config_record, *self.others, *self.entries]

    def final_entries(self) -> list[EntryBase]:
        return [e.model for e in self.entries if e.model is not None and e.model.is_final]

    def latest_self_assessment(self) -> Entry | None:
        """The final self-assessment with the latest date (the later file wins a tie)."""
        found = [
            e for e in self.entries if isinstance(e.model, SelfAssessment) and e.model.is_final
        ]
        return max(found, key=lambda e: (e.model.date, e.rel), default=None)  # type: ignore[union-attr]

    def require_framework(self, purpose: str) -> Framework:
        """The framework, for ``purpose`` (say "coverage"); see :meth:`require_usable`."""
        return self.require_usable(purpose)[1]

    def require_usable(self, purpose: str) -> tuple[PortfolioConfig, Framework]:
        """portfolio.yaml and its framework, for ``purpose``, when both could be used.

        Raises :class:`UsageError` otherwise: `imh check` says what is wrong.
        """
        if self.framework is None or self.config is None:
            raise UsageError(
                f"portfolio.yaml or its framework has problems, and {purpose} "
                "needs a valid portfolio.yaml and framework",
                hint="run `imh check` to see them",
            )
        return self.config, self.framework


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds portfolio.yaml.

    A file, or a link, is looked for from the folder it lies in, not from where a
    link points: ``entries/link.md`` belongs to its portfolio wherever it leads.
    """
    here = Path(os.path.abspath(start))  # noqa: PTH100 - normalise, never follow the link
    if here.is_symlink() or not here.is_dir():
        here = here.parent
    here = here.resolve()
    for folder in (here, *here.parents):
        if (folder / PORTFOLIO_FILE).is_file():
            return folder
    return None


def load(root: Path, *, label: str | None = None, today: dt.date | None = None) -> Portfolio:
    """Read portfolio.yaml, its framework and every entry under ``entries/``."""
    root = root.resolve()
    config_record = Record(rel=PORTFOLIO_FILE)
    portfolio = Portfolio(
        root=root,
        label=label if label is not None else str(root),
        today=today or dt.date.today(),
        config_record=config_record,
        ignore=IgnoreRules.for_root(root),
    )
    if portfolio.ignore.problem is not None:
        why = portfolio.ignore.problem
        finding = Finding("IMH109", why.message, why.hint)
        portfolio.others.append(Record(rel=IGNORE_FILE, findings=[finding]))
    _load_config(portfolio)
    extra = portfolio.config.extra_fields if portfolio.config else ()
    for rel, problem in walk(root, ENTRIES_DIR, portfolio.ignore):
        portfolio.entry_files.append(rel)
        if problem is not None:
            portfolio.entries.append(Entry(rel=rel, findings=[problem]))
        elif rel.lower().endswith(".md"):
            portfolio.entries.append(read_entry(root, rel, extra_fields=extra))
    return portfolio


#: The root of a portfolio read from a bundle: a path that cannot exist.
NOWHERE = Path("/dev/null/imh-payload")


def load_payload(files: PayloadFiles, *, label: str, today: dt.date | None = None) -> Portfolio:
    """Read a portfolio from files held in memory or in a zip, as :func:`load` reads a folder."""
    portfolio = Portfolio(
        root=NOWHERE,
        label=label,
        today=today or dt.date.today(),
        config_record=Record(rel=PORTFOLIO_FILE),
        files=files,
    )
    _load_config(portfolio)
    extra = portfolio.config.extra_fields if portfolio.config else ()
    prefix = ENTRIES_DIR + "/"
    for rel in sorted(files.names):
        if rel.startswith(prefix) and rel.lower().endswith(".md"):
            entry = Entry(rel=rel)
            _parse_entry(
                entry, read_text(PayloadFile(files, rel, ENTRY), rel, entry.findings), extra
            )
            portfolio.entries.append(entry)
    return portfolio


def read_config(root: Path) -> dict[Any, Any] | None:
    """The data of ``root/portfolio.yaml``, read and decoded exactly as :func:`load` reads it.

    None when it cannot be read or is not a mapping; `imh check` says why.
    """
    source = DiskFile(root, PORTFOLIO_FILE, CONFIG)
    return _read_config(source, Record(rel=PORTFOLIO_FILE))


def _load_config(portfolio: Portfolio) -> None:
    record = portfolio.config_record
    source: Source = (
        PayloadFile(portfolio.files, PORTFOLIO_FILE, CONFIG)
        if portfolio.files is not None
        else DiskFile(portfolio.root, PORTFOLIO_FILE, CONFIG)
    )
    data = _read_config(source, record)
    if data is None:
        return
    portfolio.config, findings = validate_portfolio(data)
    record.findings.extend(findings)
    framework_ref = data.get("framework")
    if isinstance(framework_ref, str) and framework_ref:
        _load_framework(portfolio, framework_ref)


def _read_config(source: Source, record: Record) -> dict[Any, Any] | None:
    """portfolio.yaml's text and data, kept on ``record``; a problem becomes a finding there."""
    text = read_text(source, record.rel, record.findings)
    if text is None:
        return None
    record.yaml_text = text
    try:
        data = load_fast(text)
    except YamlProblem as exc:
        record.findings.append(exc.finding())
        return None
    if not isinstance(data, dict):
        record.findings.append(
            Finding(
                "IMH101",
                "portfolio.yaml is not a mapping of `key: value` lines",
                "start from the file `imh init` writes",
                line=1,
                column=1,
            )
        )
        return None
    record.data = data
    return data


def _load_framework(portfolio: Portfolio, ref: str) -> None:
    from imhcli.base import resources

    record = portfolio.config_record
    files = portfolio.files
    in_payload = files is not None and resources.bundled_framework(ref) is None
    path = None if in_payload else resolve_ref("framework", ref, base=portfolio.root)
    if path is None and not (files is not None and in_payload and ref in files.names):
        known = ", ".join(resources.bundled_frameworks())
        record.findings.append(
            Finding(
                "IMH205",
                f"unknown framework {ref!r}",
                f"use a bundled framework ({known}) or a path to a framework file",
                loc=("framework",),
            )
        )
        return
    excluded = ignored_ref(portfolio.ignore, ref, "framework", ("framework",))
    if path is not None and files is None and excluded is not None:
        record.findings.append(excluded)
        return
    try:
        if path is not None:
            root = ref_root(portfolio.root, ref, path)
            portfolio.framework = load_framework_file(path, root=root)
        elif files is not None:
            portfolio.framework = load_framework_bytes(files.read(ref), name=ref)
    except (FrameworkError, OSError) as exc:
        why = exc.message if isinstance(exc, FrameworkError) else str(exc)
        record.findings.append(
            Finding("IMH205", f"framework cannot be used: {why}", None, loc=("framework",))
        )


def read_entry(root: Path, rel: str, *, extra_fields: Any = ()) -> Entry:
    """Read one entry file; every problem becomes a finding on the returned entry."""
    entry = Entry(rel=rel)
    _parse_entry(entry, read_text(DiskFile(root, rel, ENTRY), rel, entry.findings), extra_fields)
    return entry


def parse_entry(rel: str, text: str, *, extra_fields: Any = ()) -> Entry:
    """An entry from text in memory (one about to be written), as if read from ``rel``."""
    entry = Entry(rel=rel)
    _parse_entry(entry, text, extra_fields)
    return entry


def _parse_entry(entry: Entry, text: str | None, extra_fields: Any) -> None:
    if text is None:
        return
    parts = frontmatter.split(text)
    entry.body, entry.body_line = parts.body, parts.body_line
    if parts.yaml is None:
        entry.findings.append(_front_matter_problem(parts.problem))
        return
    entry.yaml_text, entry.yaml_line = parts.yaml, parts.yaml_line
    try:
        data = load_fast(parts.yaml, line_offset=parts.yaml_line - 1)
    except YamlProblem as exc:
        entry.findings.append(exc.finding())
        return
    if not isinstance(data, dict) or not data:
        what = "empty" if data is None or data == {} else "not a mapping of `key: value` lines"
        entry.findings.append(
            Finding(
                "IMH103",
                f"front matter is {what}",
                "write one `key: value` per line between the --- fences, starting with `type:`",
                line=1,
                column=1,
            )
        )
        return
    entry.data = data
    entry.model, findings = validate_entry(data, extra_fields=extra_fields)
    entry.findings.extend(findings)


def _front_matter_problem(problem: str | None) -> Finding:
    if problem == "unterminated":
        return Finding(
            "IMH103",
            "front matter is never closed: the opening --- on line 1 has no closing ---",
            "add a line with --- after the last field",
            line=1,
            column=1,
        )
    return Finding(
        "IMH103",
        "entry has no front matter",
        "start the file with a line ---, the fields (type, title, date, ...), and another ---",
        line=1,
        column=1,
    )
