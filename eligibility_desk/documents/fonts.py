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


#: why no font could be used (``FontNotFoundError.code``); the GUI words them (ui/common/font_errors.py)
MISSING, NOT_TRUETYPE, NOT_EMBEDDABLE, NO_CHINESE, NONE_FOUND = (
    "missing", "not_truetype", "not_embeddable", "no_chinese", "none_found")

_ENGLISH = {
    MISSING: "{what} {path} does not exist",
    NOT_TRUETYPE: "{what} {path} (face {index}) has no TrueType outlines (CFF/OpenType fonts such as Noto Sans CJK "
                  "cannot be embedded by reportlab); choose a .ttf/.ttc font",
    NOT_EMBEDDABLE: "cannot embed {path}: {detail}",
    NO_CHINESE: "{path} has no Chinese characters",
    NONE_FOUND: "no CJK TrueType font found on this system and the bundled {path} is missing; "
                "set " + FONT_ENV + " to a .ttf/.ttc file",
}
_WHAT = {"configured": "the configured font", "env": f"${FONT_ENV}"}


class FontNotFoundError(Exception):
    """No usable CJK TrueType font: ``code`` (MISSING, NOT_TRUETYPE, ...) with ``params`` — ``path``, ``index``,
    ``source`` (configured / env / system / bundled) and for NOT_EMBEDDABLE reportlab's ``detail``.  ``str()``
    is the English message the command line prints; the GUI words the code itself."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        what = _WHAT.get(params.get("source", ""), "the font")
        super().__init__(_ENGLISH[code].format(what=what, **{"index": 0, "detail": "", **params}))

    def __reduce__(self):   # raised in a render process, re-raised in the caller's
        return _font_error, (self.code, self.params)


def _font_error(code: str, params: dict) -> FontNotFoundError:
    return FontNotFoundError(code, **params)


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


def file_stamp(path: Path | str | None) -> tuple[int, int] | None:
    """(mtime in ns, size) of a font file, None when it is not there: a file replaced at the same path, or
    deleted, is noticed by the caches below."""
    try:
        stat = os.stat(path) if path else None
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size) if stat else None


def find_cjk_font(configured: str | None = None) -> FontLocation:
    """Where the CJK font comes from; ``configured`` is ``PATH`` or ``PATH#INDEX``.  The answer is cached per
    setting, ``$ELIGIBILITY_DESK_FONT`` and the state of the file either names (the system search — fc-list —
    runs once per process)."""
    env = os.environ.get(FONT_ENV) or None
    configured = configured or None
    stamps = tuple(file_stamp(parse_font_spec(spec)[0]) if spec else None for spec in (configured, env))
    return _find_cjk_font(configured, env, stamps)


@lru_cache(maxsize=8)
def _find_cjk_font(configured: str | None, env: str | None, _stamps: tuple) -> FontLocation:
    if configured:
        path, index = parse_font_spec(configured)
        _require_usable(path, index, "configured")
        return FontLocation(path, index, "configured")
    if env:
        path, index = parse_font_spec(env)
        _require_usable(path, index, "env")
        return FontLocation(path, index, "env")
    for path, index in _system_candidates():
        if path.is_file() and has_truetype_outlines(path, index):
            return FontLocation(path, index, "system")
    if BUNDLED_FONT.is_file() and has_truetype_outlines(BUNDLED_FONT, 0):
        return FontLocation(BUNDLED_FONT, 0, "bundled")
    raise FontNotFoundError(NONE_FOUND, path=str(BUNDLED_FONT), source="bundled")


find_cjk_font.cache_clear = _find_cjk_font.cache_clear   # tests forget the system search


def _require_usable(path: Path, index: int, source: str) -> None:
    if not path.is_file():
        raise FontNotFoundError(MISSING, path=str(path), index=index, source=source)
    if not has_truetype_outlines(path, index):
        raise FontNotFoundError(NOT_TRUETYPE, path=str(path), index=index, source=source)


_registered: dict[tuple, str] = {}


def register_cjk_font(configured: str | None = None) -> str:
    """Register the CJK font with reportlab once per process and state of its file; returns the font name to
    draw with (a file replaced at the same path is registered anew, so its face is the one embedded)."""
    location = find_cjk_font(configured)
    key = (location, file_stamp(location.path))
    name = _registered.get(key)
    if name:
        return name
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = PDF_FONT_NAME if not _registered else f"{PDF_FONT_NAME}{len(_registered)}"
    where = {"path": str(location.path), "index": location.index, "source": location.source}
    try:
        font = TTFont(name, str(location.path), subfontIndex=location.index)
    except (TTFError, OSError) as exc:   # e.g. deleted between the search and here
        raise FontNotFoundError(NOT_EMBEDDABLE, detail=str(exc), **where) from None
    if ord("准") not in font.face.charToGlyph:
        raise FontNotFoundError(NO_CHINESE, **where)
    pdfmetrics.registerFont(font)
    _registered[key] = name
    return name
