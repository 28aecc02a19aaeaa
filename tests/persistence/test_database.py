"""Opening, migrating and backing up the database; WAL and foreign keys on SQLite; the version check."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date

import pytest
from sqlalchemy import inspect, text

from eligibility_desk.persistence import StaleRecordError, open_database
from eligibility_desk.persistence.database import DB_ENV, resolve_url
from eligibility_desk.persistence.migrate import alembic_config, current_revision, head_revision
from eligibility_desk.services.records.desk import Desk
from tests.services.helpers import person
from tests.account_helpers import actor

TABLES = {"applicant", "education", "work_period", "certificate", "title", "batch", "application", "screening_run",
          "screening_result", "review_decision", "audit", "alembic_version"}


def test_open_migrates_to_head(db_url):
    db = open_database(db_url)
    try:
        with db.engine.connect() as c:
            assert TABLES <= set(inspect(c).get_table_names())
        assert current_revision(db) == head_revision(alembic_config(db))
    finally:
        db.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url):
    db = open_database(sqlite_url)
    try:
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            # a child row pointing at no applicant is refused by the database itself
            with pytest.raises(Exception):
                c.exec_driver_sql("INSERT INTO education (applicant_id, position, school_type, school, major, in_school, assessed)"
                                  " VALUES (999, 0, 'undergraduate', '', 'x', 0, 0)")
    finally:
        db.close()


def test_existing_sqlite_file_is_backed_up_before_an_upgrade(tmp_path):
    from alembic import command

    from eligibility_desk.persistence.database import Database
    from eligibility_desk.persistence.migrate import alembic_config

    path = tmp_path / "old.sqlite3"
    old = Database(f"sqlite:///{path}")   # a database of the first release: schema 0001, one batch in it
    cfg = alembic_config(old)
    with old.write_engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
    old.close()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    db = open_database(f"sqlite:///{path}")
    db.close()
    backups = list(tmp_path.glob("old.sqlite3.bak-0001-*"))
    assert len(backups) == 1
    kept = sqlite3.connect(backups[0])
    assert kept.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert {r[0] for r in kept.execute("SELECT name FROM sqlite_master WHERE type='table'")} == tables
    kept.close()
    # opening again at head makes no further copy
    open_database(f"sqlite:///{path}").close()
    assert len(list(tmp_path.glob("old.sqlite3.bak-*"))) == 1


def test_another_programs_sqlite_file_is_refused_unchanged(tmp_path):
    """Tables but no schema revision: not one of ours (every release records its revision) — refused before
    any migration adds our tables to it, and not backed up either."""
    from eligibility_desk.persistence.errors import DatabaseError

    path = tmp_path / "notes.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.execute("INSERT INTO notes VALUES ('kept')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as refused:
        open_database(f"sqlite:///{path}")
    assert refused.value.code == "foreign" and "notes" in str(refused.value) and "其他程序" in str(refused.value)
    assert path.read_bytes() == before and not list(tmp_path.glob("*.bak-*"))


def test_a_new_database_is_not_backed_up(tmp_path):
    open_database(f"sqlite:///{tmp_path / 'new.sqlite3'}").close()
    assert not list(tmp_path.glob("*.bak-*"))


def test_url_from_argument_environment_or_default(monkeypatch, tmp_path):
    monkeypatch.setenv(DB_ENV, f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert resolve_url(None).endswith("env.sqlite3")
    assert resolve_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"
    assert resolve_url(str(tmp_path / "plain.db")) == f"sqlite:///{tmp_path / 'plain.db'}"
    monkeypatch.delenv(DB_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'eligibility-desk' / 'eligibility-desk.sqlite3'}"


def test_concurrent_edit_raises_stale_record_error_for_the_second_writer(db_url):
    first = Desk.open(db_url, actor("甲"))
    second = Desk.open(db_url, actor("乙"))
    try:
        pk, version = first.save_applicant(None, person("A1", "张三", born=date(1990, 3, 7)), None)
        mine, v1 = first.load_applicant(pk)
        theirs, v2 = second.load_applicant(pk)
        assert v1 == v2 == version
        first.save_applicant(pk, mine.__class__(**{**_fields(mine), "name": "张三丰"}), v1)
        with pytest.raises(StaleRecordError) as caught:
            second.save_applicant(pk, theirs.__class__(**{**_fields(theirs), "name": "张叁"}), v2)
        assert caught.value.expected == v2 and caught.value.found == v2 + 1
        assert "第" in caught.value.message("zh")
        stored, _ = second.load_applicant(pk)
        assert stored.name == "张三丰"  # the first write was not overwritten
    finally:
        first.close()
        second.close()


def test_a_save_naming_a_version_that_is_no_longer_stored_is_refused(db_url):
    desk = Desk.open(db_url, actor("甲"))
    try:
        pk, version = desk.save_applicant(None, person("A1", "张三", born=date(1990, 3, 7)), None)
        with desk.db.writing() as session:  # someone else's save, straight in the table
            session.execute(text("UPDATE applicant SET version_id = version_id + 1 WHERE id = :pk"), {"pk": pk})
        with pytest.raises(StaleRecordError):
            desk.save_applicant(pk, person("A1", "张三丰", born=date(1990, 3, 7)), version)
    finally:
        desk.close()


@pytest.mark.postgres
def test_the_orm_version_guard_refuses_an_update_raced_in_after_the_read(pg_url):
    """The version_id_col guard itself: the UPDATE names the version read; a commit in between makes it
    match no row.  PostgreSQL only: on SQLite writers are serialised (BEGIN IMMEDIATE), so a second writer
    cannot commit between this read and write."""
    from sqlalchemy.orm.exc import StaleDataError

    from eligibility_desk.persistence.models import ApplicantRow

    desk = Desk.open(pg_url, actor("甲"))
    try:
        pk, _ = desk.save_applicant(None, person("A1", "张三", born=date(1990, 3, 7)), None)
        with pytest.raises(StaleDataError):
            with desk.db.writing() as mine:
                row = mine.get(ApplicantRow, pk)
                with desk.db.writing() as theirs:
                    theirs.execute(text("UPDATE applicant SET version_id = version_id + 1, name = '李四' WHERE id = :pk"),
                                   {"pk": pk})
                row.name = "张三丰"
                mine.flush()
        assert desk.load_applicant(pk)[0].name == "李四"
    finally:
        desk.close()


def test_persistence_and_services_do_not_import_qt():
    import subprocess

    code = ("import sys, eligibility_desk.services.records.desk, eligibility_desk.services.records.importing, "
            "eligibility_desk.services.records.exporting, eligibility_desk.persistence.models; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _fields(applicant):
    from dataclasses import fields

    return {f.name: getattr(applicant, f.name) for f in fields(applicant)}


def test_the_migrations_build_exactly_the_mapped_schema(db_url):
    """A model change without a migration (or the reverse) fails here, on both backends."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from eligibility_desk.persistence.models import Base

    db = open_database(db_url)
    try:
        with db.engine.connect() as c:
            assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []
    finally:
        db.close()


def test_sqlite_writers_queue_one_at_a_time(sqlite_url):
    """A second desk writing while the first holds the write lock waits (BEGIN IMMEDIATE + busy timeout)
    instead of failing with "database is locked"; readers are not blocked meanwhile (WAL)."""
    import threading
    import time

    first = Desk.open(sqlite_url, actor("甲"))
    second = Desk.open(sqlite_url, actor("乙"))
    try:
        holding = threading.Event()

        def hold_the_lock():
            with first.db.writing() as session:
                session.execute(text("UPDATE batch SET name = name"))
                holding.set()
                time.sleep(0.6)

        thread = threading.Thread(target=hold_the_lock)
        thread.start()
        holding.wait(5)
        started = time.perf_counter()
        assert second.applicant_rows() == []  # reading goes on while the writer holds the lock
        read_time = time.perf_counter() - started
        pk, version = second.save_applicant(None, person("A1", "张三", born=date(1990, 3, 7)), None)
        waited = time.perf_counter() - started
        thread.join()
        assert read_time < 0.5 and waited >= 0.4 and version == 1
        assert first.load_applicant(pk)[0].name == "张三"
    finally:
        first.close()
        second.close()
