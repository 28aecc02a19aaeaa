"""Interface language: Chinese (the source strings) by default, English from ``ui/i18n/*.qm``.

The choice is stored in QSettings (see :mod:`.desk_settings`) and applied at start.  Qt's own strings
(standard buttons, the file and print dialogs) come from Qt's catalogue ``qtbase_<language>.qm``, which
PySide6-Essentials ships in ``QLibraryInfo.path(QLibraryInfo.TranslationsPath)`` (``qtbase_zh_CN.qm`` too).
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def lang_code(language: str) -> str:
    """The short code the domain's wording functions take: "zh" or "en"."""
    return "en" if language.startswith("en") else "zh"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load the translators for ``language``; returns them (parented to ``app`` so they stay alive)."""
    from eligibility_desk.i18n_build import I18N_DIR, ensure_compiled

    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    if language.startswith("en"):
        qm = I18N_DIR / "eligibility_desk_en.qm"
        if not qm.is_file():
            try:
                ensure_compiled()
            except RuntimeError as exc:  # keep going in Chinese, say why
                print(f"eligibility-desk: {exc}")
        ours = QTranslator(app)
        if qm.is_file() and ours.load(str(qm)):
            app.installTranslator(ours)
            installed.append(ours)
    QLocale.setDefault(QLocale(language))
    return installed
