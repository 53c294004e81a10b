"""`--format junit`: JUnit XML, one test suite per portfolio and one test case per file.

A file with an error is a failing test case whose ``<failure>`` lists its
findings; a file with only warnings passes, with the warnings in
``<system-out>``; a clean file passes. CI systems that read JUnit (GitLab,
Jenkins, Azure, pytest's tooling) then show a portfolio as a list of files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from imhcli.base.words import plural
from imhcli.codes import Severity
from imhcli.diagnostics import CheckReport, Diagnostic
from imhcli.output.escaping import visible
from imhcli.output.findings.text import location

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _legal(text: str) -> str:
    """``text`` with control characters (which XML 1.0 mostly forbids) shown as escapes.

    Line breaks between findings are kept; every other control or direction
    character, in any name, path or message, is written as ``\\x1b`` or ``\\u202e``.
    """
    return "\n".join(visible(line) for line in text.split("\n"))


def _xml_text(text: str) -> str:
    return escape(_legal(text))


def _attr(text: str) -> str:
    return quoteattr(_legal(text))


def _line(diag: Diagnostic) -> str:
    hint = f" (hint: {diag.hint})" if diag.hint else ""
    return f"{location(diag)} {diag.code} {diag.severity.value}: {diag.message}{hint}"


def testcase(portfolio: str, path: str, diagnostics: list[Diagnostic]) -> str:
    """One ``<testcase>`` for a file and its findings."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
    parts = [f"    <testcase classname={_attr(portfolio)} name={_attr(path or '.')}"]
    if not diagnostics:
        return parts[0] + " />\n"
    parts[0] += ">\n"
    if errors:
        first = errors[0]
        message = f"{plural(len(errors), 'error')}: {first.code} {first.message}"
        body = "\n".join(_line(d) for d in errors)
        parts.append(
            f"      <failure type={_attr(first.code)} message={_attr(message)}>"
            f"{_xml_text(body)}</failure>\n"
        )
    if warnings:
        body = "\n".join(_line(d) for d in warnings)
        parts.append(f"      <system-out>{_xml_text(body)}</system-out>\n")
    parts.append("    </testcase>\n")
    return "".join(parts)


def testsuite(portfolio: str, files: Iterable[str], diagnostics: Iterable[Diagnostic]) -> str:
    """One ``<testsuite>`` for a portfolio: a case per file, findings attached to their file."""
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for diag in diagnostics:
        by_file[diag.path].append(diag)
    paths = list(dict.fromkeys([*files, *by_file]))
    failures = sum(any(d.severity is Severity.ERROR for d in by_file[p]) for p in paths)
    cases = "".join(testcase(portfolio, p, by_file[p]) for p in paths)
    return (
        f'  <testsuite name={_attr(portfolio)} tests="{len(paths)}" failures="{failures}" '
        f'errors="0" skipped="0">\n{cases}  </testsuite>\n'
    )


def open_tag(name: str = "imh") -> str:
    return f"{HEADER}<testsuites name={_attr(name)}>\n"


CLOSE_TAG = "</testsuites>\n"


def render(report: CheckReport, *, out: TextIO, color: bool | None = None) -> None:
    files: dict[str, list[str]] = defaultdict(list)
    for portfolio, path in report.checked:
        files[portfolio].append(path)
    found: dict[str, list[Diagnostic]] = defaultdict(list)
    for diag in report.diagnostics:
        found[diag.portfolio].append(diag)
    out.write(open_tag("imh check"))
    for portfolio in sorted({*files, *found}):
        out.write(testsuite(portfolio, files[portfolio], found[portfolio]))
    out.write(CLOSE_TAG)
