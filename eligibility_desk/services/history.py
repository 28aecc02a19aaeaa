"""The history of one score cell or one review decision, read from the audit trail (Qt-free).

    for step in score_cell_history(db, sheet_id, seat):       # both recorders' entries, panel scores, the lock,
        step.at, step.account, step.action, step.before, step.after    # every correction after it
    for step in decision_history(db, result_id):             # every decision on the applicant's level, in order

Each step says who (the account name as the audit row stores it, and its display name when an account of
that name exists), when, what (an action code with the recorder or examiner it concerns) and old → new.
Values stay data — a score cell as its stored JSON (``{"score": "75.5"}``, ``{"mark": "absent"}``), a
decision as ``approve`` / ``reject`` — and are worded at the edge.  Oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import ApplicationRow, AuditRow, ScreeningResultRow

#: actions a history step may carry
ENTER, CLEAR, LOCK, CORRECT, DECIDE = "enter", "clear", "lock", "correct", "decide"


@dataclass(frozen=True)
class HistoryStep:
    at: datetime
    account: str                 # the account name stored in the audit row
    display_name: str            # the account's display name; the account name when there is no such account
    action: str                  # ENTER, CLEAR, LOCK, CORRECT or DECIDE
    recorder: int | None = None  # score cells: 1 or 2 (first / second entry), 0 for a panel examiner's score
    examiner: str = ""           # score cells: the examiner's staff code when recorder is 0
    before: Any = None           # score cells: the value JSON before; decisions: "approve" / "reject" / None
    after: Any = None            # … and after (None: cleared)
    reason: str = ""             # corrections and decisions: the reason given
    audit_id: int = 0


def _json_int(column, key: str):
    return column[key].as_integer()


def _display_names(session, accounts: set[str]) -> dict[str, str]:
    """Account name → display name, for the accounts of that name on file (rows written before accounts existed
    name people who have none: their name is shown as it is)."""
    from eligibility_desk.persistence.account_models import AccountRow

    if not accounts:
        return {}
    rows = session.execute(select(AccountRow.name, AccountRow.display_name).where(AccountRow.name.in_(sorted(accounts))))
    return {name: display or name for name, display in rows}


def _steps(session, found: list[tuple[AuditRow, dict]]) -> list[HistoryStep]:
    names = _display_names(session, {row.user for row, _ in found})
    return [HistoryStep(at=row.at, account=row.user, display_name=names.get(row.user, row.user), audit_id=row.id, **fields)
            for row, fields in found]


def score_cell_history(db: Database, sheet_id: int, seat: int, blind_recorder: int | None = None) -> list[HistoryStep]:
    """Every entry, clearing, panel score, the lock and every correction of one seat on one sheet, oldest first.

    ``blind_recorder`` (1 or 2): the history as that recorder may see it while double entry is blind — the
    other recorder's entries are left out until the sheet is locked."""
    seat = int(seat)
    found: list[tuple[AuditRow, dict]] = []
    with db.reading() as session:
        entries = select(AuditRow).where(
            AuditRow.entity == "score_entry",
            or_(_json_int(AuditRow.after, "sheet_id") == sheet_id, _json_int(AuditRow.before, "sheet_id") == sheet_id),
            or_(_json_int(AuditRow.after, "seat") == seat, _json_int(AuditRow.before, "seat") == seat))
        on_sheet = select(AuditRow).where(AuditRow.entity == "score_sheet", AuditRow.entity_id == sheet_id,
                                          AuditRow.action.in_((LOCK, CORRECT)))
        rows = sorted([*session.scalars(entries), *session.scalars(on_sheet)], key=lambda r: r.id)
        for row in rows:
            before, after = row.before or {}, row.after or {}
            if row.entity == "score_entry":
                who = after or before
                if blind_recorder in (1, 2) and who.get("recorder") == 3 - blind_recorder and not _locked(session, sheet_id):
                    continue
                found.append((row, {"action": CLEAR if row.action == "clear" else ENTER,
                                    "recorder": who.get("recorder"), "examiner": who.get("examiner") or "",
                                    "before": before.get("value"), "after": after.get("value")}))
            elif row.action == LOCK:
                final = (after.get("final") or {})
                if str(seat) in final:
                    found.append((row, {"action": LOCK, "after": final[str(seat)]}))
            elif after.get("seat") == seat:
                found.append((row, {"action": CORRECT, "before": before.get("value"), "after": after.get("value"),
                                    "reason": after.get("reason") or ""}))
        return _steps(session, found)


def _locked(session, sheet_id: int) -> bool:
    from eligibility_desk.persistence.score_models import ScoreSheetRow

    return session.scalar(select(ScoreSheetRow.locked_at).where(ScoreSheetRow.id == sheet_id)) is not None


def decision_history(db: Database, result_id: int) -> list[HistoryStep]:
    """Every review decision on the application (applicant and level) the result ``result_id`` belongs to —
    re-screening makes new results, the decisions on earlier ones stay part of the story — oldest first;
    ``before`` is the decision it replaced (None for the first)."""
    with db.reading() as session:
        result = session.get(ScreeningResultRow, result_id)
        if result is None:
            raise LookupError(f"no screening result {result_id}")
        application = session.get(ApplicationRow, result.application_id)
        result_ids = set(session.scalars(select(ScreeningResultRow.id)
                                         .where(ScreeningResultRow.application_id == application.id)))
        rows = session.scalars(select(AuditRow).where(
            AuditRow.entity == "review_decision", AuditRow.action == DECIDE,
            _json_int(AuditRow.after, "applicant_id") == application.applicant_id).order_by(AuditRow.id))
        found, previous = [], None
        for row in rows:
            after = row.after or {}
            if after.get("result_id") not in result_ids:
                continue
            found.append((row, {"action": DECIDE, "before": previous, "after": after.get("decision"),
                                "reason": after.get("reason") or ""}))
            previous = after.get("decision")
        return _steps(session, found)
