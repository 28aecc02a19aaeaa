"""Accounts (issue 14): who may sign in at a desk, with which roles.  See docs/accounts.md.

* ``account`` — one row per account: the name audit rows carry (unique), a display name, the roles as
  comma-separated role names (``domain.roles.Role`` values), the password hash (an argon2id PHC string; empty
  for an account that signs in as this computer's login, "os" mode), failed attempts since the last good one and
  the time a lockout ends, an active flag (a disabled account cannot sign in; accounts are never deleted, audit
  rows name them), and when it was created / last changed and by whom.
* The login mode ("password" or "os") chosen at first run is the ``login_mode`` row of ``centre_setting``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from eligibility_desk.persistence.models import Base, utcnow


class AccountRow(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    roles: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100), default="")
