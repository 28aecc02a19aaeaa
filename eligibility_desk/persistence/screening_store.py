"""Writing a screening run's results in bulk: its distinct clause documents once each (``screening_trace``),
then one row per application naming its document (``screening_result.trace_id``).

:class:`ResultWriter` takes the results part by part as they are screened: on a SQLite file a thread writes
each part (one ``json_each`` statement for its new documents, one for its rows: SQLite's C code does the
work, without the GIL) while the next part is screened; elsewhere the parts are written at the end by
:func:`insert_traces` and :func:`insert_results`.  On SQLite those go straight to the driver in one
``executemany`` of plain tuples; either way the run's constant columns (run, standard, version, as-of date,
time) are written into the statement once as literals instead of being bound 113,530 times; other databases
go through :func:`.bulk.insert`.
"""

from __future__ import annotations

import queue
import threading
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
    constants = _constants(run_id, standard, rule_version, as_of, screened_at)
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


class ResultWriter:
    """A run's results written part by part as they are screened, in the session's transaction.

    On a SQLite file a thread writes each part while the caller screens the next: the part's new clause
    documents and its rows each go to SQLite as one JSON text in one statement (``json_each``), so SQLite's
    C code does the inserting without the GIL and the thread needs Python only to start each statement.  A
    run's documents get consecutive ids (nothing else writes in the run's transaction; checked, a failure
    otherwise), so a row's document is ``first id + position``.  Elsewhere (other databases, in-memory
    SQLite) the parts are kept and written by :func:`insert_traces` and :func:`insert_results` at
    :meth:`finish`.

    ``add`` takes rows as :func:`insert_results` does, with the documents first seen in that part (positions
    count on from the earlier parts'); it raises an earlier part's write error.  :meth:`finish` waits for
    every write and raises a failed one's error; :meth:`abandon` stops the thread (the caller then rolls the
    transaction back)."""

    def __init__(self, session: Session, run_id: int, standard: str, rule_version: str, as_of: date,
                 screened_at: datetime, threaded: bool):
        self._session = session
        self._args = (run_id, standard, rule_version, as_of, screened_at)
        self._threaded = threaded and bulk.is_sqlite(session)
        self._rows: list[tuple] = []
        self._docs: list[str] = []
        if self._threaded:
            self._cursor = bulk.raw_cursor(session)
            self._parts: queue.Queue = queue.Queue()
            self._error: BaseException | None = None
            self._first_trace: int | None = None
            self._statement = (
                'INSERT INTO "screening_result" ("application_id", "verdict", "passing_clauses", "trace_id", '
                '"eligible_from", "run_id", "standard", "rule_version", "as_of", "screened_at", "clauses") '
                "SELECT value ->> 0, value ->> 1, value ->> 2, :first + (value ->> 3), value ->> 4, "
                + _constants(*self._args) + " FROM json_each(:rows) ORDER BY key")
            self._thread = threading.Thread(target=self._write_parts, name="screening-write", daemon=True)
            self._thread.start()

    def add(self, rows: list[tuple], docs: list[str]) -> None:
        if not self._threaded:
            self._rows.extend(rows)
            self._docs.extend(docs)
        elif self._error is None:
            self._parts.put((rows, docs))
        else:  # a part failed to be written: stop screening the rest
            raise self._error

    def finish(self) -> None:
        if not self._threaded:
            insert_results(self._session, self._rows, insert_traces(self._session, self._args[0], self._docs),
                           *self._args)
            return
        self._parts.put(None)
        self._thread.join()
        self._cursor.close()
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        if self._threaded and self._thread.is_alive():
            self._error = self._error or _Abandoned()
            self._parts.put(None)
            self._thread.join()
            self._cursor.close()

    def _write_parts(self) -> None:
        run_id = self._args[0]
        cursor = self._cursor
        known = 0  # documents written so far
        while True:
            part = self._parts.get()
            if part is None:
                return
            if self._error is not None:
                continue  # abandoned or failed: drain until the end
            rows, docs = part
            try:
                if docs:
                    cursor.execute('INSERT INTO "screening_trace" ("run_id", "clauses") '
                                   "SELECT ?, value FROM json_each(?) ORDER BY key", (run_id, bulk.dumps_text(docs)))
                    cursor.execute('SELECT min(id), max(id), count(*) FROM "screening_trace" WHERE run_id = ?',
                                   (run_id,))
                    lowest, highest, count = cursor.fetchone()
                    known += len(docs)
                    if count != known or highest - lowest + 1 != count:
                        raise RuntimeError("screening_trace ids of a run are not consecutive")
                    self._first_trace = lowest
                if rows:
                    cursor.execute(self._statement, {"first": self._first_trace, "rows": bulk.dumps_text(rows)})
            except BaseException as exc:  # raised by finish() in the caller's thread
                self._error = exc


class _Abandoned(Exception):
    pass


def _constants(run_id: int, standard: str, rule_version: str, as_of: date, screened_at: datetime) -> str:
    """The run's constant columns of every result as SQL literals."""
    return ", ".join([str(int(run_id)), _quoted(standard), _quoted(rule_version), _quoted(as_of.isoformat()),
                      _quoted(screened_at.strftime("%Y-%m-%d %H:%M:%S.%f")), _quoted(NO_CLAUSES)])
