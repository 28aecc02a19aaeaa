"""Validation of what clerks type: dates, enumerations by code or Chinese label, ID numbers, whole records."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.applicant import Applicant, ClassType, Education, SchoolType, TitleGrade, WorkPeriod
from eligibility_desk.domain.idnumber import make_id_number


@pytest.mark.parametrize("text", ["2019-03-01", "2019/3/1", "2019.03.01", "2019年3月1日", "2019 年 3 月 1 日", "20190301",
                                  43525, 43525.0, "43525", date(2019, 3, 1), datetime(2019, 3, 1, 0, 0)])
def test_dates_in_the_forms_clerks_type(text):
    assert v.parse_date(text) == date(2019, 3, 1)


@pytest.mark.parametrize("text", ["2019-13-01", "2019-02-29", "2019/3", "三月一日", "1/3/2019", 43525.5, 12, True])
def test_not_dates(text):
    with pytest.raises(v.Problem) as caught:
        v.parse_date(text)
    assert caught.value.code == "not_a_date"


def test_empty_cells_are_no_value():
    assert v.parse_date(None) is None and v.parse_date("  ") is None and v.parse_level("") is None


def test_excel_serial_dates_use_the_1900_system():
    assert v.parse_date(45658) == date(2025, 1, 1)
    assert v.parse_date(36526) == date(2000, 1, 1)


@pytest.mark.parametrize("value, expected", [
    ("secondary_vocational", SchoolType.SECONDARY_VOCATIONAL), ("中等职业学校", SchoolType.SECONDARY_VOCATIONAL),
    ("中职", SchoolType.SECONDARY_VOCATIONAL), ("技师学院", SchoolType.TECHNICIAN_COLLEGE),
    ("高等职业学校/专科", SchoolType.HIGHER_VOCATIONAL), ("大专", SchoolType.HIGHER_VOCATIONAL), ("本科", SchoolType.UNDERGRADUATE)])
def test_school_types_by_code_or_chinese_label(value, expected):
    assert v.parse_school_type(value) is expected


def test_other_enumerations():
    assert v.parse_class_type("高级工班") is ClassType.SENIOR and v.parse_class_type("preparatory_technician") is ClassType.PREPARATORY_TECHNICIAN
    assert [v.parse_title_grade(x) for x in ("初级", "中级职称", "高级", "senior")] == [
        TitleGrade.JUNIOR, TitleGrade.INTERMEDIATE, TitleGrade.SENIOR, TitleGrade.SENIOR]
    assert [v.parse_bool(x) for x in ("是", "否", "TRUE", 1, None)] == [True, False, True, True, None]
    assert v.parse_bool("未知", unknown_allowed=True) is None
    with pytest.raises(v.Problem):
        v.parse_bool("未知")
    with pytest.raises(v.Problem) as caught:
        v.parse_school_type("幼儿园")
    assert caught.value.code == "unknown_value" and "技师学院" in caught.value.params["allowed"]


@pytest.mark.parametrize("value, level", [(4, 4), ("4", 4), (4.0, 4), ("四级", 4), ("中级工", 4), ("四级/中级工", 4),
                                          ("高级技师", 1), ("一级", 1), ("五级/初级工", 5)])
def test_levels(value, level):
    assert v.parse_level(value) == level


@pytest.mark.parametrize("value", [0, 6, "6", "4.5", "特级", True])
def test_levels_outside_1_to_5(value):
    with pytest.raises(v.Problem) as caught:
        v.parse_level(value)
    assert caught.value.code == "level_range"


def test_several_levels_in_one_cell():
    assert v.parse_levels("4,3") == (4, 3) and v.parse_levels("四级、三级") == (4, 3) and v.parse_levels("4，4") == (4,)


def test_id_numbers():
    good = make_id_number("110105", date(1990, 3, 7), 123)
    assert v.parse_id_number(good.lower()) == good
    assert v.parse_id_number(float(good[:17] + "0") if False else good) == good
    cases = {good[:17] + ("0" if good[17] != "0" else "1"): "id_checksum", good[:6] + "19901307" + good[14:]: "id_birth_date",
             good[:-1]: "id_length", good[:10] + "AB" + good[12:]: "id_chars", "": "required"}
    for value, code in cases.items():
        with pytest.raises(v.Problem) as caught:
            v.parse_id_number(value)
        assert caught.value.code == code, value
    future = make_id_number("110105", date(2030, 1, 1), 1)
    with pytest.raises(v.Problem) as caught:
        v.parse_id_number(future, today=date(2025, 1, 1))
    assert caught.value.code == "id_birth_date"


def test_check_applicant_finds_every_problem():
    today = date(2025, 9, 1)
    number = make_id_number("110105", date(2000, 5, 1), 7)
    applicant = Applicant(
        id="A1", name="", id_number=number,
        education=(Education(SchoolType.SECONDARY_VOCATIONAL, "电子商务", date(2026, 6, 30), in_school=False, class_type=ClassType.SENIOR),
                   Education(SchoolType.TECHNICIAN_COLLEGE, "电子商务", date(2026, 6, 30), in_school=True, class_type=ClassType.SENIOR)),
        work=(WorkPeriod("营销员", date(2020, 1, 1), date(2019, 1, 1)), WorkPeriod("营销员", date(1999, 1, 1)),
              WorkPeriod("营销员", date(2025, 10, 1))))
    found = {(e.field, e.code) for e in v.check_applicant(applicant, today)}
    assert found == {("name", "required"), ("education[0].class_type", "class_type_school"),
                     ("education[0].graduated_on", "future_date"), ("work[0].end", "end_before_start"),
                     ("work[1].start", "before_birth"), ("work[2].start", "future_date")}
    # an expected graduation (still in school) may lie ahead: education[1] has no problem


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinite_cells_are_refused_as_that_cell_not_as_an_unreadable_file(number):
    """A spreadsheet formula error or a JSON ``NaN`` reaches the parsers as a float; it is a bad value in its
    cell like any other, never an exception that refuses the whole file."""
    with pytest.raises(v.Problem) as level:
        v.parse_level(number)
    assert level.value.code == "level_range"
    with pytest.raises(v.Problem) as day:
        v.parse_date(number)
    assert day.value.code == "not_a_date"
    with pytest.raises(v.Problem) as levels:
        v.parse_levels(number)
    assert levels.value.code == "level_range"
