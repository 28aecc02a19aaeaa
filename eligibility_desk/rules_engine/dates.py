"""Calendar arithmetic on proleptic ordinals (``date.toordinal()``), the engine's hot-path date type.

``add_years`` and ``add_months`` behave like ``dateutil.relativedelta`` (and are tested against it): a day that does not exist in the
target month is clipped to the month's last day (2020-02-29 + 1 year = 2021-02-28).  Between 1900 and 2199
they, :func:`reaches`, :func:`months_and_days` and :func:`clerk_span` read month tables instead of making
date objects (see "month tables" below).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from itertools import accumulate, chain, repeat

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_fromordinal = date.fromordinal
_date = date


def _month_length(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# --- month tables: the hot path's calendar without date objects ------------------------------------------
#
# For every day from 1900-01-01 to 2199-12-31: its month as one number (``year * 12 + month - 1``) and its
# day of the month, as lists indexed by ``ordinal - _LOW``; for every month number, its length and the
# ordinal of its first day.  A date outside the range takes the date-object path (same answers; the tests
# compare the two).  Built at import from the months' lengths by C-level iterators (~2.5 ms, ~1.8 MB; a loop
# over the 3,600 months was ~1 ms more, on the `screen` command's serial start: docs/benchmarks.md, round nine).

_LOW = _date(1900, 1, 1).toordinal()
_months = range(1900 * 12, 2200 * 12)  # month numbers, year * 12 + month - 1
_common = list(_DAYS_IN_MONTH)
_leap = _common[:]
_leap[1] = 29
_lengths = list(chain.from_iterable(_leap if _is_leap(_year) else _common for _year in range(1900, 2200)))
_LENGTH: dict[int, int] = dict(zip(_months, _lengths))
_FIRST: dict[int, int] = dict(zip(_months, accumulate(_lengths, initial=_LOW)))
_MONTH_OF: list[int] = list(chain.from_iterable(map(repeat, _months, _lengths)))
_runs = [range(1, n + 1) for n in range(32)]  # a month of n days: its days 1 … n
_DAY_OF: list[int] = list(chain.from_iterable(map(_runs.__getitem__, _lengths)))
_HIGH = _LOW + len(_DAY_OF)  # exclusive
_DAYS = len(_DAY_OF)  # the days the tables cover
_LENGTH[1900 * 12 - 1] = 31  # December 1899: the month before the first, asked by months_and_days
del _months, _common, _leap, _lengths, _runs


def add_months(ordinal: int, months: int) -> int:
    if _LOW <= ordinal < _HIGH:
        i = ordinal - _LOW
        n = _MONTH_OF[i] + months
        first = _FIRST.get(n)
        if first is not None:
            day = _DAY_OF[i]
            if day > 28:
                length = _LENGTH[n]
                if day > length:
                    day = length
            return first + day - 1
    return _add_months_slow(ordinal, months)


@lru_cache(maxsize=4096)
def _add_months_slow(ordinal: int, months: int) -> int:
    d = _fromordinal(ordinal)
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    month += 1
    day = d.day
    if day > 28:
        day = min(day, _month_length(year, month))
    return _date(year, month, day).toordinal()


def reaches(start_ordinal: int, years: int, end_ordinal: int) -> bool:
    """``add_years(start, years) <= end``, compared field by field without building the anniversary."""
    if _LOW <= start_ordinal < _HIGH and _LOW <= end_ordinal < _HIGH:
        i = start_ordinal - _LOW
        j = end_ordinal - _LOW
        n = _MONTH_OF[i] + 12 * years
        m = _MONTH_OF[j]
        if n != m:
            return n < m
        day = _DAY_OF[i]
        if day == 29 and _LENGTH[n] == 28:
            day = 28
        return day <= _DAY_OF[j]
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


def add_years(ordinal: int, years: int) -> int:
    if _LOW <= ordinal < _HIGH:
        i = ordinal - _LOW
        n = _MONTH_OF[i] + 12 * years
        first = _FIRST.get(n)
        if first is not None:
            day = _DAY_OF[i]
            if day > 28:
                length = _LENGTH[n]
                if day > length:
                    day = length
            return first + day - 1
    return _add_months_slow(ordinal, 12 * years)


def months_and_days(start_ordinal: int, end_ordinal: int) -> tuple[int, int]:
    """Whole months and the days left over from ``start`` to ``end`` (exclusive), as ``relativedelta(end, start)``
    counts them (tests/rules_engine/test_dates.py checks the two agree).

    The anchor ``start + months`` falls in the end's month (or the month before), so it is worked out from
    the two dates' fields alone: the start's day, clipped to that month's length."""
    if _LOW <= start_ordinal < _HIGH and _LOW <= end_ordinal < _HIGH:
        i = start_ordinal - _LOW
        j = end_ordinal - _LOW
        n = _MONTH_OF[j]
        months = n - _MONTH_OF[i]
        end_day = _DAY_OF[j]
        start_day = day = _DAY_OF[i]
        if day > 28:
            length = _LENGTH[n]
            if day > length:
                day = length
        if day <= end_day:
            return months, end_day - day
        length = _LENGTH[n - 1]
        if start_day > length:
            start_day = length
        return months - 1, length - start_day + end_day
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
    tests/rules_engine/test_clerk_fast.py); :func:`months_and_days`' table path written out, the common
    case (the start's day of the month not after the end's: no month to borrow, no day to clip) first."""
    i = start_ordinal - _LOW
    j = end_ordinal - _LOW
    if 0 <= i < _DAYS and 0 <= j < _DAYS:
        day = _DAY_OF[i]
        end_day = _DAY_OF[j]
        if day <= end_day:
            return (_MONTH_OF[j] - _MONTH_OF[i]) * 30 + (end_day - day)
        n = _MONTH_OF[j]
        if day > 28:  # clipped to the end's month (31 Jan to 28 Feb is one month)
            length = _LENGTH[n]
            if day > length and length <= end_day:
                return (n - _MONTH_OF[i]) * 30 + (end_day - length)
        length = _LENGTH[n - 1]  # a month borrowed: the start's day clipped to the month before the end's
        if day > length:
            day = length
        return (n - _MONTH_OF[i]) * 30 - 30 + length - day + end_day
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
    guess = add_months(start, months) + days  # right but for month ends: at most 5 days early or late
    low = guess - 5
    if low < not_before:
        low = not_before
    if guess < low:
        guess = low
    # the clerk's span of a period grows with its end (never shrinks), so the first day is found by
    # stepping from the guess: back while the day before still reaches, or on until one does
    if clerk_span(start, guess) >= need:
        while guess > low and clerk_span(start, guess - 1) >= need:
            guess -= 1
        return guess
    guess += 1
    while clerk_span(start, guess) < need:
        guess += 1
    return guess
