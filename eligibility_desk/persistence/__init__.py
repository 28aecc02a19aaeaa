"""Persistence: SQLAlchemy 2 mappings (``*Row``), Alembic migrations run on open, and Core bulk paths.

Never imports the UI (or anything from ``eligibility_desk.ui``).
"""

from eligibility_desk.persistence.database import DB_ENV, Database, resolve_url
from eligibility_desk.persistence.errors import DatabaseError, StaleRecordError

__all__ = ["DB_ENV", "Database", "DatabaseError", "StaleRecordError", "resolve_url"]
