"""`imh requirements` output as text: per profile, each rule met or not, and what is needed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from imhcli.base.words import number
from imhcli.output.console import make_console
from imhcli.output.registry import Registry, Renderer, render_json
from imhcli.output.tables import period

if TYPE_CHECKING:
    from imhcli.analysis.requirements import ProfileResult, RequirementsReport, RuleResult

#: `imh requirements --format`: the renderers of a requirements report.
REQUIREMENTS: Registry[Renderer[RequirementsReport]] = Registry("requirements")


@REQUIREMENTS.add("text")
def render_text(report: RequirementsReport, *, out: TextIO, color: bool | None = None) -> None:
    """One block per profile: its window, one line per rule, and what is still needed."""
    from imhcli.analysis.windows import long_date

    console = make_console(out, color)
    console.print(f"[bold]Requirements as of {long_date(report.as_of)}[/]", soft_wrap=True)
    for profile in report.profiles:
        console.print()
        for line in profile_lines(profile):
            console.print(line, soft_wrap=True, highlight=False)


REQUIREMENTS.add("json")(render_json)


def profile_lines(profile: ProfileResult) -> list[str]:
    from rich.markup import escape

    verdict = "[bold green]met[/]" if profile.met else "[bold red]not met[/]"
    lines = [f"[bold]{escape(profile.title)}[/] [dim]({profile.id})[/]: {verdict}"]
    left = ""
    if profile.days_left is not None and profile.days_left > 0:
        left = f", {profile.days_left} days left"
    lines.append(f"  [dim]window: {period(profile.window.start, profile.window.end)}{left}[/]")
    width = max(len(r.description) for r in profile.rules)
    for rule in profile.rules:
        lines.append(_rule_line(rule, width, profile))
        lines.extend(f"      [dim]{escape(d)}[/]" for d in rule.detail if not rule.met)
    if profile.still_needed:
        lines.append(f"  [yellow]Still needed:[/] {escape(profile.still_needed)}")
    lines.append(f"  [dim]source: {escape(profile.source)}[/]")
    if profile.notes:
        lines.append(f"  [dim]note: {escape(profile.notes)}[/]")
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
        has = f"{_counted(rule.actual, rule.unit)} (none allowed)"
    else:
        has = f"{_counted(rule.actual, rule.unit)} ({number(rule.required)} needed)"
    own = ""
    if rule.window != profile.window:
        own = f" [dim]({period(rule.window.start, rule.window.end)})[/]"
    return f"  {mark} {escape(rule.description):<{width}}  {has}{own}"
