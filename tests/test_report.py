"""The HTML report: content, escaping, self-containment, determinism, and `imh report`."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import shutil
from collections.abc import Sequence
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imhcli.base.words import number
from imhcli.errors import UsageError
from imhcli.load.portfolio import load
from imhcli.output.report import render_report
from imhcli.output.report.html import stylesheet
from imhcli.output.report.markdown import render_markdown, strip_comments
from imhcli.output.report.svg import hours_chart, nice_scale, stacked_chart
from tests.conftest import Run
from tests.report_sample import REPORT_DAY, write_sample

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source"}
SVG_LEAVES = {"rect", "line", "path", "circle"}


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("report") / "sample")


@pytest.fixture(scope="module")
def page(sample_root: Path) -> str:
    return render_report(load(sample_root), today=REPORT_DAY)


class Tags(HTMLParser):
    """Collects start tags with their attributes and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


# --- the page as a whole ------------------------------------------------------------------


def test_page_is_well_formed(page: str) -> None:
    tags = parse(page)
    assert tags.errors == []
    assert tags.stack == []
    assert page.startswith("<!DOCTYPE html>\n")


def test_page_loads_nothing(page: str) -> None:
    tags = parse(page)
    names = {name for name, _ in tags.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}
    for name, attrs in tags.tags:
        assert "src" not in attrs, name
        assert "style" not in attrs, name
        assert not any(key.startswith("on") for key in attrs), (name, attrs)
        if name == "a":
            assert not str(attrs["href"]).lower().startswith(("javascript:", "data:"))
    assert "url(" not in page and "@import" not in page


def test_content_security_policy_allows_only_the_inline_stylesheet(page: str) -> None:
    css = stylesheet()
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"<style>{css}</style>" in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert policy.group(1).startswith("default-src &#x27;none&#x27;")
    assert f"sha256-{digest}" in policy.group(1)


def test_same_portfolio_and_day_give_the_same_bytes(sample_root: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(sample_root, tmp_path / "elsewhere" / "other-name")
    first = render_report(load(sample_root, today=dt.date(2030, 1, 1)), today=REPORT_DAY)
    second = render_report(load(copy, label="x"), today=REPORT_DAY)
    assert first == second
    assert str(sample_root) not in first


def test_report_date_defaults_to_the_portfolio_today(sample_root: Path) -> None:
    page = render_report(load(sample_root, today=dt.date(2026, 2, 3)))
    assert "<dt>Report date</dt><dd>2026-02-03</dd>" in page


# --- summary --------------------------------------------------------------------------------


def test_summary_names_the_practitioner_level_and_framework(page: str) -> None:
    assert "<h1>Sam &lt;b&gt;Example&lt;/b&gt; &amp; Co</h1>" in page
    assert "<title>CPD portfolio: Sam &lt;b&gt;Example&lt;/b&gt; &amp; Co</title>" in page
    assert "<dd>Health visitor</dd>" in page
    assert "<dd>Example &quot;Community&quot; Trust</dd>" in page
    assert "<dd>2: Advanced knowledge and skills</dd>" in page
    assert "Infant Mental Health Competency Framework (pregnancy to two years) (imhcf-2019" in page
    assert "<dd>2025-11-30</dd>" in page
    assert "NMC 12A3456E (renewal 2027-03-31)" in page


def test_coverage_says_what_of_the_framework_is_imhs_own(page: str) -> None:
    coverage = page[page.index('<section id="coverage"') :]
    notice = coverage[coverage.index('<p class="note framework-note">') :].split("</p>")[0]
    assert "part of the structure" in notice and "competency statements" in notice
    assert "imh&#x27;s own, not the publisher&#x27;s" in notice


def test_summary_counts_final_entries_by_type_and_hours(page: str) -> None:
    assert '<span class="value">7</span> final entries' in page
    assert '<span class="value">9</span> hours recorded' in page
    assert "<strong>2</strong> CPD activities" in page
    assert "<strong>1</strong> supervision session<" in page
    assert "Not included: 1 draft and 1 entry with errors" in page


def test_listed_practitioner_shows_the_register_name(tmp_path: Path) -> None:
    root = write_sample(tmp_path / "p")
    text = (root / "portfolio.yaml").read_text(encoding="utf-8")
    text += "register:\n  listed: true\n  display_name: Sam E.\n"
    (root / "portfolio.yaml").write_text(text, encoding="utf-8")
    page = render_report(load(root), today=REPORT_DAY)
    assert "<dd>listed as Sam E.</dd>" in page


# --- coverage -------------------------------------------------------------------------------


def cells(page: str) -> dict[str, str]:
    """Competency id -> status class of its grid cell."""
    found = {}
    for name, attrs in parse(page).tags:
        cls = str(attrs.get("class") or "")
        if name == "li" and cls.startswith("cell "):
            found[str(attrs["id"]).removeprefix("competency-")] = cls.split()[1]
    return found


def test_grid_has_one_cell_per_competency_at_the_level(page: str) -> None:
    grid = cells(page)
    assert len(grid) == 63
    assert grid["1-01"] == "evidenced"
    assert grid["1-10"] == "evidenced"  # written unquoted as 1.1
    assert grid["2-01"] == "claimed"
    assert grid["3-01"] == "planned"
    assert grid["1-02"] == "gap"


def test_statuses_differ_without_colour(page: str) -> None:
    from imhcli.output.report.grid import STATUS_KEY

    symbols = [symbol for symbol, _, _ in STATUS_KEY.values()]
    assert len(set(symbols)) == len(symbols)
    for status, (symbol, label, _) in STATUS_KEY.items():
        assert f'<li class="cell {status}"' in page or status not in cells(page).values()
        assert f'<span class="symbol">{symbol}</span></span><span><strong>{label}' in page


def test_domains_show_their_percentage(page: str) -> None:
    assert "2/10 evidenced, 20%" in page
    assert "1/9 evidenced, 11.1%" in page
    assert "5 of 63 competencies evidenced (7.9%)" in page


# --- hours and requirements ----------------------------------------------------------------


def test_hours_chart_is_inline_svg_with_title_and_description(page: str) -> None:
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page
    assert '<title id="cpd-chart-title">CPD hours per month</title>' in page
    assert (
        "March 2025: 6 (participatory 6, not participatory 0); April 2025: 0; "
        "May 2025: 1.5 (participatory 0, not participatory 1.5)."
    ) in page
    assert "practice-chart" not in page, "no practice hours, no practice chart"
    assert '<tr class="part"><th scope="row">participatory</th><td class="num">6</td>' in page
    assert '<tr class="total"><th scope="row">All hours</th><td class="num">9</td>' in page


def test_requirements_are_evaluated_as_of_the_report_date(page: str) -> None:
    assert '<h3>NMC revalidation <span class="badge unmet">✕ not yet</span></h3>' in page
    assert "Window: 2024-04-01 to 2027-03-31 (486 days left)." in page
    assert "Cannot be evaluated: unknown requirement profile &#x27;no-such-profile&#x27;" in page


def test_no_requirement_profiles_says_so(tmp_path: Path) -> None:
    root = write_sample(tmp_path / "p")
    text = (root / "portfolio.yaml").read_text(encoding="utf-8").split("requirements:")[0]
    (root / "portfolio.yaml").write_text(text, encoding="utf-8")
    page = render_report(load(root), today=REPORT_DAY)
    assert "portfolio.yaml lists no requirement profiles" in page


# --- entries --------------------------------------------------------------------------------


def test_only_final_valid_entries_are_shown_grouped_by_type(page: str) -> None:
    assert "Draft not to be shown" not in page
    assert "No front matter here" not in page
    order = [page.index(f'id="type-{t}"') for t in ("reflection", "cpd", "supervision", "plan")]
    assert order == sorted(order)
    assert page.index("Video interaction guidance") < page.index("Reading on infant sleep")


def test_entry_front_matter_summary(page: str) -> None:
    assert "<dt>Date</dt><dd>2025-03-10</dd>" in page
    assert "<dt>Hours</dt><dd>1.5</dd>" in page
    assert "<dt>Participatory</dt><dd>yes</dd>" in page
    assert '<a href="#competency-1-10">1.10</a>' in page
    assert "<code>evidence/certificate.pdf</code>" in page
    assert "<dt>Achieved (2)</dt><dd>1.01, 2.01</dd>" in page


def test_raw_html_in_bodies_is_escaped(page: str) -> None:
    assert "&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;document.title='pwned'&quot;&gt;" in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()


def test_front_matter_values_are_escaped(page: str) -> None:
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; thanks from a parent" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "Example Training &lt;Ltd&gt;" in page


def test_comments_are_removed_but_not_from_code(page: str) -> None:
    assert "imh-allow" not in page
    assert "Template prompt" not in page
    assert "&lt;!-- this comment is part of a code sample and stays --&gt;" in page


def test_images_become_their_alt_text_and_bad_links_stay_text(page: str) -> None:
    assert '<span class="image-alt">[image: a photo of the room]</span>' in page
    assert '<a href="https://www.example.org/guideline">guideline</a>' in page
    assert "[bad](javascript:alert(1))" in page


# --- Markdown -------------------------------------------------------------------------------


def test_body_headings_sit_below_the_entry_title() -> None:
    assert render_markdown("# A\n\n## B\n\n### C", heading_shift=4) == (
        "<h5>A</h5>\n<h6>B</h6>\n<h6>C</h6>\n"
    )


def test_table_alignment_uses_classes_not_styles() -> None:
    html = render_markdown("| a | b |\n|:-:|--:|\n| 1 | 2 |")
    assert '<th class="align-center">a</th>' in html
    assert '<td class="align-right">2</td>' in html
    assert "style=" not in html


def test_strip_comments_keeps_fenced_code() -> None:
    text = "a <!-- x --> b\n~~~~\n<!-- y -->\n~~~\n<!-- z -->\n~~~~\n<!--\nw\n-->c\n"
    assert strip_comments(text) == "a  b\n~~~~\n<!-- y -->\n~~~\n<!-- z -->\n~~~~\nc\n"


def test_unterminated_comment_is_left_as_escaped_text() -> None:
    assert render_markdown("a <!-- never closed") == "<p>a &lt;!-- never closed</p>\n"


ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "a", "ul", "ol",
    "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
ALLOWED_ATTRS = {"href", "title", "class", "start"}


#: Pieces of Markdown and HTML that attacks and accidents are made of ("~" is a space).
_WORDS = (
    "<script> </script> <img~src=x~onerror=y> <!-- --> ``` [a]( ) ![b](http://x/y.png) "
    "javascript: JaVaScRiPt: data: file: < > &#106; <a~href='h'> | --- # > * ` <style> & \" x"
)
PIECES = [*(word.replace("~", " ") for word in _WORDS.split()), "\n", " ", "# ", "> ", "* "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=30).map("".join))
def test_no_markdown_produces_live_html(text: str) -> None:
    html = render_markdown(text, heading_shift=4)
    tags = parse(html)
    for name, attrs in tags.tags:
        assert name in ALLOWED_TAGS, name
        assert set(attrs) <= ALLOWED_ATTRS, attrs
        if name == "a":
            href = str(attrs["href"]).lower().lstrip()
            assert not href.startswith(("javascript:", "data:", "file:")), href


def test_only_web_mail_and_relative_links_are_links() -> None:
    html = render_markdown(
        "[a](data:image/png;base64,xx) [b](JavaScript:x) [c](file:///etc/passwd) "
        "[d](https://x.org) [e](#top) [f](../evidence/a.pdf) [g](mailto:a@b.c) "
        "[h](&#106;avascript:alert(1))"
    )
    hrefs = [str(attrs["href"]) for name, attrs in parse(html).tags if name == "a"]
    assert hrefs == ["https://x.org", "#top", "../evidence/a.pdf", "mailto:a@b.c"]


# --- the examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/portfolio.yaml")))
def test_examples_render(name: str) -> None:
    page = render_report(load(EXAMPLES / name), today=dt.date(2026, 11, 23))
    tags = parse(page)
    assert tags.errors == [] and tags.stack == []
    assert len(cells(page)) > 0


def test_unusable_portfolio_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text("format: 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"valid portfolio\.yaml"):
        render_report(load(tmp_path))


# --- imh report -----------------------------------------------------------------------------


def test_cli_prints_to_stdout(run: Run, sample_root: Path, page: str) -> None:
    out = run("report", str(sample_root), "--as-of", REPORT_DAY.isoformat()).stdout
    assert out == page


def test_cli_writes_a_file_and_refuses_to_overwrite(
    run: Run, sample_root: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    ran = run("report", str(sample_root), "-o", str(target), "--as-of", "2025-11-30")
    assert ran.stdout == ""
    assert f"wrote {target}" in ran.stderr
    written = target.read_bytes()
    assert written.startswith(b"<!DOCTYPE html>")
    target.write_text("mine", encoding="utf-8")
    err = run("report", str(sample_root), "-o", str(target), expect=2).stderr
    assert "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    run("report", str(sample_root), "-o", str(target), "--force", "--as-of", "2025-11-30")
    assert target.read_bytes() == written
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


def test_cli_finds_the_portfolio_from_a_file_inside_it(run: Run, sample_root: Path) -> None:
    out = run("report", str(sample_root / "entries" / "broken.md"), "--as-of", "2025-11-30").stdout
    assert "<h1>Sam &lt;b&gt;Example&lt;/b&gt; &amp; Co</h1>" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2025-02-30"], "is not a date"),
        (["/no/such/folder"], "no such file or folder"),
    ],
)
def test_cli_bad_input_exits_2(run: Run, args: list[str], message: str, sample_root: Path) -> None:
    portfolio = [str(sample_root)] if args[0].startswith("-") else []
    ran = run("report", *portfolio, *args, expect=2)
    assert ran.stdout == ""
    assert message in ran.stderr


def test_cli_not_a_portfolio_exits_2(run: Run, tmp_path: Path) -> None:
    assert "not inside a portfolio" in run("report", str(tmp_path), expect=2).stderr


def test_cli_broken_portfolio_yaml_exits_2_with_a_hint(run: Run, tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text("format: [\n", encoding="utf-8")
    ran = run("report", str(tmp_path), expect=2)
    assert ran.stdout == ""
    assert "imh check" in ran.stderr


def test_cli_help_has_examples(run: Run) -> None:
    out = run("report", "--help").stdout
    assert "Examples" in out and "imh report" in out


# --- the SVG chart --------------------------------------------------------------------------


def chart_tree(series: Sequence[tuple[str | dt.date, Decimal]]) -> ElementTree.Element:
    return ElementTree.fromstring(hours_chart(series))


SVG = "{http://www.w3.org/2000/svg}"


def test_chart_fills_missing_months_and_describes_every_month() -> None:
    tree = chart_tree([("2025-05", Decimal("1.5")), (dt.date(2025, 2, 14), Decimal(6))])
    bars = tree.findall(f"{SVG}rect")
    assert [b.findtext(f"{SVG}title") for b in bars] == [
        "February 2025: 6 hours",
        "March 2025: 0 hours",
        "April 2025: 0 hours",
        "May 2025: 1.5 hours",
    ]
    desc = tree.findtext(f"{SVG}desc") or ""
    assert "from February 2025 to May 2025, 7.5 hours in all" in desc
    assert tree.get("role") == "img"
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert {"Hours", "Month", "Hours recorded per month"} <= set(texts)


def test_chart_bars_stay_below_the_top_of_the_axis() -> None:
    tree = chart_tree([("2025-01", Decimal(30)), ("2025-02", Decimal("0.5"))])
    tallest = max(float(b.get("height") or 0) for b in tree.findall(f"{SVG}rect"))
    ticks = [t.text for t in tree.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert ticks[:5] == ["0", "10", "20", "30", "40"]
    assert 0 < tallest < 280 - 40 - 58


def test_long_charts_label_fewer_months_on_the_same_months_each_year() -> None:
    series = [(f"{2020 + i // 12}-{i % 12 + 1:02d}", Decimal(1)) for i in range(48)]
    labels = [
        "".join(t.itertext())
        for t in chart_tree(series).iter(f"{SVG}text")
        if t.get("class") == "tick month"
    ]
    assert labels == ["Jan2020", "Jul", "Jan2021", "Jul", "Jan2022", "Jul", "Jan2023", "Jul"]


def test_stacked_chart_stacks_its_layers_and_has_a_key() -> None:
    series = [("2025-01", (Decimal(4), Decimal(2))), ("2025-02", (Decimal(0), Decimal(3)))]
    tree = ElementTree.fromstring(
        stacked_chart(series, title="CPD", id_prefix="c", layers=("together", "alone"))
    )
    bars = [b for b in tree.findall(f"{SVG}rect") if "swatch" not in (b.get("class") or "")]
    assert [b.findtext(f"{SVG}title") for b in bars] == [
        "January 2025: 4 together hours",
        "January 2025: 2 alone hours",
        "February 2025: 3 alone hours",
    ]
    first, second = bars[0], bars[1]
    assert float(second.get("y") or 0) + float(second.get("height") or 0) == pytest.approx(
        float(first.get("y") or 0)
    ), "the second layer sits on the first"
    keys = [t.text for t in tree.iter(f"{SVG}text") if t.get("class") == "key"]
    assert keys == ["together", "alone"]
    assert "January 2025: 6 (together 4, alone 2)" in (tree.findtext(f"{SVG}desc") or "")


def test_practice_hours_get_their_own_chart(tmp_path: Path) -> None:
    from tests.builders import build, cpd, entry

    portfolio = build(
        tmp_path,
        {
            # a month of visits: more than 24 hours in one day would not count (IMH303)
            "visits": entry("practice", "2025-03-01", end="2025-03-31", hours=112.5),
            "course": cpd("2025-03-12", 3, participatory=True),
            "reading": cpd("2025-04-02", 1),
        },
    )
    page = render_report(portfolio, today=dt.date(2025, 5, 1))
    cpd_svg = page[page.index('id="cpd-chart"') : page.index('id="practice-chart"')]
    assert "Practice" not in cpd_svg and ">3</text>" in cpd_svg
    ticks = re.findall(r'class="tick" [^>]*>([\d.]+)</text>', cpd_svg)
    assert ticks[-1] == "4", "the CPD scale is not stretched by practice hours"
    practice_svg = page[page.index('id="practice-chart"') :]
    assert "March 2025: 112.5 hours" in practice_svg


def test_empty_chart_says_so() -> None:
    tree = chart_tree([])
    assert tree.findall(f"{SVG}rect") == []
    assert "No hours recorded yet" in "".join(tree.itertext())


@pytest.mark.parametrize(
    ("peak", "step", "top"),
    [("2.5", "1", "3"), ("12", "2.5", "12.5"), ("30", "10", "40"), ("450", "100", "500")],
)
def test_nice_scale(peak: str, step: str, top: str) -> None:
    assert nice_scale(Decimal(peak)) == (Decimal(step), Decimal(top))


@pytest.mark.parametrize(
    ("hours", "text"), [("6.50", "6.5"), ("6", "6"), ("100", "100"), ("0.125", "0.12")]
)
def test_hours_rounded_for_the_page(hours: str, text: str) -> None:
    assert number(Decimal(hours), places=2) == text
