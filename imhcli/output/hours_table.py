"""`imh hours` output: a table with a bar per row and a month-by-month sparkline, or CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from imhcli.base.words import number
from imhcli.output.console import make_console
from imhcli.output.escaping import write_csv
from imhcli.output.registry import Registry, Renderer, render_json
from imhcli.output.tables import period

if TYPE_CHECKING:
    from imhcli.analysis.hours import HoursGroup, HoursReport

#: `imh hours --format`: the renderers of an hours report.
HOURS: Registry[Renderer[HoursReport]] = Registry("hours")

BAR_WIDTH = 30
SPARKS = "▁▂▃▄▅▆▇█"


def bar(hours: Decimal, most: Decimal, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` characters at most, in eighths; any hours show at least a sliver."""
    if most <= 0 or hours <= 0:
        return ""
    eighths = max(1, int(hours * width * 8 / most))
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else "▏▎▍▌▋▊▉"[rest - 1])


def sparkline(groups: list[HoursGroup]) -> str:
    """One character per month: ``·`` for none, else one of eight heights."""
    most = max((g.hours for g in groups), default=Decimal(0))
    out = []
    for g in groups:
        if g.hours <= 0 or most <= 0:
            out.append("·")
        else:
            out.append(SPARKS[min(7, int(g.hours * 8 / most - Decimal("0.000001")))])
    return "".join(out)


@HOURS.add("text")
def render_text(report: HoursReport, *, out: TextIO, color: bool | None = None) -> None:
    """The groups as a table with bars, the regulators' splits, and the months."""
    from rich.markup import escape

    console = make_console(out, color)
    counted = "spread over their days" if report.spread else "on their start date"
    console.print(
        f"[bold]Hours by {report.by}[/], {period(report.from_, report.to)} "
        f"[dim](final entries; multi-day activities {counted})[/]",
        soft_wrap=True,
    )
    console.print()
    names = [_name(g) for g in report.groups]
    width = max([len(n) for n in names] + [len("total"), len(report.by)])
    most = max((g.hours for g in report.groups), default=Decimal(0))
    console.print(f"  [dim]{report.by:<{width}}  {'hours':>8}  {'entries':>7}[/]")
    for name, g in zip(names, report.groups, strict=True):
        console.print(
            f"  {escape(name):<{width}}  {number(g.hours):>8}  {g.entries:>7}  "
            f"[cyan]{bar(g.hours, most)}[/]",
            highlight=False,
        )
    console.print(f"  [bold]{'total':<{width}}  {number(report.total):>8}  {report.entries:>7}[/]")
    b = report.breakdown
    console.print(
        f"\n  CPD: {number(b.cpd_participatory)} participatory, "
        f"{number(b.cpd_non_participatory)} non-participatory"
    )
    console.print(
        f"  Supervision: {number(b.supervision_received)} received, "
        f"{number(b.supervision_given)} given"
    )
    months = report.months
    if months:
        console.print(
            f"\n  Month by month, {months[0].key} to {months[-1].key}: "
            f"[cyan]{sparkline(months)}[/]",
            soft_wrap=True,
        )


def _name(group: HoursGroup) -> str:
    if group.label:
        label = group.label if len(group.label) <= 40 else group.label[:39] + "…"
        return f"{group.key} {label}"
    return group.key


HOURS.add("json")(render_json)


@HOURS.add("csv")
def render_csv(report: HoursReport, *, out: TextIO, color: bool | None = None) -> None:
    """One row per group: ``key,label,hours,entries``."""
    rows = ([g.key, g.label or "", number(g.hours), g.entries] for g in report.groups)
    write_csv(out, ["key", "label", "hours", "entries"], rows)
