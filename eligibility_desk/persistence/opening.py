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
    ``migrate`` is False.  Any failure is a :class:`DatabaseError` (Chinese, then English, naming the file or
    URL and why — :func:`cannot_open`) and leaves nothing open and nothing changed: a file that is not a
    database, a damaged one, another program's SQLite file or one of a newer schema is refused before any
    migration writes to it."""
    resolved = resolve_url(url)
    try:
        db = Database(resolved)
    except Exception as exc:  # bad URL, missing driver, a folder that cannot be made
        raise cannot_open(exc, _shown(resolved)) from exc
    if migrate:
        try:
            if db.path is not None and db.path.is_file() and db.path.stat().st_size:
                _probe_sqlite(db.path)   # read-only first: the engine's connections turn WAL on (a write)
            upgrade(db)
        except DatabaseError:
            db.close()
            raise
        except Exception as exc:
            db.close()
            raise cannot_open(exc, db.display_url, db) from exc
    return db


def _probe_sqlite(path) -> None:
    """Look at an existing SQLite file without writing to it: raises what :func:`cannot_open` words for a
    file that is not a database, is damaged, is another program's (tables, no schema revision) or of a newer
    schema — before the engine's first connection switches it to WAL mode and a migration writes to it."""
    import sqlite3
    from urllib.parse import quote

    from eligibility_desk.persistence.migrate import ForeignDatabase, UnknownRevision, known_revisions_here

    con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        tables = sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    finally:
        con.close()
    if revision is not None:
        known, head = known_revisions_here()
        if revision not in known:
            raise UnknownRevision(str(revision), head)
    elif [t for t in tables if t != "alembic_version"]:
        shown = [t for t in tables if t != "alembic_version"]
        raise ForeignDatabase("、".join(shown[:5]) + ("…" if len(shown) > 5 else ""))


def _shown(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not even a URL: shown as given
        return url


def cannot_open(exc: BaseException, where: str, db: Database | None = None) -> DatabaseError:
    """The :class:`DatabaseError` for ``exc`` raised while opening or migrating the database at ``where``."""
    import sqlite3

    from eligibility_desk.persistence.errors import unavailable
    from eligibility_desk.persistence.migrate import UnknownRevision, ForeignDatabase

    if isinstance(exc, UnknownRevision):
        return DatabaseError.because("newer_schema", where, revision=exc.revision, head=exc.head)
    if isinstance(exc, ForeignDatabase):
        return DatabaseError.because("foreign", where, tables=exc.tables)
    origin = getattr(exc, "orig", None) or exc
    text = str(origin)
    lowered = text.lower()
    if isinstance(origin, sqlite3.DatabaseError):
        if "not a database" in lowered:
            return DatabaseError.because("not_database", where)
        if "malformed" in lowered or "corrupt" in lowered:
            return DatabaseError.because("damaged", where, detail="database disk image is malformed")
        if "unable to open" in lowered:
            return DatabaseError.because("cannot_open", where, detail=_os_reason(db) or "unable to open database file")
    if isinstance(exc, OSError):
        return DatabaseError.because("cannot_open", where, detail=exc.strerror or type(exc).__name__)
    if "can't load plugin" in lowered or "could not parse" in lowered or type(exc).__name__ == "ArgumentError":
        return DatabaseError.because("bad_url", where, detail=text.splitlines()[0][:160])
    found = unavailable(exc)
    if found is not None and found.code in ("busy", "readonly", "full", "io"):
        return DatabaseError.because(found.code, where)
    if found is not None:   # a driver's text may quote SQL and its parameters: not shown
        return DatabaseError.because("refused", where)
    return DatabaseError.because("other", where, detail=text.splitlines()[0][:200] if text else type(exc).__name__)


def _os_reason(db: Database | None) -> str | None:
    """Why SQLite could not open the file, in the operating system's words (it says only "unable to open")."""
    import os

    path = getattr(db, "path", None)
    if path is None:
        return None
    if path.is_dir():
        return "是文件夹 / is a folder"
    if not path.parent.is_dir():
        return "所在文件夹不存在 / the folder does not exist"
    if not os.access(path.parent, os.W_OK):
        return "文件夹不可写 / the folder is not writable"
    return None
