"""Calendar arithmetic on proleptic ordinals (``date.toordinal()``), the engine's hot-path date type.

``add_years`` and ``add_months`` behave like ``dateutil.relativedelta`` (and are tested against it): a day that does not exist in the
target month is clipped to the month's last day (2020-02-29 + 1 year = 2021-02-28).  They are cached because
a batch repeats the same dates many times.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_fromordinal = date.fromordinal
_date = date


def _month_length(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@lru_cache(maxsize=65536)
def add_months(ordinal: int, months: int) -> int:
    d = _fromordinal(ordinal)
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    month += 1
    day = d.day
    if day > 28:
        day = min(day, _month_length(year, month))
    return _date(year, month, day).toordinal()


def reaches(start_ordinal: int, years: int, end_ordinal: int) -> bool:
    """``add_years(start, years) <= end``, compared field by field without building the anniversary."""
    start = _fromordinal(start_ordinal)
    end = _fromordinal(end_ordinal)
    year = start.year + years
    if year != end.year:
        return year < end.year
    if start.month != end.month:
        return start.month < end.month
    day = start.day
    if day == 29 and start.month == 2 and not _is_leap(year):
        day = 28
    return day <= end.day


def year_span_bounds(years: int) -> tuple[int, int]:
    """``(shortest, longest)`` such that N calendar years from any day span at least ``shortest`` and at
    most ``longest`` days (``add_years(s, N) - s``), both at least 1.  A total of days outside
    ``[shortest, longest)`` answers "满 N 年?" without a calendar; only the few days between need
    :func:`reaches`.  (Bounds: 365 days a year, one more for each 29 February passed, at most ``N // 4 + 1``
    of them; a day lost when 29 February is clipped to the 28th.)"""
    return max(1, 365 * years - 1), max(1, 365 * years + years // 4 + 2)


_ANNIVERSARIES: dict[tuple[int, int], int] = {}


def add_years(ordinal: int, years: int) -> int:
    key = (ordinal, years)
    found = _ANNIVERSARIES.get(key)
    if found is None:
        if len(_ANNIVERSARIES) > 1_000_000:
            _ANNIVERSARIES.clear()
        found = _ANNIVERSARIES[key] = add_months(ordinal, 12 * years)
    return found


def months_and_days(start_ordinal: int, end_ordinal: int) -> tuple[int, int]:
    """Whole months and the days left over from ``start`` to ``end`` (exclusive), as ``relativedelta(end, start)``
    counts them (tests/rules_engine/test_dates.py checks the two agree).

    The anchor ``start + months`` falls in the end's month (or the month before), so it is worked out from
    the two dates' fields alone: the start's day, clipped to that month's length."""
    start, end = _fromordinal(start_ordinal), _fromordinal(end_ordinal)
    end_year, end_month, end_day = end.year, end.month, end.day
    months = (end_year - start.year) * 12 + end_month - start.month
    day = start.day
    if day > 28:
        day = min(day, _month_length(end_year, end_month))
    if day <= end_day:
        return months, end_day - day
    if end_month == 1:
        end_year, end_month = end_year - 1, 12
    else:
        end_month -= 1
    length = _month_length(end_year, end_month)
    day = start.day
    if day > length:
        day = length
    return months - 1, length - day + end_day


def span_ymd(start_ordinal: int, end_ordinal: int) -> tuple[int, int, int]:
    """Whole years, months and days from ``start`` to ``end`` (exclusive), as ``relativedelta(end, start)``
    counts them."""
    months, days = months_and_days(start_ordinal, end_ordinal)
    return months // 12, months % 12, days


def iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


# --- the clerk's sum of several periods ------------------------------------------------------------------
#
# Several separate periods are added the way a clerk adds them on paper: each period is measured in whole
# years, months and days (as relativedelta counts from its first day to the day after its last), the parts
# are added, 30 days make a month and 12 months a year.  1 year + 4 years of separate jobs is 5 years
# exactly; 2019-01-01…2019-06-30 (6 months) + 2020-01-01…2020-06-30 (6 months) is 1 year.  One period alone
# is exactly the anniversary rule.  Adding a period never lowers the total; the order never matters.

CLERK_MONTH = 30
CLERK_YEAR = 12 * CLERK_MONTH

_SPAN_YMD: dict[tuple[int, int], tuple[int, int, int]] = {}


def span_ymd_cached(start: int, end: int) -> tuple[int, int, int]:
    key = (start, end)
    found = _SPAN_YMD.get(key)
    if found is None:
        if len(_SPAN_YMD) > 500_000:
            _SPAN_YMD.clear()
        found = _SPAN_YMD[key] = span_ymd(start, end)
    return found


def clerk_span(start_ordinal: int, end_ordinal: int) -> int:
    """One period in clerk days: ``span_ymd`` as ``years * 360 + months * 30 + days`` (the engine's hot path;
    tests/rules_engine/test_clerk_fast.py)."""
    months, days = months_and_days(start_ordinal, end_ordinal)
    return months * CLERK_MONTH + days


def clerk_days(spans) -> int:
    """The clerk's total of ``[(start, end_exclusive), ...]`` in clerk days (360 a year, 30 a month), from
    each period's :func:`span_ymd`: the definition; the engine adds :func:`clerk_span` (the same number)."""
    total = 0
    for start, end in spans:
        y, m, d = span_ymd_cached(start, end)
        total += y * CLERK_YEAR + m * CLERK_MONTH + d
    return total


def clerk_ymd(days: int) -> tuple[int, int, int]:
    """Clerk days as (years, months, days)."""
    years, rest = divmod(days, CLERK_YEAR)
    months, days = divmod(rest, CLERK_MONTH)
    return years, months, days


def clerk_due(closed: int, start: int, years: int, not_before: int) -> int:
    """The first day (exclusive end, as ordinals) on which ``closed`` clerk days plus an ongoing period from
    ``start`` reach ``years`` years, and not before ``not_before``."""
    need = years * CLERK_YEAR - closed
    if need <= 0:
        return not_before
    months, days = divmod(need, CLERK_MONTH)
    guess = add_months(start, months) + days - 5
    if guess < not_before:
        guess = not_before
    while True:
        if clerk_span(start, guess) >= need:
            return guess
        guess += 1
