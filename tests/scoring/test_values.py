"""Score validation: the §1.9.2 百分制 scale with one decimal (rule file), Decimal, never rounded."""

from decimal import Decimal

import pytest

from eligibility_desk.scoring import ABSENT, Mark, ScoreError, parse_cell, parse_score
from eligibility_desk.scoring.values import json_number


@pytest.mark.parametrize("value, expected", [
    (60, "60"), ("60", "60"), (60.0, "60"), ("59.9", "59.9"), (59.9, "59.9"), (100, "100"), ("100.0", "100"),
    (0, "0"), ("１００", "100"), (" 75.5 ", "75.5"), (Decimal("88.0"), "88"),
])
def test_valid_scores(rules, value, expected):
    assert parse_score(value, rules, "theory") == Decimal(expected)


@pytest.mark.parametrize("value, code", [
    (100.5, "out_of_range"), ("100.1", "out_of_range"), (-1, "out_of_range"),
    ("59.95", "too_many_decimals"), (59.95, "too_many_decimals"), ("60.01", "too_many_decimals"),
    ("abc", "not_a_number"), (True, "not_a_number"), (float("nan"), "not_a_number"), ("inf", "not_a_number"),
    ([60], "not_a_number"), ("", "score_required"),
])
def test_refused_scores_name_field_and_reason(rules, value, code):
    with pytest.raises(ScoreError) as info:
        parse_score(value, rules, "skill")
    assert info.value.field == "skill"
    assert info.value.code == code
    assert info.value.message("zh") and info.value.message("en") != info.value.message("zh")


def test_59_95_is_not_rounded_up_to_the_pass_mark(rules):
    # 59.95 would become 60.0 with round-half-up and pass; it must be refused instead
    with pytest.raises(ScoreError) as info:
        parse_score("59.95", rules)
    assert info.value.code == "too_many_decimals"
    assert "59.95" in info.value.message("zh")


def test_marks_typed_in_a_cell(rules):
    assert parse_cell("缺考", rules) is ABSENT
    assert parse_cell("Q", rules) is ABSENT
    marked = parse_cell("违纪 携带手机", rules)
    assert marked.mark is Mark.DISQUALIFIED and marked.note == "携带手机"
    assert parse_cell("w 替考", rules).note == "替考"
    assert parse_cell("", rules) is None
    assert parse_cell("59.9", rules) == Decimal("59.9")


def test_disqualification_needs_a_note(rules):
    with pytest.raises(ScoreError) as info:
        parse_cell("违纪", rules, "skill")
    assert (info.value.field, info.value.code) == ("skill", "note_required")


def test_json_numbers():
    assert json_number(Decimal("60.0")) == 60 and isinstance(json_number(Decimal("60.0")), int)
    assert json_number(Decimal("59.5")) == 59.5
    assert json_number(None) is None


def test_minus_zero_is_zero(rules):
    assert str(parse_score("-0", rules)) == "0.0"
