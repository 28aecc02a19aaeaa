"""统计: the batch's score statistics grouped by batch, level, part, session or room, with the histogram of
the chosen group (``ScoreHistogram``).  Locked sheets count with their final values, open ones with the
first recorder's entries so far (``ScoreService.statistics``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from eligibility_desk.ui.common.column_fitter import ColumnFitter
from eligibility_desk.ui.scores.score_histogram import ScoreHistogram
from eligibility_desk.ui.scores.score_statistics_model import COL_GROUP, ScoreStatisticsModel


class ScoreStatisticsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.scores = None
        self.batch_id: int | None = None
        self.rules = None
        self.grouping = QComboBox(self)
        self.grouping.setObjectName("statistics_grouping")
        for text, by in ((self.tr("按考核项目"), ("part",)), (self.tr("按等级和项目"), ("level", "part")),
                         (self.tr("按等级"), ("level",)), (self.tr("按场次"), ("session", "part")),
                         (self.tr("按考场"), ("room", "part")), (self.tr("全批次"), ())):
            self.grouping.addItem(text, ",".join(by))
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = ScoreStatisticsModel(self, lang)
        self.table = QTableView(self)
        self.table.setObjectName("statistics_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        # the group's name wraps (it stretched and elided: "Comprehen…"); the numbers stay on one line
        self.fitter = ColumnFitter(self.table, wrap=(COL_GROUP,))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_group(current.row()))
        self.histogram = ScoreHistogram(self, lang)
        self.histogram.setObjectName("statistics_histogram")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("统计："), self))
        top.addWidget(self.grouping, 1)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.histogram)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def set_batch(self, scores, batch_id: int | None) -> None:
        self.scores, self.batch_id = scores, batch_id
        self.refresh()

    def refresh(self) -> None:
        if self.scores is None or self.batch_id is None:
            self.model.set_statistics({}, None)
            self.histogram.set_statistics(None, None)
            return
        self.rules = self.scores.rules_for(self.batch_id)
        row = max(self.table.currentIndex().row(), 0)
        self.model.set_statistics(self.scores.statistics(self.batch_id, by=self.grouped_by()), self.rules)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
            self._show_group(min(row, self.model.rowCount() - 1))
        else:
            self.histogram.set_statistics(None, None)

    def grouped_by(self) -> tuple[str, ...]:
        return tuple(x for x in (self.grouping.currentData() or "").split(",") if x)

    def _show_group(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.histogram.set_statistics(self.model.groups[row], self.rules.pass_mark, self.model.label(row))
