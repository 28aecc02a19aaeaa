"""A password typed twice with a strength hint under it (the first run, adding an account, a new password):
three rows added to the dialog's own form, so their labels line up with the dialog's other fields."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from eligibility_desk.ui.accounts.account_texts import strength_hint

_HINT_COLOURS = ("#c62828", "#8a5a00", "#2e7d32")


class PasswordFields(QObject):
    def __init__(self, parent: QWidget, form: QFormLayout, first_label: str = "", second_label: str = ""):
        """The fields are children of ``parent`` and rows of ``form``."""
        super().__init__(parent)
        self.password = QLineEdit(parent)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.again = QLineEdit(parent)
        self.again.setObjectName("password_again")
        self.again.setEchoMode(QLineEdit.Password)
        self.hint = QLabel(parent)
        self.hint.setObjectName("password_hint")
        self.hint.setWordWrap(True)
        self.password.textChanged.connect(self._hint)
        form.addRow(first_label or self.tr("密码"), self.password)
        form.addRow(second_label or self.tr("再次输入密码"), self.again)
        form.addRow("", self.hint)
        self._hint("")

    def _hint(self, text: str) -> None:
        if not text:
            from eligibility_desk.services.accounts import MIN_PASSWORD_LENGTH

            self.hint.setText(self.tr("至少 {n} 个字符；混用字母、数字和符号更安全。").format(n=MIN_PASSWORD_LENGTH))
            self.hint.setStyleSheet("color:#757575")
            return
        level, words = strength_hint(text)
        self.hint.setText(self.tr("强度：{words}").format(words=words))
        self.hint.setStyleSheet(f"color:{_HINT_COLOURS[level]}")

    def problem(self) -> str:
        """Why the two fields cannot be used ('' when they can): empty, or typed differently."""
        if not self.password.text():
            return self.tr("请输入密码。")
        if self.password.text() != self.again.text():
            return self.tr("两次输入的密码不一致。")
        return ""

    def text(self) -> str:
        return self.password.text()

    def clear(self) -> None:
        self.password.clear()
        self.again.clear()
