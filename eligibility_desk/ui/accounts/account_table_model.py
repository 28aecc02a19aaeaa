"""The accounts as a table for the account manager: name, display name, one checkbox column per role, state
(启用 / 停用, 锁定至 …).  Ticking a role calls :meth:`AccountService.set_roles` at once; a refusal (the last
administrator, no right) is emitted as ``refused`` and the row re-read, so the table never shows what was not
stored."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal

from eligibility_desk.domain.roles import role_label
from eligibility_desk.ui.accounts.account_texts import ROLES, error_text
from eligibility_desk.ui.common.list_table_model import ListTableModel

COL_NAME, COL_DISPLAY = 0, 1
FIRST_ROLE = 2
COL_STATE = FIRST_ROLE + len(ROLES)
#: custom role: the account name of a row
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class AccountTableModel(ListTableModel):
    refused = Signal(str)       # a change the account service refused, worded
    changed = Signal(str)       # an account's roles were stored (its name)

    def __init__(self, accounts, actor, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.accounts, self.actor, self.lang = accounts, actor, lang
        self.rows: list = []
        self._headers = (self.tr("账户名"), self.tr("显示名"), *(role_label(r, lang) for r in ROLES), self.tr("状态"))

    def reload(self) -> None:
        self.beginResetModel()
        try:
            self.rows = list(self.accounts.list_accounts(self.actor))
        except Exception as exc:  # noqa: BLE001 — no right to list: an empty table and the reason
            self.rows = []
            self.refused.emit(error_text(exc, self.lang))
        self.endResetModel()

    def shown_items(self) -> list:
        return self.rows

    def row_of(self, name: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.name == name), -1)

    def state_text(self, info) -> str:
        if not info.active:
            return self.tr("已停用")
        locked = info.locked_until        # stored in UTC, like every time in the database
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        if locked is not None and locked > now:
            minutes = max(1, -(-int((locked - now).total_seconds()) // 60))
            return self.tr("已锁定（约 {n} 分钟后自动解锁）").format(n=minutes)
        return self.tr("启用")

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if FIRST_ROLE <= index.column() < COL_STATE:
            return base | Qt.ItemIsUserCheckable
        return base

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info, column = self.rows[index.row()], index.column()
        if role == NAME_ROLE:
            return info.name
        if FIRST_ROLE <= column < COL_STATE:
            if role == Qt.CheckStateRole:
                return Qt.Checked if ROLES[column - FIRST_ROLE] in set(info.roles) else Qt.Unchecked
            if role == Qt.ToolTipRole:
                return self.tr("勾选即授予「{role}」角色").format(role=role_label(ROLES[column - FIRST_ROLE], self.lang))
            return None
        if role == Qt.ForegroundRole and column == COL_STATE and self.state_text(info) != self.tr("启用"):
            from PySide6.QtGui import QColor

            return QColor("#c62828")
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if column == COL_NAME:
            return info.name
        if column == COL_DISPLAY:
            return info.display_name
        if column == COL_STATE:
            return self.state_text(info)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.CheckStateRole or not (FIRST_ROLE <= index.column() < COL_STATE):
            return False
        info = self.rows[index.row()]
        wanted = set(info.roles)
        role_ = ROLES[index.column() - FIRST_ROLE]
        if Qt.CheckState(value) == Qt.Checked:
            wanted.add(role_)
        else:
            wanted.discard(role_)
        try:
            self.accounts.set_roles(self.actor, info.name, frozenset(wanted))
        except Exception as exc:  # noqa: BLE001 — refused: shown, the stored roles stay on screen
            self.refused.emit(error_text(exc, self.lang))
            self.reload()
            return False
        self.reload()
        self.changed.emit(info.name)
        return True
