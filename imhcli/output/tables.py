"""Pieces the text tables of gaps, hours and requirements share."""

from __future__ import annotations

import datetime as dt


def period(start: dt.date | None, end: dt.date | None) -> str:
    """How a window reads: ``1 April 2024 to 31 March 2027``, ``all dates to ...``."""
    from imhcli.analysis.windows import long_date

    if start is None and end is None:
        return "all dates"
    if start is None:
        return f"all dates to {long_date(end)}" if end else "all dates"
    if end is None:
        return f"from {long_date(start)}"
    return f"{long_date(start)} to {long_date(end)}"
