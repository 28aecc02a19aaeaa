"""Imports and batches in one transaction; concurrent imports queue (issue 14) — SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select

from eligibility_desk.cli import main
from eligibility_desk.persistence.models import ApplicantRow, AuditRow, BatchRow
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.importing import NewBatch
from tests.services.helpers import roster, write_workbook
from tests.account_helpers import actor, add_accounts


def _count(desk, what, *where) -> int:
    with desk.db.reading() as session:
        return session.scalar(select(func.count()).select_from(what).where(*where))


def test_refused_import_into_a_new_batch_leaves_no_batch_and_no_batch_audit(db_url, tmp_path, capsys):
    people, work = roster(3)
    work[1][3] = "2019-13-01"        # a bad date: the whole import is refused
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    add_accounts(db_url, "王敏")
    with Desk.open(db_url) as desk:
        accounts_rows = len(desk.audit_trail())
    code = main(["--db", db_url, "import", str(path), "--batch", "秋季", "--standard", "4-07-02-06",
                 "--as-of", "2025-09-01", "--user", "王敏", "--report", str(tmp_path / "问题.xlsx")])
    assert code == 1 and "Traceback" not in capsys.readouterr().err
    with Desk.open(db_url) as desk:
        assert _count(desk, BatchRow) == 0
        # not even a create/delete pair: the one audit row says a problem report (personal data) was written
        [row] = desk.audit_trail()[:-accounts_rows]         # (after the rows that created the accounts)
        assert (row["entity"], row["entity_id"], row["action"], row["user"]) == ("batch", None, "problem_report", "王敏")
        assert row["after"]["batch_name"] == "秋季" and row["after"]["file"] == str(tmp_path / "问题.xlsx")


def test_cancelled_import_into_a_new_batch_rolls_the_batch_back(db_url, tmp_path):
    people, work = roster(4)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    with Desk.open(db_url, actor("王敏")) as desk:
        spec = NewBatch("秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
        polls = []
        report = desk.import_file(path, spec, cancelled=lambda: polls.append(1) or len(polls) > 3)  # mid-store
        assert report.cancelled and not report.ok and spec.id is None
        assert (_count(desk, BatchRow), _count(desk, ApplicantRow), _count(desk, AuditRow)) == (0, 0, 0)
        report = desk.import_file(path, spec)
        assert report.ok and report.batch_id == spec.id and desk.batch(spec.id).applicants == 4
        assert [a["action"] for a in desk.audit_trail("batch")] == ["import", "create"]


def test_two_overlapping_imports_at_once_both_land_whole(db_url, tmp_path):
    """Two desks import overlapping lists at the same moment, each into a new batch: they queue; no
    UniqueViolation, no partial batch; the shared applicants exist once."""
    people, work = roster(30)
    paths = []
    for i, (lo, hi) in enumerate(((0, 20), (10, 30))):
        paths.append(tmp_path / f"名单{i}.xlsx")
        write_workbook(paths[-1], {"考生": people[lo:hi], "工作经历": work[lo:hi]})
    desks = [Desk.open(db_url, actor("王敏")), Desk.open(db_url, actor("李四"))]
    start, outcome = threading.Barrier(2), {}

    def run(i: int) -> None:
        start.wait()
        try:
            outcome[i] = desks[i].import_file(paths[i], NewBatch(f"批次{i}", "4-07-02-06", ["4"], date(2025, 9, 1)))
        except Exception as exc:  # noqa: BLE001 — the test says what went wrong
            outcome[i] = exc

    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert all(getattr(r, "ok", False) for r in outcome.values()), outcome
        assert sorted(r.created for r in outcome.values()) == [10, 20]     # the second saw the first's ten
        assert _count(desks[0], ApplicantRow) == 30
        assert sorted(b.applicants for b in desks[0].batches()) == [20, 20]
    finally:
        for d in desks:
            d.close()
