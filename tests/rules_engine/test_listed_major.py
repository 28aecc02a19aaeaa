"""The ``listed_major`` clause on a small made-up standard (kept apart from rules/): each education record is
looked up in its own school tier's lists only; ``otherwise`` is the centre's verdict for the rest; mistakes
in the clause are refused when the file loads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleFileError, RuleLibrary
from eligibility_desk.rules_engine.explain import explain_clause

AS_OF = date(2025, 9, 1)

LISTS = {
    "t-secondary": ["茶艺与茶营销", "电子商务"],
    "t-higher-old": ["茶艺与茶叶营销"],
    "t-higher-new": ["茶艺与茶文化"],
}


def _library(tmp_path: Path, clause: str, by_type: str | None = None) -> RuleLibrary:
    (tmp_path / "lists").mkdir()
    (tmp_path / "standards").mkdir()
    for list_id, items in LISTS.items():
        body = "\n".join(f"  - {item}" for item in items)
        (tmp_path / "lists" / f"{list_id}.yaml").write_text(f"id: {list_id}\ntitle: {list_id}\nitems:\n{body}\n", encoding="utf-8")
    by_type = by_type or "secondary_vocational: [secondary]\n    higher_vocational: [higher_old, higher_new]"
    (tmp_path / "standards" / "t.yaml").write_text(f"""
standard:
  code: "T-1"
  name: 测试证书
  version: v1
  effective_from: 2024-01-01
  levels: [{{code: 初级, name: 初级}}]
lists:
  majors: {{secondary: t-secondary, higher_old: t-higher-old, higher_new: t-higher-new}}
settings:
  major_lists_by_school_type:
    {by_type}
levels:
  - level: 初级
    name: 初级
    clauses:
      - id: 初级-1
        text: 测试
        when:
          {clause}
""", encoding="utf-8")
    return RuleLibrary.load(tmp_path, strict=True)


def _screen(library: RuleLibrary, *education: dict):
    applicant = parse_applicant({"id": "A", "name": "甲", "education": list(education)})
    (result,) = library.get("T-1").screen(applicant, AS_OF)
    (clause,) = result.clauses
    return result.verdict.value, explain_clause(clause), explain_clause(clause, "en")


def _enrolled(school_type: str, major: str, graduation: str = "2027-06-30") -> dict:
    return {"school_type": school_type, "major": major, "graduated_on": graduation, "in_school": True}


def test_a_major_counts_only_for_its_own_school_tier_in_either_edition(tmp_path: Path) -> None:
    library = _library(tmp_path, "listed_major: {otherwise: review}")
    assert _screen(library, _enrolled("higher_vocational", "茶艺与茶叶营销"))[0] == "eligible"   # original edition
    assert _screen(library, _enrolled("higher_vocational", "茶艺与茶文化"))[0] == "eligible"     # new edition
    verdict, zh, en = _screen(library, _enrolled("higher_vocational", "茶艺与茶营销"))          # a 中职 major
    assert verdict == "review"
    assert "专业「茶艺与茶营销」不在本层次适用专业目录（t-higher-old、t-higher-new）中" in zh
    assert "is not listed for this school tier" in en
    assert _screen(library, _enrolled("secondary_vocational", "茶艺与茶营销"))[0] == "eligible"


def test_otherwise_ineligible_refuses_the_unlisted_but_still_asks_a_clerk_about_doubtful_records(tmp_path: Path) -> None:
    library = _library(tmp_path, "listed_major: {otherwise: ineligible}")
    assert _screen(library, _enrolled("higher_vocational", "电子商务"))[0] == "ineligible"
    assert _screen(library, _enrolled("undergraduate", "电子商务"))[0] == "ineligible"
    assert _screen(library)[0] == "ineligible"
    # still marked in school after the expected date: graduated or dropped out? a clerk checks
    verdict, zh, _en = _screen(library, _enrolled("higher_vocational", "茶艺与茶文化", "2025-06-30"))
    assert verdict == "review" and "已过" in zh
    verdict, zh, _en = _screen(library, {"school_type": "secondary_vocational", "major": "电子商务", "graduated_on": None})
    assert verdict == "review" and "毕业日期未填写" in zh


def test_a_graduate_counts_and_a_record_not_yet_graduated_outside_school_does_not(tmp_path: Path) -> None:
    library = _library(tmp_path, "listed_major: {otherwise: review}")
    graduate = {"school_type": "secondary_vocational", "major": "电子商务", "graduated_on": "2020-07-01", "in_school": False}
    verdict, zh, en = _screen(library, graduate)
    assert verdict == "eligible" and zh.startswith("已毕业") and en.startswith("graduated from")
    left = {"school_type": "secondary_vocational", "major": "电子商务", "graduated_on": "2026-07-01", "in_school": False}
    verdict, zh, _en = _screen(library, left)
    assert verdict == "review" and "非在读，尚未毕业" in zh
    applicant = parse_applicant({"id": "A", "name": "甲", "education": [left]})
    (result,) = library.get("T-1").screen(applicant, AS_OF)
    assert result.eligible_from == date(2026, 7, 1)  # counts once graduated


def test_school_types_narrow_the_tiers(tmp_path: Path) -> None:
    library = _library(tmp_path, "listed_major: {otherwise: review, school_types: [secondary_vocational]}")
    verdict, zh, _en = _screen(library, _enrolled("higher_vocational", "茶艺与茶文化"))
    assert verdict == "review" and "不属本标准所列院校层次（中等职业学校）" in zh


@pytest.mark.parametrize("clause,message", [
    ("listed_major: {}", "listed_major.otherwise' must be review or ineligible"),
    ("listed_major: {otherwise: maybe}", "listed_major.otherwise' must be review or ineligible"),
    ("listed_major: {otherwise: review, tiers: [x]}", "'listed_major' has no parameter 'tiers'"),
    ("listed_major: {otherwise: review, school_types: [college]}", "unknown value 'college'"),
    ("listed_major: {otherwise: review, school_types: [undergraduate]}", "names no list for undergraduate"),
    ("listed_major: review", "takes a mapping of parameters"),
])
def test_mistakes_are_refused_with_the_file_and_clause(tmp_path: Path, clause: str, message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        _library(tmp_path, clause)
    text = str(caught.value)
    assert message in text and "初级-1" in text and "t.yaml" in text and "line " in text
