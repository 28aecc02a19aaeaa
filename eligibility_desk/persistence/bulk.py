"""Bulk paths for large batches: ``executemany`` inserts and plain-tuple reads.

On SQLite these go straight to the driver with values already in SQLAlchemy's storage formats (dates as
``YYYY-MM-DD``, times as ``YYYY-MM-DD HH:MM:SS.ffffff``, JSON as text, booleans as 0/1) — the per-value
type processing of Core costs more than the database work at 100,000 rows.  Other databases use Core
``insert()`` executemany (their drivers adapt dates natively).  Both produce rows the ORM reads back the same.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from itertools import chain
from operator import itemgetter

from sqlalchemy import JSON, Boolean, Date, DateTime, Table
from sqlalchemy.orm import Session


#: rows per INSERT statement of a bulk insert on SQLite (``VALUES (…), (…), …``): 1.3–2× less CPU than one
#: row per statement for record, audit and application rows — but 1.5× *more* for a table with a UNIQUE index
#: over random keys (the applicants' ID numbers), measured with SQLite 3.40; that table costs the same at one
#: row per statement and at 1,000 or more (100,000 heads: 0.43–0.45 s, 0.46–0.51 s, 0.39–0.45 s at 4,000;
#: 0.58 s at 200), so the import's writer thread inserts it at 1,000 like the rest
ROWS_PER_STATEMENT = 25
#: parameters one statement may bind (SQLite's limit is 32,766 since 3.32, 999 before)
MAX_PARAMETERS = 999


class RawJSON(str):
    """A JSON document already serialised (so bulk inserts do not serialise it again)."""


def _default(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default)


def applicant_snapshot(applicant) -> dict:
    """An applicant in the audit trail's shape: every dataclass field in order, records as dicts (enums and
    dates stay objects: the encoder writes their value / ISO text).  The same document orjson writes for
    the dataclass itself, made ~25 % faster (orjson reads slots dataclasses field by field)."""
    education, work, certificates, titles = (applicant.education, applicant.work, applicant.certificates,
                                              applicant.titles)
    training, apprenticeships = applicant.training, applicant.apprenticeships
    # each list made only when there are records (most applicants have none of several kinds)
    return {
        "id": applicant.id, "name": applicant.name, "id_number": applicant.id_number,
        "education": [{"school_type": e.school_type, "major": e.major, "graduated_on": e.graduated_on,
                       "in_school": e.in_school, "class_type": e.class_type, "assessed": e.assessed,
                       "school": e.school} for e in education] if education else [],
        "work": [{"occupation": w.occupation, "start": w.start, "end": w.end, "employer": w.employer,
                  "end_known": w.end_known} for w in work] if work else [],
        "certificates": [{"occupation": c.occupation, "level": c.level, "obtained_on": c.obtained_on,
                          "number": c.number, "standard": c.standard} for c in certificates] if certificates else [],
        "titles": [{"grade": t.grade, "obtained_on": t.obtained_on, "profession_matches": t.profession_matches,
                    "name": t.name} for t in titles] if titles else [],
        "extra": applicant.extra,
        "birth_date": applicant.birth_date,
        "training": [{"occupation": t.occupation, "level": t.level, "hours": t.hours, "finished_on": t.finished_on}
                     for t in training] if training else [],
        "apprenticeships": [{"occupation": a.occupation, "finished_on": a.finished_on, "started_on": a.started_on}
                            for a in apprenticeships] if apprenticeships else [],
    }


try:  # orjson serialises traces and audit snapshots ~5x faster (import benchmark); json is the fallback
    import orjson

    def dumps_text(value) -> str:
        return orjson.dumps(value, default=_default).decode()

    def dumps_bytes(value) -> bytes:
        return orjson.dumps(value, default=_default)

    loads = orjson.loads
except ImportError:  # pragma: no cover - orjson is a dependency, but the stdlib suffices
    def dumps_text(value) -> str:
        """Serialise once, with one shared encoder (``json.dumps`` with options builds a new one per call)."""
        return _ENCODER.encode(value)

    def dumps_bytes(value) -> bytes:
        return _ENCODER.encode(value).encode()

    loads = json.loads


def dumps(value) -> RawJSON:
    return RawJSON(dumps_text(value))


def applicant_json(applicant) -> str:
    """An applicant as interchange-shaped JSON text (:func:`applicant_snapshot`), for ``json_text`` inserts."""
    return dumps_text(applicant_snapshot(applicant))


try:  # msgspec writes the Applicant dataclass itself as the same bytes, ~1.8x faster than the dict + orjson
    from msgspec.json import Encoder as _Encoder

    _encode_dataclass = _Encoder().encode
except ImportError:  # pragma: no cover - msgspec is a dependency
    _encode_dataclass = None

#: floats from here on are written with an exponent, as ``1e+16`` by orjson and ``1e16`` by msgspec
_EXPONENT = 1e16


def _same_in_msgspec(applicant) -> bool:
    """Whether msgspec writes ``applicant`` exactly as orjson writes its snapshot: the same field order, enum
    values, ISO dates and string escapes (every code point compared), and the same numbers — but for floats
    of 1e16 and more (training hours) and ``extra`` values that are not text (sets: orjson's writer sorts
    them), which take the dict."""
    extra = applicant.extra
    if extra:
        for key, value in extra.items():
            if key.__class__ is not str or value.__class__ is not str:
                return False
    training = applicant.training
    if training:
        for t in training:
            hours = t.hours
            if (hours.__class__ is not int and hours.__class__ is not float) or not -_EXPONENT < hours < _EXPONENT:
                return False
    return True


def applicant_json_bytes(applicant) -> bytes:
    """:func:`applicant_json` as UTF-8 bytes (what :func:`audit.insert_sealed` hashes, without encoding again;
    the canonical bytes of an import's snapshot digests).  msgspec encodes the dataclass where it gives the
    very same bytes (:func:`_same_in_msgspec`; tests compare the two), else the snapshot dict goes through
    orjson."""
    if _encode_dataclass is not None and _same_in_msgspec(applicant):
        return _encode_dataclass(applicant)
    return dumps_bytes(applicant_snapshot(applicant))


def dumps_applicant(applicant) -> RawJSON:
    """An applicant as interchange-shaped JSON (the dataclass fields, enum values, ISO dates)."""
    return RawJSON(applicant_json(applicant))


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _kinds(table: Table, keys: list[str]) -> tuple[list[int], list[int], list[int], list[int]]:
    """Positions of the date, datetime, JSON and boolean columns among ``keys``."""
    dates, stamps, docs, flags = [], [], [], []
    for i, key in enumerate(keys):
        kind = table.c[key].type
        if isinstance(kind, DateTime):
            stamps.append(i)
        elif isinstance(kind, Date):
            dates.append(i)
        elif isinstance(kind, JSON):
            docs.append(i)
        elif isinstance(kind, Boolean):
            flags.append(i)
    return dates, stamps, docs, flags


def insert(session: Session, table: Table, rows: list, keys: list[str] | None = None, same: dict | None = None,
           json_text: bool = False, stored: bool = False, per_statement: int = 0, flat: bool = False,
           nulls=()) -> None:
    """Insert many rows in one ``executemany``: dicts with the same keys, or tuples in the order of ``keys``.

    ``same`` maps columns whose value is the same in every row (a run id, a timestamp) to that value: it is
    converted once and added to every row, so callers need not repeat it per row.  With ``json_text`` the
    rows' JSON columns hold documents already serialised, as plain ``str`` (or ``None``): SQLite stores
    them as they are (no ``RawJSON`` wrapper to make and unwrap per value).  With ``stored`` (SQLite, tuples
    only) the rows' dates are already their stored text and booleans ``bool`` (bound as 0/1): nothing is
    converted.  ``per_statement``: rows per INSERT on SQLite (default :data:`ROWS_PER_STATEMENT`), as many as
    fit in the connection's limit of bound parameters (:func:`parameter_limit`).

    ``flat``: ``rows`` is one list of values, ``len(keys)`` per row, row after row, as ``stored`` (SQLite; on
    other databases it is cut into tuples first): each statement binds a slice of it — no tuple per row to
    make, flatten and free in the thread that binds (the import's writer thread, which holds the GIL for it).
    ``nulls``: positions among ``keys`` whose value ``"\\x00"`` (``applicants.FLAT_NULL``) stands for NULL —
    the driver binds a ``str`` at once, ``None`` only after a failed adapter look-up."""
    if not rows:
        return
    if flat:
        if is_sqlite(session) and keys and _insert_flat(session, table, rows, keys, same, per_statement, nulls):
            return
        if nulls:
            rows = [None if value == "\x00" and i % len(keys) in nulls else value for i, value in enumerate(rows)]
        rows = list(zip(*[iter(rows)] * len(keys)))   # row tuples, the general path
    if keys is not None:
        if not is_sqlite(session):
            rows = [dict(zip(keys, row)) for row in rows]
            keys = None
        else:
            getter = tuple
    if keys is None:
        keys = list(rows[0])
        getter = itemgetter(*keys) if len(keys) > 1 else (lambda row, k=keys[0]: (row[k],))
    if not is_sqlite(session):
        if same:
            rows = [{**row, **same} for row in rows]
        json_keys = [k for k in [*keys, *(same or ())] if isinstance(table.c[k].type, JSON)]
        if json_keys:
            rows = [{**row, **{k: json.loads(str(row[k])) for k in json_keys
                               if isinstance(row[k], RawJSON) or (json_text and row[k] is not None)}}
                    for row in rows]
        session.execute(table.insert(), rows)
        return
    values = rows if stored and getter is tuple else _stored_values(table, keys, rows, getter, json_text)
    marks = ["?"] * len(keys)
    if same:
        tail = tuple(_stored_values(table, list(same), [tuple(same.values())], tuple)[0])
        literals = [_literal(value) for value in tail]
        if None in literals:  # a value that cannot be written as a literal safely: bound in every row
            values = [(*row, *tail) for row in values]
            marks += ["?"] * len(tail)
        else:  # written once into the statement (stored the same as bound): no longer tuple made per row
            marks += literals
        keys = [*keys, *same]
    columns = ", ".join(f'"{k}"' for k in keys)
    marks = "(" + ", ".join(marks) + ")"
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES '
    cursor = raw_cursor(session)
    try:
        # ROWS_PER_STATEMENT rows per INSERT: the driver's per-statement work (step, reset, a call per row)
        # is a third of executemany's CPU for narrow rows; the rows are inserted in the same order (same keys)
        per = per_statement or ROWS_PER_STATEMENT
        bound = len(values[0]) if values else 0
        if per > 1 and bound * per > MAX_PARAMETERS:
            per = max(1, min(per, parameter_limit(cursor.connection) // bound))
        grouped = per > 1 and bound and len(values) >= 2 * per
        whole = len(values) // per * per if grouped else 0
        if whole:
            rows = chain.from_iterable
            cursor.executemany(sql + ", ".join([marks] * per),
                               [tuple(rows(values[i:i + per])) for i in range(0, whole, per)])
        if whole < len(values):
            cursor.executemany(sql + marks, values[whole:] if whole else values)
    finally:
        cursor.close()


def _insert_flat(session: Session, table: Table, values: list, keys: list[str], same: dict | None,
                 per_statement: int, nulls=()) -> bool:
    """:func:`insert` of a flat list (SQLite): statements of ``per_statement`` rows (as the parameter limit allows),
    the last one of the rows left.  ``False`` (nothing done) when a ``same`` value cannot be a literal."""
    width = len(keys)
    if len(values) % width:
        raise ValueError(f"{len(values)} values are not rows of {width}")
    marks = ["NULLIF(?, char(0))" if i in nulls else "?" for i in range(width)]   # char(0): the "\x00" of FLAT_NULL
    if same:
        tail = tuple(_stored_values(table, list(same), [tuple(same.values())], tuple)[0])
        literals = [_literal(value) for value in tail]
        if None in literals:
            return False
        marks += literals
        keys = [*keys, *same]
    columns = ", ".join(f'"{k}"' for k in keys)
    marks = "(" + ", ".join(marks) + ")"
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES '
    count = len(values) // width
    cursor = raw_cursor(session)
    try:
        per = max(1, min(per_statement or ROWS_PER_STATEMENT, parameter_limit(cursor.connection) // width))
        whole, step = count // per * per, per * width
        if whole:
            cursor.executemany(sql + ", ".join([marks] * per), [values[i:i + step] for i in range(0, whole * width, step)])
        if whole < count:
            cursor.execute(sql + ", ".join([marks] * (count - whole)), values[whole * width:])
    finally:
        cursor.close()
    return True


def parameter_limit(connection) -> int:
    """How many parameters one statement may bind on this sqlite3 connection (32,766 since SQLite 3.32 unless
    built otherwise; :data:`MAX_PARAMETERS` where Python cannot ask)."""
    try:
        import sqlite3

        return connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except Exception:   # Python < 3.11 (no getlimit)
        return MAX_PARAMETERS


def _literal(value) -> str | None:
    """A value in SQLite's storage format as an SQL literal that stores exactly what binding it stores (an
    integer, NULL, or printable text quoted), else ``None``."""
    if value is None:
        return "NULL"
    if value.__class__ is int:
        return str(value)
    if value.__class__ is str and value.isprintable():  # no NUL or other control character
        return "'" + value.replace("'", "''") + "'"
    return None


def _stored_values(table: Table, keys: list[str], rows: list, getter, json_text: bool = False) -> list[tuple]:
    """Rows as tuples of values in SQLite's storage formats, converted column by column: each distinct date
    or time is formatted once, and columns that need nothing are not touched."""
    values = list(map(getter, rows))
    dates, stamps, docs, flags = _kinds(table, keys)
    if json_text:
        docs = []
    if not (dates or stamps or docs or flags) or not values:
        return values
    columns = list(zip(*values))
    for i in dates:  # dates repeat (a few thousand distinct ones in 300,000 records): each formatted once
        texts = {v: v.isoformat() for v in set(columns[i]) if v is not None}
        columns[i] = list(map(texts.get, columns[i]))
    for i in stamps:  # a bulk insert stamps every row with the same time
        texts = {v: v.strftime("%Y-%m-%d %H:%M:%S.%f") for v in set(columns[i]) if v is not None}
        columns[i] = list(map(texts.get, columns[i]))
    for i in docs:  # bound as exact str: the driver binds a str subclass through its adapter look-ups (2x slower)
        columns[i] = [v if v is None else str(v if isinstance(v, RawJSON) else dumps(v)) for v in columns[i]]
    for i in flags:
        columns[i] = [None if v is None else 1 if v else 0 for v in columns[i]]
    return list(zip(*columns))


def raw_cursor(session: Session):
    """A DB-API cursor on the session's connection (inside its transaction)."""
    return session.connection().connection.dbapi_connection.cursor()


def parse_date(text, _fromiso=date.fromisoformat) -> date | None:
    """A date as SQLite returns it to a raw query (text), or as other drivers do (date)."""
    if text is None or text.__class__ is date:
        return text
    return _fromiso(text)
