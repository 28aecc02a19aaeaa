"""文件 → 备份… and the daily automatic backup, run on the task runner (issue 14)."""

from __future__ import annotations

import os
import stat

from eligibility_desk.ui.common.backup_operations import KEY_FOLDER


def test_file_menu_backup_writes_a_private_copy_and_audits_it(qtbot, window, desk, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_backup in file_menu.actions() and window.act_backup.isEnabled()
    target = tmp_path / "手动备份.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.backups.backed_up, timeout=20000) as done:
        window.act_backup.trigger()
    assert done.args == [str(target)]
    assert target.exists() and stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "已备份" in window.statusBar().currentMessage()
    row = desk.audit_trail("database")[0]
    assert row["action"] == "backup" and row["user"] == "clerk1" and row["after"]["file"] == str(target)


def test_daily_backup_goes_to_the_configured_folder_once(qtbot, window, desk, settings, tmp_path):
    folder = tmp_path / "auto"
    settings.setValue(KEY_FOLDER, str(folder))
    with qtbot.waitSignal(window.backups.backed_up, timeout=20000):
        window.backups.daily(desk)
    assert len(list(folder.glob("auto-*"))) == 1
    with qtbot.assertNotEmitted(window.backups.backed_up):
        window.backups.daily(desk)                  # not due again today
    assert len(list(folder.glob("auto-*"))) == 1
