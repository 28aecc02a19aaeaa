"""Outcomes (§1.9.2): every part passes at 60 or above (含 60); all required parts must pass."""

from decimal import Decimal

import pytest

from eligibility_desk.scoring import (ABSENT, FAIL, INCOMPLETE, PASS, InvalidScoreRecord, Mark, Marked,
                                      evaluate_candidate, evaluate_many, parse_score_record)

D = Decimal


def test_60_passes_and_59_9_fails(rules):
    assert evaluate_candidate("C1", "4", {"theory": D("60"), "skill": D("60.0")}, rules).outcome == PASS
    result = evaluate_candidate("C2", "4", {"theory": D("59.9"), "skill": D("100")}, rules)
    assert result.outcome == FAIL
    assert result.parts["theory"].passed is False and result.parts["skill"].passed is True
    assert [(r.code, r.args["part"]) for r in result.reasons] == [("part_failed", "theory")]
    assert result.reasons[0].args["pass_mark"] == rules.pass_mark


def test_100_passes(rules):
    assert evaluate_candidate("C1", "3", {"theory": D(100), "skill": D(100)}, rules).outcome == PASS


def test_absent_fails_the_part(rules):
    result = evaluate_candidate("C1", "4", {"theory": ABSENT, "skill": D(80)}, rules)
    assert result.outcome == FAIL
    assert result.parts["theory"].mark is Mark.ABSENT and result.parts["theory"].passed is False
    assert result.reasons[0].code == "part_absent"
    assert result.reasons[0].text("zh", rules) == "理论知识考试 缺考"
    assert result.reasons[0].text("en", rules) == "Theory exam: absent"


def test_disqualified_fails_the_part_and_keeps_the_note(rules):
    result = evaluate_candidate("C1", "4", {"theory": D(90), "skill": Marked(Mark.DISQUALIFIED, "携带手机")}, rules)
    assert result.outcome == FAIL
    assert result.parts["skill"].note == "携带手机"
    assert result.reasons[0].code == "part_disqualified"
    assert "携带手机" in result.reasons[0].text("zh", rules)


@pytest.mark.parametrize("level", ["2", "1"])
def test_missing_review_at_levels_2_and_1_is_incomplete(rules, level):
    result = evaluate_candidate("C1", level, {"theory": D(90), "skill": D(90)}, rules)
    assert result.outcome == INCOMPLETE
    assert list(result.parts) == ["theory", "skill", "review"]
    assert result.parts["review"].passed is None
    assert [r.code for r in result.reasons] == ["part_missing"]


@pytest.mark.parametrize("level", ["4", "3"])
def test_levels_4_and_3_pass_without_review(rules, level):
    result = evaluate_candidate("C1", level, {"theory": D(90), "skill": D(90)}, rules)
    assert result.outcome == PASS and "review" not in result.parts


def test_a_failed_part_decides_fail_even_with_a_part_missing(rules):
    result = evaluate_candidate("C1", "2", {"theory": D("59.9"), "skill": D(90)}, rules)
    assert result.outcome == FAIL
    assert [r.code for r in result.reasons] == ["part_failed", "part_missing"]


def test_record_parsing_collects_every_error_with_its_field(rules):
    raw = {"candidate": "C009", "level": "4", "theory": 100.5, "skill": "59.95", "review": 70, "absent": ["oral"]}
    with pytest.raises(InvalidScoreRecord) as info:
        parse_score_record(raw, rules)
    fields = [(e.field, e.code) for e in info.value.errors]
    assert fields == [("theory", "out_of_range"), ("skill", "too_many_decimals"), ("review", "part_not_required"),
                      ("absent[0]", "unknown_part")]
    assert info.value.describe()[0].startswith("C009 theory:")


def test_record_with_score_and_mark_is_refused(rules):
    with pytest.raises(InvalidScoreRecord) as info:
        parse_score_record({"candidate": "C1", "level": "4", "theory": 70, "absent": ["theory"]}, rules)
    assert info.value.errors[0].code == "score_and_mark"


def test_record_marks(rules):
    record = parse_score_record({"candidate": "C1", "level": "2", "theory": 70, "skill": None, "review": None,
                                 "absent": ["review"], "disqualified": [{"part": "skill", "note": "替考"}]}, rules)
    assert record.values["review"] is ABSENT
    assert record.values["skill"] == Marked(Mark.DISQUALIFIED, "替考")


def test_evaluate_many_reports_progress_and_stops_when_cancelled(rules):
    rows = [(f"C{i}", "4", {"theory": D(70), "skill": D(70)}) for i in range(25000)]
    seen = []
    assert len(evaluate_many(rows, rules, progress=lambda d, t: seen.append((d, t)))) == 25000
    assert seen[0] == (0, 25000) and seen[-1] == (25000, 25000)
    assert evaluate_many(rows, rules, cancelled=lambda: True) == []
