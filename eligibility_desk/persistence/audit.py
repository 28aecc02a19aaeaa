"""The audit trail: one row per create/update/delete of applicant data, per screening, per decision.

``before`` and ``after`` are JSON snapshots (applicants in interchange form); ``None`` where there is no
before (create) or after (delete).  Rows are only ever inserted.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Iterable, Sequence

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


# --- import "create" rows: a digest of the snapshot ------------------------------------------------------
#
# An import creates tens of thousands of applicants at once; its own ``batch``/``import`` row says who, when
# and from which file.  Each applicant's ``create`` row then carries, instead of a full copy of the applicant
# (83 of a 135 MB database for 100,000 applicants), the SHA-256 of the canonical snapshot — the orjson text of
# :func:`eligibility_desk.persistence.bulk.applicant_snapshot`, the document every other applicant row stores
# in full.  The chain covers the digest, so it still proves what was created; the snapshot itself is the
# stored applicant until its first update or delete, whose ``before`` is the full snapshot
# (:func:`recover_snapshots`); :func:`verify` recomputes the digest of every applicant not changed since
# (a stored applicant changed behind the desk's back is found).

DIGEST_KEY = "snapshot_sha256"
#: actions that carry an applicant's state (``apply`` rows name a batch, not the applicant's data)
APPLICANT_STATES = ("create", "update", "delete")


def snapshot_digest(document: bytes) -> str:
    """The digest a ``create`` row stores for an applicant snapshot given as its canonical JSON bytes."""
    return hashlib.sha256(document).hexdigest()


#: the ``after`` of an import's create row for a digest given as hex text
_DIGEST_AFTER = '{"' + DIGEST_KEY + '":"%s"}'


def digest_document(document: bytes) -> bytes:
    """The ``after`` JSON of an import's ``create`` row for a snapshot given as canonical JSON bytes."""
    return (_DIGEST_AFTER % hashlib.sha256(document).hexdigest()).encode()


def digest_of(after: Any) -> str | None:
    """The digest an ``after`` document holds, or ``None`` when it is a full snapshot (or nothing)."""
    if isinstance(after, dict) and len(after) == 1:
        value = after.get(DIGEST_KEY)
        return value if isinstance(value, str) else None
    return None


def document_digest(snapshot: dict) -> str:
    """The digest of a snapshot read back as JSON (the ``before`` of an update row): its canonical bytes are
    orjson's text of the same document (keys in the stored order, dates already ISO text)."""
    from eligibility_desk.persistence import bulk

    return snapshot_digest(bulk.dumps_bytes(snapshot))


def _current_snapshots(session: Session, pks: list[int]) -> dict[int, tuple[bytes, str]]:
    """pk -> (canonical snapshot bytes, digest) of stored applicants (a page of the history: few)."""
    from eligibility_desk.persistence import bulk
    from eligibility_desk.persistence.applicants import load_applicants

    out = {}
    for pk, applicant in (load_applicants(session, pks) if pks else {}).items():
        data = bulk.applicant_json_bytes(applicant)
        out[pk] = (data, snapshot_digest(data))
    return out


#: applicants read at a time by :func:`verify`'s digest check (memory stays bounded on a large database)
VERIFY_SLICE = 20_000


def recover_snapshots(session: Session, rows: list[dict]) -> list[dict]:
    """Audit rows as dicts (``id``, ``entity``, ``entity_id``, ``action``, ``after`` …) with each digest-only
    applicant ``create`` row's ``after`` replaced by the snapshot it stands for: the ``before`` of the
    applicant's next update or delete row, else the stored applicant — each only when its digest matches
    (otherwise the row keeps its digest, and :func:`verify` names it).  Recovered rows get ``recovered``
    = ``"next_row"`` or ``"stored"``."""
    from sqlalchemy import select

    from eligibility_desk.persistence import bulk

    wanted = [r for r in rows if r.get("entity") == "applicant" and r.get("action") == "create"
              and digest_of(r.get("after")) is not None]
    if not wanted:
        return rows
    t = AuditRow.__table__
    pks = sorted({r["entity_id"] for r in wanted})
    later: dict[int, list] = {}
    for i in range(0, len(pks), 5000):
        for rid, pk, before in session.execute(
                select(t.c.id, t.c.entity_id, t.c.before)
                .where(t.c.entity == "applicant", t.c.action.in_(("update", "delete")),
                       t.c.entity_id.in_(pks[i:i + 5000])).order_by(t.c.id)):
            later.setdefault(pk, []).append((rid, before))
    following = {}   # create row id -> the before of the applicant's next update/delete row
    for r in wanted:
        following[r["id"]] = next((before for rid, before in later.get(r["entity_id"], ()) if rid > r["id"]), None)
    stored = _current_snapshots(session, sorted({r["entity_id"] for r in wanted if following[r["id"]] is None}))
    out = []
    for row in rows:
        if row.get("id") in following and row.get("entity") == "applicant":
            digest, nxt = digest_of(row.get("after")), following[row["id"]]
            if nxt is not None:
                if isinstance(nxt, dict) and document_digest(nxt) == digest:
                    row = {**row, "after": nxt, "recovered": "next_row"}
            elif row["entity_id"] in stored and stored[row["entity_id"]][1] == digest:
                row = {**row, "after": bulk.loads(stored[row["entity_id"]][0]), "recovered": "stored"}
        out.append(row)
    return out


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


def insert_sealed(session: Session, rows: Iterable[tuple], at, user: str, per_statement: int = 0) -> None:
    """Bulk rows ``(entity, entity_id, action, before_json, after_json)`` — the JSON as text or as UTF-8
    bytes — inserted already chained (the import's tens of thousands of rows: hashing the text in hand is much
    cheaper than reading it back).  ``rows`` may be a generator: each row is turned into its stored form as
    it comes, so bytes made for it are freed at once.  ``per_statement``: as for :func:`bulk.insert`."""
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
                same={"at": at, "user": user}, json_text=True, per_statement=per_statement)


def create_line(at, user: str) -> str:
    """The hashed line of an import's ``create`` row (:func:`_digest`'s parts joined by \x1f: prev, seq, at, user,
    entity, entity_id, action, before — none —, after) as a ``%`` template over ``(prev, seq, entity_id,
    digest)``: its fixed parts joined once."""
    return ("%s\x1f%d\x1f" + (at.isoformat() + "\x1f" + (user or "")).replace("%", "%%")
            + "\x1fapplicant\x1f%d\x1fcreate\x1f\x1f" + _DIGEST_AFTER)


def chain_created(line: str, seq: int, prev: str, pks: Sequence[int], digests: Sequence[str],
                  sha256=hashlib.sha256) -> list[str]:
    """The row hashes of create rows for applicants ``pks`` with snapshot ``digests``, chained after place
    ``seq`` whose hash is ``prev`` (``line``: :func:`create_line`; ``sha256``: any implementation — the import's
    digest child uses one that takes no lock)."""
    out: list[str] = []
    add = out.append
    for pk, digest in zip(pks, digests):
        seq += 1
        prev = sha256((line % (prev, seq, pk, digest)).encode()).hexdigest()
        add(prev)
    return out


def chain_start(session: Session) -> tuple[int, str]:
    """Seal what this transaction added so far and return the chain's end (place, hash): where an import's
    create rows will follow if it adds no other audit row first (SQLite: the transaction began ``IMMEDIATE``,
    so no one else can).  :func:`insert_created` checks it again before using rows chained from it."""
    seal(session)
    return _chain_end(session)


def insert_created(session: Session, pks: Sequence[int], digests: Sequence[str], at, user: str,
                   per_statement: int = 0, chained: tuple[int, str, Sequence[str]] | None = None) -> None:
    """An import's ``create`` rows, inserted already chained: applicant ``pks[i]`` created with the snapshot whose
    SHA-256 is ``digests[i]`` (hex) — the rows :func:`insert_sealed` makes of ``("applicant", pk, "create",
    None, digest_document(snapshot))``, stored and hashed the same, made cheaper: the hashed line of each row is
    one format of a template (its fixed parts joined once), the fixed columns are written once into the
    statement.  ``chained``: ``(seq, prev, row hashes)`` worked out elsewhere (:func:`chain_created`, in the
    import's digest child) from the chain's end at ``seq``/``prev``; used when the chain still ends there, else
    the hashes are worked out here."""
    from eligibility_desk.persistence import bulk

    if not bulk.is_sqlite(session):     # what will be stored is hashed: the general path knows how
        after = _DIGEST_AFTER.__mod__
        insert_sealed(session, (("applicant", pk, "create", None, after(d)) for pk, d in zip(pks, digests)),
                      at, user, per_statement)
        return
    seal(session)
    seq, prev = _chain_end(session)
    if chained is not None and chained[0] == seq and chained[1] == prev and len(chained[2]) == len(pks):
        rows = chained[2]
    else:
        rows = chain_created(create_line(at, user), seq, prev, pks, digests)
    count = len(rows)
    if not count:
        return
    out: list = [None] * (5 * count)    # the rows as one flat list, column by column (bulk.insert's flat form)
    out[0::5], out[1::5], out[2::5] = pks, list(map(_DIGEST_AFTER.__mod__, digests)), range(seq + 1, seq + 1 + count)
    out[3::5], out[4::5] = [prev, *rows[:-1]], rows
    bulk.insert(session, AuditRow.__table__, out, keys=["entity_id", "after", "seq", "prev_hash", "row_hash"],
                same={"entity": "applicant", "action": "create", "before": None, "at": at, "user": user},
                json_text=True, per_statement=per_statement, flat=True)


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


def verify(session: Session, chunk: int = 5000, applicants: bool = True) -> ChainReport:
    """Walk the chain in ``seq`` order and recompute every hash.  ``reason`` codes: ``changed`` (a row's content
    no longer matches its hash), ``relinked`` (its ``prev_hash`` is not the previous row's hash), ``missing``
    (a place in the chain is gone: a row deleted), ``unsealed`` (a row outside the chain: inserted by hand),
    ``applicant_changed`` (with ``applicants``: an applicant whose ``create`` row holds a digest and who has
    no update or delete row since no longer hashes to it — changed or deleted behind the desk's back; the
    place and audit row named are that ``create`` row)."""
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
    if applicants:
        from eligibility_desk.persistence.audit_verify import check_created   # the cheap read of the applicants
        broken = check_created(session, checked, ChainReport, VERIFY_SLICE, digest_of, APPLICANT_STATES)
        if broken is not None:
            return broken
    return ChainReport(checked)
