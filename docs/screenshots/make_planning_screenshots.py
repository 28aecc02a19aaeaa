"""Screenshots of the 编排 and 打印 workspaces and the 考务资源 dialog on the demo batch (offscreen).

    FONTCONFIG_FILE=/path/to/empty-fonts.conf .venv/bin/python docs/screenshots/make_planning_screenshots.py

The demo desk comes with its resources and a first plan (``open_demo_desk``); one candidate is then dragged
into a session of another level so the planner view shows a flagged violation.
"""

from __future__ import annotations

from screenshot_setup import OUT, application, demo_desk, folder, main_window


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView

    app = application()
    from eligibility_desk.ui.main_window import WORKSPACES
    from eligibility_desk.ui.planning.plan_table_model import PERSON_ROLE, SESSION_ROLE

    desk, batch_id = demo_desk("王老师")
    w = main_window(desk, batch_id, (1360, 820))
    w.workspaces.setCurrentIndex(WORKSPACES.index("planning"))
    app.processEvents()
    planning = w.planning
    plan = planning.shown.plan
    model = planning.view.model
    source = next(s for s in plan.sessions if s.part == "theory" and s.seats)
    target = next(s for s in plan.sessions if s.part == "theory" and s.level != source.level and s.start == source.start)

    def row(session, person=None):
        return next(r for r in range(model.rowCount()) if model.index(r, 0).data(SESSION_ROLE) == session
                    and (person is None or model.index(r, 0).data(PERSON_ROLE) == person))

    mime = model.mimeData([model.index(row(source.id, source.seats[0].candidate), 0)])
    moved = source.seats[0].candidate
    assert model.dropMimeData(mime, Qt.MoveAction, -1, -1, model.index(row(target.id), 0))
    planning.view.table.scrollTo(model.index(row(target.id, moved), 0), QAbstractItemView.PositionAtCenter)
    app.processEvents()
    w.grab().save(str(OUT / "planning_workspace.png"))

    planning.open_resources()
    dialog = planning.resources_dialog
    dialog.tabs.setCurrentIndex(1)
    dialog.models["staff"].setData(dialog.models["staff"].index(0, 2), "保安")   # refused, reason shown
    app.processEvents()
    dialog.grab().save(str(OUT / "resources_dialog.png"))
    dialog.close()

    w.workspaces.setCurrentIndex(WORKSPACES.index("printing"))
    w.printing.choose_folder(f"{folder()}/pdf")
    w.printing.secret = b"screenshot-secret-0123456789abcdef"
    w.printing.print_document("slips")
    app.processEvents()
    w.grab().save(str(OUT / "printing_workspace.png"))
    w.close()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
