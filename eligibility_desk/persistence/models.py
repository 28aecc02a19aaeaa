"""The database schema as SQLAlchemy 2 typed ORM mappings (``*Row`` classes).  See docs/records.md.

Applicant data (applicant, education, work, certificate, title) is edited by clerks and protected by an
optimistic version number (``version_id``): an UPDATE names the version it read, and a second writer gets
:class:`~eligibility_desk.persistence.errors.StaleRecordError` instead of silently overwriting.

Screening results and review decisions are appended, never updated: a re-screening adds new rows with the
rule version that produced them, and a clerk's decision sits beside the engine's verdict.
Times are stored as naive UTC.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: constraint names stable across SQLite and PostgreSQL (Alembic needs names to alter them later)
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ApplicantRow(Base):
    __tablename__ = "applicant"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the centre's or school's own code for the person (interchange ``id``), e.g. "A001"
    code: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(100))
    #: 居民身份证号码, 18 characters, checked with GB 11643 before it is stored
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    extra: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the birth date when the record gives one (else read from the ID number)
    birth_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    education: Mapped[list["EducationRow"]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="EducationRow.position")
    work: Mapped[list["WorkPeriodRow"]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="WorkPeriodRow.position")
    certificates: Mapped[list["CertificateRow"]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="CertificateRow.position")
    titles: Mapped[list["TitleRow"]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="TitleRow.position")
    training: Mapped[list["TrainingRow"]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="TrainingRow.position")
    apprenticeships: Mapped[list["ApprenticeshipRow"]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="ApprenticeshipRow.position")

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (CheckConstraint("length(id_number) = 18", name="id_number_18"),)


class EducationRow(Base):
    __tablename__ = "education"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    school_type: Mapped[str] = mapped_column(String(32))    # SchoolType value
    class_type: Mapped[str | None] = mapped_column(String(32))  # ClassType value (技工院校 only)
    school: Mapped[str] = mapped_column(String(200), default="")
    major: Mapped[str] = mapped_column(String(200))
    graduated_on: Mapped[date | None] = mapped_column(Date)  # expected date while in school
    in_school: Mapped[bool] = mapped_column(Boolean, default=False)
    assessed: Mapped[bool] = mapped_column(Boolean, default=False)

    applicant: Mapped[ApplicantRow] = relationship(back_populates="education")


class WorkPeriodRow(Base):
    __tablename__ = "work_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    occupation: Mapped[str] = mapped_column(String(200))
    employer: Mapped[str] = mapped_column(String(200), default="")
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)  # None: ongoing (end_known) or not known
    end_known: Mapped[bool] = mapped_column(Boolean, default=True)

    applicant: Mapped[ApplicantRow] = relationship(back_populates="work")
    __table_args__ = (CheckConstraint('"end" IS NULL OR "end" >= start', name="end_after_start"),)


class CertificateRow(Base):
    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    occupation: Mapped[str] = mapped_column(String(200))
    #: a national level 1–5 (``standard`` empty), else NULL and ``level_word`` holds the standard's own level
    level: Mapped[int | None] = mapped_column(Integer)
    obtained_on: Mapped[date | None] = mapped_column(Date)  # None: not known
    number: Mapped[str] = mapped_column(String(100), default="")
    #: the code of a standard with its own levels (1+X certificates), "" for a national certificate
    standard: Mapped[str] = mapped_column(String(64), default="")
    level_word: Mapped[str | None] = mapped_column(String(32))

    applicant: Mapped[ApplicantRow] = relationship(back_populates="certificates")
    __table_args__ = (CheckConstraint("(standard = '' AND level BETWEEN 1 AND 5) OR "
                                      "(standard <> '' AND level_word IS NOT NULL)", name="level_known"),)


class TrainingRow(Base):
    """Formal training attended: occupation, the standard's level code, hours, finish date (NULL: unknown)."""

    __tablename__ = "training"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    occupation: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(32))
    hours: Mapped[float] = mapped_column(Float)
    finished_on: Mapped[date | None] = mapped_column(Date)

    applicant: Mapped[ApplicantRow] = relationship(back_populates="training")
    __table_args__ = (CheckConstraint("hours >= 0", name="hours_not_negative"),)


class ApprenticeshipRow(Base):
    """An apprenticeship (学徒): occupation, completion date (NULL: still running), start date."""

    __tablename__ = "apprenticeship"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    occupation: Mapped[str] = mapped_column(String(200))
    finished_on: Mapped[date | None] = mapped_column(Date)
    started_on: Mapped[date | None] = mapped_column(Date)

    applicant: Mapped[ApplicantRow] = relationship(back_populates="apprenticeships")


class TitleRow(Base):
    __tablename__ = "title"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    grade: Mapped[str] = mapped_column(String(32))  # TitleGrade value
    name: Mapped[str] = mapped_column(String(200), default="")
    obtained_on: Mapped[date] = mapped_column(Date)
    profession_matches: Mapped[bool | None] = mapped_column(Boolean)  # None: unknown -> review

    applicant: Mapped[ApplicantRow] = relationship(back_populates="titles")


class BatchRow(Base):
    """考试批次: one standard, the levels applied for, the application window and the as-of date."""

    __tablename__ = "batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    standard: Mapped[str] = mapped_column(String(32))
    levels: Mapped[list] = mapped_column(JSON)  # ["4", "3"]
    window_start: Mapped[date | None] = mapped_column(Date)
    window_end: Mapped[date | None] = mapped_column(Date)
    as_of: Mapped[date] = mapped_column(Date)
    #: the rule version chosen for the batch; NULL: the version in force on the as-of date
    rule_version: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)
    #: the batch's own 考点 (centre name) and venue on its documents; NULL follows the centre's setting
    centre_name: Mapped[str | None] = mapped_column(String(200))
    venue: Mapped[str | None] = mapped_column(String(200))

    __mapper_args__ = {"version_id_col": version_id}


class ApplicationRow(Base):
    """One applicant applying for one level in one batch."""

    __tablename__ = "application"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    #: batch first: the unique index also serves every "applications of a batch" query
    __table_args__ = (UniqueConstraint("batch_id", "applicant_id", "level", name="uq_application_once"),
                      Index("ix_application_applicant_id", "applicant_id"))


class ScreeningRunRow(Base):
    """One screening of a batch: who ran it, when, under which rule version, and the counts."""

    __tablename__ = "screening_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    standard: Mapped[str] = mapped_column(String(32))
    rule_version: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


class ScreeningResultRow(Base):
    """The engine's verdict for one application in one run.  Appended, never overwritten."""

    __tablename__ = "screening_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    run_id: Mapped[int] = mapped_column(ForeignKey("screening_run.id", ondelete="CASCADE"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))  # Verdict value
    passing_clauses: Mapped[list] = mapped_column(JSON)  # ["4-1", ...]
    #: [{"id", "verdict", "trace", "eligible_from"}, ...]; the trace is the engine's tuple as a JSON list.
    #: JSON ``null`` when ``trace_id`` is set (results stored since revision 0008): the same document is then
    #: the run's :class:`ScreeningTraceRow` (read either with :func:`.traces.result_clauses`)
    clauses: Mapped[list] = mapped_column(JSON)
    #: the run's stored clause document this result shares with others (no database foreign key: the column
    #: was added to a table SQLite cannot alter without copying it; the trace lives as long as its run)
    trace_id: Mapped[int | None] = mapped_column(Integer)
    eligible_from: Mapped[date | None] = mapped_column(Date)
    standard: Mapped[str] = mapped_column(String(32))
    rule_version: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[date] = mapped_column(Date)
    screened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_screening_result_application_latest", "application_id", "id"),)


class ScreeningTraceRow(Base):
    """One distinct clause document of a screening run (revision 0008): results with the same figures have the
    same traces, so a run of 113,530 results stores a few hundred documents instead of one per result."""

    __tablename__ = "screening_trace"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("screening_run.id", ondelete="CASCADE"), index=True)
    #: [{"id", "verdict", "trace", "eligible_from"}, ...], as ScreeningResultRow.clauses was
    clauses: Mapped[list] = mapped_column(JSON)


class ReviewDecisionRow(Base):
    """A clerk's decision on a result, beside the engine's verdict (which it never replaces)."""

    __tablename__ = "review_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("screening_result.id", ondelete="CASCADE"), index=True)
    user: Mapped[str] = mapped_column(String(100))
    approve: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (CheckConstraint("length(trim(reason)) > 0", name="reason_required"),)


class AuditRow(Base):
    """Who did what to which record, when, and the record before -> after (JSON)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # rows are in time order by id
    user: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(32))   # applicant, batch, screening_run, review_decision
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))   # create, update, delete, screen, decide, import
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    # the chain (persistence/audit.py seal): place in the chain, the previous row's hash, this row's hash
    seq: Mapped[int | None] = mapped_column(Integer)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"), Index("ix_audit_seq", "seq", unique=True))
