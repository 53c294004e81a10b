"""NMC revalidation as the NMC states it: a complete portfolio meets every rule; one
thing less, or one entry not as the NMC asks, and that rule is unmet, with the reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from imhcli.analysis.requirements import evaluate
from imhcli.load.profiles import load_profile
from imhcli.models.reflective import NMC_FORM_SECTIONS
from imhcli.models.verdicts import ProfileResult, RuleResult
from tests.builders import (
    BODY,
    NMC_FORM_BODY,
    build,
    confirmation,
    counted,
    cpd,
    entry,
    nmc_discussion,
    nmc_reflection,
)

D = dt.date
AS_OF = D(2026, 11, 23)
RENEWAL = "2027-03-31"  # window: 1 April 2024 to 31 March 2027


def registration(*, parts: str = "", renewal: str | None = RENEWAL, more: str = "") -> str:
    lines = ["  registrations:", "    - body: NMC"]
    if renewal is not None:
        lines.append(f"      renewal: {renewal}")
    if parts:
        lines.append(f"      parts: [{parts}]")
    return "\n".join(lines) + "\n" + more


def complete() -> dict[str, dict[str, Any]]:
    """Everything the NMC asks for, once and just enough."""
    entries: dict[str, dict[str, Any]] = {
        "practice": entry("practice", "2025-01-01", end="2025-06-30", hours=450),
        "course": cpd("2025-02-03", 20, end="2025-02-05", participatory=True),
        "reading": cpd("2025-03-03", 15, end="2025-03-05"),
        "discussion": nmc_discussion("2026-09-01"),
        "confirmation": confirmation("2026-10-01", confirmer_role="Line manager"),
    }
    entries |= {f"feedback-{i}": entry("feedback", f"2025-05-0{i + 1}") for i in range(5)}
    entries |= {f"account-{i}": nmc_reflection(f"2025-07-0{i + 1}") for i in range(5)}
    return entries


def nmc(
    tmp_path: Path, entries: dict[str, dict[str, Any]], *, yaml: str | None = None
) -> ProfileResult:
    p = build(tmp_path, entries, extra_yaml=registration() if yaml is None else yaml)
    report = evaluate(p, [load_profile("nmc-revalidation")], AS_OF, counting=counted(p))
    return report.profiles[0]


def rule(profile: ProfileResult, rule_id: str) -> RuleResult:
    return next(r for r in profile.rules if r.id == rule_id)


def reasons(profile: ProfileResult, rule_id: str) -> dict[str, str]:
    return {n.path.removeprefix("entries/"): n.reason for n in rule(profile, rule_id).not_counted}


def test_a_complete_portfolio_meets_every_rule(tmp_path: Path) -> None:
    profile = nmc(tmp_path, complete())
    assert [r.id for r in profile.rules if not r.met] == []
    assert profile.met and profile.warnings == []


@pytest.mark.parametrize(
    ("drop", "rule_id"),
    [
        ("feedback-4", "feedback"),
        ("account-4", "reflective-accounts"),
        ("discussion", "reflective-discussion"),
        ("confirmation", "confirmation"),
        ("reading", "cpd-hours"),
        ("practice", "practice-hours"),
    ],
)
def test_one_less_leaves_that_rule_unmet(tmp_path: Path, drop: str, rule_id: str) -> None:
    entries = complete()
    del entries[drop]
    profile = nmc(tmp_path, entries)
    assert [r.id for r in profile.rules if not r.met] == [rule_id]


def test_one_hour_short_of_practice_or_participatory_cpd(tmp_path: Path) -> None:
    entries = complete()
    entries["practice"]["hours"] = 449.5
    entries["course"]["hours"] = 19.5
    entries["reading"]["hours"] = 15.5
    profile = nmc(tmp_path, entries)
    assert [r.id for r in profile.rules if not r.met] == [
        "practice-hours",
        "participatory-cpd-hours",
    ]
    assert profile.still_needed is not None
    assert profile.still_needed.startswith("0.5 practice hours and 0.5 participatory CPD hours")


# --- written reflective accounts ---------------------------------------------------------


def test_an_account_not_on_the_nmc_form_is_not_counted(tmp_path: Path) -> None:
    entries = complete()
    entries["account-0"]["model"] = "Gibbs"
    entries["account-1"]["model"] = "nmc FORM"  # any case, with or without "form"
    profile = nmc(tmp_path, entries)
    assert reasons(profile, "reflective-accounts") == {
        "account-0.md": "not on the NMC form (write `model: NMC`)"
    }


def test_a_missing_or_empty_section_is_named(tmp_path: Path) -> None:
    entries = complete()
    without_learning = NMC_FORM_BODY.replace(f"## {NMC_FORM_SECTIONS[1]}\n", "")
    entries["account-0"][BODY] = without_learning
    entries["account-1"][BODY] = NMC_FORM_BODY.replace(
        f"## {NMC_FORM_SECTIONS[3]}\n\nA sentence of my own.\n",
        f"## {NMC_FORM_SECTIONS[3]}\n\n<!-- Tick the themes -->\n- [ ] Preserve safety\n",
    )
    profile = nmc(tmp_path, entries)
    assert reasons(profile, "reflective-accounts") == {
        "account-0.md": "missing section: what did you learn",
        "account-1.md": "empty section: how is this relevant to the code",
    }
    assert not rule(profile, "reflective-accounts").met
    entries["account-2"][BODY] = without_learning.replace(f"## {NMC_FORM_SECTIONS[2]}\n", "")
    profile = nmc(tmp_path / "two", entries)
    assert reasons(profile, "reflective-accounts")["account-2.md"] == (
        "missing section: what did you learn; "
        "missing section: how did you change or improve your practice"
    )


def test_an_unfinished_account_is_not_counted(tmp_path: Path) -> None:
    entries = complete()
    template = "".join(f"## {title}\n\n<!-- prompt -->\n\n" for title in NMC_FORM_SECTIONS)
    entries["account-0"][BODY] = template
    assert reasons(nmc(tmp_path, entries), "reflective-accounts") == {"account-0.md": "unfinished"}


def test_the_profile_asks_for_the_sections_the_template_writes() -> None:
    accounts = next(r for r in load_profile("nmc-revalidation").rules if r.id.startswith("refl"))
    assert tuple(getattr(accounts, "sections", ())) == NMC_FORM_SECTIONS


# --- discussion and confirmation ----------------------------------------------------------


def test_a_discussion_needs_an_nmc_partner_and_a_signed_form(tmp_path: Path) -> None:
    entries = complete()
    entries["discussion"]["partner_register"] = "GMC"
    entries["other"] = entry("discussion", "2026-09-02", partner_register="NMC")
    profile = nmc(tmp_path, entries)
    assert reasons(profile, "reflective-discussion") == {
        "discussion.md": "partner not an NMC registrant (`partner_register: NMC`)",
        "other.md": "no signed form under evidence/ (`form:`)",
    }


def test_confirmation_falls_in_the_final_twelve_months(tmp_path: Path) -> None:
    entries = complete()
    entries["confirmation"] = confirmation("2026-03-31")  # a day before the final year
    profile = nmc(tmp_path / "early", entries)
    assert reasons(profile, "confirmation") == {"confirmation.md": "outside the window"}
    entries["confirmation"] = confirmation("2026-04-01")
    assert rule(nmc(tmp_path / "first-day", entries), "confirmation").met


def test_a_confirmer_off_the_register_needs_an_nmc_discussion_partner(tmp_path: Path) -> None:
    entries = complete()
    entries["confirmation"]["confirmer_register"] = "other"
    assert nmc(tmp_path / "ok", entries).met
    entries["discussion"]["partner_register"] = "HCPC"
    profile = nmc(tmp_path / "neither", entries)
    assert reasons(profile, "confirmation") == {
        "confirmation.md": "confirmer not an NMC registrant, and no reflective discussion "
        "with an NMC registrant"
    }


# --- practice hours by part of the register -----------------------------------------------


@pytest.mark.parametrize(
    ("parts", "needed"),
    [
        ("", 450),
        ("nursing", 450),
        ("nursing, scphn", 450),
        ("midwifery, scphn", 450),
        ("nursing, midwifery", 900),
        ("nursing-associate, nursing", 900),
        ("nursing, midwifery, scphn", 900),
        ("nursing, midwifery, nursing-associate", 1350),
    ],
)
def test_practice_hours_by_part(tmp_path: Path, parts: str, needed: int) -> None:
    profile = nmc(tmp_path, complete(), yaml=registration(parts=parts))
    assert rule(profile, "practice-hours").required == needed


def test_each_part_needs_its_own_450_hours(tmp_path: Path) -> None:
    entries = complete()
    entries["practice"]["register_part"] = "nursing"
    entries["midwife"] = entry(
        "practice", "2025-08-01", end="2025-12-31", hours=449, register_part="midwifery"
    )
    entries["hv"] = entry("practice", "2026-01-05", hours=8, register_part="scphn")
    entries["unsaid"] = entry("practice", "2026-01-06", hours=8)
    profile = nmc(tmp_path, entries, yaml=registration(parts="nursing, midwifery, scphn"))
    hours = rule(profile, "practice-hours")
    assert not hours.met and hours.still_needed == "1 practice hour"
    assert hours.detail == ["nursing: 458 of 450", "midwifery: 449 of 450"]
    assert reasons(profile, "practice-hours") == {
        "unsaid.md": "no register_part (you hold nursing, midwifery)"
    }


# --- the window, its warning, and the declarations ----------------------------------------


def test_without_a_renewal_date_the_profile_warns(tmp_path: Path) -> None:
    profile = nmc(tmp_path / "none", complete(), yaml=registration(renewal=None))
    assert profile.window.end == AS_OF
    assert "no `renewal:` date" in profile.warnings[0]
    profile = nmc(tmp_path / "no-nmc", complete(), yaml="")
    assert "lists no NMC registration" in profile.warnings[0]


def test_the_window_ends_at_renewal_and_includes_both_ends(tmp_path: Path) -> None:
    entries = complete()
    entries["first-day"] = entry("feedback", "2024-04-01")
    entries["day-before"] = entry("feedback", "2024-03-31")
    profile = nmc(tmp_path, entries)
    assert profile.window.start == D(2024, 4, 1) and profile.window.end == D(2027, 3, 31)
    assert "entries/first-day.md" in rule(profile, "feedback").counted
    assert reasons(profile, "feedback") == {"day-before.md": "outside the window"}


def test_declarations_are_reminders_with_their_dates(tmp_path: Path) -> None:
    more = "      declarations: {health_character: 2026-03-01}\n"
    profile = nmc(tmp_path, complete(), yaml=registration() + more)
    assert profile.met
    assert profile.reminders == [
        "health and character declaration: last made 1 March 2026 "
        "(made when you apply, not counted here)",
        "declaration of professional indemnity: no date recorded "
        "(made when you apply, not counted here)",
    ]


def test_a_bundle_carries_the_signed_forms(tmp_path: Path) -> None:
    from imhcli.bundle.build import plan_bundle
    from tests.builders import write

    root = write(tmp_path / "p", complete(), extra_yaml=registration())
    plan = plan_bundle(root, date=D(2026, 11, 30))
    assert not plan.refused
    carried = {item.rel for item in plan.items}
    assert {
        "evidence/2026-09-01-discussion-form.pdf",
        "evidence/2026-10-01-confirmation-form.pdf",
    } <= carried
