"""Opening the database: choosing the URL, configuring SQLite, migrating to the current schema.

URL, in order: the ``url`` argument (``--db URL`` on the command line), ``$ELIGIBILITY_DESK_DB``, else a
SQLite file ``eligibility-desk.sqlite3`` in the user's data folder (platformdirs).  SQLite runs in WAL mode
with foreign keys on and a busy timeout; writes take the database lock up front (``BEGIN IMMEDIATE``)
so two desks on one file queue instead of failing half-way — one writer at a time.

Opening always migrates to the newest schema (:mod:`.migrate`); an existing SQLite file is copied to
``<file>.bak-<old revision>-<time>`` first.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DB_ENV = "ELIGIBILITY_DESK_DB"
APP_NAME = "eligibility-desk"
DEFAULT_FILE = "eligibility-desk.sqlite3"
BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DEFAULT_FILE}"


def resolve_url(url: str | None = None) -> str:
    """``url``, else ``$ELIGIBILITY_DESK_DB``, else the default SQLite file.  A bare path means SQLite."""
    chosen = url or os.environ.get(DB_ENV) or default_url()
    if "://" not in chosen:
        chosen = f"sqlite:///{Path(chosen).expanduser().resolve()}"
    return chosen


def private_file(path: Path) -> Path:
    """Make ``path`` readable and writable by its owner only (0600), creating it empty if absent: the
    database and its backups hold names and 身份证号.  SQLite gives its -wal/-shm files the database's mode.
    Where permissions cannot be set (another owner, Windows), left as it is."""
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass
    return path


def _sqlite_engine(url: str, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # let SQLAlchemy, not the sqlite3 module, decide when transactions begin
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
        cursor.execute("PRAGMA cache_size=-65536")   # 64 MB page cache: index updates of large imports
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """A database opened at a URL: a reading and a writing session factory over the migrated schema."""

    def __init__(self, url: str):
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path = (Path(parsed.database) if self.is_sqlite and parsed.database not in (None, "", ":memory:")
                     and not parsed.database.startswith("file:") else None)   # file:…?mode=ro URIs: left alone
        if self.is_sqlite:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                private_file(self.path)
            self.engine = _sqlite_engine(url, immediate=False)
            self.write_engine = _sqlite_engine(url, immediate=True)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
            self.write_engine = self.engine
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in one write transaction: committed on success, rolled back on any exception.  The audit
        rows it wrote are chained before the commit (:func:`eligibility_desk.persistence.audit.seal`)."""
        from eligibility_desk.persistence.audit import seal

        with self._write() as session, session.begin():
            yield session
            seal(session)

    def close(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()
