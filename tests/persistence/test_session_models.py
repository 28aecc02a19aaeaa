"""Migration 0002 and the session / score mappings: the migrated schema is exactly what the models say,
downgrades and upgrades cleanly, and the constraints that protect scores hold in the database itself.

SQLite files per test; PostgreSQL too when the records branch's ``pg_server_url`` fixture is there.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from eligibility_desk.persistence.opening import open_database
from eligibility_desk.persistence.models import Base, BatchRow
from eligibility_desk.persistence.score_models import CorrectionRow, ScoreEntryRow, ScoreSheetRow
from eligibility_desk.persistence.session_models import PlanRow, RoomRow, SlotRow

NEW_TABLES = {"room", "staff", "slot", "plan", "score_sheet", "score_entry", "score_correction", "recheck", "publication"}
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    drop = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'models.sqlite3'}"
    else:
        url, drop = _fresh_pg_database(request)
    database = open_database(url)
    try:
        yield database
    finally:
        database.close()
        if drop:
            drop()


def _fresh_pg_database(request):
    from tests.persistence.db_fixtures import fresh_pg_database

    return fresh_pg_database(request.getfixturevalue("pg_server_url"))


def test_migration_0002_is_head_and_matches_the_models_exactly(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from eligibility_desk.persistence.migrate import alembic_config, current_revision, head_revision

    assert current_revision(db) == head_revision(alembic_config(db))
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert NEW_TABLES <= tables
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diff if _table_of(d) in NEW_TABLES] == []


def _table_of(op) -> str | None:
    """The table an Alembic autogenerate diff entry is about (entries are tuples, or lists of tuples)."""
    if isinstance(op, list):
        return _table_of(op[0])
    for item in op[1:]:
        table = getattr(item, "table", None)
        if table is not None:
            return table.name
        if getattr(item, "name", None) and hasattr(item, "columns") and hasattr(item, "metadata"):
            return item.name
    return op[2] if len(op) > 2 and isinstance(op[2], str) else None


def test_downgrade_to_0001_drops_exactly_the_new_tables_and_upgrade_restores_them(db):
    from alembic import command

    from eligibility_desk.persistence.migrate import alembic_config, upgrade

    cfg = alembic_config(db)
    with db.engine.connect() as connection:
        everything = set(inspect(connection).get_table_names())
    with db.write_engine.begin() as connection:  # later revisions first, so only 0002's tables are compared
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
    with db.engine.connect() as connection:
        before = set(inspect(connection).get_table_names())
    with db.write_engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0001")
    with db.engine.connect() as connection:
        after = set(inspect(connection).get_table_names())
    assert before - after == NEW_TABLES      # later revisions' tables went with the step down to 0002
    upgrade(db)
    with db.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == everything


def _batch(session) -> int:
    row = BatchRow(name=f"B-{uuid.uuid4().hex[:6]}", standard="4-07-02-06", levels=["4"], as_of=datetime(2025, 9, 1).date())
    session.add(row)
    session.flush()
    return row.id


def _sheet(session) -> ScoreSheetRow:
    batch_id = _batch(session)
    plan = PlanRow(batch_id=batch_id, number=1, plan_json={"sessions": []}, scenario_json={}, summary={})
    session.add(plan)
    session.flush()
    sheet = ScoreSheetRow(batch_id=batch_id, plan_id=plan.id, session="T1-R1", room="R1", part="theory", level="4",
                          start=datetime(2025, 10, 18, 9), lines=[{"seat": 1, "admission_no": "X-1", "candidate": "C1"}])
    session.add(sheet)
    session.flush()
    return sheet


@pytest.mark.parametrize("values", [
    {"score": None, "mark": None},             # neither a score nor a mark
    {"score": "60.0", "mark": "absent"},       # both
    {"score": "60.0", "mark": None, "recorder": 3},
])
def test_an_entry_holds_a_score_or_a_mark_and_a_known_recorder(db, values):
    with pytest.raises(IntegrityError):
        with db.writing() as session:
            sheet = _sheet(session)
            session.add(ScoreEntryRow(**{"sheet_id": sheet.id, "seat": 1, "candidate": "X-1", "recorder": 1,
                                         "entered_by": "甲", **values}))
            session.flush()


def test_one_value_per_cell_and_corrections_need_a_reason(db):
    with pytest.raises(IntegrityError):
        with db.writing() as session:
            sheet = _sheet(session)
            for _ in range(2):
                session.add(ScoreEntryRow(sheet_id=sheet.id, seat=1, candidate="X-1", recorder=1, score="60.0", entered_by="甲"))
                session.flush()
    with pytest.raises(IntegrityError):
        with db.writing() as session:
            sheet = _sheet(session)
            session.add(CorrectionRow(sheet_id=sheet.id, seat=1, candidate="X-1", before={"score": "59.0"},
                                      after={"score": "60.0"}, reason="  ", by="组长"))
            session.flush()


def test_room_capacity_slot_times_and_plan_status_are_checked(db):
    for make in (lambda s: RoomRow(code="R1", name="r", kind="classroom", capacity=-1, equipment=[]),
                 lambda s: SlotRow(batch_id=_batch(s), code="T1", start=datetime(2025, 10, 18, 12), end=datetime(2025, 10, 18, 9)),
                 lambda s: PlanRow(batch_id=_batch(s), number=1, status="approved", plan_json={}, scenario_json={}, summary={})):
        with pytest.raises(IntegrityError):
            with db.writing() as session:
                session.add(make(session))
                session.flush()


def test_a_room_saved_from_an_old_version_is_refused_by_the_orm(db):
    with db.writing() as session:
        session.add(RoomRow(code="R1", name="101", kind="classroom", capacity=30, equipment=[]))
    with db.reading() as first, db.reading() as second:
        mine = first.scalar(select(RoomRow).where(RoomRow.code == "R1"))
        first.commit()          # end the read (SQLite keeps a reader's snapshot); ``mine`` keeps version 1
        theirs = second.scalar(select(RoomRow).where(RoomRow.code == "R1"))
        theirs.capacity = 35
        second.commit()
        mine.capacity = 40
        with pytest.raises(StaleDataError):
            first.commit()
    with db.reading() as session:
        row = session.scalar(select(RoomRow).where(RoomRow.code == "R1"))
        assert (row.capacity, row.version_id) == (35, 2)
