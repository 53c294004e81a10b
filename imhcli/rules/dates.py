"""Dates and hours: plausible, in order, not in the future."""

from __future__ import annotations

from collections.abc import Iterator

from imhcli.base.words import plural
from imhcli.diagnostics import Finding
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.rules import entry_rule


@entry_rule("IMH301", "IMH302", "IMH303")
def dates_and_hours(entry: Entry, portfolio: Portfolio) -> Iterator[Finding]:
    """IMH301: `date` is after today (a warning: perhaps a typo in the year).
    IMH302: `end` is before `date`.
    IMH303: more `hours` than 24 for each day from `date` to `end`.
    """
    model = entry.model
    if model is None:
        return
    if model.date > portfolio.today:
        yield Finding(
            "IMH301",
            f"`date` {model.date.isoformat()} is in the future",
            "check the year; plan entries use `due:` for future dates",
            ("date",),
        )
    if model.end is not None and model.end < model.date:
        yield Finding(
            "IMH302",
            f"`end` {model.end.isoformat()} is before `date` {model.date.isoformat()}",
            "swap them, or remove `end` for a one-day activity",
            ("end",),
        )
        return
    if model.hours is not None:
        days = ((model.end or model.date) - model.date).days + 1
        if model.hours > 24 * days:
            span = plural(days, "day")
            yield Finding(
                "IMH303",
                f"{model.hours:g} hours is more than 24 hours a day over {span}",
                "give `end:` for a multi-day activity, or check the number",
                ("hours",),
            )
