"""The six 1+X packs (rules/standards/1x-*.yaml): their major lists against the seed texts, their levels,
and the shipped centre policy — a major listed for the applicant's own school tier is eligible, anything
else goes to a clerk."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.rules_engine.explain import explain_clause
from tests.rules_engine.seed_majors import PACKS, seed_majors, seeds  # noqa: F401 (seeds: a fixture)

CODES = [pack.code for pack in PACKS]
LEVELS = ("初级", "中级", "高级")
AS_OF = date(2025, 9, 1)
_SUFFIX = {"original": "_original", "new": "_new", "": ""}


@pytest.fixture(scope="module")
def library() -> RuleLibrary:
    return RuleLibrary.load()


def _lists_for(standard, school_type: str) -> dict[str, object]:
    """The majors lists a standard applies to one school type, by their key in ``lists.majors``."""
    keys = standard.spec.settings.major_lists_by_school_type.get(school_type, ())
    return {key: standard.spec.majors[key] for key in keys}


def _student(school_type: str, major: str, **extra) -> object:
    record = {"school_type": school_type, "major": major, "graduated_on": "2027-07-01", "in_school": True, **extra}
    return parse_applicant({"id": "S1", "name": "学生", "education": [record]})


@pytest.mark.parametrize("pack", PACKS, ids=CODES)
def test_major_lists_are_the_seeds_lists(library: RuleLibrary, seeds, pack) -> None:
    """Every (school tier, catalogue edition) list of the seed is a list of the pack, with the same majors
    — no typo, nothing missing, nothing extra, no duplicate — and the pack has no list the seed lacks."""
    standard = library.get(pack.code)
    expected = seed_majors(seeds, pack)
    assert len(expected) >= 3  # the seed was found and read
    found = {}
    for school_type in {school_type for school_type, _edition in expected} | set(standard.spec.settings.major_lists_by_school_type):
        for key, ref in _lists_for(standard, school_type).items():
            edition = "original" if key.endswith("_original") else "new" if key.endswith("_new") else ""
            assert (school_type, edition) not in found, f"{pack.code}: two {edition} lists for {school_type}"
            found[(school_type, edition)] = ref
    assert set(found) == set(expected)
    for where, majors in expected.items():
        items = found[where].items
        assert len(items) == len(set(items)), f"{found[where].path}: a major is listed twice"
        assert set(items) == set(majors), (
            f"{found[where].path} differs from the seed: missing {sorted(set(majors) - set(items))}, "
            f"extra {sorted(set(items) - set(majors))}")
        assert len(items) == len(majors)


def test_the_seed_reader_finds_a_typo(seeds) -> None:
    """The check above can fail: a list with one character changed is not the seed's list."""
    pack = next(p for p in PACKS if p.code == "530054")
    majors = seed_majors(seeds, pack)[("higher_vocational", "new")]
    assert "融媒体技术与运营" in majors  # split over two lines in the seed, joined again
    typo = [m.replace("融媒体技术与运营", "融媒体技术与营运") for m in majors]
    assert set(typo) != set(majors)


@pytest.mark.parametrize("code", CODES)
def test_pack_header_and_levels(library: RuleLibrary, code: str) -> None:
    standard = library.get(code)
    assert standard.spec.name and standard.spec.version
    assert standard.spec.effective_from <= AS_OF
    assert tuple(level.name for level in standard.spec.levels) == LEVELS
    assert standard.spec.path.endswith(".yaml") and "/1x-" in standard.spec.path.replace("\\", "/")
    assert [d.code for d in standard.spec.declared_levels] == list(LEVELS)  # lowest first
    # every seed says 「高级别涵盖低级别」 (网店运营推广: 「高等级职业技能应覆盖并满足低等级职业技能」): stated, not defaulted
    raw = yaml.safe_load(open(standard.spec.path, encoding="utf-8"))
    assert raw["settings"]["higher_level_covers_lower"] is True


def test_certificate_codes_from_the_seeds(library: RuleLibrary) -> None:
    assert library.get("530054").spec.name == "数字营销技术应用"
    assert library.get("530053").spec.name == "新媒体营销"


def test_library_has_4_07_02_06_and_the_six(library: RuleLibrary) -> None:
    assert {"4-07-02-06", *CODES} <= set(library.codes())


@pytest.mark.parametrize("code", CODES)
def test_higher_vocational_student_of_a_higher_vocational_major_is_eligible_at_every_level(library: RuleLibrary, code: str) -> None:
    standard = library.get(code)
    majors = sorted({m for ref in _lists_for(standard, "higher_vocational").values() for m in ref.items})
    assert majors
    for major in (majors[0], majors[-1]):
        results = standard.screen(_student("higher_vocational", major), AS_OF)
        assert [r.level for r in results] == list(standard.spec.level_codes)
        assert {r.verdict.value for r in results} == {"eligible"}, major


@pytest.mark.parametrize("code", CODES)
def test_higher_vocational_student_of_a_major_listed_only_for_secondary_schools_is_review(library: RuleLibrary, code: str) -> None:
    standard = library.get(code)
    higher = {m for ref in _lists_for(standard, "higher_vocational").values() for m in ref.normalized}
    secondary_only = sorted(m for ref in _lists_for(standard, "secondary_vocational").values() for m in ref.items
                            if m not in higher)
    assert secondary_only, "each seed lists some 中职 major that it does not list for 高职"
    major = secondary_only[0]
    results = standard.screen(_student("higher_vocational", major), AS_OF)
    assert {r.verdict.value for r in results} == {"review"}
    (clause,) = results[0].clauses
    assert f"专业「{major}」不在本层次适用专业目录" in explain_clause(clause)
    # ...while a 中职 student of the same major is eligible
    assert {r.verdict.value for r in standard.screen(_student("secondary_vocational", major), AS_OF)} == {"eligible"}


@pytest.mark.parametrize("code", CODES)
def test_applicants_the_policy_does_not_cover_go_to_a_clerk(library: RuleLibrary, code: str) -> None:
    standard = library.get(code)
    nobody = parse_applicant({"id": "N", "name": "无学历"})
    technician = _student("technician_school", "电子商务", class_type="senior")
    unlisted = _student("higher_vocational", "烹饪工艺与营养")
    for applicant in (nobody, technician, unlisted):
        assert {r.verdict.value for r in standard.screen(applicant, AS_OF)} == {"review"}


@pytest.mark.parametrize("code", CODES)
def test_graduate_of_a_listed_major_is_eligible(library: RuleLibrary, code: str) -> None:
    standard = library.get(code)
    (major, *_rest) = sorted({m for ref in _lists_for(standard, "undergraduate").values() for m in ref.items})
    graduate = parse_applicant({"id": "G", "name": "毕业生", "education": [
        {"school_type": "undergraduate", "major": major, "graduated_on": "2023-06-30", "in_school": False}]})
    results = standard.screen(graduate, AS_OF)
    assert {r.verdict.value for r in results} == {"eligible"}
    assert "已毕业" in explain_clause(results[0].clauses[0])
    assert "graduated from" in explain_clause(results[0].clauses[0], "en")


def test_either_catalogue_edition_counts(library: RuleLibrary) -> None:
    """530054 §4.1 (原版) lists 媒体营销 for 高职, §4.2 (新版) lists 网络营销与直播电商 instead; both are eligible."""
    standard = library.get("530054")
    lists = _lists_for(standard, "higher_vocational")
    assert "媒体营销" in lists["higher_vocational_original"].items and "媒体营销" not in lists["higher_vocational_new"].items
    assert "网络营销与直播电商" in lists["higher_vocational_new"].items and "网络营销与直播电商" not in lists["higher_vocational_original"].items
    for major in ("媒体营销", "网络营销与直播电商"):
        assert {r.verdict.value for r in standard.screen(_student("higher_vocational", major), AS_OF)} == {"eligible"}


@pytest.mark.parametrize("code", CODES)
def test_each_pack_has_rule_test_cases(library: RuleLibrary, code: str) -> None:
    """rules/tests/1x-…/ holds cases for the pack (run by test_rule_cases.py), eligible and review both."""
    folder = library.root / "tests"
    verdicts = set()
    for path in folder.glob("1x-*/*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if str(doc["standard"]) == code:
            verdicts |= {case["verdict"] for case in doc["cases"]}
    assert {"eligible", "review"} <= verdicts
