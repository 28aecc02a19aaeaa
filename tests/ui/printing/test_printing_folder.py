"""打印 remembers the folder the PDFs went to (per user, in QSettings) and falls back to the default folder
when the remembered one is gone.  The settings are the user scope the app uses, redirected to a temporary
folder for the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from eligibility_desk.ui.common.desk_settings import open_settings
from eligibility_desk.ui.printing.printing_workspace import (
    KEY_OUTPUT_FOLDER, PrintingWorkspace, default_output_folder, remembered_output_folder,
)
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
from eligibility_desk.ui.common.task_runner import TaskRunner


@pytest.fixture
def user_scope(tmp_path):
    """QSettings' user scope (IniFormat) in a temporary folder, put back afterwards."""
    probe = QSettings(QSettings.IniFormat, QSettings.UserScope, "probe-org", "probe-app").fileName()
    previous = str(Path(probe).parent.parent)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "config"))
    yield tmp_path / "config"
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, previous)


def _workspace(qtbot, settings):
    runner = TaskRunner(None, SynchronousPool())
    workspace = PrintingWorkspace(runner, None, "zh", settings)
    qtbot.addWidget(workspace)
    return workspace


def test_the_chosen_folder_is_the_start_folder_next_time(qtbot, user_scope, tmp_path):
    settings = open_settings()                        # what the app uses: the user's settings
    assert str(user_scope) in settings.fileName()
    first = _workspace(qtbot, settings)
    assert first.output_folder == default_output_folder()
    chosen = tmp_path / "考务" / "打印"
    chosen.mkdir(parents=True)
    first.choose_folder(str(chosen))
    assert first.folder_label.text() == str(chosen)

    again = _workspace(qtbot, open_settings())        # the next start, a fresh QSettings on the same file
    assert again.output_folder == chosen and again.folder_label.text() == str(chosen)
    assert again.result.text() == ""


def test_a_folder_that_is_gone_falls_back_to_the_default_and_says_so(qtbot, user_scope, tmp_path):
    settings = open_settings()
    settings.setValue(KEY_OUTPUT_FOLDER, str(tmp_path / "U盘" / "准考证"))
    settings.sync()
    workspace = _workspace(qtbot, open_settings())
    assert workspace.output_folder == default_output_folder()
    assert "U盘" in workspace.result.text() and "已不存在" in workspace.result.text()
    assert remembered_output_folder(open_settings()) == (default_output_folder(), tmp_path / "U盘" / "准考证")


def test_a_cancelled_folder_dialog_changes_nothing(qtbot, user_scope, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "pdf"
    chosen.mkdir()
    settings = open_settings()
    workspace = _workspace(qtbot, settings)
    workspace.choose_folder(str(chosen))
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args: asked.append(args) or ""))
    workspace.choose_folder()                         # 取消
    assert asked[0][2] == str(chosen)                 # the dialog opened at the remembered folder
    assert workspace.output_folder == chosen and Path(str(open_settings().value(KEY_OUTPUT_FOLDER))) == chosen


def test_the_main_window_remembers_it_across_a_restart(qtbot, settings, desk, tmp_path):
    from eligibility_desk.ui.main_window import MainWindow

    window = MainWindow(settings, pool=SynchronousPool())
    qtbot.addWidget(window)
    (tmp_path / "out").mkdir()
    window.printing.choose_folder(str(tmp_path / "out"))
    again = MainWindow(open_settings(settings.fileName()), pool=SynchronousPool())
    qtbot.addWidget(again)
    assert again.printing.output_folder == tmp_path / "out"
