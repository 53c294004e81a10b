"""Date windows: inclusive ends, month arithmetic at month ends and leap days, cycles."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imhcli.analysis.windows import Window, cycle, last, long_date, rolling, shift_months
from imhcli.errors import UsageError

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2028, 2, 29), -36, D(2025, 2, 28)),
        (D(2028, 2, 29), -48, D(2024, 2, 29)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
        (D(2027, 3, 31), -36, D(2024, 3, 31)),
    ],
)
def test_shift_months_clamps_to_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert shift_months(day, months) == expected


def test_three_year_window_ending_at_renewal() -> None:
    window = rolling(D(2027, 3, 31), months=36)
    assert (window.start, window.end) == (D(2024, 4, 1), D(2027, 3, 31))


def test_window_ending_on_a_leap_day() -> None:
    window = rolling(D(2028, 2, 29), months=36)
    assert window.start == D(2025, 3, 1)
    assert window.contains(D(2028, 2, 29))
    assert not window.contains(D(2025, 2, 28))


def test_window_ends_are_inclusive() -> None:
    window = Window(start=D(2025, 12, 1), end=D(2026, 11, 30))
    assert window.contains(D(2025, 12, 1))
    assert window.contains(D(2026, 11, 30))
    assert not window.contains(D(2025, 11, 30))
    assert not window.contains(D(2026, 12, 1))


def test_open_window_contains_everything_on_its_open_side() -> None:
    assert Window(start=None, end=D(2026, 1, 1)).contains(D(1990, 1, 1))
    assert not Window(start=None, end=D(2026, 1, 1)).contains(D(2026, 1, 2))


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (D(2026, 11, 30), D(2025, 12, 1), D(2026, 11, 30)),
        (D(2026, 12, 1), D(2026, 12, 1), D(2027, 11, 30)),
        (D(2026, 1, 1), D(2025, 12, 1), D(2026, 11, 30)),
        (D(2028, 2, 29), D(2027, 12, 1), D(2028, 11, 30)),
    ],
)
def test_swe_year_turns_on_1_december(day: dt.date, start: dt.date, end: dt.date) -> None:
    window = cycle(day, month=12, start_day=1)
    assert (window.start, window.end) == (start, end)


def test_cycle_starting_on_a_leap_day_clamps_in_other_years() -> None:
    window = cycle(D(2026, 6, 1), month=2, start_day=29)
    assert (window.start, window.end) == (D(2026, 2, 28), D(2027, 2, 27))


@pytest.mark.parametrize(
    ("period", "start"),
    [
        ("12m", D(2025, 11, 24)),
        ("3y", D(2023, 11, 24)),
        ("90d", D(2026, 8, 26)),
        ("1w", D(2026, 11, 17)),
    ],
)
def test_last_period_ends_on_as_of(period: str, start: dt.date) -> None:
    window = last(period, as_of=D(2026, 11, 23))
    assert (window.start, window.end) == (start, D(2026, 11, 23))


@pytest.mark.parametrize("period", ["", "12", "m", "0m", "12q", "-3y", "1.5y"])
def test_bad_period_is_a_usage_error(period: str) -> None:
    with pytest.raises(UsageError, match="not a period"):
        last(period, as_of=D(2026, 1, 1))


def test_long_date() -> None:
    assert long_date(D(2027, 3, 1)) == "1 March 2027"


dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2200, 12, 31))


@given(dates, st.integers(min_value=1, max_value=120))
def test_rolling_windows_meet_end_to_start(end: dt.date, months: int) -> None:
    """Consecutive windows neither overlap nor leave a day out."""
    window = rolling(end, months=months)
    assert window.start is not None
    earlier = rolling(window.start - dt.timedelta(days=1), months=months)
    assert earlier.end is not None
    assert earlier.end + dt.timedelta(days=1) == window.start
    assert window.start <= end


@given(dates, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=31))
def test_every_day_is_in_exactly_one_cycle(day: dt.date, month: int, start_day: int) -> None:
    window = cycle(day, month=month, start_day=start_day)
    assert window.contains(day)
    assert window.start is not None and window.end is not None
    following = cycle(window.end + dt.timedelta(days=1), month=month, start_day=start_day)
    assert following.start == window.end + dt.timedelta(days=1)
    assert 365 <= (window.end - window.start).days + 1 <= 366
