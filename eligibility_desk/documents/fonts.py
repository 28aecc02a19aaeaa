"""Finding a CJK TrueType font to embed in every printed document.

Search order (first hit wins; docs/printing.md explains why):

1. a path given by the caller (``--font`` on the command line, a setting in the GUI);
2. ``$ELIGIBILITY_DESK_FONT`` — ``PATH`` or ``PATH#INDEX`` for one face of a ``.ttc`` collection;
3. the system's fonts: well-known files on Windows and macOS, ``fc-list :lang=zh`` on Linux/BSD;
4. WenQuanYi Micro Hei shipped in ``resources/fonts/`` (Apache-2.0 or GPLv3 with font exception).

Only fonts with TrueType outlines (a ``glyf`` table) qualify: reportlab embeds those as subsets, while it
refuses CFF-flavoured OpenType (Noto Sans CJK, Source Han, PingFang).  reportlab's built-in ``STSong-Light``
is never used: it is not embedded, so slips print with whatever the printer substitutes.

:func:`find_cjk_font` returns a :class:`FontLocation` (path + face index) that the Qt UI can hand to
``QFontDatabase.addApplicationFont`` so screen and paper use the same face.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eligibility_desk.shipped import shipped_dir

FONT_ENV = "ELIGIBILITY_DESK_FONT"
#: the name the font is registered under with reportlab
PDF_FONT_NAME = "EligibilityDeskCJK"
BUNDLED_FONT = shipped_dir("resources") / "fonts" / "wqy-microhei.ttc"

#: checked in this order; names of TrueType-outline CJK fonts that ship with the system
_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "Deng.ttf", "simsun.ttc", "simkai.ttf", "msjh.ttc")
_MAC_FONTS = (
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
_LINUX_FONTS = (  # used when fc-list is missing
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


class FontNotFoundError(Exception):
    """No usable CJK TrueType font: the message says what was tried."""


@dataclass(frozen=True)
class FontLocation:
    path: Path
    index: int = 0          # face in a .ttc collection (reportlab's subfontIndex)
    source: str = "bundled"  # configured / env / system / bundled


def has_truetype_outlines(path: Path | str, index: int = 0) -> bool:
    """True when face ``index`` of the font file has a ``glyf`` table (not CFF).  Reads only the header."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if not 0 <= index < count:
                    return False
                f.seek(12 + 4 * index)
                offset = struct.unpack(">I", f.read(4))[0]
            elif index != 0:
                return False
            f.seek(offset)
            sfnt = f.read(12)
            if sfnt[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return False
            tables = struct.unpack(">H", sfnt[4:6])[0]
            directory = f.read(16 * tables)
    except (OSError, struct.error):
        return False
    tags = {directory[i:i + 4] for i in range(0, len(directory), 16)}
    return b"glyf" in tags and b"CFF " not in tags


def parse_font_spec(spec: str) -> tuple[Path, int]:
    """``PATH`` or ``PATH#INDEX`` (index of the face in a collection)."""
    path, sep, index = spec.rpartition("#")
    if sep and index.isdigit():
        return Path(path).expanduser(), int(index)
    return Path(spec).expanduser(), 0


def _system_candidates() -> list[tuple[Path, int]]:
    if sys.platform.startswith("win"):
        roots = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            roots.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return [(root / name, 0) for name in _WINDOWS_FONTS for root in roots]
    if sys.platform == "darwin":
        return [(Path(p), 0) for p in _MAC_FONTS]
    return _fontconfig_candidates() + [(Path(p), 0) for p in _LINUX_FONTS]


def _fontconfig_candidates() -> list[tuple[Path, int]]:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run([fc_list, ":lang=zh:outline=true", "--format", "%{file}|%{index}|%{fontformat}\n"],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2] == "TrueType" and parts[1].isdigit():
            found.append((Path(parts[0]), int(parts[1])))
    # regular sans faces first: a stable, predictable pick
    found.sort(key=lambda c: (c[1], "mono" in c[0].name.lower(), str(c[0])))
    return found


@lru_cache(maxsize=8)
def find_cjk_font(configured: str | None = None) -> FontLocation:
    """Where the CJK font comes from; ``configured`` is ``PATH`` or ``PATH#INDEX``."""
    if configured:
        path, index = parse_font_spec(configured)
        _require_usable(path, index, "the configured font")
        return FontLocation(path, index, "configured")
    env = os.environ.get(FONT_ENV)
    if env:
        path, index = parse_font_spec(env)
        _require_usable(path, index, f"${FONT_ENV}")
        return FontLocation(path, index, "env")
    for path, index in _system_candidates():
        if path.is_file() and has_truetype_outlines(path, index):
            return FontLocation(path, index, "system")
    if BUNDLED_FONT.is_file() and has_truetype_outlines(BUNDLED_FONT, 0):
        return FontLocation(BUNDLED_FONT, 0, "bundled")
    raise FontNotFoundError(f"no CJK TrueType font found on this system and the bundled {BUNDLED_FONT} is missing; "
                            f"set {FONT_ENV} to a .ttf/.ttc file")


def _require_usable(path: Path, index: int, what: str) -> None:
    if not path.is_file():
        raise FontNotFoundError(f"{what} {path} does not exist")
    if not has_truetype_outlines(path, index):
        raise FontNotFoundError(f"{what} {path} (face {index}) has no TrueType outlines (CFF/OpenType fonts such as "
                                "Noto Sans CJK cannot be embedded by reportlab); choose a .ttf/.ttc font")


_registered: dict[FontLocation, str] = {}


def register_cjk_font(configured: str | None = None) -> str:
    """Register the CJK font with reportlab once per process; returns the font name to draw with."""
    location = find_cjk_font(configured)
    name = _registered.get(location)
    if name:
        return name
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = PDF_FONT_NAME if not _registered else f"{PDF_FONT_NAME}{len(_registered)}"
    try:
        font = TTFont(name, str(location.path), subfontIndex=location.index)
    except TTFError as exc:
        raise FontNotFoundError(f"cannot embed {location.path}: {exc}") from None
    if ord("准") not in font.face.charToGlyph:
        raise FontNotFoundError(f"{location.path} has no Chinese characters")
    pdfmetrics.registerFont(font)
    _registered[location] = name
    return name
