"""A CJK font for the interface, registered with Qt when the system offers none.

Qt renders Chinese as boxes when fontconfig knows no CJK font (bare containers, Xvfb).  At start we ask
:class:`QFontDatabase` whether any family supports Simplified Chinese; if none does we register the
WenQuanYi Micro Hei shipped in ``resources/fonts/`` for the printed documents (or, failing that, the font
the printing package finds on the system: :mod:`eligibility_desk.documents.fonts`) and make it the
application font, so screen and paper use the same face.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication


def find_cjk_font_file() -> Path | None:
    """The bundled CJK font if present, else the one the printing package finds on the system."""
    from eligibility_desk.documents import fonts as print_fonts

    if print_fonts.BUNDLED_FONT.is_file():
        return print_fonts.BUNDLED_FONT
    try:
        return Path(print_fonts.find_cjk_font().path)
    except print_fonts.FontNotFoundError:
        return None


def system_has_cjk_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.SimplifiedChinese))


def ensure_cjk_font(app: QApplication, force_bundled: bool = False) -> str | None:
    """Register a CJK font when the system has none; returns the family now used for Chinese, if one was added."""
    if not force_bundled and system_has_cjk_font():
        return None
    path = find_cjk_font_file()
    if path is None:
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    font = QFont(app.font())
    font.setFamilies([families[0], *app.font().families()])
    app.setFont(font)
    return families[0]
