"""`--format text`: findings grouped by file, `path:line:col CODE message`, then a summary."""

from __future__ import annotations

from itertools import groupby
from pathlib import PurePosixPath
from typing import TextIO

from imhcli.base.words import plural
from imhcli.codes import Severity
from imhcli.diagnostics import CheckReport, Diagnostic
from imhcli.output.console import make_console
from imhcli.output.escaping import visible

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def location(diag: Diagnostic) -> str:
    """``portfolio/path:line:col``, with control characters shown as escapes."""
    path = str(PurePosixPath(diag.portfolio) / diag.path) if diag.portfolio else diag.path
    path = visible(path)
    if diag.line is None:
        return path
    return f"{path}:{diag.line}:{diag.column or 1}"


def render(report: CheckReport, *, out: TextIO, color: bool | None = None) -> None:
    from rich.markup import escape

    console = make_console(out, color)
    for (portfolio, path), group in groupby(
        report.diagnostics, key=lambda d: (d.portfolio, d.path)
    ):
        console.print(f"[bold underline]{escape(visible(str(PurePosixPath(portfolio) / path)))}[/]")
        for diag in group:
            style = _STYLE[diag.severity]
            console.print(
                f"  {escape(location(diag))} [{style}]{diag.code}[/] "
                f"{escape(visible(diag.message))}",
                soft_wrap=True,
            )
            if diag.hint:
                console.print(f"      [dim]hint: {escape(visible(diag.hint))}[/]", soft_wrap=True)
        console.print()
    console.print(summary_line(report), soft_wrap=True)


def summary_line(report: CheckReport) -> str:
    s = report.summary
    where = f"{plural(s.files, 'file')} in {plural(s.portfolios, 'portfolio')}"
    if not s.errors and not s.warnings:
        return f"[green]No problems[/] in {where}."
    parts = []
    if s.errors:
        parts.append(f"[bold red]{plural(s.errors, 'error')}[/]")
    if s.warnings:
        parts.append(f"[yellow]{plural(s.warnings, 'warning')}[/]")
    return f"{' and '.join(parts)} in {where}."
