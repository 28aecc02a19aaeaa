"""Starting the desktop app: ``eligibility-desk`` (no sub-command) calls :func:`run_app`.

The window is shown first and the database is opened (and migrated) on a worker thread right after, so the
window appears in well under a second even when SQLAlchemy and Alembic take their time; the list fills in
when the rows arrive.  ``--demo`` opens a fresh temporary database with a generated, screened batch.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QTimer
from PySide6.QtWidgets import QApplication

from eligibility_desk.ui import desk_settings
from eligibility_desk.ui.fonts import ensure_cjk_font
from eligibility_desk.ui.language import install_translators, lang_code

DEMO_SIZE = 300
#: the demo's first plan is reproducible: the same batch and seed give the same plan
DEMO_SEED = 2025


def open_desk(db_url: str | None, rules_dir: str | None, progress=None, cancelled=None):
    """The desk on ``db_url`` (default database when None) and no particular batch."""
    from eligibility_desk.services.desk import Desk

    return Desk.open(db_url, rules_dir=rules_dir), None


def open_demo_desk(user: str | None = None, progress=None, cancelled=None, rules_dir: str | None = None,
                   n: int = DEMO_SIZE):
    """A new temporary SQLite database with a demo batch of ``n`` applicants, the demo rooms, staff and slots
    and a first plan (so 编排 and 打印 show data at once); removed when the app exits."""
    from eligibility_desk.services.demo_resources import create_demo_resources
    from eligibility_desk.services.desk import Desk
    from eligibility_desk.services.progress import OperationCancelled
    from eligibility_desk.services.sessions import SessionService

    folder = Path(tempfile.mkdtemp(prefix="eligibility-desk-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    desk = Desk.open(f"sqlite:///{folder / 'demo.sqlite'}", user=user, rules_dir=rules_dir)
    kwargs = {"progress": progress} if progress is not None else {}
    if cancelled is not None:
        kwargs["cancelled"] = cancelled
    batch_id = desk.create_demo_batch(n=n, **kwargs)
    if batch_id is None:                 # cancelled: nothing was kept
        return desk, None
    create_demo_resources(desk.db, batch_id, desk.user)
    try:
        SessionService.from_desk(desk).plan_batch(batch_id, seed=DEMO_SEED, **kwargs)
    except OperationCancelled:           # the batch is there; 编排 offers 生成编排
        pass
    return desk, batch_id


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


def restart_command() -> tuple[str, list[str]]:
    """The command line this process was started with: the interpreter and everything after it
    (``-m eligibility_desk --demo``, or the ``eligibility-desk`` script's path and options)."""
    return sys.executable, list(sys.orig_argv[1:])


def restart_detached(program: str, arguments: list[str]) -> bool:
    """Start ``program arguments`` as a new process in this working folder, then quit this one."""
    started = QProcess.startDetached(program, arguments, os.getcwd())
    started = started[0] if isinstance(started, tuple) else started
    if not started:
        print(f"eligibility-desk: could not restart: {program} {' '.join(arguments)}", file=sys.stderr)
    QCoreApplication.quit()
    return bool(started)


def run_app(db_url: str | None = None, demo: bool = False, rules_dir: str | None = None) -> int:
    app, language = create_app()
    from eligibility_desk.ui.main_window import MainWindow

    window = MainWindow(desk_settings.open_settings(), lang=lang_code(language))
    window.show()

    QTimer.singleShot(0, lambda: window.open_database(db_url, rules_dir, demo))
    status = app.exec()
    if window.desk is not None:
        window.desk.close()
    return status
