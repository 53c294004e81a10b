"""`imh review check` as a library call: a review file (and its bundle) in, a report out.

The review is read (IMH10x, IMH703), then the review rules run on it (IMH7xx). With
the bundle, the bundle is verified too and its findings join the report, and the
rules that compare the review with its bundle run (IMH708-IMH710).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imhcli.diagnostics import CheckReport, Diagnostic, Finding, Loc
from imhcli.errors import FrameworkError
from imhcli.load.portfolio import Record
from imhcli.load.review import ReviewFile, read_review
from imhcli.models.framework import Framework
from imhcli.models.review import Review, ReviewContext
from imhcli.review.bundle import OpenedBundle, open_bundle
from imhcli.rules import all_rules


@dataclass(slots=True)
class ReviewCheck:
    """A checked review: the file as read, the bundle (if given) and the findings."""

    review: ReviewFile
    bundle: OpenedBundle | None
    report: CheckReport


def check_review(
    path: Path, *, bundle: Path | None = None, today: dt.date | None = None
) -> ReviewCheck:
    """Check the review at ``path``, against ``bundle`` when it is given."""
    from imhcli.check.targets import label_for

    review = read_review(path)
    opened = open_bundle(bundle, today=today) if bundle is not None else None
    label = label_for(path)
    found = list(review.findings)
    if review.model is not None:
        framework, problem = review_framework(review.model, opened)
        found.extend(problem)
        facts = opened.facts if opened else None
        context = ReviewContext(review.model, framework, facts, review.text or "")
        found.extend(run_review_rules(context))
    diagnostics = list(place(label, review, found))
    files: list[tuple[str, str]] = [("", label)]
    if opened is not None:
        diagnostics.extend(opened.verified.report.diagnostics)
        files.append((opened.facts.name, ""))
    report = CheckReport.build(diagnostics, portfolios=1, files=files)
    return ReviewCheck(review, opened, report)


def run_review_rules(context: ReviewContext) -> Iterable[Finding]:
    """Every review rule's findings for one review."""
    for rule in all_rules():
        if rule.review_check is not None:
            yield from rule.review_check(context)


def review_framework(
    review: Review, opened: OpenedBundle | None
) -> tuple[Framework | None, list[Finding]]:
    """The review's framework: a bundled one, or the one inside its bundle."""
    from imhcli.base import resources
    from imhcli.load.frameworks import load_framework_file

    inside = opened.portfolio.framework if opened and opened.portfolio else None
    if inside is not None and inside.id == review.framework:
        return _at_level(review, inside)
    path = resources.bundled_framework(review.framework)
    try:
        if path is not None:
            return _at_level(review, load_framework_file(path))
    except FrameworkError:
        pass
    return None, [
        Finding(
            "IMH205",
            f"unknown framework {review.framework!r}",
            "name a bundled framework, or check the review with --bundle",
            ("framework",),
        )
    ]


def _at_level(review: Review, framework: Framework) -> tuple[Framework, list[Finding]]:
    if framework.level(review.level) is not None:
        return framework, []
    levels = ", ".join(str(lv.id) for lv in framework.levels)
    return framework, [
        Finding(
            "IMH105",
            f"framework {framework.id} has no level {review.level}",
            f"levels: {levels}",
            ("level",),
        )
    ]


def place(label: str, review: ReviewFile, findings: Iterable[Finding]) -> Iterable[Diagnostic]:
    """Findings with their line and column in the review file."""
    from imhcli.check.engine import to_diagnostics

    data = review.data or {}
    located = [_with_keys(f, data) for f in findings]
    record = Record(rel=label, yaml_text=review.text)
    yield from to_diagnostics("", record, located)


def _with_keys(finding: Finding, data: dict[Any, Any]) -> Finding:
    """Pydantic names a number key (``1.02:``) as text; point at the key as written."""
    loc: list[Any] = []
    node: Any = data
    for part in finding.loc:
        if isinstance(node, dict) and part not in node:
            part = next((k for k in node if str(k) == str(part)), part)
        loc.append(part)
        node = node.get(part) if isinstance(node, dict) else _item(node, part)
    if tuple(loc) == finding.loc:
        return finding
    fixed: Loc = tuple(loc)
    return Finding(finding.code, finding.message, finding.hint, fixed, finding.key)


def _item(node: Any, part: Any) -> Any:
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None
