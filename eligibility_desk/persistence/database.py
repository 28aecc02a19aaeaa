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
import threading
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

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection, record):
        # a bulk write turned the commit's automatic checkpoint off (Database.writing(defer_checkpoint=True)):
        # back on before the connection serves anyone else
        if record is not None and record.info.pop(_AUTOCHECKPOINT_OFF, False):
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")

    return engine


#: SQLite's default: a commit that leaves the WAL longer than this many pages copies it into the database file
WAL_AUTOCHECKPOINT = 1000
_AUTOCHECKPOINT_OFF = "eligibility_desk_autocheckpoint_off"


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
        self._checkpointer = None            # the background checkpoint's thread (checkpoint_soon)
        self._checkpoint_again = False
        self._checkpoint_lock = threading.Lock()
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
    def writing(self, defer_checkpoint: bool = False) -> Iterator[Session]:
        """A session in one write transaction: committed on success, rolled back on any exception.  The audit
        rows it wrote are chained before the commit (:func:`eligibility_desk.persistence.audit.seal`).

        ``defer_checkpoint`` (bulk writes: an import of 100,000 applicants puts ~80 MB into the WAL): on a
        SQLite file the commit does not copy the WAL back into the database file itself (its automatic
        checkpoint, 0.3–0.7 s of that import).  The commit is as safe as any other: it is in the WAL, which
        survives the application crashing (``synchronous=NORMAL``: the WAL is synced at checkpoints, and no
        setting is changed but when the copy happens); a passive checkpoint runs in a thread of its own with
        its own connection once the transaction has ended (:meth:`checkpoint_soon`)."""
        from eligibility_desk.persistence.audit import seal

        deferred = defer_checkpoint and self.is_sqlite and self.path is not None
        with self._write() as session:
            with session.begin():
                if deferred:
                    fairy = session.connection().connection
                    fairy.info[_AUTOCHECKPOINT_OFF] = True   # restored when the connection goes back to the pool
                    fairy.dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")
                yield session
                seal(session)
        if deferred:
            self.checkpoint_soon()

    def checkpoint_soon(self) -> None:
        """Copy the WAL into the database file in a background thread (``PRAGMA wal_checkpoint(PASSIVE)`` on
        a connection of its own: it waits for no reader or writer, and what it cannot copy yet the next
        commit's automatic checkpoint copies).  A checkpoint interrupted by the process ending is harmless:
        SQLite finishes it from the WAL on the next open.  :meth:`close` waits for it."""
        with self._checkpoint_lock:
            if self._checkpointer is not None and self._checkpointer.is_alive():
                self._checkpoint_again = True        # the running one may have started before this commit
                return
            self._checkpoint_again = False
            self._checkpointer = threading.Thread(target=self._checkpoint, name="sqlite-checkpoint", daemon=True)
            self._checkpointer.start()

    def _checkpoint(self) -> None:
        import sqlite3

        while True:
            try:
                connection = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                finally:
                    connection.close()
            except sqlite3.Error:   # busy or gone (the next commit's automatic checkpoint does the copying)
                pass
            with self._checkpoint_lock:
                if not self._checkpoint_again:
                    return
                self._checkpoint_again = False

    def wait_for_checkpoint(self, timeout: float | None = None) -> None:
        """Wait until a checkpoint started by :meth:`checkpoint_soon` has finished (backups, close)."""
        thread = self._checkpointer
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        self.wait_for_checkpoint()
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()
