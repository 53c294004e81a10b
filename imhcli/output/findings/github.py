"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

GitHub shows only ten annotations of each kind per step, so a Markdown summary
of every finding is also appended to the file named by ``$GITHUB_STEP_SUMMARY``
when it is set. Values are escaped as the runner requires: ``%``, CR and LF in
the message, and ``:`` and ``,`` as well in properties such as ``file``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TextIO

from imhcli.base.words import plural
from imhcli.codes import CODES
from imhcli.diagnostics import CheckReport, Diagnostic
from imhcli.output.escaping import md_cell, visible

_BREAKS = "\r\n"
#: Findings listed in the step summary before it says "and N more".
SUMMARY_LIMIT = 500


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def file_of(diag: Diagnostic) -> str:
    """The finding's file as the workflow sees it: the portfolio's path joined with the file's.

    Control and direction characters are shown as escapes (``\\x1b``), never sent raw.
    """
    path = str(PurePosixPath(diag.portfolio) / diag.path) if diag.portfolio else diag.path
    return visible(path)


def annotation(diag: Diagnostic) -> str:
    """One ``::error`` or ``::warning`` workflow command for a finding."""
    props = [f"file={escape_property(file_of(diag))}"]
    if diag.line is not None:
        props.append(f"line={diag.line}")
        props.append(f"col={diag.column or 1}")
    props.append(f"title={escape_property(f'{diag.code} {CODES[diag.code].name}')}")
    # Line breaks are left to the runner's own escapes (%0D, %0A); every other control shows.
    message = visible(diag.message, keep=_BREAKS)
    if diag.hint:
        message += "\nhint: " + visible(diag.hint, keep=_BREAKS)
    return f"::{diag.severity.value} {','.join(props)}::{escape_data(message)}"


def workflow_commands(diagnostics: Iterable[Diagnostic]) -> Iterator[str]:
    for diag in diagnostics:
        yield annotation(diag)


def findings_table(diagnostics: list[Diagnostic], limit: int = SUMMARY_LIMIT) -> list[str]:
    lines = ["| file | line | code | severity | message |", "|---|---|---|---|---|"]
    for diag in diagnostics[:limit]:
        where = "" if diag.line is None else str(diag.line)
        lines.append(
            f"| {md_cell(file_of(diag))} | {where} | {diag.code} | {diag.severity.value} "
            f"| {md_cell(diag.message)} |"
        )
    if len(diagnostics) > limit:
        more = plural(len(diagnostics) - limit, "more finding")
        lines.append(f"\n…and {more} (see the log).")
    return lines


def summary_markdown(report: CheckReport) -> str:
    s = report.summary
    head = (
        f"## imh check\n\n{plural(s.errors, 'error')} and {plural(s.warnings, 'warning')} in "
        f"{plural(s.files, 'file')} of {plural(s.portfolios, 'portfolio')}.\n"
    )
    if not report.diagnostics:
        return head + "\nNo problems found.\n"
    return head + "\n" + "\n".join(findings_table(report.diagnostics)) + "\n"


def append_step_summary(markdown: str) -> None:
    """Append to ``$GITHUB_STEP_SUMMARY`` when the runner set it; otherwise do nothing."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.write(markdown + "\n")
    except OSError:
        pass  # a summary is a courtesy; the annotations and exit code stand without it


def render(report: CheckReport, *, out: TextIO, color: bool | None = None) -> None:
    for line in workflow_commands(report.diagnostics):
        out.write(line + "\n")
    s = report.summary
    out.write(
        f"imh: {plural(s.errors, 'error')}, {plural(s.warnings, 'warning')} in "
        f"{plural(s.files, 'file')} of {plural(s.portfolios, 'portfolio')}\n"
    )
    append_step_summary(summary_markdown(report))
