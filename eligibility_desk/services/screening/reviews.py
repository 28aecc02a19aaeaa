"""Review decisions: a clerk approves or rejects a screening result with a required reason.

The decision is stored beside the engine's verdict (``review_decision`` table) and never changes it; a later
decision on the same result supersedes the earlier one for display, and both stay on file and in the audit
trail.

No silent overwrite between desks: the caller names the version it saw — how many decisions were on file for
the result (0 = undecided).  The result row is locked for the transaction (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already lets one writer in), the decisions are counted again, and a
different count raises :class:`~eligibility_desk.persistence.errors.StaleRecordError` with nothing stored.
"""

from __future__ import annotations

from sqlalchemy import func, select

from eligibility_desk.domain.errors import FieldError, InvalidRecord
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import ApplicationRow, ReviewDecisionRow, ScreeningResultRow, utcnow


def decide(db: Database, result_id: int, approve: bool, reason: str, user: str,
           expected_version: int | None = None) -> int:
    """Store a decision; returns its id.  :class:`InvalidRecord` without a reason, LookupError for no result,
    :class:`StaleRecordError` when ``expected_version`` (decisions seen; ``None`` = no check) is not the count now."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidRecord(f"result {result_id}", [FieldError("reason", "required")])
    if not (user or "").strip():
        raise InvalidRecord(f"result {result_id}", [FieldError("user", "required")])
    with db.writing() as session:
        result = session.get(ScreeningResultRow, result_id, with_for_update=not db.is_sqlite)
        if result is None:
            raise LookupError(f"no screening result {result_id}")
        if expected_version is not None:
            found = session.scalar(select(func.count()).select_from(ReviewDecisionRow)
                                   .where(ReviewDecisionRow.result_id == result_id))
            if found != expected_version:
                raise StaleRecordError("review_decision", result_id, expected_version, found)
        application = session.get(ApplicationRow, result.application_id)
        decision = ReviewDecisionRow(result_id=result_id, user=user, approve=bool(approve), reason=reason,
                                     decided_at=utcnow())
        session.add(decision)
        session.flush()
        audit.record(session, user, "review_decision", decision.id, "decide", None, {
            "result_id": result_id, "applicant_id": application.applicant_id, "batch_id": application.batch_id,
            "level": application.level, "engine_verdict": result.verdict, "rule_version": result.rule_version,
            "decision": "approve" if approve else "reject", "reason": reason})
        return decision.id
