"""Making a pack: choose its profile, evaluate it, gate what it prints, render the page.

The gate: a pack prints portfolio.yaml's name and registrations, the entries its profile
counted, and the paths of the entries it did not count. The privacy gate
(:func:`imhcli.check.gate.privacy_gate`) refuses the pack when any of those holds an
identifier the practitioner has not allowed; a printed file with an error refuses it too,
and the findings are returned instead of a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from imhcli.diagnostics import CheckReport, Diagnostic
from imhcli.errors import UsageError
from imhcli.load.portfolio import PORTFOLIO_FILE, Portfolio
from imhcli.packs import PACKS, PROFILES

ACTION = "write the pack"


@dataclass(slots=True)
class PackOutcome:
    """A rendered page, or the findings that refused it."""

    kind: str
    html: str | None
    report: CheckReport
    printed: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.html is None


def make_pack(
    root: Path,
    kind: str,
    *,
    as_of: dt.date | None = None,
    category: str | None = None,
    activities: Sequence[str] = (),
) -> PackOutcome:
    """The pack ``kind`` for the portfolio at ``root`` as of ``as_of`` (default today).

    Raises :class:`~imhcli.errors.PrivacyRefusedError` when what the pack would print
    identifies anyone; returns a refused outcome when it would print a file with errors.
    """
    from imhcli.analysis.forms.common import counted_entries
    from imhcli.analysis.requirements import evaluate
    from imhcli.check.counting import counting_for
    from imhcli.check.engine import run_rules
    from imhcli.check.gate import privacy_gate
    from imhcli.check.targets import label_for
    from imhcli.load.portfolio import load
    from imhcli.load.profiles import load_profile

    day = as_of or dt.date.today()
    portfolio = load(root, label=label_for(root), today=day)
    profile_id = _profile_id(kind, category)
    diagnostics = list(run_rules(portfolio))
    if portfolio.config is None or portfolio.framework is None:
        cleared = privacy_gate(portfolio, entries=[], action=ACTION, diagnostics=diagnostics)
        return PackOutcome(kind, None, _report(cleared.diagnostics, {PORTFOLIO_FILE}))
    profile = load_profile(profile_id, base=portfolio.root)
    counting = counting_for(portfolio, diagnostics)
    result = evaluate(portfolio, [profile], as_of=day, counting=counting).profiles[0]
    cleared = privacy_gate(
        portfolio,
        entries=counted_entries(portfolio, result),
        action=ACTION,
        diagnostics=diagnostics,
    )
    contents = _contents(kind, portfolio, result, day, category, activities)
    printed = _printed(result, contents)
    blocking = [d for d in cleared.diagnostics if d.path in printed and d.severity == "error"]
    if blocking:
        return PackOutcome(kind, None, _report(blocking, printed), sorted(printed))
    from imhcli.output.pack_page import PAGES

    report = _report([], printed)
    return PackOutcome(kind, PAGES[kind](contents), report, sorted(printed))


def _report(diagnostics: list[Diagnostic], printed: set[str]) -> CheckReport:
    return CheckReport.build(diagnostics, portfolios=1, files=len(printed))


def _profile_id(kind: str, category: str | None) -> str:
    if kind not in PROFILES:
        raise UsageError(f"unknown pack {kind!r}", hint=f"choose one of {', '.join(PACKS)}")
    if kind == "endorsement":
        from imhcli.analysis.forms.endorsement import CATEGORIES

        if category not in CATEGORIES:
            raise UsageError(
                "the endorsement pack needs --category",
                hint=f"choose one of {', '.join(CATEGORIES)}",
            )
    elif category is not None:
        raise UsageError("--category is only for the endorsement pack")
    return PROFILES[kind].format(category=category)


def _contents(
    kind: str,
    portfolio: Portfolio,
    result: object,
    day: dt.date,
    category: str | None,
    activities: Sequence[str],
) -> object:
    from imhcli.analysis.forms import endorsement, hcpc, nmc, swe
    from imhcli.analysis.requirements import ProfileResult

    assert isinstance(result, ProfileResult)
    if kind == "nmc":
        return nmc.nmc_pack(portfolio, result, as_of=day)
    if kind == "hcpc":
        chosen = [_entry_path(portfolio, a) for a in activities]
        summary = _summary_of_practice(portfolio)
        return hcpc.hcpc_pack(portfolio, result, as_of=day, chosen=chosen, summary=summary)
    if kind == "swe":
        return swe.swe_pack(portfolio, result, as_of=day)
    assert category is not None
    return endorsement.endorsement_pack(portfolio, result, as_of=day, category=category)


def _entry_path(portfolio: Portfolio, given: str) -> str:
    """An --activity path as the portfolio names it (relative to its root, / separated)."""
    path = Path(given)
    if path.is_absolute() or path.exists():
        try:
            return path.resolve().relative_to(portfolio.root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _summary_of_practice(portfolio: Portfolio) -> tuple[str, str] | None:
    """(path, text) of the file portfolio.yaml names as the summary of practice."""
    config = portfolio.config
    ref = config.practitioner.summary_of_practice if config is not None else None
    if ref is None:
        return None
    for entry in portfolio.entries:
        if entry.rel == ref:
            return ref, entry.body
    from imhcli.base.files import ENTRY, safe_read

    data = safe_read(portfolio.root / ref, ENTRY, root=portfolio.root)
    try:
        return ref, data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(
            f"the summary of practice {ref} is not UTF-8 text",
            hint="save it as UTF-8, or name another file as `summary_of_practice:`",
        ) from None


def _printed(result: object, contents: object) -> set[str]:
    from imhcli.analysis.requirements import ProfileResult

    assert isinstance(result, ProfileResult)
    out = {PORTFOLIO_FILE} | {p for r in result.rules for p in r.counted}
    source = getattr(contents, "summary_source", None)
    if source:
        out.add(source)
    return out
