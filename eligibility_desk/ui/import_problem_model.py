"""The problems of a refused import (sheet, row, column, value, reason) as a table."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

COL_SHEET = 0
COL_ROW = 1
COL_COLUMN = 2
COL_VALUE = 3
COL_REASON = 4
COLUMN_COUNT = 5


class ImportProblemModel(QAbstractTableModel):
    def __init__(self, problems: Sequence, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.problems = list(problems)
        self.lang = lang
        self._headers = (self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("内容"), self.tr("问题"))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        p = self.problems[index.row()]
        row = p.row or ""            # 0: the problem has no row (a sheet or the whole file is missing)
        return (p.sheet, row, p.column, p.value, p.message(self.lang))[index.column()]
