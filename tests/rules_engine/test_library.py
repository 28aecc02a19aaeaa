"""Loading rule files: a new standard needs a file only; versions are picked by date; bad files are refused
with the file, the clause id and what is wrong."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import NoRuleVersionError, RuleFileError, RuleLibrary

MADE_UP = Path(__file__).parent / "data" / "made_up"
REAL = Path(__file__).resolve().parents[2] / "rules"


def tea_worker(start: str, major: str | None = None) -> object:
    education = [{"school_type": "secondary_vocational", "major": major, "graduated_on": "2015-06-30"}] if major else []
    return parse_applicant({"id": "T1", "name": "陆羽", "work": [{"occupation": "评茶员", "start": start, "end": None}],
                            "education": education})


def test_a_made_up_standard_is_screened_from_its_rule_file_alone():
    library = RuleLibrary.load(MADE_UP)
    assert library.codes() == ["9-99-99-99"]
    standard = library.get("9-99-99-99", date(2024, 6, 1))
    assert standard.version == "v1"
    (result,) = standard.screen(tea_worker("2019-01-01"), date(2024, 6, 1))
    assert result.verdict.value == "ineligible"
    assert result.eligible_from == date(2025, 1, 1)  # 6 years from 2019-01-01 under v1
    (result,) = standard.screen(tea_worker("2023-01-01", major="茶艺与茶营销"), date(2024, 6, 1))
    assert result.passing_clauses == ("3-2",)


def test_the_as_of_date_picks_the_version_in_force_and_the_result_records_it():
    library = RuleLibrary.load(MADE_UP)
    applicant = tea_worker("2020-03-01")
    (old,) = library.get("9-99-99-99", date(2024, 12, 31)).screen(applicant, date(2024, 12, 31))
    (new,) = library.get("9-99-99-99", date(2025, 3, 1)).screen(applicant, date(2025, 3, 1))
    assert (old.rule_version, old.verdict.value) == ("v1", "ineligible")
    assert (new.rule_version, new.verdict.value) == ("v2", "eligible")
    assert library.get("9-99-99-99").version == "v2"  # no date: the newest


def test_no_version_in_force_is_a_clear_error():
    library = RuleLibrary.load(MADE_UP)
    with pytest.raises(NoRuleVersionError, match="no version of 9-99-99-99 is in force on 2019-12-31"):
        library.get("9-99-99-99", date(2019, 12, 31))
    with pytest.raises(NoRuleVersionError, match="no rule file for standard 1-23"):
        library.get("1-23")


def test_the_real_rule_file_loads_with_all_sections():
    standard = RuleLibrary.load(REAL).get("4-07-02-06")
    assert standard.spec.level_codes == ("4", "3", "2", "1")
    assert [len(level.clauses) for level in standard.spec.levels] == [3, 6, 5, 3]
    assert standard.spec.section("assessment")["pass_mark"] == 60  # §1.9.2
    assert standard.spec.section("staffing")["theory"]["candidates_per_staff"] == 15  # §1.9.3
    assert "用户增长运营师" in standard.spec.occupations.items


# --- malformed files -----------------------------------------------------------------------------------

@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(MADE_UP, target)
    return target


def _edit(root: Path, old: str, new: str, name: str = "9-99-99-99-v1.yaml") -> Path:
    path = root / "standards" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,where,what", [
    ("related_work: {years: 6}", "related_wrok: {years: 6}", "clause 3-1", "unknown predicate 'related_wrok'"),
    ("related_work: {years: 6}", "related_work: {yrs: 6}", "clause 3-1", "'related_work' has no parameter 'yrs'"),
    ("related_work: {years: 6}", "related_work: {years: -1}", "clause 3-1", "whole number of years"),
    ("school_types: [secondary_vocational]", "school_types: [martian_academy]", "clause 3-2", "unknown value 'martian_academy'"),
    ("school_types: [secondary_vocational]", "school_types: [[secondary_vocational]]", "clause 3-2",
     "must be one of higher_vocational, secondary_vocational, senior_technician_school, technician_college, "
     "technician_school, undergraduate, vocational_undergraduate, got ['secondary_vocational']"),
    ("school_types: [secondary_vocational]", "school_types: [{secondary_vocational: 1}]", "clause 3-2",
     "got {'secondary_vocational': 1}"),
    ("occupations: made-up-occupations", "occupations: no-such-list", "lists.occupations", "unknown list 'no-such-list'"),
    ("secondary_vocational: [tea]", "secondary_vocational: [coffee]", "settings.major_lists_by_school_type.secondary_vocational", "unknown majors list 'coffee'"),
    ("      - id: 3-2", "      - id: 4-2", "clause 4-2", "id must be '3-<number>'"),
    ("      - id: 3-2", "      - id: 3-1", "clause 3-1", "used twice"),
    ("        text: 累计从事本职业或相关职业工作满 6 年。\n", "", "clause 3-1", "missing 'text'"),
    ("  version: v1\n", "", "standard", "missing 'version'"),
    ("  effective_from: 2020-01-01", "  effective_from: someday", "standard.effective_from", "not a date"),
])
def test_a_malformed_rule_file_is_refused_with_file_place_and_reason(rules_copy, old, new, where, what):
    path = _edit(rules_copy, old, new)
    with pytest.raises(RuleFileError) as caught:
        RuleLibrary.load(rules_copy, strict=True)
    error = caught.value
    assert error.path == str(path)
    assert error.where == where
    assert what in error.message
    assert str(path) in str(error) and where in str(error)


def test_broken_yaml_names_the_line(rules_copy):
    path = _edit(rules_copy, "levels:\n", "levels: [\n")
    with pytest.raises(RuleFileError, match=r"line \d+: standard\.levels: not valid YAML"):   # the key its value broke
        RuleLibrary.load(rules_copy, strict=True)
    assert path.exists()


def test_an_unknown_level_in_a_certificate_condition_is_refused(rules_copy):
    _edit(rules_copy, "related_work: {years: 6}", "certificate: {level: 7}")
    with pytest.raises(RuleFileError, match="clause 3-1: 'certificate.level' must be a national level 1–5"):
        RuleLibrary.load(rules_copy, strict=True)


def test_two_versions_with_the_same_effective_date_are_refused(rules_copy):
    _edit(rules_copy, "effective_from: 2025-01-01", "effective_from: 2020-01-01", name="9-99-99-99-v2.yaml")
    with pytest.raises(RuleFileError, match="two versions in force from 2020-01-01"):
        RuleLibrary.load(rules_copy, strict=True)


def test_weights_that_do_not_add_up_are_refused(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(REAL, root, ignore=shutil.ignore_patterns("tests"))
    path = root / "standards" / "4-07-02-06.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"4": {增长目标与任务管理: 20,', '"4": {增长目标与任务管理: 25,', 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"weights.skill.4: weights add up to 105, not 100"):
        RuleLibrary.load(root, strict=True)
