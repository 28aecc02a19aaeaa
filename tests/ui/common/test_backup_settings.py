"""设置 → 备份: the daily automatic backup's on/off, folder and days kept are settings in the dialog, checked
before they are saved, and 立即备份 backs up off the GUI thread (issue 14: "a daily automatic backup kept N
days"; the settings had no place in 设置)."""

from __future__ import annotations

import os
import stat

import pytest

from eligibility_desk.ui.common.backup_operations import KEY_DAILY, KEY_FOLDER, KEY_KEEP_DAYS


@pytest.fixture
def dialog(qtbot, settings, desk):
    from eligibility_desk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings, desk=desk)          # Qt's thread pool: 立即备份 runs on a worker thread
    qtbot.addWidget(dialog)
    return dialog


def test_the_backup_settings_are_shown_and_saved(qtbot, dialog, settings, tmp_path):
    box = dialog.backups
    assert box.daily.isChecked() and box.keep_days.value() == 14 and box.folder.text() == ""
    assert "backups" in box.folder.placeholderText()                # where an empty folder means
    box.daily.setChecked(False)
    box.folder.setText(str(tmp_path / "备份"))
    box.keep_days.setValue(30)
    assert dialog.apply()
    assert settings.value(KEY_DAILY) in (False, "false")
    assert settings.value(KEY_FOLDER) == str(tmp_path / "备份") and int(settings.value(KEY_KEEP_DAYS)) == 30


@pytest.mark.parametrize("typed,words", [("相对/路径", "完整路径"), ("FILE", "是文件，不是文件夹")])
def test_a_folder_that_cannot_be_used_is_refused_and_nothing_is_saved(qtbot, dialog, settings, tmp_path, typed, words):
    if typed == "FILE":
        typed = str(tmp_path / "a-file.txt")
        (tmp_path / "a-file.txt").write_text("x")
    dialog.backups.folder.setText(typed)
    dialog.backups.keep_days.setValue(3)
    assert not dialog.apply()
    assert words in dialog.backups.status.text() and dialog.backups.status.isVisibleTo(dialog)
    assert settings.value(KEY_FOLDER) is None and settings.value(KEY_KEEP_DAYS) is None


def test_back_up_now_writes_a_private_audited_copy_into_the_folder_off_the_gui_thread(qtbot, dialog, desk, tmp_path):
    folder = tmp_path / "新建的备份文件夹"
    dialog.backups.folder.setText(str(folder))
    with qtbot.waitSignal(dialog.backups.runner.started, timeout=5000):
        dialog.backups.backup_now.click()
    assert not dialog.backups.backup_now.isEnabled()                 # one at a time while it runs
    with qtbot.waitSignal(dialog.backups.backed_up, timeout=30000) as done:
        pass
    written = folder / os.path.basename(done.args[0])
    assert written.exists() and stat.S_IMODE(os.stat(written).st_mode) == 0o600
    assert not written.name.startswith("auto-")                      # made by hand: never cleaned up
    assert "已备份到" in dialog.backups.status.text() and dialog.backups.backup_now.isEnabled()
    row = desk.audit_trail("database")[0]
    assert row["action"] == "backup" and row["after"]["file"] == str(written)


def test_without_a_database_back_up_now_is_off(qtbot, settings):
    from eligibility_desk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.backups.backup_now.isEnabled() and dialog.backups.daily.isEnabled()
    # the centre's fields are not offered without a database: not left as stray boxes over the form either
    assert not any(field.isVisibleTo(dialog) for field in (dialog.centre_name, dialog.centre_venue, dialog.batch_venue))


def test_the_placeholder_names_the_default_folder_without_creating_it(qtbot, settings, tmp_path, monkeypatch):
    from eligibility_desk.ui.settings_dialog import SettingsDialog

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert str(tmp_path / "data") in dialog.backups.folder.placeholderText()
    assert not (tmp_path / "data").exists()


def test_the_daily_backup_follows_the_setting(qtbot, window, desk, settings, tmp_path):
    folder = tmp_path / "auto"
    settings.setValue(KEY_FOLDER, str(folder))
    settings.setValue(KEY_DAILY, False)                              # turned off in 设置
    with qtbot.assertNotEmitted(window.backups.backed_up):
        window.backups.daily(desk)
    assert not list(folder.glob("auto-*"))
    settings.setValue(KEY_DAILY, True)
    with qtbot.waitSignal(window.backups.backed_up, timeout=20000):
        window.backups.daily(desk)
    assert len(list(folder.glob("auto-*"))) == 1
