"""Read-only Core queries behind the lists the desk shows: fast on 100,000 applicants (no ORM objects)."""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter

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


# One row per applicant: its own columns, its first school and major, and the states of its applications
# packed in one text, "level=latest verdict or ''=latest decision on that result", comma-separated in the
# order the applications were made.  The decision is "0" (none), or "a" (approved) / "r" (rejected) followed by
# the name of who decided, with "," and "=" in names written full-width so the text splits cleanly.  PostgreSQL's string_agg takes that order.  SQLite 3.40's group_concat
# cannot: there each state carries its application id ("17:4=eligible=0,23:3=review=0"), the id is cut off
# in SQL when there is only one, and the few rows with several are put in order here (ordered_states).
_STATE = ("app.level || '=' || coalesce(r.verdict, '') || '=' || "
          "coalesce((SELECT CASE WHEN d.approve THEN 'a' ELSE 'r' END || "
          "replace(replace(d.\"user\", ',', '，'), '=', '＝') "
          "FROM review_decision d WHERE d.result_id = r.id ORDER BY d.id DESC LIMIT 1), '0')")
_STATES = {  # (aggregate, the column made of it)
    "sqlite": (f"group_concat(app.id || ':' || {_STATE}, ',')",
               "CASE WHEN s.n = 1 THEN substr(s.states, instr(s.states, ':') + 1) ELSE s.states END"),
    "other": (f"string_agg({_STATE}, ',' ORDER BY app.id)", "s.states"),
}
_LIST = """
SELECT a.id, a.code, a.name, a.id_number, coalesce(e.school, ''), coalesce(e.major, ''), {column}
FROM applicant a
{join} (SELECT app.applicant_id AS applicant_id, count(*) AS n, {states} AS states
      FROM application app
      LEFT JOIN screening_result r ON r.id = (SELECT max(l.id) FROM screening_result l WHERE l.application_id = app.id)
      {where} GROUP BY app.applicant_id) s ON s.applicant_id = a.id
LEFT JOIN education e ON e.applicant_id = a.id AND e.position = 0
ORDER BY a.id"""


def applicant_list(session: Session, batch_id: int | None) -> list[tuple]:
    """Rows of (id, code, name, id_number, first school or '', first major or '', states) sorted by applicant
    id, for :meth:`Desk.applicant_rows` (see :class:`~eligibility_desk.services.summaries.ApplicantListItem`
    for ``states``): the applicants of a batch, or every applicant on file (``states`` None when it has no
    application).  Plain tuples from one query."""
    from eligibility_desk.persistence import bulk

    sqlite = bulk.is_sqlite(session)
    states, column = _STATES["sqlite" if sqlite else "other"]
    if batch_id is None:
        rows = plain(session, _LIST.format(states=states, column=column, join="LEFT JOIN", where=""))
    else:
        rows = plain(session, _LIST.format(states=states, column=column, join="JOIN", where="WHERE app.batch_id = :batch"),
                     {"batch": batch_id})
    if sqlite:
        for i in [i for i, text in enumerate(map(itemgetter(6), rows)) if text and ":" in text]:
            row = rows[i]
            rows[i] = (*row[:6], ordered_states(row[6]))
    return rows


def ordered_states(text: str) -> str:
    """``"23:3=review=0,17:4=eligible=0"`` -> ``"4=eligible=0,3=review=0"``: in application order, ids dropped."""
    parts = [part.split(":", 1) for part in text.split(",")]
    parts.sort(key=lambda part: int(part[0]))
    return ",".join(state for _id, state in parts)


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
