"""An import's applicant ``create`` rows hold the digest of the snapshot, not a copy (issue 15, round three):
the history still shows every state — the stored applicant until the first change, whose ``before`` is the
full snapshot — and ``audit verify`` finds an applicant changed behind the desk's back.  On SQLite and
PostgreSQL (``db_url``)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import text

from eligibility_desk.cli import main
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.applicants import snapshot
from tests.account_helpers import ADMIN, add_accounts
from tests.services.helpers import roster, write_workbook


@pytest.fixture
def imported(desk, batch_id, tmp_path):
    """Four applicants created by a workbook import; returns their primary keys in sheet order."""
    people, work = roster(4)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    report = desk.import_file(path, batch_id)
    assert report.ok and report.created == 4
    return [desk.find_applicant(row[0]) for row in people]


def _stored_after(desk, pk):
    with desk.db.reading() as session:
        return session.execute(text("SELECT after FROM audit WHERE entity = 'applicant' AND action = 'create' "
                                    "AND entity_id = :pk"), {"pk": pk}).scalar_one()


def _verify(desk):
    with desk.db.reading() as session:
        return audit.verify(session)


def test_a_create_row_stores_the_digest_of_the_snapshot_and_the_history_shows_the_applicant(desk, imported):
    pk = imported[1]
    applicant, _version = desk.load_applicant(pk)
    stored = _stored_after(desk, pk)
    after = stored if isinstance(stored, dict) else json.loads(stored)   # PostgreSQL's driver parses json
    assert list(after) == [audit.DIGEST_KEY] and len(after[audit.DIGEST_KEY]) == 64
    assert after[audit.DIGEST_KEY] == audit.document_digest(snapshot(applicant))

    (create,) = [row for row in desk.audit_trail("applicant", pk) if row["action"] == "create"]
    assert create["recovered"] == "stored" and create["after"] == snapshot(applicant)
    assert create["after"]["name"] == "考生2" and create["after"]["work"][0]["start"] == "2015-03-01"


def test_create_by_import_then_edit_shows_both_states(desk, imported):
    pk = imported[0]
    created, version = desk.load_applicant(pk)
    desk.save_applicant(pk, replace(created, name="改过的名字"), version)

    history = desk.audit_trail("applicant", pk)
    assert [row["action"] for row in history] == ["update", "create"]          # newest first
    update, create = history
    assert create["recovered"] == "next_row"
    assert create["after"] == update["before"] == snapshot(created)            # the state the import created
    assert update["after"]["name"] == "改过的名字" and create["after"]["name"] == "考生1"
    assert _verify(desk).ok                                                     # changed through the desk: fine


def test_create_by_import_then_delete_still_shows_what_was_created(desk, imported):
    pk = imported[2]
    created, version = desk.load_applicant(pk)
    desk.delete_applicant(pk, version)
    delete, create = desk.audit_trail("applicant", pk)
    assert (delete["action"], create["action"], create["recovered"]) == ("delete", "create", "next_row")
    assert create["after"] == delete["before"] == snapshot(created)
    assert _verify(desk).ok


@pytest.mark.parametrize("tamper", [
    "UPDATE applicant SET name = 'mallory' WHERE id = :pk",
    "UPDATE work_period SET employer = '别的公司' WHERE applicant_id = :pk",
    "DELETE FROM work_period WHERE applicant_id = :pk",
])
def test_an_applicant_changed_behind_the_desks_back_is_found(desk, imported, tamper, capsys):
    pk = imported[3]
    with desk.db.engine.begin() as connection:         # what someone with the database file could do
        connection.execute(text(tamper), {"pk": pk})
    report = _verify(desk)
    with desk.db.reading() as session:
        place, audit_id = session.execute(text("SELECT seq, id FROM audit WHERE entity = 'applicant' "
                                               "AND action = 'create' AND entity_id = :pk"), {"pk": pk}).one()
    assert (report.ok, report.reason) == (False, "applicant_changed")
    assert (report.broken_seq, report.audit_id) == (place, audit_id)
    # the history keeps the digest for that row: the snapshot cannot be recovered from changed data
    (create,) = [row for row in desk.audit_trail("applicant", pk) if row["action"] == "create"]
    assert "recovered" not in create and list(create["after"]) == [audit.DIGEST_KEY]
    add_accounts(desk.db)
    assert main(["--db", desk.db.url, "audit", "verify", "--user", ADMIN]) == 1
    assert "摘要不符" in capsys.readouterr().out


def test_an_applicant_deleted_by_hand_is_found(desk, imported):
    pk = imported[0]
    with desk.db.engine.begin() as connection:
        for table in ("application", "work_period", "applicant"):
            column = "id" if table == "applicant" else "applicant_id"
            connection.execute(text(f"DELETE FROM {table} WHERE {column} = :pk"), {"pk": pk})
    report = _verify(desk)
    assert not report.ok and report.reason == "applicant_changed"


def test_a_reimport_that_changes_an_applicant_keeps_the_created_state(desk, batch_id, imported, tmp_path):
    people, work = roster(4)
    first, _version = desk.load_applicant(imported[0])
    people[0][1] = "新名字"
    path = tmp_path / "第二次.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert desk.import_file(path, batch_id).updated == 1
    update, create = desk.audit_trail("applicant", imported[0])
    assert (update["action"], update["after"]["name"]) == ("update", "新名字")
    assert create["recovered"] == "next_row" and create["after"] == snapshot(first)
    assert _verify(desk).ok


def test_verify_reads_the_applicants_a_slice_at_a_time(desk, imported, monkeypatch):
    """Slices of key ranges (memory bounded on a large database): a change in a later slice is still found,
    and an applicant saved in between (full create row) inside a range is not mistaken for one of them."""
    from tests.services.helpers import person

    desk.save_applicant(None, person("X1", "单个录入", sequence=901), None)
    monkeypatch.setattr(audit, "VERIFY_SLICE", 2)
    assert _verify(desk).ok
    with desk.db.engine.begin() as connection:
        connection.execute(text("UPDATE applicant SET code = 'forged' WHERE id = :pk"), {"pk": imported[3]})
    report = _verify(desk)
    assert not report.ok and report.reason == "applicant_changed"
