"""The batch's score sheets as a table: session, room, part, level, seats, status, mismatches."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from eligibility_desk.ui.common.list_table_model import ListTableModel
from eligibility_desk.ui.scores.score_reports import ENTERING, LOCKED, NOT_STARTED, TO_CHECK, SheetSummary

COL_SESSION, COL_ROOM, COL_PART, COL_LEVEL, COL_SEATS, COL_STATUS, COL_MISMATCHES = range(7)
COLUMN_COUNT = 7
#: custom role: the sheet's id
SHEET_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_STATUS_COLOURS = {NOT_STARTED: "#757575", ENTERING: "#1565c0", TO_CHECK: "#8a5a00", LOCKED: "#2e7d32"}


class ScoreSheetListModel(ListTableModel):
    def __init__(self, parent=None, lang: str = "zh", part_label=None):
        super().__init__(parent)
        self.lang = lang
        self.part_label = part_label or (lambda part: part)
        self.rows: list[SheetSummary] = []
        self._headers = (self.tr("场次"), self.tr("考场"), self.tr("考核项目"), self.tr("等级"), self.tr("人数"),
                         self.tr("状态"), self.tr("不一致"))
        self._status = {NOT_STARTED: self.tr("未录入"), ENTERING: self.tr("录入中"), TO_CHECK: self.tr("待核对"),
                        LOCKED: self.tr("已锁定")}

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal and section == COL_MISMATCHES:
            return self.tr("两遍录入不一致的座位数")      # the short title (English "Diffs") in full
        return super().headerData(section, orientation, role)

    def set_rows(self, rows: Sequence[SheetSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def replace(self, summary: SheetSummary) -> None:
        """Update one sheet's row after an entry, a lock or a correction."""
        for i, row in enumerate(self.rows):
            if row.id == summary.id:
                self.rows[i] = summary
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))
                return

    def row_of(self, sheet_id: int) -> int:
        return next((i for i, row in enumerate(self.rows) if row.id == sheet_id), -1)

    def status_text(self, status: str) -> str:
        return self._status[status]

    def shown_items(self) -> list:
        return self.rows

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == SHEET_ID_ROLE:
            return row.id
        if role == Qt.DisplayRole:
            if column == COL_SESSION:
                # the date keeps its time (a no-break space) when the column wraps
                return f"{row.session}  {row.start:%m-%d\u00a0%H:%M}" if row.start else row.session
            if column == COL_ROOM:
                return row.room
            if column == COL_PART:
                return self.part_label(row.part)
            if column == COL_LEVEL:
                return row.level
            if column == COL_SEATS:
                return row.seats
            if column == COL_STATUS:
                return self._status[row.status]
            if column == COL_MISMATCHES:
                return row.mismatches if row.status != LOCKED else ""
        if role == Qt.ForegroundRole:
            if column == COL_STATUS:
                return QBrush(QColor(_STATUS_COLOURS[row.status]))
            if column == COL_MISMATCHES and row.mismatches:
                return QBrush(QColor("#c62828"))
        if role == Qt.TextAlignmentRole and column in (COL_SEATS, COL_MISMATCHES):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
