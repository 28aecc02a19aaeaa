"""Transaction-level locks that make concurrent writers of the same kind queue instead of colliding.

PostgreSQL: ``pg_advisory_xact_lock`` — held until the transaction commits or rolls back, so a killed client
releases it with its connection.  Two imports with overlapping applicants then run one after the other (the
second sees the first's applicants as already on file) instead of one dying on a ``UniqueViolation``.
SQLite needs nothing: every write transaction starts with ``BEGIN IMMEDIATE`` and so already has the
database to itself.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

#: advisory-lock keys (any 64-bit numbers, fixed here so every desk uses the same one)
IMPORT_LOCK = 0x45_44_65_73_6B_49_6D_70   # "EDeskImp"


def serialise(session: Session, key: int = IMPORT_LOCK) -> None:
    """Wait for, then hold until the end of this transaction, the lock ``key`` (PostgreSQL); SQLite: nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
