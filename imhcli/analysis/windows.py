"""Date windows: inclusive ranges of days, rolling back from an anchor or cyclic by year.

Every window includes both its first and its last day. Shifting by months or
years clamps to the end of a shorter month, so a window ending on 29 February
reaches back to 28 February (plus one day) in a year without one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from imhcli.errors import UsageError
from imhcli.models.verdicts import Window

__all__ = ["Window", "cycle", "last", "long_date", "parse_period", "rolling", "shift_months"]

_PERIOD = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.IGNORECASE)


def shift_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def rolling(end: dt.date, *, months: int) -> Window:
    """The ``months`` months that end on ``end`` (both ends inclusive)."""
    return Window(start=shift_months(end, -months) + dt.timedelta(days=1), end=end)


def cycle(day: dt.date, *, month: int, start_day: int) -> Window:
    """The yearly cycle starting on ``start_day``/``month`` that contains ``day``."""
    begin = _on(day.year, month, start_day)
    if begin > day:
        begin = _on(day.year - 1, month, start_day)
    following = _on(begin.year + 1, month, start_day)
    return Window(start=begin, end=following - dt.timedelta(days=1))


def _on(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def parse_period(text: str) -> tuple[int, str]:
    """Parse ``12m``, ``3y``, ``6w`` or ``90d`` into (amount, unit). Raises UsageError."""
    found = _PERIOD.match(text)
    if found is None or int(found.group(1)) == 0:
        raise UsageError(
            f"--last {text!r} is not a period", hint="write a number and a unit: 90d, 6w, 12m, 3y"
        )
    return int(found.group(1)), found.group(2).lower()


def last(period: str, *, as_of: dt.date) -> Window:
    """The window ``--last PERIOD`` means: ``PERIOD`` ending on ``as_of``, inclusive."""
    amount, unit = parse_period(period)
    if unit == "m":
        return rolling(as_of, months=amount)
    if unit == "y":
        return rolling(as_of, months=12 * amount)
    days = amount * (7 if unit == "w" else 1)
    return Window(start=as_of - dt.timedelta(days=days - 1), end=as_of)


def long_date(day: dt.date) -> str:
    """``31 March 2027``: how a date reads in a sentence."""
    return f"{day.day} {day:%B %Y}"
