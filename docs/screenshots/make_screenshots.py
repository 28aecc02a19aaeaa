"""Regenerate the screenshots in this folder (offscreen, no display needed).

    FONTCONFIG_FILE=/path/to/empty-fonts.conf .venv/bin/python docs/screenshots/make_screenshots.py

Runs the real window on a fresh demo database (300 generated, screened applicants).  With an empty
fontconfig configuration the system has no font at all, which shows that the bundled CJK font registered
by ``eligibility_desk.ui.common.fonts`` is enough to render Chinese.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent


def main() -> int:
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from eligibility_desk.ui.common.fonts import ensure_cjk_font

    had_cjk = bool(QFontDatabase.families(QFontDatabase.SimplifiedChinese))
    family = ensure_cjk_font(app)
    print(f"system CJK font: {had_cjk}; registered: {family}")

    from eligibility_desk.services.launch import open_demo_desk
    from eligibility_desk.ui.common.desk_settings import open_settings
    from eligibility_desk.ui.main_window import DETAIL_REVIEW, MainWindow
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool

    folder = tempfile.mkdtemp()
    desk, batch_id = open_demo_desk("demo")

    def window(lang: str) -> MainWindow:
        w = MainWindow(open_settings(f"{folder}/{lang}.ini"), lang=lang, pool=SynchronousPool())
        w.resize(1360, 820)
        w.set_desk(desk, batch_id)
        w.show()
        app.processEvents()
        return w

    from eligibility_desk.services.records.desk import Desk

    empty = Desk.open(f"sqlite:///{folder}/empty.sqlite3", user="demo")
    e = MainWindow(open_settings(f"{folder}/empty.ini"), lang="zh", pool=SynchronousPool())
    e.resize(1100, 640)
    e.set_desk(empty)
    e.show()
    app.processEvents()
    e.grab().save(str(OUT / "empty_state.png"))
    e.close()
    empty.close()

    w = window("zh")
    # someone not yet eligible, with the earliest date on which they will be
    rows = desk.applicant_rows(batch_id)
    pick = next(r for r in rows if "ineligible" in dict(r.verdicts).values()
                and any(res.eligible_from for res in desk.results(r.pk, batch_id)))
    w.screening.list_panel.select_pk(pick.pk)
    app.processEvents()
    w.grab().save(str(OUT / "main_window.png"))
    # the verdict panel for someone applying for two levels: every clause of each, text beside explanation
    two = next(r for r in rows if len(r.levels) >= 2)
    w.screening.list_panel.select_pk(two.pk)
    w.screening.verdict_panel.resize(820, 900)
    w.screening.verdict_panel.setParent(None)
    w.screening.verdict_panel.show()
    app.processEvents()
    w.screening.verdict_panel.grab().save(str(OUT / "verdict_panel.png"))
    w.screening.verdict_panel.close()
    w.screening.list_panel.select_pk(pick.pk)

    w2 = window("zh")
    w2.show_detail(DETAIL_REVIEW)
    app.processEvents()
    w2.grab().save(str(OUT / "review_queue.png"))

    from eligibility_desk.i18n_build import I18N_DIR, ensure_compiled

    ensure_compiled()
    translator = QTranslator(app)
    translator.load(str(I18N_DIR / "eligibility_desk_en.qm"))
    app.installTranslator(translator)
    w3 = window("en")
    w3.screening.list_panel.select_pk(pick.pk)
    app.processEvents()
    w3.grab().save(str(OUT / "main_window_en.png"))
    for w_ in (w, w2, w3):
        w_.screening.form.draft.undo_stack.setClean()
        w_.close()
    desk.close()
    print("wrote", ", ".join(p.name for p in sorted(OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
