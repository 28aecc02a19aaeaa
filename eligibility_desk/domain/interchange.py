"""Interchange format v1: applicants as JSON (see docs/interchange.md).

``{"applicants": [ {...}, ... ]}``; each applicant::

    {"id": "A001", "name": "张三", "id_number": "…optional…",
     "education":    [{"school_type", "major", "graduated_on", "in_school", "class_type", "assessed"}],
     "birth_date":   "…optional; otherwise read from id_number…",
     "work":         [{"occupation", "start", "end"}],          # "end": null = ongoing; no "end" key = not known
     "certificates": [{"occupation", "level", "obtained_on", "standard"}],  # "standard": a 1+X certificate's code
     "titles":       [{"grade", "obtained_on", "profession_matches"}],
     "training":     [{"occupation", "level", "hours", "finished_on"}],
     "apprenticeships": [{"occupation", "finished_on", "started_on"}]}

:func:`parse_applicant` checks one record and reports every problem with the field it is in
(``work[0].end``); :func:`applicant_to_dict` writes the same shape back.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eligibility_desk.domain.applicant import (
    VALID_LEVELS,
    Applicant,
    Apprenticeship,
    Certificate,
    ClassType,
    Education,
    SchoolType,
    Title,
    TitleGrade,
    Training,
    WorkPeriod,
)
from eligibility_desk.domain.errors import FieldError, InvalidRecord
from eligibility_desk.domain.idnumber import id_number_problem
from eligibility_desk.domain.text_policy import ascii_digits

FORMAT_VERSION = 1
_SCHOOL_TYPES = {t.value: t for t in SchoolType}
_CLASS_TYPES = {t.value: t for t in ClassType}
_GRADES = {g.value: g for g in TitleGrade}


class _Reader:
    """Collects field errors while reading one record."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field: str, code: str, **params: Any) -> None:
        self.errors.append(FieldError(field, code, params))

    def text(self, obj: dict, key: str, field: str, required: bool = True) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.fail(field, "required")
            return ""
        if not isinstance(value, str):  # a number is not text: 1001 and 1001.0 would both be "1001"
            self.fail(field, "not_text", value=_kind(value))
            return ""
        return value.strip()

    def date(self, obj: dict, key: str, field: str, required: bool = True) -> date | None:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.fail(field, "required")
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(field, "not_a_date", value=_kind(value))
        return None

    def flag(self, obj: dict, key: str, field: str, default: bool | None, nullable: bool = False) -> bool | None:
        value = obj.get(key, default)
        if value is None:
            return None if nullable else default
        if not isinstance(value, bool):
            self.fail(field, "not_bool", value=_kind(value))
            return default
        return value

    def enum(self, obj: dict, key: str, field: str, table: dict, required: bool = True):
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.fail(field, "required")
            return None
        if not isinstance(value, str) or value not in table:
            self.fail(field, "unknown_value", value=_kind(value), allowed=", ".join(table))
            return None
        return table[value]

    def items(self, obj: dict, key: str) -> list[tuple[str, dict]]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, "not_list")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(f"{key}[{i}]", "not_object")
            else:
                out.append((f"{key}[{i}]", item))
        return out


def _kind(value: Any) -> str:
    """A wrong value as shown in a message: scalars as they are, a list or object by its kind only (never the
    repr of a structure nested thousands deep)."""
    if isinstance(value, dict):
        return "对象 {…}"
    if isinstance(value, list):
        return "列表 […]"
    from eligibility_desk.domain.text_policy import visible

    return visible(value)


class _Doubt(Exception):
    """Raised by the fast path at the first thing it is not sure of."""


def _fast_text(value: Any, required: bool = True) -> str:
    if value is None or value == "":
        if required:
            raise _Doubt
        return ""
    if type(value) is str:
        return value.strip()
    raise _Doubt


def _fast_date(value: Any, required: bool = True) -> date | None:
    if value is None or value == "":
        if required:
            raise _Doubt
        return None
    if type(value) is not str:
        raise _Doubt
    return date.fromisoformat(value)  # ValueError -> the careful path words it


_ABSENT = object()


def _fast_flag(value: Any, default: bool | None) -> bool | None:
    if value is None:
        return default
    if type(value) is not bool:
        raise _Doubt
    return value


def _fast(obj: dict) -> Applicant:
    """Well-formed records, quickly; anything doubtful raises and goes to the careful path.  Records are
    made with ``from_fields`` (every field, in order: the same frozen objects at half the cost)."""
    new_education, new_work = Education.from_fields, WorkPeriod.from_fields
    new_certificate, new_title, new_applicant = Certificate.from_fields, Title.from_fields, Applicant.from_fields
    id_number = _fast_text(obj.get("id_number"), required=False) or None
    if id_number and id_number_problem(id_number):
        raise _Doubt
    education = []
    for item in obj.get("education") or ():
        school_type = _SCHOOL_TYPES[item["school_type"]]
        class_value = item.get("class_type")
        class_type = None
        if class_value is not None and class_value != "":
            class_type = _CLASS_TYPES[class_value]
            if not school_type.is_technician_institution:
                raise _Doubt
        education.append(new_education(school_type, _fast_text(item.get("major")), _fast_date(item.get("graduated_on"), False),
                                       bool(_fast_flag(item.get("in_school"), False)), class_type,
                                       bool(_fast_flag(item.get("assessed"), False)), _fast_text(item.get("school"), False)))
    work = []
    for item in obj.get("work") or ():
        start = _fast_date(item.get("start"))
        raw_end = item.get("end", _ABSENT)
        if raw_end is _ABSENT:  # no "end" key: the end is not known (null: still working)
            work.append(new_work(_fast_text(item.get("occupation")), start, None, _fast_text(item.get("employer"), False), False))
            continue
        end = _fast_date(raw_end, False)
        if end is not None and end < start:
            raise _Doubt
        work.append(new_work(_fast_text(item.get("occupation")), start, end, _fast_text(item.get("employer"), False)))
    certificates = []
    for item in obj.get("certificates") or ():
        if item.get("standard"):
            raise _Doubt  # a certificate of a standard's own levels: the careful path reads it
        level = item.get("level")
        if type(level) is not int or level not in VALID_LEVELS:
            raise _Doubt
        certificates.append(new_certificate(_fast_text(item.get("occupation")), level, _fast_date(item.get("obtained_on"), False),
                                            _fast_text(item.get("number"), False)))
    titles = []
    for item in obj.get("titles") or ():
        titles.append(new_title(_GRADES[item["grade"]], _fast_date(item.get("obtained_on")),
                                _fast_flag(item.get("profession_matches"), None), _fast_text(item.get("name"), False)))
    if "birth_date" in obj or "training" in obj or "apprenticeships" in obj:
        raise _Doubt  # rarer facts: the careful path reads them
    return new_applicant(_fast_text(obj.get("id")), _fast_text(obj.get("name")), id_number,
                         tuple(education), tuple(work), tuple(certificates), tuple(titles), {})


def parse_applicant(obj: Any, position: int = 0) -> Applicant:
    """One applicant record -> :class:`Applicant`, or :class:`InvalidRecord` listing every problem.

    Well-formed records take a fast path; at the first doubt the record is read again by the careful
    path, which collects every problem with its field (tests/domain/test_interchange.py checks that both
    paths agree).
    """
    if isinstance(obj, dict):
        try:
            return _fast(obj)
        except (_Doubt, KeyError, TypeError, ValueError, AttributeError):
            pass
    return _careful(obj, position)


def _careful(obj: Any, position: int = 0) -> Applicant:
    if not isinstance(obj, dict):
        raise InvalidRecord(f"#{position + 1}", [FieldError(f"applicants[{position}]", "not_object")])
    r = _Reader()
    applicant_id = r.text(obj, "id", "id")
    name = r.text(obj, "name", "name")
    id_number = r.text(obj, "id_number", "id_number", required=False) or None
    if id_number:
        id_number = ascii_digits(id_number)  # full-width digits folded, as in a spreadsheet cell
        problem = id_number_problem(id_number)
        if problem:
            r.fail("id_number", problem[0], **problem[1])

    education = []
    for field, item in r.items(obj, "education"):
        school_type = r.enum(item, "school_type", f"{field}.school_type", _SCHOOL_TYPES)
        class_type = r.enum(item, "class_type", f"{field}.class_type", _CLASS_TYPES, required=False)
        if class_type is not None and school_type is not None and not school_type.is_technician_institution:
            r.fail(f"{field}.class_type", "class_type_school")
        education.append(Education(
            school_type=school_type,
            major=r.text(item, "major", f"{field}.major"),
            graduated_on=r.date(item, "graduated_on", f"{field}.graduated_on", required=False),
            in_school=bool(r.flag(item, "in_school", f"{field}.in_school", False)),
            class_type=class_type,
            assessed=bool(r.flag(item, "assessed", f"{field}.assessed", False)),
            school=r.text(item, "school", f"{field}.school", required=False),
        ))

    birth = r.date(obj, "birth_date", "birth_date", required=False)

    work = []
    for field, item in r.items(obj, "work"):
        start = r.date(item, "start", f"{field}.start")
        end = r.date(item, "end", f"{field}.end", required=False)
        if start and end and end < start:
            r.fail(f"{field}.end", "end_before_start", start=start.isoformat(), end=end.isoformat())
        work.append(WorkPeriod(occupation=r.text(item, "occupation", f"{field}.occupation"), start=start, end=end,
                               employer=r.text(item, "employer", f"{field}.employer", required=False),
                               end_known="end" in item))

    certificates = []
    for field, item in r.items(obj, "certificates"):
        standard = r.text(item, "standard", f"{field}.standard", required=False)
        level = item.get("level")
        if standard:  # a level of the certificate's own standard, in its words or code (checked when screened)
            if isinstance(level, bool) or not isinstance(level, (str, int)) or not str(level).strip():
                r.fail(f"{field}.level", "level_word", value=_kind(level) if isinstance(level, (dict, list)) else level)
                level = None
            else:
                level = str(level).strip()
        else:
            if isinstance(level, str) and level.strip().isdigit():
                level = int(level.strip())
            if not isinstance(level, int) or isinstance(level, bool) or level not in VALID_LEVELS:
                r.fail(f"{field}.level", "level_range", value=_kind(level) if isinstance(level, (dict, list)) else level)
                level = None
        certificates.append(Certificate(occupation=r.text(item, "occupation", f"{field}.occupation", required=not standard),
                                        level=level,
                                        obtained_on=r.date(item, "obtained_on", f"{field}.obtained_on", required=False),
                                        number=r.text(item, "number", f"{field}.number", required=False),
                                        standard=standard))

    training = []
    for field, item in r.items(obj, "training"):
        hours = item.get("hours")
        if isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours != hours or hours < 0 or hours == float("inf"):
            r.fail(f"{field}.hours", "hours_range", value=hours)
            hours = 0
        training.append(Training(occupation=r.text(item, "occupation", f"{field}.occupation"),
                                 level=r.text(item, "level", f"{field}.level"), hours=hours,
                                 finished_on=r.date(item, "finished_on", f"{field}.finished_on", required=False)))

    apprenticeships = []
    for field, item in r.items(obj, "apprenticeships"):
        apprenticeships.append(Apprenticeship(
            occupation=r.text(item, "occupation", f"{field}.occupation"),
            finished_on=r.date(item, "finished_on", f"{field}.finished_on", required=False),
            started_on=r.date(item, "started_on", f"{field}.started_on", required=False)))

    titles = []
    for field, item in r.items(obj, "titles"):
        titles.append(Title(grade=r.enum(item, "grade", f"{field}.grade", _GRADES),
                            obtained_on=r.date(item, "obtained_on", f"{field}.obtained_on"),
                            profession_matches=r.flag(item, "profession_matches", f"{field}.profession_matches", None, nullable=True),
                            name=r.text(item, "name", f"{field}.name", required=False)))

    if r.errors:
        raise InvalidRecord(applicant_id or f"#{position + 1}", r.errors)
    return Applicant(id=applicant_id, name=name, id_number=id_number, education=tuple(education),
                     work=tuple(work), certificates=tuple(certificates), titles=tuple(titles), birth_date=birth,
                     training=tuple(training), apprenticeships=tuple(apprenticeships))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def applicant_to_dict(applicant: Applicant) -> dict:
    out = {
        "id": applicant.id,
        "name": applicant.name,
        "id_number": applicant.id_number,
        "education": [{"school_type": e.school_type.value, "major": e.major, "graduated_on": _iso(e.graduated_on),
                       "in_school": e.in_school, "class_type": e.class_type.value if e.class_type else None,
                       "assessed": e.assessed, **({"school": e.school} if e.school else {})} for e in applicant.education],
        "work": [{"occupation": w.occupation, "start": _iso(w.start), **({"end": _iso(w.end)} if w.end_known else {}),
                  **({"employer": w.employer} if w.employer else {})} for w in applicant.work],
        "certificates": [{"occupation": c.occupation, "level": c.level, "obtained_on": _iso(c.obtained_on),
                          **({"number": c.number} if c.number else {}),
                          **({"standard": c.standard} if c.standard else {})} for c in applicant.certificates],
        "titles": [{"grade": t.grade.value, "obtained_on": _iso(t.obtained_on), "profession_matches": t.profession_matches,
                    **({"name": t.name} if t.name else {})} for t in applicant.titles],
    }
    if applicant.birth_date is not None:
        out["birth_date"] = applicant.birth_date.isoformat()
    if applicant.training:
        out["training"] = [{"occupation": t.occupation, "level": t.level, "hours": t.hours, "finished_on": _iso(t.finished_on)}
                           for t in applicant.training]
    if applicant.apprenticeships:
        out["apprenticeships"] = [{"occupation": a.occupation, "finished_on": _iso(a.finished_on),
                                   **({"started_on": _iso(a.started_on)} if a.started_on else {})}
                                  for a in applicant.apprenticeships]
    return out


def read_document(data: Any) -> list[Any]:
    """The list of raw applicant records in an interchange document, or ValueError if it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("applicants"), list):
        raise ValueError('不是考生交换文件：应为 {"applicants": [ … ]}'
                         '（not an interchange document: expected {"applicants": [ ... ]}）')
    return data["applicants"]
