"""Requirement profiles: find one (a bundled id or a path), read it, validate it.

A mistake in a profile file is a :class:`ProfileProblem` at the file's own line
and column; :func:`load_profile` turns the first into a :class:`ProfileError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from imhcli.base import resources
from imhcli.base.files import PROFILE, safe_read
from imhcli.diagnostics import Loc
from imhcli.errors import ProfileError, UnsafeFileError
from imhcli.load.refs import ref_root, resolve_ref
from imhcli.models.requirement_profile import RequirementProfile

if TYPE_CHECKING:
    from imhcli.load.portfolio import Portfolio

#: Largest profile file read, in bytes.
MAX_PROFILE_BYTES = PROFILE.cap


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    """A mistake in a profile file, at a 1-based line and column where known."""

    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line else ""
        return where + self.message


def read_profile(
    path: Path, *, root: Path | None = None
) -> tuple[RequirementProfile | None, list[ProfileProblem]]:
    """Read and validate a profile file; problems carry the file's own lines.

    With ``root``, a file whose links leave ``root`` is refused.
    """
    from imhcli.load.yaml_loaders import YamlProblem, load_fast

    try:
        text = safe_read(path, PROFILE, root=root).decode("utf-8-sig")
    except UnsafeFileError as exc:
        return None, [ProfileProblem(exc.message)]
    except UnicodeDecodeError as exc:
        return None, [ProfileProblem(f"cannot be read ({exc})")]
    try:
        data = load_fast(text)
    except YamlProblem as exc:
        return None, [ProfileProblem(exc.message, exc.line, exc.column)]
    if not isinstance(data, dict):
        return None, [
            ProfileProblem("a profile is a mapping with id, title, source, window, rules", 1, 1)
        ]
    try:
        return RequirementProfile.model_validate(data), []
    except ValidationError as exc:
        return None, _problems(exc, data, text)


def _problems(exc: ValidationError, data: dict[Any, Any], text: str) -> list[ProfileProblem]:
    from imhcli.load.validate import findings_from
    from imhcli.load.yaml_positions import load_positions, locate

    try:
        positions = load_positions(text)
    except Exception:  # positions are a nicety; the message stands without them
        positions = None
    out: list[ProfileProblem] = []
    for err, finding in zip(exc.errors(), findings_from(exc, RequirementProfile), strict=True):
        loc = _data_loc(data, finding.loc, missing=finding.code == "IMH104")
        message = finding.message.replace(f"`{_dotted(finding.loc)}", f"`{_dotted(loc)}")
        if err["type"] == "union_tag_invalid":
            ctx = err.get("ctx") or {}
            tags = str(ctx.get("expected_tags", "")).replace("'", "")
            loc = (*loc, str(ctx.get("discriminator", "kind")).strip("'"))
            message = f"`{_dotted(loc)}` must be one of {tags}; found {ctx.get('tag')!r}"
        if finding.code == "IMH106":
            message = message.replace("unknown key", "unknown key (not allowed in a profile)")
        where = locate(positions, loc, key=finding.key) if positions is not None else None
        line, column = (where[0] + 1, where[1] + 1) if where else (None, None)
        hint = f" ({finding.hint})" if finding.hint else ""
        out.append(ProfileProblem(message + hint, line, column))
    return out


def _data_loc(data: Any, loc: Loc, *, missing: bool) -> Loc:
    """Drop the parts of a pydantic location that are union tags, not keys in the data.

    The last part of a ``missing`` finding is the key that is missing: it stays.
    """
    out: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        keep = missing and i == len(loc) - 1
        if isinstance(node, dict) and part not in node and not keep:
            continue
        out.append(part)
        node = _child(node, part)
    return tuple(out)


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "front matter"


def load_profile(ref: str, *, base: Path | None = None) -> RequirementProfile:
    """Load a profile by bundled id or path. Raises :class:`ProfileError`."""
    path = resolve_ref("profile", ref, base=base or Path.cwd())
    if path is None:
        known = ", ".join(resources.bundled_profiles()) or "none"
        raise ProfileError(
            f"unknown requirement profile {ref!r}",
            hint=f"bundled profiles: {known}; or give a path to a profile file",
        )
    profile, problems = read_profile(path, root=ref_root(base, ref, path) if base else None)
    if profile is None:
        raise ProfileError(f"{path}: {problems[0]}", hint="see docs/requirements.md")
    return profile


def profiles_for(
    portfolio: Portfolio, refs: Sequence[str] | None = None
) -> list[RequirementProfile]:
    """The profiles asked for, or else those under the portfolio's ``requirements:``."""
    chosen = list(refs or (portfolio.config.requirements if portfolio.config else []))
    if not chosen:
        raise ProfileError(
            "no requirement profiles to evaluate",
            hint="pass --profile ID, or list ids under `requirements:` in portfolio.yaml "
            f"(bundled: {', '.join(resources.bundled_profiles())})",
        )
    return [load_profile(ref, base=portfolio.root) for ref in chosen]
