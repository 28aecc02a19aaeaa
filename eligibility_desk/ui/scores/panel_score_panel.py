"""考评组评分: each examiner of the session's panel scores every seat (§1.9.3); the mean becomes the part
score once everyone has scored, and 「采用均分」 enters the final means as the chosen recorder's column, after
which double entry and the lock work as for any sheet.

Several desks score one sheet at once, so the table re-reads ``panel_view`` (one read, emitted only when
something changed) when the tab is shown or its window becomes active, on F5 / 「刷新」, and every
``REFRESH_MS`` while shown.  Selection and current cell stay; no re-read happens while a cell is being
edited — Qt would write the stored value over what is being typed, and the typed score must be checked
against the version that was shown when typing began — it follows once the editor closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from eligibility_desk.scoring import ScoreError
from eligibility_desk.ui.common.refusal_text import permission_denied
from eligibility_desk.services.scores.score_views import error_text
from eligibility_desk.ui.scores.panel_score_model import ADMISSION, PanelScoreModel
from eligibility_desk.ui.common.refused_cell_reopener import RefusedCellReopener

_ERROR, _OK = "color:#c62828", "color:#2e7d32"
REFRESH_MS = 15_000       # one small read per shown panel sheet; skipped while a cell is being edited


class PanelScorePanel(QWidget):
    applied = Signal(int)            # the final means were entered as this recorder's values
    refreshed = Signal(bool)         # the table re-read the stored scores; True when something had changed

    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.model: PanelScoreModel | None = None
        self.recorder: int | None = None
        self.read_only = ""
        self.table = QTableView(self)
        self.table.setObjectName("panel_scores")
        self.table.verticalHeader().hide()
        self._edit_triggers = self.table.editTriggers()
        self.reopener = RefusedCellReopener(self.table)     # a refused score's cell reopens with what was typed
        self.table.itemDelegate().closeEditor.connect(self._editor_closed)
        self._refresh_pending = False
        self.refresh_action = QAction(self.tr("刷新"), self)
        self.refresh_action.setObjectName("refresh_panel")
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.setToolTip(self.tr("重新读取各考评员的评分，包括其他电脑录入的（F5）"))
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        refresh_button = QToolButton(self)
        refresh_button.setDefaultAction(self.refresh_action)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.apply_button = QPushButton(self.tr("采用均分作为本录入人的成绩"), self)
        self.apply_button.setObjectName("apply_panel")
        self.apply_button.clicked.connect(self.apply)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(refresh_button)
        row.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)          # its own line: beside the buttons it wrapped word by word
        layout.addLayout(row)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(_OK if ok else _ERROR)
        self.message.setText(text)

    def set_sheet(self, scores, info, recorder: int | None, read_only: str = "") -> None:
        """``read_only``: why this account may not score (no 录分员 role) — the table then opens no editor and
        「采用均分」 is disabled, both saying why; '' allows scoring."""
        self.recorder = recorder
        self.read_only = read_only
        if self.model is not None:
            self.model.deleteLater()
        self.model = PanelScoreModel(scores, info, self, self.lang)
        self.model.refused.connect(self.reopener.note_refusal)
        self.model.refused.connect(lambda _row, text: self.say(text))
        self.model.entered.connect(lambda _row: self.say(""))     # not on a refresh: a refusal's words stay
        self.table.setModel(self.model)
        # narrow enough for the side pane: seat and name identify the row (the admission number is in their
        # tooltip and in the grid beside); the scores, mean and spread as wide as their contents; the state
        # takes what is left and is cut short (whole in its tooltip) rather than push the mean out of sight
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.Stretch)
        self.table.setColumnHidden(ADMISSION, True)
        self.model.set_read_only(read_only)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else self._edit_triggers)
        self.apply_button.setToolTip(read_only)
        self.apply_button.setEnabled(self._may_apply(info.locked))
        self.say(self.tr("考评组 {n} 人：{names}；分差超过 {gap} 分时标黄。").format(
            n=len(info.panel), names="、".join(info.panel), gap=self.model.rules.panel_gap), ok=True)
        if read_only:
            self.say(read_only)

    def _may_apply(self, locked: bool) -> bool:
        return self.recorder is not None and not locked and not self.read_only

    def width_needed(self) -> int:
        """The width that shows every column of the table whole, without scrolling sideways."""
        if self.model is None:
            return self.sizeHint().width()
        table, header = self.table, self.table.horizontalHeader()
        columns = sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                      for c in range(self.model.columnCount()) if not table.isColumnHidden(c))
        margins = self.layout().contentsMargins()
        return (columns + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth()
                + margins.left() + margins.right())

    # --- other desks' scores --------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Re-read the stored scores now, or as soon as the cell being edited closes; True if anything changed."""
        if self.model is None:
            return False
        if self.table.state() == QAbstractItemView.State.EditingState:
            self._refresh_pending = True
            return False
        self._refresh_pending = False
        changed = self.model.refresh()
        self.apply_button.setEnabled(self._may_apply(self.model.view.sheet.locked))
        self.refreshed.emit(changed)
        return changed

    def _editor_closed(self, *_args) -> None:
        if self._refresh_pending:
            QTimer.singleShot(0, self.refresh)      # after the reopener, which may open the cell again

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.timer.start()
        self.refresh()

    def hideEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.isVisible():
            self.refresh()      # back from another window: another desk may have scored meanwhile

    def apply(self) -> int:
        if self.model is None or self.recorder is None:
            return 0
        try:
            n = self.model.scores.apply_panel(self.model.info.id, self.recorder)
        except (ScoreError, permission_denied()) as exc:
            self.say(error_text(exc, self.lang))
            return 0
        self.say(self.tr("已将 {n} 个座位的均分录为第 {r} 录入人的成绩。").format(n=n, r=self.recorder), ok=True)
        self.applied.emit(n)
        return n
