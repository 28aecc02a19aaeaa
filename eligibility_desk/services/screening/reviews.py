"""Review decisions: a clerk approves or rejects a screening result with a required reason.

The decision is stored beside the engine's verdict (``review_decision`` table) and never changes it; a later
decision on the same result supersedes the earlier one for display, and both stay on file and in the audit
trail.
"""

from __future__ import annotations

from eligibility_desk.domain.errors import FieldError, InvalidRecord
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import ApplicationRow, ReviewDecisionRow, ScreeningResultRow, utcnow


def decide(db: Database, result_id: int, approve: bool, reason: str, user: str) -> int:
    """Store a decision; returns its id.  :class:`InvalidRecord` without a reason, LookupError for no result."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidRecord(f"result {result_id}", [FieldError("reason", "required")])
    if not (user or "").strip():
        raise InvalidRecord(f"result {result_id}", [FieldError("user", "required")])
    with db.writing() as session:
        result = session.get(ScreeningResultRow, result_id)
        if result is None:
            raise LookupError(f"no screening result {result_id}")
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
