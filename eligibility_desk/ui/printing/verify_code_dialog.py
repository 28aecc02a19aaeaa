"""验证准考证: check the code under a slip's QR code (``准考证号.校验码``) offline with the centre's keys in the
database (the current one and rotated-out ones still within their date; ``$ELIGIBILITY_DESK_SLIP_SECRET``
overrides), so a slip printed at any desk on the same database verifies here."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class VerifyCodeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, secret: bytes | None = None, desk=None):
        """``secret``: one key to check with (tests); None checks with the database's keys of ``desk``."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("验证准考证"))
        self.secret = secret
        self.desk = desk
        self.code = QLineEdit(self)
        self.code.setObjectName("slip_code")
        self.code.setPlaceholderText(self.tr("扫描二维码或输入二维码下方的号码，如 2509001-4-0001-001.7K3QX9M2PA"))
        self.code.returnPressed.connect(self.verify)
        check = QPushButton(self.tr("验证"), self)
        check.clicked.connect(self.verify)
        self.result = QLabel(self)
        self.result.setObjectName("verify_result")
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("准考证上的校验码由本考点的密钥生成，不联网即可辨别真伪。"), self))
        layout.addWidget(self.code)
        layout.addWidget(check)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.resize(560, 200)

    def verify(self) -> bool:
        from eligibility_desk.documents import SecretError, verify_code

        try:
            if self.secret is not None:
                secret = self.secret
            elif self.desk is None:
                raise SecretError("no database is open")
            else:
                from eligibility_desk.services.printing.keys import checking_keys

                secret = checking_keys(self.desk.db)
        except SecretError as exc:
            from eligibility_desk.services.printing.keys import NoKeyError

            self._say(False, self.tr("无法验证：本数据库还没有考点密钥（尚未打印过准考证）。") if isinstance(exc, NoKeyError)
                      else self.tr("无法验证：{error}").format(error=exc))
            return False
        outcome = verify_code(self.code.text(), secret)
        if outcome.genuine:
            self._say(True, self.tr("真实有效：准考证号 {no}").format(no=outcome.admission_no))
        elif outcome.reason == "malformed":
            self._say(False, self.tr("格式不对：应为「准考证号.10 位校验码」"))
        else:
            self._say(False, self.tr("校验码不符：准考证号 {no} 的准考证可能是伪造的").format(no=outcome.admission_no))
        return outcome.genuine

    def _say(self, good: bool, text: str) -> None:
        self.result.setStyleSheet("color:#2e7d32;font-weight:bold" if good else "color:#c62828;font-weight:bold")
        self.result.setText(text)
