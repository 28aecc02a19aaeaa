"""Regenerate scores_workspace.png and scores_workspace_en_1280x800.png (offscreen, no display needed).

    FONTCONFIG_FILE=/path/to/empty-fonts.conf .venv/bin/python docs/screenshots/make_scores_screenshot.py

The real main window on a fresh demo database: the demo batch (300 applicants), the demo rooms and staff,
a final plan, and scores entered twice for most sheets (seeded, so the picture is the same each time); the
成绩 tab shows one sheet being checked with a mismatch, and the statistics with the histogram.  The English
picture at 1280×800 shows a locked sheet with its corrections pane: the grid's columns whole, no sideways scroll.
"""

from __future__ import annotations

import random
import sys

from screenshot_setup import OUT, actor, application, folder, main_window, use_language


def prepare(folder: str):
    from eligibility_desk.services.sessions.demo_resources import create_demo_resources
    from eligibility_desk.services.records.desk import Desk
    from eligibility_desk.services.scores.score_service import ScoreService
    from eligibility_desk.services.sessions.session_service import SessionService

    desk = Desk.open(f"sqlite:///{folder}/demo.sqlite3", actor=actor("王敏"))
    batch_id = desk.create_demo_batch()
    create_demo_resources(desk.db, batch_id, desk.actor)
    sessions = SessionService.from_desk(desk)
    stored = sessions.plan_batch(batch_id, seed=42)
    sessions.finalise(stored.id, stored.version)
    first, second = ScoreService(desk.db, desk.actor), ScoreService(desk.db, actor("李强"))
    sheets = first.open_sheets(batch_id)
    rng = random.Random(7)
    for i, sheet in enumerate(sheets):
        values = {}
        for line in sheet.lines:
            roll = rng.random()
            values[line.seat] = "缺考" if roll < 0.04 else f"{min(100.0, max(20.0, rng.gauss(71, 12))):.1f}"
        first.enter_many(sheet.id, 1, values)
        if i == 0:
            seat = sheet.lines[2].seat
            values[seat] = "57" if values[seat] != "57" else "75"     # a transposed score: a mismatch
        second.enter_many(sheet.id, 2, values)
        if i > 1:
            first.lock(sheet.id)
    return desk, batch_id, sheets[0].id


def main() -> int:
    app = application()
    from eligibility_desk.ui.main_window import WORKSPACES
    from eligibility_desk.ui.scores.score_entry_model import COMPARE

    desk, batch_id, sheet_id = prepare(folder())
    window = main_window(desk, batch_id, (1600, 900))
    window.workspaces.setCurrentIndex(WORKSPACES.index("scores"))
    app.processEvents()
    scores = window.scores_workspace
    scores.select_sheet(sheet_id)
    scores.sheet_panel.show_mode(COMPARE)
    scores.statistics.grouping.setCurrentIndex(scores.statistics.grouping.findData("level,part"))
    app.processEvents()
    window.grab().save(str(OUT / "scores_workspace.png"))
    window.close()
    print("wrote", OUT / "scores_workspace.png")

    use_language(app, "en")                       # windows made from now on speak English
    window = main_window(desk, batch_id, (1280, 800), lang="en")
    window.workspaces.setCurrentIndex(WORKSPACES.index("scores"))
    app.processEvents()
    scores = window.scores_workspace
    scores.select_sheet(scores.list_model.rows[3].id)         # locked: both entries, the final value, 更正
    app.processEvents()
    grid = scores.sheet_panel.grid
    assert grid.view.horizontalScrollBar().maximum() == 0, "the grid scrolls sideways"
    window.grab().save(str(OUT / "scores_workspace_en_1280x800.png"))
    window.close()
    desk.close()
    print("wrote", OUT / "scores_workspace_en_1280x800.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
