"""Bulk helpers: the audit snapshot of an applicant is the document orjson writes for the dataclass."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import orjson

from eligibility_desk import demo
from eligibility_desk.domain.applicant import Applicant, Education, SchoolType, Title, TitleGrade
from eligibility_desk.persistence import bulk


def test_applicant_json_is_what_orjson_writes_for_the_dataclass():
    batch = demo.demo_batch(7)
    people = [a for a, _levels in demo.demo_applicants(300, 7, batch.as_of)]
    people.append(Applicant("x", "某", None, (Education(SchoolType.UNDERGRADUATE, "专业", None),),
                            titles=(Title(TitleGrade.SENIOR, date(2020, 1, 1)),), extra={"phone": "138"}))
    people.append(replace(people[0], extra={"phone": "13800000000", "备注": ["a", 1]}))
    shapes = {(bool(a.education), bool(a.work), bool(a.certificates), bool(a.titles)) for a in people}
    assert len(shapes) > 5  # people with and without each kind of record
    for a in people:
        text = bulk.applicant_json(a)
        assert text.__class__ is str and text == orjson.dumps(a).decode()
        assert bulk.dumps_applicant(a) == text and isinstance(bulk.dumps_applicant(a), bulk.RawJSON)
