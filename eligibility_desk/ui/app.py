"""Starting the desktop app: ``eligibility-desk`` (no sub-command) calls :func:`run_app`.

The window is shown first and the database is opened (and migrated) on a worker thread right after, so the
window appears in well under a second even when SQLAlchemy and Alembic take their time; the list fills in
when the rows arrive.  ``--demo`` opens a fresh temporary database with a generated, screened batch.
The hidden ``--quit-after MS`` closes the window MS milliseconds after the database is open (exit 0), or
exits 3 if it does not open within two minutes: the desktop bundle's smoke test (tests/test_bundle.py).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from eligibility_desk.ui.common import desk_settings
from eligibility_desk.ui.common.fonts import ensure_cjk_font
from eligibility_desk.ui.common.language import install_translators, lang_code

#: how long --quit-after waits for the database before it gives up (exit status 3)
QUIT_AFTER_DEADLINE_MS = 120_000

def create_app(argv: list[str] | None = None) -> tuple[QApplication, str]:
    """The QApplication with translators and a CJK font; returns it and the interface language."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(desk_settings.ORGANIZATION)
    app.setApplicationName(desk_settings.APPLICATION)
    settings = desk_settings.open_settings()
    language = desk_settings.language(settings)
    install_translators(app, language)
    ensure_cjk_font(app)
    _set_icon(app)
    return app, language


def _set_icon(app: QApplication) -> None:
    from eligibility_desk.shipped import shipped_dir

    icon = shipped_dir("resources") / "icons" / "eligibility-desk.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app.setDesktopFileName("eligibility-desk")  # Wayland/X11 match the window to packaging/linux/*.desktop


def run_app(db_url: str | None = None, demo: bool = False, rules_dir: str | None = None,
            quit_after: int | None = None) -> int:
    app, language = create_app()
    from eligibility_desk.ui.main_window import MainWindow

    window = MainWindow(desk_settings.open_settings(), lang=lang_code(language))
    window.show()
    install_database_error_hook(window)

    QTimer.singleShot(0, lambda: window.open_database(db_url, rules_dir, demo))
    if quit_after is not None:
        _quit_when_open(app, window, quit_after)
    status = app.exec()
    if window.desk is not None:
        window.desk.close()
    return status


def _quit_when_open(app: QApplication, window, delay_ms: int) -> None:
    """Close ``window`` ``delay_ms`` after its database is open and its work done; exit 3 if that takes
    longer than :data:`QUIT_AFTER_DEADLINE_MS`."""
    waited = [0]

    def poll() -> None:
        if window.desk is None and window.database_url is not None:
            # open, and waiting for someone to log in (first run or the login dialog): that is far enough
            print(f"eligibility-desk: window open on {window.database_url}; waiting for a login, closing in "
                  f"{delay_ms} ms", flush=True)
            print(f"eligibility-desk: title {window.windowTitle()}", flush=True)
            QTimer.singleShot(delay_ms, lambda: app.exit(0))   # (ends the login dialog's loop too)
            return
        if window.desk is not None and not window.runner.busy():
            print(f"eligibility-desk: window open on {window.desk.url}; closing in {delay_ms} ms", flush=True)
            print(f"eligibility-desk: title {window.windowTitle()}", flush=True)
            QTimer.singleShot(delay_ms, window.close)
            return
        waited[0] += 100
        if waited[0] >= QUIT_AFTER_DEADLINE_MS:
            print("eligibility-desk: the database did not open in time", file=sys.stderr, flush=True)
            app.exit(3)
            return
        QTimer.singleShot(100, poll)

    QTimer.singleShot(100, poll)


def install_database_error_hook(window) -> None:
    """A database failure raised in a slot (locked over 30 s, read-only file) is shown as a message box — no
    traceback on the console, whose SQL parameters would print names and 身份证号 — and so is a
    PermissionDenied no panel caught (the account's roles).  Other errors go on to the previous hook."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    from eligibility_desk.persistence.errors import unavailable

    previous = sys.excepthook

    def hook(kind, exc, tb):
        lang = getattr(window, "lang", "zh")
        accounts = sys.modules.get("eligibility_desk.services.accounts")
        if accounts is not None and isinstance(exc, accounts.PermissionDenied):
            # a refusal no panel caught: the account's roles do not allow it — said, not a traceback
            QMessageBox.warning(window, "Not allowed" if lang.startswith("en") else "没有权限", exc.message(lang))
            return
        found = unavailable(exc) if isinstance(exc, Exception) else None
        if found is None:
            previous(kind, exc, tb)
            return
        QMessageBox.warning(window, "Database error" if lang.startswith("en") else "数据库错误", found.message(lang))

    sys.excepthook = hook
