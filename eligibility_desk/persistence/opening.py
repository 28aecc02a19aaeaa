"""Opening a database for use: connect, then bring its schema up to date (after a backup of a SQLite file).

Kept apart from :mod:`.database` (connections and sessions) and :mod:`.migrate` (Alembic) so that neither
imports the other's user: ``opening → migrate → database``.
"""

from __future__ import annotations

from eligibility_desk.persistence.database import Database, resolve_url
from eligibility_desk.persistence.errors import DatabaseError
from eligibility_desk.persistence.migrate import upgrade


def open_database(url: str | None = None, migrate: bool = True) -> Database:
    """The database at ``url`` (the default SQLite file when None), migrated to the newest schema unless
    ``migrate`` is False.  Any failure is a :class:`DatabaseError` and leaves nothing open."""
    resolved = resolve_url(url)
    try:
        db = Database(resolved)
    except Exception as exc:  # bad URL, missing driver
        raise DatabaseError(f"cannot open database {resolved}: {exc}") from exc
    if migrate:
        try:
            upgrade(db)
        except DatabaseError:
            db.close()
            raise
        except Exception as exc:
            db.close()
            raise DatabaseError(f"cannot open database {db.display_url}: {exc}") from exc
    return db
