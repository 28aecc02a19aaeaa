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
