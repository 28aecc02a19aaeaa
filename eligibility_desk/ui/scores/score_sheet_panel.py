"""One stored score sheet: choose 第一录入 / 第二录入 / 核对, type into the grid, lock; once locked, the final
values and the correction panel (更正 with a reason, the audit trail, 复核 requests).

The second recorder's grid is built from recorder 2's entries only — the first's never reach it.  The
核对 view (both entries side by side, mismatches listed) opens only when both recorders have entered every
seat; a mismatch is resolved by the recorder concerned checking the paper and re-entering.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QListWidget, QMenu, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from eligibility_desk.scoring import ScoreError
from eligibility_desk.ui.common import role_gate
from eligibility_desk.ui.common.refusal_text import permission_denied
from eligibility_desk.scoring.values import format_value
from eligibility_desk.services.scores.score_views import error_text
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.ui.scores.panel_score_panel import PanelScorePanel
from eligibility_desk.ui.scores.score_correction_panel import ScoreCorrectionPanel
from eligibility_desk.ui.scores.score_entry_grid import ScoreEntryGrid
from eligibility_desk.ui.scores.score_entry_model import COMPARE, FIRST, SECOND
from eligibility_desk.ui.scores.stored_score_entry_model import StoredScoreEntryModel

_ERROR, _OK = "color:#c62828", "color:#2e7d32"
#: the grid's narrowest width before a sheet is shown
_GRID_MIN = 300


class ScoreSheetPanel(QWidget):
    entries_changed = Signal(int)    # a recorder's cell was saved (the workspace follows once typing pauses)
    sheet_changed = Signal(int)      # a lock, a correction or a panel's means changed this sheet
    wants_width = Signal(int)        # this many more pixels would show the side pane's table whole
    grid_changed = Signal(object)    # the entry grid shown now (None: no sheet); its undo_stack holds its edits

    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.scores = None
        self.sheet_id: int | None = None
        self.grid: ScoreEntryGrid | None = None
        #: the account at the desk (the workspace sets it): 锁定 needs a 复核人, entry a 录分员
        self.actor = None
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight:bold")
        self.mode = QComboBox(self)
        self.mode.setObjectName("recorder_mode")
        self.mode.addItem(self.tr("第一录入"), FIRST)
        self.mode.addItem(self.tr("第二录入"), SECOND)
        self.mode.addItem(self.tr("核对"), COMPARE)
        self.mode.activated.connect(lambda _i: self.show_mode(self.mode.currentData()))
        self.lock_button = QPushButton(self.tr("锁定"), self)
        self.lock_button.setObjectName("lock_sheet")
        self.lock_button.clicked.connect(self.lock)
        # 成绩历史 of the seat under the cursor: the grid's context menu and Ctrl+H while the grid has the focus
        self.act_history = QAction(self.tr("成绩历史…"), self)
        self.act_history.setObjectName("score_history")
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))
        self.act_history.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.act_history.setStatusTip(self.tr("谁在何时录入、清除或更正了本座位的成绩（原值 → 新值）"))
        self.act_history.triggered.connect(lambda: self.show_history())
        self.addAction(self.act_history)
        self.message = QLabel(self)
        self.message.setObjectName("sheet_message")
        self.message.setWordWrap(True)
        self.grid_box = QVBoxLayout()
        self.grid_box.setContentsMargins(0, 0, 0, 0)
        grid_holder = QWidget(self)
        grid_holder.setLayout(self.grid_box)
        self.mismatch_list = QListWidget(self)
        self.mismatch_list.setObjectName("mismatch_list")
        self.mismatch_list.setWordWrap(True)
        self.mismatch_list.currentRowChanged.connect(self._go_to_mismatch)
        self.corrections = ScoreCorrectionPanel(self, lang)
        self.corrections.changed.connect(self._corrected)
        self.side = QTabWidget(self)
        self.side.addTab(self.mismatch_list, self.tr("不一致"))
        self.side.addTab(self.corrections, self.tr("更正与复核"))
        self.panel_scores = PanelScorePanel(self, lang)
        self.panel_scores.applied.connect(self._panel_applied)
        self.side.addTab(self.panel_scores, self.tr("考评组评分"))
        self.side.currentChanged.connect(lambda _i: self.fit_side())
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(self.tr("录入："), self))
        top.addWidget(self.mode)
        top.addWidget(self.lock_button)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(grid_holder)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        grid_holder.setMinimumWidth(_GRID_MIN)         # and, once a sheet is shown, what its columns need
        split.setSizes([520, 260])
        self.split, self.grid_holder = split, grid_holder
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(_OK if ok else _ERROR)
        self.message.setText(text)

    # --- showing a sheet ---------------------------------------------------------------------------------
    def set_sheet(self, scores, sheet_id: int | None) -> None:
        self.scores, self.sheet_id = scores, sheet_id
        self.say("")
        if sheet_id is None:
            self._set_grid(None)
            self.title.setText("")
            return
        info = scores.sheet(sheet_id)
        mode = COMPARE if info.locked else (self.mode.currentData() or FIRST)
        self.show_mode(mode)

    def show_mode(self, mode: str) -> None:
        if self.scores is None or self.sheet_id is None:
            return
        info = self.scores.sheet(self.sheet_id)
        if mode == COMPARE and not info.locked and self.scores.missing(self.sheet_id):
            self.say(self.tr("两遍录入均完成后才能核对（尚有 {n} 处未录）。").format(n=len(self.scores.missing(self.sheet_id))))
            mode = FIRST if self.grid is None or self.grid.model.mode == COMPARE else self.grid.model.mode
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self.mode.setEnabled(not info.locked)
        self.lock_button.setEnabled(not info.locked)
        self.lock_button.setToolTip("")
        if self.actor is not None and not info.locked:
            role_gate.gate(self.lock_button, self.actor, "lock", self.tr("锁定本表"), self.lang)
        model = StoredScoreEntryModel(self.scores, self.sheet_id, mode, self.lang)
        # an account without the 录分员 role sees the entries read-only, and why (the service refuses anyway)
        lacking = role_gate.missing(self.actor, "enter_scores", self.lang) if self.actor is not None else ""
        if lacking and mode != COMPARE and not info.locked:
            model.set_read_only(self.tr("只能查看：{reason}").format(reason=lacking))
        self._set_grid(model)
        rules = self.scores.rules_for(info.batch_id)
        state = self.tr("已锁定（{by}）").format(by=info.locked_by) if info.locked else self.tr("未锁定")
        self.title.setText(self.tr("{session} · {room} · {part} · {level} 级 · {n} 人 · {state}").format(
            session=info.session, room=info.room, part=rules.part_label(info.part, self.lang), level=info.level,
            n=len(info.lines), state=state))
        self._fill_mismatches(model)
        self.corrections.set_sheet(self.scores, self.sheet_id, info)
        has_panel = bool(info.panel) and rules.panel_method == "mean"     # rule file: panel_score
        self.side.setTabVisible(2, has_panel)
        if has_panel:
            self.panel_scores.set_sheet(self.scores, info, model.recorder,
                                        self.tr("只能查看：{reason}").format(reason=lacking) if lacking else "")
        self.side.setCurrentIndex(1 if info.locked else 0)

    def fit_side(self) -> None:
        """Widen the side pane (never narrow it: the user's own split stays) so the 考评组评分 table shows whole
        — the examiners' scores, mean, spread and state side by side — as far as the grid's minimum allows."""
        if self.side.currentWidget() is not self.panel_scores or self.panel_scores.model is None or not sum(self.split.sizes()):
            return
        need = self.panel_scores.width_needed() + self.side.width() - self.panel_scores.width()   # + the tabs' frame
        room = sum(self.split.sizes()) - self.grid_holder.minimumWidth()
        if need > room:
            self.wants_width.emit(need - room)       # the workspace may give some of its other panes
        sizes = self.split.sizes()
        side = min(need, sum(sizes) - self.grid_holder.minimumWidth())
        if side > sizes[1]:
            self.split.setSizes([sum(sizes) - side, side])

    def _set_grid(self, model) -> None:
        if self.grid is not None:
            self.grid_box.removeWidget(self.grid)
            self.grid.hide()
            self.grid.deleteLater()
            self.grid = None
        if model is None:
            self.grid_changed.emit(None)
            return
        self.grid = ScoreEntryGrid(model, self)
        self.grid.setObjectName("score_grid")
        self.grid.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.grid.view.customContextMenuRequested.connect(self._grid_menu)
        model.entryAccepted.connect(lambda _row: self.entries_changed.emit(self.sheet_id))
        self.grid_box.addWidget(self.grid)
        self.fit_grid()
        self.grid.view.setFocus()
        self.grid_changed.emit(self.grid)

    def fit_grid(self) -> None:
        """Give the grid the width its columns need (the side pane gives way): the seat column is never cut
        and the grid never scrolls sideways, in Chinese or English, at 1,280 px."""
        if self.grid is None:
            return
        need = max(_GRID_MIN, self.grid.width_needed())
        self.grid_holder.setMinimumWidth(need)
        sizes = self.split.sizes()
        if not sum(sizes) or sizes[0] >= need:
            return
        short = need + self.side.minimumSizeHint().width() - sum(sizes)
        if short > 0:
            self.wants_width.emit(short)            # the workspace may give some of its sheet list's width
            sizes = self.split.sizes()
        self.split.setSizes([need, sum(sizes) - need])

    def _fill_mismatches(self, model) -> None:
        self.mismatch_list.clear()
        if model.mode != COMPARE or model.sheet.locked:
            text = self.tr("核对视图列出两遍录入的不一致之处。") if not model.sheet.locked else self.tr("已锁定，无不一致。")
            self.mismatch_list.addItem(text)
            return
        mismatches = self.scores.mismatches(self.sheet_id)
        for m in mismatches:
            self.mismatch_list.addItem(self.tr("座位 {seat}（{candidate}）：第一遍 {first}，第二遍 {second}").format(
                seat=m.seat, candidate=m.candidate, first=format_value(m.first, self.lang),
                second=format_value(m.second, self.lang)))
        if mismatches:
            self.say(self.tr("有 {n} 处不一致：请核对原始成绩单，由录入有误的一方重新录入后再锁定。").format(n=len(mismatches)))
        else:
            self.mismatch_list.addItem(self.tr("两遍录入一致，可以锁定。"))

    def _go_to_mismatch(self, index: int) -> None:
        rows = self.grid.model.mismatched_rows() if self.grid is not None else []
        if 0 <= index < len(rows):
            self.grid.go_to_row(rows[index])

    # --- history ---------------------------------------------------------------------------------------
    def _grid_menu(self, pos) -> None:
        index = self.grid.view.indexAt(pos)
        if index.isValid():
            self.grid.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.act_history)
        menu.popup(self.grid.view.viewport().mapToGlobal(pos))

    def show_history(self, row: int | None = None):
        """The 成绩历史 dialog for the seat on ``row`` (the grid's current row when None).  While the entry is
        blind (not locked, one recorder's view) the other recorder's entries are left out."""
        if self.grid is None or self.scores is None:
            return None
        from eligibility_desk.services.history import score_cell_history
        from eligibility_desk.ui.common.history_dialog import HistoryDialog

        row = self.grid.current_row() if row is None else row
        if not 0 <= row < self.grid.model.rowCount():
            return None
        model = self.grid.model
        line = model.sheet.lines[row]
        blind = model.recorder if model.mode != COMPARE else None
        steps = score_cell_history(self.scores.db, self.sheet_id, line.seat, blind_recorder=blind)
        subject = self.tr("座位 {seat} · {name} · 准考证号 {admission}").format(
            seat=line.seat, name=line.name, admission=line.candidate)
        if blind is not None:
            subject += self.tr("（盲录期间只列出本遍录入）")
        self.history_dialog = HistoryDialog(self.tr("成绩历史"), subject, steps,
                                            self.tr("本座位还没有任何录入或更正记录。"), self, self.lang)
        self.history_dialog.open()
        return self.history_dialog

    # --- lock ------------------------------------------------------------------------------------------
    def lock(self) -> bool:
        if self.scores is None or self.sheet_id is None:
            return False
        info = self.scores.sheet(self.sheet_id)
        try:
            self.scores.lock(self.sheet_id, info.version)
        except (ScoreError, permission_denied()) as exc:
            self.say(self.tr("不能锁定：{reason}").format(reason=error_text(exc, self.lang)))
            if getattr(exc, "code", None) == "sheet_mismatch":
                self.show_mode(COMPARE)
                self.say(self.tr("不能锁定：{reason}").format(reason=error_text(exc, self.lang)))
            return False
        except StaleRecordError as exc:    # locked or corrected meanwhile: shown, nothing changed
            self.say(self.tr("不能锁定：本表已被他人修改，请重新打开。（{error}）").format(error=exc))
            return False
        self.show_mode(COMPARE)
        self.say(self.tr("已锁定。此后只能经「更正」修改，须填写理由并留痕。"), ok=True)
        self.sheet_changed.emit(self.sheet_id)
        return True

    def _panel_applied(self, _n: int) -> None:
        self.show_mode(self.grid.model.mode if self.grid is not None else FIRST)
        self.sheet_changed.emit(self.sheet_id)

    def _corrected(self) -> None:
        keep = self.message.text()
        self.show_mode(COMPARE)
        self.say(keep, ok=True)
        self.sheet_changed.emit(self.sheet_id)
