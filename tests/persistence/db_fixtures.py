"""Database fixtures for the records tests (issue 7): each test gets its own empty database, on SQLite and
on PostgreSQL.

``db_url`` is parametrised over both backends.  SQLite: a file in the test's temporary folder.
PostgreSQL: a fresh database per test on one throwaway cluster per test session, started here —
``initdb`` and ``pg_ctl`` are found under ``/usr/lib/postgresql/*/bin`` (Debian's postgresql package puts
them there, not on PATH) and run as the ``postgres`` user when we are root (they refuse root), on
127.0.0.1 and a free port, with the socket and data in a temporary folder; stopped at the end.
``$ELIGIBILITY_DESK_TEST_PG`` (a SQLAlchemy URL of a server database we may create databases on) is used
instead when set.  Only when no server can be started are the PostgreSQL cases skipped, with the reason.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_ENV = "ELIGIBILITY_DESK_TEST_PG"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class Cluster:
    """A throwaway PostgreSQL cluster: ``start()`` returns the server URL (database ``postgres``)."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.root: Path | None = None
        self.port = _free_port()
        self.as_user: str | None = None

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--"] + cmd
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    def start(self) -> str:
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH)")
        self.root = Path(tempfile.mkdtemp(prefix="edesk-pg-"))
        data = self.root / "data"
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no 'postgres' user to run initdb as") from None
            self.as_user = "postgres"
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        done = self._run(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                         "--locale=C", "--no-sync")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        done = self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.root / "server.log"),
                         "-w", "-t", "60", "start")
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log[-500:]}")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        if self.root is None:
            return
        if (self.root / "data" / "postmaster.pid").exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


@pytest.fixture(scope="session")
def pg_server_url():
    """The URL of a PostgreSQL server database we may create databases on, or a skip with the reason."""
    url = os.environ.get(PG_ENV)
    if url:
        yield url
        return
    cluster = Cluster()
    try:
        url = cluster.start()
    except Exception as exc:  # no server can be started here: say why
        cluster.stop()
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        yield url
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server_url):
    """A database migrated once per session (Alembic runs here, on PostgreSQL); each test's database is a
    copy of it (``CREATE DATABASE … TEMPLATE``), which is several times faster than migrating each one."""
    from sqlalchemy.engine import make_url

    from eligibility_desk.persistence import open_database

    url, drop = fresh_pg_database(pg_server_url)
    open_database(url).close()
    yield make_url(url).database
    drop()


def fresh_pg_database(server_url: str, template: str | None = None) -> tuple[str, callable]:
    """A new PostgreSQL database on the test server (a copy of ``template`` if given) and a function that drops it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "edesk_" + uuid.uuid4().hex[:12]
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(server_url).set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A database of its own for one test, on each backend: an empty SQLite file (migrated when the test
    opens it), or on PostgreSQL a copy of the session's freshly migrated template."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'records.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server_url")
    url, drop = fresh_pg_database(server, request.getfixturevalue("pg_template"))
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def pg_url(pg_server_url, pg_template):
    """A PostgreSQL database of its own, for the tests that only make sense there."""
    url, drop = fresh_pg_database(pg_server_url, pg_template)
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'records.sqlite3'}"
