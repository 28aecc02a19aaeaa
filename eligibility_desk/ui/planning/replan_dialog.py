"""重新编排: which rooms are lost; everything else the re-plan takes from the records as they are now (a sick
invigilator retired in 考务资源, a walk-in approved in 审核)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class ReplanDialog(QDialog):
    def __init__(self, rooms: list[tuple[str, str]], parent: QWidget | None = None):
        """``rooms``: (code, name) of the rooms the plan in force uses."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("重新编排"))
        hint = QLabel(self.tr("重新编排只改动受变化影响的部分，并列出每一处变动。\n"
                              "· 考场不能用了：在下面勾选；\n"
                              "· 人员请假：先在「考务资源」里停用此人；\n"
                              "· 补报考生：先在「审核」里通过其报名。"), self)
        hint.setWordWrap(True)
        self.rooms = QListWidget(self)
        self.rooms.setObjectName("lost_rooms")
        for code, name in rooms:
            item = QListWidgetItem(f"{code}  {name}", self.rooms)
            item.setData(Qt.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("重新编排"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(QLabel(self.tr("不能使用的考场："), self))
        layout.addWidget(self.rooms)
        layout.addWidget(buttons)

    def lost_rooms(self) -> list[str]:
        return [self.rooms.item(i).data(Qt.UserRole) for i in range(self.rooms.count())
                if self.rooms.item(i).checkState() == Qt.Checked]
