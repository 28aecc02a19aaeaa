"""``from_fields`` (the import's fast constructor) makes the same frozen records as the dataclasses' own."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

import pytest

from eligibility_desk.domain.applicant import Applicant, Certificate, ClassType, Education, SchoolType
from eligibility_desk.domain.applicant import Title, TitleGrade, WorkPeriod

EDU = (SchoolType.TECHNICIAN_COLLEGE, "电子商务", date(2020, 7, 1), False, ClassType.SENIOR, True, "技师学院")
WORK = ("电子商务师", date(2019, 4, 1), None, "某某有限公司")
CERT = ("电子商务师", 4, date(2022, 2, 1), "S2022")
TITLE = (TitleGrade.JUNIOR, date(2023, 9, 1), None, "助理工程师")


@pytest.mark.parametrize("cls, values", [(Education, EDU), (WorkPeriod, WORK), (Certificate, CERT), (Title, TITLE)])
def test_records_from_fields_are_the_records_init_makes(cls, values):
    made, usual = cls.from_fields(*values), cls(*values)
    assert made == usual and hash(made) == hash(usual) and repr(made) == repr(usual)
    assert type(made) is cls and dataclasses.astuple(made)[:len(values)] == values  # later fields: defaults
    assert pickle.loads(pickle.dumps(made)) == usual
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, dataclasses.fields(cls)[0].name, values[0])
    assert dataclasses.replace(made, **{dataclasses.fields(cls)[1].name: values[1]}) == usual


def test_an_applicant_from_fields_equals_one_from_init_and_keeps_extra_out_of_equality():
    records = ((Education(*EDU),), (WorkPeriod(*WORK),), (Certificate(*CERT),), (Title(*TITLE),))
    made = Applicant.from_fields("D-1", "冯东然", "110108199102120891", *records, {"phone": "138"})
    usual = Applicant("D-1", "冯东然", "110108199102120891", *records)
    assert made == usual and hash(made) == hash(usual) and made.extra == {"phone": "138"}
    assert made != Applicant.from_fields("D-2", "冯东然", "110108199102120891", *records, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "x"
