"""A stored batch's applicants read as the engine screens them (``Desk.screen_batch``, issue 12).

:func:`load_screening_records` reads only what the engine reads — one query per table, no names, employers,
schools, certificate numbers or ``extra`` — and turns the rows into the typed records below with
:func:`msgspec.convert` in one C call per table: dates parsed from their stored text, enum values looked up,
0/1 read as booleans.  Python is left with grouping the records by applicant and making one record per
applicant.  The records carry the attributes the engine reads from an :class:`~eligibility_desk.domain.applicant.Applicant`
and its records, with the same values :func:`.applicants.load_applicants` gives them
(tests/persistence/test_screening_records.py compares both); they never leave the screening (results name
an applicant by ``id``).
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from operator import attrgetter

import msgspec
from sqlalchemy.orm import Session

from eligibility_desk.domain.applicant import ClassType, SchoolType, TitleGrade
from eligibility_desk.persistence import bulk
from eligibility_desk.persistence.applicants import plain_rows


class StoredEducation(msgspec.Struct, array_like=True, gc=False, frozen=True):
    applicant_id: int
    school_type: SchoolType
    major: str
    graduated_on: date | None
    in_school: bool
    class_type: ClassType | None
    assessed: bool


class StoredWork(msgspec.Struct, array_like=True, gc=False, frozen=True):
    applicant_id: int
    occupation: str
    start: date
    end: date | None  # None when the end is not known (``end_known`` false), as the domain record has it
    end_known: bool


class StoredCertificate(msgspec.Struct, array_like=True, gc=False, frozen=True):
    """A certificate of a national level."""

    applicant_id: int
    occupation: str
    level: int
    obtained_on: date | None
    standard: str  # always ""


class StoredOwnCertificate(msgspec.Struct, array_like=True, gc=False, frozen=True):
    """A certificate of a standard's own levels (a 1+X certificate): ``level`` is the level's word."""

    applicant_id: int
    occupation: str
    level: str
    obtained_on: date | None
    standard: str


class StoredTitle(msgspec.Struct, array_like=True, gc=False, frozen=True):
    applicant_id: int
    grade: TitleGrade
    obtained_on: date
    profession_matches: bool | None


class StoredTraining(msgspec.Struct, array_like=True, gc=False, frozen=True):
    applicant_id: int
    occupation: str
    level: str
    hours: float
    finished_on: date | None


class StoredApprenticeship(msgspec.Struct, array_like=True, gc=False, frozen=True):
    applicant_id: int
    occupation: str
    finished_on: date | None
    started_on: date | None


class ScreeningRecord(msgspec.Struct, gc=False, frozen=True):
    """An applicant as the engine reads it (not a domain ``Applicant``: no name, no ``extra``)."""

    id: str
    id_number: str | None
    birth_date: date | None
    education: tuple
    work: tuple
    certificates: tuple
    titles: tuple
    training: tuple
    apprenticeships: tuple


_ORDER = " WHERE applicant_id IN :ids ORDER BY applicant_id, position"
#: (sql, record type, lax): lax conversion reads SQLite's 0/1 as booleans
_TABLES = (
    ("SELECT applicant_id, school_type, major, graduated_on, in_school, nullif(class_type, ''), assessed FROM education"
     + _ORDER, StoredEducation, True),
    ('SELECT applicant_id, occupation, start, CASE WHEN end_known = false THEN NULL ELSE "end" END, '
     "coalesce(end_known, true) FROM work_period" + _ORDER, StoredWork, True),
    ("SELECT applicant_id, occupation, level, obtained_on, standard FROM certificate WHERE standard = '' AND"
     + _ORDER[6:], StoredCertificate, True),
    ("SELECT applicant_id, grade, obtained_on, profession_matches FROM title" + _ORDER, StoredTitle, True),
    ("SELECT applicant_id, occupation, level, hours, finished_on FROM training" + _ORDER, StoredTraining, True),
    ("SELECT applicant_id, occupation, finished_on, started_on FROM apprenticeship" + _ORDER,
     StoredApprenticeship, True),
)
#: certificates of a standard's own levels, read strictly (a level word that looks like a number stays text)
_OWN_CERTIFICATES = ("SELECT applicant_id, occupation, coalesce(level_word, ''), obtained_on, standard FROM certificate "
                     "WHERE standard <> '' AND" + _ORDER[6:])
_BY_APPLICANT = attrgetter("applicant_id")


def _grouped(session: Session, sql: str, kind, lax: bool, batch_id: int) -> dict[int, tuple]:
    """applicant pk -> its records of one table, in position order."""
    rows = plain_rows(session, sql, None, batch_id)
    if not rows:
        return {}
    if rows[0].__class__ is not tuple:  # another driver's rows
        rows = [tuple(row) for row in rows]
    records = msgspec.convert(rows, list[kind], strict=not lax)
    return {pk: tuple(group) for pk, group in groupby(records, _BY_APPLICANT)}


def load_screening_records(session: Session, batch_id: int) -> dict[int, ScreeningRecord]:
    """The applicants of batch ``batch_id`` as the engine reads them, by primary key, in eight queries."""
    edus, works, certs, titles, training, apprenticeships = (
        _grouped(session, sql, kind, lax, batch_id) for sql, kind, lax in _TABLES)
    for pk, own in _grouped(session, _OWN_CERTIFICATES, StoredOwnCertificate, False, batch_id).items():
        # national certificates first, then the standard's own: the engine reads the two kinds apart
        certs[pk] = certs.get(pk, ()) + own
    parse = bulk.parse_date
    empty = ()
    new = ScreeningRecord
    edus_get, works_get, certs_get, titles_get = edus.get, works.get, certs.get, titles.get
    training_get, apprenticeships_get = training.get, apprenticeships.get
    out = {}
    for pk, code, id_number, born in plain_rows(
            session, "SELECT id, code, id_number, birth_date FROM applicant WHERE id IN :ids ORDER BY id", None,
            batch_id):
        out[pk] = new(code, id_number, None if born is None else parse(born), edus_get(pk, empty),
                      works_get(pk, empty), certs_get(pk, empty), titles_get(pk, empty), training_get(pk, empty),
                      apprenticeships_get(pk, empty))
    return out
