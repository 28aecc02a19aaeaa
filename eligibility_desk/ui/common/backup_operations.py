"""文件 → 备份…, and the daily automatic backup at start — both off the GUI thread (issue 14).

The backup itself is :mod:`eligibility_desk.persistence.backup` (SQLite online backup, pg_dump for
PostgreSQL); this object asks where to write, runs it on the task runner with progress and says how it
went.  Settings (QSettings, per computer; edited in 设置 → 备份): ``backup/daily`` (the daily automatic
backup on or off, default on), ``backup/keep_days`` (automatic backups kept, default 14), ``backup/folder``
(default: ``backups/`` in the user's data folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

KEY_DAILY = "backup/daily"
KEY_KEEP_DAYS = "backup/keep_days"
KEY_FOLDER = "backup/folder"
#: the longest the automatic backups are kept (设置 offers up to it; a larger stored value is junk)
MAX_KEEP_DAYS = 3650
OP_BACKUP = "backup"
OP_DAILY_BACKUP = "daily_backup"


def backup_call(desk, path):
    """The work of a backup made by hand (文件 → 备份…, 设置 → 立即备份): write it, then audit the export."""
    from eligibility_desk.persistence.backup import backup

    def work(progress, cancelled):
        written = backup(desk.db, path, progress)
        desk.record_export("database", None, str(written), "backup")
        return written

    return work


def daily_enabled(settings) -> bool:
    value = settings.value(KEY_DAILY, True) if settings is not None else True
    return value not in (False, "false", "0", 0)


class BackupOperations(QObject):
    message = Signal(str)
    backed_up = Signal(str)        # the file written

    def __init__(self, runner, window, settings=None):
        super().__init__(window)
        self.runner = runner
        self.window = window
        self.settings = settings

    def _folder(self) -> Path:
        from eligibility_desk.services.backups import backup_folder

        chosen = self.settings.value(KEY_FOLDER, "") if self.settings is not None else ""
        if not isinstance(chosen, str) or len(chosen) > 4096 or "\x00" in chosen:   # junk in the settings
            chosen = ""
        if chosen:
            Path(chosen).mkdir(parents=True, exist_ok=True)
            return Path(chosen)
        return backup_folder()

    def keep_days(self) -> int:
        from eligibility_desk.services.backups import DEFAULT_KEEP_DAYS

        try:
            return min(max(1, int(self.settings.value(KEY_KEEP_DAYS, DEFAULT_KEEP_DAYS))), MAX_KEEP_DAYS) \
                if self.settings is not None else DEFAULT_KEEP_DAYS
        except (TypeError, ValueError, OverflowError):   # junk in the settings ("x", inf): the default
            return DEFAULT_KEEP_DAYS

    def ask_and_back_up(self, desk) -> None:
        """Ask for a file, then back up to it with a progress dialog."""
        from eligibility_desk.persistence.backup import default_name

        if desk is None:
            return
        suggested = str(self._folder() / default_name(desk.db))
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("备份数据库"), suggested,
                                              self.tr("备份文件 (*.sqlite3 *.pgdump);;所有文件 (*)"))
        if path:
            self.back_up_to(desk, path)

    def back_up_to(self, desk, path: str) -> None:
        self.runner.run(OP_BACKUP, backup_call(desk, path), label=self.tr("正在备份数据库…"), on_done=self._done, on_failed=self._failed)

    def daily(self, desk) -> None:
        """The automatic backup, when the newest is older than a day (quietly, no dialog); nothing when
        设置 turned it off."""
        from eligibility_desk.services.backups import daily_backup

        if not daily_enabled(self.settings):
            return

        folder, keep = self._folder(), self.keep_days()
        self.runner.run(OP_DAILY_BACKUP, lambda progress, cancelled: daily_backup(desk.db, folder, keep),
                        show_progress=False, on_done=lambda made: made and self._done(made),
                        on_failed=self._failed)

    def _done(self, path) -> None:
        self.message.emit(self.tr("数据库已备份到：{path}").format(path=path))
        self.backed_up.emit(str(path))

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(self.tr("备份未完成：{error}").format(error=exc))
