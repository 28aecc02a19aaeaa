"""Editing an enumeration cell (school type, level, yes/no …) with a combo box of its allowed values."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from eligibility_desk.ui.screening.record_table_model import CHOICES_ROLE


class ChoiceDelegate(QStyledItemDelegate):
    def __init__(self, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        column = index.data(CHOICES_ROLE)
        if column is None or column.kind != "choice":
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for choice in column.choices:
            combo.addItem(choice.label(self.lang), choice.value)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            value = index.data(Qt.EditRole)
            for i in range(editor.count()):
                if editor.itemData(i) == value:
                    editor.setCurrentIndex(i)
                    break
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
            return
        super().setModelData(editor, model, index)
