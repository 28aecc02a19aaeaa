"""新建账户 (administrators): account name, display name, its roles as checkboxes, a first password typed twice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from eligibility_desk.domain.roles import Role, role_label
from eligibility_desk.ui.accounts.account_texts import ROLES, error_text
from eligibility_desk.ui.accounts.password_fields import PasswordFields


class AddAccountDialog(QDialog):
    def __init__(self, accounts, actor, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.accounts, self.actor, self.lang = accounts, actor, lang
        self.created = None
        self.setObjectName("add_account_dialog")
        self.setWindowTitle(self.tr("新建账户"))
        self.name = QLineEdit(self)
        self.name.setObjectName("new_account_name")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("new_display_name")
        self.role_boxes: dict[Role, QCheckBox] = {}
        roles = QGridLayout()
        for i, role in enumerate(ROLES):
            box = QCheckBox(role_label(role, lang), self)
            box.setObjectName(f"role_{role.value}")
            self.role_boxes[role] = box
            roles.addWidget(box, i // 3, i % 3)
        self.error = QLabel(self)
        self.error.setObjectName("add_account_error")
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("建立账户"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("账户名"), self.name)
        form.addRow(self.tr("显示名"), self.display_name)
        form.addRow(self.tr("角色"), roles)
        self.passwords = PasswordFields(self, form, self.tr("初始密码"), self.tr("再次输入"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def chosen_roles(self) -> frozenset:
        return frozenset(role for role, box in self.role_boxes.items() if box.isChecked())

    def create(self) -> bool:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("请输入账户名。"))
            self.name.setFocus(Qt.OtherFocusReason)
            return False
        if not self.chosen_roles():
            self.error.setText(self.tr("请至少勾选一个角色。"))
            return False
        problem = self.passwords.problem()
        if problem:
            self.error.setText(problem)
            return False
        try:
            self.created = self.accounts.add_account(self.actor, name, self.display_name.text().strip() or name,
                                                     self.chosen_roles(), self.passwords.text())
        except Exception as exc:  # noqa: BLE001 — a taken name, a weak password, no right: shown
            self.error.setText(error_text(exc, self.lang))
            return False
        self.accept()
        return True
