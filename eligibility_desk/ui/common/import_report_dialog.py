"""Shown when an import is refused: every problem in a table; nothing was written."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from eligibility_desk.ui.common.import_problem_model import COL_REASON, ImportProblemModel


#: the problems the columns are fitted to (the first ones; the rest are read only when scrolled to)
FIT_ROWS = 200


class ImportReportDialog(QDialog):
    def __init__(self, report, source: str, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("导入未完成"))
        summary = QLabel(self.tr("「{file}」有 {n} 处问题，未写入任何数据。请改正后重新导入。").format(
            file=os.path.basename(source), n=len(report.problems)), self)
        summary.setWordWrap(True)
        summary.setStyleSheet("color:#c62828;font-weight:bold")
        self.model = ImportProblemModel(report.problems, self, lang)
        self.table = QTableView(self)
        self.table.setObjectName("import_problems")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_REASON, QHeaderView.Stretch)
        # columns fitted to the first rows only: a refusal may list 40,000 problems, and the view (model/view)
        # asks only for the rows it shows — the fitting is the one pass over rows, bounded here
        self.table.verticalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        if report.problem_report:
            note = QLabel(self.tr("已生成标出错误单元格的工作簿：{path}").format(path=report.problem_report), self)
            note.setWordWrap(True)
            layout.addWidget(note)
            open_button = buttons.addButton(self.tr("打开错误报告"), QDialogButtonBox.ActionRole)
            open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(report.problem_report)))))
        layout.addWidget(buttons)
        self.resize(860, 420)
