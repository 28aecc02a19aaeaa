"""The planner view: sessions per slot and room, drag a candidate or staff member to another session, and
see the violations the move causes at once.  Standalone — the main window embeds it later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from eligibility_desk.planning import wording
from eligibility_desk.ui.planning.plan_table_model import ELIDE_COLUMNS, PlanTableModel

_MAX_LONG = 220    # px: room, name and institution columns elide past this


class PlannerView(QWidget):
    def __init__(self, scenario, rules, plan=None, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.model = PlanTableModel(scenario, rules, parent=self, lang=lang)

        self.slot_box = QComboBox(self)
        self.slot_box.currentIndexChanged.connect(self._slot_chosen)
        self.summary = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("时段"), self))
        top.addWidget(self.slot_box)
        top.addStretch(1)
        top.addWidget(self.summary)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDrop)
        self.table.setDefaultDropAction(Qt.MoveAction)
        self.table.setDragDropOverwriteMode(True)
        self.table.verticalHeader().setVisible(False)
        # fixed widths: ResizeToContents measures every row on each reset (seconds on a 10,000-candidate plan)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        samples = ("10-18 09:00–12:00", "第123考场 1号楼101室", "理论知识考试", "等级", "监考人员（主监考）", "座号",
                   "C000000", "欧阳文涛", "某某职业技术学院")
        for col, sample in enumerate(samples):
            header.resizeSection(col, self.fontMetrics().horizontalAdvance(sample) + 20)
        self.table.setProperty("elideColumns", list(ELIDE_COLUMNS))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

        self.problems = QListWidget(self)
        self.problems.itemActivated.connect(self._show_problem)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.problems)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter)
        self.model.violationsChanged.connect(self._refresh_problems)
        if plan is not None:
            self.set_plan(plan)

    def set_plan(self, plan) -> None:
        self.model.set_plan(plan)
        self.fit_columns()
        self.slot_box.blockSignals(True)
        self.slot_box.clear()
        self.slot_box.addItem(self.tr("全部时段"), None)
        for label in self.model.slot_labels():
            self.slot_box.addItem(label, label)
        self.slot_box.blockSignals(False)
        self._refresh_problems()

    def fit_columns(self, sample_rows: int = 400) -> None:
        """Columns as wide as their header and the widest of the first rows (a few hundred, not every row: a
        10,000-candidate plan stays instant), the long-text columns at most _MAX_LONG px (they elide)."""
        header, metrics, model = self.table.horizontalHeader(), self.table.fontMetrics(), self.model
        rows = min(model.rowCount(), sample_rows)
        for column in range(model.columnCount() - 1):          # the last column (问题) takes what is left
            texts = (model.index(row, column).data() for row in range(rows))
            widest = max((metrics.horizontalAdvance(text) for text in texts if isinstance(text, str)), default=0)
            width = max(header.sectionSizeHint(column), widest + 20)
            header.resizeSection(column, min(width, _MAX_LONG) if column in ELIDE_COLUMNS else width)

    def _slot_chosen(self, _index: int) -> None:
        self.model.set_slot_filter(self.slot_box.currentData())

    def _refresh_problems(self, *_counts) -> None:
        hard = [v for v in self.model.violations if v.hard]
        soft = [v for v in self.model.violations if not v.hard]
        self.summary.setText(self.tr("{0} 处违规，{1} 条提示").format(len(hard), len(soft)))
        self.summary.setStyleSheet("color: #b3261e; font-weight: bold" if hard else "")
        self.problems.clear()
        for v in [*hard, *soft]:
            prefix = self.tr("违规") if v.hard else self.tr("提示")
            item = QListWidgetItem(f"{prefix} {v.rule} {v.session or ''} {wording.violation_text(v, self.lang)}")
            item.setData(Qt.UserRole, v.session)
            if v.hard:
                item.setForeground(Qt.darkRed)
            self.problems.addItem(item)

    def _show_problem(self, item: QListWidgetItem) -> None:
        """Jump to the first row of the violation's session."""
        session = item.data(Qt.UserRole)
        if not session:
            return
        self.slot_box.setCurrentIndex(0)
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(Qt.UserRole + 1) == session:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return
