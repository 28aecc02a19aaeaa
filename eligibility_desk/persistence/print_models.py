"""What printing needs from the database, shared by every desk on it (issue 11).  See docs/printing.md.

* ``applicant_photo`` — one ID photo per applicant: JPEG bytes already made upright and downscaled on import
  (:mod:`eligibility_desk.documents.photo`), their SHA-256 and size.  Deleting the applicant deletes it.
* ``check_key`` — the centre's check-code keys (:mod:`eligibility_desk.documents.checkcode`).  One row is
  current (``is_current`` true; the unique index allows only one, so two desks creating a key at once
  cannot both succeed); rotated-out keys keep ``is_current`` NULL and verify old codes until ``valid_until``.
* ``centre_setting`` — the centre's own settings by name (centre name, default venue).
* ``batch.centre_name`` / ``batch.venue`` (in :mod:`.models`) — a batch's own 考点 / venue; NULL follows
  the centre setting.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eligibility_desk.persistence.models import Base, utcnow


class ApplicantPhotoRow(Base):
    __tablename__ = "applicant_photo"

    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id", ondelete="CASCADE"), primary_key=True)
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    #: the file it came from (name only), for the clerk and the audit trail
    source: Mapped[str] = mapped_column(String(260), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (CheckConstraint("size = length(jpeg)", name="size_is_length"),)


class CheckKeyRow(Base):
    __tablename__ = "check_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the key as lowercase hexadecimal (the one encoding of docs/printing.md), at least 32 characters
    secret_hex: Mapped[str] = mapped_column(String(128))
    #: True for the key slips are printed with; NULL once rotated out (unique: one current key)
    is_current: Mapped[bool | None] = mapped_column(Boolean, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: a rotated-out key still verifies codes up to and including this day (NULL: no longer)
    valid_until: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (CheckConstraint("length(secret_hex) >= 32", name="secret_16_bytes"),)


class CentreSettingRow(Base):
    __tablename__ = "centre_setting"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
