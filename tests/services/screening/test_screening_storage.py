"""What screening stores is what the engine's results say, clause by clause.

The service screens with ``screen_many`` per set of levels and serialises clauses straight from the
engine's raw answers (``clauses_json``); these tests compute the stored form independently, the way it was
first written — one ``standard.screen`` per applicant and a document per ``ClauseResult`` of ``.clauses`` —
and compare, on SQLite (the text byte for byte) and on PostgreSQL.
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
            "SELECT a.code, p.level, r.verdict, r.passing_clauses, r.clauses, r.eligible_from, r.run_id, r.standard, "
            "r.rule_version, r.as_of, r.id FROM screening_result r JOIN application p ON p.id = r.application_id "
            "JOIN applicant a ON a.id = p.applicant_id ORDER BY r.id")).all()
        sqlite = bulk.is_sqlite(session)
    assert len(rows) == len(expected) == summary.counts.total
    # results are written in application order: applicant, then level (as the first version did)
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), key=[a.id for a, _ in people].index)
    for code, level, verdict, passing, clauses, eligible_from, run_id, std, version, as_of, _id in rows:
        want_verdict, want_passing, want_clauses, want_from = expected[(code, level)]
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
