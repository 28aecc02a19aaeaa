"""The audit digests of an import taken in a forked child process (import_digests.DigestChild, Linux): the same
digests and chained row hashes as taken in-process, the same stored rows, and a child that dies, an import
cancelled meanwhile or refused leaves nothing written and no process behind."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, func, select, text

from eligibility_desk import demo
from eligibility_desk.domain.applicant import Training
from eligibility_desk.persistence import audit, bulk
from eligibility_desk.persistence.applicants import snapshot
from eligibility_desk.persistence.models import ApplicantRow, ApplicationRow, AuditRow, BatchRow, WorkPeriodRow
from eligibility_desk.persistence.opening import open_database
from eligibility_desk.services.records import import_digests
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.import_digests import DigestChild, DigestsLost, digests_here
from eligibility_desk.services.records.importing import NewBatch, import_applicants
from tests.account_helpers import actor
from tests.services.helpers import roster, write_workbook

pytestmark = pytest.mark.skipif(not import_digests.can_fork(import_digests.FORK_MIN),
                                reason="the digest child runs on Linux only")

SPEC = ("4-07-02-06", ["4", "3"], date(2025, 9, 1))
AT = datetime(2026, 12, 5, 12, 0, 0, 123456)


def _applicants(n: int = 120) -> list:
    """Demo applicants, plus two that msgspec does not write as orjson does (the snapshot dict's path)."""
    people = [a for a, _levels in demo.demo_applicants(n, 7)]
    people[3] = replace(people[3], training=(Training("电子商务师", "4", 1e17, date(2020, 1, 1)),))
    people[5] = replace(people[5], extra={"备注": "12", "x": None})
    return people


def _gone(pid: int) -> bool:
    """Whether process ``pid`` (a child of this one) has been reaped."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def forking(monkeypatch):
    """Every import of a few rows takes its digests in a child, as 100,000 do; the children made are noted."""
    monkeypatch.setattr(import_digests, "FORK_MIN", 1)
    made: list[DigestChild] = []
    init = DigestChild.__init__

    def noted(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(self)
    monkeypatch.setattr(DigestChild, "__init__", noted)
    return made


@pytest.mark.parametrize("chunk", [7, 50, 1000])
def test_the_child_gives_the_digests_and_row_hashes_taken_here(chunk):
    people = _applicants()
    pks = range(41, 41 + len(people))
    line, start = audit.create_line(AT, "王%s敏"), (17, "ab" * 32)
    child = DigestChild(people, chunk, pks, start, line)
    pid = child.pid
    try:
        digests, rows, chains = [], [], []
        for _ in range(0, len(people), chunk):
            got, chained = child.take()
            digests += got
            rows += chained[2]
            chains.append(chained[:2])
        with pytest.raises(ValueError):
            child.take()
    finally:
        child.close()
    assert _gone(pid)
    assert digests == digests_here(people)
    assert digests[3] == audit.snapshot_digest(bulk.dumps_bytes(bulk.applicant_snapshot(people[3])))
    assert rows == audit.chain_created(line, *start, pks, digests)   # OpenSSL's SHA-256 here, the child's own there
    # each round says where in the chain it follows
    assert chains == [(17 + i, ([start[1]] + rows)[i]) for i in range(0, len(people), chunk)]


def test_the_child_without_a_chain_gives_the_digests_only():
    people = _applicants(30)
    child = DigestChild(people, 1000)
    try:
        digests, chained = child.take()
    finally:
        child.close()
    assert chained is None and digests == digests_here(people)


def _tables(url: str) -> dict[str, list]:
    engine = create_engine(url)
    out = {}
    with engine.connect() as connection:
        for table in ("applicant", "education", "work_period", "certificate", "title", "application"):
            columns = {"applicant": "id, code, name, id_number, extra, birth_date, version_id",
                       "application": "id, applicant_id, batch_id, level"}.get(table, "*")
            out[table] = [tuple(r) for r in connection.execute(text(f"SELECT {columns} FROM {table} ORDER BY id"))]
        out["audit"] = [tuple(r) for r in connection.execute(text(
            'SELECT id, entity, entity_id, action, "before", "after", seq, "user" FROM audit ORDER BY id'))]
    engine.dispose()
    return out


def _verified(url: str) -> bool:
    db = open_database(url)
    try:
        with db.reading() as session:
            return audit.verify(session).ok
    finally:
        db.close()


def test_an_import_with_the_child_stores_what_one_without_it_stores(tmp_path, monkeypatch, forking):
    people, work = roster(30)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    urls = [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("child", "here")]
    with Desk.open(urls[0], actor("王敏")) as desk:
        assert desk.import_file(path, NewBatch("秋季", *SPEC)).created == 30
    assert len(forking) == 1 and forking[0].pid is None        # ended and reaped once its digests were taken
    monkeypatch.setattr(import_digests, "FORK_MIN", 10 ** 9)
    with Desk.open(urls[1], actor("王敏")) as desk:
        assert desk.import_file(path, NewBatch("秋季", *SPEC)).created == 30
    assert len(forking) == 1                        # the second import took its digests here
    assert _tables(urls[0]) == _tables(urls[1])
    assert _verified(urls[0]) and _verified(urls[1])


def test_the_digests_begin_before_the_last_sheet_is_handed_over(tmp_path, monkeypatch, forking):
    """A workbook's applicants are complete once its last sheet is checked: the digest child is forked then
    (ImportWrite.complete), before that sheet's rows go to the writer thread; every kind — those no sheet has too —
    is handed over as a mapping, so the write never goes through the applicants for one."""
    from eligibility_desk.services.records import import_write

    people, work = roster(30)
    certificates = [[row[0], "电子商务师", 4, "2020-06-01", f"C{i}"] for i, row in enumerate(people)]
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work, "证书": certificates})
    calls = []
    records, complete = import_write.ImportWrite.records, import_write.ImportWrite.complete

    def spy_records(self, kind, records_of):
        calls.append((kind, callable(records_of)))
        records(self, kind, records_of)

    def spy_complete(self):
        complete(self)
        calls.append(("complete", len(forking)))
    monkeypatch.setattr(import_write.ImportWrite, "records", spy_records)
    monkeypatch.setattr(import_write.ImportWrite, "complete", spy_complete)
    with Desk.open(f"sqlite:///{tmp_path / 'db'}.sqlite3", actor("王敏")) as desk:
        assert desk.import_file(path, NewBatch("秋季", *SPEC)).created == 30
    at = calls.index(("complete", 1))                  # forked there, once
    assert calls[at - 4:at] == [("education", False), ("titles", False), ("training", False),
                                ("apprenticeships", False)]      # the kinds no sheet has: none, said at once
    assert sorted([calls[0][0], calls[at + 1][0]]) == ["certificates", "work"] and at == 5
    assert not any(by_call for kind, by_call in calls if kind != "complete")
    assert calls[at + 2:] == [("complete", 1)]          # finish: already begun
    assert forking[0].pid is None


def test_released_applicants_still_get_their_own_digests(tmp_path, forking):
    """``release``: this process frees each applicant once its round is taken; the child has its own view."""
    people = _applicants(60)
    expected = [audit.document_digest(snapshot(a)) for a in people]
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    with Desk.open(url, actor("王敏")) as desk:
        batch_id = desk.create_batch("秋季", *SPEC)
        handed = list(people)
        import_applicants(desk.db, handed, batch_id, desk.user, source="名单.json", release=True)
        assert handed == [] and len(forking) == 1
        with desk.db.reading() as session:
            stored = session.execute(text(
                "SELECT a.id_number, json_extract(u.after, '$.snapshot_sha256') FROM audit u "
                "JOIN applicant a ON a.id = u.entity_id WHERE u.entity = 'applicant' AND u.action = 'create' "
                "ORDER BY u.id")).all()
    assert stored == [(a.id_number, digest) for a, digest in zip(people, expected)]
    assert _verified(url)


def _counts(desk) -> tuple[int, ...]:
    with desk.db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(t))
                     for t in (BatchRow, ApplicantRow, WorkPeriodRow, ApplicationRow, AuditRow))


@pytest.mark.parametrize("death", ["exit", "kill"])
def test_a_child_that_dies_fails_the_import_and_leaves_nothing(tmp_path, monkeypatch, forking, death):
    """考生20 is in the second child's share: the first one's rounds were handed over before it is missed."""
    people, work = roster(30)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    here, encode = os.getpid(), bulk.applicant_json_bytes
    monkeypatch.setattr("eligibility_desk.services.records.import_write.DIGEST_CHILDREN", 2)

    def dying(applicant):      # in the child only (the fork inherits the patch); this process never calls it
        if os.getpid() != here and applicant.name == "考生20":
            if death == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            os._exit(3)
        return encode(applicant)
    monkeypatch.setattr(bulk, "applicant_json_bytes", dying)
    monkeypatch.setattr(import_digests, "FORK_MIN", 1)
    monkeypatch.setattr("eligibility_desk.services.records.import_write.DIGEST_CHUNK", 8)   # rounds before it dies
    with Desk.open(f"sqlite:///{tmp_path / 'a.sqlite3'}", actor("王敏")) as desk:
        before = _counts(desk)
        with pytest.raises(DigestsLost, match="信号 9" if death == "kill" else "退出码 3"):
            desk.import_file(path, NewBatch("秋季", *SPEC))
        assert _counts(desk) == before                      # no batch, applicant, record or audit row
        # two children (rounds of 8, two shares): the second one died; both ended and reaped
        assert len(forking) == 2 and all(c.pid is None and c.ready is None for c in forking)
        monkeypatch.setattr(bulk, "applicant_json_bytes", encode)
        assert desk.import_file(path, NewBatch("秋季", *SPEC)).created == 30     # the lock was let go


def test_a_cancelled_import_leaves_no_child(tmp_path, forking):
    people, work = roster(30)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    pids: list[int] = []

    def cancelled() -> bool:    # once the child has been forked (the write's next check)
        if forking and not pids:
            pids.append(forking[0].pid)
        return bool(forking)
    with Desk.open(f"sqlite:///{tmp_path / 'a.sqlite3'}", actor("王敏")) as desk:
        before = _counts(desk)
        report = desk.import_file(path, NewBatch("秋季", *SPEC), cancelled=cancelled)
        assert report.cancelled and not report.ok
        assert _counts(desk) == before
    assert pids and pids[0] and _gone(pids[0]) and forking[0].pid is None


def test_no_child_where_it_does_not_pay_or_is_not_safe(monkeypatch):
    assert import_digests.can_fork(import_digests.FORK_MIN)
    assert not import_digests.can_fork(import_digests.FORK_MIN - 1)
    assert not import_digests.can_fork(import_digests.FORK_MAX + 1)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not import_digests.can_fork(import_digests.FORK_MIN)


def test_insert_created_uses_rows_chained_elsewhere_only_where_the_chain_still_ends(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    try:
        digests = ["%064x" % i for i in range(6)]
        with db.writing() as session:
            start = audit.chain_start(session)
            line = audit.create_line(AT, "王敏")
            rows = audit.chain_created(line, *start, range(1, 7), digests)
            audit.insert_created(session, range(1, 4), digests[:3], AT, "王敏", chained=(*start, rows[:3]))
            # chained from a place the chain has moved past: worked out again
            stale = (start[0], start[1], ["f" * 64] * 3)
            audit.insert_created(session, range(4, 7), digests[3:], AT, "王敏", chained=stale)
            stored = [r for (r,) in session.execute(text("SELECT row_hash FROM audit ORDER BY seq"))]
        assert stored == rows
        with db.reading() as session:
            assert audit.verify(session, applicants=False).ok
        with db.writing() as session:     # rows given for where the chain does end are taken as they are
            seq, prev = audit.chain_start(session)
            audit.insert_created(session, [7], ["0" * 64], AT, "王敏", chained=(seq, prev, ["e" * 64]))
            assert session.execute(text("SELECT row_hash FROM audit WHERE seq = :s"), {"s": seq + 1}).scalar() == "e" * 64
    finally:
        db.close()


def test_a_child_forked_beside_threads_hashing_does_not_hang():
    """The child hashes with OpenSSL's SHA-256 while other threads of this process may be hashing too (with the
    GIL let go, for large data) at the moment of the fork: no lock of theirs is held for ever in the child."""
    import hashlib
    import threading

    data, stop = os.urandom(1 << 19), threading.Event()

    def hash_away():
        while not stop.is_set():
            hashlib.sha256(data).hexdigest()
            hashlib.new("sha256", data[:4096]).digest()
    threads = [threading.Thread(target=hash_away) for _ in range(2)]
    for thread in threads:
        thread.start()
    people = _applicants(40)
    expected = digests_here(people)
    try:
        for _ in range(25):
            child = DigestChild(people, 16)
            try:
                digests = [d for _ in range(0, len(people), 16) for d in child.take()[0]]
            finally:
                child.close()
            assert digests == expected
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def test_a_stuck_child_is_given_up_and_ended(monkeypatch):
    here, encode = os.getpid(), bulk.applicant_json_bytes

    def stuck(applicant):
        if os.getpid() != here:
            import time
            time.sleep(60)
        return encode(applicant)
    monkeypatch.setattr(bulk, "applicant_json_bytes", stuck)
    monkeypatch.setattr(import_digests, "ROUND_TIMEOUT", 0.3)
    child = DigestChild(_applicants(10), 5)
    pid = child.pid
    try:
        with pytest.raises(DigestsLost, match="无进展"):
            child.take()
    finally:
        child.close()
    assert _gone(pid)


def test_the_digests_of_children_sharing_the_rounds_are_stored_as_one_would(tmp_path, monkeypatch, forking):
    """Rounds of 7 over 60 applicants: two children of five and four rounds; the first chains its rows, the
    writer chains the second's; the stored rows equal an import without children (the chain verifies)."""
    monkeypatch.setattr("eligibility_desk.services.records.import_write.DIGEST_CHUNK", 7)
    monkeypatch.setattr("eligibility_desk.services.records.import_write.DIGEST_CHILDREN", 2)
    people = _applicants(60)
    stored = []
    for min_fork in (1, 10 ** 9):
        monkeypatch.setattr(import_digests, "FORK_MIN", min_fork)
        url = f"sqlite:///{tmp_path / f'{min_fork}.sqlite3'}"
        with Desk.open(url, actor("王敏")) as desk:
            batch_id = desk.create_batch("秋季", *SPEC)
            import_applicants(desk.db, list(people), batch_id, desk.user, source="名单.json", release=True)
        assert _verified(url)
        tables = _tables(url)
        stored.append(tables)
    assert len(forking) == 2 and [c.count for c in forking] == [35, 25]
    assert stored[0] == stored[1] and len(stored[0]["audit"]) == 62
