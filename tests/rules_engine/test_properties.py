"""Properties that must hold for any applicant (hypothesis):

* the verdict does not depend on the order of work periods, certificates, titles or schooling;
* adding related work never turns eligible into ineligible (nor review into ineligible);
* eligible_from is the first date on which the level would be eligible.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility_desk.domain import (
    Applicant, Certificate, ClassType, Education, SchoolType, Title, TitleGrade, WorkPeriod,
)
from eligibility_desk.rules_engine import RuleLibrary

STANDARD = RuleLibrary.load().get("4-07-02-06")
AS_OF = date(2025, 9, 1)
RANK = {"eligible": 2, "review": 1, "ineligible": 0}

days = st.integers(min_value=0, max_value=8000).map(lambda n: date(2004, 1, 1) + timedelta(days=n))
related = st.sampled_from(["电子商务师", "营销员", "用户增长运营师", "网络主播"])
occupation = st.one_of(related, st.just("厨师"))


@st.composite
def work_periods(draw, occupations=occupation):
    start = draw(days)
    end = draw(st.one_of(st.none(), st.integers(0, 4000).map(lambda n: start + timedelta(days=n))))
    return WorkPeriod(draw(occupations), start, end)


certificates = st.builds(Certificate, occupation, st.integers(2, 5), days)
titles = st.builds(Title, st.sampled_from(list(TitleGrade)), days, st.sampled_from([True, False, None]))


@st.composite
def schooling(draw):
    school = draw(st.sampled_from(list(SchoolType)))
    klass = draw(st.one_of(st.none(), st.sampled_from(list(ClassType)))) if school.is_technician_institution else None
    in_school = draw(st.booleans())
    grad = draw(st.integers(-3000, 900).map(lambda n: AS_OF + timedelta(days=n)))
    return Education(school, draw(st.sampled_from(["电子商务", "市场营销", "机械制造", "广告学"])), grad, in_school, klass,
                     draw(st.booleans()))


applicants = st.builds(
    Applicant,
    id=st.just("P"), name=st.just("测试"),
    education=st.lists(schooling(), max_size=2).map(tuple),
    work=st.lists(work_periods(), max_size=4).map(tuple),
    certificates=st.lists(certificates, max_size=3).map(tuple),
    titles=st.lists(titles, max_size=2).map(tuple),
)


def verdicts(applicant: Applicant, as_of: date = AS_OF) -> dict[str, str]:
    return {r.level: r.verdict.value for r in STANDARD.screen(applicant, as_of)}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants, st.randoms(use_true_random=False))
def test_verdict_does_not_depend_on_order(applicant, rnd):
    shuffled = {}
    for field in ("education", "work", "certificates", "titles"):
        items = list(getattr(applicant, field))
        rnd.shuffle(items)
        shuffled[field] = tuple(items)
    before = STANDARD.screen(applicant, AS_OF)
    after = STANDARD.screen(replace(applicant, **shuffled), AS_OF)
    assert [(r.verdict, r.passing_clauses, r.eligible_from) for r in before] == \
           [(r.verdict, r.passing_clauses, r.eligible_from) for r in after]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants, work_periods(related))
def test_adding_related_work_never_lowers_a_verdict(applicant, extra):
    before = verdicts(applicant)
    after = verdicts(replace(applicant, work=applicant.work + (extra,)))
    for level, verdict in before.items():
        assert RANK[after[level]] >= RANK[verdict], (level, verdict, after[level])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants)
def test_eligible_from_is_the_first_eligible_day(applicant):
    for result in STANDARD.screen(applicant, AS_OF):
        when = result.eligible_from
        if when is None:
            continue
        assert result.verdict.value != "eligible"
        assert when > AS_OF
        # judged later with the same facts (ongoing work continued), the level is eligible on that day...
        facts = STANDARD.facts(applicant, AS_OF)
        level = STANDARD.levels[result.level]
        on_day = level.screen(facts, applicant.id, AS_OF)
        assert on_day.verdict.value != "eligible"
        projected = [c.predicate(facts, when.toordinal())[0] for c in level.clauses]
        assert 2 in projected
        # ...and not the day before
        day_before = [c.predicate(facts, when.toordinal() - 1)[0] for c in level.clauses]
        assert 2 not in day_before or when - timedelta(days=1) == AS_OF
