"""The centre's planning choices (中心决定) stored in the database, shared by every desk on it, audited.

    weekend_hint(db)                              # True: a session on a weekend day is a warning (the default)
    set_weekend_hint(db, actor, False)            # a centre that examines at weekends: no such warning

``slot_on_weekend`` (``planning/checker.py``) warns about every weekend day that is not a make-up working day
(调休) with sessions.  Many centres examine at weekends as a matter of course; for them it is noise, so it is
the centre's choice.  Statutory holidays (``slot_on_holiday``) are warned about either way.  The checks made
by the services (stored plans, 定稿) and the planner view follow the setting; a change leaves an audit row
(``centre_setting``, as the centre's name and venue do).
"""

from __future__ import annotations

from sqlalchemy import select

from eligibility_desk.domain.roles import Role
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.models import utcnow
from eligibility_desk.persistence.print_models import CentreSettingRow
from eligibility_desk.services.accounts import as_actor, require

WEEKEND_HINT = "planning_weekend_hint"
#: stored values; anything else (a hand-edited row) reads as the default
ON, OFF = "1", "0"
DEFAULT_WEEKEND_HINT = True


def weekend_hint(db) -> bool:
    """Whether sessions on a weekend day (not a make-up working day) are warned about."""
    with db.reading() as session:
        value = session.scalar(select(CentreSettingRow.value).where(CentreSettingRow.name == WEEKEND_HINT))
    return {ON: True, OFF: False}.get(value, DEFAULT_WEEKEND_HINT)


def set_weekend_hint(db, actor, on: bool) -> bool:
    """Store the setting (a 考务 planner or an admin); an audit row when it changed.  Returns it."""
    actor = require(as_actor(actor), Role.PLANNER, Role.ADMIN, action="修改编排设置")
    wanted = ON if on else OFF
    with db.writing() as session:
        row = session.get(CentreSettingRow, WEEKEND_HINT)
        before = {ON: True, OFF: False}.get(row.value if row else None, DEFAULT_WEEKEND_HINT)
        if row is not None and row.value == wanted:
            return bool(on)
        if row is None:
            session.add(CentreSettingRow(name=WEEKEND_HINT, value=wanted, updated_by=actor.name))
        else:
            row.value, row.updated_at, row.updated_by = wanted, utcnow(), actor.name
        session.flush()
        if before != bool(on):
            audit.record(session, actor.name, "centre_setting", None, "update", {WEEKEND_HINT: before},
                         {WEEKEND_HINT: bool(on)})
    return bool(on)
