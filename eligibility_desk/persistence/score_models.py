"""Score sheets, entries, corrections, re-checks and publications as SQLAlchemy 2 mappings (``*Row``).

One sheet per session of a stored plan (a session is one part in one room at one time), its seat lines
kept with it as JSON in seat order.  Entries are the current value per (sheet, seat, recorder) — recorder
1 or 2 for double entry, or recorder 0 with the examiner's id for a skill panel.  After the lock nothing
is entered any more: the final values are recorder 1's agreed entries with every correction applied in
order, and each correction is a ``score_correction`` row (who, when, reason, before → after).

A value is stored as ``score`` text (an exact decimal such as ``"59.5"``, never a float) or a ``mark``
(``absent`` / ``disqualified``) with its ``note``.  Sheets and entries carry optimistic ``version_id``s.
See docs/sessions.md.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eligibility_desk.persistence.models import Base, utcnow


class ScoreSheetRow(Base):
    """成绩登记表: one part of one session in one room, made from a stored plan."""

    __tablename__ = "score_sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    session: Mapped[str] = mapped_column(String(64))          # the plan's session id, e.g. "T1-A101"
    room: Mapped[str] = mapped_column(String(64))             # room code
    part: Mapped[str] = mapped_column(String(32))             # theory | skill | review
    level: Mapped[str] = mapped_column(String(4))
    start: Mapped[datetime] = mapped_column(DateTime)
    #: [{"seat", "admission_no", "candidate", "name", "level"}] in seat order
    lines: Mapped[list] = mapped_column(JSON)
    #: the session's examiners / reviewers (a skill panel), [] for theory
    panel: Mapped[list] = mapped_column(JSON, default=list)
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (UniqueConstraint("batch_id", "session", "part", name="uq_score_sheet_session_part"),)


class ScoreEntryRow(Base):
    """What one recorder (1, 2) or one panel examiner (recorder 0) entered for one seat."""

    __tablename__ = "score_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("score_sheet.id", ondelete="CASCADE"))
    seat: Mapped[int] = mapped_column(Integer)
    candidate: Mapped[str] = mapped_column(String(64))        # admission number (准考证号)
    recorder: Mapped[int] = mapped_column(Integer)            # 1, 2; 0 = a panel examiner
    examiner: Mapped[str] = mapped_column(String(64), default="")  # staff code when recorder = 0
    score: Mapped[str | None] = mapped_column(String(16))     # exact decimal text
    mark: Mapped[str | None] = mapped_column(String(16))      # absent | disqualified
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        UniqueConstraint("sheet_id", "seat", "recorder", "examiner", name="uq_score_entry_cell"),
        CheckConstraint("recorder IN (0, 1, 2)", name="recorder_known"),
        CheckConstraint("(score IS NULL) <> (mark IS NULL)", name="score_or_mark"),
    )


class CorrectionRow(Base):
    """A change to a locked sheet: reason required, before → after, and the re-check it came from."""

    __tablename__ = "score_correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("score_sheet.id", ondelete="CASCADE"), index=True)
    seat: Mapped[int] = mapped_column(Integer)
    candidate: Mapped[str] = mapped_column(String(64))
    #: {"score": "59.5"} or {"mark": "absent"} / {"mark": "disqualified", "note": "…"} or null
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    recheck_id: Mapped[int | None] = mapped_column(ForeignKey("recheck.id", ondelete="SET NULL"))

    __table_args__ = (CheckConstraint("length(trim(reason)) > 0", name="reason_required"),)


class RecheckRow(Base):
    """复核: a candidate's request to check one part again, its deadline in working days and the outcome."""

    __tablename__ = "recheck"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("score_sheet.id", ondelete="CASCADE"))
    seat: Mapped[int] = mapped_column(Integer)
    candidate: Mapped[str] = mapped_column(String(64))
    part: Mapped[str] = mapped_column(String(32))
    requested_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(16))   # None while open; unchanged | changed
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (Index("ix_recheck_sheet_seat", "sheet_id", "seat"),)


class PublicationRow(Base):
    """A publication of a batch's results: the pass list and every result, appended on each re-publication."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    published_by: Mapped[str] = mapped_column(String(100))
    published_at: Mapped[datetime] = mapped_column(DateTime)
    published_on: Mapped[date] = mapped_column(Date)          # the day re-check windows count from
    #: admission numbers of the candidates who passed
    pass_list: Mapped[list] = mapped_column(JSON)
    #: [{"candidate", "level", "outcome", "parts": {part: {"score", "passed", "mark"}}, "reasons": [...]}]
    results: Mapped[list] = mapped_column(JSON)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (UniqueConstraint("batch_id", "number", name="uq_publication_batch_number"),)
