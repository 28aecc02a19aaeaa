"""设置 → 备份: the daily automatic backup on or off, its folder and how many days it is kept, and 立即备份.

The values are this computer's settings (QSettings keys of :mod:`backup_operations`: ``backup/daily``,
``backup/folder``, ``backup/keep_days``), read by the automatic backup at the next start.  The folder is
checked before anything is saved: an absolute path to a folder this account can write to, or can create
(empty = ``backups/`` in the user's data folder).  立即备份 writes a backup of the open database into that
folder now — off the GUI thread with a progress dialog, audited like 文件 → 备份… — and is never deleted by
the automatic clean-up (only ``auto-*`` files are).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget,
)

from eligibility_desk.ui.common.backup_operations import (KEY_DAILY, KEY_FOLDER, KEY_KEEP_DAYS, MAX_KEEP_DAYS,
                                                          backup_call, daily_enabled)
from eligibility_desk.ui.common.task_runner import TaskRunner

OP_BACKUP_NOW = "backup_now"


def _default_folder(create: bool = False) -> Path:
    from eligibility_desk.services.backups import backup_folder

    return backup_folder(create)


class BackupSettingsBox(QGroupBox):
    backed_up = Signal(str)      # 立即备份 wrote this file
    failed = Signal(str)         # 立即备份 did not complete: why

    def __init__(self, settings, desk=None, parent: QWidget | None = None, pool=None):
        """``desk``: the open database (None: 立即备份 is off); ``pool``: where 立即备份 runs (tests: synchronous)."""
        from eligibility_desk.services.backups import DEFAULT_KEEP_DAYS

        super().__init__(self.tr("备份（本电脑的设置）"), parent)
        self.setObjectName("backup_settings")
        self.settings, self.desk = settings, desk
        self.runner = TaskRunner(self, pool)
        self.daily = QCheckBox(self.tr("每天自动备份（打开数据库时，距上次自动备份满一天）"), self)
        self.daily.setObjectName("backup_daily")
        self.daily.setChecked(daily_enabled(settings))
        self.folder = QLineEdit(str(settings.value(KEY_FOLDER, "") or ""), self)
        self.folder.setObjectName("backup_folder")
        self.folder.setPlaceholderText(self.tr("留空则用：{path}").format(path=_default_folder()))
        choose = QPushButton(self.tr("选择…"), self)
        choose.setObjectName("choose_backup_folder")
        choose.clicked.connect(self._choose_folder)
        self.keep_days = QSpinBox(self)
        self.keep_days.setObjectName("backup_keep_days")
        self.keep_days.setRange(1, MAX_KEEP_DAYS)
        self.keep_days.setSuffix(self.tr(" 天"))
        self.keep_days.setValue(self._stored_keep_days(DEFAULT_KEEP_DAYS))
        self.keep_days.setToolTip(self.tr("超过此天数的自动备份会被删除；手动备份（文件 → 备份…、立即备份）不会删除。"))
        self.backup_now = QPushButton(self.tr("立即备份"), self)
        self.backup_now.setObjectName("backup_now")
        self.backup_now.setEnabled(desk is not None)
        self.backup_now.setToolTip(self.tr("把当前数据库备份到上面的文件夹") if desk is not None
                                   else self.tr("先打开数据库"))
        self.backup_now.clicked.connect(lambda: self.back_up_now())
        self.status = QLabel(self)
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.status.hide()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        now_row = QHBoxLayout()
        now_row.addWidget(self.backup_now)
        now_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.daily)
        form.addRow(self.tr("备份文件夹"), folder_row)
        form.addRow(self.tr("自动备份保留"), self.keep_days)
        form.addRow(now_row)
        form.addRow(self.status)

    def _stored_keep_days(self, default: int) -> int:
        try:
            return min(max(1, int(self.settings.value(KEY_KEEP_DAYS, default))), MAX_KEEP_DAYS)
        except (TypeError, ValueError, OverflowError):
            return default

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("备份文件夹"), self.folder.text() or str(_default_folder()))
        if chosen:
            self.folder.setText(chosen)

    # --- checking and saving -------------------------------------------------------------------------
    def problem(self) -> str:
        """Why the folder typed cannot be used ("" when it can), also shown under the fields."""
        text = self.folder.text().strip()
        reason = ""
        if text:
            path = Path(text).expanduser()
            if not path.is_absolute():
                reason = self.tr("备份文件夹应为完整路径（如 {example}），实际为「{text}」。").format(
                    example=_default_folder(), text=text)
            elif path.exists() and not path.is_dir():
                reason = self.tr("「{path}」是文件，不是文件夹。").format(path=path)
            else:
                existing = next(p for p in (path, *path.parents) if p.exists())
                if not os.access(existing, os.W_OK | os.X_OK):
                    reason = self.tr("没有权限写入「{path}」。").format(path=existing)
        if reason:
            self._show(reason, error=True)
        else:
            self.status.hide()
        return reason

    def folder_path(self) -> Path:
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else _default_folder(create=True)

    def save(self) -> bool:
        """Store the three settings (nothing when the folder is refused)."""
        if self.problem():
            return False
        self.settings.setValue(KEY_DAILY, self.daily.isChecked())
        self.settings.setValue(KEY_FOLDER, self.folder.text().strip())
        self.settings.setValue(KEY_KEEP_DAYS, self.keep_days.value())
        return True

    # --- 立即备份 ------------------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        from eligibility_desk.persistence.backup import default_name

        if self.desk is None or self.runner.busy() or self.problem():
            return
        try:
            folder = self.folder_path()
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._show(self.tr("无法创建备份文件夹：{error}").format(error=exc.strerror or exc), error=True)
            return
        self.backup_now.setEnabled(False)
        self._show(self.tr("正在备份…"))
        self.runner.run(OP_BACKUP_NOW, backup_call(self.desk, folder / default_name(self.desk.db)),
                        label=self.tr("正在备份数据库…"), on_done=self._done, on_failed=self._failed,
                        on_cancelled=lambda: self._failed(None))

    def _done(self, path) -> None:
        self.backup_now.setEnabled(True)
        self._show(self.tr("已备份到：{path}").format(path=path))
        self.backed_up.emit(str(path))

    def _failed(self, exc: BaseException | None) -> None:
        self.backup_now.setEnabled(True)
        text = self.tr("备份未完成：{error}").format(error=exc) if exc is not None else self.tr("备份已取消。")
        self._show(text, error=True)
        self.failed.emit(text)

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color:#c62828" if error else "color:#2e7d32")
        self.status.setText(text)
        self.status.show()
