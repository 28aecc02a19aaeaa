"""Regenerate the screenshots in this folder (offscreen, no display needed).

    FONTCONFIG_FILE=/path/to/empty-fonts.conf .venv/bin/python docs/screenshots/make_screenshots.py

Runs the real window on a fresh demo database (300 generated, screened applicants).  With an empty
fontconfig configuration the system has no font at all, which shows that the bundled CJK font registered
by ``eligibility_desk.ui.common.fonts`` is enough to render Chinese.
"""

from __future__ import annotations

from screenshot_setup import OUT, actor, application, demo_desk, folder, main_window, use_language


def main() -> int:
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    QApplication([])
    had_cjk = bool(QFontDatabase.families(QFontDatabase.SimplifiedChinese))
    print(f"system CJK font: {had_cjk}")
    app = application()           # registers the bundled one when there is none

    from eligibility_desk.ui.main_window import DETAIL_REVIEW

    desk, batch_id = demo_desk()

    def window(lang: str):
        return main_window(desk, batch_id, (1360, 820), lang, name=lang)

    from eligibility_desk.services.records.desk import Desk

    empty = Desk.open(f"sqlite:///{folder()}/empty.sqlite3", actor=actor("demo"))
    e = main_window(empty, None, (1100, 640), name="empty")
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

    use_language(app, "en")
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
