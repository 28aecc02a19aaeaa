"""Score statistics groups as a table: group, candidates, absent, sat, passed, pass rate, mean, median."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from eligibility_desk.scoring.wording import group_label
from eligibility_desk.ui.common.list_table_model import ListTableModel

COL_GROUP, COL_CANDIDATES, COL_ABSENT, COL_SAT, COL_PASSED, COL_RATE, COL_MEAN, COL_MEDIAN = range(8)
COLUMN_COUNT = 8
#: custom role: the group's GroupStatistics
STATS_ROLE = Qt.ItemDataRole.UserRole + 1


class ScoreStatisticsModel(ListTableModel):
    def __init__(self, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.rules = None
        self.groups: list = []
        self._headers = (self.tr("分组"), self.tr("人数"), self.tr("缺考"), self.tr("实考"), self.tr("合格"),
                         self.tr("合格率"), self.tr("平均分"), self.tr("中位数"))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal and section == COL_CANDIDATES:
            return self.tr("该组的考生人数")       # the short title (English "N") in full
        return super().headerData(section, orientation, role)

    def set_statistics(self, statistics: dict, rules) -> None:
        self.beginResetModel()
        self.rules = rules
        self.groups = list(statistics.values())
        self.endResetModel()

    def label(self, row: int) -> str:
        return group_label(self.groups[row].key, self.rules, self.lang)

    def shown_items(self) -> list:
        return self.groups

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.groups[index.row()]
        if role == STATS_ROLE:
            return s
        if role == Qt.TextAlignmentRole and index.column() != COL_GROUP:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role != Qt.DisplayRole:
            return None
        column = index.column()
        if column == COL_GROUP:
            return self.label(index.row())
        if column == COL_RATE:
            return f"{s.pass_rate:.1%}" if s.pass_rate is not None else "—"
        if column in (COL_MEAN, COL_MEDIAN):
            value = s.mean if column == COL_MEAN else s.median
            return "—" if value is None else str(value)
        return {COL_CANDIDATES: s.candidates, COL_ABSENT: s.absent, COL_SAT: s.sat, COL_PASSED: s.passed}[column]
