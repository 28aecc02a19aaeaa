"""GUI test helpers: real widgets offscreen, a temporary settings file, typing Chinese into widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests.account_helpers import actor


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, as a keyboard would (QTest.keyClicks handles ASCII only)."""
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


@pytest.fixture
def settings(tmp_path):
    from eligibility_desk.ui.common.desk_settings import open_settings

    return open_settings(str(tmp_path / "settings.ini"))


@pytest.fixture
def desk(tmp_path):
    """A real desk on its own SQLite file with a small generated, screened batch (29 profiles, one each)."""
    from eligibility_desk.services.records.desk import Desk

    desk = Desk.open(f"sqlite:///{tmp_path / 'desk.sqlite'}", actor=actor("clerk1"))
    desk.demo_batch_id = desk.create_demo_batch(n=40, seed=7)
    yield desk
    desk.close()


@pytest.fixture
def window(qtbot, settings, desk):
    """The main window on the desk, with the synchronous pool so operations finish inside the call."""
    from eligibility_desk.ui.main_window import MainWindow
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool

    window = MainWindow(settings, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"  # no modal question when the test closes the window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.rows_shown):
        window.set_desk(desk, desk.demo_batch_id)
    window.show()
    return window


def shown_window(qtbot, settings, desk, batch_id, size: tuple[int, int], lang: str = "zh"):
    """The main window in ``lang`` at ``size`` on ``desk``'s batch, shown and exposed (the synchronous pool, no
    modal question when the test closes it): what the layout tests look at."""
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.main_window import MainWindow

    window = MainWindow(settings, lang=lang, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"
    qtbot.addWidget(window)
    window.resize(*size)
    with qtbot.waitSignal(window.rows_shown):
        window.set_desk(desk, batch_id)
    window.show()
    qtbot.waitExposed(window)
    return window


def results_fingerprint(desk, batch_id) -> tuple:
    """Everything a screening or a decision writes, to show that a cancelled operation wrote nothing."""
    rows = desk.applicant_rows(batch_id)
    history = [(r.id, r.verdict) for row in rows for r in desk.history(row.pk, batch_id)]
    return tuple(history), len(desk.audit_trail(limit=100000)), tuple(desk.review_queue(batch_id))
