"""Assessment resources and stored plans as SQLAlchemy 2 mappings (``*Row``).  See docs/sessions.md.

Rooms and staff belong to the centre and serve every batch; time slots belong to one batch.  A plan is
stored per batch as a new version each time it is made or re-made (``plan`` rows are appended, never
overwritten); the newest version is the plan in force.  Rows that clerks edit carry an optimistic
``version_id``: an UPDATE names the version it read, and a second writer gets
:class:`~eligibility_desk.persistence.errors.StaleRecordError`.  Times are naive (local exam times for
slots and unavailability, as the planner uses them; naive UTC for ``created_at``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eligibility_desk.persistence.models import Base, utcnow


class RoomRow(Base):
    """A room of the centre: kind (the rule file's venues: classroom / computer_lab / worksite), capacity."""

    __tablename__ = "room"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)      # the planner's room id, e.g. "A101"
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    capacity: Mapped[int] = mapped_column(Integer)
    equipment: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)     # inactive rooms are not planned
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (CheckConstraint("capacity >= 0", name="capacity_not_negative"),)


class StaffRow(Base):
    """A member of staff: roles held, home institution (回避), unavailable times, 考评员 credential scope."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)      # the planner's staff id, e.g. "P017"
    name: Mapped[str] = mapped_column(String(100))
    roles: Mapped[list] = mapped_column(JSON)                        # ["invigilator", "examiner", "reviewer"]
    institution: Mapped[str] = mapped_column(String(200), default="")  # "" = the centre's own staff
    #: [{"start": "2025-10-18T14:00", "end": "2025-10-18T18:00"}, ...]
    unavailable: Mapped[list] = mapped_column(JSON, default=list)
    #: [{"occupation": "4-07-02-06", "levels": ["4", "3"]}, ...]; empty = no credential recorded
    credentials: Mapped[list] = mapped_column(JSON, default=list)
    chief: Mapped[bool] = mapped_column(Boolean, default=False)      # may act as 主监考
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


class SlotRow(Base):
    """A time slot of a batch (考试时段)."""

    __tablename__ = "slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))                   # the planner's slot id, e.g. "T1"
    start: Mapped[datetime] = mapped_column(DateTime)
    end: Mapped[datetime] = mapped_column(DateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (UniqueConstraint("batch_id", "code", name="uq_slot_batch_code"),
                      CheckConstraint('"end" > start', name="end_after_start"))


class PlanRow(Base):
    """One stored version of a batch's plan: the plan JSON and the scenario it was made from.

    ``number`` counts the batch's versions (1, 2, …); a re-plan appends the next number and keeps the
    ones before.  ``status`` is ``draft`` until the planner declares it ``final`` (score sheets are made
    from a final plan).
    """

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    kind: Mapped[str] = mapped_column(String(16), default="plan")   # plan | replan | edit
    seed: Mapped[int | None] = mapped_column(Integer)
    operator: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: eligibility_desk.planning.plan_to_json(plan) — the contract of docs/planning.md
    plan_json: Mapped[dict] = mapped_column(JSON)
    #: the scenario JSON (planning.scenario_to_json + printing extras) the plan was made for
    scenario_json: Mapped[dict] = mapped_column(JSON)
    #: summary: sessions, seated, unplaced, violations, moves (for lists without loading the JSON)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (UniqueConstraint("batch_id", "number", name="uq_plan_batch_number"),
                      CheckConstraint("status IN ('draft', 'final')", name="status_known"))
