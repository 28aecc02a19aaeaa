"""The typed decoder (domain/interchange_fast.py, behind ``rules_engine.api.screen_records``) screens every
record exactly as the interchange parser's records screen, and a record it is not sure of gets the parser's
own problems, field by field.

Each case is one change to a valid record (a wrong type, a blank, spaces to strip, a bad date, a rarer fact,
a bad ID number, …); the record is screened both ways at all four levels of 4-07-02-06 and the outcomes
compared: every level result (verdict, passing clauses, every clause's answer and trace) or the same
``InvalidRecord`` (id and every ``FieldError``).
"""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from eligibility_desk import demo
from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.interchange import applicant_to_dict, parse_applicant
from eligibility_desk.domain.interchange_fast import FastApplicant, decode_records
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.rules_engine.api import screen_records

AS_OF = date(2025, 9, 1)
VALID_ID = "510107199102205658"


@pytest.fixture(scope="module")
def standard():
    return RuleLibrary.load().get("4-07-02-06", AS_OF)


def _careful_outcome(standard, record, position):
    try:
        applicant = parse_applicant(record, position)
    except InvalidRecord as exc:
        return ("invalid", exc.record_id, exc.errors)
    return standard.screen_many([applicant], AS_OF)[0]


def _outcome(result):
    if isinstance(result, InvalidRecord):
        return ("invalid", result.record_id, result.errors)
    return result


def _assert_same(standard, records):
    text = json.dumps({"applicants": records}, ensure_ascii=False)
    fast = screen_records(standard, text.encode(), AS_OF)
    assert len(fast) == len(records)
    for position, (record, result) in enumerate(zip(records, fast)):
        assert _outcome(result) == _careful_outcome(standard, record, position), record


def test_demo_records_screen_the_same_and_take_the_typed_path(standard):
    records = [applicant_to_dict(a) for a, _ in demo.demo_applicants(600, seed=8, as_of=AS_OF)]
    _assert_same(standard, records)
    decoded = decode_records(json.dumps({"applicants": records}))
    assert sum(isinstance(r, FastApplicant) for r in decoded) > 500  # the typed path, not the fallback


BASE = {
    "id": "A1", "name": "张三", "id_number": VALID_ID,
    "education": [{"school_type": "technician_college", "major": "电子商务", "graduated_on": "2015-07-01",
                   "in_school": False, "class_type": "senior", "assessed": True, "school": "某技师学院"}],
    "work": [{"occupation": "营销员", "start": "2015-08-01", "end": "2019-12-31", "employer": "某公司"},
             {"occupation": "电子商务师", "start": "2020-01-01", "end": None}],
    "certificates": [{"occupation": "营销员", "level": 4, "obtained_on": "2018-05-01", "number": "S1"}],
    "titles": [{"grade": "intermediate", "obtained_on": "2021-01-01", "profession_matches": True, "name": "经济师"}],
}


def _set(path, value):
    def change(record):
        target = record
        for key in path[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return record
    return change


_DELETE = object()

CHANGES = {
    "as is": lambda r: r,
    "id blank": _set(["id"], ""),
    "id spaces": _set(["id"], " A1 "),
    "id number": _set(["id"], 17),
    "id missing": _set(["id"], _DELETE),
    "name blank": _set(["name"], ""),
    "name spaces only": _set(["name"], "   "),
    "name null": _set(["name"], None),
    "id_number blank": _set(["id_number"], ""),
    "id_number null": _set(["id_number"], None),
    "id_number spaces": _set(["id_number"], f" {VALID_ID} "),
    "id_number bad check": _set(["id_number"], VALID_ID[:-1] + "0"),
    "id_number short": _set(["id_number"], "1234"),
    "id_number number": _set(["id_number"], 510107199102205658),
    "education null": _set(["education"], None),
    "education not list": _set(["education"], {"school_type": "undergraduate"}),
    "school type unknown": _set(["education", 0, "school_type"], "university"),
    "class type at undergraduate": _set(["education", 0, "school_type"], "undergraduate"),
    "class type blank": _set(["education", 0, "class_type"], ""),
    "class type unknown": _set(["education", 0, "class_type"], "expert"),
    "major spaces": _set(["education", 0, "major"], " 电子商务 "),
    "major blank": _set(["education", 0, "major"], ""),
    "major missing": _set(["education", 0, "major"], _DELETE),
    "graduated blank": _set(["education", 0, "graduated_on"], ""),
    "graduated null": _set(["education", 0, "graduated_on"], None),
    "graduated bad": _set(["education", 0, "graduated_on"], "2015-13-01"),
    "graduated compact": _set(["education", 0, "graduated_on"], "20150701"),
    "graduated number": _set(["education", 0, "graduated_on"], 20150701),
    "in_school null": _set(["education", 0, "in_school"], None),
    "in_school text": _set(["education", 0, "in_school"], "是"),
    "in_school true": _set(["education", 0, "in_school"], True),
    "assessed number": _set(["education", 0, "assessed"], 1),
    "school number": _set(["education", 0, "school"], 5),
    "school null": _set(["education", 0, "school"], None),
    "work item not object": _set(["work", 0], "营销员"),
    "occupation spaces": _set(["work", 0, "occupation"], "营销员 "),
    "occupation full-width space": _set(["work", 0, "occupation"], "\u3000营销员"),
    "occupation blank": _set(["work", 0, "occupation"], ""),
    "occupation unlisted": _set(["work", 0, "occupation"], "厨师"),
    "occupation unlisted, spaces": lambda r: {**r, "work": [{"occupation": " 厨师", "start": "2010-01-01"}],
                                             "certificates": [], "titles": [], "education": []},
    "start missing": _set(["work", 0, "start"], _DELETE),
    "start null": _set(["work", 0, "start"], None),
    "start bad": _set(["work", 0, "start"], "2015-02-30"),
    "end absent": _set(["work", 1, "end"], _DELETE),
    "end blank": _set(["work", 1, "end"], ""),
    "end before start": _set(["work", 0, "end"], "2014-01-01"),
    "end same day": _set(["work", 0, "end"], "2015-08-01"),
    "end after as-of": _set(["work", 0, "end"], "2030-01-01"),
    "employer number": _set(["work", 0, "employer"], 3),
    "employer blank": _set(["work", 0, "employer"], ""),
    "level text digit": _set(["certificates", 0, "level"], "4"),
    "level 6": _set(["certificates", 0, "level"], 6),
    "level 0": _set(["certificates", 0, "level"], 0),
    "level true": _set(["certificates", 0, "level"], True),
    "level float": _set(["certificates", 0, "level"], 4.0),
    "level 1": _set(["certificates", 0, "level"], 1),
    "certificate undated": _set(["certificates", 0, "obtained_on"], None),
    "certificate 1+X": _set(["certificates", 0, "standard"], "530053"),
    "certificate standard blank": _set(["certificates", 0, "standard"], ""),
    "certificate standard null": _set(["certificates", 0, "standard"], None),
    "certificate occupation missing": _set(["certificates", 0, "occupation"], _DELETE),
    "number number": _set(["certificates", 0, "number"], 12),
    "grade unknown": _set(["titles", 0, "grade"], "expert"),
    "title undated": _set(["titles", 0, "obtained_on"], None),
    "matches null": _set(["titles", 0, "profession_matches"], None),
    "matches text": _set(["titles", 0, "profession_matches"], "yes"),
    "title name number": _set(["titles", 0, "name"], 1),
    "birth date": _set(["birth_date"], "1991-02-20"),
    "birth date null": _set(["birth_date"], None),
    "training": _set(["training"], [{"occupation": "营销员", "level": "4", "hours": 120}]),
    "apprenticeships": _set(["apprenticeships"], [{"occupation": "营销员", "finished_on": "2016-01-01"}]),
    "unknown key": _set(["nickname"], "小张"),
    "unknown key in work": _set(["work", 0, "note"], "兼职"),
    "work empty": _set(["work"], []),
    "certificates null": _set(["certificates"], None),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_one_change_screens_or_fails_the_same(standard, name):
    record = CHANGES[name](copy.deepcopy(BASE))
    # the changed record among clean ones: positions in messages and the order of outcomes hold
    _assert_same(standard, [copy.deepcopy(BASE), record, copy.deepcopy(BASE)])


def test_records_that_are_not_objects_fail_as_before(standard):
    _assert_same(standard, [copy.deepcopy(BASE), "张三", None, [1, 2], 7])


def test_not_a_document_is_the_parsers_error():
    from eligibility_desk.domain.interchange import read_document

    for text in ('{"people": []}', "[1, 2]", '{"applicants": {}}'):
        with pytest.raises(ValueError) as fast:
            decode_records(text)
        with pytest.raises(ValueError) as careful:
            read_document(json.loads(text))
        assert str(fast.value) == str(careful.value)
    with pytest.raises(ValueError):
        decode_records("{not json")


def _libraries():
    from pathlib import Path

    data = Path(__file__).parents[1] / "rules_engine" / "data"
    yield RuleLibrary.load()
    for folder in ("made_up", "made_up_v2"):
        yield RuleLibrary.load(data / folder)


def test_every_standard_screens_the_typed_records_the_same():
    """Every shipped standard (the 1+X packs too) and the made-up test standards (age from the ID number,
    work after graduation, 本职业 only, continuous work, …): the records the engine reads through the typed
    decoder carry what those clauses read."""
    records = [applicant_to_dict(a) for a, _ in demo.demo_applicants(150, seed=12, as_of=AS_OF)]
    records += [CHANGES[name](copy.deepcopy(BASE)) for name in ("as is", "end absent", "certificate undated",
                                                                 "matches null", "occupation unlisted, spaces")]
    text = json.dumps({"applicants": records}, ensure_ascii=False)
    seen = 0
    for library in _libraries():
        for standard in library.all_versions():
            code = (standard.code, standard.version)
            fast = screen_records(standard, text, AS_OF)
            for position, (record, result) in enumerate(zip(records, fast)):
                careful = parse_applicant(record, position)
                assert _outcome(result) == standard.screen_many([careful], AS_OF)[0], (code, record)
            seen += 1
    assert seen >= 8
