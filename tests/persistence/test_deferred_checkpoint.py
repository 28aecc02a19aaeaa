"""A bulk write's commit leaves the WAL's copy into the database file to a background checkpoint
(``Database.writing(defer_checkpoint=True)``): the data is committed when the block ends, the connection's
automatic checkpoint is back on for the next writer, and the copy happens without the writer waiting."""

from __future__ import annotations

import sqlite3

import pytest

from eligibility_desk.persistence.database import WAL_AUTOCHECKPOINT
from eligibility_desk.persistence.models import AuditRow
from eligibility_desk.persistence.opening import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    yield database
    database.close()


def _fill(session, n=6000):   # ~7 MB: past the automatic checkpoint's 1000 pages
    session.execute(AuditRow.__table__.insert(), [
        {"user": "甲", "entity": "batch", "entity_id": i, "action": "note", "after": {"text": "x" * 1000}}
        for i in range(n)])


def _autocheckpoint(db) -> int:
    with db.writing() as session:
        return session.connection().exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()


def test_the_background_checkpoint_copies_the_commit_into_the_database_file(db):
    before = db.path.stat().st_size
    with db.writing(defer_checkpoint=True) as session:
        _fill(session)
        raw = session.connection().connection.dbapi_connection
    db.wait_for_checkpoint()
    assert db.path.stat().st_size > before + 1_000_000          # copied by the thread, not by a reader here
    with db.reading() as session:
        assert session.query(AuditRow).count() >= 6000
    # the pooled connection serves the next writer with the automatic checkpoint back on
    assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == WAL_AUTOCHECKPOINT
    assert _autocheckpoint(db) == WAL_AUTOCHECKPOINT


def test_without_the_background_checkpoint_the_wal_still_holds_the_commit(db, monkeypatch):
    monkeypatch.setattr(type(db), "checkpoint_soon", lambda self: None)   # as if the process ended right here
    before = db.path.stat().st_size
    with db.writing(defer_checkpoint=True) as session:
        _fill(session)
    wal = db.path.with_name(db.path.name + "-wal")
    assert wal.stat().st_size > 1_000_000 and db.path.stat().st_size == before   # in the WAL only
    other = sqlite3.connect(db.path)                                             # another process sees it
    try:
        assert other.execute("SELECT COUNT(*) FROM audit").fetchone()[0] >= 6000
    finally:
        other.close()


def test_a_rolled_back_bulk_write_restores_the_setting_too(db):
    with pytest.raises(RuntimeError):
        with db.writing(defer_checkpoint=True) as session:
            _fill(session, 10)
            raise RuntimeError("refused")
    assert _autocheckpoint(db) == WAL_AUTOCHECKPOINT
    with db.reading() as session:
        assert session.query(AuditRow).filter(AuditRow.action == "note").count() == 0


def test_close_waits_for_the_checkpoint(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    with database.writing(defer_checkpoint=True) as session:
        _fill(session)
    database.close()
    assert database._checkpointer is None or not database._checkpointer.is_alive()
