"""The review file `imh review init` writes: every competency at the level, not yet assessed.

Each competency carries, in a comment, the status imh computes from the bundle
(evidenced, claimed, planned, gap) and lists the evidencing entries as its
`evidence:`, so the assessor reads the bundle's own view beside each row. Every
value taken from the bundle is written as a quoted scalar and every comment is one
line of printable text, so nothing in a bundle can add keys to the review.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from imhcli.analysis.coverage import CompetencyStatus, CoverageReport
from imhcli.base.words import plural
from imhcli.models.review import REVIEW_FORMAT, Assessor, BundleFacts

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_NOTE = {
    "evidenced": "evidenced by {n}",
    "claimed": "claimed in the self-assessment, with no evidencing entry",
    "planned": "planned only (an open plan entry)",
    "gap": "a gap: no entry evidences it",
}

HEADER = """\
# imh review (format {format}): an assessor's review of one bundle.
# Judge every competency: not-assessed | not-met | partially-met | met, with a comment.
# Answer the three feedback questions, set `state` and `date`, then run
#   imh review check {file} --bundle {bundle}
#   imh review sign {file}
"""


def quoted(value: str) -> str:
    """A YAML double-quoted scalar for any text (JSON's escapes are YAML's too)."""
    text = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text: str, limit: int = 100) -> str:
    """Text safe for a YAML comment: one line, printable, at most ``limit`` characters."""
    flat = " ".join(_UNSAFE.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def skeleton(
    facts: BundleFacts,
    report: CoverageReport,
    *,
    practitioner: str,
    assessor: Assessor,
    file_name: str,
    previous: tuple[str, str] | None = None,
) -> str:
    """The review file's text. ``previous`` is (name, sha256) of the review this follows."""
    header = HEADER.format(
        format=REVIEW_FORMAT, bundle=one_line(facts.name), file=one_line(file_name)
    )
    lines = [header + f"format: {REVIEW_FORMAT}"]
    lines.append(f"bundle: {{name: {quoted(facts.name)}, sha256: {quoted(facts.sha256)}}}")
    lines.append(f"practitioner: {quoted(practitioner)}")
    lines.append(f"level: {report.level}")
    lines.append(f"framework: {quoted(report.framework)}")
    lines.append(f"assessor: {_assessor(assessor)}")
    lines.append("state: in-review   # in-review | revision-requested | signed-off | not-approved")
    lines.append("date: null         # the date of your decision, YYYY-MM-DD")
    lines.append("competencies:")
    lines.extend(_competencies(report.competencies))
    lines.extend(FEEDBACK.splitlines())
    if previous is not None:
        name, sha256 = previous
        lines.append(f"previous: {{sha256: {quoted(sha256)}, name: {quoted(name)}}}")
    return "\n".join(lines) + "\n"


def _assessor(assessor: Assessor) -> str:
    fields = [("name", assessor.name), ("role", assessor.role), ("email", assessor.email)]
    return "{" + ", ".join(f"{k}: {quoted(v)}" for k, v in fields if v) + "}"


def _competencies(statuses: list[CompetencyStatus]) -> Iterator[str]:
    domain = None
    for comp in statuses:
        if comp.domain != domain:
            domain = comp.domain
            yield f"  # Domain {comp.domain}: {one_line(comp.domain_title)}"
        yield f"  {quoted(comp.id)}:   # {one_line(comp.statement)}"
        yield f"    # imh: {_status_note(comp)}"
        yield "    judgement: not-assessed"
        yield '    comment: ""'
        yield "    evidence:" + ("" if comp.evidence else " []")
        for path in comp.evidence:
            yield f"      - {quoted(path)}"


def _status_note(comp: CompetencyStatus) -> str:
    n = len(comp.evidence)
    return _NOTE[comp.status].format(n=plural(n, "entry", "entries"))


FEEDBACK = """\
feedback:   # Hattie and Timperley (2007): three questions; level: task | process | self-regulation
  feed_up:     # Where am I going? The goals of the level, as this portfolio shows them.
    text: ""
    level: task
  feed_back:   # How am I going? What the evidence shows, and how well.
    text: ""
    level: process
  feed_forward: []   # Where to next? One item per step:
  # - {text: "...", level: self-regulation, competencies: ["3.04"]}"""
