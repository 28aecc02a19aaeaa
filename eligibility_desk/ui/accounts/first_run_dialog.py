"""The first run on a database without accounts: create the administrator — account name, display name, a
password typed twice with a strength hint — or choose, explicitly, 「本机登录名即账户」 (this computer's login
is the account: a single-desk centre), with a sentence saying what that gives up.  The choice is recorded by
:meth:`AccountService.create_first_admin` and shown afterwards (status bar, 关于, the 账户 menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout,
    QWidget,
)

from eligibility_desk.domain.roles import role_label

from eligibility_desk.ui.accounts.account_texts import ROLES, error_text
from eligibility_desk.ui.accounts.password_fields import PasswordFields


class FirstRunDialog(QDialog):
    def __init__(self, accounts, os_login_name: str, parent: QWidget | None = None, lang: str = "zh"):
        """``accounts``: the AccountService; ``os_login_name``: this computer's login name (offered as the
        account name, and the account itself when 本机登录名即账户 is chosen)."""
        super().__init__(parent)
        self.accounts = accounts
        self.os_login_name = os_login_name
        self.lang = lang
        self.actor = None
        self.setObjectName("first_run_dialog")
        self.setWindowTitle(self.tr("首次使用：建立管理员账户"))
        intro = QLabel(self.tr("这个数据库还没有账户。请先建立管理员账户：管理员可以添加其他账户并为其分配角色"
                               "（审核员、复核人、考务、录分员、查看）。"), self)
        intro.setWordWrap(True)
        self.with_password = QRadioButton(self.tr("账户与密码（推荐；多台电脑或多人使用）"), self)
        self.with_password.setObjectName("mode_password")
        self.with_password.setChecked(True)
        self.os_login = QRadioButton(self.tr("本机登录名即账户（单机中心）"), self)
        self.os_login.setObjectName("mode_os")
        self.name = QLineEdit(os_login_name, self)
        self.name.setObjectName("account_name")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("display_name")
        self.display_name.setPlaceholderText(self.tr("例如：张老师"))
        self.password_box = QWidget(self)
        fields = QFormLayout(self.password_box)
        fields.setContentsMargins(24, 0, 0, 0)
        fields.addRow(self.tr("账户名"), self.name)
        fields.addRow(self.tr("显示名"), self.display_name)
        self.passwords = PasswordFields(self.password_box, fields)
        # a small centre's administrator often also screens, plans or enters scores: ticked here, or later in 账户管理
        self.role_boxes: dict = {}
        roles_row = QHBoxLayout()
        for role in ROLES[1:]:
            box = QCheckBox(role_label(role, lang), self.password_box)
            box.setObjectName(f"first_role_{role.value}")
            self.role_boxes[role] = box
            roles_row.addWidget(box)
        roles_row.addStretch(1)
        fields.addRow(self.tr("同时担任"), roles_row)
        self.os_note = QLabel(self.tr("以本机登录名「{login}」作为管理员账户，启动时不再输入密码。放弃的是：谁能登录"
                                      "这台电脑，谁就以这个账户操作——审计记录分不清坐在电脑前的是谁，两遍录入也无法"
                                      "由两个账户完成。只适合一台电脑、一个人的中心：这个账户拥有全部角色；选定后记录在数据库中。")
                              .format(login=os_login_name), self)
        self.os_note.setObjectName("os_note")
        self.os_note.setWordWrap(True)
        self.os_note.setContentsMargins(24, 0, 0, 0)
        self.error = QLabel(self)
        self.error.setObjectName("first_run_error")
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("建立管理员账户"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.with_password)
        layout.addWidget(self.password_box)
        layout.addWidget(self.os_login)
        layout.addWidget(self.os_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.with_password.toggled.connect(self._mode_changed)
        self._mode_changed()
        self.setMinimumWidth(560)

    def _mode_changed(self) -> None:
        by_password = self.with_password.isChecked()
        self.password_box.setEnabled(by_password)
        self.os_note.setStyleSheet("" if not by_password else "color:#757575")
        self.error.clear()

    def create(self) -> bool:
        """Create the administrator as chosen; a refusal is shown and nothing typed is lost."""
        os_login = self.os_login.isChecked()
        if os_login:      # one person at one desk: every role
            name, display, password = self.os_login_name, self.display_name.text().strip() or self.os_login_name, None
            roles = tuple(ROLES)
        else:
            name, display = self.name.text().strip(), self.display_name.text().strip()
            if not name:
                self.error.setText(self.tr("请输入账户名。"))
                self.name.setFocus(Qt.OtherFocusReason)
                return False
            problem = self.passwords.problem()
            if problem:
                self.error.setText(problem)
                self.passwords.password.setFocus(Qt.OtherFocusReason)
                return False
            display, password = display or name, self.passwords.text()
            roles = tuple(role for role, box in self.role_boxes.items() if box.isChecked())
        try:
            self.actor = self.accounts.create_first_admin(name, display, password, os_login, roles=roles)
        except Exception as exc:  # noqa: BLE001 — the service's refusal (weak password, bad name) is shown
            self.error.setText(error_text(exc, self.lang))
            return False
        self.accept()
        return True
