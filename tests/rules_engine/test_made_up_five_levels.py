"""A made-up five-level standard written from docs/rules.md alone (tests/rules_engine/data/made_up_v2): age,
training hours, work after graduation, 本职业-only work, apprenticeship and continuous work load and screen
with no code of their own.  Applicants sit on each boundary (the day before / the day of)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.rules_engine.explain import explain_clause

ROOT = Path(__file__).parent / "data" / "made_up_v2"


@pytest.fixture(scope="module")
def standard():
    library = RuleLibrary.load(ROOT, strict=True)
    return library.get("9-88-88-88")


def screen(standard, record: dict, as_of: str, level: str):
    applicant = parse_applicant({"id": "X", "name": "某", **record})
    (result,) = standard.screen(applicant, date.fromisoformat(as_of), [level])
    return result


def clause(result, clause_id):
    return next(c for c in result.clauses if c.id == clause_id)


# --- 5-1: 年满 16 周岁 + 本职业培训 120 学时 (the standard's training_hours for level 5) -----------------------

TRAINED = [{"occupation": "香道师", "level": "5", "hours": 80, "finished_on": "2026-03-01"},
           {"occupation": "香道师", "level": "五级/初级工", "hours": 40, "finished_on": "2026-04-01"}]


def test_age_from_the_birth_date_on_the_sixteenth_birthday(standard):
    record = {"birth_date": "2010-05-10", "training": TRAINED}
    assert screen(standard, record, "2026-05-09", "5").verdict.value == "ineligible"
    before = screen(standard, record, "2026-05-09", "5")
    assert before.eligible_from == date(2026, 5, 10)
    assert screen(standard, record, "2026-05-10", "5").verdict.value == "eligible"


def test_age_from_the_id_number_when_no_birth_date_is_given(standard):
    record = {"id_number": make_id_number("110101", date(2010, 5, 10), 1), "training": TRAINED}
    assert screen(standard, record, "2026-05-09", "5").verdict.value == "ineligible"
    assert screen(standard, record, "2026-05-10", "5").verdict.value == "eligible"


def test_age_unknown_is_review(standard):
    result = screen(standard, {"training": TRAINED}, "2026-06-01", "5")
    assert result.verdict.value == "review"
    assert "出生日期" in explain_clause(clause(result, "5-1"))


def test_training_hours_add_up_per_level_and_occupation_by_code_or_name(standard):
    record = {"birth_date": "2000-01-01", "training": TRAINED}
    # 80 h by 2026-03-01; the other 40 h finish on 2026-04-01 -> 120 h
    assert screen(standard, record, "2026-03-31", "5").verdict.value == "ineligible"
    assert screen(standard, record, "2026-04-01", "5").verdict.value == "eligible"
    other = {"birth_date": "2000-01-01", "training": [
        {"occupation": "茶艺师", "level": "5", "hours": 200, "finished_on": "2026-01-05"},   # related, not 本职业
        {"occupation": "香道师", "level": "4", "hours": 200, "finished_on": "2026-01-05"}]}  # another level
    result = screen(standard, other, "2026-06-01", "5")
    assert result.verdict.value == "ineligible"
    assert "120" in explain_clause(clause(result, "5-1"))


def test_training_with_no_finish_date_that_would_suffice_is_review(standard):
    record = {"birth_date": "2000-01-01", "training": [{"occupation": "香道师", "level": "5", "hours": 120}]}
    assert screen(standard, record, "2026-06-01", "5").verdict.value == "review"


# --- 5-2: 本职业学徒期满 ------------------------------------------------------------------------------------

def test_apprenticeship_completed_in_this_occupation_only(standard):
    mine = {"apprenticeships": [{"occupation": "香道师", "finished_on": "2026-07-01"}]}
    assert screen(standard, mine, "2026-06-30", "5").verdict.value == "ineligible"
    assert screen(standard, mine, "2026-06-30", "5").eligible_from == date(2026, 7, 1)
    assert screen(standard, mine, "2026-07-01", "5").verdict.value == "eligible"
    related = {"apprenticeships": [{"occupation": "茶艺师", "finished_on": "2020-07-01"}]}
    assert clause(screen(standard, related, "2026-07-01", "5"), "5-2").verdict.value == "ineligible"
    running = {"apprenticeships": [{"occupation": "香道师", "finished_on": None}]}
    assert clause(screen(standard, running, "2026-07-01", "5"), "5-2").verdict.value == "ineligible"


# --- 4-1: 连续从事本职业 3 年, a break of at most 30 days -----------------------------------------------------

def test_continuous_work_bridges_short_breaks_but_not_long_ones(standard):
    short_break = {"work": [{"occupation": "香道师", "start": "2023-01-01", "end": "2024-06-30"},
                            {"occupation": "香道师", "start": "2024-07-31", "end": None}]}  # 30 days off
    assert clause(screen(standard, short_break, "2025-12-31", "4"), "4-1").verdict.value == "ineligible"
    assert clause(screen(standard, short_break, "2026-01-01", "4"), "4-1").verdict.value == "eligible"
    long_break = {"work": [{"occupation": "香道师", "start": "2023-01-01", "end": "2024-06-30"},
                           {"occupation": "香道师", "start": "2024-08-01", "end": None}]}   # 31 days off
    result = screen(standard, long_break, "2026-01-01", "4")
    assert clause(result, "4-1").verdict.value == "ineligible"
    assert clause(result, "4-1").eligible_from == date(2027, 8, 1)


def test_continuous_work_counts_this_occupation_only(standard):
    related = {"work": [{"occupation": "茶艺师", "start": "2020-01-01", "end": None}]}
    assert clause(screen(standard, related, "2026-01-01", "4"), "4-1").verdict.value == "ineligible"


# --- 4-2: work after graduating from a listed major ----------------------------------------------------------

def test_work_counts_from_graduation_not_before(standard):
    record = {"education": [{"school_type": "secondary_vocational", "major": "香道文化", "graduated_on": "2023-07-01"}],
              "work": [{"occupation": "茶艺师", "start": "2020-01-01", "end": None}]}  # related work since 2020
    assert clause(screen(standard, record, "2025-06-30", "4"), "4-2").verdict.value == "ineligible"
    assert screen(standard, record, "2025-06-30", "4").eligible_from == date(2025, 7, 1)
    assert clause(screen(standard, record, "2025-07-01", "4"), "4-2").verdict.value == "eligible"
    unlisted = {**record, "education": [{**record["education"][0], "major": "机械制造"}]}
    assert clause(screen(standard, unlisted, "2025-07-01", "4"), "4-2").verdict.value == "ineligible"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: the next day
        return date(day.year + years, 3, 1)


def _stale_cases(count: int = 40):
    """Generated 4-2 applicants: one listed-major record graduated, expected ahead, or still marked in school
    after its expected date (stale), and one related job; the verdict a clerk reaches by hand."""
    import random
    from datetime import timedelta

    rng = random.Random(4242)
    as_of = date(2025, 9, 1)
    cases = []
    for n in range(count):
        graduation = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 8))
        in_school = rng.random() < 0.6
        start = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 365 * 9))
        end = None if rng.random() < 0.6 else start + timedelta(days=rng.randrange(200, 2500))
        if end is not None and end >= as_of:
            end = None
        stop = as_of if end is None else end + timedelta(days=1)
        since = max(start, graduation)
        meets = since < stop and _add_years(since, 2) <= stop
        if graduation > as_of:
            expected = "ineligible"  # not yet graduated (in school or not: the date is ahead)
        elif in_school:
            expected = "review" if meets else "ineligible"  # stale: only a clerk can confirm the graduation
        else:
            expected = "eligible" if meets else "ineligible"
        record = {"education": [{"school_type": "secondary_vocational", "major": "香道文化",
                                 "graduated_on": graduation.isoformat(), "in_school": in_school}],
                  "work": [{"occupation": "茶艺师", "start": start.isoformat(), "end": end and end.isoformat()}]}
        cases.append(pytest.param(record, expected, graduation, in_school and graduation <= as_of, id=f"{n}-{expected}"))
    return cases


@pytest.mark.parametrize("record,expected,graduation,stale", _stale_cases())
def test_a_record_still_in_school_after_its_date_is_review_where_it_would_decide(standard, record, expected,
                                                                                graduation, stale):
    """Work after graduation and a stale 在读 record: counted from the expected date only to see whether it would
    decide (review, with the education clause's reason and this clause named), never as a graduation."""
    found = clause(screen(standard, record, "2025-09-01", "4"), "4-2")
    assert found.verdict.value == expected
    zh, en = explain_clause(found), explain_clause(found, "en")
    if stale:
        assert f"标记为在读，但预计毕业日期 {graduation.isoformat()} 已过" in zh and "本条（毕业后工作年限）" in zh
        assert "still marked in school" in en and "this clause (work after graduation)" in en
        assert found.eligible_from is None  # no projection from a graduation nobody confirmed
    else:
        assert "标记为在读" not in zh


def test_a_stale_record_does_not_hide_a_real_graduation(standard):
    record = {"education": [{"school_type": "secondary_vocational", "major": "香道文化", "graduated_on": "2018-07-01", "in_school": True},
                            {"school_type": "secondary_vocational", "major": "香道文化", "graduated_on": "2021-07-01"}],
              "work": [{"occupation": "茶艺师", "start": "2019-01-01", "end": None}]}
    assert clause(screen(standard, record, "2025-09-01", "4"), "4-2").verdict.value == "eligible"


# --- 3-1 / 3-2: 本职业 after a certificate versus 本职业或相关职业 -----------------------------------------------

def test_this_occupation_after_a_certificate_versus_related_work(standard):
    cert = [{"occupation": "香道师", "level": 4, "obtained_on": "2021-01-01"}]
    mine = {"work": [{"occupation": "香道师", "start": "2019-01-01", "end": None}], "certificates": cert}
    assert clause(screen(standard, mine, "2024-12-31", "3"), "3-1").verdict.value == "ineligible"
    assert clause(screen(standard, mine, "2025-01-01", "3"), "3-1").verdict.value == "eligible"
    related = {"work": [{"occupation": "评茶员", "start": "2019-01-01", "end": None}], "certificates": cert}
    assert clause(screen(standard, related, "2025-01-01", "3"), "3-1").verdict.value == "ineligible"


def test_unlisted_occupation_is_review_when_it_would_decide(standard):
    # settings.unknown_occupation: review — 10 years as a 调香师 (on no list) is for a clerk to judge
    record = {"work": [{"occupation": "调香师", "start": "2015-01-01", "end": None}]}
    result = screen(standard, record, "2025-01-01", "3")
    assert clause(result, "3-2").verdict.value == "review"
    assert "不在本标准的职业目录中" in explain_clause(clause(result, "3-2"))
    assert clause(screen(standard, record, "2024-12-31", "3"), "3-2").verdict.value == "ineligible"


# --- 2-1: work after a title, and training for that level ----------------------------------------------------

def test_work_after_title_and_training_for_the_level(standard):
    record = {"work": [{"occupation": "香道师", "start": "2015-01-01", "end": None}],
              "titles": [{"grade": "junior", "obtained_on": "2020-03-01", "profession_matches": True}],
              "training": [{"occupation": "香道师", "level": "2", "hours": 80, "finished_on": "2024-01-01"}]}
    assert screen(standard, record, "2025-02-28", "2").verdict.value == "ineligible"
    assert screen(standard, record, "2025-02-28", "2").eligible_from == date(2025, 3, 1)
    assert screen(standard, record, "2025-03-01", "2").verdict.value == "eligible"


# --- 1-1: age and a certificate held for years ---------------------------------------------------------------

def test_age_and_certificate_held_together(standard):
    record = {"birth_date": "1990-10-01",
              "certificates": [{"occupation": "茶艺师", "level": 2, "obtained_on": "2020-01-01"}]}
    assert screen(standard, record, "2025-09-30", "1").verdict.value == "ineligible"
    assert screen(standard, record, "2025-09-30", "1").eligible_from == date(2025, 10, 1)
    assert screen(standard, record, "2025-10-01", "1").verdict.value == "eligible"


def test_every_new_clause_explains_itself_in_both_languages(standard):
    record = {"birth_date": "2000-01-01", "training": TRAINED,
              "apprenticeships": [{"occupation": "香道师", "finished_on": "2020-01-01"}],
              "education": [{"school_type": "secondary_vocational", "major": "香道文化", "graduated_on": "2019-07-01"}],
              "work": [{"occupation": "香道师", "start": "2019-08-01", "end": None}]}
    for level in ("5", "4", "3", "2"):
        result = screen(standard, record, "2026-06-01", level)
        for c in result.clauses:
            zh, en = explain_clause(c, "zh"), explain_clause(c, "en")
            assert zh and en and zh != en
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.replace("香道师", "").replace("本职业（虚构）", "")
                           .replace("本职业及相关职业（虚构）", "").replace("香道文化", "")), en
