"""Changing the interface language offers 立即重新启动: the window saves its state (geometry, splitter, batch,
tab), closes as usual and starts the same command line again; the next start reopens the same batch and tab."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from eligibility_desk.ui.common import desk_settings
from eligibility_desk.ui.common.restart import restart_command
from eligibility_desk.ui.main_window import WORKSPACES, MainWindow
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool


@pytest.fixture
def restarts(window):
    calls: list[tuple[str, list[str]]] = []
    window.restart_app = lambda program, arguments: calls.append((program, arguments))
    return calls


def _settings_in_english(window):
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog.isVisible() and not dialog.restart_button.isVisible()      # nothing to restart for yet
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.restart_button.isVisible() and "立即重新启动" in dialog.note.text()
    return dialog


def test_restart_saves_the_state_and_starts_the_same_command_line(qtbot, window, desk, restarts):
    other = desk.create_batch("第二批", "4-07-02-06", ["2"], date(2025, 9, 1))
    window.refresh()
    window.choose_batch(other)
    window.workspaces.setCurrentIndex(WORKSPACES.index("planning"))
    window.screening.splitter.setSizes([300, 600])
    geometry, splitter = window.saveGeometry(), window.screening.splitter.saveState()

    _settings_in_english(window).restart_button.click()
    assert restarts == [(sys.executable, sys.orig_argv[1:])] == [restart_command()]
    assert not window.isVisible()
    settings = desk_settings.open_settings(window.settings.fileName())    # what the next process reads
    assert desk_settings.language(settings) == "en"
    assert desk_settings.last_tab(settings) == "planning" and desk_settings.last_batch(settings) == other
    assert desk_settings.byte_array(settings, desk_settings.KEY_GEOMETRY) == geometry    # restored as
    assert desk_settings.byte_array(settings, desk_settings.KEY_SPLITTER) == splitter    # test_main_window shows

    again = MainWindow(settings, pool=SynchronousPool())                    # the next start
    again.ask_unsaved = lambda text: "discard"
    qtbot.addWidget(again)
    again.set_desk(desk)
    assert again.batch_id == other and again.batch_combo.currentData() == other
    assert again.workspaces.currentWidget() is again.planning


def test_ok_keeps_the_language_for_the_next_start_without_restarting(window, restarts):
    dialog = _settings_in_english(window)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    assert restarts == [] and window.isVisible()
    assert desk_settings.language(window.settings) == "en"


def test_a_restart_the_user_cancels_over_unsaved_edits_does_not_happen(window, restarts):
    window.screening.form.draft.set(("name",), "改了没存")
    window.ask_unsaved = lambda text: "cancel"                              # keep my edits
    _settings_in_english(window).restart_button.click()
    assert restarts == [] and window.isVisible() and window.screening.form.draft.is_modified()
    window.ask_unsaved = lambda text: "discard"


def test_restart_detached_starts_a_real_process_with_the_arguments(qtbot, tmp_path):
    from eligibility_desk.ui.common.restart import restart_detached

    out = tmp_path / "argv.txt"
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text('|'.join(sys.argv[2:]), encoding='utf-8')"
    assert restart_detached(sys.executable, ["-c", script, str(out), "--demo", "批次 1"])
    qtbot.waitUntil(lambda: out.exists() and out.read_text(encoding="utf-8") != "", timeout=20000)
    assert out.read_text(encoding="utf-8") == "--demo|批次 1"
