"""Views: a report model (coverage, hours, requirements) rendered as text, CSV or Markdown.

JSON is the model itself (``model_dump_json``); the other formats live here, one
module per report, so that the CLI modules only choose and call.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def plural(count: int | Decimal, noun: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries``: a count and its noun."""
    from imhcli.analysis.requirements import number

    shown = number(count) if isinstance(count, Decimal) else f"{count:,}"
    word = noun if count == 1 else (many or noun + "s")
    return f"{shown} {word}"


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
