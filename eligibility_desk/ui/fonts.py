"""A CJK font for the interface, registered with Qt when the system offers none.

Qt renders Chinese as boxes when fontconfig knows no CJK font (bare containers, Xvfb).  At start we ask
:class:`QFontDatabase` whether any family supports Simplified Chinese; if none does we register the
bundled WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``, shipped for the PDFs as well) or, failing
that, a copy found in the usual system folders, and make it the application font.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_FILES = ("wqy-microhei.ttc", "wqy-zenhei.ttc", "NotoSansCJK-Regular.ttc", "NotoSansSC-Regular.otf",
              "DroidSansFallbackFull.ttf")
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
                    Path.home() / ".local/share/fonts")


def bundled_font_dirs() -> list[Path]:
    root = Path(__file__).resolve().parents[2]
    return [root / "resources" / "fonts", Path(__file__).resolve().parents[1] / "resources" / "fonts"]


def find_cjk_font_file() -> Path | None:
    """The bundled CJK font if present, else the first known one in the system font folders."""
    try:  # the printing package owns the bundled font (and its search) once it is there
        from eligibility_desk.documents import fonts as print_fonts  # type: ignore[attr-defined]
    except ImportError:
        print_fonts = None
    if print_fonts is not None:
        if print_fonts.BUNDLED_FONT.is_file():
            return print_fonts.BUNDLED_FONT
        try:
            return Path(print_fonts.find_cjk_font().path)
        except Exception:  # noqa: BLE001 — FontNotFoundError: fall back to our own look-up below
            pass
    for folder in bundled_font_dirs():
        for name in FONT_FILES:
            if (folder / name).is_file():
                return folder / name
    for folder in SYSTEM_FONT_DIRS:
        if not folder.is_dir():
            continue
        for name in FONT_FILES:
            for path in folder.rglob(name):
                return path
    return None


def system_has_cjk_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.SimplifiedChinese))


def ensure_cjk_font(app: QApplication, force_bundled: bool = False) -> str | None:
    """Register a CJK font when the system has none; returns the family now used for Chinese, if known."""
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
