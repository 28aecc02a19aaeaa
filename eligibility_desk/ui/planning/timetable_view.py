"""The timetable: a table view of :class:`TimetableModel` whose cells are painted as session blocks.

Click (or move the keyboard focus to) a block and ``sessionChosen`` names its session — the detail panel shows
its seats and staff.  Drop a person dragged from the detail panel on a block: while hovering, the block is
framed green or red and ``verdictChanged`` says what the move would break (asked of the planning checker, not
guessed); the drop goes through the plan table model's ``move_members`` — the list's edit path and undo stack.
With no plan the view says so in its middle.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyleOptionViewItem, QTableView, QToolTip

from eligibility_desk.ui.planning.plan_table_edits import MIME_TYPE
from eligibility_desk.ui.planning.timetable_delegate import TimetableDelegate
from eligibility_desk.ui.planning.timetable_model import SESSION_ID_ROLE


class TimetableView(QTableView):
    sessionChosen = Signal(str)            # the session of the current block ("" for an empty cell)
    verdictChanged = Signal(str, bool)     # while dragging: what the move would do, and whether it breaks nothing

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("timetable")
        self.setProperty("scrollsSideways", True)      # one column per slot: a long batch runs on to the right
        self.delegate = TimetableDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DropOnly)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.Fixed)
            header.setDefaultAlignment(Qt.AlignCenter)
        self.empty_text = self.tr("还没有编排。打开考试批次后按「生成编排」(F9)，场次会按考场和时段排在这里。")
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.modelReset.connect(self.fit)
        model.modelReset.connect(self._reselect)
        self._chosen = ""
        self.fit()

    # --- layout ----------------------------------------------------------------------------------------
    def fit(self, sample_rows: int = 400) -> None:
        """Every column as wide as its widest block (of the first few hundred rooms: a 50,000-candidate plan
        stays instant) or its header, every row as tall as a block."""
        model = self.model()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        hint = self.delegate.sizeHint(option, model.index(-1, -1))
        header = self.horizontalHeader()
        rows = min(model.rowCount(), sample_rows)
        for column in range(model.columnCount()):
            widest = max((self.delegate.sizeHint(option, model.index(row, column)).width()
                          for row in range(rows)), default=hint.width())
            header.resizeSection(column, max(widest, header.sectionSizeHint(column), 150))
        self.verticalHeader().setDefaultSectionSize(hint.height())

    # --- choosing a block ----------------------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:
        self._chosen = current.data(SESSION_ID_ROLE) or ""
        self.sessionChosen.emit(self._chosen)

    def choose(self, session_id: str) -> None:
        """Make the block of ``session_id`` current and scroll to it."""
        index = self.model().index_of(session_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def chosen(self) -> str:
        return self._chosen

    def _reselect(self) -> None:
        if self._chosen:
            self.choose(self._chosen)

    # --- dropping people -----------------------------------------------------------------------------
    @staticmethod
    def _members(event) -> list[dict]:
        data = event.mimeData()
        if not data.hasFormat(MIME_TYPE):
            return []
        try:
            members = json.loads(bytes(data.data(MIME_TYPE)).decode("utf-8"))
        except ValueError:
            return []
        return [m for m in members if isinstance(m, dict)] if isinstance(members, list) else []

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._members(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        members = self._members(event)
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        target = index.data(SESSION_ID_ROLE) if index.isValid() else None
        if not members or not target:
            self._set_hint(None)
            self.verdictChanged.emit("", True)
            event.ignore()
            return
        verdict, words = self.model().verdict(members, target)
        ok = verdict.ok or not verdict.moved                 # over their own block: nothing happens, nothing breaks
        self._set_hint((index.row(), index.column(), ok))
        self.verdictChanged.emit(words, ok)
        QToolTip.showText(self.viewport().mapToGlobal(pos), words, self.viewport())
        event.setDropAction(Qt.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._set_hint(None)
        self.verdictChanged.emit("", True)
        event.accept()

    def dropEvent(self, event) -> None:  # noqa: N802
        members = self._members(event)
        index = self.indexAt(event.position().toPoint())
        target = index.data(SESSION_ID_ROLE) if index.isValid() else None
        self._set_hint(None)
        self.verdictChanged.emit("", True)
        if not members or not target:
            event.ignore()
            return
        self.model().source.move_members(members, target)
        event.setDropAction(Qt.MoveAction)
        event.accept()
        self.choose(target)

    def _set_hint(self, hint) -> None:
        if hint != self.delegate.drop_hint:
            self.delegate.drop_hint = hint
            self.viewport().update()

    # --- the empty state -----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        if self.model() is not None and self.model().rowCount() and self.model().columnCount():
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.setPen(QColor("#606060"))
        rect = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(rect, Qt.AlignCenter | Qt.TextWordWrap, self.empty_text)
