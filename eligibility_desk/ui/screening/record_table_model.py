"""One kind of sub-record of the applicant being edited (education, work, certificates or titles)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from eligibility_desk.ui.common import verdict_style
from eligibility_desk.ui.screening.applicant_draft import ApplicantDraft
from eligibility_desk.ui.screening.record_columns import COLUMNS, CONTEXT, ColumnSpec

CHOICES_ROLE = Qt.UserRole + 1   # the column's ColumnSpec, for the choice delegate


class RecordTableModel(QAbstractTableModel):
    def __init__(self, draft: ApplicantDraft, kind: str, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.draft = draft
        self.kind = kind
        self.lang = lang
        self.columns: tuple[ColumnSpec, ...] = COLUMNS[kind]
        self._rows = self.rowCount()
        draft.changed.connect(self._draft_changed)

    def _draft_changed(self) -> None:
        rows = self.rowCount()
        if rows == self._rows:  # same shape: repaint in place, leave an open editor alone
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.draft.records(self.kind))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return QCoreApplication.translate(CONTEXT, self.columns[section].header)
        return str(section + 1)

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        path = (self.kind, index.row(), column.key)
        value = self.draft.get(path)
        if role == Qt.DisplayRole:
            return column.label_of(value, self.lang) if column.kind == "choice" else ("" if value is None else str(value))
        if role == Qt.EditRole:
            return value if column.kind == "choice" else ("" if value is None else str(value))
        if role == CHOICES_ROLE:
            return column
        error = self.draft.error_at(path)
        if error is not None:
            if role == Qt.BackgroundRole:
                return verdict_style.background("ineligible")
            if role == Qt.ToolTipRole:
                return error.message(self.lang)
        elif role == Qt.ToolTipRole and column.kind == "date":
            return self.tr("日期格式：YYYY-MM-DD")
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.EditRole:
            return False
        column = self.columns[index.column()]
        if column.kind != "choice":
            value = "" if value is None else str(value)
        return self.draft.set((self.kind, index.row(), column.key), value)
