"""Interchange v1: the fast path and the careful path agree; every problem is reported with its field."""

from __future__ import annotations

import copy

import pytest

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.domain.interchange import _careful, applicant_to_dict, parse_applicant
from datetime import date

GOOD = {
    "id": "A001", "name": "张三", "id_number": make_id_number("110101", date(1990, 3, 7), 123),
    "education": [{"school_type": "technician_college", "major": "电子商务", "graduated_on": "2024-06-30",
                   "in_school": False, "class_type": "senior", "assessed": False, "school": "某技师学院"}],
    "work": [{"occupation": "电子商务师", "start": "2019-03-01", "end": None, "employer": "某公司"}],
    "certificates": [{"occupation": "用户增长运营师", "level": 4, "obtained_on": "2021-03-01"}],
    "titles": [{"grade": "junior", "obtained_on": "2023-06-01", "profession_matches": None}],
}


def test_a_good_record_reads_the_same_on_both_paths_and_round_trips():
    fast = parse_applicant(GOOD)
    assert fast == _careful(GOOD)
    assert parse_applicant(applicant_to_dict(fast)) == fast


def _with(path: str, value):
    record = copy.deepcopy(GOOD)
    target = record
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = parts[-1]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return record


@pytest.mark.parametrize("path,value,code", [
    ("id", "", "required"),
    ("name", None, "required"),
    ("id_number", "110101199003071235", "id_checksum"),
    ("id_number", "11010119900230123X", "id_birth_date"),
    ("education[0].school_type", "kindergarten", "unknown_value"),
    ("education[0].class_type", "night_class", "unknown_value"),
    ("education[0].in_school", "yes", "not_bool"),
    ("education[0].graduated_on", "2024/06/30", "not_a_date"),
    ("education[0].major", KeyError, "required"),
    ("work[0].start", "2019-02-30", "not_a_date"),
    ("work[0].end", "2018-01-01", "end_before_start"),
    ("work[0].occupation", 3.5, "not_text"),
    ("certificates[0].level", 0, "level_range"),
    ("certificates[0].level", True, "level_range"),
    ("titles[0].grade", "professor", "unknown_value"),
    ("titles[0].profession_matches", "unknown", "not_bool"),
])
def test_each_problem_is_refused_with_its_field(path, value, code):
    record = _with(path, value)
    with pytest.raises(InvalidRecord) as caught:
        parse_applicant(record)
    assert [(e.field, e.code) for e in caught.value.errors] == [(path, code)]


def test_class_type_outside_technician_schools_is_refused():
    record = _with("education[0].school_type", "undergraduate")
    with pytest.raises(InvalidRecord, match=r"education\[0\].class_type: 班级类型只适用于技工院校"):
        parse_applicant(record)


def test_every_problem_of_a_record_is_listed():
    record = _with("work[0].end", "2018-01-01")
    record["certificates"][0]["level"] = 9
    with pytest.raises(InvalidRecord) as caught:
        parse_applicant(record)
    assert [e.field for e in caught.value.errors] == ["work[0].end", "certificates[0].level"]
    assert caught.value.record_id == "A001"
