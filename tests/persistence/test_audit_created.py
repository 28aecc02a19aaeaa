"""An import's ``create`` rows written by ``audit.insert_created`` (a template per row, fixed columns written once
into the statement) are the rows ``audit.insert_sealed`` writes for the same applicants — every column as
stored, the chain's hashes included — and the chain verifies; on PostgreSQL ``insert_created`` takes the
general path."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import text

from eligibility_desk.persistence import audit
from eligibility_desk.persistence.opening import open_database

AT = datetime(2026, 12, 5, 12, 0, 0, 123456)
#: a user name with what a format string or an SQL literal could trip on
USER = "王%s敏'%%d"


#: canonical snapshot bytes stand-ins: what is hashed does not matter here, only that both paths store its digest
DOCUMENTS = [b'{"id":"A%d"}' % i for i in range(100)]


def _stored(db) -> list[tuple]:
    kinds = ', typeof("before"), typeof("after"), typeof(entity_id)' if db.is_sqlite else ""
    with db.reading() as session:
        return [tuple(row) for row in session.execute(text(
            'SELECT id, at, "user", entity, entity_id, action, CAST("before" AS TEXT), CAST("after" AS TEXT), seq, '
            f'prev_hash, row_hash{kinds} FROM audit ORDER BY id'))]


def _write(url: str, how: str, pks: list[int], documents: list[bytes]) -> list[tuple]:
    db = open_database(url)
    try:
        with db.writing() as session:    # a row of the transaction's own first: sealed before the import's
            audit.record(session, USER, "batch", 1, "create", None, {"name": "秋季"})
            if how == "created":
                digests = [hashlib.sha256(document).hexdigest() for document in documents]
                audit.insert_created(session, pks, digests, AT, USER, per_statement=7)
            else:
                audit.insert_sealed(session, [("applicant", pk, "create", None, audit.digest_document(document))
                                              for pk, document in zip(pks, documents)], AT, USER, per_statement=7)
        with db.reading() as session:
            report = audit.verify(session, applicants=False)
        assert report.ok and report.rows == len(pks) + 1
        stored = _stored(db)
    finally:
        db.close()
    return stored


def test_insert_created_stores_the_rows_insert_sealed_stores(tmp_path):
    pks = list(range(5, 105))               # 100 rows, 7 per statement: a remainder too
    made = _write(f"sqlite:///{tmp_path / 'a.sqlite3'}", "created", pks, DOCUMENTS)
    sealed = _write(f"sqlite:///{tmp_path / 'b.sqlite3'}", "sealed", pks, DOCUMENTS)
    # every column as stored, storage classes and the chain's hashes included (the first row's time is its own,
    # and so is its hash, which the next rows' hashes cover: those are compared as a whole chain below)
    assert [row[2:9] + row[11:] for row in made[1:]] == [row[2:9] + row[11:] for row in sealed[1:]]
    assert made[1][3:8] == ("applicant", 5, "create", None,
                            '{"snapshot_sha256":"' + hashlib.sha256(DOCUMENTS[0]).hexdigest() + '"}')
    assert made[1][-3:] == ("null", "text", "integer") and made[1][1] == sealed[1][1]
    assert [row[8] for row in made] == list(range(1, 102))   # the transaction's own row first in the chain
    # the same chain once the first row's hash is the same: each row's prev_hash and row_hash recomputed
    prev = made[0][10]
    for made_row, sealed_row in zip(made[1:], sealed[1:]):
        assert made_row[9] == prev
        prev = audit._digest(prev, made_row[8], AT.isoformat(), USER, "applicant", made_row[4], "create", None,
                             made_row[7])
        assert made_row[10] == prev


def test_insert_created_on_any_database_chains_what_it_stores(db_url):
    from eligibility_desk.persistence import bulk

    pks = [3, 1, 2]
    stored = _write(db_url, "created", pks, DOCUMENTS[:3])
    created = [row for row in stored if row[3] == "applicant"]
    assert [(row[4], audit.digest_of(bulk.loads(row[7]))) for row in created] == \
        [(pk, hashlib.sha256(document).hexdigest()) for pk, document in zip(pks, DOCUMENTS)]
