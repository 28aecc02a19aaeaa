"""The import's fast path: rows whose cells already have the types and values a clean workbook holds.

A clean template row — text as ``str``, dates as date cells, enumerations as the exact Chinese labels,
是/否, levels as numbers — is read here in one function call per row, without the careful path's
per-cell conversions, value dicts and problem lists.  Each reader returns exactly what the careful path
(:meth:`.import_careful.Sheet.read`, the record builders and the checks of
:mod:`eligibility_desk.domain.validation`) makes of such a row, or ``None`` whenever that path could
report a problem or read a cell differently (a number where text is expected, a label spelt another
way, a date before the birth date, a blank made of spaces …); that row then goes the careful way.  So the
fast path never refuses anything: every refusal, with its sheet, row, column and reason, still comes from
the careful path.  ``tests/services/records/test_import_fast.py`` checks that both agree on assorted cells.

Text columns whose values repeat — schools, majors, occupations, employers — are checked once per distinct
cell: each record reader keeps, per column, a dict from a cell as typed to the text the checks made of it (only
cells that passed go in), and a cell found there is taken as it is.  It saves the strip and checks per row
(−9 % of the work sheet's reading: 148,745 rows with 43 occupations and 12 employers), and the records share one
string per distinct value instead of holding one per cell (fewer objects to keep, free and copy into the
digest child).  Values that rarely repeat (names, certificate numbers) are checked per row.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Callable, NamedTuple

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.applicant import VALID_LEVELS, Certificate, Education, Title, WorkPeriod
from eligibility_desk.domain.text_policy import FIELD_LIMITS

_BOOLEANS = v.BOOLEANS
# 未知 and the like, as typed: _key() leaves these unchanged, so an exact match is what parse_bool finds
_UNKNOWN = frozenset(v.UNKNOWN)
_LEVELS = {float(n): n for n in VALID_LEVELS} | {n: n for n in VALID_LEVELS}
_EARLIEST = v.MIN_DATE
# Text the policy takes as it is: printable (no control, format or separator characters but the space:
# ``str.isprintable`` in C) and within the field's length.  Anything else goes the careful way.
_NAME, _CODE, _PHONE = FIELD_LIMITS["name"], FIELD_LIMITS["id"], FIELD_LIMITS["phone"]
_SCHOOL, _MAJOR, _OCCUPATION = FIELD_LIMITS["school"], FIELD_LIMITS["major"], FIELD_LIMITS["occupation"]
_EMPLOYER, _NUMBER = FIELD_LIMITS["employer"], FIELD_LIMITS["number"]


class FastReader(NamedTuple):
    """``read(values(cells), key)`` for a row of at least ``width`` cells: the record (or 考生 values), or
    ``None`` for the careful path."""

    values: Callable[[list], tuple]  # the cells the reader needs, in its order
    width: int
    read: Callable[[tuple, str], object]


def _columns(index: dict[str, int], keys: tuple[str, ...]) -> tuple[Callable[[list], tuple], int] | None:
    """A getter of the cells of ``keys`` (in that order) and the row width it needs, or ``None`` when a
    column is missing from the sheet (the careful path then reads every row)."""
    if any(k not in index for k in keys):
        return None
    at = [index[k] for k in keys]
    return itemgetter(*at), max(at) + 1


def applicant_reader(index: dict[str, int], level_texts: dict[str, tuple[str, ...]]) -> FastReader | None:
    """考生 row -> ``(name, 考生编号, levels, phone, birth date)`` as the careful path reads them (``None`` for an
    empty cell; without the ID number, which the caller checks).  ``level_texts`` maps a 申报等级 cell as typed to the levels the careful path
    accepted for it (the caller fills it as it goes), so each distinct cell is worked out once."""
    has_birth = "birth_date" in index
    columns = _columns(index, ("name", "id", "levels", "phone", "birth_date") if has_birth else ("name", "id", "levels", "phone"))
    if columns is None:
        return None

    def read(values: tuple, _key=None) -> tuple | None:
        if has_birth:
            name, code, levels, phone, born = values
            if born == "" or born is None:
                born = None
            elif born.__class__ is not date or born < _EARLIEST:
                return None  # the careful path reads (or refuses) it
        else:
            name, code, levels, phone = values
            born = None
        if name.__class__ is not str or code.__class__ is not str or phone.__class__ is not str:
            return None
        name, code, phone = name.strip(), code.strip(), phone.strip()
        if not (name and name.isprintable() and len(name) <= _NAME and code.isprintable() and len(code) <= _CODE
                and phone.isprintable() and len(phone) <= _PHONE):
            return None
        levels = level_texts.get(levels) if levels.__class__ is str else None
        if levels is None:
            return None
        return name, code or None, levels, phone or None, born

    return FastReader(*columns, read)


def record_reader(kind: str, index: dict[str, int], today: date, born: dict[str, date]) -> FastReader | None:
    """学历 / 工作经历 / 证书 / 职称 row (and its ID number) -> the record, or ``None`` (careful path)."""
    maker = _RECORD_READERS.get(kind)  # training and apprenticeships (few rows) take the careful path
    return maker(index, today, born) if maker is not None else None


def _checked(memo: dict, cell, limit: int, required: bool) -> str | None:
    """A text cell not met before in its column (``memo``: cell as typed -> its text, see the module docstring):
    its stripped text, remembered in ``memo``, when it is text, printable, at most ``limit`` characters and — if
    ``required`` — not blank; else ``None`` (the row goes the careful way)."""
    if cell.__class__ is not str:
        return None
    text = cell.strip()
    if not (text.isprintable() and len(text) <= limit) or (required and not text):
        return None
    memo[cell] = text
    return text


def _education(index, today, born):
    columns = _columns(index, ("school_type", "school", "major", "class_type", "graduated_on", "in_school", "assessed"))
    if columns is None:
        return None
    school_types, class_types, make = v.SCHOOL_TYPES, v.CLASS_TYPES, Education.from_fields
    schools, majors = {}, {}   # cell as typed -> its text, for cells that passed (memo: module docstring)

    def read(values: tuple, _key: str):
        school_type, school, major, class_type, graduated, in_school, assessed = values
        school_type = school_types.get(school_type) if school_type.__class__ is str else None
        if school_type is None:
            return None
        text = majors.get(major)
        if text is None and (text := _checked(majors, major, _MAJOR, True)) is None:
            return None
        major = text
        text = schools.get(school)
        if text is None and (text := _checked(schools, school, _SCHOOL, False)) is None:
            return None
        school = text
        if class_type == "":
            class_type = None
        else:
            class_type = class_types.get(class_type) if class_type.__class__ is str else None
            if class_type is None or not school_type.is_technician_institution:
                return None
        if graduated == "" or graduated is None:
            graduated = None
        elif graduated.__class__ is not date or graduated < _EARLIEST:
            return None
        in_school = False if in_school == "" else _BOOLEANS.get(in_school) if in_school.__class__ is str else None
        assessed = False if assessed == "" else _BOOLEANS.get(assessed) if assessed.__class__ is str else None
        if in_school is None or assessed is None:
            return None
        if in_school:
            if graduated is None:  # an expected graduation date is required
                return None
        elif graduated is not None and graduated > today:  # only an expected graduation may lie ahead
            return None
        return make(school_type, major, graduated, in_school, class_type, assessed, school)

    return FastReader(*columns, read)


def _work(index, today, born):
    columns = _columns(index, ("occupation", "employer", "start", "end"))
    if columns is None:
        return None
    make = WorkPeriod.from_fields
    occupations, employers = {}, {}   # cell as typed -> its text, for cells that passed (memo: module docstring)

    def read(values: tuple, key: str):
        occupation, employer, start, end = values
        text = occupations.get(occupation)
        if text is None and (text := _checked(occupations, occupation, _OCCUPATION, True)) is None:
            return None
        occupation = text
        text = employers.get(employer)
        if text is None and (text := _checked(employers, employer, _EMPLOYER, False)) is None:
            return None
        employer = text
        if start.__class__ is not date or start > today or start < _EARLIEST:
            return None
        birth = born.get(key)
        if birth is not None and start < birth:
            return None
        if end == "" or end is None:
            end = None
        elif end.__class__ is not date or end > today or end < start:
            return None
        return make(occupation, start, end, employer)

    return FastReader(*columns, read)


def _certificate(index, today, born):
    has_standard = "standard" in index
    columns = _columns(index, ("occupation", "level", "obtained_on", "number", "standard") if has_standard
                       else ("occupation", "level", "obtained_on", "number"))
    if columns is None:
        return None
    make = Certificate.from_fields
    occupations = {}   # cell as typed -> its text, for cells that passed (memo: module docstring)

    def read(values: tuple, _key: str):
        if has_standard:
            occupation, level, obtained, number, standard = values
            if standard != "" and standard is not None:
                return None  # a certificate of a standard's own levels: the careful path
        else:
            occupation, level, obtained, number = values
        text = occupations.get(occupation)
        if text is None and (text := _checked(occupations, occupation, _OCCUPATION, True)) is None:
            return None
        occupation = text
        if number.__class__ is not str or obtained.__class__ is not date:
            return None
        number = number.strip()
        # a number cell (5.0 or 5); True == 1 is a bool cell, which the careful path refuses
        level = _LEVELS.get(level) if level.__class__ is float or level.__class__ is int else None
        if level is None or obtained > today or obtained < _EARLIEST:
            return None
        if not (number.isprintable() and len(number) <= _NUMBER):
            return None
        return make(occupation, level, obtained, number)

    return FastReader(*columns, read)


def _title(index, today, born):
    columns = _columns(index, ("grade", "name", "obtained_on", "profession_matches"))
    if columns is None:
        return None
    grades, make = v.TITLE_GRADES, Title.from_fields

    def read(values: tuple, _key: str):
        grade, name, obtained, matches = values
        if grade.__class__ is not str or name.__class__ is not str or obtained.__class__ is not date:
            return None
        grade = grades.get(grade)
        name = name.strip()
        if grade is None or obtained > today or obtained < _EARLIEST or not (name.isprintable() and len(name) <= _NAME):
            return None
        if matches.__class__ is not str:
            return None
        if matches in _BOOLEANS:
            matches = _BOOLEANS[matches]
        elif matches == "" or matches in _UNKNOWN:
            matches = None
        else:
            return None
        return make(grade, obtained, matches, name)

    return FastReader(*columns, read)


_RECORD_READERS = {"education": _education, "work": _work, "certificates": _certificate, "titles": _title}
