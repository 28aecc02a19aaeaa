"""What the desk shows before there is any batch: a way to import applicants or to try the demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyStatePanel(QWidget):
    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(self.tr("还没有考试批次"), self)
        title.setStyleSheet("font-size:20px;font-weight:bold")
        hint = QLabel(self.tr("导入考生名单（Excel、CSV 或交换格式 JSON）建立第一个批次，"
                              "或先打开演示数据看看桌面如何工作。"), self)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignCenter)
        hint.setFixedWidth(460)  # a wrapped label centred in a layout gets no width of its own
        hint.setMinimumHeight(hint.heightForWidth(460))
        self.import_button = QPushButton(self.tr("导入考生名单… (Ctrl+I)"), self)
        self.import_button.setObjectName("empty_import")
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button = QPushButton(self.tr("打开演示数据"), self)
        self.demo_button.setObjectName("empty_demo")
        self.demo_button.clicked.connect(self.demo_requested)
        for button in (self.import_button, self.demo_button):
            button.setMinimumHeight(36)
            button.setMinimumWidth(260)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, hint, self.import_button, self.demo_button):
            layout.addWidget(widget, 0, Qt.AlignHCenter)
        layout.addStretch(3)
