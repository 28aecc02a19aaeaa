"""Starting the desktop app: ``eligibility-desk`` (no sub-command) calls :func:`run_app`.

The window is shown first and the database is opened (and migrated) on a worker thread right after, so the
window appears in well under a second even when SQLAlchemy and Alembic take their time; the list fills in
when the rows arrive.  ``--demo`` opens a fresh temporary database with a generated, screened batch.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from eligibility_desk.ui.common import desk_settings
from eligibility_desk.ui.common.fonts import ensure_cjk_font
from eligibility_desk.ui.common.language import install_translators, lang_code

def create_app(argv: list[str] | None = None) -> tuple[QApplication, str]:
    """The QApplication with translators and a CJK font; returns it and the interface language."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(desk_settings.ORGANIZATION)
    app.setApplicationName(desk_settings.APPLICATION)
    settings = desk_settings.open_settings()
    language = desk_settings.language(settings)
    install_translators(app, language)
    ensure_cjk_font(app)
    return app, language


def run_app(db_url: str | None = None, demo: bool = False, rules_dir: str | None = None) -> int:
    app, language = create_app()
    from eligibility_desk.ui.main_window import MainWindow

    window = MainWindow(desk_settings.open_settings(), lang=lang_code(language))
    window.show()
    install_database_error_hook(window)

    QTimer.singleShot(0, lambda: window.open_database(db_url, rules_dir, demo))
    status = app.exec()
    if window.desk is not None:
        window.desk.close()
    return status


def install_database_error_hook(window) -> None:
    """A database failure raised in a slot (locked over 30 s, read-only file) is shown as a message box — no
    traceback on the console, whose SQL parameters would print names and 身份证号.  Other errors go on to
    the previous hook."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    from eligibility_desk.persistence.errors import unavailable

    previous = sys.excepthook

    def hook(kind, exc, tb):
        found = unavailable(exc) if isinstance(exc, Exception) else None
        if found is None:
            previous(kind, exc, tb)
            return
        lang = getattr(window, "lang", "zh")
        QMessageBox.warning(window, "Database error" if lang.startswith("en") else "数据库错误", found.message(lang))

    sys.excepthook = hook
