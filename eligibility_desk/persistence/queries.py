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


def applicant_list(session: Session, batch_id: int | None):
    """(heads, first education by applicant, application states) for :meth:`Desk.applicant_rows`."""
    heads_stmt = select(A.c.id, A.c.code, A.c.name, A.c.id_number)
    edu_stmt = select(EDU.c.applicant_id, EDU.c.school, EDU.c.major).where(EDU.c.position == 0)
    if batch_id is not None:
        members = select(APP.c.applicant_id).where(APP.c.batch_id == batch_id).distinct()
        heads_stmt = heads_stmt.where(A.c.id.in_(members))
        edu_stmt = edu_stmt.where(EDU.c.applicant_id.in_(members))
    heads = session.execute(heads_stmt.order_by(A.c.id)).all()
    first_edu = {r.applicant_id: (r.school, r.major) for r in session.execute(edu_stmt)}
    states = defaultdict(list)
    for row in application_states(session, batch_id):
        states[row.applicant_id].append(row)
    return heads, first_edu, states


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
