"""Settings: the interface language (applied at the next start, or at once by 立即重新启动) and the font
printed documents embed (打印 and the 成绩 PDF; :class:`PdfFontChooser`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QWidget

from eligibility_desk.ui.common import desk_settings
from eligibility_desk.ui.common.language import LANGUAGES
from eligibility_desk.ui.common.pdf_font_chooser import PdfFontChooser


class SettingsDialog(QDialog):
    restart_requested = Signal()     # the settings are saved; the user wants the app restarted to apply them

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("设置"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(desk_settings.language(settings)), 0))
        self.language.currentIndexChanged.connect(lambda _i: self._language_chosen())
        self.note = QLabel(self.tr("界面语言在下次启动时生效。"), self)
        self.pdf_font = PdfFontChooser(self)
        self.pdf_font.set_spec(desk_settings.pdf_font(settings) or "")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.restart_button = QPushButton(self.tr("立即重新启动"), self)
        self.restart_button.setObjectName("restart")
        self.restart_button.setToolTip(self.tr("保存设置和窗口状态，关闭后立即以新设置重新打开（同一批次、同一工作区）"))
        buttons.addButton(self.restart_button, QDialogButtonBox.ActionRole)
        self.restart_button.clicked.connect(self.apply_and_restart)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("界面语言 / Language"), self.language)
        form.addRow(self.note)
        form.addRow(self.tr("打印字体"), self.pdf_font)
        form.addRow(buttons)
        self._language_chosen()

    def language_changed(self) -> bool:
        return self.language.currentData() != desk_settings.language(self.settings)

    def _language_chosen(self) -> None:
        """立即重新启动 is offered only when there is something a restart would change."""
        self.restart_button.setVisible(self.language_changed())
        self.note.setText(self.tr("界面语言在下次启动时生效，或按「立即重新启动」。") if self.language_changed()
                          else self.tr("界面语言在下次启动时生效。"))

    def apply(self) -> bool:
        """Store the settings and close; a font file the documents could not embed is refused (nothing stored,
        the dialog stays open with the reason under the font)."""
        if self.pdf_font.problem():
            return False
        self.settings.setValue(desk_settings.KEY_LANGUAGE, self.language.currentData())
        self.settings.setValue(desk_settings.KEY_PDF_FONT, self.pdf_font.spec())
        self.settings.sync()
        self.accept()
        return True

    def apply_and_restart(self) -> None:
        if self.apply():
            self.restart_requested.emit()
