"""Cell editors of the 考务资源 tables: times are picked, not typed.

* 时段 开始 / 结束 — a QDateTimeEdit in the cell (F4, Alt+↓ or its arrow open the calendar; ←/→ move between
  the sections, ↑/↓ step the one under the cursor, digits type it; Enter stores, Esc cancels);
* 人员 不可用时间 — :class:`UnavailabilityEditor`, a dialog with a pair of pickers per time away;
* every other cell — the usual line edit.

Whatever the editor, the table gets the cell's text in the workbook's form (``2025-10-18T09:00``) and checks
and stores it like a typed or imported cell (:meth:`ResourceTableModel.setData`), so a refused time (an end
before its start) is refused with the same words and the row stays as it was.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QStyledItemDelegate

from eligibility_desk.ui.planning.resource_columns import COLUMNS, SLOTS, STAFF
from eligibility_desk.ui.planning.unavailability_editor import (UnavailabilityEditor, cell_time, open_calendar,
                                                                 opens_calendar, parse_cell_time, time_picker)

#: (kind, column title) of the cells edited with pickers
TIME_CELLS = {(SLOTS, "开始"), (SLOTS, "结束")}
INTERVALS_CELL = (STAFF, "不可用时间")


def _tomorrow_at_nine() -> QDateTime:
    day = datetime.now().date() + timedelta(days=1)
    return QDateTime(QDate(day.year, day.month, day.day), QTime(9, 0))


class ResourceDelegate(QStyledItemDelegate):
    def __init__(self, kind: str, default_interval=None, parent=None):
        """``default_interval()``: the (start, end) QDateTimes a new time away starts with."""
        super().__init__(parent)
        self.kind = kind
        self.default_interval = default_interval or (lambda: (_tomorrow_at_nine(), _tomorrow_at_nine().addSecs(3 * 3600)))

    def _cell(self, index) -> tuple[str, str]:
        names = COLUMNS[self.kind]
        return self.kind, names[index.column()] if index.column() < len(names) else ""

    def createEditor(self, parent, option, index):  # noqa: N802
        cell = self._cell(index)
        if cell in TIME_CELLS:
            editor = time_picker(parent, _tomorrow_at_nine())
            editor.setObjectName("time_editor")
            return editor
        if cell == INTERVALS_CELL:
            who = f"{index.siblingAtColumn(1).data() or ''}（{index.siblingAtColumn(0).data() or ''}）"
            return UnavailabilityEditor(parent, self.default_interval, who)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        text = str(index.data(Qt.EditRole) or "")
        if isinstance(editor, UnavailabilityEditor):
            editor.set_text(text)
        elif isinstance(editor, QDateTimeEdit):
            moment = parse_cell_time(text)
            if moment.isValid():
                editor.setDateTime(moment)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if isinstance(editor, UnavailabilityEditor):
            if editor.result() == QDialog.Accepted:   # the dialog is hidden by 确定 or 取消: only 确定 stores
                model.setData(index, editor.text())
        elif isinstance(editor, QDateTimeEdit):
            model.setData(index, cell_time(editor.dateTime()))
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, editor, event) -> bool:  # noqa: N802
        """The delegate watches its editors: F4 / Alt+↓ in a time cell open the calendar."""
        if isinstance(editor, QDateTimeEdit) and opens_calendar(event):
            open_calendar(editor)
            return True
        return super().eventFilter(editor, event)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802
        if isinstance(editor, UnavailabilityEditor):   # a dialog of its own, centred on the table's window
            editor.adjustSize()
            window = editor.parentWidget().window()
            centre = window.mapToGlobal(window.rect().center())
            editor.move(centre.x() - editor.width() // 2, centre.y() - editor.height() // 2)
            return
        rect = option.rect
        if isinstance(editor, QDateTimeEdit):          # wide enough for the whole time and the calendar button
            rect = rect.adjusted(0, 0, max(0, editor.sizeHint().width() - rect.width()), 0)
        editor.setGeometry(rect)
