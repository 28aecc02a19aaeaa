"""Screening a batch in parts (issue 12, stored screening round three): on a SQLite file the next part is
read by a thread and each part's results are written by another while a part is screened; the stored rows
must be exactly what the one-piece path stores — the read of every applicant at once and the write at the
end (``load_screening_records``, ``insert_traces`` / ``insert_results``), which other databases use — and
what one ``standard.screen`` per applicant gives.  Parts are made small here so a small batch has many."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from eligibility_desk import demo
from eligibility_desk.persistence import bulk, screening_records, screening_store
from eligibility_desk.persistence.applicants import load_applicants
from eligibility_desk.persistence.models import ApplicationRow, ScreeningRunRow
from eligibility_desk.services.records.importing import import_applicants
from eligibility_desk.services.screening import batch_screening
from tests.services.screening.test_screening_storage import stored_clauses
from tests.services.screening.test_stored_read import RARE


def _one_piece(monkeypatch) -> None:
    """Screen as other databases do: every applicant read at once, every result written at the end."""
    monkeypatch.setattr(batch_screening, "shared_between_threads", lambda _session: False)
    monkeypatch.setattr(screening_records, "shared_between_threads", lambda _session: False)


def _batch(desk, n: int = 150, seed: int = 5) -> int:
    batch = demo.demo_batch()
    batch_id = desk.create_batch("分段核对", batch.standard, batch.levels, batch.as_of)
    people = demo.demo_applicants(n, seed=seed, as_of=batch.as_of)
    import_applicants(desk.db, [a for a, _ in people], batch_id, desk.user, {a.id_number: lv for a, lv in people},
                      source="test")
    pk, _version = desk.save_applicant(None, RARE)
    desk.apply(pk, batch_id, ["4", "3"])
    return batch_id


def _stored(desk, run_id: int) -> list[tuple]:
    """A run's results as stored, in the order written, the clause document joined in as it is stored."""
    with desk.db.reading() as session:
        rows = session.execute(text(
            "SELECT r.application_id, r.verdict, r.passing_clauses, t.clauses, r.eligible_from, r.standard, "
            "r.rule_version, r.as_of, r.clauses, t.run_id FROM screening_result r "
            "LEFT JOIN screening_trace t ON t.id = r.trace_id WHERE r.run_id = :run ORDER BY r.id"),
            {"run": run_id}).all()
    assert all(row[-1] == run_id for row in rows)  # every document is the run's own
    return [tuple(row[:-1]) for row in rows]


def _traces(desk, run_id: int) -> list:
    with desk.db.reading() as session:
        return [row[0] for row in session.execute(
            text("SELECT clauses FROM screening_trace WHERE run_id = :run ORDER BY id"), {"run": run_id})]


def test_parts_store_what_the_one_piece_path_and_one_screen_per_applicant_store(desk, monkeypatch):
    batch_id = _batch(desk)
    monkeypatch.setattr(screening_records, "PART", 7)  # 151 applicants: 22 parts
    parts = desk.screen_batch(batch_id)
    with monkeypatch.context() as patch:
        _one_piece(patch)
        whole = desk.screen_batch(batch_id)
    assert parts.counts == whole.counts and parts.run_id != whole.run_id
    stored = _stored(desk, parts.run_id)
    assert stored == _stored(desk, whole.run_id)
    assert _traces(desk, parts.run_id) == _traces(desk, whole.run_id)  # the same documents, in the same order

    # and both are what one standard.screen per applicant gives, application by application
    info = desk.batch(batch_id)
    standard = desk.library.get(info.standard, info.as_of)
    with desk.db.reading() as session:
        applicants = load_applicants(session, batch_id=batch_id)
        apps = [tuple(row) for row in session.execute(text(
            "SELECT id, applicant_id, level FROM application WHERE batch_id = :b ORDER BY applicant_id, level"),
            {"b": batch_id})]
        sqlite = bulk.is_sqlite(session)
        assert screening_records.shared_between_threads(session) == sqlite  # the threads ran on SQLite
    expected = []
    for app_id, pk, level in apps:
        [result] = standard.screen(applicants[pk], info.as_of, [level])
        expected.append((app_id, result.verdict.value, list(result.passing_clauses), stored_clauses(result),
                         result.eligible_from))
    assert len(stored) == len(expected) == parts.counts.total
    for row, (app_id, verdict, passing, clauses, eligible_from) in zip(stored, expected):
        got_app, got_verdict, got_passing, got_clauses, got_from, std, version, as_of, own = row
        assert (got_app, got_verdict, bulk.parse_date(got_from)) == (app_id, verdict, eligible_from)
        assert (std, version, bulk.parse_date(as_of), own) == (standard.code, standard.version, info.as_of,
                                                              "null" if sqlite else None)
        if sqlite:  # stored as text: the very bytes
            assert (got_passing, got_clauses) == (str(bulk.dumps(passing)), clauses)
        else:
            assert (got_passing, got_clauses) == (passing, bulk.loads(clauses))
    assert {verdict for _a, verdict, *_ in expected} == {"eligible", "ineligible", "review"}
    assert any(eligible_from for *_, eligible_from in expected)


def test_a_screening_cancelled_after_some_parts_were_written_stores_nothing(desk, monkeypatch):
    batch_id = _batch(desk, n=60)
    monkeypatch.setattr(screening_records, "PART", 5)
    seen = []

    def progress(done, total):
        seen.append(done)

    # cancelled once a part was screened (and, on a SQLite file, handed to the writer): on SQLite after the
    # first of 13 parts; other databases screen in one part, cancelled before the write
    summary = desk.screen_batch(batch_id, progress, cancelled=lambda: max(seen) > 0)
    assert summary.cancelled and summary.run_id is None
    if desk.db.is_sqlite:
        assert seen == [0, 5]
    with desk.db.reading() as session:
        for table in ("screening_run", "screening_result", "screening_trace"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
    again = desk.screen_batch(batch_id)  # nothing was left half-done: the next screening stores it all
    with desk.db.reading() as session:
        applications = session.execute(text("SELECT count(*) FROM application WHERE batch_id = :b"),
                                       {"b": batch_id}).scalar()
    assert again.counts.total == applications == len(_stored(desk, again.run_id))


@pytest.mark.parametrize("threaded", [True, False])
def test_result_writer_stores_documents_and_constants_as_given(desk, threaded):
    """The threaded writer hands SQLite each part as JSON text (``json_each``): texts with quotes,
    backslashes, line separators and characters outside the BMP come back byte for byte, dates as ISO text,
    and a part's rows name their documents across parts."""
    from eligibility_desk.persistence.models import ScreeningResultRow
    from eligibility_desk.persistence.traces import result_clauses

    batch_id = _batch(desk, n=4)
    docs = ['[{"id":"4-1","verdict":"eligible","trace":["work",5,2000,1,1,true],"eligible_from":null}]',
            '[{"id":"4-1","verdict":"review","trace":["doubt",[["end","营销员 \\"乙\\" \\\\ \u2028 𠀀",7]],[]],'
            '"eligible_from":"2026-01-02"}]',
            '[]']
    at = datetime(2026, 12, 5, 1, 2, 3, 456789)
    with desk.db.writing() as session:
        apps = [a.id for a in session.query(ApplicationRow).filter_by(batch_id=batch_id).order_by(ApplicationRow.id)]
        run = ScreeningRunRow(batch_id=batch_id, standard="x'y", rule_version="2025-'征求'意见稿",
                              as_of=date(2025, 9, 1), started_at=at, user="测试", counts={})
        session.add(run)
        session.flush()
        writer = screening_store.ResultWriter(session, run.id, "x'y", "2025-'征求'意见稿", date(2025, 9, 1), at,
                                              threaded=threaded and screening_records.shared_between_threads(session))
        rows = [(app_id, "eligible" if i % 3 == 0 else "review", '["4-1"]' if i % 3 == 0 else "[]", i % 3,
                 None if i % 3 == 0 else date(2026, 1, 2 + i)) for i, app_id in enumerate(apps)]
        writer.add(rows[:2], docs[:2])   # the first part: documents 0 and 1
        writer.add(rows[2:3], [])        # no new document
        writer.add(rows[3:], docs[2:])   # document 2, and rows naming 0 and 1 again
        writer.finish()
        run_id = run.id
    with desk.db.reading() as session:
        stored = session.query(ScreeningResultRow).filter_by(run_id=run_id).order_by(ScreeningResultRow.id).all()
        shared = {row.id: row.clauses for row in session.execute(
            text("SELECT id, clauses FROM screening_trace WHERE run_id = :r ORDER BY id"), {"r": run_id})}
        sqlite = bulk.is_sqlite(session)
    assert [r.application_id for r in stored] == apps and len(apps) >= 5
    if sqlite:
        assert list(shared.values()) == docs
    for i, r in enumerate(stored):
        assert (r.standard, r.rule_version, r.as_of, r.screened_at, r.clauses) == (
            "x'y", "2025-'征求'意见稿", date(2025, 9, 1), at, None)
        assert (r.verdict, r.passing_clauses, r.eligible_from) == (rows[i][1], bulk.loads(rows[i][2]), rows[i][4])
        doc = shared[r.trace_id]
        assert result_clauses(r.clauses, bulk.loads(doc) if isinstance(doc, str) else doc) == \
            result_clauses(bulk.loads(docs[i % 3]), None)


def test_freeing_after_the_return_leaves_a_programs_frozen_objects_frozen(desk):
    """The batch's objects are moved out of the collector's youngest generation with gc.freeze() +
    gc.unfreeze() before a thread frees them — unless the program keeps frozen objects of its own, which
    must stay frozen (then the batch is freed before the return)."""
    import gc

    batch_id = _batch(desk, n=20)
    assert gc.get_freeze_count() == 0
    first = desk.screen_batch(batch_id)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    keep = [object() for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        second = desk.screen_batch(batch_id)
        # still frozen (a frozen object that died meanwhile leaves the count; unfreezing would empty it)
        assert frozen - 100 < gc.get_freeze_count() <= frozen and gc.isenabled()
    finally:
        gc.unfreeze()
    assert first.counts == second.counts and keep


def test_a_part_that_cannot_be_written_raises_and_nothing_of_the_run_is_stored(desk):
    """A write that fails in the writer's thread (here a row naming no application) is raised in the caller,
    and the transaction, run included, rolls back."""
    batch_id = _batch(desk, n=4)
    with pytest.raises(Exception) as caught:
        with desk.db.writing() as session:
            run = ScreeningRunRow(batch_id=batch_id, standard="4-07-02-06", rule_version="v", as_of=date(2025, 9, 1),
                                  started_at=datetime(2026, 12, 5), user="测试", counts={})
            session.add(run)
            session.flush()
            writer = screening_store.ResultWriter(session, run.id, "4-07-02-06", "v", date(2025, 9, 1),
                                                  datetime(2026, 12, 5),
                                                  threaded=screening_records.shared_between_threads(session))
            writer.add([(10**9, "eligible", "[]", 0, None)], ["[]"])
            writer.finish()
    assert "foreign key" in str(caught.value).lower()
    with desk.db.reading() as session:
        for table in ("screening_run", "screening_result", "screening_trace"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
