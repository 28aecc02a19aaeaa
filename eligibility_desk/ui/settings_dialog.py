"""Settings: the interface language (applied at the next start, or at once by 立即重新启动), the font
printed documents embed (打印 and the 成绩 PDF; :class:`PdfFontChooser`), this computer's backups (the daily
automatic backup on or off, its folder, days kept, and 立即备份; :class:`BackupSettingsBox`), and — with a
database open — the centre's name and default venue (stored in the database, so every desk on it shares
them) and the batch shown's own venue (stored with the batch; blank follows the centre's)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QPushButton, QWidget)

from eligibility_desk.ui.common import desk_settings
from eligibility_desk.ui.common.backup_settings_box import BackupSettingsBox
from eligibility_desk.ui.common.language import LANGUAGES
from eligibility_desk.ui.common.pdf_font_chooser import PdfFontChooser


class SettingsDialog(QDialog):
    restart_requested = Signal()     # the settings are saved; the user wants the app restarted to apply them

    def __init__(self, settings, parent: QWidget | None = None, desk=None, batch_id: int | None = None,
                 batch_name: str = "", pool=None):
        """``desk``/``batch_id``: the database open and the batch shown (None: those settings are not offered);
        ``pool``: where 立即备份 runs (None: Qt's global thread pool)."""
        super().__init__(parent)
        self.settings = settings
        self.desk, self.batch_id = desk, batch_id
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
        self.backups = BackupSettingsBox(settings, desk, self, pool)
        form.addRow(self.backups)
        self.centre_name = QLineEdit(self)
        self.centre_name.setObjectName("centre_name")
        self.centre_venue = QLineEdit(self)
        self.centre_venue.setObjectName("centre_venue")
        self.batch_venue = QLineEdit(self)
        self.batch_venue.setObjectName("batch_venue")
        self.centre_error = QLabel(self)
        self.centre_error.setStyleSheet("color:#c62828")
        self.centre_error.hide()
        if desk is not None:
            self._add_centre_settings(form, batch_name)
        for field in (self.centre_name, self.centre_venue, self.batch_venue):
            field.setVisible(field.parentWidget() is not self)   # not offered: not a stray box over the form
        form.addRow(buttons)
        self._language_chosen()

    def language_changed(self) -> bool:
        return self.language.currentData() != desk_settings.language(self.settings)

    def _language_chosen(self) -> None:
        """立即重新启动 is offered only when there is something a restart would change."""
        self.restart_button.setVisible(self.language_changed())
        self.note.setText(self.tr("界面语言在下次启动时生效，或按「立即重新启动」。") if self.language_changed()
                          else self.tr("界面语言在下次启动时生效。"))

    def _add_centre_settings(self, form: QFormLayout, batch_name: str) -> None:
        from eligibility_desk.services.printing.centre import batch_place, centre_settings

        centre = QGroupBox(self.tr("考点（保存在数据库中，所有电脑共用）"), self)
        rows = QFormLayout(centre)
        current = centre_settings(self.desk.db)
        self.centre_name.setText(current.name)
        self.centre_name.setPlaceholderText(self.tr("如：某某市职业技能等级认定中心"))
        self.centre_venue.setText(current.venue)
        self.centre_venue.setPlaceholderText(self.tr("如：实训楼（留空则印考点名称）"))
        rows.addRow(self.tr("考点名称"), self.centre_name)
        rows.addRow(self.tr("默认考试地点"), self.centre_venue)
        if self.batch_id is not None:
            self.batch_venue.setText(batch_place(self.desk.db, self.batch_id)[1] or "")
            self.batch_venue.setPlaceholderText(self.tr("留空则用默认考试地点"))
            rows.addRow(self.tr("本批次考试地点（{batch}）").format(batch=batch_name), self.batch_venue)
        rows.addRow(self.centre_error)
        form.addRow(centre)

    def _save_centre_settings(self) -> bool:
        """Store the centre's settings (and the batch's venue); False with the reason shown if refused."""
        from eligibility_desk.services.printing.centre import (CentreSettings, batch_place, save_centre_settings,
                                                               set_batch_place)

        from eligibility_desk.services.accounts import PermissionDenied
        from eligibility_desk.services.printing.centre import centre_settings

        try:
            # only what changed is stored: an account without the 管理员 role may still change its language
            current = centre_settings(self.desk.db)
            if (self.centre_name.text(), self.centre_venue.text()) != (current.name, current.venue):
                save_centre_settings(self.desk.db, self.desk.actor,
                                     CentreSettings(self.centre_name.text(), self.centre_venue.text()))
            if self.batch_id is not None:
                own_name, venue = batch_place(self.desk.db, self.batch_id)
                if self.batch_venue.text() != (venue or ""):
                    set_batch_place(self.desk.db, self.desk.actor, self.batch_id, own_name, self.batch_venue.text())
        except ValueError as exc:
            self.centre_error.setText(self.tr("未保存：{error}").format(error=exc))
            self.centre_error.show()
            return False
        except PermissionDenied as exc:     # the account's roles: said under the fields, nothing stored
            self.centre_error.setText(self.tr("未保存：{error}").format(error=exc))
            self.centre_error.show()
            return False
        return True

    def apply(self) -> bool:
        """Store the settings and close; a font file the documents could not embed or a backup folder that
        cannot be written is refused (nothing stored, the dialog stays open with the reason under it)."""
        if self.pdf_font.problem() or self.backups.problem():
            return False
        if self.desk is not None and not self._save_centre_settings():
            return False
        self.settings.setValue(desk_settings.KEY_LANGUAGE, self.language.currentData())
        self.settings.setValue(desk_settings.KEY_PDF_FONT, self.pdf_font.spec())
        self.backups.save()
        self.settings.sync()
        self.accept()
        return True

    def apply_and_restart(self) -> None:
        if self.apply():
            self.restart_requested.emit()
