"""A stored batch's applicants read as the engine screens them (``Desk.screen_batch``, issue 12).

:func:`load_screening_records` reads only what the engine reads — one query per table, no names, employers,
schools, certificate numbers or ``extra``; the batch's applicants picked by a range of ids when the batch is
exactly such a range (an index range scan instead of one look-up per applicant) — and turns the rows into the
typed records below with :func:`msgspec.convert` in one C call per table: dates parsed from their stored text,
enum values looked up, 0/1 read as booleans.  Python is left with grouping the records by applicant and making
one record per applicant.  The records carry the attributes the engine reads from an
:class:`~eligibility_desk.domain.applicant.Applicant` and its records, with the same values
:func:`.applicants.load_applicants` gives them (tests/services/screening/test_stored_read.py compares both);
they never leave the screening (results name an applicant by ``id``).
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from operator import attrgetter

import msgspec
from sqlalchemy import text
from sqlalchemy.orm import Session

from eligibility_desk.domain.applicant import ClassType, SchoolType, TitleGrade
from eligibility_desk.persistence import bulk


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
    """A certificate of a standard's own levels (a 1+X certificate): ``level`` is the level's word; on SQLite
    also a national certificate (``level`` its number, ``standard`` "")."""

    applicant_id: int
    occupation: str
    level: int | str
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


#: ``{among}``: the batch's applicants — a range of ids when they are exactly the ids in it (a batch imported at
#: once), an index range scan; else the ``IN`` list of the batch's applicants, an index look-up per applicant
_ORDER = " WHERE applicant_id {among} ORDER BY applicant_id, position"
#: (sql, record type, lax): lax conversion reads SQLite's 0/1 as booleans
_TABLES = (
    ("SELECT applicant_id, school_type, major, graduated_on, in_school, nullif(class_type, ''), assessed FROM education"
     + _ORDER, StoredEducation, True),
    ('SELECT applicant_id, occupation, start, CASE WHEN end_known = false THEN NULL ELSE "end" END, '
     "coalesce(end_known, true) FROM work_period" + _ORDER, StoredWork, True),
    ("SELECT applicant_id, grade, obtained_on, profession_matches FROM title" + _ORDER, StoredTitle, True),
    ("SELECT applicant_id, occupation, level, hours, finished_on FROM training" + _ORDER, StoredTraining, True),
    ("SELECT applicant_id, occupation, finished_on, started_on FROM apprenticeship" + _ORDER,
     StoredApprenticeship, True),
)
#: SQLite: both kinds of certificate in one query, ``level`` the national level (an integer) or the level word
#: (text), read strictly so a word that looks like a number stays text
_CERTIFICATES_SQLITE = ("SELECT applicant_id, occupation, CASE WHEN standard <> '' THEN coalesce(level_word, '') "
                        "ELSE level END, obtained_on, standard FROM certificate" + _ORDER)
#: other databases (a column has one type): national certificates, then those of a standard's own levels
_CERTIFICATES = ("SELECT applicant_id, occupation, level, obtained_on, standard FROM certificate WHERE standard = '' "
                 "AND" + _ORDER[6:])
_OWN_CERTIFICATES = ("SELECT applicant_id, occupation, coalesce(level_word, ''), obtained_on, standard "
                     "FROM certificate WHERE standard <> '' AND" + _ORDER[6:])
_APPLICANTS = "SELECT id, code, id_number, birth_date FROM applicant WHERE id {among} ORDER BY id"
_IN_BATCH = "IN (SELECT applicant_id FROM application WHERE batch_id = :batch)"
_BY_APPLICANT = attrgetter("applicant_id")


def _rows(session: Session, sql: str, params: dict) -> list:
    """Plain tuples; on SQLite from the driver directly (values as stored: dates as text)."""
    if bulk.is_sqlite(session):
        cursor = bulk.raw_cursor(session)
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()
    return [tuple(row) for row in session.execute(text(sql), params)]


def _grouped(session: Session, sql: str, kind, lax: bool, params: dict) -> dict[int, tuple]:
    """applicant pk -> its records of one table, in position order."""
    rows = _rows(session, sql, params)
    if not rows:
        return {}
    records = msgspec.convert(rows, list[kind], strict=not lax)
    return {pk: tuple(group) for pk, group in groupby(records, _BY_APPLICANT)}


def _among(session: Session, batch_id: int, span: tuple[int, int, int] | None) -> tuple[str, dict]:
    """How the queries pick the batch's applicants: ``BETWEEN`` when the batch holds every id from its lowest
    to its highest (then the range is exactly the batch), else ``IN`` the batch's list.  ``span``: (lowest,
    highest, how many distinct) applicant pks of the batch, when the caller knows them."""
    if span is None:
        span = _rows(session, "SELECT min(applicant_id), max(applicant_id), count(DISTINCT applicant_id) "
                              "FROM application WHERE batch_id = :batch", {"batch": batch_id})[0]
    lowest, highest, count = span
    if count and highest - lowest + 1 == count:
        return "BETWEEN :lowest AND :highest", {"lowest": lowest, "highest": highest}
    return _IN_BATCH, {"batch": batch_id}


def batch_applications(session: Session, batch_id: int) -> list[tuple[int, int, str]]:
    """The batch's applications as plain tuples ``(id, applicant pk, level)``, by applicant then level."""
    return _rows(session, "SELECT id, applicant_id, level FROM application WHERE batch_id = :batch "
                          "ORDER BY applicant_id, level", {"batch": batch_id})


def load_screening_records(session: Session, batch_id: int, span: tuple[int, int, int] | None = None
                           ) -> dict[int, ScreeningRecord]:
    """The applicants of batch ``batch_id`` as the engine reads them, by primary key, in seven or eight
    queries (``span``: see :func:`_among`)."""
    among, params = _among(session, batch_id, span)
    edus, works, titles, training, apprenticeships = (
        _grouped(session, sql.format(among=among), kind, lax, params) for sql, kind, lax in _TABLES)
    if bulk.is_sqlite(session):
        certs = _grouped(session, _CERTIFICATES_SQLITE.format(among=among), StoredOwnCertificate, False, params)
    else:
        certs = _grouped(session, _CERTIFICATES.format(among=among), StoredCertificate, True, params)
        for pk, own in _grouped(session, _OWN_CERTIFICATES.format(among=among), StoredOwnCertificate, False,
                                params).items():
            # national certificates first, then the standard's own: the engine reads the two kinds apart
            certs[pk] = certs.get(pk, ()) + own
    parse = bulk.parse_date
    empty = ()
    new = ScreeningRecord
    edus_get, works_get, certs_get, titles_get = edus.get, works.get, certs.get, titles.get
    training_get, apprenticeships_get = training.get, apprenticeships.get
    out = {}
    for pk, code, id_number, born in _rows(session, _APPLICANTS.format(among=among), params):
        out[pk] = new(code, id_number, None if born is None else parse(born), edus_get(pk, empty),
                      works_get(pk, empty), certs_get(pk, empty), titles_get(pk, empty), training_get(pk, empty),
                      apprenticeships_get(pk, empty))
    return out
