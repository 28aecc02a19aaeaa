"""Screening a batch: every application (applicant × level) against the batch's standard, stored with the
rule version.  Results are appended as a new screening run — earlier runs stay as history.

Applicants are loaded with Core queries, screened in memory, and the results written with one
``executemany`` insert; nothing is written if ``cancelled()`` turns true before the write.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from sqlalchemy import select

from eligibility_desk.persistence import audit
from eligibility_desk.persistence.applicants import load_applicants
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import ApplicationRow, BatchRow, ScreeningResultRow, ScreeningRunRow, utcnow
from eligibility_desk.persistence.traces import clauses_to_json
from eligibility_desk.services.progress import Cancelled, Progress, never_cancelled, no_progress
from eligibility_desk.services.summaries import ScreeningSummary, VerdictCounts

APP = ApplicationRow.__table__
VERDICTS = ("eligible", "ineligible", "review", "error")


def screen_batch(db: Database, library, batch_id: int, user: str,
                 progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> ScreeningSummary:
    started = time.perf_counter()
    with db.reading() as session:
        batch = session.get(BatchRow, batch_id)
        if batch is None:
            raise LookupError(f"no batch {batch_id}")
        standard = library.get(batch.standard, batch.as_of)
        as_of = batch.as_of
        apps = session.execute(select(APP.c.id, APP.c.applicant_id, APP.c.level)
                               .where(APP.c.batch_id == batch_id).order_by(APP.c.applicant_id, APP.c.level)).all()
        applicants = load_applicants(session, {a.applicant_id for a in apps}) if apps else {}
    by_applicant: dict[int, list] = defaultdict(list)
    for app in apps:
        by_applicant[app.applicant_id].append(app)

    total = len(by_applicant)
    rows = []
    counts: Counter = Counter()
    now = utcnow()
    step = max(1, total // 100)
    for done, (applicant_pk, wanted) in enumerate(by_applicant.items()):
        if done % step == 0:
            if cancelled():
                return _cancelled(batch_id, standard, as_of, started)
            progress(done, total)
        results = standard.screen(applicants[applicant_pk], as_of, [a.level for a in wanted])
        for app, result in zip(wanted, results):
            verdict = result.verdict.value
            counts[verdict] += 1
            rows.append({"application_id": app.id, "verdict": verdict, "passing_clauses": list(result.passing_clauses),
                         "clauses": clauses_to_json(result.clauses), "eligible_from": result.eligible_from,
                         "standard": standard.code, "rule_version": standard.version, "as_of": as_of,
                         "screened_at": now})
    if cancelled():
        return _cancelled(batch_id, standard, as_of, started)
    summary_counts = {v: counts.get(v, 0) for v in VERDICTS}
    with db.writing() as session:
        run = ScreeningRunRow(batch_id=batch_id, standard=standard.code, rule_version=standard.version, as_of=as_of,
                              started_at=now, user=user, counts=summary_counts)
        session.add(run)
        session.flush()
        for row in rows:
            row["run_id"] = run.id
        if rows:
            session.execute(ScreeningResultRow.__table__.insert(), rows)
        audit.record(session, user, "screening_run", run.id, "screen", None,
                     {"batch_id": batch_id, "standard": standard.code, "rule_version": standard.version,
                      "as_of": as_of, "applications": len(rows), "counts": summary_counts})
        run_id = run.id
    progress(total, total)
    return ScreeningSummary(run_id=run_id, batch_id=batch_id, standard=standard.code, rule_version=standard.version,
                            as_of=as_of, counts=VerdictCounts(**summary_counts), cancelled=False,
                            seconds=time.perf_counter() - started)


def _cancelled(batch_id, standard, as_of, started) -> ScreeningSummary:
    return ScreeningSummary(run_id=None, batch_id=batch_id, standard=standard.code, rule_version=standard.version,
                            as_of=as_of, counts=VerdictCounts(), cancelled=True, seconds=time.perf_counter() - started)
