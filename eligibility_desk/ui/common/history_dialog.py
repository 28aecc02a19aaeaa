"""历史: who changed one score cell or one review decision, when, and what from → to (the audit trail's rows,
read through :mod:`eligibility_desk.services.history`).  Opened from the score sheet (context menu, Ctrl+H) and
from the verdict panel (「历史」 under a level); an empty history says so instead of showing an empty table."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QStackedWidget, QTableView, QVBoxLayout, QWidget

from eligibility_desk.ui.common.history_table_model import HistoryTableModel


class HistoryDialog(QDialog):
    def __init__(self, title: str, subject: str, steps: Sequence, empty_text: str, parent: QWidget | None = None,
                 lang: str = "zh"):
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(title)
        self.subject = QLabel(subject, self)
        self.subject.setObjectName("history_subject")
        self.subject.setWordWrap(True)
        self.subject.setStyleSheet("font-weight:bold")
        self.model = HistoryTableModel(self, lang)
        self.model.set_steps(steps)
        self.table = QTableView(self)
        self.table.setObjectName("history_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setEditTriggers(QTableView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("history_empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#757575;font-size:15px")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subject)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty
