"""Two more made-up standards written from docs/rules.md alone (tests/rules_engine/data/made_up_v3, kept apart
from rules/): an older-style five-level national standard (陶瓷修复工 9-77-77-77: age from the birth date or the
ID number, training hours per level, 学徒期满, 连续从事本职业 with a gap limit, work counted after a certificate,
a graduation or a title, 本职业 only vs 本职业或相关职业 for work *and* certificates, technician schools, titles)
and a 1+X-like one with its own level words (茶饮调配 一星/二星/三星, codes T1–T3, aliases ★ and 初级…).

Their case files (tests/rules_engine/data/made_up_v3/tests/) state the verdicts the clause texts give; each
runs here like a rules/tests case.  Writing them found that 「取得本职业 L 级证书」 could not be said (a national
certificate was always of the main list): ``certificate`` and ``work.after.certificate`` now take
``occupations`` — tested by 3-4 and 1-4 below, which fail without it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.rules_engine.cases import load_cases, run_case
from eligibility_desk.rules_engine.explain import explain_clause

ROOT = Path(__file__).parent / "data" / "made_up_v3"
CASES = list(load_cases(ROOT / "tests"))


@pytest.fixture(scope="module")
def library() -> RuleLibrary:
    return RuleLibrary.load(ROOT, strict=True)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{Path(c.path).stem}: {c.name}")
def test_case(library: RuleLibrary, case) -> None:
    outcome = run_case(library, case)
    assert outcome.passed, outcome.problems


def test_both_standards_load_with_their_own_levels(library: RuleLibrary) -> None:
    national = library.get("9-77-77-77", date(2024, 1, 1)).spec
    assert [(d.code, d.name) for d in national.declared_levels] == [
        ("5", "五级/初级工"), ("4", "四级/中级工"), ("3", "三级/高级工"), ("2", "二级/技师"), ("1", "一级/高级技师")]
    tea = library.get("1x-tea-blending", date(2024, 1, 1)).spec
    assert [(d.code, d.name) for d in tea.declared_levels] == [("T1", "一星"), ("T2", "二星"), ("T3", "三星")]


def test_every_clause_of_both_standards_has_a_case() -> None:
    """Each clause is named by at least one case (its id begins the case's name)."""
    library = RuleLibrary.load(ROOT, strict=True)
    for code in ("9-77-77-77", "1x-tea-blending"):
        ids = {c.id for level in library.get(code, date(2024, 1, 1)).spec.levels for c in level.clauses}
        named = {case.name.split(" ", 1)[0] for case in CASES if case.standard == code}
        assert ids <= named, sorted(ids - named)


def _screen(library, record: dict, as_of: date, level: str):
    applicant = parse_applicant({"id": "X", "name": "某", **record})
    (result,) = library.get("9-77-77-77", as_of).screen(applicant, as_of, [level])
    return {c.id: c for c in result.clauses}


def test_a_this_occupation_certificate_is_worded_with_its_list(library: RuleLibrary) -> None:
    record = {"education": [{"school_type": "undergraduate", "major": "材料工程技术", "graduated_on": "2019-07-01"}],
              "certificates": [{"occupation": "陶瓷成型工", "level": 4, "obtained_on": "2021-01-01"}],
              "work": [{"occupation": "陶瓷修复工", "start": "2022-01-01", "end": None}]}
    clause = _screen(library, record, date(2024, 1, 1), "3")["3-4"]
    assert clause.verdict.value == "ineligible"
    assert "未取得本职业（陶瓷修复工）四级/中级工证书" in explain_clause(clause)
    assert "no certificate of level 4 (intermediate worker) in 本职业（陶瓷修复工）" in explain_clause(clause, "en")
    mine = {**record, "certificates": [{"occupation": "陶瓷修复工", "level": 4, "obtained_on": "2021-01-01"}]}
    clause = _screen(library, mine, date(2024, 1, 1), "3")["3-4"]
    assert clause.verdict.value == "eligible"
    assert "（本职业（陶瓷修复工））" in explain_clause(clause)


def test_a_missing_event_reads_as_english(library: RuleLibrary) -> None:
    clause = _screen(library, {"work": [{"occupation": "陶瓷修复工", "start": "2010-01-01", "end": None}]},
                     date(2024, 1, 1), "3")["3-2"]
    assert explain_clause(clause, "en").startswith("no certificate of level 4")
