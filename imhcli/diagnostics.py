"""Findings as data: what a check found, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from imhcli.codes import CODES, Severity

#: A path into a YAML document: mapping keys (text or, for ratings, numbers) and list indexes.
Loc = tuple[str | int | float, ...]


class Diagnostic(BaseModel):
    """One finding, in the shape of the spec's JSON output."""

    model_config = ConfigDict(frozen=True)

    portfolio: str
    path: str
    line: int | None
    column: int | None
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    def sort_key(self) -> tuple[str, str, int, int, str]:
        return (self.portfolio, self.path, self.line or 0, self.column or 0, self.code)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields before the engine knows the file's positions.

    ``loc`` names a place inside the file's YAML (``("competencies", 1)``); the
    engine turns it into a line and column. Rules that read the body know the
    line already and set ``line``/``column`` themselves.
    """

    code: str
    message: str
    hint: str | None = None
    loc: Loc = ()
    key: bool = False
    line: int | None = None
    column: int | None = None


class Summary(BaseModel):
    portfolios: int
    files: int
    errors: int
    warnings: int


class CheckReport(BaseModel):
    """The result of checking one or more portfolios."""

    diagnostics: list[Diagnostic]
    summary: Summary
    #: (portfolio, path) of every file checked, for reporters that list clean files
    #: too (JUnit); not part of the JSON output.
    checked: list[tuple[str, str]] = Field(default_factory=list, exclude=True)

    @classmethod
    def build(
        cls,
        diagnostics: Iterable[Diagnostic],
        *,
        portfolios: int,
        files: int | list[tuple[str, str]],
    ) -> CheckReport:
        """A sorted report; ``files`` is a count or the (portfolio, path) of every file."""
        diags = sorted(diagnostics, key=Diagnostic.sort_key)
        errors = sum(d.severity is Severity.ERROR for d in diags)
        checked = files if isinstance(files, list) else []
        return cls(
            diagnostics=diags,
            checked=checked,
            summary=Summary(
                portfolios=portfolios,
                files=files if isinstance(files, int) else len(files),
                errors=errors,
                warnings=len(diags) - errors,
            ),
        )

    def exit_code(self, *, strict: bool = False) -> int:
        if self.summary.errors or (strict and self.summary.warnings):
            return 1
        return 0


def make(
    code: str,
    message: str,
    *,
    portfolio: str,
    path: str,
    line: int | None = None,
    column: int | None = None,
    hint: str | None = None,
) -> Diagnostic:
    return Diagnostic(
        portfolio=portfolio,
        path=path,
        line=line,
        column=column,
        code=code,
        severity=CODES[code].severity,
        message=message,
        hint=hint,
    )
