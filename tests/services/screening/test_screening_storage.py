"""What screening stores is what the engine's results say, clause by clause.

The service screens with ``screen_many`` per set of levels and serialises clauses straight from the
engine's raw answers (``clauses_json``), each distinct document once per run (``screening_trace``); these tests
compute the stored form independently, the way it was first written — one ``standard.screen`` per applicant
and a document per ``ClauseResult`` of ``.clauses`` — and compare, on SQLite (the text byte for byte) and on
PostgreSQL.  Results stored before revision 0008 hold their document in ``screening_result.clauses``; they
read the same as the new ones.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from eligibility_desk import demo
from eligibility_desk.persistence import bulk
from eligibility_desk.services.records.importing import import_applicants
from eligibility_desk.services.screening.batch_screening import clauses_json


def stored_clauses(result) -> str:
    """The clauses document as the first version of services/screening/batch_screening.py wrote it, from ``.clauses``."""
    return str(bulk.dumps([{"id": c.id, "verdict": c.verdict.value, "trace": c.trace, "eligible_from": c.eligible_from}
                           for c in result.clauses]))


@pytest.fixture(scope="module")
def standard():
    from eligibility_desk.rules_engine import RuleLibrary

    return RuleLibrary.load().get(demo.STANDARD, date(2025, 9, 1))


@pytest.mark.parametrize("as_of", [date(2025, 9, 1), date(2024, 3, 1), date(2027, 1, 1)])
def test_clauses_json_from_raw_answers_is_the_document_from_clause_results(standard, as_of):
    people = demo.demo_applicants(400, seed=11, as_of=as_of)
    seen = set()
    for applicant, _levels in people:
        for result in standard.screen(applicant, as_of):
            assert str(clauses_json(result)) == stored_clauses(result)
            seen.add(result.verdict.value)
            if result.eligible_from is not None:
                seen.add("eligible_from")
    # every kind of result went through the comparison, dated projections included
    assert seen == {"eligible", "ineligible", "review", "eligible_from"}


def test_stored_results_match_one_screen_per_applicant(desk, standard):
    batch = demo.demo_batch()
    batch_id = desk.create_batch("存储核对", batch.standard, batch.levels, batch.as_of)
    people = demo.demo_applicants(300, seed=5, as_of=batch.as_of)
    import_applicants(desk.db, [a for a, _ in people], batch_id, desk.user, {a.id_number: lv for a, lv in people},
                      source="test")
    summary = desk.screen_batch(batch_id)

    expected = {}
    for applicant, levels in people:
        for level, result in zip(levels, standard.screen(applicant, batch.as_of, levels)):
            expected[(applicant.id, level)] = (result.verdict.value, list(result.passing_clauses), stored_clauses(result),
                                               result.eligible_from)
    with desk.db.reading() as session:
        rows = session.execute(text(
            "SELECT a.code, p.level, r.verdict, r.passing_clauses, t.clauses, r.eligible_from, r.run_id, r.standard, "
            "r.rule_version, r.as_of, r.clauses, t.run_id FROM screening_result r "
            "JOIN application p ON p.id = r.application_id JOIN applicant a ON a.id = p.applicant_id "
            "LEFT JOIN screening_trace t ON t.id = r.trace_id ORDER BY r.id")).all()
        traces = session.execute(text("SELECT count(*), min(run_id), max(run_id) FROM screening_trace")).one()
        sqlite = bulk.is_sqlite(session)
    assert len(rows) == len(expected) == summary.counts.total
    # results are written in application order: applicant, then level (as the first version did)
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), key=[a.id for a, _ in people].index)
    # each distinct document stored once, in the run's trace table; the result's own column holds JSON null
    assert traces[0] == len({clauses for *_, clauses, _f in expected.values()}) < len(rows)
    assert traces[1:] == (summary.run_id, summary.run_id)
    for code, level, verdict, passing, clauses, eligible_from, run_id, std, version, as_of, own, trace_run in rows:
        want_verdict, want_passing, want_clauses, want_from = expected[(code, level)]
        assert trace_run == run_id and own in ("null", None)
        assert (verdict, run_id, std, version, bulk.parse_date(as_of)) == (
            want_verdict, summary.run_id, standard.code, standard.version, batch.as_of)
        assert bulk.parse_date(eligible_from) == want_from
        if sqlite:  # stored as text: the very bytes
            assert (passing, clauses) == (str(bulk.dumps(want_passing)), want_clauses)
        else:  # PostgreSQL hands JSON back parsed
            assert (passing, clauses) == (want_passing, bulk.loads(want_clauses))
    counts = {}
    for verdict, *_ in expected.values():
        counts[verdict] = counts.get(verdict, 0) + 1
    assert counts == {k: v for k, v in vars(summary.counts).items() if v}


def _read_back(desk, batch_id, tmp_path, name):
    """Everything that reads stored traces: each applicant's results (the window's explanations, the problem
    report), the review queue, and the export's two sheets."""
    from openpyxl import load_workbook

    pks = sorted({item.pk for item in desk.applicant_rows(batch_id)})
    results = [desk.results(pk, batch_id) for pk in pks]
    desk.export_batch(batch_id, tmp_path / name)
    book = load_workbook(tmp_path / name, read_only=True)
    sheets = {ws.title: [row for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    book.close()
    return results, desk.review_queue(batch_id), sheets


def test_results_stored_before_0008_read_the_same(desk, tmp_path):
    """The same results in the old format (the document in each result's ``clauses``, no ``trace_id`` — what
    revision 0008's downgrade writes back, and what every result stored before 0008 holds) and in the new one
    read back identically: clauses, traces, dates, review queue and export."""
    batch = demo.demo_batch()
    batch_id = desk.create_batch("新旧格式", batch.standard, batch.levels, batch.as_of)
    people = demo.demo_applicants(200, seed=3, as_of=batch.as_of)
    import_applicants(desk.db, [a for a, _ in people], batch_id, desk.user, {a.id_number: lv for a, lv in people},
                      source="test")
    desk.screen_batch(batch_id)
    new = _read_back(desk, batch_id, tmp_path, "new.xlsx")
    with desk.db.writing() as session:
        assert session.execute(text("SELECT count(*) FROM screening_result WHERE trace_id IS NULL")).scalar() == 0
        session.execute(text("UPDATE screening_result SET clauses = (SELECT t.clauses FROM screening_trace t "
                             "WHERE t.id = screening_result.trace_id), trace_id = NULL"))
        session.execute(text("DELETE FROM screening_trace"))
    old = _read_back(desk, batch_id, tmp_path, "old.xlsx")
    results, queue, sheets = new
    assert sum(len(r) for r in results) == sum(len(lv) for _a, lv in people)
    assert any(c.eligible_from for rs in results for r in rs for c in r.clauses)  # dated projections compared too
    assert any(c.trace for rs in results for r in rs for c in r.clauses)
    assert queue and len(sheets["条款明细"]) > len(people)
    assert old == new


def test_run_constants_with_quotes_are_stored_as_given(desk):
    """The run's constant columns go into the insert statement once, as literals: a version or code with a
    quote in it (a rule file's own text) is stored as given, and the rows read back through the ORM."""
    from datetime import datetime

    from eligibility_desk.persistence import screening_store
    from eligibility_desk.persistence.models import ApplicationRow, ScreeningResultRow, ScreeningRunRow
    from eligibility_desk.persistence.traces import result_clauses

    batch = demo.demo_batch()
    batch_id = desk.create_batch("引号", batch.standard, batch.levels, batch.as_of)
    people = demo.demo_applicants(3, seed=2, as_of=batch.as_of)
    import_applicants(desk.db, [a for a, _ in people], batch_id, desk.user, {a.id_number: lv for a, lv in people},
                      source="test")
    docs = ['[{"id":"4-1","verdict":"eligible","trace":["work",5,2000,1,1,true],"eligible_from":null}]',
            '[{"id":"4-1","verdict":"review","trace":["doubt",[["end","营销员",7]],[]],"eligible_from":"2026-01-02"}]']
    at = datetime(2026, 12, 5, 1, 2, 3, 456789)
    with desk.db.writing() as session:
        apps = [a.id for a in session.query(ApplicationRow).filter_by(batch_id=batch_id).order_by(ApplicationRow.id)]
        run = ScreeningRunRow(batch_id=batch_id, standard="x'y", rule_version="2025-'征求'意见稿", as_of=batch.as_of,
                              started_at=at, user="测试", counts={})
        session.add(run)
        session.flush()
        rows = [(app_id, "eligible" if i % 2 == 0 else "review", '["4-1"]' if i % 2 == 0 else "[]", i % 2,
                 None if i % 2 == 0 else date(2026, 1, 2)) for i, app_id in enumerate(apps)]
        ids = screening_store.insert_traces(session, run.id, docs)
        screening_store.insert_results(session, rows, ids, run.id, "x'y", "2025-'征求'意见稿", batch.as_of, at)
        run_id = run.id
    with desk.db.reading() as session:
        stored = session.query(ScreeningResultRow).filter_by(run_id=run_id).order_by(ScreeningResultRow.id).all()
        shared = {t: session.execute(text("SELECT clauses FROM screening_trace WHERE id = :t"), {"t": t}).scalar()
                  for t in ids}
    assert [r.application_id for r in stored] == apps and len(apps) >= 2
    for i, r in enumerate(stored):
        assert (r.standard, r.rule_version, r.as_of, r.screened_at, r.clauses) == (
            "x'y", "2025-'征求'意见稿", batch.as_of, at, None)
        assert (r.verdict, r.passing_clauses, r.eligible_from) == (rows[i][1], bulk.loads(rows[i][2]), rows[i][4])
        doc = shared[r.trace_id]
        assert result_clauses(r.clauses, bulk.loads(doc) if isinstance(doc, str) else doc) == \
            result_clauses(bulk.loads(docs[i % 2]), None)
