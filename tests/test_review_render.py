"""`imh review render`: the feedback page, in HTML and Markdown, with the review's words escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imhcli.load.review import read_review
from imhcli.output.feedback.view import feedback_view
from imhcli.review.render import render_feedback
from tests.conftest import Run
from tests.reviews import decide, edit, judge_all, make_bundle_at, make_folio, start_review

HOSTILE = '<script>alert("x")</script> [link](https://example.org) **bold**\n- a list'


def revision(data: Any) -> None:
    judge_all("met", **{"3.04": "partially-met", "1.05": "not-met"})(data)
    step = {"text": HOSTILE, "level": "process", "competencies": ["3.04"]}
    decide("revision-requested", feed_forward=[step])(data)
    data["competencies"]["1.05"]["comment"] = "Relate to the baby.\n\nShow it."


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("render")
    path = start_review(make_bundle_at(make_folio(tmp / "folio"), tmp / "in"))
    edit(path, revision)
    return path


def model(path: Path) -> Any:
    found = read_review(path).model
    assert found is not None
    return found


def test_next_steps_are_feed_forward_then_unnamed_gaps(review: Path) -> None:
    view = feedback_view(model(review), None)
    assert [(s.text, s.competencies) for s in view.steps] == [
        (HOSTILE, ("3.04",)),
        ("Relate to the baby.\n\nShow it.", ("1.05",)),
    ]
    assert view.counts == {"not-assessed": 0, "not-met": 1, "partially-met": 1, "met": 61}


def test_html_escapes_every_word_and_loads_nothing(review: Path) -> None:
    html = render_feedback(model(review), output_format="html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="https://example.org"' not in html
    assert "default-src &#x27;none&#x27;" in html
    assert "Revision requested" in html and "Domain 7:" in html
    assert html.count('<td class="judgement met">') == 61
    assert "assessor@example.org" not in html  # the page names no e-mail


def test_markdown_escapes_links_tags_and_lists(review: Path) -> None:
    text = render_feedback(model(review), output_format="markdown")
    assert "&lt;script&gt;" in text and "\\[link\\](https://example.org)" in text
    assert "\\*\\*bold\\*\\*" in text and "\\- a list" in text
    assert "## Where to next?" in text and "1. " in text
    assert "| 1.05 |" in text and "✗ Not met" in text


def test_cli_writes_a_page_and_never_replaces_one(run: Run, review: Path, tmp_path: Path) -> None:
    out = tmp_path / "feedback.html"
    run("review", "render", review, "-o", out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    run("review", "render", review, "-o", out, expect=2)
    ran = run("review", "render", review, "--format", "markdown")
    assert ran.stdout.startswith("# Feedback on your portfolio: Sam Example")


def test_a_review_with_errors_is_not_rendered(run: Run, review: Path, tmp_path: Path) -> None:
    broken = tmp_path / "r.yaml"
    broken.write_text(review.read_text().replace("judgement: met", "judgement: good", 1))
    ran = run("review", "render", broken, "-o", tmp_path / "f.html", expect=1)
    assert "IMH703" in ran.stderr and not (tmp_path / "f.html").exists()
