"""Applicants in and out of the database: one at a time through the ORM (with the version check), and in
bulk through Core statements (import, screening) — ``executemany`` inserts, no ORM unit of work.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm import Session

from eligibility_desk.domain.applicant import (
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
from eligibility_desk.persistence import bulk
from eligibility_desk.persistence.models import (
    ApplicantRow,
    ApprenticeshipRow,
    CertificateRow,
    EducationRow,
    TitleRow,
    TrainingRow,
    WorkPeriodRow,
    utcnow,
)

_SCHOOL = {t.value: t for t in SchoolType}
_CLASS = {t.value: t for t in ClassType}
_GRADE = {g.value: g for g in TitleGrade}
#: how many ids go into one ``IN (...)`` (SQLite allows 32,766 parameters; keep well below)
CHUNK = 5000


def snapshot(applicant: Applicant) -> dict:
    """The applicant in interchange shape (plus ``extra``): what the audit trail stores as before/after.
    The same document as the bulk path writes (:func:`bulk.dumps_applicant`)."""
    return bulk.loads(str(bulk.dumps_applicant(applicant)))


# --- row dicts for Core inserts ---------------------------------------------------------------------

_EMPTY_JSON = bulk.RawJSON("{}")


def applicant_values(applicant: Applicant) -> dict:
    return {"code": applicant.id, "name": applicant.name, "id_number": applicant.id_number,
            "extra": bulk.dumps(applicant.extra) if applicant.extra else _EMPTY_JSON,
            "birth_date": applicant.birth_date}


#: the columns of :func:`applicant_tuple`
APPLICANT_KEYS = ("code", "name", "id_number", "extra", "birth_date")


def applicant_tuple(applicant: Applicant) -> tuple:
    """:func:`applicant_values` as a tuple in :data:`APPLICANT_KEYS` order (the bulk path)."""
    extra = applicant.extra
    return (applicant.id, applicant.name, applicant.id_number, bulk.dumps(extra) if extra else _EMPTY_JSON,
            applicant.birth_date)


def applicant_stored_tuple(applicant: Applicant, day) -> tuple:
    """:func:`applicant_tuple` in SQLite's storage format (``day``: ``IsoDates().__getitem__``), for
    ``bulk.insert(…, stored=True)``: ``extra`` as plain JSON text, the birth date as its stored text."""
    extra = applicant.extra
    return (applicant.id, applicant.name, applicant.id_number, bulk.dumps_text(extra) if extra else "{}",
            day(applicant.birth_date))


def applicant_stored_values(owned: Iterable[tuple[int, Applicant]], day) -> list:
    """``(pk, *applicant_stored_tuple(applicant, day))`` of each ``(pk, applicant)`` as one flat list of values,
    row after row (``bulk.insert(…, flat=True)``)."""
    out: list = []
    add, dumps = out.extend, bulk.dumps_text
    for pk, a in owned:
        extra = a.extra
        add((pk, a.id, a.name, a.id_number, dumps(extra) if extra else "{}", day(a.birth_date)))
    return out


def _cert_level(c) -> tuple[int | None, str | None]:
    """(national level, level word): a certificate of a standard's own levels keeps its word."""
    return (None, str(c.level)) if c.standard else (c.level, None)


def child_values(applicant_pk: int, applicant: Applicant) -> tuple[list, ...]:
    edu = [{"applicant_id": applicant_pk, "position": i, "school_type": e.school_type.value,
            "class_type": e.class_type.value if e.class_type else None, "school": e.school or "", "major": e.major,
            "graduated_on": e.graduated_on, "in_school": bool(e.in_school), "assessed": bool(e.assessed)}
           for i, e in enumerate(applicant.education)]
    work = [{"applicant_id": applicant_pk, "position": i, "occupation": w.occupation, "employer": w.employer or "",
             "start": w.start, "end": w.end, "end_known": bool(w.end_known)} for i, w in enumerate(applicant.work)]
    certs = [{"applicant_id": applicant_pk, "position": i, "occupation": c.occupation, "level": _cert_level(c)[0],
              "level_word": _cert_level(c)[1], "standard": c.standard or "",
              "obtained_on": c.obtained_on, "number": c.number or ""} for i, c in enumerate(applicant.certificates)]
    titles = [{"applicant_id": applicant_pk, "position": i, "grade": t.grade.value, "name": t.name or "",
               "obtained_on": t.obtained_on, "profession_matches": t.profession_matches}
              for i, t in enumerate(applicant.titles)]
    training = [{"applicant_id": applicant_pk, "position": i, "occupation": t.occupation, "level": t.level,
                 "hours": t.hours, "finished_on": t.finished_on} for i, t in enumerate(applicant.training)]
    apprenticeships = [{"applicant_id": applicant_pk, "position": i, "occupation": a.occupation,
                        "finished_on": a.finished_on, "started_on": a.started_on}
                       for i, a in enumerate(applicant.apprenticeships)]
    return edu, work, certs, titles, training, apprenticeships


CHILD_KEYS = (
    ["applicant_id", "position", "school_type", "class_type", "school", "major", "graduated_on", "in_school", "assessed"],
    ["applicant_id", "position", "occupation", "employer", "start", "end", "end_known"],
    ["applicant_id", "position", "occupation", "level", "level_word", "standard", "obtained_on", "number"],
    ["applicant_id", "position", "grade", "name", "obtained_on", "profession_matches"],
    ["applicant_id", "position", "occupation", "level", "hours", "finished_on"],
    ["applicant_id", "position", "occupation", "finished_on", "started_on"],
)
_CHILD_TABLES = (EducationRow.__table__, WorkPeriodRow.__table__, CertificateRow.__table__, TitleRow.__table__,
                 TrainingRow.__table__, ApprenticeshipRow.__table__)


def new_children() -> tuple[list, ...]:
    """Empty lists for :func:`add_child_tuples`, one per kind of record."""
    return tuple([] for _ in CHILD_KEYS)


class IsoDates(dict):
    """``date`` -> its stored text (``None`` stays ``None``, or becomes ``none``), each distinct date formatted
    once: child tuples made in SQLite's storage format (:func:`add_child_tuples` with ``day``)."""

    def __init__(self, none=None):
        super().__init__()
        self.none = none

    def __missing__(self, key):
        value = self[key] = self.none if key is None else key.isoformat()
        return value


def date_as_is(value):
    """The ``day`` of the child-tuple builders that binds each date as it is (databases other than SQLite)."""
    return value


def add_child_tuples(out: tuple[list, ...], pk: int, applicant: Applicant, day=date_as_is) -> None:
    """Append the applicant's records as tuples in :data:`CHILD_KEYS` order (the bulk path).  ``day`` maps
    each date to what is bound: ``IsoDates().__getitem__`` gives SQLite's stored text at once (then insert
    with ``insert_children(…, stored=True)``), the default keeps the ``date`` (other databases)."""
    for rows, kind, make in zip(out, CHILD_KINDS, _KIND_ROWS):
        kept = getattr(applicant, kind)
        if kept:
            make(rows.append, ((pk, kept),), day)


#: the record kinds in :data:`CHILD_KEYS` order (the Applicant fields they come from)
CHILD_KINDS = ("education", "work", "certificates", "titles", "training", "apprenticeships")


# One kind of record's rows for ``(applicant pk, its records of the kind)`` pairs, each handed to ``add`` as a tuple
# in CHILD_KEYS order (``list.append``: rows; ``list.extend``: one flat list of values, the import's writer thread
# binds slices of it); ``day`` maps each date to what is bound.  (Built a column at a time with attrgetter maps
# and zip they took 1.5-2x longer: a tuple display per record is the cheaper way here.)

def _education_rows(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, e in enumerate(kept):
                add((pk, i, e.school_type.value, e.class_type.value if e.class_type else None, e.school or "",
                     e.major, day(e.graduated_on), bool(e.in_school), bool(e.assessed)))


def _work_rows(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, w in enumerate(kept):
                add((pk, i, w.occupation, w.employer or "", day(w.start), day(w.end), w.end_known))


def _certificate_rows(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, c in enumerate(kept):
                if c.standard:   # a standard's own level word
                    add((pk, i, c.occupation, None, str(c.level), c.standard, day(c.obtained_on), c.number or ""))
                else:
                    add((pk, i, c.occupation, c.level, None, "", day(c.obtained_on), c.number or ""))


def _title_rows(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, t in enumerate(kept):
                add((pk, i, t.grade.value, t.name or "", day(t.obtained_on), t.profession_matches))


def _training_rows(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, t in enumerate(kept):
                add((pk, i, t.occupation, t.level, t.hours, day(t.finished_on)))


def _apprenticeship_rows(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, a in enumerate(kept):
                add((pk, i, a.occupation, day(a.finished_on), day(a.started_on)))


_KIND_ROWS = (_education_rows, _work_rows, _certificate_rows, _title_rows, _training_rows, _apprenticeship_rows)


def kind_tuples(slot: int, owned: Iterable[tuple[int, tuple]], day=date_as_is) -> list[tuple]:
    """The rows of one kind of record (``slot`` in :data:`CHILD_KINDS`) for ``(applicant pk, its records of that
    kind)`` pairs, in order, as tuples in :data:`CHILD_KEYS` order (``day`` as in :func:`add_child_tuples`):
    an import writes each kind as soon as its sheet is checked."""
    out: list[tuple] = []
    _KIND_ROWS[slot](out.append, owned, day)
    return out


# The same rows for SQLite's flat inserts, each value in a form the driver binds at once: a flag as the 0 or 1 SQLite
# stores for it, and a missing date or text as FLAT_NULL, which the statement turns back into NULL
# (``NULLIF(?, char(0))``, the columns of KIND_NULLS).  The driver binds an exact int or str at once, a bool or None
# only after a failed look-up for an adapter (~0.3 µs a value in the import's writer thread, which holds the GIL
# for it: 250,000 flags and 160,000 missing values in the benchmark workbook).

#: what a flat row holds for a missing date or text (NUL: no stored text holds one — the text policy refuses
#: control characters — and a date is ISO text); the statement stores NULL for it
FLAT_NULL = "\x00"


def _education_flat(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, e in enumerate(kept):
                add((pk, i, e.school_type.value, e.class_type.value if e.class_type else FLAT_NULL, e.school or "",
                     e.major, day(e.graduated_on), 1 if e.in_school else 0, 1 if e.assessed else 0))


def _work_flat(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, w in enumerate(kept):
                known = w.end_known
                add((pk, i, w.occupation, w.employer or "", day(w.start), day(w.end),
                     (1 if known else 0) if known.__class__ is bool else known))


def _certificate_flat(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, c in enumerate(kept):
                if c.standard:   # a standard's own level word (its national level stays None: bound as such)
                    add((pk, i, c.occupation, None, str(c.level), c.standard, day(c.obtained_on), c.number or ""))
                else:
                    add((pk, i, c.occupation, c.level, FLAT_NULL, "", day(c.obtained_on), c.number or ""))


def _title_flat(add, owned, day) -> None:
    for pk, kept in owned:
        if kept:
            for i, t in enumerate(kept):
                matches = t.profession_matches
                add((pk, i, t.grade.value, t.name or "", day(t.obtained_on),
                     (1 if matches else 0) if matches.__class__ is bool else matches))


_KIND_FLAT = (_education_flat, _work_flat, _certificate_flat, _title_flat, _training_rows, _apprenticeship_rows)
#: per kind, the columns (positions in CHILD_KEYS) where a flat row holds FLAT_NULL for NULL: the text and date
#: columns that may be missing
KIND_NULLS = (frozenset({3, 6}), frozenset({4, 5}), frozenset({4, 6}), frozenset({4}), frozenset({5}),
              frozenset({3, 4}))


def kind_values(slot: int, owned: Iterable[tuple[int, tuple]], day) -> list:
    """:func:`kind_tuples`' rows as one flat list of values, row after row, each flag as SQLite's 0 or 1 and each
    missing text or date in :data:`KIND_NULLS` as :data:`FLAT_NULL` (``day``: ``IsoDates(FLAT_NULL).__getitem__``),
    for :func:`insert_kind` with ``flat`` (SQLite): the writer thread binds slices of it, and no tuple per row is
    kept, flattened and freed."""
    out: list = []
    _KIND_FLAT[slot](out.extend, owned, day)
    return out


def insert_kind(session: Session, slot: int, rows: list, stored: bool = False, per_statement: int = 0,
                flat: bool = False) -> None:
    """Insert rows made by :func:`kind_tuples` (``stored``: made with SQLite's date text; ``per_statement`` as
    for :func:`bulk.insert`), or by :func:`kind_values` with ``flat`` (SQLite, stored; its FLAT_NULLs stored as
    NULL)."""
    if rows:
        bulk.insert(session, _CHILD_TABLES[slot], rows, keys=CHILD_KEYS[slot], stored=stored,
                    per_statement=per_statement, flat=flat, nulls=KIND_NULLS[slot] if flat else ())


def insert_children(session: Session, rows: tuple[list, ...], stored: bool = False) -> None:
    """Insert tuples made by :func:`add_child_tuples` (``stored``: made with SQLite's date text)."""
    for table, keys, values in zip(_CHILD_TABLES, CHILD_KEYS, rows):
        if values:
            bulk.insert(session, table, values, keys=keys, stored=stored)


def delete_children(session: Session, applicant_pks: list[int]) -> None:
    for table in _CHILD_TABLES:
        for i in range(0, len(applicant_pks), CHUNK):
            session.execute(delete(table).where(table.c.applicant_id.in_(applicant_pks[i:i + CHUNK])))


def bulk_update_heads(session: Session, rows: list[dict]) -> None:
    """Update applicants' own fields and bump their version (``rows``: pk, code, name, extra)."""
    table = ApplicantRow.__table__
    stmt = (update(table).where(table.c.id == bindparam("pk"))
            .values(code=bindparam("code"), name=bindparam("name"), extra=bindparam("extra"),
                    birth_date=bindparam("birth_date"),
                    updated_at=bindparam("now"), version_id=table.c.version_id + 1))
    import json

    now = utcnow()
    session.connection().execute(stmt, [{**r, "now": now, "extra": json.loads(r["extra"]) if isinstance(r["extra"], bulk.RawJSON)
                                          else r["extra"]} for r in rows])


# --- reading -------------------------------------------------------------------------------------------

def _certificate(occupation, level, word, standard, obtained, number) -> Certificate:
    if standard:
        return Certificate(occupation, word or "", obtained, number or "", standard)
    return Certificate(occupation, level, obtained, number or "")


def applicant_from_parts(head, edus, works, certs, titles, training=(), apprenticeships=()) -> Applicant:
    """From rows with attribute access (ORM rows) to an :class:`Applicant`."""
    return Applicant(
        id=head.code, name=head.name, id_number=head.id_number,
        education=tuple(Education(school_type=_SCHOOL[e.school_type], major=e.major, graduated_on=e.graduated_on,
                                  in_school=bool(e.in_school), class_type=_CLASS[e.class_type] if e.class_type else None,
                                  assessed=bool(e.assessed), school=e.school or "") for e in edus),
        work=tuple(WorkPeriod(occupation=w.occupation, start=w.start, end=w.end, employer=w.employer or "",
                              end_known=w.end_known is not False) for w in works),
        certificates=tuple(_certificate(c.occupation, c.level, c.level_word, c.standard, c.obtained_on, c.number)
                           for c in certs),
        titles=tuple(Title(grade=_GRADE[t.grade], obtained_on=t.obtained_on, profession_matches=t.profession_matches,
                           name=t.name or "") for t in titles),
        extra=dict(head.extra or {}),
        birth_date=head.birth_date,
        training=tuple(Training(t.occupation, t.level, t.hours, t.finished_on) for t in training),
        apprenticeships=tuple(Apprenticeship(a.occupation, a.finished_on, a.started_on) for a in apprenticeships),
    )


def applicant_from_row(row: ApplicantRow) -> Applicant:
    return applicant_from_parts(row, row.education, row.work, row.certificates, row.titles, row.training,
                                row.apprenticeships)


#: the applicants of a batch, for ``… IN :ids`` (one query instead of chunks of listed ids)
IN_BATCH = "(SELECT applicant_id FROM application WHERE batch_id = :batch)"


def plain_rows(session: Session, sql: str, ids: list[int] | None, batch_id: int | None = None,
               span: tuple[int, int] | None = None):
    """Plain tuples from ``sql`` (which ends in a ``WHERE … IN :ids`` clause or has ``:ids`` removed when ids is
    None), in chunks; with ``batch_id``, ``:ids`` are the batch's applicants, in one query (a list: no generator
    step per row); with ``span`` (lo, hi), the keys lo…hi (``IN :ids`` becomes ``BETWEEN``: one range scan).
    On SQLite the driver is used directly: values come back as stored (dates as text)."""
    if batch_id is not None or span is not None:
        from eligibility_desk.persistence.queries import plain

        if batch_id is not None:
            return plain(session, sql.replace(":ids", IN_BATCH), {"batch": batch_id})
        return plain(session, sql.replace("IN :ids", "BETWEEN :lo AND :hi"), {"lo": span[0], "hi": span[1]})
    return _chunked_rows(session, sql, ids)


def _chunked_rows(session: Session, sql: str, ids: list[int] | None):
    from sqlalchemy import bindparam, text

    if ids is None:
        sql = sql.split(" WHERE ")[0] + (" ORDER BY " + sql.split(" ORDER BY ")[1] if " ORDER BY " in sql else "")
        chunks = [None]
    else:
        chunks = [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
    sqlite = bulk.is_sqlite(session)
    for chunk in chunks:
        if sqlite:
            query = sql if chunk is None else sql.replace(":ids", "(" + ",".join("?" * len(chunk)) + ")")
            cursor = bulk.raw_cursor(session)
            try:
                cursor.execute(query, tuple(chunk or ()))
                yield from cursor.fetchall()
            finally:
                cursor.close()
        elif chunk is None:
            yield from session.execute(text(sql))
        else:
            yield from session.execute(text(sql).bindparams(bindparam("ids", expanding=True)), {"ids": chunk})


def _extra(value) -> dict:
    if not value or value == "{}":
        return {}
    if isinstance(value, str):
        return bulk.loads(value)
    return dict(value)


class _Dates(dict):
    """Stored date -> ``date``, each distinct text parsed once (a few thousand distinct dates in 300,000
    records); ``None`` stays ``None``."""

    def __missing__(self, key):
        value = self[key] = bulk.parse_date(key)
        return value


#: the queries an applicant is read back with, a record kind each and the applicant's own row (``:ids`` as
#: :func:`plain_rows` binds it): :func:`load_applicants` makes the domain objects from their rows, and
#: ``audit_verify.stored_snapshots`` the snapshot documents — the same columns, read alike
EDUCATION_ROWS = ("SELECT applicant_id, school_type, class_type, school, major, graduated_on, in_school, assessed "
                  "FROM education WHERE applicant_id IN :ids ORDER BY applicant_id, position")
WORK_ROWS = ('SELECT applicant_id, occupation, employer, start, "end", end_known FROM work_period '
             "WHERE applicant_id IN :ids ORDER BY applicant_id, position")
CERTIFICATE_ROWS = ("SELECT applicant_id, occupation, level, level_word, standard, obtained_on, number "
                    "FROM certificate WHERE applicant_id IN :ids ORDER BY applicant_id, position")
TRAINING_ROWS = ("SELECT applicant_id, occupation, level, hours, finished_on FROM training "
                 "WHERE applicant_id IN :ids ORDER BY applicant_id, position")
APPRENTICESHIP_ROWS = ("SELECT applicant_id, occupation, finished_on, started_on FROM apprenticeship "
                       "WHERE applicant_id IN :ids ORDER BY applicant_id, position")
TITLE_ROWS = ("SELECT applicant_id, grade, name, obtained_on, profession_matches FROM title "
              "WHERE applicant_id IN :ids ORDER BY applicant_id, position")
APPLICANT_ROWS = "SELECT id, code, name, id_number, extra, birth_date FROM applicant WHERE id IN :ids ORDER BY id"


def load_applicants(session: Session, pks: Iterable[int] | None = None, batch_id: int | None = None,
                    span: tuple[int, int] | None = None) -> dict[int, Applicant]:
    """Many applicants with all their records, by primary key, in five plain queries: those of ``pks``, or the
    applicants of batch ``batch_id``, or those with keys in ``span`` (lo, hi), or all when all are None.

    Records are made with ``from_fields`` (the same frozen instances as their constructors make, in half the
    time) and each distinct date is parsed once: this reads a 100,000-applicant batch for screening."""
    ids = None if pks is None else sorted(set(pks))
    d = _Dates()
    school, klass, grade = _SCHOOL, _CLASS, _GRADE
    new_education, new_work = Education.from_fields, WorkPeriod.from_fields
    new_certificate, new_title = Certificate.from_fields, Title.from_fields
    edus: dict[int, list] = defaultdict(list)
    for a, st, ct, school_name, major, grad, ins, assessed in plain_rows(session, EDUCATION_ROWS, ids, batch_id, span):
        edus[a].append(new_education(school[st], major, d[grad], bool(ins), klass[ct] if ct else None, bool(assessed),
                                     school_name or ""))
    works: dict[int, list] = defaultdict(list)
    for a, occ, employer, start, end, known in plain_rows(session, WORK_ROWS, ids, batch_id, span):
        if known or known is None:
            works[a].append(new_work(occ, d[start], d[end], employer or "", True))
        else:
            works[a].append(new_work(occ, d[start], None, employer or "", False))
    certs: dict[int, list] = defaultdict(list)
    for a, occ, level, word, standard, obtained, number in plain_rows(session, CERTIFICATE_ROWS, ids, batch_id, span):
        if standard:
            certs[a].append(new_certificate(occ, word or "", d[obtained], number or "", standard))
        else:
            certs[a].append(new_certificate(occ, level, d[obtained], number or "", ""))
    training: dict[int, list] = defaultdict(list)
    for a, occ, level, hours, finished in plain_rows(session, TRAINING_ROWS, ids, batch_id, span):
        training[a].append(Training(occ, level, hours, d[finished]))
    apprenticeships: dict[int, list] = defaultdict(list)
    for a, occ, finished, started in plain_rows(session, APPRENTICESHIP_ROWS, ids, batch_id, span):
        apprenticeships[a].append(Apprenticeship(occ, d[finished], d[started]))
    titles: dict[int, list] = defaultdict(list)
    for a, grade_value, name, obtained, matches in plain_rows(session, TITLE_ROWS, ids, batch_id, span):
        titles[a].append(new_title(grade[grade_value], d[obtained], None if matches is None else bool(matches),
                                   name or ""))
    empty = ()
    out = {}
    new_applicant = Applicant.from_fields
    edus_get, works_get, certs_get, titles_get = edus.get, works.get, certs.get, titles.get
    training_get, apprenticeships_get = training.get, apprenticeships.get
    for pk, code, name, id_number, extra, born in plain_rows(session, APPLICANT_ROWS, ids, batch_id, span):
        out[pk] = new_applicant(code, name, id_number, tuple(edus_get(pk, empty)), tuple(works_get(pk, empty)),
                                tuple(certs_get(pk, empty)), tuple(titles_get(pk, empty)), _extra(extra), d[born],
                                tuple(training_get(pk, empty)), tuple(apprenticeships_get(pk, empty)))
    return out


def fill_row(row: ApplicantRow, applicant: Applicant) -> None:
    """Replace an ORM row's fields and records with the applicant's (used by single saves)."""
    row.code = applicant.id
    row.name = applicant.name
    row.id_number = applicant.id_number
    row.extra = dict(applicant.extra or {})
    row.birth_date = applicant.birth_date
    row.updated_at = utcnow()
    edu, work, certs, titles, training, apprenticeships = child_values(0, applicant)
    row.education = [EducationRow(**{k: v for k, v in e.items() if k != "applicant_id"}) for e in edu]
    row.work = [WorkPeriodRow(**{k: v for k, v in w.items() if k != "applicant_id"}) for w in work]
    row.certificates = [CertificateRow(**{k: v for k, v in c.items() if k != "applicant_id"}) for c in certs]
    row.titles = [TitleRow(**{k: v for k, v in t.items() if k != "applicant_id"}) for t in titles]
    row.training = [TrainingRow(**{k: v for k, v in t.items() if k != "applicant_id"}) for t in training]
    row.apprenticeships = [ApprenticeshipRow(**{k: v for k, v in a.items() if k != "applicant_id"})
                           for a in apprenticeships]


def existing_by_id_number(session: Session) -> dict[str, tuple[int, int]]:
    """id_number -> (pk, version) of every applicant on file."""
    from eligibility_desk.persistence.queries import plain

    return {number: (pk, version) for number, pk, version in plain(session, "SELECT id_number, id, version_id FROM applicant")}
