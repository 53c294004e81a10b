"""What an assessment grid held: its competency rows and the problems found reading it."""

from __future__ import annotations

from dataclasses import dataclass, field

from imhcli.diagnostics import Diagnostic, make


@dataclass
class GridRow:
    """One competency as the grid gives it, with where each value was."""

    line: int
    id: str
    id_column: int
    statement: str
    group: str | None
    domain_title: str | None
    levels: dict[int, str | None]


@dataclass
class Grid:
    """What a grid held: its rows, and every problem found reading it."""

    name: str
    levels: set[int]
    rows: list[GridRow] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, code: str, message: str, line: int, column: int | None, hint: str = "") -> None:
        self.diagnostics.append(
            make(
                code,
                message,
                portfolio="",
                path=self.name,
                line=line,
                column=column,
                hint=hint or None,
            )
        )

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)
