"""What the window remembers between runs (QSettings): language, geometry, splitters, last batch and tab."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from eligibility_desk.ui.common.language import DEFAULT_LANGUAGE, LANGUAGES

ORGANIZATION = "EligibilityDesk"
APPLICATION = "eligibility-desk"

KEY_LANGUAGE = "ui/language"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_SPLITTER = "window/splitter"
KEY_LAST_BATCH = "desk/last_batch"
KEY_TAB = "window/tab"                   # the workspace shown (its key: "screening", "planning", …)
KEY_PDF_FONT = "documents/font"          # "" automatic, or PATH#INDEX: the CJK font printed documents embed


def open_settings(path: str | None = None) -> QSettings:
    """The user's settings, or an .ini file at ``path`` (tests, portable installs)."""
    if path:
        return QSettings(path, QSettings.IniFormat)
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANIZATION, APPLICATION)


def language(settings: QSettings) -> str:
    value = str(settings.value(KEY_LANGUAGE, DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def last_batch(settings: QSettings) -> int | None:
    value = settings.value(KEY_LAST_BATCH)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def byte_array(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def pdf_font(settings: QSettings | None) -> str | None:
    """The font spec (``PATH#INDEX``) 打印 and the 成绩 PDF pass as ``font_spec``; None: automatic."""
    value = str(settings.value(KEY_PDF_FONT, "") or "") if settings is not None else ""
    return value or None


def last_tab(settings: QSettings) -> str:
    return str(settings.value(KEY_TAB, "") or "")


def save_window(settings: QSettings, window, splitter, tab: str = "") -> None:
    """Geometry and toolbar state of the main window, its splitter and the workspace shown, written now."""
    settings.setValue(KEY_GEOMETRY, window.saveGeometry())
    settings.setValue(KEY_STATE, window.saveState())
    settings.setValue(KEY_SPLITTER, splitter.saveState())
    if tab:
        settings.setValue(KEY_TAB, tab)
    settings.sync()


def restore_window(settings: QSettings, window, splitter) -> bool:
    """Put the window back as it was; False when nothing was saved yet (first start)."""
    geometry = byte_array(settings, KEY_GEOMETRY)
    if geometry is None:
        return False
    window.restoreGeometry(geometry)
    state = byte_array(settings, KEY_STATE)
    if state is not None:
        window.restoreState(state)
    split = byte_array(settings, KEY_SPLITTER)
    if split is not None:
        splitter.restoreState(split)
    return True
