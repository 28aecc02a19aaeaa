"""Certificates of a standard with its own levels (1+X: 初级/中级/高级) are recorded with the standard's code
and the level's own word, and a clause can require "初级 of this certificate" (高级别涵盖低级别)."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.interchange import applicant_to_dict, parse_applicant
from eligibility_desk.rules_engine import RuleFileError, RuleLibrary

STANDARD = """
standard:
  code: X-TEST
  name: 测试证书
  version: "1"
  effective_from: 2020-01-01
  levels:
    - {code: J, name: 初级, name_en: junior}
    - {code: M, name: 中级, name_en: intermediate}
    - {code: S, name: 高级, name_en: senior}
lists:
  occupations: x-occupations
settings:
  higher_level_covers_lower: {covers}
levels:
  - level: M
    clauses:
      - id: M-1
        text: 取得本证书初级证书满 1 年。
        when:
          certificate: {standard: this, level: 初级, held_years: 1}
"""


def _library(tmp_path, covers="true", level="初级"):
    (tmp_path / "standards").mkdir(parents=True)
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "x.yaml").write_text("id: x-occupations\nitems: [测试员]\n", encoding="utf-8")
    text = STANDARD.replace("{covers}", covers).replace("level: 初级, held_years", f"level: {level}, held_years")
    (tmp_path / "standards" / "x.yaml").write_text(text, encoding="utf-8")
    return RuleLibrary.load(tmp_path, strict=True)


def _screen(library, certs, as_of="2022-06-01"):
    applicant = parse_applicant({"id": "1", "name": "某", "certificates": certs})
    (result,) = library.get("X-TEST").screen(applicant, date.fromisoformat(as_of), ["M"])
    return result


def test_a_certificate_in_the_standards_own_words_counts_from_its_date(tmp_path):
    library = _library(tmp_path)
    certs = [{"standard": "X-TEST", "level": "初级", "obtained_on": "2021-06-01"}]
    assert _screen(library, certs, "2022-05-31").verdict.value == "ineligible"
    assert _screen(library, certs, "2022-05-31").eligible_from == date(2022, 6, 1)
    assert _screen(library, certs, "2022-06-01").verdict.value == "eligible"
    by_code = [{"standard": "X-TEST", "level": "J", "obtained_on": "2021-06-01"}]
    assert _screen(library, by_code).verdict.value == "eligible"


def test_a_higher_level_covers_a_lower_one_only_when_the_standard_says_so(tmp_path):
    certs = [{"standard": "X-TEST", "level": "高级", "obtained_on": "2020-06-01"}]
    assert _screen(_library(tmp_path / "a"), certs).verdict.value == "eligible"
    assert _screen(_library(tmp_path / "b", covers="false"), certs).verdict.value == "ineligible"


def test_an_unknown_level_word_or_a_missing_date_is_for_a_clerk(tmp_path):
    library = _library(tmp_path)
    assert _screen(library, [{"standard": "X-TEST", "level": "特级", "obtained_on": "2020-01-01"}]).verdict.value == "review"
    assert _screen(library, [{"standard": "X-TEST", "level": "初级"}]).verdict.value == "review"
    # another standard's certificate does not count
    assert _screen(library, [{"standard": "Y", "level": "初级", "obtained_on": "2020-01-01"}]).verdict.value == "ineligible"


def test_a_clause_naming_a_level_the_standard_lacks_is_refused_at_load(tmp_path):
    with pytest.raises(RuleFileError, match="'特级' is not a level of X-TEST") as caught:
        _library(tmp_path, level="特级")
    assert caught.value.line is not None


def test_the_interchange_keeps_the_standard_and_level_word():
    record = {"id": "1", "name": "某", "certificates": [{"standard": "X-TEST", "level": "初级", "obtained_on": "2021-06-01"}]}
    applicant = parse_applicant(record)
    assert applicant.certificates[0].standard == "X-TEST" and applicant.certificates[0].level == "初级"
    assert parse_applicant(applicant_to_dict(applicant)) == applicant
    with pytest.raises(InvalidRecord):
        parse_applicant({"id": "1", "name": "某", "certificates": [{"standard": "X-TEST", "level": "", "obtained_on": "2021-06-01"}]})
