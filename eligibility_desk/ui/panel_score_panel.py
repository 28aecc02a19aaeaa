"""考评组评分: each examiner of the session's panel scores every seat (§1.9.3); the mean becomes the part
score once everyone has scored, and 「采用均分」 enters the final means as the chosen recorder's column, after
which double entry and the lock work as for any sheet."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from eligibility_desk.scoring import ScoreError
from eligibility_desk.services.score_views import error_text
from eligibility_desk.ui.panel_score_model import PanelScoreModel
from eligibility_desk.ui.refused_cell_reopener import RefusedCellReopener

_ERROR, _OK = "color:#c62828", "color:#2e7d32"


class PanelScorePanel(QWidget):
    applied = Signal(int)            # the final means were entered as this recorder's values

    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.model: PanelScoreModel | None = None
        self.recorder: int | None = None
        self.table = QTableView(self)
        self.table.setObjectName("panel_scores")
        self.table.verticalHeader().hide()
        self.reopener = RefusedCellReopener(self.table)     # a refused score's cell reopens with what was typed
        self.apply_button = QPushButton(self.tr("采用均分作为本录入人的成绩"), self)
        self.apply_button.setObjectName("apply_panel")
        self.apply_button.clicked.connect(self.apply)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(_OK if ok else _ERROR)
        self.message.setText(text)

    def set_sheet(self, scores, info, recorder: int | None) -> None:
        self.recorder = recorder
        if self.model is not None:
            self.model.deleteLater()
        self.model = PanelScoreModel(scores, info, self, self.lang)
        self.model.refused.connect(self.reopener.note_refusal)
        self.model.refused.connect(lambda _row, text: self.say(text))
        self.model.dataChanged.connect(lambda *_: self.say(""))
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.apply_button.setEnabled(recorder is not None and not info.locked)
        self.say(self.tr("考评组 {n} 人：{names}；分差超过 {gap} 分时标黄。").format(
            n=len(info.panel), names="、".join(info.panel), gap=self.model.rules.panel_gap), ok=True)

    def apply(self) -> int:
        if self.model is None or self.recorder is None:
            return 0
        try:
            n = self.model.scores.apply_panel(self.model.info.id, self.recorder)
        except ScoreError as exc:
            self.say(error_text(exc, self.lang))
            return 0
        self.say(self.tr("已将 {n} 个座位的均分录为第 {r} 录入人的成绩。").format(n=n, r=self.recorder), ok=True)
        self.applied.emit(n)
        return n
