"""Backups of the whole database and restoring one (issue 14).

SQLite: :meth:`sqlite3.Connection.backup` — the online backup API, a consistent copy while desks keep
working (WAL content included), written as one self-contained file of mode 0600.  PostgreSQL: ``pg_dump
--format=custom`` (restored with ``pg_restore``); when the tools are not installed :class:`BackupError`
says what to install.  A backup's schema revision is read back from its ``alembic_version``; a backup made
by a newer version of the app (a revision this app does not know) is refused, an older one is restored and
then migrated to this app's schema.  Before a SQLite database is overwritten it is copied beside itself
(``<file>.before-restore-<time>``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from sqlalchemy.engine import make_url

from eligibility_desk.persistence.database import Database, private_file

Progress = Callable[[int, int], None]


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message (Chinese first, English after) says why and what to do."""


def _no_progress(done: int, total: int) -> None:
    pass


def stamp(when: datetime | None = None) -> str:
    return (when or datetime.now()).strftime("%Y%m%dT%H%M%S")


def default_name(db: Database, when: datetime | None = None) -> str:
    return f"eligibility-desk-{stamp(when)}.{'sqlite3' if db.is_sqlite else 'pgdump'}"


# --- making a backup -----------------------------------------------------------------------------------

def backup(db: Database, out: str | Path, progress: Progress = _no_progress) -> Path:
    """Write a backup of ``db`` to ``out`` (a file, replaced if present); returns its path."""
    out = Path(out).expanduser()
    if db.is_sqlite and db.path is None:   # refused before any folder is made
        raise BackupError("内存数据库无法备份。 / An in-memory database cannot be backed up.")
    if db.is_sqlite:
        out.parent.mkdir(parents=True, exist_ok=True)
        return _sqlite_copy(db.path, out, progress)
    _pg_dump(db, out)
    progress(1, 1)
    return out


def _sqlite_copy(source_path: Path, out: Path, progress: Progress) -> Path:
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    private_file(partial)
    source = sqlite3.connect(source_path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest, pages=256, progress=lambda _status, remaining, total: progress(total - remaining, total))
            dest.execute("PRAGMA journal_mode=DELETE")   # one self-contained file
        finally:
            dest.close()
    finally:
        source.close()
    os.replace(partial, out)                            # never a half-written backup under the real name
    return out


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    import glob

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if candidates:
        return candidates[-1]
    raise BackupError(
        f"找不到 PostgreSQL 的 {name} 程序，无法备份或恢复。请在本机安装 PostgreSQL 客户端工具（与服务器同一主版本；"
        f"Debian/Ubuntu：apt install postgresql-client；Windows：PostgreSQL 安装程序中的「Command Line Tools」），"
        f"或由数据库管理员在服务器上执行 pg_dump --format=custom（见 docs/accounts.md「备份」）。 / "
        f"PostgreSQL's {name} was not found: install the PostgreSQL client tools (same major version as the "
        f"server), or have the database administrator run pg_dump --format=custom on the server "
        f"(docs/accounts.md, Backups).")


def _libpq(db: Database) -> tuple[str, dict]:
    """A libpq connection string for the pg tools, and the environment carrying the password."""
    url = make_url(db.url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    plain = url.set(drivername="postgresql", password=None)
    query = {k: v for k, v in plain.query.items() if k in ("sslmode", "options", "application_name", "host")}
    return plain.set(query=query).render_as_string(hide_password=False), env


def _run(cmd: list[str], env: dict, what: str) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what}失败：{detail[-1] if detail else done.returncode} / {what} failed")
    return done


def _pg_dump(db: Database, out: Path) -> None:
    url, env = _libpq(db)
    tool = _tool("pg_dump")               # found before any folder or file is made
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    private_file(partial)
    _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", f"--dbname={url}"],
         env, "pg_dump 备份")
    os.replace(partial, out)
    private_file(out)


# --- reading and restoring a backup --------------------------------------------------------------------

def backup_revision(path: str | Path) -> str | None:
    """The schema revision recorded in a backup file (``None``: it has none — not one of ours)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path} / no such backup file: {path}")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(b"SQLite format 3"):
        source = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            row = source.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error as exc:
            if "no such table" in str(exc):
                return None
            raise BackupError(f"{path.name}：备份文件已损坏（{exc}），未恢复。 / {path.name}: the backup is damaged "
                              f"({exc}); nothing was restored.") from None
        finally:
            source.close()
        return row[0] if row else None
    if head.startswith(b"PGDMP"):
        done = _run([_tool("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(path)],
                    dict(os.environ), "读取备份")
        lines = done.stdout.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("COPY ") and "alembic_version" in line and i + 1 < len(lines):
                value = lines[i + 1].strip()
                return None if value == "\\." else value
        return None
    raise BackupError(f"{path.name} 不是本程序的备份文件。 / {path.name} is not an Eligibility Desk backup.")


#: tables every backup of ours holds, whatever its revision (the first release made them)
CORE_TABLES = frozenset({"batch", "applicant", "application"})


def check_restorable(db: Database, path: str | Path, known: set[str]) -> str:
    """The backup's revision, after refusing one of the other kind of database or from a newer app, and — a
    SQLite file — one that is damaged (``PRAGMA quick_check``) or lacks the desk's tables: such a file would
    replace the database with nothing usable.  Every message names the file."""
    name = Path(path).name
    revision = backup_revision(path)
    if revision is None:
        raise BackupError(f"{name} 不含数据库版本信息，不是本程序的备份。 / {name}: not an Eligibility Desk backup.")
    if not isinstance(revision, str) or revision not in known:
        raise BackupError(f"{name}：该备份（数据库版本 {revision}）由更新版本的程序生成，本程序无法恢复；请先升级程序。 / "
                          f"{name}: this backup (schema {revision}) was made by a newer version of the app; upgrade first.")
    with open(path, "rb") as fh:
        is_sqlite_file = fh.read(16).startswith(b"SQLite format 3")
    if is_sqlite_file != db.is_sqlite:
        raise BackupError(f"{name}：备份与当前数据库类型不同（SQLite 与 PostgreSQL 不能互相恢复）。 / "
                          f"{name}: the backup is of the other kind of database (SQLite vs PostgreSQL).")
    if is_sqlite_file:
        _check_sqlite_backup(Path(path))
    return revision


def _check_sqlite_backup(path: Path) -> None:
    name = path.name
    source = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        verdict = source.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.Error as exc:
        raise BackupError(f"{name}：备份文件已损坏（{exc}），未恢复。 / {name}: the backup is damaged ({exc}); "
                          f"nothing was restored.") from None
    finally:
        source.close()
    if not verdict or verdict[0] != "ok":
        raise BackupError(f"{name}：备份文件已损坏（完整性检查未通过），未恢复。 / {name}: the backup is damaged (its "
                          f"integrity check failed); nothing was restored.")
    missing = sorted(CORE_TABLES - tables)
    if missing:
        raise BackupError(f"{name}：备份缺少数据表 {'、'.join(missing)}，不是完整的备份，未恢复。 / {name}: the backup "
                          f"lacks the tables {', '.join(missing)}; nothing was restored.")


def restore(db: Database, path: str | Path, progress: Progress = _no_progress) -> Path | None:
    """Replace ``db``'s content with the backup at ``path`` (then migrate it to this app's schema).

    Returns the copy of the SQLite database made first (``None`` on PostgreSQL)."""
    from eligibility_desk.persistence.migrate import alembic_config, known_revisions, upgrade

    path = Path(path)
    check_restorable(db, path, known_revisions(alembic_config(db)))
    saved = None
    if db.is_sqlite:
        if db.path is None:
            raise BackupError("内存数据库无法恢复。 / An in-memory database cannot be restored into.")
        if db.path.exists() and db.path.stat().st_size:
            saved = _sqlite_copy(db.path, db.path.with_name(f"{db.path.name}.before-restore-{stamp()}"), _no_progress)
        db.engine.dispose()
        db.write_engine.dispose()
        source = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(private_file(db.path), timeout=30)
            try:
                source.backup(dest, pages=256, progress=lambda _s, remaining, total: progress(total - remaining, total))
            finally:
                dest.close()
        finally:
            source.close()
    else:
        url, env = _libpq(db)
        db.engine.dispose()
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              f"--dbname={url}", str(path)], env, "pg_restore 恢复")
        progress(1, 1)
    upgrade(db)        # an older backup: brought to this app's schema
    return saved
