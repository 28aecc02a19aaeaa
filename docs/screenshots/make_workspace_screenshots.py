"""Every workspace at 1280×800 and 1600×1000 (issue 16), offscreen, on a fresh demo database:

    .venv/bin/python docs/screenshots/make_workspace_screenshots.py

Writes ``workspace_<tab>_<width>x<height>.png`` beside this file: 审核 (screening) with an applicant chosen,
编排 (planning) with the demo plan, 打印 (printing), 成绩 (scores) with the first sheet open.  The demo plan is
made final first so 打印 and 成绩 have something to show.  It also prints every table header or cell whose
text is cut at that size, and every table that scrolls sideways (``ui/common/clipping.py``), in Chinese and
then in English (the pictures are the Chinese ones): the list should be empty.
"""

from __future__ import annotations

from screenshot_setup import OUT, application, demo_desk, main_window, use_language
SIZES = ((1280, 800), (1600, 1000))


def main() -> int:
    app = application()
    from eligibility_desk.services.sessions.session_service import SessionService
    from eligibility_desk.ui.common.clipping import clipped_texts
    from eligibility_desk.ui.main_window import WORKSPACES

    desk, batch_id = demo_desk()
    sessions = SessionService.from_desk(desk)
    newest = sessions.plans(batch_id)[-1]
    if newest.status != "final":
        sessions.finalise(newest.id, newest.version)
    problems = 0
    for lang, (width, height) in [("zh", size) for size in SIZES] + [("en", size) for size in SIZES]:
        if lang == "en" and (width, height) == SIZES[0]:
            use_language(app, "en")               # windows made from now on speak English
        w = main_window(desk, batch_id, (width, height), lang=lang)
        rows = desk.applicant_rows(batch_id)
        w.screening.list_panel.select_pk(next(r for r in rows if len(r.levels) >= 2).pk)
        for key in WORKSPACES:
            w.workspaces.setCurrentIndex(WORKSPACES.index(key))
            for _ in range(5):
                app.processEvents()
            if key == "scores" and w.scores_workspace.list_model.rows:
                w.scores_workspace.select_sheet(w.scores_workspace.list_model.rows[0].id)
                app.processEvents()
            for where in clipped_texts(w):
                problems += 1
                print(f"{width}x{height} {lang} {key}: clipped {where}")
            if lang == "zh":
                path = OUT / f"workspace_{key}_{width}x{height}.png"
                w.grab().save(str(path))
                print("wrote", path.name)
        w.close()
    desk.close()
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
