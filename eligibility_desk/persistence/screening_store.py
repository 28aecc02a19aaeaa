"""Writing a screening run's results in bulk: its distinct clause documents once each (``screening_trace``),
then one row per application naming its document (``screening_result.trace_id``).

On SQLite the rows go straight to the driver in one ``executemany`` of plain tuples, the run's constant
columns (run, standard, version, as-of date, time) written into the prepared statement once as literals
instead of being bound 113,530 times; other databases go through :func:`.bulk.insert`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from eligibility_desk.persistence import bulk
from eligibility_desk.persistence.models import ScreeningResultRow, ScreeningTraceRow

RESULT = ScreeningResultRow.__table__
TRACE = ScreeningTraceRow.__table__
#: per result: application id, verdict value, passing clause ids (JSON text), position of its document in the
#: run's documents, eligible_from (date or None)
RESULT_KEYS = ["application_id", "verdict", "passing_clauses", "trace_id", "eligible_from"]
#: ``clauses`` of a result whose document is in screening_trace
NO_CLAUSES = "null"


def insert_traces(session: Session, run_id: int, docs: list[str]) -> list[int]:
    """Store the run's clause documents (JSON text); returns their ids in the same order."""
    if bulk.is_sqlite(session):
        cursor = bulk.raw_cursor(session)
        try:
            ids = []
            for doc in docs:  # a few hundred: one execute each, for its rowid
                cursor.execute('INSERT INTO "screening_trace" ("run_id", "clauses") VALUES (?, ?)', (run_id, doc))
                ids.append(cursor.lastrowid)
            return ids
        finally:
            cursor.close()
    return [session.execute(TRACE.insert().returning(TRACE.c.id), {"run_id": run_id, "clauses": bulk.loads(doc)})
            .scalar_one() for doc in docs]


def insert_results(session: Session, rows: list[tuple], trace_ids: list[int], run_id: int, standard: str,
                   rule_version: str, as_of: date, screened_at: datetime) -> None:
    """Store the run's results (tuples in :data:`RESULT_KEYS` order, the trace given by its position in
    ``trace_ids``) in one ``executemany``."""
    if not rows:
        return
    if not bulk.is_sqlite(session):
        bulk.insert(session, RESULT, [(a, v, p, trace_ids[t], e) for a, v, p, t, e in rows], keys=RESULT_KEYS,
                    json_text=True, same={"run_id": run_id, "standard": standard, "rule_version": rule_version,
                                          "as_of": as_of, "screened_at": screened_at, "clauses": None})
        return
    dates: dict = {None: None}
    values = []
    append = values.append
    for app_id, verdict, passing, trace, eligible_from in rows:
        text = dates.get(eligible_from)
        if text is None and eligible_from is not None:
            text = dates[eligible_from] = eligible_from.isoformat()
        append((app_id, verdict, passing, trace_ids[trace], text))
    constants = ", ".join([str(int(run_id)), _quoted(standard), _quoted(rule_version), _quoted(as_of.isoformat()),
                           _quoted(screened_at.strftime("%Y-%m-%d %H:%M:%S.%f")), _quoted(NO_CLAUSES)])
    cursor = bulk.raw_cursor(session)
    try:
        cursor.executemany(
            'INSERT INTO "screening_result" ("application_id", "verdict", "passing_clauses", "trace_id", '
            '"eligible_from", "run_id", "standard", "rule_version", "as_of", "screened_at", "clauses") '
            f"VALUES (?, ?, ?, ?, ?, {constants})", values)
    finally:
        cursor.close()


def _quoted(text: str) -> str:
    """An SQL string literal (quotes doubled); the values are rule codes, versions and ISO dates."""
    if "\x00" in text:
        raise ValueError("NUL in an SQL literal")
    return "'" + text.replace("'", "''") + "'"
