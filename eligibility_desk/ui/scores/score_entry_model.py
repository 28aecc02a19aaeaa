"""Table model over one :class:`~eligibility_desk.scoring.ScoreSheet`, in seat order.

Modes:

- ``first`` / ``second``: one recorder enters scores; only that recorder's entries are shown (the second
  recorder never sees the first's), and only the entry column is editable;
- ``compare``: both entries side by side, read-only, with mismatched seats highlighted.

An account that may not enter scores (no 录分员 role) gets a read-only model: :meth:`set_read_only` takes the
reason, no cell is editable, and the entry column's tooltip says why (the services refuse anyway).

Typed text goes through :func:`~eligibility_desk.scoring.parse_cell`; refused text leaves the cell as it
was and emits :attr:`ScoreEntryModel.entryRefused` with the message (Chinese or English).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from eligibility_desk.scoring import ScoreError, ScoreSheet, ScoringRules, parse_cell
from eligibility_desk.scoring.values import Marked, format_value

FIRST, SECOND, COMPARE = "first", "second", "compare"
MODES = (FIRST, SECOND, COMPARE)

SEAT, ADMISSION, NAME = 0, 1, 2
ENTRY = 3                         # entry modes: the recorder's column
FIRST_ENTRY, SECOND_ENTRY, STATUS = 3, 4, 5   # compare mode

#: custom roles: the raw cell value (Decimal | Marked | None) and whether the seat is mismatched
ValueRole = Qt.ItemDataRole.UserRole + 1
MismatchRole = Qt.ItemDataRole.UserRole + 2

_MISMATCH_BRUSH = QBrush(QColor("#f8d0cc"))
_MARK_BRUSH = QBrush(QColor("#8a5a00"))

_HEADERS = {
    "zh": {SEAT: "座位号", ADMISSION: "准考证号", NAME: "姓名", "entry": "成绩", "first": "第一遍", "second": "第二遍", "status": "核对"},
    "en": {SEAT: "Seat", ADMISSION: "Admission no.", NAME: "Name", "entry": "Score", "first": "Score 1",
           "second": "Score 2", "status": "Check"},          # short: the grid fits beside its side pane at 1,280 px
}


class ScoreEntryModel(QAbstractTableModel):
    entryRefused = Signal(int, str)    # row, message
    entryAccepted = Signal(int)        # row
    entryEdited = Signal(int, str, str)   # row, the cell's text before and after (Chinese, parse_cell reads it)

    def __init__(self, sheet: ScoreSheet, rules: ScoringRules, mode: str = FIRST, lang: str = "zh", parent=None):
        super().__init__(parent)
        self._sheet = sheet
        self._rules = rules
        self._lang = lang
        self._mode = FIRST
        self._mismatched: set[int] = set()
        #: what was typed when an entry was last refused: the grid's cell reopens with it (RefusedCellReopener)
        self.last_refused_text = ""
        #: why nothing may be entered here ('' = entry allowed): the account lacks the recorder role
        self._read_only = ""
        self.set_mode(mode)

    # ---- state ---------------------------------------------------------------------------------
    @property
    def sheet(self) -> ScoreSheet:
        return self._sheet

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def recorder(self) -> int | None:
        return {FIRST: 1, SECOND: 2}.get(self._mode)

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.beginResetModel()
        self._mode = mode
        self._refresh_mismatches()
        self.endResetModel()

    def _refresh_mismatches(self) -> None:
        self._mismatched = {m.seat for m in self._sheet.mismatches()}

    @property
    def read_only_reason(self) -> str:
        return self._read_only

    def set_read_only(self, reason: str) -> None:
        """Make every cell read-only for ``reason`` (shown as the entry column's tooltip); '' allows entry."""
        self._read_only = reason
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def seat_at(self, row: int) -> int:
        return self._sheet.lines[row].seat

    def entry_column(self) -> int:
        return ENTRY

    # ---- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._sheet.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else (6 if self._mode == COMPARE else 4)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        words = _HEADERS["en" if self._lang.startswith("en") else "zh"]
        if section in (SEAT, ADMISSION, NAME):
            return words[section]
        if self._mode != COMPARE:
            return words["entry"] + (f" {self.recorder}" if self._lang.startswith("en") else f"（{'一' if self.recorder == 1 else '二'}）")
        return {FIRST_ENTRY: words["first"], SECOND_ENTRY: words["second"], STATUS: words["status"]}.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._mode != COMPARE and index.column() == ENTRY and not self._sheet.locked and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self._sheet.lines[index.row()]
        column = index.column()
        mismatched = self._mode == COMPARE and line.seat in self._mismatched
        if role == MismatchRole:
            return mismatched
        if role == Qt.ItemDataRole.BackgroundRole:
            return _MISMATCH_BRUSH if mismatched else None
        value = self._value(line.seat, column)
        if role == ValueRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._read_only if self._read_only and self._mode != COMPARE and column == ENTRY else None
        if role == Qt.ItemDataRole.EditRole and column == ENTRY and self._mode != COMPARE:
            return format_value(value, self._lang)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEAT:
                return str(line.seat)
            if column == ADMISSION:
                return line.candidate
            if column == NAME:
                return line.name
            if self._mode == COMPARE and column == STATUS:
                return self._status(line.seat)
            return format_value(value, self._lang)
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(value, Marked):
            return _MARK_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= ENTRY:
            if self._mode == COMPARE and column == STATUS:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _value(self, seat: int, column: int):
        if self._mode == COMPARE:
            if column == FIRST_ENTRY:
                return self._sheet.entry(1, seat)
            if column == SECOND_ENTRY:
                return self._sheet.entry(2, seat)
            return None
        return self._sheet.entry(self.recorder, seat) if column == ENTRY else None

    def _status(self, seat: int) -> str:
        en = self._lang.startswith("en")
        if seat in self._mismatched:
            return "mismatch" if en else "不一致"
        if self._sheet.entry(1, seat) is None or self._sheet.entry(2, seat) is None:
            return "incomplete" if en else "未录完"
        return "ok" if en else "一致"

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        before = self.entry_text(index.row())
        try:
            cell = parse_cell(str(value) if value is not None else "", self._rules, self._rules.part_label(self._sheet.part, self._lang))
            self._sheet.enter(self.recorder, self.seat_at(index.row()), cell)
        except ScoreError as exc:
            self.last_refused_text = "" if value is None else str(value)
            self.entryRefused.emit(index.row(), exc.message(self._lang))
            return False
        self._refresh_mismatches()
        self._accepted(index, before)
        return True

    def entry_text(self, row: int) -> str:
        """The recorder's entry of ``row`` as text that :func:`parse_cell` reads back to the same value."""
        return format_value(self._sheet.entry(self.recorder, self.seat_at(row)), "zh")

    def _accepted(self, index, before: str) -> None:
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, ValueRole])
        self.entryAccepted.emit(index.row())
        self.entryEdited.emit(index.row(), before, self.entry_text(index.row()))

    def mark_absent(self, row: int) -> bool:
        return self.setData(self.index(row, ENTRY), "缺考")

    def mismatched_rows(self) -> list[int]:
        return [row for row, line in enumerate(self._sheet.lines) if line.seat in self._mismatched]

    def entered_count(self) -> int:
        recorder = self.recorder
        if recorder is None:
            return sum(1 for line in self._sheet.lines
                       if self._sheet.entry(1, line.seat) is not None and self._sheet.entry(2, line.seat) is not None)
        return sum(1 for line in self._sheet.lines if self._sheet.entry(recorder, line.seat) is not None)
