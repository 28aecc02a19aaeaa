"""Backups for the desk: where they go, the daily automatic one, and how long they are kept.

The folder is ``backups/`` in the user's data folder (platformdirs, mode 0700); each file is 0600.  At
start the window calls :func:`daily_backup`: when the newest automatic backup is older than a day a new one
is made, and automatic backups older than ``keep_days`` (a setting, 14 by default) are deleted.  Backups
made by hand (``eligibility-desk backup --out``, 文件 → 备份…) are never deleted.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from eligibility_desk.persistence.backup import backup, default_name
from eligibility_desk.persistence.database import APP_NAME, Database
from eligibility_desk.services.progress import Progress, no_progress

AUTO_PREFIX = "auto-"
DEFAULT_KEEP_DAYS = 14


def backup_folder(create: bool = True) -> Path:
    """``backups/`` in the user's data folder, created (mode 0700) unless ``create`` is False (only shown)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP_NAME, appauthor=False)) / "backups"
    if not create:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass
    return folder


def auto_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first."""
    return sorted((p for p in folder.glob(f"{AUTO_PREFIX}*") if p.is_file() and not p.name.endswith(".partial")),
                  key=lambda p: p.stat().st_mtime)


def daily_backup(db: Database, folder: Path | None = None, keep_days: int = DEFAULT_KEEP_DAYS,
                 now: datetime | None = None, progress: Progress = no_progress) -> Path | None:
    """Make an automatic backup if the newest is older than a day (returns it; ``None`` when not due), and
    delete automatic backups older than ``keep_days``."""
    folder = folder or backup_folder()
    now = now or datetime.now()
    existing = auto_backups(folder)
    made = None
    if not existing or now - datetime.fromtimestamp(existing[-1].stat().st_mtime) >= timedelta(days=1):
        made = backup(db, folder / f"{AUTO_PREFIX}{default_name(db, now)}", progress)
        os.utime(made, (now.timestamp(), now.timestamp()))
    cutoff = now - timedelta(days=max(int(keep_days), 1))
    for old in auto_backups(folder):
        if old != made and datetime.fromtimestamp(old.stat().st_mtime) < cutoff:
            old.unlink(missing_ok=True)
    return made
