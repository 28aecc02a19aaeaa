"""The 编排 timetable at 1280×800 and 1600×1000 (issue 13), offscreen, on the demo batch:

    .venv/bin/python docs/screenshots/make_timetable_screenshots.py

Writes ``timetable_<width>x<height>.png`` beside this file.  On the demo plan one examiner or reviewer is
dragged from a panel of three onto another (both panels become even: orange blocks, 「偶数 ✗」), then a candidate is held
over a block of another level without dropping, so the picture shows the live verdict (red frame and the line
under the grid) and the chosen block's seats and staff.  It prints every cut header, cell or label at that size
(``ui/common/clipping.py``): the list should be empty.
"""

from __future__ import annotations

import sys

from screenshot_setup import OUT, application, demo_desk, main_window
SIZES = ((1280, 800), (1600, 1000))


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
    from PySide6.QtWidgets import QApplication

    app = application()
    from eligibility_desk.ui.common.clipping import clipped_texts
    from eligibility_desk.ui.main_window import WORKSPACES

    desk, batch_id = demo_desk()
    problems = 0
    for width, height in SIZES:
        w = main_window(desk, batch_id, (width, height))
        w.workspaces.setCurrentIndex(WORKSPACES.index("planning"))
        app.processEvents()
        view = w.planning.view
        plan = view.model.plan
        odd = {p for p, rule in view.model.rules.parts.items() if rule.odd_staff}
        panels = [s for s in plan.sessions if s.part in odd and len(s.staff) == 3]
        if len(panels) >= 2:
            view.model.move_members([{"kind": "staff", "id": panels[0].staff[0], "session": panels[0].id}],
                                    panels[-1].id)
        source = next(s for s in plan.sessions if s.part == "theory" and len(s.seats) > 3)
        target = next((s for s in plan.sessions if s.part == "theory" and s.level != source.level
                       and s.start == source.start), None)
        view.timetable.choose(source.id)
        app.processEvents()
        if target is not None:
            item = view.detail.seats.item(0)
            item.setSelected(True)
            mime = view.detail.seats.mimeData([item])
            index = view.timetable_model.index_of(target.id)
            pos = view.timetable.visualRect(index).center()
            port = view.timetable.viewport()
            QApplication.sendEvent(port, QDragEnterEvent(pos, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier))
            QApplication.sendEvent(port, QDragMoveEvent(pos, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier))
        app.processEvents()
        path = OUT / f"timetable_{width}x{height}.png"
        w.grab().save(str(path))
        cut = clipped_texts(w)
        problems += len(cut)
        print(path.name, "cut:", cut or "none")
        view.model.undo_stack.clear()
        w.close()
    desk.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
