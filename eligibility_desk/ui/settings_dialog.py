"""Settings: the interface language (applied at the next start)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from eligibility_desk.ui import desk_settings
from eligibility_desk.ui.language import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("设置"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(desk_settings.language(settings)), 0))
        note = QLabel(self.tr("界面语言在下次启动时生效。"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("界面语言 / Language"), self.language)
        form.addRow(note)
        form.addRow(buttons)

    def apply(self) -> None:
        self.settings.setValue(desk_settings.KEY_LANGUAGE, self.language.currentData())
        self.settings.sync()
        self.accept()
