"""The audit trail: one row per create/update/delete of applicant data, per screening, per decision.

``before`` and ``after`` are JSON snapshots (applicants in interchange form); ``None`` where there is no
before (create) or after (delete).  Rows are only ever inserted.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Iterable

from sqlalchemy.orm import Session

from eligibility_desk.persistence.models import AuditRow, utcnow


def jsonable(value: Any) -> Any:
    """Dates to ISO text, tuples and sets to lists — JSON columns take the result as is."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(jsonable(v) for v in value)
    return value


def record(session: Session, user: str, entity: str, entity_id: int | None, action: str,
           before: Any = None, after: Any = None) -> None:
    session.execute(AuditRow.__table__.insert(), [{
        "at": utcnow(), "user": user, "entity": entity, "entity_id": entity_id, "action": action,
        "before": jsonable(before) if before is not None else None,
        "after": jsonable(after) if after is not None else None,
    }])


def record_many(session: Session, rows: list[dict]) -> None:
    """Bulk form: ``rows`` of user, entity, entity_id, action, before, after (already JSON-able)."""
    if not rows:
        return
    from eligibility_desk.persistence import bulk

    now = utcnow()
    bulk.insert(session, AuditRow.__table__, [{"at": now, **r} for r in rows])


# --- the chain ------------------------------------------------------------------------------------------
#
# Rows are inserted unsealed; :func:`seal` runs at the end of every write transaction (Database.writing) and
# gives each new row, in id order, the next place in the chain (``seq``), the previous row's hash and its own:
# sha256 over the previous hash, its place and every column as stored (JSON as its stored text).  Changing
# any sealed row, deleting one or inserting one by hand breaks the chain at that row, which :func:`verify`
# reports.  On PostgreSQL the sealing takes a transaction-level advisory lock, so the chain follows the order
# transactions commit in; SQLite has one writer at a time anyway.

GENESIS = "0" * 64
_LOCK_KEY = 0x6564_6175_6469_74   # "edaudit": pg_advisory_xact_lock's key for sealing


def _digest(prev: str, seq: int, at: str, user, entity, entity_id, action, before, after) -> str:
    parts = [prev, str(seq), at, user or "", entity or "", "" if entity_id is None else str(entity_id), action or "",
             before or "", after or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def row_hash(prev: str, seq: int, row) -> str:
    """The hash of one audit row as read back (the same rule as migration 0007 uses for the rows it seals)."""
    at = row.at.isoformat() if hasattr(row.at, "isoformat") else str(row.at)
    return _digest(prev, seq, at, row.user, row.entity, row.entity_id, row.action, row.before, row.after)


def _chain_end(session: Session) -> tuple[int, str]:
    """Lock the chain for this transaction (PostgreSQL) and return its last place and hash."""
    from sqlalchemy import select, text

    t = AuditRow.__table__
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    last = session.execute(select(t.c.seq, t.c.row_hash).where(t.c.seq.is_not(None))
                           .order_by(t.c.seq.desc()).limit(1)).first()
    return (last.seq, last.row_hash) if last is not None else (0, GENESIS)


def insert_sealed(session: Session, rows: Iterable[tuple], at, user: str) -> None:
    """Bulk rows ``(entity, entity_id, action, before_json, after_json)`` — the JSON as text or as UTF-8
    bytes — inserted already chained (the import's tens of thousands of rows: hashing the text in hand is much
    cheaper than reading it back).  ``rows`` may be a generator: each row is turned into its stored form as
    it comes, so bytes made for it are freed at once."""
    from eligibility_desk.persistence import bulk

    seal(session)                      # rows this transaction added before come first in the chain
    seq, prev = _chain_end(session)
    out = []
    if bulk.is_sqlite(session):
        # SQLite stores the text as given: the hash is taken over the bytes in hand, joined as _digest joins
        # its parts (one encode of the row's fixed parts, none of the documents)
        sha256, stamp = hashlib.sha256, (at.isoformat() + "\x1f" + (user or "")).encode()
        join, encoded = b"\x1f".join, {}
        for entity, entity_id, action, before, after in rows:
            seq += 1
            before_b = b"" if before is None else before if before.__class__ is bytes else before.encode()
            after_b = b"" if after is None else after if after.__class__ is bytes else after.encode()
            kind = encoded.get((entity, action))
            if kind is None:
                kind = encoded[entity, action] = ((entity or "").encode(), (action or "").encode())
            digest = sha256(join((prev.encode(), b"%d" % seq, stamp, kind[0],
                                  b"" if entity_id is None else b"%d" % entity_id, kind[1], before_b,
                                  after_b))).hexdigest()
            # stored as str: orjson's bytes are over-allocated (~4 KB each), 50,000 of them kept until the
            # insert cost 200 MB (binding them as bytes with CAST(? AS TEXT) was tried: same CPU, more memory)
            out.append((entity, entity_id, action, before if before.__class__ is not bytes else before.decode(),
                        after if after.__class__ is not bytes else after.decode(), seq, prev, digest))
            prev = digest
    else:
        # elsewhere bulk.insert hands the parsed document to SQLAlchemy, whose JSON type stores json.dumps of
        # it — None as the document null — and PostgreSQL's json keeps that text: hash what will be stored
        import json

        def stored(text):
            if text.__class__ is bytes:
                text = text.decode()
            return json.dumps(None if text is None else json.loads(text))

        def text_of(value):
            return value.decode() if value.__class__ is bytes else value

        stamp = at.isoformat()
        for entity, entity_id, action, before, after in rows:
            seq += 1
            digest = _digest(prev, seq, stamp, user, entity, entity_id, action, stored(before), stored(after))
            out.append((entity, entity_id, action, text_of(before), text_of(after), seq, prev, digest))
            prev = digest
    bulk.insert(session, AuditRow.__table__, out,
                keys=["entity", "entity_id", "action", "before", "after", "seq", "prev_hash", "row_hash"],
                same={"at": at, "user": user}, json_text=True)


def _columns():
    from sqlalchemy import Text, cast

    t = AuditRow.__table__
    return (t.c.id, t.c.at, t.c.user, t.c.entity, t.c.entity_id, t.c.action, cast(t.c.before, Text).label("before"),
            cast(t.c.after, Text).label("after"))


def seal(session: Session) -> int:
    """Chain the rows this transaction inserted; returns how many were sealed."""
    from sqlalchemy import bindparam, select, update

    t = AuditRow.__table__
    pending = session.execute(select(*_columns()).where(t.c.seq.is_(None)).order_by(t.c.id)).all()
    if not pending:
        return 0
    seq, prev = _chain_end(session)
    updates = []
    for row in pending:
        seq += 1
        digest = row_hash(prev, seq, row)
        updates.append({"rid": row.id, "s": seq, "p": prev, "h": digest})
        prev = digest
    session.execute(update(t).where(t.c.id == bindparam("rid"))
                    .values(seq=bindparam("s"), prev_hash=bindparam("p"), row_hash=bindparam("h")), updates)
    return len(updates)


class ChainReport:
    """What :func:`verify` found: ``rows`` checked, and the first broken link (``None`` when whole)."""

    def __init__(self, rows: int, broken_seq: int | None = None, audit_id: int | None = None, reason: str = ""):
        self.rows, self.broken_seq, self.audit_id, self.reason = rows, broken_seq, audit_id, reason

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(session: Session, chunk: int = 5000) -> ChainReport:
    """Walk the chain in ``seq`` order and recompute every hash.  ``reason`` codes: ``changed`` (a row's content
    no longer matches its hash), ``relinked`` (its ``prev_hash`` is not the previous row's hash), ``missing``
    (a place in the chain is gone: a row deleted), ``unsealed`` (a row outside the chain: inserted by hand)."""
    from sqlalchemy import func, select

    t = AuditRow.__table__
    prev, expected, checked, after = GENESIS, 1, 0, 0
    while True:
        rows = session.execute(select(*_columns(), t.c.seq, t.c.prev_hash, t.c.row_hash)
                               .where(t.c.seq.is_not(None), t.c.seq > after).order_by(t.c.seq).limit(chunk)).all()
        if not rows:
            break
        for row in rows:
            if row.seq != expected:
                return ChainReport(checked, expected, row.id, "missing")
            if row.prev_hash != prev:
                return ChainReport(checked, row.seq, row.id, "relinked")
            if row_hash(prev, row.seq, row) != row.row_hash:
                return ChainReport(checked, row.seq, row.id, "changed")
            prev, expected, checked, after = row.row_hash, expected + 1, checked + 1, row.seq
    stray = session.scalar(select(func.min(t.c.id)).where(t.c.seq.is_(None)))
    if stray is not None:
        return ChainReport(checked, expected, stray, "unsealed")
    return ChainReport(checked)
