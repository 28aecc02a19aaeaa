"""One kind of resource (rooms, staff or slots) as an editable table of text cells.

Rows are plain data — ``(code, version, active, cells)`` — never ORM objects.  An edit is parsed with the
workbook's rules (``resource_columns.parse_cells``) and handed to ``save(kind, code, version, item)``, which
stores it through :class:`~eligibility_desk.services.sessions.resources.ResourceService` and returns the stored row;
a refused edit changes nothing and is announced with :attr:`problem` (the column and the reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack

from eligibility_desk.ui.planning.resource_columns import COLUMNS, SLOTS, STAFF

CODE_ROLE = Qt.UserRole + 1
RETIRED_BRUSH = QBrush(QColor("#9e9e9e"))
#: the roles data() serves, as plain ints: the view asks for ~8 roles per cell when it sizes or paints, and
#: comparing Qt enums is slow in Python — other roles return at once
_TEXT_ROLES = frozenset({int(Qt.DisplayRole), int(Qt.EditRole)})
_FOREGROUND, _CODE, _DISPLAY = int(Qt.ForegroundRole), int(CODE_ROLE), int(Qt.DisplayRole)
#: the columns holding times (shown with a space, edited and stored as 2025-10-18T09:00)
TIME_COLUMNS = {SLOTS: ("开始", "结束"), STAFF: ("不可用时间",)}


@dataclass
class ResourceLine:
    code: str
    version: int | None
    active: bool
    cells: list[str]


class ResourceTableModel(QAbstractTableModel):
    problem = Signal(str)      # a refused edit: "编号 A101「容量」：…"
    saved = Signal(str)        # the code of a row stored

    def __init__(self, kind: str, rules, save: Callable[[str, str, int | None, Any], ResourceLine],
                 parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.kind = kind
        self.lang = lang
        self.rules = rules
        self._save = save
        self.lines: list[ResourceLine] = []
        self._titles = {"编号": self.tr("编号"), "名称": self.tr("名称"), "类型": self.tr("类型"), "容量": self.tr("容量"),
                        "设备": self.tr("设备"), "姓名": self.tr("姓名"), "角色": self.tr("角色"), "单位": self.tr("单位"),
                        "不可用时间": self.tr("不可用时间"), "考评员证书": self.tr("考评员证书"),
                        "主监考": self.tr("主监考"), "开始": self.tr("开始"), "结束": self.tr("结束")}
        self._in_use, self._retired = self.tr("在用"), self.tr("停用")
        self.undo_stack = QUndoStack(self)     # the cell edits of this table (新增 / 停用 are not steps)
        self._time_columns = frozenset(COLUMNS[kind].index(name) for name in TIME_COLUMNS.get(kind, ()))

    def set_lines(self, lines: list[ResourceLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def row_of(self, code: str) -> int:
        return next((i for i, line in enumerate(self.lines) if line.code == code), -1)

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS[self.kind]) + (0 if self.kind == SLOTS else 1)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.DisplayRole or orientation != Qt.Horizontal:
            return None
        names = COLUMNS[self.kind]
        return self._titles[names[section]] if section < len(names) else self.tr("状态")

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        role = int(role)
        if not index.isValid():
            return None
        if role in _TEXT_ROLES:
            line = self.lines[index.row()]
            col = index.column()
            if col < len(line.cells):
                if role == _DISPLAY and col in self._time_columns:   # 2025-10-18 09:00 to read, ISO to edit
                    return line.cells[col].replace("T", " ").replace("~", " ~ ")
                return line.cells[col]
            return self._in_use if line.active else self._retired
        if role == _FOREGROUND:
            return None if self.lines[index.row()].active else RETIRED_BRUSH
        if role == _CODE:
            return self.lines[index.row()].code
        return None

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if index.isValid() and 0 < index.column() < len(COLUMNS[self.kind]):
            return base | Qt.ItemIsEditable     # the code names the row in stored plans: not edited here
        return base

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not index.isValid() or not self.flags(index) & Qt.ItemIsEditable:
            return False
        line = self.lines[index.row()]
        cells = list(line.cells)
        cells[index.column()] = "" if value is None else str(value).strip()
        if cells == line.cells:
            return False
        return self.store(index.row(), cells, record=self.tr("修改 {code}「{column}」").format(
            code=line.code, column=self.headerData(index.column(), Qt.Horizontal)))

    def store(self, row: int, cells: list[str], record: str | bool = False) -> bool:
        """Parse and save the cells of ``row``; on a refusal emit :attr:`problem` and keep the row as it was.
        ``record``: the name of an undo step to push for it (撤销 / 重做 of the dialog); False: none."""
        from eligibility_desk.ui.planning.resource_columns import parse_cells, refusal_text
        from eligibility_desk.ui.planning.resource_edit_command import ResourceEditCommand

        line = self.lines[row]
        before = list(line.cells)
        try:
            item = parse_cells(self.kind, cells, self.rules)
            stored = self._save(self.kind, line.code, line.version, item)
        except (ValueError, LookupError, RuntimeError) as exc:   # bad cell, gone, or stale (StaleRecordError)
            self.problem.emit(self.tr("编号 {code}：{reason}").format(code=line.code, reason=refusal_text(exc, self.lang)))
            return False
        self.lines[row] = stored
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        if record:
            self.undo_stack.push(ResourceEditCommand(self, stored.code, before, stored.cells, str(record)))
        self.saved.emit(stored.code)
        return True

    def append(self, line: ResourceLine) -> int:
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(line)
        self.endInsertRows()
        return len(self.lines) - 1

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row]
        self.endRemoveRows()

    def replace(self, row: int, line: ResourceLine) -> None:
        self.lines[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

