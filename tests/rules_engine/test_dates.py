from datetime import date

from eligibility_desk.rules_engine.dates import add_months, add_years, span_ymd


def o(y, m, d):
    return date(y, m, d).toordinal()


def test_anniversary_is_the_same_day_n_years_later():
    assert add_years(o(2019, 3, 1), 5) == o(2024, 3, 1)


def test_leap_day_is_clipped_like_relativedelta():
    assert add_years(o(2020, 2, 29), 1) == o(2021, 2, 28)
    assert add_years(o(2020, 2, 29), 4) == o(2024, 2, 29)
    assert add_months(o(2025, 1, 31), 1) == o(2025, 2, 28)
    assert add_months(o(2025, 3, 31), -1) == o(2025, 2, 28)


def test_span_in_years_months_days():
    assert span_ymd(o(2021, 1, 1), o(2025, 9, 1)) == (4, 8, 0)
    assert span_ymd(o(2021, 1, 1), o(2025, 9, 13)) == (4, 8, 12)


def test_span_agrees_with_relativedelta_over_many_pairs():
    import random

    from dateutil.relativedelta import relativedelta

    rng = random.Random(7)
    for _ in range(5000):
        start = o(2000, 1, 1) + rng.randrange(9000)
        end = start + rng.randrange(0, 5000)
        delta = relativedelta(date.fromordinal(end), date.fromordinal(start))
        assert span_ymd(start, end) == (delta.years, delta.months, delta.days), (date.fromordinal(start), date.fromordinal(end))
        years = rng.randrange(0, 12)
        assert add_years(start, years) == (date.fromordinal(start) + relativedelta(years=years)).toordinal()


def test_reaches_agrees_with_add_years():
    import random

    from eligibility_desk.rules_engine.dates import reaches

    rng = random.Random(11)
    for _ in range(20000):
        start = o(2000, 1, 1) + rng.randrange(9000)
        years = rng.randrange(0, 11)
        end = add_years(start, years) + rng.randrange(-3, 4)
        assert reaches(start, years, end) == (add_years(start, years) <= end)
    assert reaches(o(2020, 2, 29), 1, o(2021, 2, 28)) and not reaches(o(2020, 2, 29), 1, o(2021, 2, 27))


def test_year_span_bounds_hold_for_every_start_day_and_every_allowed_number_of_years():
    """The engine answers 满 N 年 from a day count alone outside these bounds, so they must hold for every
    start day — including 29 February and the non-leap century years 1900 and 2100 — for 0–60 years."""
    import calendar

    from dateutil.relativedelta import relativedelta

    from eligibility_desk.rules_engine.dates import year_span_bounds

    starts = list(range(o(1896, 1, 1), o(2104, 12, 31), 29))
    starts += [o(y, 2, 29) for y in range(1896, 2105) if calendar.isleap(y)] + [o(y, m, d) for y in (1900, 2100) for m, d in ((2, 28), (3, 1))]
    for years in range(0, 61):
        shortest, longest = year_span_bounds(years)
        spans = set()
        for start in starts:
            spans.add((date.fromordinal(start) + relativedelta(years=years)).toordinal() - start)
        assert shortest <= min(spans) or years == 0, years
        assert max(spans) < longest or years == 0, years


def test_a_day_count_decides_exactly_as_the_calendar_does():
    """What the work predicates compute: total days laid end to end, ending on ``end``."""
    import random

    from eligibility_desk.rules_engine.dates import reaches, year_span_bounds

    rng = random.Random(5)
    for _ in range(20000):
        years = rng.randrange(0, 61)
        end = o(1990, 1, 1) + rng.randrange(40000)
        total = max(0, 365 * years + rng.randrange(-400, 400))
        shortest, longest = year_span_bounds(years)
        fast = total >= longest or (total >= shortest and reaches(end - total, years, end))
        assert fast == (total > 0 and add_years(end - total, years) <= end), (years, end, total)
