"""GUI test helpers: real widgets offscreen, a temporary settings file, typing Chinese into widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, as a keyboard would (QTest.keyClicks handles ASCII only)."""
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


@pytest.fixture
def settings(tmp_path):
    from eligibility_desk.ui.desk_settings import open_settings

    return open_settings(str(tmp_path / "settings.ini"))
