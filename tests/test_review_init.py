"""`imh review init`: a verified bundle gives a review skeleton; nothing else does."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from imhcli.load.frameworks import load_framework
from imhcli.load.review import read_review
from imhcli.review.init import init_review
from tests.bundles import rewrite_zip
from tests.conftest import Run
from tests.reviews import ASSESSOR, make_bundle_at, make_folio, start_review


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return make_bundle_at(make_folio(tmp_path / "folio"), tmp_path / "in")


def test_the_skeleton_judges_every_competency_at_the_level(bundle: Path) -> None:
    review = read_review(start_review(bundle))
    assert review.findings == []
    model = review.model
    assert model is not None
    assert model.bundle.name == bundle.name
    assert model.bundle.sha256 == hashlib.sha256(bundle.read_bytes()).hexdigest()
    assert (model.practitioner, model.level, model.framework) == ("Sam Example", 2, "imhcf-2019")
    assert (model.state, model.date, model.previous) == ("in-review", None, None)
    level_2 = [c.id for c in load_framework("imhcf-2019").at_level(2)]
    assert list(model.competencies) == level_2
    assert {c.judgement for c in model.competencies.values()} == {"not-assessed"}
    assert (model.feedback.feed_up.text, model.feedback.feed_forward) == ("", [])


def test_each_row_shows_the_bundles_own_view(bundle: Path) -> None:
    path = start_review(bundle)
    text = path.read_text(encoding="utf-8")
    model = read_review(path).model
    assert model is not None
    assert model.competencies["1.04"].evidence == ["entries/2025/a-visit.md"]
    assert model.competencies["1.01"].evidence == []
    block = text[text.index('"1.04":') : text.index('"1.05":')]
    assert "# imh: evidenced by 1 entry" in block
    assert "# imh: a gap: no entry evidences it" in text[text.index('"1.01":') :]


def test_the_skeleton_checks_clean_against_its_bundle(run: Run, bundle: Path) -> None:
    path = start_review(bundle)
    ran = run("review", "check", path, "--bundle", bundle, "--format", "json")
    assert json.loads(ran.stdout)["diagnostics"] == []


def test_cli_writes_beside_the_bundle_and_prints_where(run: Run, bundle: Path) -> None:
    ran = run("review", "init", bundle, "--assessor-name", "A. Assessor", "--format", "json")
    written = json.loads(ran.stdout)
    assert Path(written["path"]) == bundle.with_name(bundle.stem + ".review.yaml")
    assert written["competencies"] == 63
    model = read_review(Path(written["path"])).model
    assert model is not None and model.assessor.name == "A. Assessor"


def test_an_existing_review_is_never_replaced(run: Run, bundle: Path) -> None:
    path = start_review(bundle)
    path.write_text("my judgements\n", encoding="utf-8")
    ran = run("review", "init", bundle, expect=2)
    assert "already exists" in ran.stderr
    assert path.read_text(encoding="utf-8") == "my judgements\n"


def test_an_invalid_bundle_is_refused_with_its_findings(
    run: Run, bundle: Path, tmp_path: Path
) -> None:
    top = bundle.stem
    tampered = rewrite_zip(
        bundle,
        tmp_path / bundle.name,
        change=f"{top}/data/entries/2025/b-group.md",
        data=b"---\ntype: reflection\n---\nchanged\n",
    )
    ran = run("review", "init", tampered, expect=1)
    assert "IMH604" in ran.stderr and "data/entries/2025/b-group.md" in ran.stderr
    assert "no review was written" in ran.stderr
    assert not tampered.with_name(tampered.stem + ".review.yaml").exists()


def test_a_missing_bundle_is_exit_2(run: Run, tmp_path: Path) -> None:
    ran = run("review", "init", tmp_path / "none.zip", expect=2)
    assert "no such file" in ran.stderr


def test_a_resubmission_links_the_previous_review(bundle: Path, tmp_path: Path) -> None:
    first = start_review(bundle)
    again = make_bundle_at(make_folio(tmp_path / "folio2"), tmp_path / "again")
    second = start_review(again, previous=first)
    model = read_review(second).model
    assert model is not None and model.previous is not None
    assert model.previous.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
    assert model.previous.name == first.name


def test_a_previous_review_of_someone_else_is_refused(
    run: Run, bundle: Path, tmp_path: Path
) -> None:
    first = start_review(bundle)
    other = make_bundle_at(make_folio(tmp_path / "other", name="Kim Other"), tmp_path / "o")
    ran = run("review", "init", other, "--previous", first, expect=2)
    assert "Kim Other" in ran.stderr and "nothing was written" in ran.stderr


def test_text_from_the_bundle_cannot_add_keys_to_the_review(tmp_path: Path) -> None:
    name = 'Sam "Q" Example\\n#: x'
    folio = make_folio(tmp_path / "folio", name=json.dumps(name))
    bundle = make_bundle_at(folio, tmp_path / "in")
    outcome = init_review(bundle, assessor=ASSESSOR.model_copy(update={"name": "A\nstate: x"}))
    assert outcome.result is not None
    review = read_review(Path(outcome.result.path))
    assert review.findings == []
    assert review.model is not None
    assert review.model.practitioner == name
    assert review.model.assessor.name == "A\nstate: x"
    assert review.model.state == "in-review"
