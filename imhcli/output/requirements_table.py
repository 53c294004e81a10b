"""`imh requirements` output as text: per profile, each rule met or not, and what is needed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from imhcli.base.words import number, plural
from imhcli.output.console import make_console
from imhcli.output.registry import Registry, Renderer, render_json
from imhcli.output.tables import period

if TYPE_CHECKING:
    from imhcli.analysis.requirements import ProfileResult, RequirementsReport, RuleResult

#: `imh requirements --format`: the renderers of a requirements report.
REQUIREMENTS: Registry[Renderer[RequirementsReport]] = Registry("requirements")


@REQUIREMENTS.add("text")
def render_text(report: RequirementsReport, *, out: TextIO, color: bool | None = None) -> None:
    """One block per profile: its window, one line per rule (with the entries it counted
    and those it did not, and why), and what is still needed."""
    from imhcli.analysis.windows import long_date

    console = make_console(out, color)
    console.print(f"[bold]Requirements as of {long_date(report.as_of)}[/]", soft_wrap=True)
    for profile in report.profiles:
        console.print()
        for line in profile_lines(profile, entries=True):
            console.print(line, soft_wrap=True, highlight=False)


REQUIREMENTS.add("json")(render_json)


def profile_lines(profile: ProfileResult, *, entries: bool = False) -> list[str]:
    from rich.markup import escape

    verdict = "[bold green]met[/]" if profile.met else "[bold red]not met[/]"
    lines = [f"[bold]{escape(profile.title)}[/] [dim]({profile.id})[/]: {verdict}"]
    left = ""
    if profile.days_left is not None and profile.days_left > 0:
        left = f", {plural(profile.days_left, 'day')} left"
    lines.append(f"  [dim]window: {period(profile.window.start, profile.window.end)}{left}[/]")
    lines.extend(f"  [yellow]warning:[/] {escape(w)}" for w in profile.warnings)
    width = max(len(r.description) for r in profile.rules)
    for rule in profile.rules:
        lines.append(_rule_line(rule, width, profile))
        shown = rule.detail if not rule.met or rule.kind in {"gap", "count"} else []
        lines.extend(f"      [dim]{escape(d)}[/]" for d in shown)
        if entries:
            lines.extend(entry_lines(rule))
    if profile.still_needed:
        lines.append(f"  [yellow]Still needed:[/] {escape(profile.still_needed)}")
    lines.extend(f"  [cyan]remember:[/] {escape(r)}" for r in profile.reminders)
    lines.append(f"  [dim]source: {escape(profile.source)}[/]")
    if profile.notes:
        lines.append(f"  [dim]note: {escape(profile.notes)}[/]")
    return lines


def entry_lines(rule: RuleResult) -> list[str]:
    """The entries a rule counted and those it did not (outside the window: only a count)."""
    from rich.markup import escape

    from imhcli.models.verdicts import OUTSIDE_WINDOW

    notes = {c.path: c.note for c in rule.caveats}
    if rule.kind == "coverage":  # every evidencing entry: a count reads better than a list
        lines = [f"      [green]counted[/] {plural(len(rule.counted), 'entry', 'entries')}"]
    else:
        lines = [
            f"      [green]counted[/] {escape(rel)}"
            + (f" [yellow]({escape(notes[rel])})[/]" if rel in notes else "")
            for rel in rule.counted
        ]
    outside = [n for n in rule.not_counted if n.reason == OUTSIDE_WINDOW]
    for item in rule.not_counted:
        if item.reason != OUTSIDE_WINDOW:
            lines.append(f"      [red]not counted[/] {escape(item.path)}: {escape(item.reason)}")
    if outside:
        lines.append(
            f"      [dim]not counted: {plural(len(outside), 'entry', 'entries')} "
            "outside the window[/]"
        )
    return lines


_SINGULAR = {"entries": "entry", "hours": "hour", "competencies": "competency"}


def _counted(amount: Decimal, unit: str) -> str:
    if amount == 1:
        unit = _SINGULAR.get(unit, unit.replace("gaps ", "gap ", 1))
    return f"{number(amount)} {unit}"


def _rule_line(rule: RuleResult, width: int, profile: ProfileResult) -> str:
    from rich.markup import escape

    mark = "[green]✓[/]" if rule.met else "[red]✗[/]"
    if rule.kind == "gap":
        has = f"{_counted(rule.actual, rule.unit)} (each needs explaining)"
    else:
        has = f"{_counted(rule.actual, rule.unit)} ({number(rule.required)} needed)"
    own = ""
    if rule.window != profile.window:
        own = f" [dim]({period(rule.window.start, rule.window.end)})[/]"
    return f"  {mark} {escape(rule.description):<{width}}  {has}{own}"
