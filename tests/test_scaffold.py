"""What `imh init` and `imh new` write always reads back as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imhcli.errors import UsageError
from imhcli.load.frameworks import load_framework
from imhcli.load.frontmatter import split
from imhcli.load.yaml_loaders import load_fast
from imhcli.scaffold.new import entry_text, init_portfolio, new_entry, slugify

FRAMEWORK = load_framework("imhcf-2019")
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40)


def front(text: str) -> dict[str, object]:
    parts = split(text)
    assert parts.yaml is not None
    data: dict[str, object] = load_fast(parts.yaml)
    return data


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT)
def test_any_title_round_trips(title: str, setting: str) -> None:
    text = entry_text(
        "practice",
        title=title,
        date=dt.date(2025, 1, 1),
        competencies=["1.04"],
        hours=None,
        fields={"setting": setting},
        framework=FRAMEWORK,
        level=2,
    )
    data = front(text)
    assert (data["title"], data["setting"]) == (title, setting)


@pytest.mark.parametrize(
    "title", ["tab\there", "bell\a", "line\nbreak", "trailing ", " leading", "no", "1.5", "a: b"]
)
def test_awkward_titles_check_clean(tmp_path: Path, title: str) -> None:
    from imhcli.check.run import check

    init_portfolio(tmp_path, level=2, name="Sam Example")
    path = new_entry(tmp_path, "reflection", title=title, date=dt.date(2025, 1, 1))
    assert front(path.read_text())["title"] == title
    # nothing but IMH110: the entry holds only its template until it is written
    assert {d.code for d in check([tmp_path]).diagnostics} <= {"IMH110"}


def test_undecodable_title_is_refused(tmp_path: Path) -> None:
    init_portfolio(tmp_path, level=2, name="Sam Example")
    with pytest.raises(UsageError, match="UTF-8"):
        new_entry(tmp_path, "reflection", title="caf\udce9", date=dt.date(2025, 1, 1))
    with pytest.raises(UsageError, match="--setting"):
        new_entry(
            tmp_path, "practice", title="x", date=dt.date(2025, 1, 1), fields={"setting": "\udcff"}
        )
    assert not list((tmp_path / "entries").rglob("*.md"))


def test_undecodable_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--name"):
        init_portfolio(tmp_path / "p", level=2, name="Zo\udceb")
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize("name", ["Zoë O'Neill", 'Sam "Sammy" Example', "null", "Ann\tLee"])
def test_init_names_round_trip(tmp_path: Path, name: str) -> None:
    init_portfolio(tmp_path, level=1, name=name)
    assert load_fast((tmp_path / "portfolio.yaml").read_text())["practitioner"]["name"] == name


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Noticing a baby's cues", "noticing-a-baby-s-cues"),
        ("Zoë's café", "zoe-s-cafe"),
        ("!!!", "entry"),
        ("x" * 100, "x" * 60),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
