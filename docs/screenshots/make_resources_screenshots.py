"""Screenshots of the 考务资源 dialog at 1280×800 on the demo batch (offscreen): the staff table, a slot's time
picked in the calendar editor, and a person's 不可用时间 in its dialog editor.

    FONTCONFIG_FILE=/path/to/empty-fonts.conf .venv/bin/python docs/screenshots/make_resources_screenshots.py

Popups (the calendar, the 不可用时间 dialog) are windows of their own; they are painted onto the grab of the
dialog where they stand on screen.
"""

from __future__ import annotations

from screenshot_setup import OUT, application, demo_desk
SIZE = (1280, 800)


def grab_with(dialog, *windows):
    """The dialog's picture with ``windows`` (popups, dialogs) painted at their place relative to it."""
    from PySide6.QtGui import QPainter

    image = dialog.grab()
    painter = QPainter(image)
    origin = dialog.mapToGlobal(dialog.rect().topLeft())
    for window in windows:
        top_left = window.mapToGlobal(window.rect().topLeft()) - origin
        painter.drawPixmap(top_left, window.grab())
    painter.end()
    return image


def main() -> int:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QCalendarWidget, QDateTimeEdit

    app = application("zh_CN")                            # as the app starts: Chinese month and day names
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.planning.resources_dialog import ResourcesDialog
    from eligibility_desk.ui.planning.unavailability_editor import UnavailabilityEditor
    from eligibility_desk.ui.common.task_runner import TaskRunner

    desk, batch_id = demo_desk("王老师")
    dialog = ResourcesDialog(desk, batch_id, TaskRunner(None, SynchronousPool()))
    dialog.resize(*SIZE)
    dialog.move(0, 0)
    dialog.show()

    # 人员: a bad certificate refused with the import's words — on an examiner's row, shown and current
    dialog.tabs.setCurrentIndex(1)
    staff, view = dialog.models["staff"], dialog.views["staff"]
    row = next((r for r, line in enumerate(staff.lines) if line.cells[5]), 0)     # the first with a certificate
    index = staff.index(row, 5)
    staff.setData(index, "4-07-02-06:9")
    view.scrollTo(index, QAbstractItemView.PositionAtCenter)
    view.setCurrentIndex(index)
    app.processEvents()
    dialog.grab().save(str(OUT / "resources_dialog_1280x800.png"))
    dialog.close()

    # 时段: the end of T1 picked in the calendar editor (a fresh dialog: the 人员 tab's refusal is not shown here)
    dialog = ResourcesDialog(desk, batch_id, TaskRunner(None, SynchronousPool()))
    dialog.resize(*SIZE)
    dialog.move(0, 0)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    view = dialog.views["slots"]
    index = dialog.models["slots"].index(0, 2)
    view.setCurrentIndex(index)
    view.edit(index, QAbstractItemView.EditKeyPressed, None)
    app.processEvents()
    editor = next(e for e in view.findChildren(QDateTimeEdit, "time_editor") if e.isVisible())
    editor.setCurrentSection(QDateTimeEdit.HourSection)
    calendar = editor.calendarWidget()
    editor.setFocus()
    QTest.mouseClick(editor, Qt.LeftButton, pos=QPoint(editor.width() - 8, editor.height() // 2))   # the arrow
    app.processEvents()
    popups = [w for w in QApplication.topLevelWidgets()
              if w.isVisible() and w is not dialog and w.findChild(QCalendarWidget) is calendar]
    grab_with(dialog, *popups).save(str(OUT / "resources_slot_picker_1280x800.png"))
    dialog.close()

    # 人员: 不可用时间 of someone, in its dialog editor (a fresh dialog: nothing stored meanwhile)
    dialog = ResourcesDialog(desk, batch_id, TaskRunner(None, SynchronousPool()))
    dialog.resize(*SIZE)
    dialog.move(0, 0)
    dialog.show()
    staff = dialog.models["staff"]

    # 人员: 不可用时间 of someone with a time away, in its dialog editor
    dialog.tabs.setCurrentIndex(1)
    view = dialog.views["staff"]
    row = next((r for r, line in enumerate(staff.lines) if line.cells[4]), 0)
    index = staff.index(row, 4)
    view.setCurrentIndex(index)
    view.edit(index, QAbstractItemView.EditKeyPressed, None)
    app.processEvents()
    editor = next(e for e in view.findChildren(UnavailabilityEditor) if e.isVisible())
    editor.add_interval()
    app.processEvents()
    grab_with(dialog, editor).save(str(OUT / "resources_unavailability_1280x800.png"))
    editor.reject()
    dialog.close()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
