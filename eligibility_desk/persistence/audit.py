"""The audit trail: one row per create/update/delete of applicant data, per screening, per decision.

``before`` and ``after`` are JSON snapshots (applicants in interchange form); ``None`` where there is no
before (create) or after (delete).  Rows are only ever inserted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from eligibility_desk.persistence.models import AuditRow, utcnow


def jsonable(value: Any) -> Any:
    """Dates to ISO text, tuples and sets to lists — JSON columns take the result as is."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(jsonable(v) for v in value)
    return value


def record(session: Session, user: str, entity: str, entity_id: int | None, action: str,
           before: Any = None, after: Any = None) -> None:
    session.execute(AuditRow.__table__.insert(), [{
        "at": utcnow(), "user": user, "entity": entity, "entity_id": entity_id, "action": action,
        "before": jsonable(before) if before is not None else None,
        "after": jsonable(after) if after is not None else None,
    }])


def record_many(session: Session, rows: list[dict]) -> None:
    """Bulk form: ``rows`` of user, entity, entity_id, action, before, after (already JSON-able)."""
    if not rows:
        return
    now = utcnow()
    session.execute(AuditRow.__table__.insert(), [{"at": now, **r} for r in rows])
