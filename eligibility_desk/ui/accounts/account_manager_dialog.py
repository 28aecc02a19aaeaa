"""账户管理 (administrators): every account in a table — roles as checkboxes, state — with 新建账户…,
重置密码…, 停用 / 启用 and 解锁.  Every change goes through the AccountService, which checks the administrator
role again; a refusal is shown on the dialog's message line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from eligibility_desk.ui.accounts.account_table_model import AccountTableModel
from eligibility_desk.ui.accounts.account_texts import error_text

_ERROR, _OK = "color:#c62828", "color:#2e7d32"


class AccountManagerDialog(QDialog):
    def __init__(self, accounts, actor, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.accounts, self.actor, self.lang = accounts, actor, lang
        self.setObjectName("account_manager")
        self.setWindowTitle(self.tr("账户管理"))
        self.model = AccountTableModel(accounts, actor, self, lang)
        self.model.refused.connect(lambda text: self.say(text))
        self.model.changed.connect(lambda name: self.say(self.tr("已保存账户「{name}」的角色。").format(name=name), ok=True))
        self.table = QTableView(self)
        self.table.setObjectName("accounts_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (("add", self.tr("新建账户…"), self.add_account),
                                ("reset", self.tr("重置密码…"), self.reset_password),
                                ("active", self.tr("停用"), self.toggle_active),
                                ("unlock", self.tr("解锁"), self.unlock)):
            button = QPushButton(text, self)
            button.setObjectName(f"accounts_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        note = QLabel(self.tr("勾选即授予角色，立即保存。复核人不能复核或更正自己录入的内容；两遍录入须由两个不同账户完成。"), self)
        note.setWordWrap(True)
        note.setStyleSheet("color:#757575")
        self.message = QLabel(self)
        self.message.setObjectName("accounts_message")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.reload()
        if self.model.rowCount():
            self.table.selectRow(0)
        self.setMinimumSize(880, 460)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(_OK if ok else _ERROR)
        self.message.setText(text)

    def selected(self):
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def select(self, name: str) -> None:
        row = self.model.row_of(name)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        info = self.selected()
        for key in ("reset", "active", "unlock"):
            self.buttons[key].setEnabled(info is not None)
        if info is not None:
            self.buttons["active"].setText(self.tr("停用") if info.active else self.tr("启用"))
            self.buttons["unlock"].setEnabled(info.locked_until is not None or bool(getattr(info, "failed_attempts", 0)))

    def _do(self, name: str, call, done: str) -> bool:
        try:
            call()
        except Exception as exc:  # noqa: BLE001 — refused by the service: shown
            self.say(error_text(exc, self.lang))
            return False
        self.model.reload()
        self.select(name)
        self.say(done, ok=True)
        return True

    def add_account(self):
        from eligibility_desk.ui.accounts.add_account_dialog import AddAccountDialog

        self.add_dialog = AddAccountDialog(self.accounts, self.actor, self, self.lang)
        self.add_dialog.accepted.connect(self._added)
        self.add_dialog.open()
        return self.add_dialog

    def _added(self) -> None:
        created = self.add_dialog.created
        self.model.reload()
        if created is not None:
            self.select(created.name)
            self.say(self.tr("已建立账户「{name}」。").format(name=created.name), ok=True)

    def reset_password(self):
        from eligibility_desk.ui.accounts.change_password_dialog import ChangePasswordDialog

        info = self.selected()
        if info is None:
            return None
        self.password_dialog = ChangePasswordDialog(self.accounts, self.actor, info.name, self, self.lang)
        self.password_dialog.accepted.connect(
            lambda: self.say(self.tr("已为账户「{name}」设置新密码。").format(name=info.name), ok=True))
        self.password_dialog.open()
        return self.password_dialog

    def toggle_active(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        active = not info.active
        done = self.tr("已启用账户「{name}」。") if active else self.tr("已停用账户「{name}」：它不能再登录。")
        return self._do(info.name, lambda: self.accounts.set_active(self.actor, info.name, active),
                        done.format(name=info.name))

    def unlock(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        return self._do(info.name, lambda: self.accounts.unlock(self.actor, info.name),
                        self.tr("已解锁账户「{name}」。").format(name=info.name))
