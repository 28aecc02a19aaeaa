"""The problems of a refused import (sheet, row, column, value, reason) as a table."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, Qt

from eligibility_desk.ui.common.list_table_model import ListTableModel

COL_SHEET = 0
COL_ROW = 1
COL_COLUMN = 2
COL_VALUE = 3
COL_REASON = 4
COLUMN_COUNT = 5


class ImportProblemModel(ListTableModel):
    def __init__(self, problems: Sequence, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.problems = list(problems)
        self.lang = lang
        self._headers = (self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("内容"), self.tr("问题"))

    def shown_items(self) -> list:
        return self.problems

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        p = self.problems[index.row()]
        row = p.row or ""            # 0: the problem has no row (a sheet or the whole file is missing)
        return (p.sheet, row, p.column, p.value, p.message(self.lang))[index.column()]
