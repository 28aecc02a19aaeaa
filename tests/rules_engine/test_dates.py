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


def test_month_tables_agree_with_date_objects_inside_and_across_their_range():
    """Between 1900 and 2199 the hot path reads month tables; outside it, date objects.  Both must give
    relativedelta's answers, also for spans and anniversaries that cross the tables' edges."""
    import random

    from dateutil.relativedelta import relativedelta

    from eligibility_desk.rules_engine.dates import clerk_span, months_and_days, reaches

    rng = random.Random(5)
    starts = [o(1899, 12, 31), o(1900, 1, 1), o(1900, 2, 28), o(2199, 12, 31), o(2199, 2, 28), o(2100, 2, 28)]
    starts += [o(y, m, d) for y in (1899, 1900, 1996, 2000, 2020, 2100, 2199) for m in (1, 2, 12) for d in (28, 29, 30, 31)
               if not (m == 2 and d > 28)]
    for _ in range(3000):
        starts.append(o(1899, 1, 1) + rng.randrange(0, o(2201, 1, 1) - o(1899, 1, 1)))
    for start in starts:
        for end in (start, start + 1, start + rng.randrange(0, 400), start + rng.randrange(0, 9000)):
            if end > o(2250, 1, 1):
                continue
            delta = relativedelta(date.fromordinal(end), date.fromordinal(start))
            months = delta.years * 12 + delta.months
            assert months_and_days(start, end) == (months, delta.days), (date.fromordinal(start), date.fromordinal(end))
            assert clerk_span(start, end) == months * 30 + delta.days
        for n in (rng.randrange(-30, 30), rng.randrange(0, 61) * 12):
            target = date.fromordinal(start) + relativedelta(months=n)
            assert add_months(start, n) == target.toordinal(), (date.fromordinal(start), n)
        years = rng.randrange(0, 61)
        anniversary = (date.fromordinal(start) + relativedelta(years=years)).toordinal()
        assert add_years(start, years) == anniversary
        for end in (anniversary - 1, anniversary, anniversary + 1):
            assert reaches(start, years, end) == (anniversary <= end)


def test_clerk_due_is_the_first_day_the_clerks_span_reaches_the_years():
    """clerk_due steps from a guess; the definition: the first day from ``not_before`` (and from 5 days
    before the guess ``start + months + days``) on which closed + the ongoing period's span reach the years."""
    import random

    from eligibility_desk.rules_engine.dates import CLERK_YEAR, clerk_due, clerk_span

    rng = random.Random(8)
    for _ in range(4000):
        start = rng.choice([o(2019, 1, 31), o(2020, 2, 29), o(2019, 12, 31), o(2021, 1, 30)]) if rng.random() < 0.3 \
            else o(2000, 1, 1) + rng.randrange(0, 9000)
        years = rng.randrange(1, 11)
        closed = rng.choice([0, rng.randrange(0, years * CLERK_YEAR + 100)])
        not_before = start + rng.randrange(0, 5000)
        need = years * CLERK_YEAR - closed
        if need <= 0:
            assert clerk_due(closed, start, years, not_before) == not_before
            continue
        day = max(not_before, add_months(start, need // 30) + need % 30 - 5)
        while clerk_span(start, day) < need:
            day += 1
        assert clerk_due(closed, start, years, not_before) == day
