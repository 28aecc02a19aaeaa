"""修改密码: one's own password (the old one first), or — for an administrator — another account's password
reset (no old password).  Refusals from the account service are shown; nothing typed is lost but passwords."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from eligibility_desk.ui.accounts.account_texts import error_text
from eligibility_desk.ui.accounts.password_fields import PasswordFields


class ChangePasswordDialog(QDialog):
    def __init__(self, accounts, actor, name: str | None = None, parent: QWidget | None = None, lang: str = "zh"):
        """``name``: the account whose password changes (None: the actor's own)."""
        super().__init__(parent)
        self.accounts, self.actor, self.lang = accounts, actor, lang
        self.account = name or actor.name
        self.own = self.account == actor.name
        self.setObjectName("change_password_dialog")
        self.setWindowTitle(self.tr("修改密码") if self.own else self.tr("重置密码"))
        head = QLabel(self.tr("账户：{name}").format(name=self.account) if self.own else
                      self.tr("为账户「{name}」设置新密码（无需原密码；请当面告知本人并请其登录后自行修改）。")
                      .format(name=self.account), self)
        head.setWordWrap(True)
        self.old = QLineEdit(self)
        self.old.setObjectName("old_password")
        self.old.setEchoMode(QLineEdit.Password)
        self.error = QLabel(self)
        self.error.setObjectName("password_error")
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("保存新密码"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        form = QFormLayout()
        if self.own:
            form.addRow(self.tr("原密码"), self.old)
        else:
            self.old.hide()
        self.passwords = PasswordFields(self, form, self.tr("新密码"), self.tr("再次输入新密码"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> bool:
        problem = self.passwords.problem()
        if problem:
            self.error.setText(problem)
            self.passwords.password.setFocus(Qt.OtherFocusReason)
            return False
        try:
            self.accounts.change_password(self.actor, self.account, self.old.text() if self.own else None,
                                          self.passwords.text())
        except Exception as exc:  # noqa: BLE001 — a wrong old password, a weak new one, no right: shown
            self.error.setText(error_text(exc, self.lang))
            return False
        self.accept()
        return True
