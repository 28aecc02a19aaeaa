"""Alembic migrations, run from code on every open: no alembic.ini is needed at run time.

The scripts live in ``migrations/`` inside the package.  Before an existing SQLite database is upgraded it
is copied (with SQLite's online backup, so WAL content is included) to
``<file>.bak-<old revision>-<YYYYmmddTHHMMSS>`` beside it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from eligibility_desk.persistence.database import Database, private_file

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision(cfg: Config) -> str:
    return ScriptDirectory.from_config(cfg).get_current_head()


def known_revisions(cfg: Config) -> set[str]:
    """Every schema revision this app's migrations know (a backup with another one is from a newer app)."""
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}


def known_revisions_here() -> tuple[set[str], str]:
    """Every revision this app's migrations know and the newest, without a database."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return known_revisions(cfg), head_revision(cfg)


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def has_tables(db: Database) -> bool:
    from sqlalchemy import inspect

    with db.engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


def backup_sqlite(db: Database, revision: str | None) -> Path | None:
    """Copy the SQLite file before a migration; returns the copy's path (``None`` if nothing to copy)."""
    if db.path is None or not db.path.exists() or db.path.stat().st_size == 0:
        return None
    import sqlite3

    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = private_file(db.path.with_name(f"{db.path.name}.bak-{revision or 'none'}-{stamp}"))
    source = sqlite3.connect(db.path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        finally:
            dest.close()
    finally:
        source.close()
    return target


class UnknownRevision(RuntimeError):
    """The database's schema revision is none this app knows: it was made by a newer version of the app."""

    def __init__(self, revision: str, head: str):
        self.revision, self.head = revision, head
        super().__init__(f"schema revision {revision} is unknown (this app: {head})")


class ForeignDatabase(RuntimeError):
    """A database with tables but no schema revision: another program's, not to be migrated into."""

    def __init__(self, tables: str):
        self.tables = tables
        super().__init__(f"tables {tables} but no alembic_version")


def upgrade(db: Database) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made, if any.  Refuses, before writing
    anything, a database of a revision this app does not know (:class:`UnknownRevision`) and one with tables
    but no revision (:class:`ForeignDatabase`)."""
    cfg = alembic_config(db)
    head = head_revision(cfg)
    current = current_revision(db)
    if current == head:
        return None
    if current is not None and current not in known_revisions(cfg):
        raise UnknownRevision(str(current), head)
    backup = None
    if db.is_sqlite and has_tables(db):
        if current is None:
            from sqlalchemy import inspect

            with db.engine.connect() as connection:
                names = sorted(inspect(connection).get_table_names())
            shown = "、".join(names[:5]) + ("…" if len(names) > 5 else "")
            raise ForeignDatabase(shown)
        backup = backup_sqlite(db, current)
    with db.write_engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
    return backup
