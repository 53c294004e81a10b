"""The writing templates of `imh new`: reflective models, prompts as comments, checklists."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from imhcli.analysis.coverage import coverage
from imhcli.check.counting import counting_for
from imhcli.check.run import check
from imhcli.errors import UsageError
from imhcli.load.body import own_words
from imhcli.load.portfolio import load
from imhcli.models.entries import ENTRY_TYPES
from imhcli.models.reflective import (
    CODE_THEMES,
    MODELS,
    NMC_FORM_SECTIONS,
    find_model,
    model_key,
    model_names,
)
from imhcli.output.report.markdown import render_markdown
from imhcli.rules.writing import WRITTEN_TYPES
from imhcli.scaffold.new import init_portfolio, new_entry

DAY = dt.date(2025, 3, 4)
HOURS = {"cpd": 6.0, "supervision": 1.5}
#: What each type is started with: every entry type once, each reflective model once.
TEMPLATES: list[tuple[str, str | None]] = [
    *((t, None) for t in ENTRY_TYPES if t != "reflection"),
    *(("reflection", m.name) for m in MODELS),
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    init_portfolio(tmp_path / "p", level=2, name="Sam Example")
    return tmp_path / "p"


def start(root: Path, entry_type: str, model: str | None) -> Path:
    return new_entry(
        root,
        entry_type,
        title=None if entry_type == "self-assessment" else f"A {entry_type}",
        date=DAY,
        competencies=[] if entry_type == "self-assessment" else ["1.04"],
        hours=HOURS.get(entry_type),
        fields={"model": model} if model else {},
    )


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def fill(path: Path) -> None:
    """Write one sentence of the practitioner's own under every heading."""
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    filled = re.sub(r"(-->\n)", r"\1\nI wrote this sentence myself.\n", body)
    path.write_text(f"{head}\n---\n{filled}", encoding="utf-8")


# --- the models ---------------------------------------------------------------------


def test_every_model_is_offered() -> None:
    assert model_names() == ["Gibbs", "Driscoll", "Kolb", "Rolfe", "Johns", "Schön", "NMC"]
    assert all(m.source and len(m.sections) >= 3 for m in MODELS)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("gibbs", "Gibbs"),
        ("KOLB", "Kolb"),
        ("schon", "Schön"),
        ("Schön", "Schön"),
        ("SCHÖN", "Schön"),
        ("Scho\u0308n", "Schön"),
        ("NMC form", "NMC"),
        ("nmc  FORM", "NMC"),
        ("nmc", "NMC"),
        (" Johns ", "Johns"),
    ],
)
def test_models_match_without_case_or_accents(written: str, name: str) -> None:
    found = find_model(written)
    assert found is not None and found.name == name


def test_unknown_model_is_not_found() -> None:
    assert find_model("Borton 1970") is None
    assert model_key("  Schön   Form ") == "schon form"


def test_kolb_rolfe_johns_schon_have_their_own_stages() -> None:
    titles = {m.name: [s.title for s in m.sections] for m in MODELS}
    assert titles["Kolb"] == [
        "Concrete experience",
        "Reflective observation",
        "Abstract conceptualisation",
        "Active experimentation",
    ]
    assert titles["Rolfe"] == ["What?", "So what?", "Now what?"]
    assert titles["Johns"][-1] == "Learning" and "Influencing factors" in titles["Johns"]
    assert "Reflection in action" in titles["Schön"] and "Reflection on action" in titles["Schön"]
    assert titles["NMC"] == list(NMC_FORM_SECTIONS)


def test_every_model_is_in_the_docs_with_its_source() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "templates.md").read_text()
    for model in MODELS:
        assert f"### {model.name}" in page
        assert model.source in " ".join(page.split())
        for section in model.sections:
            assert section.title in page


def test_every_entry_type_template_is_in_the_docs() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "templates.md").read_text()
    missing = [t for t in ENTRY_TYPES if t != "reflection" and f"| {t} |" not in page]
    assert not missing, f"docs/templates.md does not describe: {missing}"


# --- imh new reflection --model ------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_a_reflection_has_its_models_headings(root: Path, model: object) -> None:
    from imhcli.models.reflective import ReflectiveModel

    assert isinstance(model, ReflectiveModel)
    path = start(root, "reflection", model_key(model.name))
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == [s.title for s in model.sections]
    assert f"model: {model.name}\n" in text or f'model: "{model.name}"\n' in text


def test_the_nmc_form_offers_the_codes_themes(root: Path) -> None:
    text = start(root, "reflection", "NMC form").read_text(encoding="utf-8")
    assert all(f"- [ ] {theme}\n" in text for theme in CODE_THEMES)


def test_unknown_model_in_the_library_too(root: Path) -> None:
    with pytest.raises(UsageError, match="models: Gibbs"):
        start(root, "reflection", "Unknown")


# --- every template ------------------------------------------------------------------


@pytest.mark.parametrize(("entry_type", "model"), TEMPLATES)
def test_prompts_are_comments_and_no_title_heading(
    root: Path, entry_type: str, model: str | None
) -> None:
    body = body_of(start(root, entry_type, model))
    assert not re.search(r"^# ", body, re.MULTILINE), "the title is shown once, from front matter"
    assert own_words(body) == "", "a prompt is outside an HTML comment"
    rendered = render_markdown(body)
    assert "<!--" not in rendered and "<p>" not in rendered
    assert "[ ]" not in rendered


@pytest.mark.parametrize(("entry_type", "model"), TEMPLATES)
def test_a_filled_template_checks_clean_and_counts(
    root: Path, entry_type: str, model: str | None
) -> None:
    path = start(root, entry_type, model)
    fill(path)
    assert "I wrote this sentence myself." in path.read_text(encoding="utf-8")
    assert check([root], today=DAY).diagnostics == []
    portfolio = load(root, today=DAY)
    counting = counting_for(portfolio)
    assert counting.counts(path.relative_to(root).as_posix())
    status = next(
        c.status for c in coverage(portfolio, counting=counting).competencies if c.id == "1.04"
    )
    # a break is time away, not evidence, even when it lists a competency
    expected = {"self-assessment": "gap", "plan": "planned", "break": "gap"}.get(
        entry_type, "evidenced"
    )
    assert status == expected


@pytest.mark.parametrize(("entry_type", "model"), TEMPLATES)
def test_a_template_left_as_written_is_unfinished(
    root: Path, entry_type: str, model: str | None
) -> None:
    start(root, entry_type, model)
    codes = [d.code for d in check([root], today=DAY).diagnostics]
    portfolio = load(root, today=DAY)
    report = coverage(portfolio, counting=counting_for(portfolio))
    status = next(c.status for c in report.competencies if c.id == "1.04")
    if entry_type in WRITTEN_TYPES:
        assert codes == ["IMH110"]
        assert status == "gap", "an unfinished entry is evidence of nothing"
    else:
        assert "IMH110" not in codes, f"a {entry_type} entry may have an empty body"


def test_checklists_render_as_checkboxes(root: Path) -> None:
    path = start(root, "reflection", "NMC")
    ticked = path.read_text(encoding="utf-8").replace(
        "- [ ] Preserve safety", "- [x] Preserve safety"
    )
    rendered = render_markdown(ticked.split("\n---\n", 1)[1])
    assert rendered.count('type="checkbox"') == 4
    assert rendered.count('checked="checked"') == 1


def test_the_discussion_points_to_the_signed_form(root: Path) -> None:
    text = start(root, "discussion", None).read_text(encoding="utf-8")
    assert "# form: evidence/" in text
    assert "signed discussion form" in text and "PIN" in text
    assert "no names needed" not in text


def test_the_cpd_template_asks_about_participation_and_the_code(root: Path) -> None:
    text = start(root, "cpd", None).read_text(encoding="utf-8")
    assert "participatory: true" in text
    assert all(f"- [ ] {theme}" in text for theme in CODE_THEMES)
