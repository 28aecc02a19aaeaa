"""Read-only Core queries behind the lists the desk shows: fast on 100,000 applicants (no ORM objects)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eligibility_desk.persistence.models import (
    ApplicantRow,
    ApplicationRow,
    EducationRow,
    ReviewDecisionRow,
    ScreeningResultRow,
)

A = ApplicantRow.__table__
APP = ApplicationRow.__table__
RES = ScreeningResultRow.__table__
DEC = ReviewDecisionRow.__table__
EDU = EducationRow.__table__


def latest_results(batch_id: int | None = None, applicant_id: int | None = None):
    """Subquery: application id -> id of its newest screening result."""
    stmt = select(RES.c.application_id.label("application_id"), func.max(RES.c.id).label("result_id"))
    if batch_id is not None or applicant_id is not None:
        stmt = stmt.join(APP, APP.c.id == RES.c.application_id)
        if batch_id is not None:
            stmt = stmt.where(APP.c.batch_id == batch_id)
        if applicant_id is not None:
            stmt = stmt.where(APP.c.applicant_id == applicant_id)
    return stmt.group_by(RES.c.application_id).subquery("latest")


def latest_decisions():
    """Subquery: result id -> id of its newest decision."""
    return (select(DEC.c.result_id.label("result_id"), func.max(DEC.c.id).label("decision_id"))
            .group_by(DEC.c.result_id).subquery("latest_decision"))


def application_states(session: Session, batch_id: int | None = None, applicant_id: int | None = None):
    """Rows of (application id, applicant id, level, latest result id, verdict, decision id) for a batch."""
    latest = latest_results(batch_id, applicant_id)
    decided = latest_decisions()
    stmt = (select(APP.c.id, APP.c.applicant_id, APP.c.level, latest.c.result_id, RES.c.verdict, decided.c.decision_id)
            .select_from(APP)
            .outerjoin(latest, latest.c.application_id == APP.c.id)
            .outerjoin(RES, RES.c.id == latest.c.result_id)
            .outerjoin(decided, decided.c.result_id == latest.c.result_id))
    if batch_id is not None:
        stmt = stmt.where(APP.c.batch_id == batch_id)
    if applicant_id is not None:
        stmt = stmt.where(APP.c.applicant_id == applicant_id)
    return session.execute(stmt.order_by(APP.c.applicant_id, APP.c.id)).all()


def plain(session: Session, sql: str, params: dict | None = None) -> list[tuple]:
    """Rows of a read-only SQL text as plain tuples (``:name`` parameters work on SQLite and elsewhere).
    On SQLite the driver's cursor is used directly: no per-row wrapping, values as stored."""
    from sqlalchemy import text

    from eligibility_desk.persistence import bulk

    if bulk.is_sqlite(session):
        cursor = bulk.raw_cursor(session)
        try:
            cursor.execute(sql, params or {})
            return cursor.fetchall()
        finally:
            cursor.close()
    return [tuple(row) for row in session.execute(text(sql), params or {})]


_LIST_HEADS = """
SELECT a.id, a.code, a.name, a.id_number, e.school, e.major
FROM applicant a LEFT JOIN education e ON e.applicant_id = a.id AND e.position = 0
{where} ORDER BY a.id"""
_LIST_STATES = """
SELECT app.applicant_id, app.level, r.verdict, d.result_id IS NOT NULL
FROM application app
LEFT JOIN (SELECT s.application_id AS application_id, MAX(s.id) AS rid FROM screening_result s
           {join} GROUP BY s.application_id) l ON l.application_id = app.id
LEFT JOIN screening_result r ON r.id = l.rid
LEFT JOIN (SELECT DISTINCT result_id FROM review_decision) d ON d.result_id = l.rid
{where} ORDER BY app.applicant_id, app.id"""


def applicant_list(session: Session, batch_id: int | None):
    """(heads, states) for :meth:`Desk.applicant_rows`, as plain tuples sorted by applicant id.

    heads: (id, code, name, id_number, first school, first major);
    states: (applicant id, level, latest verdict or None, decided)."""
    params = {"batch": batch_id}
    if batch_id is None:
        heads = plain(session, _LIST_HEADS.format(where=""))
        states = plain(session, _LIST_STATES.format(join="", where=""))
    else:
        heads = plain(session, _LIST_HEADS.format(
            where="WHERE a.id IN (SELECT applicant_id FROM application WHERE batch_id = :batch)"), params)
        states = plain(session, _LIST_STATES.format(
            join="JOIN application sa ON sa.id = s.application_id AND sa.batch_id = :batch",
            where="WHERE app.batch_id = :batch"), params)
    return heads, states


def batch_counts(session: Session, batch_id: int) -> tuple[dict, int, int, int, int]:
    """(verdict -> count of latest results, applications, applicants, decided, review pending), in SQL."""
    latest = latest_results(batch_id)
    decided = latest_decisions()
    stmt = (select(RES.c.verdict, (decided.c.decision_id.is_not(None)).label("decided"), func.count())
            .select_from(APP)
            .outerjoin(latest, latest.c.application_id == APP.c.id)
            .outerjoin(RES, RES.c.id == latest.c.result_id)
            .outerjoin(decided, decided.c.result_id == latest.c.result_id)
            .where(APP.c.batch_id == batch_id)
            .group_by(RES.c.verdict, decided.c.decision_id.is_not(None)))
    counts: dict = defaultdict(int)
    applications = decided_count = pending = 0
    for verdict, is_decided, n in session.execute(stmt):
        counts[verdict or "unscreened"] += n
        applications += n
        if is_decided:
            decided_count += n
        elif verdict == "review":
            pending += n
    applicants = session.execute(
        select(func.count(func.distinct(APP.c.applicant_id))).where(APP.c.batch_id == batch_id)).scalar_one()
    return counts, applications, applicants, decided_count, pending
