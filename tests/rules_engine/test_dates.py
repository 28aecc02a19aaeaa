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
