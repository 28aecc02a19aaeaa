"""The work clauses' fast paths against the exact clerk's sum, on many generated period sets.

The engine decides "满 N 年" from a day count for one stretch, sums several periods once per applicant in
``build_facts`` (``facts.clerk_all``) and memoises other sums in ``vocabulary._clerk``; ``dates.span_ymd``
works each period's years-months-days out from the dates' fields.  Here every answer is recomputed the slow
way — each counted period measured by ``dateutil.relativedelta``, added as a clerk adds them
(``dates.clerk_days`` / ``clerk_ymd``), the verdict read from that total (or, for one stretch, from the
anniversary), the first due date found by walking day by day — and both must give the same verdict, the
same y-m-d shown and the same eligible_from, on the as-of date and on later dates.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from eligibility_desk.domain import Applicant, Certificate, WorkPeriod
from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE
from eligibility_desk.rules_engine.dates import CLERK_YEAR, clerk_days, clerk_ymd
from eligibility_desk.rules_engine.facts import OPEN, build_facts, counted_spans
from eligibility_desk.rules_engine.model import Settings
from eligibility_desk.rules_engine.vocabulary import CompileContext, related_work, work_after_certificate

AS_OF = date(2025, 9, 1)
RELATED = frozenset({"电子商务师"})
CTX = CompileContext(settings=Settings(), majors_by_school_type={}, tiers_by_school_type={})


def _exact_ymd(start: int, end: int) -> tuple[int, int, int]:
    delta = relativedelta(date.fromordinal(end), date.fromordinal(start))
    return delta.years, delta.months, delta.days


def _exact_clerk(spans: list[tuple[int, int]]) -> int:
    total = 0
    for start, end in spans:
        y, m, d = _exact_ymd(start, end)
        total += y * CLERK_YEAR + m * 30 + d
    return total


def _exact(facts, since: int, on: int, years: int) -> tuple[int, tuple | None, int | None]:
    """(verdict, y-m-d shown or None for one stretch, eligible_from) worked out the slow way."""
    spans = counted_spans(facts, since, on)

    def met(day: int) -> bool:
        counted = counted_spans(facts, since, day)
        if len(counted) <= 1:
            if not counted:
                return False
            start, end = counted[0]
            return date.fromordinal(start) + relativedelta(years=years) <= date.fromordinal(end)
        return _exact_clerk(counted) >= years * CLERK_YEAR

    shown = clerk_ymd(_exact_clerk(spans)) if len(spans) > 1 else None
    if met(on):
        return ELIGIBLE, shown, on
    if not (facts.spans and facts.spans[-1][1] == OPEN) or not spans:
        return INELIGIBLE, shown, None
    # the first day it is met: adding a day of ongoing work never lowers the total (docs/rules.md), so
    # bisect, then check the day before is not met
    low, high = on + 1, on + years * 366 + 400
    assert met(high)
    while low < high:
        mid = (low + high) // 2
        if met(mid):
            high = mid
        else:
            low = mid + 1
    assert low == on + 1 or not met(low - 1)
    return INELIGIBLE, shown, low


def _periods(rng: random.Random) -> tuple[WorkPeriod, ...]:
    periods = []
    for _ in range(rng.randrange(1, 6)):
        start = date(2008, 1, 1) + timedelta(days=rng.randrange(0, 6400))
        if rng.random() < 0.25:  # month ends and 29 February, where the calendar is awkward
            first = date(rng.choice([2012, 2015, 2016, 2019, 2020]), rng.choice([1, 2, 3, 8, 12]), 1)
            start = first - timedelta(days=rng.choice([1, 2, 3]))
        roll = rng.random()
        if roll < 0.15:
            end = None  # ongoing
        elif roll < 0.5:  # whole years or months, as clerks like them
            whole = relativedelta(years=rng.randrange(0, 6), months=rng.randrange(0, 12))
            end = start + whole - timedelta(days=rng.choice([0, 1, 2]))
        else:
            end = start + timedelta(days=rng.randrange(0, 2500))
        occupation = "电子商务师" if rng.random() < 0.85 else "厨师"
        periods.append(WorkPeriod(occupation, start, end))
    return tuple(periods)


def test_fast_paths_give_the_exact_clerks_verdict_sum_and_date():
    rng = random.Random(20261205)
    clauses = {years: related_work({"years": years}, CTX) for years in (1, 2, 3, 4, 5, 8, 10)}
    after_cert = {years: work_after_certificate({"level": 4, "years": years}, CTX) for years in (1, 3, 4, 5)}
    several = 0
    for i in range(4000):
        cert_day = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 5000))
        applicant = Applicant(id=f"R{i}", name="测试", work=_periods(rng),
                              certificates=(Certificate("电子商务师", 4, cert_day),))
        on = AS_OF.toordinal()
        facts = build_facts(applicant, on, RELATED)
        several += len(facts.spans) > 1
        for day in (on, on + rng.randrange(1, 900)):  # the as-of date (memoised sums) and a projection
            for years, fn in clauses.items():
                verdict, trace, eligible_from = fn(facts, day)
                want = _exact(facts, 0, day, years)
                shown = trace[6] if len(trace) > 6 else None
                assert (verdict, shown, eligible_from) == want, (applicant.work, years, date.fromordinal(day))
            since = cert_day.toordinal()
            for years, fn in after_cert.items():
                verdict, trace, eligible_from = fn(facts, day)
                want = _exact(facts, since, day, years)
                shown = trace[9] if len(trace) > 9 else None
                assert (verdict, shown, eligible_from) == want, (applicant.work, cert_day, years, date.fromordinal(day))
    assert several > 1000  # the sum of several periods was exercised, not only the one-stretch shortcut


def test_the_sum_build_facts_makes_is_the_clerks_sum_of_the_counted_periods():
    rng = random.Random(7)
    for i in range(3000):
        facts = build_facts(Applicant(id=f"S{i}", name="测试", work=_periods(rng)), AS_OF.toordinal(), RELATED)
        spans = counted_spans(facts, 0, facts.as_of)
        if len(spans) <= 1:
            assert facts.clerk_all is None
            continue
        total = clerk_days(spans)
        assert total == _exact_clerk(spans)
        assert facts.clerk_all == (total, total - clerk_days(spans[-1:]), spans[-1][0], clerk_ymd(total))


def test_one_period_in_clerk_days_is_relativedeltas_years_months_days():
    from eligibility_desk.rules_engine.dates import clerk_span

    rng = random.Random(3)
    starts = [date(2019, 1, 31), date(2020, 2, 29), date(2019, 12, 31), date(2020, 1, 30), date(2100, 2, 28)]
    for _ in range(20000):
        day = rng.choice(starts) if rng.random() < 0.3 else date(1999, 1, 1) + timedelta(days=rng.randrange(0, 11000))
        start = day.toordinal()
        end = start + rng.choice([rng.randrange(0, 70), rng.randrange(0, 6000)])
        y, m, d = _exact_ymd(start, end)
        assert clerk_span(start, end) == y * CLERK_YEAR + m * 30 + d, (date.fromordinal(start), date.fromordinal(end))
