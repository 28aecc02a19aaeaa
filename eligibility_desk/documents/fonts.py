"""Choosing the TrueType font embedded in every printed document, and checking it has every character drawn.

A font qualifies only if its character map covers every character the documents draw: the fixed texts
(:data:`DOCUMENT_CHARS`: ASCII letters, digits and punctuation, and the characters of the labels and
headings — ``tests/documents/test_fonts.py`` checks that every literal of the document modules is in it)
and the batch's own texts (names, schools, rooms, the 考生须知 …).  Droid Sans Fallback, installed with
ghostscript on most Debian/Ubuntu desktops, is the font this is about: Chinese, but no digits or letters.

Where the font comes from (docs/printing.md explains why):

1. a path given by the caller (``--font`` on the command line, 设置 → 打印字体 in the window) —
   ``PATH`` or ``PATH#INDEX`` for one face of a ``.ttc`` collection;
2. else ``$ELIGIBILITY_DESK_FONT``, same form.
   A font given either way that lacks characters is refused (``MISSING_GLYPHS``, the characters named);
3. else the first that covers everything of: WenQuanYi Micro Hei shipped in ``resources/fonts/``
   (Apache-2.0 or GPLv3 with font exception), then the system's fonts (well-known files on Windows and
   macOS, ``fc-list :lang=zh`` on Linux/BSD).  When none covers a character of a name (a rare 生僻字), the
   font covering the fixed texts and the most of the rest is used and each text it cannot draw is a
   ``glyphs_missing`` warning; when none covers the fixed texts, ``MISSING_GLYPHS`` names what is missing.

Only fonts with TrueType outlines (a ``glyf`` table) qualify: reportlab embeds those as subsets, while it
refuses CFF-flavoured OpenType (Noto Sans CJK, Source Han, PingFang).  reportlab's built-in ``STSong-Light``
is never used: it is not embedded, so slips print with whatever the printer substitutes.

:func:`find_cjk_font` returns a :class:`FontLocation` (path + face index) that the Qt UI can hand to
``QFontDatabase.addApplicationFont`` so screen and paper use the same face; :func:`font_for_texts` is what
the documents call before drawing.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from eligibility_desk.shipped import shipped_dir

FONT_ENV = "ELIGIBILITY_DESK_FONT"
#: the name the font is registered under with reportlab
PDF_FONT_NAME = "EligibilityDeskCJK"
BUNDLED_FONT = shipped_dir("resources") / "fonts" / "wqy-microhei.ttc"

#: every character the documents draw besides the batch's own texts: printable ASCII (digits, letters, the
#: punctuation of dates, times, ID and admission numbers, check codes) and the characters of the fixed
#: labels, headings and footers of documents/*.py (kept complete by tests/documents/test_fonts.py)
DOCUMENT_CHARS = frozenset(
    "".join(chr(c) for c in range(0x21, 0x7F))
    + "·–—…’”　、。》」』！（），：；？＿"
    + "一三上业中为二五人以份位作免入六共写冠准分划别到制务动单印卷号合名含员周四场均填处备姓委字守定实审寸工"
      "已布平年并序应座录性成打批技按改数料日时明星最月有期本校核格次没注涂满点照片率生由登百的监目知种科第等签"
      "级纪线组终结统绩续缺考职能补表要计认记论证评试说读贴资身违遵长门间阅院需面页须验专家"
)

#: checked in this order; names of TrueType-outline CJK fonts that ship with the system
_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "Deng.ttf", "simsun.ttc", "simkai.ttf", "msjh.ttc")
_MAC_FONTS = (
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
_LINUX_FONTS = (  # used only where fc-list is missing
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


#: why no font could be used (``FontNotFoundError.code``); the GUI words them (ui/common/font_errors.py)
MISSING, NOT_TRUETYPE, NOT_EMBEDDABLE, NO_CHINESE, NONE_FOUND, MISSING_GLYPHS = (
    "missing", "not_truetype", "not_embeddable", "no_chinese", "none_found", "missing_glyphs")
#: the warning (code, params) of a text the chosen font cannot draw: params ``kind`` (candidate / staff /
#: batch), ``id`` (the candidate's or staff member's id, else the field), ``text``, ``characters``, ``font``
GLYPHS_MISSING = "glyphs_missing"

_ENGLISH = {
    MISSING: "{what} {path} does not exist",
    NOT_TRUETYPE: "{what} {path} (face {index}) has no TrueType outlines (CFF/OpenType fonts such as Noto Sans CJK "
                  "cannot be embedded by reportlab); choose a .ttf/.ttc font",
    NOT_EMBEDDABLE: "cannot embed {path}: {detail}",
    NO_CHINESE: "{path} has no Chinese characters",
    NONE_FOUND: "no CJK TrueType font found on this system and the bundled {path} is missing; "
                "set " + FONT_ENV + " to a .ttf/.ttc file",
    MISSING_GLYPHS: "{what} {path} (face {index}) lacks characters the documents draw: {shown}; "
                    "give --font or " + FONT_ENV + " a font that has them, such as the bundled WenQuanYi Micro Hei",
}
_WHAT = {"configured": "the configured font", "env": f"${FONT_ENV}", "system": "the best system font",
         "bundled": "the bundled font"}


def describe_characters(characters: str, limit: int = 40) -> str:
    """``0123456789ABC…`` → ``0–9 A–Z a–z ( ) ·``: runs of three or more digits, capitals or small letters
    in a row collapsed, space-separated, at most ``limit`` items (then ``…``)."""
    def kind(code: int) -> int:
        ch = chr(code)
        return 0 if "0" <= ch <= "9" else 1 if "A" <= ch <= "Z" else 2 if "a" <= ch <= "z" else 3

    codes = sorted({ord(ch) for ch in characters}, key=lambda c: (kind(c), c))
    items, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1 and kind(codes[j + 1]) == kind(codes[i]):
            j += 1
        items += [f"{chr(codes[i])}–{chr(codes[j])}"] if j - i >= 2 and kind(codes[i]) < 3 else [chr(c) for c in codes[i:j + 1]]
        i = j + 1
    return " ".join(items[:limit]) + (" …" if len(items) > limit else "")


class FontNotFoundError(Exception):
    """No usable CJK TrueType font: ``code`` (MISSING, NOT_TRUETYPE, MISSING_GLYPHS, ...) with ``params`` —
    ``path``, ``index``, ``source`` (configured / env / system / bundled), for NOT_EMBEDDABLE reportlab's
    ``detail``, for MISSING_GLYPHS the ``characters`` the font lacks.  ``str()`` is the English message the
    command line prints; the GUI words the code itself."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        what = _WHAT.get(params.get("source", ""), "the font")
        shown = describe_characters(params.get("characters", ""))
        super().__init__(_ENGLISH[code].format(what=what, shown=shown, **{"index": 0, "detail": "", **params}))

    def __reduce__(self):   # raised in a render process, re-raised in the caller's
        return _font_error, (self.code, self.params)


def _font_error(code: str, params: dict) -> FontNotFoundError:
    return FontNotFoundError(code, **params)


@dataclass(frozen=True)
class FontLocation:
    path: Path
    index: int = 0          # face in a .ttc collection (reportlab's subfontIndex)
    source: str = "bundled"  # configured / env / system / bundled

    @property
    def spec(self) -> str:
        """``PATH#INDEX``, what :func:`parse_font_spec` reads back."""
        return f"{self.path}#{self.index}"


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
    found = _fontconfig_candidates(os.environ.get("FONTCONFIG_FILE"), os.environ.get("FONTCONFIG_PATH"))
    return list(found) if found is not None else [(Path(p), 0) for p in _LINUX_FONTS]


@lru_cache(maxsize=8)
def _fontconfig_candidates(_config_file: str | None, _config_path: str | None) -> tuple | None:
    """The TrueType CJK faces ``fc-list`` knows (once per fontconfig configuration); None without fc-list."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        out = subprocess.run([fc_list, ":lang=zh:outline=true", "--format", "%{file}|%{index}|%{fontformat}\n"],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2] == "TrueType" and parts[1].isdigit():
            found.append((Path(parts[0]), int(parts[1])))
    # regular sans faces first: a stable, predictable pick among those that cover everything
    found.sort(key=lambda c: (c[1], "mono" in c[0].name.lower(), str(c[0])))
    return tuple(found)


def file_stamp(path: Path | str | None) -> tuple[int, int] | None:
    """(mtime in ns, size) of a font file, None when it is not there: a file replaced at the same path, or
    deleted, is noticed by the caches below."""
    try:
        stat = os.stat(path) if path else None
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size) if stat else None


def coverage(path: Path | str, index: int = 0) -> frozenset[int]:
    """The code points face ``index`` of the font maps to glyphs (its cmap); empty when unreadable.  Read once
    per file state (~0.1 s for a CJK font), so checking every text of 10,000 slips costs a set difference."""
    return _coverage(str(path), index, file_stamp(path))


@lru_cache(maxsize=16)
def _coverage(path: str, index: int, _stamp) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        face = TTFontFile(path, subfontIndex=index, validate=0)
    except (TTFError, OSError, struct.error, KeyError, IndexError, ValueError):
        return frozenset()
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


def missing_characters(location: FontLocation, characters: Iterable[str]) -> str:
    """The characters (sorted, once each) the font cannot draw; whitespace and controls need no glyph."""
    covered = coverage(location.path, location.index)
    return "".join(sorted({ch for ch in characters
                           if ord(ch) not in covered and ch.isprintable() and not ch.isspace()}))


def find_cjk_font(configured: str | None = None, characters: frozenset[str] = frozenset()) -> FontLocation:
    """Where the CJK font comes from: see the module's docstring.  ``configured`` is ``PATH`` or ``PATH#INDEX``;
    ``characters`` are the batch's own, needed besides :data:`DOCUMENT_CHARS`.  The answer is cached per
    setting, ``$ELIGIBILITY_DESK_FONT``, the state of the file either names, ``$FONTCONFIG_FILE`` and the
    characters (the system search — fc-list — runs once per fontconfig configuration)."""
    env = os.environ.get(FONT_ENV) or None
    configured = configured or None
    stamps = tuple(file_stamp(parse_font_spec(spec)[0]) if spec else None for spec in (configured, env))
    return _find_cjk_font(configured, env, stamps, os.environ.get("FONTCONFIG_FILE"),
                          file_stamp(BUNDLED_FONT), frozenset(characters))


@lru_cache(maxsize=32)
def _find_cjk_font(configured: str | None, env: str | None, _stamps: tuple, _fontconfig, _bundled,
                   characters: frozenset[str]) -> FontLocation:
    for spec, source in ((configured, "configured"), (env, "env")):
        if spec:
            path, index = parse_font_spec(spec)
            _require_usable(path, index, source)
            location = FontLocation(path, index, source)
            lacking = missing_characters(location, DOCUMENT_CHARS | characters)
            if lacking:
                raise FontNotFoundError(MISSING_GLYPHS, path=str(path), index=index, source=source,
                                        characters=lacking)
            return location
    best: tuple[int, FontLocation] | None = None
    fixed_short: tuple[str, FontLocation] | None = None
    seen = set()
    for path, index, source in _automatic_candidates():
        if (path, index) in seen or not (path.is_file() and has_truetype_outlines(path, index)):
            continue
        seen.add((path, index))
        location = FontLocation(path, index, source)
        lacking_fixed = missing_characters(location, DOCUMENT_CHARS)
        if lacking_fixed:
            if fixed_short is None or len(lacking_fixed) < len(fixed_short[0]):
                fixed_short = (lacking_fixed, location)
            continue
        lacking = len(missing_characters(location, characters))
        if not lacking:
            return location
        if best is None or lacking < best[0]:
            best = (lacking, location)
    if best is not None:       # a rare character no font has: drawn blank, warned about per text
        return best[1]
    if fixed_short is not None:
        lacking, location = fixed_short
        raise FontNotFoundError(MISSING_GLYPHS, path=str(location.path), index=location.index,
                                source=location.source, characters=lacking)
    raise FontNotFoundError(NONE_FOUND, path=str(BUNDLED_FONT), source="bundled")


def _automatic_candidates():
    yield BUNDLED_FONT, 0, "bundled"
    for path, index in _system_candidates():
        yield path, index, "system"


def _cache_clear() -> None:
    _find_cjk_font.cache_clear()
    _fontconfig_candidates.cache_clear()


find_cjk_font.cache_clear = _cache_clear   # tests forget the system search


def _require_usable(path: Path, index: int, source: str) -> None:
    if not path.is_file():
        raise FontNotFoundError(MISSING, path=str(path), index=index, source=source)
    if not has_truetype_outlines(path, index):
        raise FontNotFoundError(NOT_TRUETYPE, path=str(path), index=index, source=source)


@dataclass
class FontChoice:
    """The font a document draws with (``name`` as registered with reportlab) and the texts it cannot draw."""

    name: str
    location: FontLocation
    warnings: list[tuple[str, dict]] = field(default_factory=list)


#: who a text belongs to: ("candidate", id), ("staff", id) or ("batch", field name)
Owner = tuple[str, str]


def font_for_texts(configured: str | None, texts: Iterable[tuple[Owner, str]]) -> FontChoice:
    """Choose and register the font for a document drawing ``texts`` (plus :data:`DOCUMENT_CHARS`); a text
    with a character the chosen font lacks is a ``glyphs_missing`` warning, one per owner and text."""
    texts = list(texts)
    characters = frozenset().union(*(text for _owner, text in texts)) if texts else frozenset()
    location = find_cjk_font(configured, characters)
    name = register_font(location)
    warnings = []
    if missing_characters(location, characters):
        seen = set()
        for (kind, who), text in texts:
            lacking = missing_characters(location, text)
            if lacking and (kind, who, text) not in seen:
                seen.add((kind, who, text))
                warnings.append((GLYPHS_MISSING, {"kind": kind, "id": who, "text": text, "characters": lacking,
                                                  "font": location.path.name}))
    return FontChoice(name, location, warnings)


_registered: dict[tuple, str] = {}


def register_cjk_font(configured: str | None = None) -> str:
    """Register the CJK font found for the fixed texts (see :func:`find_cjk_font`) with reportlab; returns the
    font name to draw with."""
    return register_font(find_cjk_font(configured))


def register_font(location: FontLocation) -> str:
    """Register the face with reportlab once per process and state of its file; returns the font name to draw
    with (a file replaced at the same path is registered anew, so its face is the one embedded)."""
    key = (location.path, location.index, file_stamp(location.path))
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
