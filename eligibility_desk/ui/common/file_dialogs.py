"""Open and save dialogs that remember their folder per kind of file (QSettings ``folders/<kind>``).

An import of applicants starts where the last applicant list came from, an export where the last export went,
a template where the last template was saved — each kind on its own, across runs.  The first time, the
user's documents folder.  Tests call :func:`remember` and :func:`folder` without showing a dialog.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

#: the kinds of file the window asks for (each remembers its own folder)
APPLICANTS, EXPORT, TEMPLATE, RESOURCES, PHOTOS, SCORES, DOCUMENTS = (
    "applicants", "export", "template", "resources", "photos", "scores", "documents")


def _key(kind: str) -> str:
    return f"folders/{kind}"


def folder(settings: QSettings | None, kind: str) -> str:
    """The folder last used for ``kind`` if it still exists, else the documents folder."""
    value = str(settings.value(_key(kind), "") or "") if settings is not None else ""
    if value and os.path.isdir(value):
        return value
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or os.path.expanduser("~")


def remember(settings: QSettings | None, kind: str, path: str) -> None:
    """Remember the folder of ``path`` (a file, or a folder chosen as such) for ``kind``."""
    if settings is None or not path:
        return
    target = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    settings.setValue(_key(kind), target)


def open_file(parent: QWidget, settings: QSettings | None, kind: str, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder(settings, kind), filters)
    remember(settings, kind, path)
    return path


def save_file(parent: QWidget, settings: QSettings | None, kind: str, title: str, name: str, filters: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, os.path.join(folder(settings, kind), name), filters)
    remember(settings, kind, path)
    return path


def open_folder(parent: QWidget, settings: QSettings | None, kind: str, title: str) -> str:
    path = QFileDialog.getExistingDirectory(parent, title, folder(settings, kind))
    remember(settings, kind, path)
    return path
