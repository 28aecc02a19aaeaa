"""A database that is locked too long or read-only: a clear Chinese message naming no applicant and no
身份证号 — no traceback, no SQL (issue 14).  The database file is created 0600."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eligibility_desk.cli import main
from eligibility_desk.persistence import database
from eligibility_desk.services.records.desk import Desk
from tests.account_helpers import add_accounts
from tests.services.helpers import roster, write_workbook


@pytest.fixture
def names_file(tmp_path):
    people, work = roster(3)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    return path, [p[0] for p in people] + [p[1] for p in people]


def _import(url, path):
    return main(["--db", url, "import", str(path), "--batch", "秋季", "--standard", "4-07-02-06",
                 "--as-of", "2025-09-01", "--user", "王敏"])


def _assert_clean(err: str, personal: list[str], word: str) -> None:
    assert word in err
    assert "Traceback" not in err and "INSERT" not in err and "SELECT" not in err
    assert not any(value in err for value in personal)


def test_a_lock_held_too_long_is_a_message(db_url, names_file, capsys, monkeypatch):
    path, personal = names_file
    add_accounts(db_url, "王敏")                               # migrated first, with the account
    if db_url.startswith("sqlite"):
        monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)   # 30 s in the product; a test need not wait
        holder = sqlite3.connect(make_url(db_url).database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")                       # another desk holds the write lock
        url = db_url
    else:
        from eligibility_desk.persistence.locks import IMPORT_LOCK

        engine = create_engine(db_url)
        holder = engine.connect()
        holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": IMPORT_LOCK})   # another import is running
        url = make_url(db_url).update_query_dict({"options": "-c lock_timeout=300"}).render_as_string(hide_password=False)
    try:
        assert _import(url, path) == 1
    finally:
        holder.close()
        if not db_url.startswith("sqlite"):
            engine.dispose()
    _assert_clean(capsys.readouterr().err, personal, "占用")
    with Desk.open(db_url) as desk:
        assert desk.batches() == []                              # nothing written


def test_a_read_only_database_is_a_message(db_url, names_file, capsys):
    path, personal = names_file
    add_accounts(db_url, "王敏")
    if db_url.startswith("sqlite"):
        url = f"sqlite:///file:{make_url(db_url).database}?mode=ro&uri=true"
    else:
        url = make_url(db_url).update_query_dict(
            {"options": "-c default_transaction_read_only=on"}).render_as_string(hide_password=False)
    assert _import(url, path) == 1
    _assert_clean(capsys.readouterr().err, personal, "只读")


def test_the_sqlite_file_is_private(tmp_path):
    path = tmp_path / "desk.sqlite3"
    Desk.open(f"sqlite:///{path}").close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o644)                                       # an older file: tightened on open
    Desk.open(f"sqlite:///{path}").close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
