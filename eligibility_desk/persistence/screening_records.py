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

:func:`stream_screening_records` gives the same records in parts, read ahead by a thread on a SQLite file (see
there); ``Desk.screen_batch`` screens part by part.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from datetime import date
from itertools import groupby
from operator import attrgetter

import msgspec
from sqlalchemy.orm import Session

from eligibility_desk.domain.applicant import ClassType, SchoolType, TitleGrade
from eligibility_desk.persistence import bulk
from eligibility_desk.persistence.queries import plain


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
#: (table, columns after ``applicant_id``, record type, lax): lax conversion reads SQLite's 0/1 as booleans
_COLUMNS = (
    ("education", ("school_type", "major", "graduated_on", "in_school", "nullif(class_type, '')", "assessed"),
     StoredEducation, True),
    ("work_period", ("occupation", "start", 'CASE WHEN end_known = false THEN NULL ELSE "end" END',
                     "coalesce(end_known, true)"), StoredWork, True),
    ("title", ("grade", "obtained_on", "profession_matches"), StoredTitle, True),
    ("training", ("occupation", "level", "hours", "finished_on"), StoredTraining, True),
    ("apprenticeship", ("occupation", "finished_on", "started_on"), StoredApprenticeship, True),
)
_TABLES = tuple((f"SELECT applicant_id, {', '.join(columns)} FROM {table}" + _ORDER, kind, lax)
                for table, columns, kind, lax in _COLUMNS)
#: SQLite: both kinds of certificate in one query, ``level`` the national level (an integer) or the level word
#: (text), read strictly so a word that looks like a number stays text
_CERTIFICATE_COLUMNS = ("occupation", "CASE WHEN standard <> '' THEN coalesce(level_word, '') ELSE level END",
                        "obtained_on", "standard")
_CERTIFICATES_SQLITE = f"SELECT applicant_id, {', '.join(_CERTIFICATE_COLUMNS)} FROM certificate" + _ORDER
#: other databases (a column has one type): national certificates, then those of a standard's own levels
_CERTIFICATES = ("SELECT applicant_id, occupation, level, obtained_on, standard FROM certificate WHERE standard = '' "
                 "AND" + _ORDER[6:])
_OWN_CERTIFICATES = ("SELECT applicant_id, occupation, coalesce(level_word, ''), obtained_on, standard "
                     "FROM certificate WHERE standard <> '' AND" + _ORDER[6:])
_APPLICANTS = "SELECT id, code, id_number, birth_date FROM applicant WHERE id {among} ORDER BY id"
_IN_BATCH = "IN (SELECT applicant_id FROM application WHERE batch_id = :batch)"
_BY_APPLICANT = attrgetter("applicant_id")


def _grouped(session: Session, sql: str, kind, lax: bool, params: dict) -> dict[int, tuple]:
    """applicant pk -> its records of one table, in position order."""
    rows = plain(session, sql, params)
    if not rows:
        return {}
    records = msgspec.convert(rows, list[kind], strict=not lax)
    return {pk: tuple(group) for pk, group in groupby(records, _BY_APPLICANT)}


def _among(session: Session, batch_id: int, span: tuple[int, int, int] | None) -> tuple[str, dict]:
    """How the queries pick the batch's applicants: ``BETWEEN`` when the batch holds every id from its lowest
    to its highest (then the range is exactly the batch), else ``IN`` the batch's list.  ``span``: (lowest,
    highest, how many distinct) applicant pks of the batch, when the caller knows them."""
    if span is None:
        span = plain(session, "SELECT min(applicant_id), max(applicant_id), count(DISTINCT applicant_id) "
                              "FROM application WHERE batch_id = :batch", {"batch": batch_id})[0]
    lowest, highest, count = span
    if count and highest - lowest + 1 == count:
        return "BETWEEN :lowest AND :highest", {"lowest": lowest, "highest": highest}
    return _IN_BATCH, {"batch": batch_id}


def batch_applications(session: Session, batch_id: int) -> list[tuple[int, int, str]]:
    """The batch's applications as plain tuples ``(id, applicant pk, level)``, by applicant then level."""
    return plain(session, "SELECT id, applicant_id, level FROM application WHERE batch_id = :batch "
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
    applicants = [(pk, code, id_number, None if born is None else bulk.parse_date(born))
                  for pk, code, id_number, born in plain(session, _APPLICANTS.format(among=among), params)]
    return _assembled(applicants, edus, works, certs, titles, training, apprenticeships)


def _assembled(applicants, edus, works, certs, titles, training, apprenticeships) -> dict[int, ScreeningRecord]:
    """pk -> record, from ``(pk, code, id_number, birth_date)`` and each table's records by applicant pk."""
    empty = ()
    new = ScreeningRecord
    edus_get, works_get, certs_get, titles_get = edus.get, works.get, certs.get, titles.get
    training_get, apprenticeships_get = training.get, apprenticeships.get
    out = {}
    for pk, code, id_number, born in applicants:
        out[pk] = new(code, id_number, born, edus_get(pk, empty), works_get(pk, empty), certs_get(pk, empty),
                      titles_get(pk, empty), training_get(pk, empty), apprenticeships_get(pk, empty))
    return out


# -- SQLite: a range of applicants read in parts, each part made by SQLite while the caller screens the last one

#: applicants per part of :func:`stream_screening_records`
PART = 8192


def _json_of(table: str, columns: tuple[str, ...]) -> str:
    """A scalar subquery: one table's rows of the applicants ``BETWEEN :lowest AND :highest`` as one JSON array of
    arrays ``[applicant_id, column, ...]``, by applicant then position (the ordered subquery is not flattened
    into an aggregate, so the rows reach ``json_group_array`` in its order)."""
    names = [f"c{i}" for i in range(len(columns) + 1)]
    inner = ", ".join(f"{column} AS {name}" for column, name in zip(("applicant_id", *columns), names))
    return (f"(SELECT json_group_array(json_array({', '.join(names)})) FROM (SELECT {inner} FROM {table} "
            "WHERE applicant_id BETWEEN :lowest AND :highest ORDER BY applicant_id, position))")


#: one statement per part, one JSON text per table (in ``_COLUMNS`` order, then certificates, then applicants):
#: SQLite steps it in C without the GIL, so a thread can run it while the screening goes on
_PART_SQL = "SELECT " + ", ".join(
    [_json_of(table, columns) for table, columns, _kind, _lax in _COLUMNS]
    + [_json_of("certificate", _CERTIFICATE_COLUMNS),
       "(SELECT json_group_array(json_array(c0, c1, c2, c3)) FROM (SELECT id AS c0, code AS c1, id_number AS c2, "
       "birth_date AS c3 FROM applicant WHERE id BETWEEN :lowest AND :highest ORDER BY id))"])
_DECODERS = tuple(msgspec.json.Decoder(list[kind], strict=not lax) for _t, _c, kind, lax in _COLUMNS) + (
    msgspec.json.Decoder(list[StoredOwnCertificate]),
    msgspec.json.Decoder(list[tuple[int, str, str | None, date | None]]))


def _part_texts(cursor, lowest: int, highest: int, size: int) -> Iterator[tuple]:
    """Each part's JSON texts, by ranges of ``size`` applicant ids."""
    for start in range(lowest, highest + 1, size):
        cursor.execute(_PART_SQL, {"lowest": start, "highest": min(highest, start + size - 1)})
        yield cursor.fetchone()


def _records_of(texts: tuple) -> dict[int, ScreeningRecord]:
    *tables, certs, applicants = [decoder.decode(text) for decoder, text in zip(_DECODERS, texts)]
    by = _BY_APPLICANT
    edus, works, titles, training, apprenticeships, certs = (
        {pk: tuple(group) for pk, group in groupby(records, by)} if records else {}
        for records in (*tables, certs))
    return _assembled(applicants, edus, works, certs, titles, training, apprenticeships)


def stream_screening_records(session: Session, batch_id: int, span: tuple[int, int, int] | None = None,
                             part: int | None = None) -> Iterator[dict[int, ScreeningRecord]]:
    """The records of :func:`load_screening_records` in parts (pk -> record, in pk order), read ahead.

    On a SQLite file whose batch is a range of ids, a thread reads part n+1 while the caller screens part n:
    each part is one statement whose every table comes back as one JSON text built by SQLite (no Python
    object per row; SQLite's C code runs without the GIL), decoded into the records by msgspec in the caller's
    thread.  Elsewhere (other databases, a batch that is not a range, an in-memory database, whose
    connection belongs to one thread) the whole batch is one part read by :func:`load_screening_records`.
    Close the iterator (it is closed when exhausted) before the session: closing stops and joins the thread."""
    among, params = _among(session, batch_id, span)
    if not (bulk.is_sqlite(session) and "lowest" in params and shared_between_threads(session)):
        yield load_screening_records(session, batch_id, span)
        return
    cursor = bulk.raw_cursor(session)
    try:
        for texts in read_ahead(_part_texts(cursor, params["lowest"], params["highest"], part or PART)):
            yield _records_of(texts)
    finally:
        cursor.close()


def shared_between_threads(session: Session) -> bool:
    """The session's connection may be used by another thread while this one waits: a SQLite file, whose
    connections SQLAlchemy opens with ``check_same_thread=False`` (an in-memory database's belong to one
    thread); never another database's connection."""
    if not bulk.is_sqlite(session):
        return False
    database = session.get_bind().url.database
    return bool(database) and database != ":memory:" and not database.startswith("file:")


def read_ahead(items: Iterator, depth: int = 2) -> Iterator:
    """``items``, produced by a thread up to ``depth`` ahead of the consumer; the producer's exception is
    raised in the consumer.  Closing the returned iterator early stops the producer and waits for it."""
    done = object()
    ahead: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        ahead.put((item, None), timeout=0.05)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ahead.put((done, None))
        except BaseException as exc:  # handed to the consumer, raised there
            ahead.put((done, exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:  # a generator stopped early runs its cleanup in this thread
                close()

    thread = threading.Thread(target=produce, name="screening-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item, error = ahead.get()
            if item is done:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # let a producer blocked on a full queue see the stop
            try:
                ahead.get(timeout=0.05)
            except queue.Empty:
                pass
        thread.join()
