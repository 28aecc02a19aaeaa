"""登录 at start (password mode): the account name is remembered between starts (never the password); a
refusal says why in Chinese (AuthenticationFailed: the same words for an unknown name and a wrong password, how
long a locked account waits); Enter logs in, Esc gives up (the window then quits, without a traceback)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from eligibility_desk.ui.accounts.account_texts import error_text

#: QSettings key of the account name last logged in with
KEY_LAST_ACCOUNT = "accounts/last_name"


class LoginDialog(QDialog):
    def __init__(self, accounts, settings, parent: QWidget | None = None, lang: str = "zh", title: str = "",
                 database: str = ""):
        """``accounts``: the AccountService; ``settings``: where the name is remembered (None: nowhere)."""
        super().__init__(parent)
        self.accounts = accounts
        self.settings = settings
        self.lang = lang
        self.actor = None
        self.setObjectName("login_dialog")
        self.setWindowTitle(title or self.tr("登录"))
        self.name = QLineEdit(self)
        self.name.setObjectName("login_name")
        self.password = QLineEdit(self)
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.Password)
        remembered = str(settings.value(KEY_LAST_ACCOUNT, "") or "") if settings is not None else ""
        self.name.setText(remembered)
        self.error = QLabel(self)
        self.error.setObjectName("login_error")
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        where = QLabel(self.tr("数据库：{db}").format(db=database), self) if database else None
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("登录"))
        self.ok_button.setDefault(True)
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.log_in)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("账户名"), self.name)
        form.addRow(self.tr("密码"), self.password)
        layout = QVBoxLayout(self)
        if where is not None:
            where.setStyleSheet("color:#757575")
            where.setWordWrap(True)
            layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.password if remembered else self.name).setFocus(Qt.OtherFocusReason)

    def log_in(self) -> bool:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("请输入账户名。"))
            self.name.setFocus(Qt.OtherFocusReason)
            return False
        try:
            self.actor = self.accounts.authenticate(name, self.password.text())
        except Exception as exc:  # noqa: BLE001 — AuthenticationFailed (or a database refusal) shown, not raised
            self.error.setText(error_text(exc, self.lang))
            self.password.clear()
            self.password.setFocus(Qt.OtherFocusReason)
            return False
        if self.settings is not None:
            self.settings.setValue(KEY_LAST_ACCOUNT, name)
        self.password.clear()
        self.accept()
        return True
