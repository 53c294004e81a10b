"""Privacy rules IMH401-IMH406: recall on real-looking identifiers, silence on ordinary writing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imhcli.check.run import check
from imhcli.rules.identifiers import compile_deny_list, find_identifiers, mask, nhs_checksum_ok
from tests.conftest import TODAY

CORPORA = Path(__file__).parent / "data" / "privacy"
OWN_EMAIL = "sam@example.org"


def corpus(name: str) -> list[str]:
    text = (CORPORA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_corpora_counts() -> None:
    """Every identifier is found with its code; ordinary practice writing raises nothing."""
    found: Counter[str] = Counter()
    missed: list[str] = []
    for line in corpus("identifiers.txt"):
        code, text = line.split(" | ", 1)
        codes = [h.code for h in find_identifiers(text, own_email=OWN_EMAIL)]
        if codes == [code]:
            found[code] += 1
        else:
            missed.append(f"{code} {codes} {text}")
    ordinary = corpus("ordinary.txt")
    noisy = [
        f"{[(h.code, h.text) for h in hits]} {text}"
        for text in ordinary
        if (hits := find_identifiers(text, own_email=OWN_EMAIL))
    ]
    total = len(corpus("identifiers.txt"))
    print(
        f"\nprivacy corpora: identifiers found {sum(found.values())}/{total} "
        f"({', '.join(f'{c} {n}' for c, n in sorted(found.items()))}); "
        f"ordinary lines {len(ordinary)}, false findings {len(noisy)}"
    )
    assert not missed, "missed:\n" + "\n".join(missed)
    assert not noisy, "false findings:\n" + "\n".join(noisy)
    assert set(found) == {"IMH401", "IMH402", "IMH403", "IMH404", "IMH405"}


@pytest.mark.parametrize(
    ("digits", "ok"),
    [("9434765919", True), ("9434765918", False), ("123456789", False), ("12345678x0", False)],
)
def test_nhs_checksum(digits: str, ok: bool) -> None:
    assert nhs_checksum_ok(digits) is ok


def test_ten_digits_need_context() -> None:
    assert find_identifiers("Order 9434765919 arrived.") == []
    assert [h.code for h in find_identifiers("NHS 9434765919")] == ["IMH401"]


def test_deny_list_word_boundaries_and_case() -> None:
    deny = compile_deny_list("# names\n\nAnn\nO'Brien\nAnn Smith\n")
    assert deny is not None
    text = "ann met ANN SMITH; Annabel and o'brien stayed; Joanne left."
    hits = find_identifiers(text, deny=deny)
    assert [(h.start, h.text) for h in hits] == [(0, "ann"), (8, "ANN SMITH"), (31, "o'brien")]
    assert compile_deny_list("# only a comment\n\n") is None


def test_long_deny_list_uses_one_pattern() -> None:
    deny = compile_deny_list("\n".join(f"name{i}" for i in range(100)) + "\nAnn\n")
    assert deny is not None and len(deny.terms) > 64
    hits = find_identifiers("ANN and Annabel met NAME7.", deny=deny)
    assert [(h.start, h.text) for h in hits] == [(0, "ANN"), (20, "NAME7")]


def test_mask_hides_the_identifier() -> None:
    assert mask("943 476 5919") == "943 *** ****"
    assert mask("Ann") == "A**"


def _entry(title: str, body: str, extra: str = "") -> str:
    return f"---\ntype: reflection\ntitle: {title}\ndate: 2025-03-04\n{extra}---\n{body}"


def test_findings_have_exact_lines_and_columns(portfolio: Callable[..., Path]) -> None:
    body = "First line.\n\nCall Mum on 07700 900123 today.\nMoved to SW1A 1AA.\n"
    root = portfolio({"entries/a.md": _entry("Visit to M1 1AE", body)})
    report = check([root], today=TODAY)
    found = [(d.code, d.line, d.column) for d in report.diagnostics]
    assert found == [("IMH402", 3, 17), ("IMH403", 8, 13), ("IMH402", 9, 10)]
    assert all("*" in d.message for d in report.diagnostics)


def test_allow_in_front_matter_and_inline(portfolio: Callable[..., Path]) -> None:
    body = (
        "Meeting at SW1A 1AA.\n"
        "<!-- imh-allow: phone, email -->\n"
        "Office 020 7946 0321, team@example.com.\n"
        "Office 020 7946 0322.\n"
        "Nursery at M1 1AE.\n"
    )
    root = portfolio({"entries/a.md": _entry("A visit", body, "allow: [postcode]\n")})
    report = check([root], today=TODAY)
    assert [(d.code, d.line) for d in report.diagnostics] == [("IMH403", 10)]


def test_own_email_is_never_flagged(portfolio: Callable[..., Path]) -> None:
    yaml = (
        "format: 1\nframework: imhcf-2019\nlevel: 2\n"
        "practitioner:\n  name: Sam Example\n  email: Sam@Example.org\n"
    )
    body = "Write to sam@example.org or to jo@example.org.\n"
    root = portfolio({"entries/a.md": _entry("Mail", body)}, portfolio_yaml=yaml)
    report = check([root], today=TODAY)
    assert [(d.code, d.column) for d in report.diagnostics] == [("IMH404", 32)]


def test_deny_list_read_from_the_portfolio(portfolio: Callable[..., Path]) -> None:
    yaml = (
        "format: 1\nframework: imhcf-2019\nlevel: 2\npractitioner:\n  name: Sam Example\n"
        "privacy:\n  deny_list: private/names.txt\n"
    )
    files = {
        "private/names.txt": "# family names\nTeodora\n",
        "entries/a.md": _entry("Teodora's first weeks", "I saw teodora and her dad.\n"),
    }
    report = check([portfolio(files, portfolio_yaml=yaml)], today=TODAY)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [
        ("IMH406", 3, 8),
        ("IMH406", 6, 7),
    ]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_hits_inside_it(text: str) -> None:
    deny = compile_deny_list("Ann\nİstanbul\n")
    for hit in find_identifiers(text, own_email="sam@example.org", deny=deny):
        assert text[hit.start : hit.start + len(hit.text)] == hit.text


@given(st.from_regex(r"[0-9 ()+\-]{0,40}", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_digit_soup_never_crashes(text: str) -> None:
    for hit in find_identifiers(text):
        assert hit.code in {"IMH401", "IMH403"}


def test_deny_list_when_lower_case_changes_the_length() -> None:
    deny = compile_deny_list("Ann\n")
    assert deny is not None
    text = "İİ met ann."  # "İ".lower() is two characters: offsets must still be right
    assert [(h.start, h.text) for h in find_identifiers(text, deny=deny)] == [(7, "ann")]


def test_normalised_text_finds_the_kinds_once_missed() -> None:
    """Curly apostrophes, emphasis, hard wraps and plurals do not hide a deny-listed name."""
    deny = compile_deny_list("O'Brien\nAmelia Kowalska\nNowak\n")
    text = "Met O\u2019Brien and _Amelia\nKowalska_; the **Nowaks** came, then the Nowakes.\n"
    found = [(h.code, h.text) for h in find_identifiers(text, deny=deny)]
    assert found == [
        ("IMH406", "O\u2019Brien"),
        ("IMH406", "Amelia\nKowalska"),
        ("IMH406", "Nowaks"),
        ("IMH406", "Nowakes"),
    ]
    wrapped = "The family moved to LS6\n2AB last week; call 07700\n900123.\n"
    assert [h.code for h in find_identifiers(wrapped)] == ["IMH402", "IMH403"]


def test_deny_list_of_any_size_is_one_pass() -> None:
    """90,000 terms read each word once: the answer is the same as with ten."""
    small = compile_deny_list("Kowalski\nAnn Smith\n")
    big = compile_deny_list("\n".join([f"Surname{i}" for i in range(90_000)] + ["Kowalski"]))
    text = "Kowalski and Surname89999 met; Ann Smith stayed. " * 3
    assert small is not None and big is not None
    assert len(big.lengths) == 1
    assert [h.text for h in find_identifiers(text, deny=small)] == ["Kowalski", "Ann Smith"] * 3
    assert [h.text for h in find_identifiers(text, deny=big)] == ["Kowalski", "Surname89999"] * 3


def test_names_corpus() -> None:
    """Names in files and folders: found by the same rules, ordinary names stay quiet."""
    from imhcli.rules.privacy_files import as_words

    deny = compile_deny_list("Kowalski\nAmelia Nowak\nO'Brien\n")
    wrong = []
    for line in corpus("names.txt"):
        code, rel = line.split(" | ", 1)
        found = [h.code for h in find_identifiers(as_words(rel), own_email=OWN_EMAIL, deny=deny)]
        if found != ([] if code == "ok" else [code]):
            wrong.append(f"{code} {found} {rel}")
    assert not wrong, "\n".join(wrong)


def test_titles_with_identifiers_are_found() -> None:
    """The titles the issue named, as `imh new` and IMH401-IMH406 read them."""
    deny = compile_deny_list("Kowalski\n")
    titles = {"Kowalski family thank-you card": "IMH406", "Visit to Amelia at LS6 2AB": "IMH402"}
    for title, code in titles.items():
        assert [h.code for h in find_identifiers(title, deny=deny)] == [code], title
