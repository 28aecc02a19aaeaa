"""Backup, wipe, restore gives the same database, row for row (issue 14) — SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import date, datetime, timedelta

from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import make_url

from eligibility_desk.cli import main
from eligibility_desk.persistence.backup import backup, backup_revision
from eligibility_desk.services.backups import auto_backups, daily_backup
from eligibility_desk.services.records.desk import Desk
from tests.services.helpers import Title, TitleGrade, WorkPeriod, person
from tests.account_helpers import actor, add_accounts


def table_hashes(url: str) -> dict[str, str]:
    """Every table's rows (in primary-key order), hashed: equal hashes = equal content."""
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        out = {}
        with engine.connect() as c:
            for name, table in sorted(meta.tables.items()):
                order = list(table.primary_key.columns) or list(table.columns)
                digest = hashlib.sha256()
                for row in c.execute(select(table).order_by(*order)):
                    digest.update(repr(tuple(row)).encode())
                out[name] = digest.hexdigest()
        return out
    finally:
        engine.dispose()


def _fill(desk: Desk) -> None:
    batch_id = desk.create_batch("秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    for i in range(1, 4):
        pk, _ = desk.save_applicant(None, person(f"A{i}", f"考生{i}", sequence=i,
                                                 work=(WorkPeriod("营销员", date(2021, 1, 1)),),
                                                 titles=(Title(TitleGrade.JUNIOR, date(2022, 6, 1), None),)), None)
        desk.apply(pk, batch_id, ["4", "3"])
    desk.screen_batch(batch_id)
    for result_id in desk.review_queue(batch_id)[:1]:
        desk.decide(result_id, True, "已核验", expected_version=0)


def _wipe(url: str) -> None:
    if url.startswith("sqlite"):
        path = make_url(url).database
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    else:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as c:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def test_backup_wipe_restore_gives_the_identical_database(db_url, tmp_path, capsys):
    add_accounts(db_url, "王敏")
    with Desk.open(db_url, actor("王敏")) as desk:
        _fill(desk)
    before = table_hashes(db_url)
    assert len(before) >= 8
    out = tmp_path / "备份" / "desk.backup"
    assert main(["--db", db_url, "backup", "--out", str(out), "--user", "王敏"]) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    after_backup = table_hashes(db_url)          # the backup's own audit row was written after the copy
    _wipe(db_url)                     # nobody to sign in as: an empty database is restored without an account
    assert main(["--db", db_url, "restore", str(out), "--yes"]) == 0
    restored = table_hashes(db_url)
    assert restored == before
    assert restored["audit"] != after_backup["audit"]   # the live database had one row more: it is gone now
    with Desk.open(db_url) as desk:
        assert [b.name for b in desk.batches()] == ["秋季"]
    assert main(["--db", db_url, "restore", str(out), "--yes"]) == 2    # now it has accounts again: who?
    assert "--user" in capsys.readouterr().err


def test_a_backup_from_a_newer_app_is_refused(db_url, tmp_path, capsys):
    from eligibility_desk.persistence.database import Database

    add_accounts(db_url, "王敏")
    with Desk.open(db_url, actor("王敏")) as desk:
        _fill(desk)
    engine = create_engine(db_url)
    with engine.begin() as c:          # as if a newer app had migrated the database, then backed it up
        current = c.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    raw = Database(db_url)             # not open_database: this app cannot migrate an unknown revision
    try:
        out = backup(raw, tmp_path / "newer.backup")
    finally:
        raw.close()
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
    engine.dispose()
    assert backup_revision(out) == "9999"
    before = table_hashes(db_url)
    assert main(["--db", db_url, "restore", str(out), "--yes", "--user", "王敏"]) == 1
    err = capsys.readouterr().err
    assert "更新版本" in err and "Traceback" not in err
    assert table_hashes(db_url) == before


def test_restore_asks_before_overwriting(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    with Desk.open(url) as desk:
        out = backup(desk.db, tmp_path / "desk.backup")
    monkeypatch.setattr("sys.stdin", open(os.devnull))
    assert main(["--db", url, "restore", str(out)]) == 2
    assert "--yes" in capsys.readouterr().err


def test_daily_backup_is_made_once_a_day_and_old_ones_go(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    folder = tmp_path / "backups"
    folder.mkdir()
    with Desk.open(url, actor("王敏")) as desk:
        _fill(desk)
        day = datetime(2026, 3, 1, 9, 0)
        first = daily_backup(desk.db, folder, keep_days=3, now=day)
        assert first is not None and daily_backup(desk.db, folder, keep_days=3, now=day + timedelta(hours=5)) is None
        for n in range(1, 6):
            assert daily_backup(desk.db, folder, keep_days=3, now=day + timedelta(days=n, seconds=n)) is not None
    kept = auto_backups(folder)
    assert [p.name[len("auto-eligibility-desk-"):][:8] for p in kept] == ["20260304", "20260305", "20260306"]
    assert first not in kept                              # kept 3 days: older automatic backups are deleted
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    assert table_hashes(f"sqlite:///{kept[-1]}") == table_hashes(url)
