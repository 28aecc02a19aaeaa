"""The window opening a database file that is not one of ours (issue 15): a Chinese message where the list
would be, the file untouched, the window alive — never a traceback or a crash."""

from __future__ import annotations

import os
import sqlite3

import pytest

from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
from eligibility_desk.ui.main_window import MainWindow


def _foreign(path):
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE notes (x)")


@pytest.mark.parametrize("kind,words", [("text", "不是数据库"), ("random", "不是数据库"), ("foreign", "其他程序")])
def test_the_window_says_why_a_file_cannot_be_opened_and_leaves_it_alone(qtbot, settings, tmp_path, kind, words):
    path = tmp_path / "desk.sqlite3"
    if kind == "text":
        path.write_text("这是一份名单，不是数据库\n", encoding="utf-8")
    elif kind == "random":
        path.write_bytes(os.urandom(8192))
    else:
        _foreign(path)
    before = path.read_bytes()
    window = MainWindow(settings, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.runner.failed) as failed:
        window.open_database(f"sqlite:///{path}")
    assert failed.args[0] == "open"
    shown = window.screening.loading.text()
    assert "无法打开数据库" in shown and words in shown and str(path) in shown
    assert "Traceback" not in shown and "sqlite3." not in shown
    assert path.read_bytes() == before
    assert window.desk is None
