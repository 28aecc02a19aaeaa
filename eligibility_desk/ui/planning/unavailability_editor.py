"""The 不可用时间 of a staff member picked with date-time pickers: one line per time away (开始 ~ 结束, each a
QDateTimeEdit with a calendar), 添加时段 / 删除 — nothing to type in ``2025-10-18T14:00~…`` form.

It is the cell editor of the 人员 table's 不可用时间 column (:class:`ResourceDelegate`): an editor that is a
whole dialog, which Qt's item views support — 确定 (or Enter) hands the text back to the table, which checks
and stores it like every other cell; 取消 (or Esc) changes nothing.  Keyboard: Tab walks the pickers, ←/→
move between year, month, day, hour and minute, ↑/↓ step the one under the cursor, F4 or Alt+↓ (or the
arrow) opens the calendar.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication, QDateTimeEdit, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

#: how the pickers show a time, and how the table's cells write it (planning.scenario_json.TIME_FORMAT)
DISPLAY_FORMAT = "yyyy-MM-dd HH:mm"
CELL_FORMAT = "yyyy-MM-ddTHH:mm"


def time_picker(parent: QWidget, moment: QDateTime) -> QDateTimeEdit:
    """A date-time picker with a calendar popup, minutes precision."""
    picker = QDateTimeEdit(moment, parent)
    picker.setCalendarPopup(True)
    picker.setDisplayFormat(DISPLAY_FORMAT)
    picker.setCurrentSection(QDateTimeEdit.DaySection)
    return picker


def opens_calendar(event) -> bool:
    """F4 or Alt+↓, the keys a combo box opens its list with (QDateTimeEdit itself has none for its calendar)."""
    return event.type() == QEvent.KeyPress and (
        event.key() == Qt.Key_F4 or (event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier))


def open_calendar(picker: QDateTimeEdit) -> None:
    """Open ``picker``'s calendar as a click on its arrow (at the trailing edge) does — Qt offers no call."""
    x = picker.width() - 6 if picker.layoutDirection() == Qt.LeftToRight else 6
    at = QPoint(x, picker.height() // 2)
    for kind in (QEvent.MouseButtonPress, QEvent.MouseButtonRelease):
        QApplication.sendEvent(picker, QMouseEvent(kind, QPointF(at), QPointF(picker.mapToGlobal(at)), Qt.LeftButton,
                                                   Qt.LeftButton if kind == QEvent.MouseButtonPress else Qt.NoButton,
                                                   Qt.NoModifier))


def parse_cell_time(text: str) -> QDateTime:
    """``2025-10-18T09:00`` (or with a space) as a QDateTime; invalid when it is not such a time."""
    return QDateTime.fromString(text.strip().replace(" ", "T"), CELL_FORMAT)


def cell_time(moment: QDateTime) -> str:
    return moment.toString(CELL_FORMAT)


class UnavailabilityEditor(QDialog):
    def __init__(self, parent: QWidget | None, default_interval, who: str = ""):
        """``default_interval()``: the (start, end) QDateTimes a new line starts with (the batch's first slot)."""
        super().__init__(parent)
        self.setObjectName("unavailability_editor")
        self.setWindowTitle(self.tr("不可用时间 {who}").format(who=who).strip())
        self.setModal(True)
        self.default_interval = default_interval
        self.lines: list[tuple[QWidget, QDateTimeEdit, QDateTimeEdit]] = []
        self.empty = QLabel(self.tr("没有不可用时间：此人在所有时段都可安排。"), self)
        self.empty.setStyleSheet("color:#616161")
        self.lines_box = QVBoxLayout()
        self.add_button = QPushButton(self.tr("添加时段"), self)
        self.add_button.setObjectName("add_interval")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_interval())
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{who} 不能参加编排的时间（开始 ~ 结束）：").format(who=who), self))
        layout.addWidget(self.empty)
        layout.addLayout(self.lines_box)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    # --- the lines -----------------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Show a cell's intervals (``开始~结束; …``); a part that is not such an interval is dropped here
        and the cell keeps it until 确定."""
        for line, *_pickers in list(self.lines):
            self._remove(line)
        for part in text.replace("；", ";").split(";"):
            start, _sep, end = part.replace("～", "~").partition("~")
            start, end = parse_cell_time(start), parse_cell_time(end)
            if start.isValid() and end.isValid():
                self.add_interval(start, end, focus=False)
        self._show_empty()

    def text(self) -> str:
        """The intervals as the cell writes them: ``2025-10-18T14:00~2025-10-18T18:00; …``."""
        return "; ".join(f"{cell_time(start.dateTime())}~{cell_time(end.dateTime())}" for _l, start, end in self.lines)

    def add_interval(self, start: QDateTime | None = None, end: QDateTime | None = None, focus: bool = True) -> int:
        if start is None or end is None:
            start, end = self.default_interval()
        line = QWidget(self)
        start_picker, end_picker = time_picker(line, start), time_picker(line, end)
        start_picker.setObjectName(f"start_{len(self.lines)}")
        end_picker.setObjectName(f"end_{len(self.lines)}")
        for picker in (start_picker, end_picker):
            picker.installEventFilter(self)          # F4 / Alt+↓ open the calendar
        remove = QPushButton(self.tr("删除"), line)
        remove.setObjectName("remove_interval")
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda: self._remove(line))
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(start_picker, 1)
        row.addWidget(QLabel("~", line))
        row.addWidget(end_picker, 1)
        row.addWidget(remove)
        self.lines_box.addWidget(line)
        self.lines.append((line, start_picker, end_picker))
        self._show_empty()
        if focus:
            start_picker.setFocus(Qt.TabFocusReason)
        return len(self.lines) - 1

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if isinstance(watched, QDateTimeEdit) and opens_calendar(event):
            open_calendar(watched)
            return True
        return super().eventFilter(watched, event)

    def _remove(self, line: QWidget) -> None:
        self.lines = [entry for entry in self.lines if entry[0] is not line]
        self.lines_box.removeWidget(line)
        line.deleteLater()
        self._show_empty()
        (self.lines[-1][1] if self.lines else self.add_button).setFocus(Qt.TabFocusReason)

    def _show_empty(self) -> None:
        self.empty.setVisible(not self.lines)
