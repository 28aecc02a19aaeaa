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
from eligibility_desk.domain.verdict import ELIGIBLE, ClauseResult, Verdict
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.rules_engine.explain import explain_clause
from eligibility_desk.rules_engine.facts import OPEN, build_facts, lenient_facts, work_since
from eligibility_desk.rules_engine.levelgen import project

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


def test_fast_path_gives_the_straightforward_answers(standards):
    rng = random.Random(20261205)
    applicants = [_applicant(rng, i) for i in range(1500)]
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
        plain = build_facts(applicant, as_of, None if every else occupations, lenient=True, base=facts)
        lenient = lenient_facts(facts)
        for name in ("as_of", "spans", "ongoing", "titles", "edus", "cert_at_least", "cert_exact", "cert_undated",
                     "work_all", "clerk_all", "doubt", "no_work", "occupations"):
            assert getattr(lenient, name) == getattr(plain, name), (name, applicant)
    assert seen_lenient > 300
