"""SOURCE_DATE_EPOCH: the time reproducible builds agree on, read and checked in one place."""

from __future__ import annotations

import datetime as dt
import os

from imhcli.errors import UsageError

#: Zip timestamps run from 1980 to 2107; a bundle's date must fit in one.
_EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_LATEST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)


def source_date() -> dt.datetime | None:
    """The moment SOURCE_DATE_EPOCH names (UTC), or None when it is unset or empty.

    Raises :class:`~imhcli.errors.UsageError` (exit 2) for a value that is not a whole
    number of seconds or lies outside 1980-2107, rather than ignoring it.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise _bad(raw, "is not a whole number of seconds since 1970")
    moment = dt.datetime.fromtimestamp(0, tz=dt.UTC) + dt.timedelta(seconds=int(raw))
    if not _EARLIEST <= moment <= _LATEST:
        raise _bad(raw, "is outside the years 1980-2107 that a zip file can record")
    return moment


def _bad(raw: str, why: str) -> UsageError:
    shown = raw if len(raw) <= 24 and raw.isprintable() else repr(raw[:24]) + "..."
    return UsageError(
        f"SOURCE_DATE_EPOCH={shown} {why}",
        hint="set it to seconds since 1970-01-01 UTC (e.g. 1764460800), or unset it",
    )
