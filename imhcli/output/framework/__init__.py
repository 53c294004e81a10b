"""A framework written out for other systems: Moodle, CASE, a flat CSV, Markdown.

:data:`EXPORTERS` maps a ``--format`` name of ``imh framework export`` to the
module that writes it; modules are imported only when chosen. Every module has
``render(framework, options) -> str``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from imhcli.output.registry import Registry

if TYPE_CHECKING:
    from imhcli.models.framework import Competency, Domain, Framework


#: The base of the URIs in a CASE export when none is given.
DEFAULT_BASE_URI = "urn:imh:"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export covers and how it is stamped.

    ``level`` limits it to the competencies graded at that level (None: all);
    ``changed`` is the last-change time written where a format asks for one;
    ``base_uri`` begins every URI of a CASE package.
    """

    level: int | None = None
    changed: dt.datetime = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    base_uri: str = DEFAULT_BASE_URI


class Render(Protocol):
    def __call__(self, framework: Framework, options: ExportOptions) -> str: ...


#: `imh framework export --format`: each name's module under imhcli.output.framework.
EXPORTERS: Registry[Render] = Registry("framework export")
for _name, _module in (
    ("moodle-csv", "moodle"),
    ("case-json", "case"),
    ("csv", "flat"),
    ("markdown", "markdown"),
):
    EXPORTERS.add_lazy(_name, f"imhcli.output.framework.{_module}:render")


def domains_at(
    framework: Framework, level: int | None
) -> Iterator[tuple[Domain, list[Competency]]]:
    """Each domain with its competencies at ``level`` (all when None); empty domains skipped."""
    for domain in framework.domains:
        comps = [c for c in domain.competencies if level is None or level in c.levels]
        if comps:
            yield domain, comps


def descriptors(framework: Framework, comp: Competency, level: int | None) -> list[str]:
    """``Level 2 (Advanced knowledge and skills): ...`` for each level shown that has one."""
    out = []
    for lv in framework.levels:
        text = comp.levels.get(lv.id)
        if text and (level is None or lv.id == level):
            out.append(f"Level {lv.id} ({lv.title}): {' '.join(text.split())}")
    return out


def title_at(framework: Framework, level: int | None) -> str:
    """The framework's title, with the level when the export is of one level."""
    if level is None:
        return framework.title
    found = framework.level(level)
    return f"{framework.title}, level {level}" + (f": {found.title}" if found else "")
