"""The keyboard-fast score entry grid: a table in seat order with a message line under it.

Keys (the recorder's hands stay on the numeric pad):

- type a score and press Enter: it is checked, saved, and the cursor moves down one seat;
- a refused score leaves the cell unchanged, shows why under the grid, and reopens the cell with what was
  typed so it can be corrected (Esc gives up);
- Enter on a cell that is not being edited moves down; Delete clears the cell;
- Q (or 缺) marks the seat absent (缺考) and moves down; W (or 违) opens the cell with 「违纪 」 so only the
  note remains to be typed;
- these one-key marks are plain keys only: a chord (Ctrl+Q, Alt+W, Ctrl+Delete …) never edits a seat; the
  window's shortcuts take it (Ctrl+Q quits, Ctrl+Z / Ctrl+Shift+Z undo and redo the grid's entries).

Every entry made here — typed, marked, cleared — is one command on the grid's :attr:`undo_stack`: undo enters
the value the seat had before through the same model (so a stored sheet saves it back, version-checked).

Modes are the model's: first recorder, second recorder (the first's entries stay hidden), compare.

An account that may not enter scores sees the grid read-only (:meth:`ScoreEntryGrid.set_read_only`): no editor
opens, no key marks a seat, and the message line, the progress line and the cells' tooltip say why.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from eligibility_desk.ui.common.column_fitter import one_line_width
from eligibility_desk.ui.common.refused_cell_reopener import RefusedCellReopener, edit_with_text
from eligibility_desk.ui.scores.score_entry_model import COMPARE, ENTRY, ScoreEntryModel

_ABSENT_KEYS = {Qt.Key.Key_Q}
_DISQUALIFY_KEYS = {Qt.Key.Key_W}
#: modifiers a plain key may carry (Shift for 缺/违 typed through an input method, the keypad's own flag)
_PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
_EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                  | QAbstractItemView.EditTrigger.EditKeyPressed)


class ScoreEntryCommand(QUndoCommand):
    """One seat's entry changed from ``before`` to ``after`` (cell texts as the grid shows them in Chinese,
    which :func:`~eligibility_desk.scoring.parse_cell` reads back).  The change was made when it is pushed, so
    the first redo does nothing."""

    def __init__(self, grid: "ScoreEntryGrid", row: int, before: str, after: str, text: str):
        super().__init__(text)
        self._grid, self._row, self._before, self._after = grid, row, before, after
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._grid.replay(self._row, self._after)

    def undo(self) -> None:
        self._grid.replay(self._row, self._before)


class ScoreEntryGrid(QWidget):
    messageChanged = Signal(str)

    def __init__(self, model: ScoreEntryModel, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = model
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(_EDIT_TRIGGERS)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.installEventFilter(self)
        self.undo_stack = QUndoStack(self)
        self._replaying = False
        self._read_only = ""
        model.entryEdited.connect(self._edited)
        # a refused score reopens its cell with what was typed; an accepted one moves down a seat
        self.reopener = RefusedCellReopener(self.view, model.entryRefused)
        self.reopener.submitted.connect(lambda: self.go_to_row(self.current_row() + 1))
        self.message = QLabel(self)
        self.message.setObjectName("scoreEntryMessage")
        self.message.setStyleSheet("QLabel#scoreEntryMessage { color: #b03030; }")
        self.message.setWordWrap(True)      # a refusal or the view-only reason is read whole, not cut at the edge
        self.progress = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        model.entryRefused.connect(self._refused)
        model.entryAccepted.connect(self._accepted)
        model.modelReset.connect(self._update_progress)
        self.view.selectionModel().currentChanged.connect(self._keep_on_entry_column)
        self._update_progress()
        if model.rowCount():
            self.go_to_row(0)
        if model.read_only_reason:
            self.set_read_only(model.read_only_reason)

    @property
    def model(self) -> ScoreEntryModel:
        return self._model

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def width_needed(self) -> int:
        """The width that shows every column whole — the seat on the left included — without scrolling sideways."""
        view = self.view
        columns = sum(one_line_width(view, c) for c in range(self._model.columnCount()) if not view.isColumnHidden(c))
        return columns + view.verticalScrollBar().sizeHint().width() + 2 * view.frameWidth()

    def go_to_row(self, row: int) -> None:
        row = max(0, min(row, self._model.rowCount() - 1))
        column = ENTRY if self._model.mode != COMPARE else 0
        self.view.setCurrentIndex(self._model.index(row, column))

    def set_read_only(self, reason: str) -> None:
        """No entry at all for ``reason`` (shown under the grid and as the cells' tooltip); '' allows entry."""
        self._read_only = reason
        self._model.set_read_only(reason)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if reason else _EDIT_TRIGGERS)
        self.view.setToolTip(reason)
        self.show_message(reason)
        self._update_progress()

    @property
    def read_only(self) -> bool:
        return bool(self._read_only)

    def set_mode(self, mode: str) -> None:
        self._model.set_mode(mode)
        self.show_message(self._read_only)
        if self._model.rowCount():
            self.go_to_row(0)
        if mode == COMPARE and self._model.mismatched_rows():
            self.go_to_row(self._model.mismatched_rows()[0])

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.messageChanged.emit(text)

    # ---- keyboard --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.view.state() == QAbstractItemView.State.EditingState:
                return False
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        row = self.current_row()
        if event.modifiers() & ~_PLAIN:
            # a chord is never a mark or an edit: the window's shortcuts have had their turn, and the view must
            # not open the cell with a control character either
            return event.text() != "" and not event.text().isprintable()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_to_row(row + 1)
            return True
        if self._model.mode == COMPARE or row < 0:
            return False
        if self._read_only:
            if event.text().strip() or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_F2):
                self.show_message(self._read_only)     # typing here enters nothing: say why again
                return True
            return False
        index = self._model.index(row, ENTRY)
        if key in _ABSENT_KEYS or event.text() == "缺":
            if self._model.mark_absent(row):
                self.go_to_row(row + 1)
            return True
        if key in _DISQUALIFY_KEYS or event.text() == "违":
            self._edit_with(row, "违纪 ")
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._model.setData(index, "")
            return True
        return False

    def _keep_on_entry_column(self, current, _previous) -> None:
        """While entering, the cursor lives in the score column whatever cell was clicked."""
        if current.isValid() and self._model.mode != COMPARE and current.column() != ENTRY:
            self.view.setCurrentIndex(self._model.index(current.row(), ENTRY))

    def _edit_with(self, row: int, text: str) -> None:
        """Open the row's cell with ``text`` in it and the cursor at its end."""
        index = self._model.index(row, ENTRY)
        if self._model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            edit_with_text(self.view, index, text)

    # ---- undo ----------------------------------------------------------------------------------------
    def _edited(self, row: int, before: str, after: str) -> None:
        if self._replaying or before == after:
            return
        seat = self._model.seat_at(row)
        en = self._model.lang.startswith("en")
        empty = "empty" if en else "空"
        text = (f"seat {seat}: {before or empty} → {after or empty}" if en
                else f"座位 {seat}：{before or empty} → {after or empty}")
        self.undo_stack.push(ScoreEntryCommand(self, row, before, after, text))

    def replay(self, row: int, text: str) -> None:
        """Enter ``text`` for ``row`` again (undo or redo) and show that seat; a refusal (a locked sheet, a
        change at another desk) is shown like a typed one's."""
        self._replaying = True
        try:
            self.go_to_row(row)
            self._model.setData(self._model.index(row, ENTRY), text)
        finally:
            self._replaying = False

    def _refused(self, row: int, message: str) -> None:
        seat = self._model.seat_at(row)
        self.show_message(f"座位 {seat}：{message}" if not self._model.lang.startswith("en") else f"Seat {seat}: {message}")

    def _accepted(self, _row: int) -> None:
        self.show_message("")
        self._update_progress()

    def _update_progress(self) -> None:
        model = self._model
        total = model.rowCount()
        done = model.entered_count()
        en = model.lang.startswith("en")
        if model.mode == COMPARE:
            mismatches = len(model.mismatched_rows())
            text = (f"{done}/{total} seats entered twice · {mismatches} mismatch(es)" if en
                    else f"两遍均已录入 {done}/{total} · 不一致 {mismatches} 处")
        else:
            text = (f"Recorder {model.recorder}: {done}/{total} entered" if en
                    else f"第{'一' if model.recorder == 1 else '二'}录入人：已录 {done}/{total}")
        if model.sheet.locked:
            text += " · locked" if en else " · 已锁定"
        elif self._read_only and model.mode != COMPARE:
            text += " · view only" if en else " · 只读"
        self.progress.setText(text)
