"""Junk in the window's settings (QSettings) never stops the window from opening (issue 15): wrong types, huge
strings, folders and fonts that do not exist, geometry bytes that are garbage, a settings file that is not an
.ini at all — each falls back to a clean default and the window opens on its desk, in Chinese, usable."""

from __future__ import annotations

import os
import random

import pytest
from PySide6.QtCore import QByteArray

from eligibility_desk.ui.common.desk_settings import (
    KEY_GEOMETRY,
    KEY_LANGUAGE,
    KEY_LAST_BATCH,
    KEY_PDF_FONT,
    KEY_SPLITTER,
    KEY_STATE,
    KEY_TAB,
    open_settings,
)

HUGE = "界" * 200_000                   # far beyond any path or name (a 1 MB string behaves the same, slower)
MISSING = "/nonexistent/eligibility-desk/不存在的文件夹"
#: every key the window reads at start, and junk for each: wrong types, huge, missing paths, garbage bytes
JUNK = {
    KEY_LANGUAGE: [12345, ["zh", "en"], HUGE, "\x00\x1b[31m", "klingon", QByteArray(os.urandom(64))],
    KEY_GEOMETRY: [QByteArray(os.urandom(200)), QByteArray(b"\x01\xd9\xd0\xcb" + os.urandom(60)), "geometry", 7,
                   QByteArray(b"\x01\xd9\xd0\xcb\x00\x03" + b"\x7f\xff\xff\xff" * 12)],
    KEY_STATE: [QByteArray(os.urandom(500)), "state", [1, 2], QByteArray(b"\x00" * 10_000)],
    KEY_SPLITTER: [QByteArray(os.urandom(300)), QByteArray(b"\x00\x00\x00\xff" + b"\xff" * 40), 3.5, HUGE],
    KEY_LAST_BATCH: ["abc", "10" * 40, -5, "1" + "0" * 30, 99999, ["1"], 1.5, HUGE],
    KEY_TAB: [HUGE, 42, ["screening"], "no-such-workspace", "\u202e"],
    KEY_PDF_FONT: [MISSING + "/font.ttf#99", 17, HUGE, "#", "::"],
    "backup/daily": ["maybe", 3, [True], HUGE],
    "backup/keep_days": ["x", "1" + "0" * 30, -1, 1e308, "nan"],
    "backup/folder": [MISSING, 12, HUGE, "\x00"],
    "printing/output_folder": [MISSING, 12, [MISSING], HUGE],
    "accounts/last_name": ["\x00" * 5, HUGE, 3],
}
CASES = [(key, i) for key, values in JUNK.items() for i in range(len(values))]


def _open_window(qtbot, settings, desk):
    """The window as ``app.run_app`` makes it: the language from the settings, the batch last shown."""
    from eligibility_desk.ui.common import desk_settings
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.main_window import MainWindow

    lang = desk_settings.language(settings)
    assert lang == "zh_CN"                    # the default, whatever the file held
    window = MainWindow(settings, lang=lang, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.rows_shown, timeout=20000):
        window.set_desk(desk, None)            # the batch remembered in the settings, if it still is one
    window.show()
    qtbot.waitExposed(window)
    return window


def _usable(window, desk) -> None:
    from eligibility_desk.ui.common.backup_operations import daily_enabled
    from eligibility_desk.ui.settings_dialog import SettingsDialog

    assert isinstance(daily_enabled(window.settings), bool)
    assert 1 <= window.backups.keep_days() <= 3650
    dialog = SettingsDialog(window.settings, window, desk)   # 设置 opens on the same settings
    dialog.show()
    dialog.close()
    assert window.isVisible() and window.desk is desk
    screen = window.screen().availableGeometry()
    assert window.width() > 100 and window.height() > 100
    assert screen.intersects(window.frameGeometry()), "the window was put off screen"
    assert "文件" in [a.text().replace("&", "").split("(")[0] for a in window.menuBar().actions()][0]


@pytest.mark.parametrize("key,index", CASES, ids=[f"{k}-{i}" for k, i in CASES])
def test_junk_in_one_setting_leaves_a_clean_default(qtbot, tmp_path, desk, key, index):
    settings = open_settings(str(tmp_path / "settings.ini"))
    settings.setValue(key, JUNK[key][index])
    settings.sync()
    window = _open_window(qtbot, open_settings(str(tmp_path / "settings.ini")), desk)
    _usable(window, desk)


@pytest.mark.parametrize("seed", range(4))
def test_junk_in_every_setting_at_once(qtbot, tmp_path, desk, seed):
    rng = random.Random(seed)
    settings = open_settings(str(tmp_path / "settings.ini"))
    for key, values in JUNK.items():
        settings.setValue(key, rng.choice(values))
    settings.sync()
    _usable(_open_window(qtbot, open_settings(str(tmp_path / "settings.ini")), desk), desk)


@pytest.mark.parametrize("content", [os.urandom(4096), b"\xff\xfe" + "[window]\ngeometry=@ByteArray(".encode("utf-16-le"),
                                     b"[window]\ngeometry=@ByteArray(\\x1\\x2)\nstate=@Variant(\\0\\0\\0\\x7f\\xff)\n"
                                     b"[desk]\nlast_batch=@Invalid()\n[ui]\nlanguage=@ByteArray(zh)\n",
                                     b"[" * 100_000, b"\x00" * 10_000])
def test_a_settings_file_that_is_garbage(qtbot, tmp_path, desk, content):
    path = tmp_path / "settings.ini"
    path.write_bytes(content)
    _usable(_open_window(qtbot, open_settings(str(path)), desk), desk)
