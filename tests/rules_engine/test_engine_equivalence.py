"""The engine's fast path against a straightforward computation, on many generated applicants.

The fast path builds an applicant's facts once, shares memos between clauses and levels (the sums since a
certificate or title, the lenient facts of a second look), answers guarded clauses with constants, runs
generated level code and builds clause results with generated builders.  The reference here builds fresh
facts for every clause, calls every clause's predicate itself, combines the answers as docs/rules.md says
(a level is eligible if any clause is, review if none is and one is review; eligible_from the earliest date
a clause proposes, re-checked for a clause that can stop holding) and makes the clause results one by one.
Both must give the same verdict, passing clauses, eligible_from, clause results and explanation text, under
both ``unknown_occupation`` policies and on two dates.  The facts themselves are checked against plain
statements of what they hold (periods merged, the earliest certificate of each level, the lenient facts of a
second look as ``build_facts`` makes them).
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from eligibility_desk.domain import Applicant, Certificate, WorkPeriod
from eligibility_desk.domain.applicant import ClassType, Education, SchoolType, Title, TitleGrade
from eligibility_desk.domain.verdict import ELIGIBLE, REVIEW, ClauseResult, Verdict
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.rules_engine.explain import explain_clause
from eligibility_desk.rules_engine.dates import clerk_days, clerk_span
from eligibility_desk.rules_engine.facts import (
    OPEN,
    Facts,
    build_facts,
    counted_spans,
    lenient_cert_since,
    lenient_facts,
    lenient_reach,
    lenient_reading,
    lenient_since,
    work_since,
)
from eligibility_desk.rules_engine.levelgen import project
from eligibility_desk.rules_engine.vocabulary import _clerk

RULES = Path(__file__).resolve().parents[2] / "rules"
CODE = "4-07-02-06"
OCCUPATIONS = ["电子商务师", "营销员", "互联网营销师", "用户增长运营师", "会计", "厨师", "网络编辑", " 电子 商务师"]
MAJORS = ["电子商务", "市场营销", "机械制造", "网络营销", "会计", "广告学"]
AS_OF = (date(2025, 9, 1), date(2024, 2, 29))


def _day(rng: random.Random, start: date, days: int) -> date:
    if rng.random() < 0.2:  # month ends and 29 February
        first = date(rng.choice([2012, 2016, 2019, 2020, 2023, 2024]), rng.choice([1, 2, 3, 8, 12]), 1)
        return first - timedelta(days=rng.choice([1, 2, 3]))
    return start + timedelta(days=rng.randrange(days))


def _applicant(rng: random.Random, i: int) -> Applicant:
    work = []
    for _ in range(rng.randrange(0, 5)):
        start = _day(rng, date(2004, 1, 1), 7600)
        roll = rng.random()
        if roll < 0.15:
            work.append(WorkPeriod(rng.choice(OCCUPATIONS), start, None))  # still working
        elif roll < 0.27:
            work.append(WorkPeriod(rng.choice(OCCUPATIONS), start, None, end_known=False))  # end not known
        else:
            work.append(WorkPeriod(rng.choice(OCCUPATIONS), start, start + timedelta(days=rng.randrange(0, 3000))))
    certificates = [Certificate(rng.choice(OCCUPATIONS), rng.choice([5, 4, 3, 2, 1]),
                                None if rng.random() < 0.1 else _day(rng, date(2008, 1, 1), 6500))
                    for _ in range(rng.randrange(0, 4))]
    titles = [Title(rng.choice(list(TitleGrade)), _day(rng, date(2006, 1, 1), 7000), rng.choice([True, True, False, None]))
              for _ in range(rng.randrange(0, 3))]
    education = []
    for _ in range(rng.randrange(0, 3)):
        school = rng.choice(list(SchoolType))
        in_school = rng.random() < 0.3
        graduated = None if rng.random() < 0.05 else _day(rng, date(2000, 1, 1), 10000)
        education.append(Education(school, rng.choice(MAJORS), graduated, in_school,
                                   rng.choice([None, *ClassType]) if school.is_technician_institution else None,
                                   rng.random() < 0.3))
    return Applicant(id=f"E{i:05d}", name="测试", work=tuple(work), certificates=tuple(certificates),
                     titles=tuple(titles), education=tuple(education))


@pytest.fixture(scope="module")
def standards(tmp_path_factory):
    """The shipped standard (``unknown_occupation: review``) and the same with ``ineligible``."""
    root = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(RULES, root)
    path = root / "standards" / f"{CODE}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "unknown_occupation: review" in text
    path.write_text(text.replace("unknown_occupation: review", "unknown_occupation: ineligible"), encoding="utf-8")
    shipped = RuleLibrary.load(RULES).get(CODE, AS_OF[0])
    other = RuleLibrary.load(root).get(CODE, AS_OF[0])
    assert shipped.review_unlisted and not other.review_unlisted
    return shipped, other


def _reference_level(standard, applicant: Applicant, as_of: date, level: str):
    on = as_of.toordinal()
    compiled = standard.levels[level]

    def fresh():
        return build_facts(applicant, on, standard.spec.occupations.normalized, standard.review_unlisted)

    answers = []
    for clause in compiled.clauses:
        answer = clause.predicate(fresh(), on)
        if answer[0] != ELIGIBLE and answer[2] is not None and not clause.predicate.monotone:
            answer = (answer[0], answer[1], project(clause.predicate, fresh(), answer[2]))
        answers.append(answer)
    verdict = max(answer[0] for answer in answers)
    passing = tuple(c.spec.id for c, answer in zip(compiled.clauses, answers) if answer[0] == ELIGIBLE)
    dates = [answer[2] for answer in answers if answer[2] is not None]
    eligible_from = None if verdict == ELIGIBLE or not dates else date.fromordinal(min(dates))
    clauses = tuple(ClauseResult(c.spec.id, Verdict.from_code(answer[0]), answer[1],
                                 None if verdict == ELIGIBLE or answer[2] is None else date.fromordinal(answer[2]))
                    for c, answer in zip(compiled.clauses, answers))
    return Verdict.from_code(verdict), passing, eligible_from, clauses


LISTED = ["电子商务师", "营销员", "网络编辑", " 电子 商务师"]
UNLISTED = ["会计", "厨师"]
#: (certificate level, years) of the clauses counting work since a certificate, and (title grade, years)
CERT_CLAUSES = [(5, 3), (4, 4), (3, 5), (3, 1), (2, 5), (2, 1)]
TITLE_CLAUSES = [(TitleGrade.JUNIOR, 1), (TitleGrade.JUNIOR, 5), (TitleGrade.INTERMEDIATE, 1),
                 (TitleGrade.INTERMEDIATE, 5), (TitleGrade.SENIOR, 1)]


def _stressed(rng: random.Random, i: int, as_of: date) -> Applicant:
    """An applicant at a clause's threshold: work since a certificate or title (or in all) within days of N
    years, split into periods of every kind — counted, unknown end, an occupation on no list — or only
    doubtful ones; certificates of other occupations before (and after) the listed one, undated ones."""
    kind = rng.choice(["cert", "cert", "title", "work"])
    if kind == "cert":
        level, years = rng.choice(CERT_CLAUSES)
    elif kind == "title":
        grade, years = rng.choice(TITLE_CLAUSES)
    else:
        level, years = rng.choice([(3, 2), (3, 5), (3, 10)])
    length = 365 * years + years // 4 + rng.randint(-12, 6)
    pieces = rng.choice([1, 2, 2, 3, 4])
    gaps = [rng.choice([0, 1, 15, 40, 200]) for _ in range(pieces - 1)]
    since = as_of - timedelta(days=length + sum(gaps) + rng.choice([0, 0, 1, 30, 400]))
    start = since - timedelta(days=rng.choice([0, 0, 0, 1, 60, 500]))
    cuts = sorted(rng.sample(range(1, length), pieces - 1)) if pieces > 1 else []
    lengths = [b - a for a, b in zip([0, *cuts], [*cuts, length])]
    doubtful_only = rng.random() < 0.25
    work = []
    for n, days in enumerate(lengths):
        end = start + timedelta(days=days - 1)
        roll = rng.random()
        if doubtful_only or roll < 0.3:
            work.append(WorkPeriod(rng.choice(UNLISTED), start, None if rng.random() < 0.3 else end))
        elif roll < 0.45:
            work.append(WorkPeriod(rng.choice(LISTED), start, None, end_known=False))
        else:
            work.append(WorkPeriod(rng.choice(LISTED), start, end))
        start = end + timedelta(days=1 + (gaps[n] if n < len(gaps) else 0))
    certificates = []
    titles = []
    if kind == "title":
        titles.append(Title(grade, since, rng.choice([True, True, None])))
        if rng.random() < 0.5:
            certificates.append(Certificate(rng.choice(LISTED), rng.choice([4, 3, 2]), since + timedelta(days=rng.randrange(-900, 900))))
    else:
        if kind == "cert" and rng.random() < 0.85:
            certificates.append(Certificate(rng.choice(LISTED), level, since + timedelta(days=rng.choice([0, 0, 1, 200]))))
        for _ in range(rng.randrange(0, 3)):  # of other occupations: earlier, later, undated, higher, lower
            certificates.append(Certificate(rng.choice(UNLISTED), max(1, min(5, level + rng.choice([-1, 0, 0, 1]))),
                                            None if rng.random() < 0.15 else since + timedelta(days=rng.randrange(-1500, 300))))
        rng.shuffle(certificates)
    return Applicant(id=f"S{i:05d}", name="测试", work=tuple(work), certificates=tuple(certificates),
                     titles=tuple(titles), education=())


def test_fast_path_gives_the_straightforward_answers(standards):
    rng = random.Random(20261205)
    applicants = [_applicant(rng, i) for i in range(1500)]
    _compare(standards, applicants)


def test_fast_path_at_the_thresholds_of_a_second_look(standards):
    """Applicants whose work since a certificate or title is within days of a clause's years, with doubtful
    work and certificates of other occupations (where the test before a second look is closest)."""
    rng = random.Random(12)
    applicants = [_stressed(rng, i, as_of) for as_of in AS_OF for i in range(700)]
    _compare(standards, applicants)


def test_the_equivalence_applicants_reach_every_inline_answer(standards):
    """The applicants the two tests above compare meet each answer the generated code writes inline where the
    clause's closure answered before (round five): a certificate's and a title's second look that passes
    (one period and several since the date), and a title whose match is unknown (review and ineligible, one
    period and several)."""
    rng = random.Random(20261205)
    applicants = [_applicant(rng, i) for i in range(1500)]
    rng = random.Random(12)
    applicants += [_stressed(rng, i, as_of) for as_of in AS_OF for i in range(700)]
    seen = set()
    shipped = standards[0]
    for as_of in AS_OF:
        for results in shipped.screen_many(applicants, as_of):
            for result in results:
                for answer in result.clause_answers:
                    stack = [answer[1]]
                    while stack:
                        trace = stack.pop()
                        if trace[0] == "all" or trace[0] == "any":
                            stack.extend(trace[1])
                        elif trace[0] == "doubt" and trace[2][0] == "work_after":
                            seen.add(("second look", trace[2][1], len(trace[2])))
                        elif trace[0] == "work_after" and trace[1] == "title_unknown":
                            seen.add(("unknown", trace[8], len(trace)))
    assert {("second look", "cert", 9), ("second look", "cert", 10), ("second look", "title", 9),
            ("second look", "title", 10)} <= seen
    assert {("unknown", True, 9), ("unknown", False, 9), ("unknown", True, 10), ("unknown", False, 10)} <= seen


def _compare(standards, applicants):
    verdicts = set()
    for standard in standards:
        for as_of in AS_OF:
            batch = standard.screen_many(applicants, as_of)
            for applicant, results in zip(applicants, batch):
                assert [r.level for r in results] == list(standard.levels)
                one = standard.screen(applicant, as_of)
                for result, alone in zip(results, one):
                    verdict, passing, eligible_from, clauses = _reference_level(standard, applicant, as_of, result.level)
                    where = (applicant, as_of, result.level, standard.review_unlisted)
                    assert (result.verdict, result.passing_clauses, result.eligible_from) == (verdict, passing, eligible_from), where
                    assert result.clauses == clauses, where
                    assert tuple(alone) == tuple(result), where
                    for fast, slow in zip(result.clauses, clauses):
                        for lang in ("zh", "en"):
                            assert explain_clause(fast, lang) == explain_clause(slow, lang)
                    verdicts.add((result.verdict, any(c.trace[0] == "doubt" for c in result.clauses)))
    # every kind of answer was met, second looks that end in review among them
    assert {(Verdict.ELIGIBLE, False), (Verdict.INELIGIBLE, False), (Verdict.REVIEW, True)} <= verdicts


def _merged(periods: list[tuple[int, int]]) -> list[tuple[int, int]]:
    days = set()
    for start, end in periods:
        days.update(range(start, min(end, 800_000)))
    out: list[list[int]] = []
    for day in sorted(days):
        if out and out[-1][1] == day:
            out[-1][1] = day + 1
        else:
            out.append([day, day + 1])
    return [(s, OPEN if e == 800_000 else e) for s, e in out]


def test_facts_hold_what_they_say(standards):
    """Merged periods, certificate tables and the lenient facts of a second look, stated plainly."""
    rng = random.Random(7)
    shipped, _other = standards
    occupations = shipped.spec.occupations.normalized
    seen_lenient = 0
    for i in range(3000):
        applicant = _applicant(rng, i)
        as_of = rng.choice(AS_OF).toordinal()
        facts = build_facts(applicant, as_of, occupations, True)
        listed = [p for p in applicant.work if "".join(p.occupation.split()) in occupations]
        counted = []
        for p in listed:
            start = p.start.toordinal()
            if start > as_of or (p.end is None and not p.end_known):
                continue
            end = OPEN if p.end is None else min(p.end.toordinal() + 1, as_of)
            if end > start:
                counted.append((start, end))
        assert facts.spans == _merged(counted)
        assert facts.work_all == work_since(facts, 0, as_of)
        certs = sorted(((c.obtained_on.toordinal(), c.level) for c in applicant.certificates
                        if c.obtained_on is not None and c.obtained_on.toordinal() <= as_of
                        and "".join(c.occupation.split()) in occupations), key=lambda item: item[0])
        undated = [c.level for c in applicant.certificates
                   if c.obtained_on is None and "".join(c.occupation.split()) in occupations]
        for level in range(1, 6):
            at_least = next(((held, day) for day, held in certs if held <= level), None) \
                or next(((held, None) for held in undated if held <= level), None)
            exact = next(((held, day) for day, held in certs if held == level), None) \
                or next(((held, None) for held in undated if held == level), None)
            assert facts.cert_at_least[level] == at_least, (applicant, level)
            assert facts.cert_exact[level] == exact, (applicant, level)
        if facts.doubt is None:
            continue
        seen_lenient += 1
        every = any(reason == "occupation" for reason, _occupation, _start in facts.doubt)
        plain = build_facts(applicant, as_of, None if every else occupations, lenient=True)
        lenient = lenient_facts(facts)
        for name in ("as_of", "spans", "ongoing", "titles", "edus", "cert_at_least", "cert_exact", "cert_undated",
                     "work_all", "clerk_all", "doubt", "no_work", "occupations", "other_certs"):
            assert getattr(lenient, name) == getattr(plain, name), (name, applicant)
    assert seen_lenient > 300


def test_a_period_gains_at_most_two_clerk_days_over_the_calendar():
    """lenient_reach adds 3 days per period for the clerk's 30-day months: a 28-day February is the most a
    period's clerk days exceed its calendar days (by 2); a year loses 5 or 6.  Every start over a leap cycle
    and the century years the tables reach, every length up to 800 days, then lengths up to 40 years."""
    worst = -10**9
    for first in (date(1899, 12, 1), date(2019, 12, 1), date(2099, 12, 1), date(2199, 10, 1)):
        origin = first.toordinal()
        for start in range(origin, origin + (1500 if first.year == 2019 else 120)):
            for days in range(0, 800):
                worst = max(worst, clerk_span(start, start + days) - days)
            for days in range(800, 40 * 366, 97):
                assert clerk_span(start, start + days) - days <= 0
    assert worst == 2


def _doubtful_facts(standards, count: int):
    shipped, other = standards
    rng = random.Random(99)
    applicants = [_applicant(rng, i) for i in range(count)]
    applicants += [_stressed(rng, i, as_of) for as_of in AS_OF for i in range(count // 2)]
    for standard in standards:
        for applicant in applicants:
            for as_of in AS_OF:
                facts = build_facts(applicant, as_of.toordinal(), standard.spec.occupations.normalized,
                                    standard.review_unlisted)
                if facts.doubt is not None:
                    yield standard, applicant, facts


def test_lenient_facts_made_from_the_facts_are_those_read_from_the_record(standards):
    """lenient_facts builds from the facts' merged periods and their doubtful ones (doubt_raw) when the same
    certificates count; every slot is what reading the record again with lenient=True gives."""
    kinds = set()
    for standard, applicant, facts in _doubtful_facts(standards, 1200):
        every = facts.doubt_every
        fast = lenient_facts(facts)
        full = build_facts(applicant, facts.as_of, None if every else facts.occupations, lenient=True)
        for slot in Facts.__slots__:
            if slot not in ("cache", "lenient", "applicant"):
                assert getattr(fast, slot, None) == getattr(full, slot, None), (slot, applicant)
        assert fast.cache == {"is_lenient": True} and fast.applicant is applicant
        kinds.add((every, bool(facts.other_certs), len(fast.spans) > len(facts.spans), fast.ongoing))
    # both ways of building (other occupations' certificates: read again), merged and added periods, open ends
    assert {(True, True), (True, False), (False, False)} <= {k[:2] for k in kinds}
    assert {k[2] for k in kinds} == {True, False} and {k[3] for k in kinds} == {True, False}


def test_the_test_before_a_second_look_bounds_the_lenient_work(standards):
    """lenient_reach(facts, since) is at least the calendar and the clerk days the lenient facts count from
    any later day, and lenient_cert_since at most their certificate's date (of any occupation)."""
    seen = set()
    for _standard, applicant, facts in _doubtful_facts(standards, 1500):
        lenient = lenient_facts(facts)
        on = facts.as_of
        starts = {0, *(obtained for _rank, obtained, _matches in facts.titles)}
        for level in range(1, 6):
            for higher in (True, False):
                cert = (lenient.cert_at_least if higher else lenient.cert_exact)[level]
                bound = lenient_cert_since(facts, level, higher)
                if cert is None or cert[1] is None:
                    continue
                assert bound is not None and bound <= cert[1], (applicant, level, higher)
                if lenient.occupations is None:  # every occupation counted: exactly their certificate's date
                    assert bound == cert[1], (applicant, level, higher)
                starts.add(cert[1])
                spans = counted_spans(lenient, cert[1], on)
                assert clerk_days(spans) <= lenient_reach(facts, bound), (applicant, level, higher)
                assert sum(b - a for a, b in spans) <= lenient_reach(facts, bound), (applicant, level, higher)
                strict = (facts.cert_at_least if higher else facts.cert_exact)[level]
                if strict is None or strict[1] is None:
                    seen.add("none listed")
                elif bound < strict[1]:
                    seen.add("an earlier one of another occupation")
        for since in starts:
            spans = counted_spans(lenient, since, on)
            reach = lenient_reach(facts, since)
            total, _end, _first, periods = work_since(facts, since, on)
            assert lenient_reach(facts, since, total + 3 * periods) == reach
            assert clerk_days(spans) <= reach and sum(b - a for a, b in spans) <= reach, (applicant, since)
            if len(spans) > 1 and reach - clerk_days(spans) <= 6 * len(spans):
                seen.add("within days")
    # lenient certificates earlier than the listed one, none listed at all, and bounds within days were met
    assert seen == {"none listed", "an earlier one of another occupation", "within days"}


def test_the_lenient_reading_beside_the_facts_is_the_lenient_facts_work(standards):
    """A second look reads the lenient reading made beside the facts (lenient_reading, lenient_since) instead
    of building lenient facts: for every date a second look counts from (0, each certificate of the lenient
    facts, each title, each day a period starts or ends, days between), the numbers are what work_since and
    the clerk's sum give on the lenient facts read from the record; and a certificate's second look counts
    from the facts' own certificate exactly when the lenient facts hold the same tables (``lsame``)."""
    seen = set()
    for _standard, applicant, facts in _doubtful_facts(standards, 1200):
        on = facts.as_of
        full = build_facts(applicant, on, None if facts.doubt_every else facts.occupations, lenient=True)
        assert lenient_reading(facts) == full.work_all == facts.lwork_all
        assert facts.lspans == full.spans and facts.lclerk_all == full.clerk_all
        starts = {0, *(obtained for _rank, obtained, _matches in full.titles)}
        starts.update(c[1] for c in (*full.cert_at_least, *full.cert_exact) if c is not None and c[1] is not None)
        for start, stop in full.spans:
            starts.update((start - 1, start, start + 1, stop - 1, stop, (start + min(stop, on)) // 2))
        for since in sorted(starts):
            found = lenient_since(facts, since)
            assert found[:4] == work_since(full, since, on), (applicant, since)
            if found[3] > 1:
                ok, ymd, _due = _clerk(full, since, on, 1)
                assert (found[4], found[5]) == (clerk_days(counted_spans(full, since, on)), ymd), (applicant, since)
                seen.add("several periods")
            else:
                assert found[4:] == (0, None)
            assert lenient_since(facts, since) is found  # once per date
        same = facts.cert_at_least == full.cert_at_least and facts.cert_exact == full.cert_exact
        assert facts.lsame == (not (facts.doubt_every and facts.other_certs))
        if facts.lsame:
            assert same, applicant
        seen.add(("same tables", facts.lsame, same))
    assert {"several periods", ("same tables", True, True), ("same tables", False, False)} <= seen


def test_the_equivalence_applicants_reach_both_shapes_of_a_certificates_second_look(standards):
    """The generated certificate second look has two shapes — the same certificate read from the lenient
    reading (``facts.lsame``), and the lenient facts' own certificate when one of another occupation comes
    in — and the equivalence applicants reach a review from each."""
    rng = random.Random(12)
    applicants = [_stressed(rng, i, as_of) for as_of in AS_OF for i in range(700)]
    shipped = standards[0]
    occupations = shipped.spec.occupations.normalized
    shapes = set()
    for as_of in AS_OF:
        for applicant, results in zip(applicants, shipped.screen_many(applicants, as_of)):
            facts = build_facts(applicant, as_of.toordinal(), occupations, True)
            for result in results:
                for answer in result.clause_answers:
                    if answer[1][0] == "doubt" and answer[1][2][:2] == ("work_after", "cert"):
                        shapes.add(facts.lsame)
    assert shapes == {True, False}


def test_a_failing_clause_whose_second_look_passes_is_review(standards):
    """What the tests before a second look skip: a work clause that fails on the facts but passes on the
    lenient facts (the doubtful work counted) answers review — unless the facts hold no certificate of the
    clause's level in a listed occupation (no second look).  Neither test may skip such a clause: the days
    counted since the facts' own certificate plus ``doubt_reach`` are not a bound when the lenient facts count
    from an earlier certificate of another occupation (it once answered ineligible there — docs/benchmarks.md
    "Engine: the second look"), so with other occupations' certificates only ``lenient_reach`` from
    ``lenient_cert_since`` decides."""
    passes = 0
    for standard, applicant, facts in _doubtful_facts(standards, 1500):
        on = facts.as_of
        for level in standard.levels.values():
            for clause in level.clauses:
                if not {"related_work", "work_after_certificate", "work_after_title"} & set(clause.spec.logic):
                    continue
                fresh = build_facts(applicant, on, standard.spec.occupations.normalized, standard.review_unlisted)
                answer = clause.predicate(fresh, on)
                alt = clause.predicate(lenient_facts(fresh), on)
                if alt[0] != ELIGIBLE or answer[0] == ELIGIBLE or answer[1][0] == "no_cert":
                    continue
                passes += 1
                assert answer[0] == REVIEW, (applicant, clause.spec.id, answer, alt)
    assert passes > 500


# --- the generated screen_all of every standard against the per-level functions ----------------------------

MADE_UP = Path(__file__).resolve().parent / "data"


def _names(spec) -> tuple[list[str], list[str]]:
    """Occupations and majors a standard lists (as written), for applicants who meet its clauses."""
    occupations = list(spec.occupations.items)
    for extra in spec.occupation_lists.values():
        occupations += list(extra.items)
    majors = [m for reference in spec.majors.values() for m in reference.items]
    return occupations[:12] or ["某职业"], majors[:12] or ["某专业"]


def _any_applicant(rng: random.Random, i: int, spec) -> Applicant:
    """An applicant with every kind of fact the vocabulary reads: work in listed and other occupations (ends
    known, unknown, ongoing), national and own-level certificates (dated or not), titles, education of every
    school type, training, apprenticeships and a birth date or none."""
    from eligibility_desk.domain.applicant import Apprenticeship, Training

    occupations, majors = _names(spec)
    occupations = occupations + ["厨师", "会计"]
    base = _applicant(rng, i)
    work = tuple(WorkPeriod(rng.choice(occupations), p.start, p.end, end_known=p.end_known) for p in base.work)
    levels = [d.name for d in spec.declared_levels] + [d.code for d in spec.declared_levels] + ["特级"]
    certificates = [Certificate(rng.choice(occupations), c.level, c.obtained_on) for c in base.certificates]
    certificates += [Certificate(rng.choice(occupations), rng.choice(levels),
                                 None if rng.random() < 0.1 else _day(rng, date(2016, 1, 1), 3500), standard=spec.code)
                     for _ in range(rng.randrange(0, 3))]
    education = tuple(Education(e.school_type, rng.choice(majors + ["机械制造"]), e.graduated_on, e.in_school,
                                e.class_type, e.assessed) for e in base.education)
    training = tuple(Training(rng.choice(occupations), rng.choice(levels), rng.choice([8, 40, 80, 120, 400]),
                              None if rng.random() < 0.2 else _day(rng, date(2018, 1, 1), 3000))
                     for _ in range(rng.randrange(0, 3)))
    apprenticeships = tuple(Apprenticeship(rng.choice(occupations),
                                           None if rng.random() < 0.3 else _day(rng, date(2015, 1, 1), 4000))
                            for _ in range(rng.randrange(0, 2)))
    born = None if rng.random() < 0.2 else _day(rng, date(1960, 1, 1), 20000)
    return Applicant(id=f"G{i:05d}", name="测试", work=work, certificates=tuple(certificates), titles=base.titles,
                     education=education, training=training, apprenticeships=apprenticeships, birth_date=born)


@pytest.mark.parametrize("root", [RULES, MADE_UP / "made_up", MADE_UP / "made_up_v2"], ids=lambda p: p.name)
def test_generated_screening_gives_the_per_level_answers_for_every_standard(root):
    """``screen_many`` and ``screen`` run one generated function per standard (rules_engine/fused.py: clauses
    written inline, education judged in one pass); each level's own generated function calls the clause
    predicates one by one.  Every standard shipped and the made-up ones give the same results both ways, for
    every set of levels asked (all, one, in another order)."""
    library = RuleLibrary.load(root)
    rng = random.Random(4)
    compared = 0
    seen = set()
    for standard in library.all_versions():
        applicants = [_any_applicant(rng, i, standard.spec) for i in range(400)]
        codes = list(standard.levels)
        for as_of in AS_OF:
            for levels in (None, codes[::-1], codes[-1:]):
                batch = standard.screen_many(applicants, as_of, levels)
                for applicant, results in zip(applicants, batch):
                    facts = standard.facts(applicant, as_of)
                    slow = [standard.levels[key].screen(facts, applicant.id, as_of) for key in (levels or codes)]
                    assert [tuple(r) for r in results] == [tuple(r) for r in slow], (standard.code, applicant, as_of)
                    assert [r.clauses for r in results] == [r.clauses for r in slow]
                    compared += len(results)
                    seen.update(r.verdict for r in results)
    assert compared > 4000 and seen == {Verdict.ELIGIBLE, Verdict.INELIGIBLE, Verdict.REVIEW}
