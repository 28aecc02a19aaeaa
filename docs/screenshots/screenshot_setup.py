"""What every ``make_*_screenshots.py`` beside this file sets up: the package importable from the checkout, Qt
offscreen, one QApplication with the CJK font registered (the bundled one when the system has none) and the
interface translations wanted, a temporary folder, the demo desk, and the real main window at a given size.

    from screenshot_setup import OUT, application, demo_desk, main_window

    app = application()                          # Chinese; application("en") installs the English catalogue
    desk, batch_id = demo_desk()                 # a fresh demo database: screened batch, resources, a plan
    w = main_window(desk, batch_id, (1280, 800))
    w.grab().save(str(OUT / "picture.png"))

Run the scripts from anywhere (``.venv/bin/python docs/screenshots/make_….py``): Python puts this folder first on
``sys.path``, so ``import screenshot_setup`` finds this module, which puts the checkout there too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
#: where the pictures go: this folder
OUT = Path(__file__).resolve().parent

_folder: str | None = None


def folder() -> str:
    """One temporary folder for this run's settings files and databases."""
    global _folder
    if _folder is None:
        _folder = tempfile.mkdtemp(prefix="eligibility-desk-shots-")
    return _folder


def application(language: str | None = None):
    """The QApplication, with the CJK font registered (printed) and, for ``language`` ("zh_CN", "en"), the
    translators the app installs at start (Qt's own dialogs in that language; ours for English)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from eligibility_desk.ui.common.fonts import ensure_cjk_font

    print("CJK font:", ensure_cjk_font(app))
    if language:
        use_language(app, language)
    return app


def use_language(app, language: str) -> list:
    """Install the translators for ``language`` (windows made afterwards speak it)."""
    from eligibility_desk.ui.common.language import install_translators

    return install_translators(app, language)


def actor(name: str, *roles: str):
    """An actor named ``name`` with ``roles`` (every role when none are given) — the pictures' accounts; no
    password involved (the desk's services check roles only)."""
    from eligibility_desk.domain.roles import Actor, Role, parse_roles

    return Actor(name, name, parse_roles(roles) if roles else frozenset(Role))


def demo_desk(user: str = "demo"):
    """(desk, batch id) on a fresh demo database (``services.launch.open_demo_desk``)."""
    from eligibility_desk.services.launch import open_demo_desk

    return open_demo_desk(user)


def main_window(desk, batch_id, size: tuple[int, int], lang: str = "zh", name: str | None = None):
    """The real main window on ``desk`` at ``size``, shown, with its own settings file (``name``, default the
    size) and the synchronous pool, so operations finish inside the call; closing it drops unsaved edits
    without asking (a modal question would hang an offscreen run)."""
    from PySide6.QtWidgets import QApplication

    from eligibility_desk.ui.common.desk_settings import open_settings
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.main_window import MainWindow

    settings = open_settings(f"{folder()}/{name or f'{lang}-{size[0]}x{size[1]}'}.ini")
    window = MainWindow(settings, lang=lang, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"      # closing after a picture of edits: no modal question
    window.resize(*size)
    if desk is not None:
        window.set_desk(desk, batch_id)
    window.show()
    QApplication.processEvents()
    return window
