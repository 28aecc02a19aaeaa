"""Screening a batch: every application (applicant × level) against the batch's standard, stored with the
rule version.  Results are appended as a new screening run — earlier runs stay as history.

The batch is screened in parts of applicants, as a pipeline: applicants are read as the engine reads them
(:func:`.screening_records.stream_screening_records`: only the columns it needs, typed records made in C; on
a SQLite file the next part is read by a thread while this one is screened), each part screened with
:meth:`CompiledStandard.screen_many` once per set of levels asked for, and its result rows handed to a
:class:`.screening_store.ResultWriter` (on a SQLite file written by a thread while the next part is
screened).  Rows go in application order, each distinct clause document serialised once straight from the
engine's raw answers (:func:`clauses_json`) and stored once per run (``screening_trace``).

Everything is written in one write transaction opened before the first part: the run, its results, its
counts and the audit row are committed together, and nothing is stored if ``cancelled()`` turns true (or
anything fails) before the commit.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import Counter
from datetime import date

from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, REVIEW, Verdict
from eligibility_desk.persistence import audit, bulk, screening_store
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import BatchRow, ScreeningRunRow, utcnow
from eligibility_desk.persistence.screening_records import (
    batch_applications,
    shared_between_threads,
    stream_screening_records,
)
from eligibility_desk.rules_engine.engine import ScreeningCancelled
from eligibility_desk.services.progress import Cancelled, Progress, never_cancelled, no_progress, paused_gc
from eligibility_desk.services.summaries import ScreeningSummary, VerdictCounts

VERDICTS = ("eligible", "ineligible", "review", "error")
#: the engine's verdict codes -> stored verdict values
_CODE_VALUES = {code: Verdict.from_code(code).value for code in (INELIGIBLE, REVIEW, ELIGIBLE)}
_VALUES = {v: v.value for v in Verdict}


def screen_batch(db: Database, library, batch_id: int, user: str,
                 progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> ScreeningSummary:
    with paused_gc():
        return _screen_batch(db, library, batch_id, user, progress, cancelled)


def _screen_batch(db, library, batch_id, user, progress, cancelled) -> ScreeningSummary:
    started = time.perf_counter()
    stored = _StoredRows()
    kept: list = []  # the batch's records and results, freed by a thread from the commit on
    with db.reading() as session:
        batch = session.get(BatchRow, batch_id)
        if batch is None:
            raise LookupError(f"no batch {batch_id}")
        standard = library.get(batch.standard, batch.as_of, batch.rule_version)
        as_of = batch.as_of
        apps = batch_applications(session, batch_id)
        wanted: dict[int, list] = {}  # applicant pk -> its applications (id, level), in level order
        for app_id, applicant_pk, level in apps:
            found = wanted.get(applicant_pk)
            if found is None:
                wanted[applicant_pk] = [(app_id, level)]
            else:
                found.append((app_id, level))
        total = len(wanted)
        progress(0, total)
        now = utcnow()
        try:
            with db.writing() as writing:
                run = ScreeningRunRow(batch_id=batch_id, standard=standard.code, rule_version=standard.version,
                                      as_of=as_of, started_at=now, user=user, counts={})
                writing.add(run)
                writing.flush()
                writer = screening_store.ResultWriter(writing, run.id, standard.code, standard.version, as_of, now,
                                                      threaded=shared_between_threads(session))
                try:
                    if apps:
                        # apps are in applicant order: the batch's lowest and highest applicant pk, and how many
                        _screen_parts(stream_screening_records(session, batch_id, (apps[0][1], apps[-1][1], total)),
                                      standard, wanted, as_of, progress, cancelled, stored, writer, kept)
                    if cancelled():
                        raise _Cancel
                    writer.finish()
                except BaseException:
                    writer.abandon()
                    raise
                counts = stored.counts()
                summary_counts = {v: counts.get(v, 0) for v in VERDICTS}
                run.counts = summary_counts
                audit.record(writing, user, "screening_run", run.id, "screen", None,
                             {"batch_id": batch_id, "standard": standard.code, "rule_version": standard.version,
                              "as_of": as_of, "applications": len(apps), "counts": summary_counts})
                run_id = run.id
                kept += (apps, wanted)
                del apps, wanted
                _free_in_background(kept)  # starts during the commit, which SQLite runs without the GIL
        except _Cancel:  # the write transaction rolled back: nothing of the run is stored
            return _cancelled(batch_id, standard, as_of, started)
    progress(total, total)
    return ScreeningSummary(run_id=run_id, batch_id=batch_id, standard=standard.code, rule_version=standard.version,
                            as_of=as_of, counts=VerdictCounts(**summary_counts), cancelled=False,
                            seconds=time.perf_counter() - started)


def _free_in_background(kept: list) -> None:
    """Free the batch's records and results (~2 million objects for 100,000 applicants, ~0.2 s of
    deallocation) in a thread: from the commit on, while SQLite writes without the GIL, and after the summary
    is returned, while the window shows the counts.

    The objects were made with the collector paused, so they all sit in its youngest generation; left there,
    the first collection after the screening would examine every one of them.  ``gc.freeze()`` +
    ``gc.unfreeze()`` moves them to the oldest generation unexamined (as ``CompiledStandard.screen_many``
    does) before the thread frees them.  A program that keeps frozen objects of its own would have them
    unfrozen: then they are freed here, now (and a cancelled screening frees them on its return)."""
    if gc.get_freeze_count():
        kept.clear()
        return
    gc.freeze()
    gc.unfreeze()
    threading.Thread(target=_free, args=(kept,), name="screening-free", daemon=True).start()


def _free(kept: list) -> None:
    """One part at a time (a few milliseconds each): between two, the thread that returned the summary gets
    the GIL back (one ``kept.clear()`` would hold it to the end)."""
    while kept:
        kept.pop()


class _Cancel(Exception):
    """Screening cancelled: leaves the write transaction, which rolls back."""


def _screen_parts(parts, standard, wanted, as_of, progress, cancelled, stored, writer, kept: list) -> None:
    """Screen the batch part by part (the next part is read while one is screened), each part's rows handed to
    ``writer`` (written while the next is screened); raises :class:`_Cancel` when cancelled.  Each part's
    records and results go to ``kept`` (see :func:`_free_in_background`)."""
    total = len(wanted)
    done = 0
    try:
        for applicants in parts:
            results = _screen_part(standard, applicants, wanted, as_of, cancelled, stored)
            if results is None:
                raise _Cancel
            kept += (applicants, results)
            writer.add(*stored.take())
            done += len(applicants)
            progress(done, total)
    finally:
        parts.close()


class _StoredRows:
    """A run's result rows, added part by part as the parts are screened.

    A batch's clause documents repeat: applicants with the same figures get the same traces (113,530 results of
    the benchmark batch have ~400 distinct documents), so each distinct document is serialised and stored once,
    keyed by the level's clause ids, whether the level is eligible (an eligible level stores no dates) and the
    raw answers.  Traces hold codes, whole numbers, flags and texts, each position always of one type, so equal
    keys serialise alike; an answer that cannot be hashed gets a document of its own."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []  # since the last take()
        self.docs: list[str] = []  # first seen since the last take()
        self._known = 0  # documents before those
        self._positions: dict[tuple, int] = {}
        self._passing: dict[tuple, str] = {}
        self._tally = dict.fromkeys(Verdict, 0)

    def take(self) -> tuple[list[tuple], list[str]]:
        """The rows added since the last call, and the documents they were first to use (positions count on
        over the whole run)."""
        rows, docs = self.rows, self.docs
        self.rows, self.docs = [], []
        self._known += len(docs)
        return rows, docs

    def counts(self) -> Counter:
        return Counter({_VALUES[v]: n for v, n in self._tally.items() if n})

    def add(self, wanted, results: dict[int, list]) -> None:
        """The rows of the applicants in ``results`` (pk -> level results), in the order of ``results``;
        ``wanted``: pk -> its applications ``(id, level)``, the order of its level results."""
        append = self.rows.append
        docs = self.docs
        positions = self._positions
        passing = self._passing
        tally = self._tally
        values = _VALUES
        eligible = Verdict.ELIGIBLE
        for applicant_pk, levels in results.items():
            for (app_id, _level), result in zip(wanted[applicant_pk], levels):
                verdict = result.verdict
                tally[verdict] += 1
                key = (result.clause_ids, verdict is eligible, result.clause_answers)
                try:
                    position = positions.get(key)
                except TypeError:  # an unhashable trace
                    position = None
                    key = None
                if position is None:
                    position = self._known + len(docs)
                    docs.append(str(clauses_json(result)))
                    if key is not None:
                        positions[key] = position
                ids = result.passing_clauses
                text = passing.get(ids)
                if text is None:
                    text = passing[ids] = str(_ids_json(ids))
                append((app_id, values[verdict], text, position, result.eligible_from))


def _screen_part(standard, applicants: dict, wanted: dict[int, list], as_of, cancelled,
                 stored: _StoredRows) -> dict | None:
    """Screen one part of the batch (pk -> record, in pk order), one :meth:`~CompiledStandard.screen_many` call
    per set of levels asked for, and add its rows to ``stored`` in pk order; the results (pk -> level
    results), ``None`` when cancelled."""
    groups: dict[tuple, list[int]] = {}
    for applicant_pk in applicants:
        levels = tuple([level for _app_id, level in wanted[applicant_pk]])
        group = groups.get(levels)
        if group is None:
            groups[levels] = [applicant_pk]
        else:
            group.append(applicant_pk)
    results: dict[int, list] = dict.fromkeys(applicants)
    for levels, pks in groups.items():
        try:
            screened = standard.screen_many([applicants[pk] for pk in pks], as_of, levels, cancelled=cancelled)
        except ScreeningCancelled:
            return None
        results.update(zip(pks, screened))
    stored.add(wanted, results)
    return results


def clauses_json(result, _fromordinal=date.fromordinal) -> bulk.RawJSON:
    """A level result's clauses as stored: ``[{"id", "verdict", "trace", "eligible_from"}, ...]``, built from
    the engine's raw answers (``clause_ids`` / ``clause_answers``) without making the ``ClauseResult``
    records — the same document as from :attr:`LevelResult.clauses` (tests/services/screening/test_screening_storage.py)."""
    names = _CODE_VALUES
    if result.verdict is Verdict.ELIGIBLE:  # an eligible level proposes no dates
        return bulk.dumps([{"id": cid, "verdict": names[answer[0]], "trace": answer[1], "eligible_from": None}
                           for cid, answer in zip(result.clause_ids, result.clause_answers)])
    return bulk.dumps([{"id": cid, "verdict": names[answer[0]], "trace": answer[1],
                        "eligible_from": None if answer[2] is None else _fromordinal(answer[2])}
                       for cid, answer in zip(result.clause_ids, result.clause_answers)])


def _cancelled(batch_id, standard, as_of, started) -> ScreeningSummary:
    return ScreeningSummary(run_id=None, batch_id=batch_id, standard=standard.code, rule_version=standard.version,
                            as_of=as_of, counts=VerdictCounts(), cancelled=True, seconds=time.perf_counter() - started)


_PASSING_JSON: dict[tuple, bulk.RawJSON] = {}


def _ids_json(ids: tuple[str, ...]) -> bulk.RawJSON:
    """``["4-1","4-3"]`` — clause ids are plain ASCII, no escaping needed; a level has few such tuples, so
    each is written once."""
    text = _PASSING_JSON.get(ids)
    if text is None:
        text = _PASSING_JSON[ids] = bulk.RawJSON('["' + '","'.join(ids) + '"]' if ids else "[]")
    return text
