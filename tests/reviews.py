"""Helpers for the review tests: a bundle worth reviewing, and edits to a review file."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from imhcli.models.review import Assessor
from imhcli.review.init import init_review
from tests.bundles import make_bundle
from tests.conftest import PORTFOLIO_YAML, write_portfolio

BAGGED = dt.date(2026, 11, 30)
ASSESSOR = Assessor(name="A. Assessor", role="IMH assessor", email="assessor@example.org")


def entry(title: str, day: str, competencies: str, *, extra: str = "") -> str:
    return (
        f"---\ntype: reflection\ntitle: {title}\ndate: {day}\n"
        f"competencies: {competencies}\n{extra}---\n\nWhat I noticed, and what I will do next.\n"
    )


def make_folio(root: Path, *, name: str = "Sam Example") -> Path:
    """A small level-2 portfolio: two reflections, one with a certificate."""
    files: dict[str, str | bytes] = {
        "entries/2025/a-visit.md": entry(
            "A visit", "2025-03-04", '["1.04", "1.05"]', extra="evidence: [evidence/cert.pdf]\n"
        ),
        "entries/2025/b-group.md": entry("A group", "2025-06-10", '["3.04"]'),
        "evidence/cert.pdf": b"%PDF-1.4 certificate\n",
    }
    yaml = PORTFOLIO_YAML.replace("Sam Example", name)
    return write_portfolio(root, files, portfolio_yaml=yaml)


def make_bundle_at(folio: Path, folder: Path, *, date: dt.date = BAGGED) -> Path:
    """The portfolio's bundle in ``folder``, under its default name."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"sam-example-level2-{date.isoformat()}.zip"
    return Path(make_bundle(folio, folder / name, date=date).path)


def start_review(bundle: Path, **options: Any) -> Path:
    """`imh review init` as a call; the review file's path."""
    outcome = init_review(bundle, assessor=ASSESSOR, **options)
    assert outcome.result is not None, outcome.verified.report
    return Path(outcome.result.path)


def edit(path: Path, change: Callable[[Any], object]) -> None:
    """Load the review with the round-trip loader, let ``change`` edit it, write it back."""
    yaml = YAML(typ="rt")
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    out = io.StringIO()
    yaml.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")


def judge_all(judgement: str, **overrides: str) -> Callable[[Any], None]:
    """An edit that gives every competency ``judgement`` (some others by id)."""

    def change(data: Any) -> None:
        for comp_id, item in data["competencies"].items():
            item["judgement"] = overrides.get(str(comp_id), judgement)
            item["comment"] = f"Comment on {comp_id}."

    return change


def decide(state: str, day: str = "2026-12-10", **feedback: Any) -> Callable[[Any], None]:
    """An edit that records a decision with feedback text."""

    def change(data: Any) -> None:
        data["state"] = state
        data["date"] = dt.date.fromisoformat(day)
        data["feedback"]["feed_up"]["text"] = "Level 2 asks for relationship-based practice."
        data["feedback"]["feed_back"]["text"] = "Your reflections show careful observation."
        data["feedback"]["feed_forward"] = feedback.get("feed_forward", [])

    return change


def then(*changes: Callable[[Any], object]) -> Callable[[Any], None]:
    """One change that makes each of ``changes`` in turn."""

    def change(data: Any) -> None:
        for each in changes:
            each(data)

    return change


def signed_off(data: Any) -> None:
    judge_all("met")(data)
    decide("signed-off")(data)
