"""The audit trail is a hash chain (issue 14): every write transaction seals the rows it added; `audit verify`
finds a changed, a deleted and a hand-inserted row, on SQLite and PostgreSQL, and concurrent writers on
PostgreSQL still make one unbroken chain."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from eligibility_desk.cli import main
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.opening import open_database
from tests.account_helpers import ADMIN, add_accounts
from tests.services.helpers import person


@pytest.fixture
def busy_desk(desk, tmp_path):
    """A desk whose audit trail holds a batch, applicants saved one by one, a workbook import (the bulk rows
    inserted already chained), a re-import that updates them, and a screening."""
    from datetime import date

    from tests.services.helpers import roster, write_workbook

    batch = desk.create_batch("链", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    for i in range(3):
        pk, _version = desk.save_applicant(None, person(f"C{i}", f"考生{i}", sequence=300 + i), None)
        desk.apply(pk, batch, ["4"])
    people, work = roster(12)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert desk.import_file(str(path), batch).ok
    people[0][1] = "改名"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert desk.import_file(str(path), batch).ok
    desk.screen_batch(batch)
    add_accounts(desk.db)                                  # the command line signs in (as ADMIN)
    return desk


def _verify(desk):
    with desk.db.reading() as session:
        return audit.verify(session)


def test_every_row_is_sealed_and_the_chain_verifies(busy_desk, capsys):
    report = _verify(busy_desk)
    assert report.ok and report.rows == len(busy_desk.audit_trail(limit=100000))
    assert main(["--db", busy_desk.db.url, "audit", "verify", "--user", ADMIN]) == 0
    assert capsys.readouterr().out.startswith("审计链完整：已校验")


@pytest.mark.parametrize("tamper, reason", [
    ("UPDATE audit SET \"user\" = 'mallory' WHERE seq = 3", "changed"),
    ("UPDATE audit SET after = NULL WHERE seq = 3", "changed"),
    ("DELETE FROM audit WHERE seq = 3", "missing"),
])
def test_a_tampered_row_is_found_at_its_place(busy_desk, capsys, tamper, reason):
    with busy_desk.db.engine.begin() as connection:      # what someone with the database file could do
        connection.execute(text(tamper))
    report = _verify(busy_desk)
    assert (report.ok, report.broken_seq, report.reason, report.rows) == (False, 3, reason, 2)
    assert main(["--db", busy_desk.db.url, "audit", "verify", "--lang", "en", "--user", ADMIN]) == 1
    assert "broken at place 3" in capsys.readouterr().out


def test_a_row_inserted_by_hand_is_outside_the_chain(busy_desk):
    with busy_desk.db.engine.begin() as connection:
        connection.execute(text("INSERT INTO audit (at, \"user\", entity, entity_id, action) "
                                "VALUES (CURRENT_TIMESTAMP, 'mallory', 'applicant', 1, 'update')"))
    report = _verify(busy_desk)
    assert not report.ok and report.reason == "unsealed"


def test_a_rewritten_tail_does_not_hide_a_change(busy_desk):
    """Recomputing a changed row's own hash is not enough: the next row's link no longer matches."""
    with busy_desk.db.reading() as session:
        rows = session.execute(text("SELECT seq, row_hash FROM audit ORDER BY seq")).all()
    with busy_desk.db.engine.begin() as connection:
        connection.execute(text("UPDATE audit SET \"user\" = 'mallory' WHERE seq = 2"))
    from sqlalchemy import select

    from eligibility_desk.persistence.models import AuditRow

    with busy_desk.db.reading() as session:      # read as the application reads it (typed columns)
        row = session.execute(select(*audit._columns()).where(AuditRow.__table__.c.seq == 2)).one()
    forged = audit.row_hash(rows[0].row_hash, 2, row)
    with busy_desk.db.engine.begin() as connection:
        connection.execute(text("UPDATE audit SET row_hash = :h WHERE seq = 2"), {"h": forged})
    report = _verify(busy_desk)
    assert (report.broken_seq, report.reason) == (3, "relinked")


def test_concurrent_writers_make_one_chain(desk, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time; the race is PostgreSQL's")
    other = open_database(db_url)
    errors = []

    def write(db, who):
        try:
            for i in range(15):
                with db.writing() as session:
                    audit.record(session, who, "batch", i, "update", None, {"n": i})
        except Exception as exc:   # pragma: no cover - shown in the assert
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(desk.db, "甲")), threading.Thread(target=write, args=(other, "乙"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert errors == []
    report = _verify(desk)
    assert report.ok and report.rows >= 30
