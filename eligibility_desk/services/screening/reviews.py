"""Review decisions: a clerk approves or rejects a screening result with a required reason.

The decision is stored beside the engine's verdict (``review_decision`` table) and never changes it; a later
decision on the same result supersedes the earlier one for display, and both stay on file and in the audit
trail.

No silent overwrite between desks: the caller names the version it saw — how many decisions were on file for
the result (0 = undecided).  The result row is locked for the transaction (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already lets one writer in), the decisions are counted again, and a
different count raises :class:`~eligibility_desk.persistence.errors.StaleRecordError` with nothing stored.

Who decides (issue 14, docs/records.md): the first decision on a result is a clerk's (审核员).  A decision on a
result that already has one is a review of the decision on file and needs a supervisor (复核人) who is not the
account that made it — "a supervisor cannot approve their own decision": an account holding both roles may make
the first decision as a clerk, but another supervisor confirms or overturns it.  The clerk who made a mistake
asks a supervisor; nobody reviews their own decision.
"""

from __future__ import annotations

from sqlalchemy import func, select

from eligibility_desk.domain.errors import FieldError, InvalidRecord
from eligibility_desk.domain.roles import Actor, Role
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import ApplicationRow, ReviewDecisionRow, ScreeningResultRow, utcnow
from eligibility_desk.services.accounts import PermissionDenied, require


def decide(db: Database, result_id: int, approve: bool, reason: str, actor: Actor,
           expected_version: int | None = None) -> int:
    """Store a decision by ``actor``; returns its id.  :class:`InvalidRecord` without a reason, LookupError for
    no result, :class:`StaleRecordError` when ``expected_version`` (decisions seen; ``None`` = no check) is not
    the count now, :class:`PermissionDenied` when the actor may not make this decision (see above)."""
    reason = (reason or "").strip()
    require(actor, Role.CLERK, Role.SUPERVISOR, action="作出审核决定")
    if not reason:
        raise InvalidRecord(f"result {result_id}", [FieldError("reason", "required")])
    user = actor.name
    with db.writing() as session:
        result = session.get(ScreeningResultRow, result_id, with_for_update=not db.is_sqlite)
        if result is None:
            raise LookupError(f"no screening result {result_id}")
        if expected_version is not None:
            found = session.scalar(select(func.count()).select_from(ReviewDecisionRow)
                                   .where(ReviewDecisionRow.result_id == result_id))
            if found != expected_version:
                raise StaleRecordError("review_decision", result_id, expected_version, found)
        current = session.scalar(select(ReviewDecisionRow.user).where(ReviewDecisionRow.result_id == result_id)
                                 .order_by(ReviewDecisionRow.id.desc()).limit(1))
        if current is None:
            require(actor, Role.CLERK, action="作出审核决定")
        else:
            require(actor, Role.SUPERVISOR, action="复核已有的审核决定")
            if current == user:
                raise PermissionDenied(actor, (Role.SUPERVISOR,), reason="own_decision",
                                       result=result_id, user=user)
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
