"""The real entry point in a new process: ``eligibility-desk --demo`` and ``eligibility-desk`` on an empty
default database (fresh data and config folders), offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from eligibility_desk import __version__

ROOT = Path(__file__).resolve().parents[3]

# report what the window shows once its desk is ready, then quit
CHILD = r"""
import sys, json
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
answered = []
def poll():
    from eligibility_desk.ui.main_window import MainWindow
    from eligibility_desk.ui.accounts.first_run_dialog import FirstRunDialog
    for w in app.topLevelWidgets():
        if isinstance(w, FirstRunDialog) and w.isVisible():   # a fresh database: this computer's login is the admin
            w.os_login.setChecked(True)
            answered.append(w.create())
    for w in app.topLevelWidgets():
        if isinstance(w, MainWindow) and w.desk is not None and not w.runner.busy():
            print(json.dumps({"rows": w.screening.list_panel.model.rowCount(), "page": w.screening.stack.currentWidget().__class__.__name__,
                              "url": w.desk.url, "title": w.windowTitle(), "visible": w.isVisible(),
                              "font": app.font().family(), "menus": [a.text() for a in w.menuBar().actions()],
                              "first_run": answered, "account": w.account_label.text()}), flush=True)
            app.quit()
            return
    QTimer.singleShot(50, poll)
QTimer.singleShot(50, poll)
from eligibility_desk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(tmp_path, *args) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    env.pop("ELIGIBILITY_DESK_DB", None)
    done = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])


def test_demo_opens_on_a_screened_demo_batch_in_a_temporary_database(tmp_path):
    shown = run(tmp_path, "--demo")
    assert shown["visible"] and shown["rows"] == 300
    assert shown["page"] == "QSplitter"
    assert "demo" in shown["url"] and str(tmp_path) not in shown["url"]
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.sqlite3"))


def test_no_arguments_opens_the_default_database_and_offers_import_or_demo(tmp_path):
    shown = run(tmp_path)
    assert shown["page"] == "EmptyStatePanel" and shown["rows"] == 0
    assert shown["first_run"] == [True]                    # a database without accounts asked for the first admin
    assert "本机登录名即账户" in shown["account"] and "管理员" in shown["account"]
    assert str(tmp_path / "data") in shown["url"]          # created in the user's data folder
    assert "职业技能等级认定考务桌面" in shown["title"]
    assert f"{__version__}（源代码运行，未打包）" in shown["title"]    # a checkout has no build date


def test_english_chosen_in_settings_applies_at_the_next_start(qtbot, tmp_path):
    from eligibility_desk.ui.common.desk_settings import KEY_LANGUAGE, open_settings
    from eligibility_desk.ui.settings_dialog import SettingsDialog

    settings = open_settings(str(tmp_path / "config" / "EligibilityDesk" / "eligibility-desk.ini"))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.apply()
    assert settings.value(KEY_LANGUAGE) == "en"
    shown = run(tmp_path)
    assert shown["title"].startswith(f"Eligibility Desk {__version__} (running from source, not a built bundle) — ")
    assert shown["menus"] == ["&File", "&Edit", "&Batch", "&View", "&Accounts", "&Help"]
