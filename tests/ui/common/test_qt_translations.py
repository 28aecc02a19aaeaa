"""Qt's own standard dialogs speak Chinese: Qt's qtbase_zh_CN translations are installed with the app's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QGroupBox, QPushButton

from eligibility_desk.ui.common.language import install_translators


def test_qt_ships_its_chinese_translations():
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    assert (Path(folder) / "qtbase_zh_CN.qm").is_file()


def test_standard_dialogs_show_chinese_once_the_translators_are_installed(qtbot, qapp):
    locale = QLocale()
    translators = install_translators(qapp, "zh_CN")
    try:
        assert any(t.filePath().endswith("qtbase_zh_CN.qm") for t in translators)
        files = QFileDialog(None, "选择文件")
        files.setOption(QFileDialog.DontUseNativeDialog)
        qtbot.addWidget(files)
        files.show()
        box = files.findChild(QDialogButtonBox)
        texts = [button.text() for button in box.buttons()]
        assert "取消" in texts and any(t.startswith("打开") for t in texts), texts
        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer)
        qtbot.addWidget(dialog)
        dialog.show()
        titles = {group.title() for group in dialog.findChildren(QGroupBox)}
        assert {"打印机", "打印范围"} <= titles, titles
        assert any(b.text() == "打印(&P)" for b in dialog.findChildren(QPushButton))
        dialog.reject()
        files.reject()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)     # install_translators sets it; other tests must not inherit it
    english = QFileDialog(None, "x")
    english.setOption(QFileDialog.DontUseNativeDialog)
    qtbot.addWidget(english)
    assert "Cancel" in [b.text() for b in english.findChild(QDialogButtonBox).buttons()]
