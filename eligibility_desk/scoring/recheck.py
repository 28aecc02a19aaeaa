"""Re-checks (复核): a candidate asks for a part's score to be checked again.

The request must come within ``recheck.request_window_working_days`` working days of publication and is
answered within ``recheck.answer_working_days`` working days (rule file, centre decisions).  The outcome
is *unchanged* or *changed*; a changed score goes through :meth:`ScoreSheet.correct`, so it is audited
like any other correction and the audit record points back at the request.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Collection

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.sheet import AuditRecord, ScoreSheet, SheetError
from eligibility_desk.scoring.values import CellValue
from eligibility_desk.scoring.workdays import add_working_days

UNCHANGED = "unchanged"
CHANGED = "changed"
RECHECK_OUTCOMES = (UNCHANGED, CHANGED)


@dataclass(frozen=True)
class RecheckRequest:
    id: str
    candidate: str
    sheet_id: str
    seat: int
    part: str
    requested_on: date
    deadline: date                 # the centre answers by this day
    reason: str = ""
    outcome: str | None = None     # None while open
    decided_on: date | None = None
    decided_by: str = ""
    audit_id: str | None = None    # the correction it caused, if any

    @property
    def open(self) -> bool:
        return self.outcome is None


def request_window_end(published_on: date, rules: ScoringRules, holidays: Collection[date] = (),
                       extra_working_days: Collection[date] = ()) -> date | None:
    if rules.recheck_request_days is None:
        return None
    return add_working_days(published_on, rules.recheck_request_days, holidays, extra_working_days)


def file_recheck(request_id: str, sheet: ScoreSheet, seat: int, requested_on: date, published_on: date,
                 rules: ScoringRules, reason: str = "", holidays: Collection[date] = (),
                 extra_working_days: Collection[date] = ()) -> RecheckRequest:
    """Record a request for a locked sheet's seat; refused after the request window closes."""
    if not sheet.locked:
        raise SheetError(sheet.id, "sheet_not_locked")
    line = sheet.line(seat)
    window_end = request_window_end(published_on, rules, holidays, extra_working_days)
    if window_end is not None and requested_on > window_end:
        raise SheetError(f"{sheet.id}.{seat}", "recheck_window_closed", deadline=window_end.isoformat())
    answer_days = rules.recheck_answer_days or 0
    deadline = add_working_days(requested_on, answer_days, holidays, extra_working_days)
    return RecheckRequest(request_id, line.candidate, sheet.id, seat, sheet.part, requested_on, deadline, reason)


def resolve_recheck(request: RecheckRequest, sheet: ScoreSheet, outcome: str, by: str, at: datetime,
                    new_value: CellValue = None, note: str = "") -> tuple[RecheckRequest, AuditRecord | None]:
    """Close a request.  ``changed`` needs the new value and corrects the sheet through the audited path."""
    if not request.open:
        raise SheetError(request.id, "recheck_closed")
    if outcome not in RECHECK_OUTCOMES:
        raise SheetError(request.id, "unknown_outcome", value=outcome)
    audit = None
    if outcome == CHANGED:
        reason = f"复核 {request.id}" + (f"：{note.strip()}" if note.strip() else "")
        audit = sheet.correct(request.seat, new_value, reason, by, at, recheck_id=request.id)
    closed = replace(request, outcome=outcome, decided_on=at.date(), decided_by=by,
                     audit_id=audit.id if audit else None)
    return closed, audit
