"""The text allowed into the database: one policy for every text field, whichever way it arrives (a
spreadsheet or CSV cell, an interchange JSON record, the editor).  Pure functions, no I/O.

* **Normalised** (harmless): spaces, tabs and line breaks at either end are removed (``str.strip``, which also
  takes the full-width space U+3000 and the no-break space).  Nothing else is changed.
* **Refused**, naming the character and its position: control characters (Unicode category Cc: NUL, BEL,
  ESC, tab or line break *inside* the text …), format characters (Cf: the bidi overrides U+202A–U+202E and
  isolates U+2066–U+2069, U+061C, zero-width U+200B–U+200D, U+2060, U+FEFF, the tag characters
  U+E0001–U+E007F …), lone surrogates (Cs) and the line and paragraph separators U+2028/U+2029; the
  printable characters that show nothing (:data:`HIDDEN`: Hangul fillers U+115F, U+1160, U+3164, U+FFA0,
  variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF — except one directly after a CJK ideograph (an
  ideographic variation sequence: the variant glyph of a rare surname, kept as typed) —, the combining grapheme joiner U+034F, the
  Mongolian variation selectors, the Khmer inherent vowels U+17B4/U+17B5, the rest of U+E0000–U+E0FFF);
  noncharacters (U+FDD0–U+FDEF and every U+xxFFFE/U+xxFFFF); and more than :data:`MAX_MARKS` combining
  marks in a row from the combining-diacritics blocks (:data:`MARKS`: stacked accents that paint over the
  neighbouring lines).  Such characters spoof names on screen, break the spreadsheets the desk writes, or
  hide a second meaning.
* **Accepted**: every other character, including spaces inside the text (U+3000 too), private-use and
  not-yet-assigned code points (rare characters in Chinese names are still typed that way), up to four
  combining accents on a letter.
* **Lengths**: :data:`FIELD_LIMITS` characters per field (after the ends are stripped), from what real
  records need: the longest names of people (minority and foreign names with ``·``) stay under 30
  characters, the longest school and employer names under 60.
"""

from __future__ import annotations

import re
import unicodedata

#: the longest text allowed per field (interchange key; the title's ``name`` shares the person's limit)
FIELD_LIMITS = {
    "name": 50,          # 姓名 (and 职称名称)
    "id": 32,            # 考生编号
    "phone": 32,         # 联系电话
    "school": 100,       # 院校名称
    "major": 60,         # 专业
    "occupation": 60,    # 职业（工种）
    "employer": 100,     # 工作单位
    "number": 64,        # 证书编号
    "standard": 32,      # 证书标准代码
    "level": 32,         # a level in words (培训等级, a 1+X certificate's 初级)
}
#: any other text (a field not listed above)
DEFAULT_LIMIT = 200
_REFUSED = {"Cc": "control_character", "Cf": "invisible_character", "Cs": "invisible_character",
            "Zl": "invisible_character", "Zp": "invisible_character"}
#: printable characters (``str.isprintable`` is true) that show nothing: refused as ``invisible_character``
HIDDEN = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0000-\U000e0fff"
#: the combining-diacritics blocks: more than MAX_MARKS of them in a row is refused (``too_many_marks``)
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
MAX_MARKS = 4
_HIDDEN = re.compile(f"[{HIDDEN}]")
_MARK = re.compile(f"[{MARKS}]")
#: any character the checks below look at beyond ``str.isprintable`` (noncharacters are not printable)
_SUSPECT = re.compile(f"[{HIDDEN}{MARKS}]")
#: the same, public: a reader searches decoded text with it (a CSV file in GB18030 or UTF-16), and
#: :data:`SUSPECT_UTF8` for UTF-8 bytes
SUSPECT_CHARS = _SUSPECT
#: the same, and the noncharacters, as their UTF-8 bytes: readers search raw files with it (C speed, before
#: decoding) and check their cells one by one only where it matches (sheets.py, xlsx_scan.py)
SUSPECT_UTF8 = (rb"[\xcc\xcd]|\xe1(?:\x85[\x9f\xa0]|\x9e[\xb4\xb5]|\xa0[\x8b-\x8f]|\xaa[\xb0-\xbf]|\xab|\xb7)"
                rb"|\xe2\x83[\x90-\xbf]|\xe3\x85\xa4|\xef(?:\xb8[\x80-\x8f\xa0-\xaf]|\xbe\xa0|\xb7[\x90-\xaf]|\xbf[\xbe\xbf])"
                rb"|\xf3\xa0|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]")
#: the longest byte sequence SUSPECT_UTF8 matches (a reader searching piece by piece keeps this many bytes)
SUSPECT_UTF8_SPAN = 4
_SUSPECT_UTF8 = re.compile(SUSPECT_UTF8)
#: lead bytes of SUSPECT_UTF8 that Chinese text hardly uses (U+0300–U+037F, U+1000–U+1FFF, plane 14): found
#: with memchr; and the lead bytes it does use (U+2000–U+2FFF punctuation, U+3000–U+303F 、。「」, U+FF00–U+FFEF
#: full-width forms), whose occurrences are few enough to look at one by one
_RARE_LEADS = (b"\xcc", b"\xcd", b"\xe1", b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")
_COMMON_LEADS = (b"\xe2", b"\xe3", b"\xef")
_LOOK_AT = 256


def suspect_utf8(data: bytes) -> bool:
    """Whether UTF-8 ``data`` may hold a character :func:`text_problem` refuses beyond ``str.isprintable``
    (:data:`SUSPECT_UTF8`), at about memchr speed: the rare lead bytes are searched for, the common ones'
    occurrences looked at (the whole regular expression, ~5x slower, only for data with many of them).
    Every 4-byte character counts (a plane-1 noncharacter hides among them; CJK extension B names are rare)."""
    find = data.find
    for lead in _RARE_LEADS:
        if find(lead) >= 0:
            return True
    for lead in _COMMON_LEADS:
        at = find(lead)
        seen = 0
        while at >= 0:
            if _SUSPECT_UTF8.match(data, at):
                return True
            seen += 1
            if seen > _LOOK_AT:
                return _SUSPECT_UTF8.search(data, at) is not None
            at = find(lead, at + 1)
    return False


def noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def suspect(text: str) -> bool:
    """Whether ``text`` holds anything :func:`text_problem` looks at beyond its length (one C-speed test
    for the usual text): a character that is not printable, or one of :data:`HIDDEN` or :data:`MARKS`."""
    return not text.isprintable() or _SUSPECT.search(text) is not None


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits, letters and punctuation folded to ASCII (Unicode NFKC: ``１１０１``,
    ``２０１９－０３－０１``, ``Ｘ``), for the fields where that is harmless — ID numbers, dates, levels —
    and only when there is something to fold.  Names and other text are stored as typed."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def limit_of(field: str) -> int:
    return FIELD_LIMITS.get(field, DEFAULT_LIMIT)


def ideograph(char: str) -> bool:
    """A CJK ideograph (unified, extensions A–H, compatibility): a character a variation selector may follow."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF)


def variation_selector(char: str) -> bool:
    """U+FE00–U+FE0F or U+E0100–U+E01EF (the ideographic variation selectors)."""
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def base_glyphs(text: str) -> str:
    """``text`` without its variation selectors, for drawing: a PDF draws one glyph per character and applies
    no variation sequence, so a name stored with one (葛 + U+E0100) is printed with the base ideograph rather
    than a missing-glyph box after it."""
    return _SELECTORS.sub("", text) if _SELECTORS.search(text) else text


def text_problem(text: str, limit: int) -> tuple[str, dict] | None:
    """``(code, params)`` for text (already stripped) that may not be stored, else ``None``.

    Codes: ``too_long`` (``length``, ``limit``), ``control_character`` / ``invisible_character`` /
    ``not_a_character`` (``char`` as ``U+XXXX``, 1-based ``position``), ``too_many_marks`` (``position`` of
    the first mark too many, ``limit``)."""
    if len(text) > limit:
        return "too_long", {"length": len(text), "limit": limit}
    if text.isprintable() and _SUSPECT.search(text) is None:  # the usual case (C speed)
        return None
    category = unicodedata.category
    marks = 0
    previous = ""
    for position, char in enumerate(text, start=1):
        code = _REFUSED.get(category(char))
        if code is None and (_HIDDEN.match(char) or noncharacter(char)):
            code = "invisible_character" if _HIDDEN.match(char) else "not_a_character"
            # an ideographic variation sequence (a rare surname's variant glyph): a selector directly after a
            # CJK ideograph is part of the name, kept as typed; alone, after anything else or doubled, refused
            if code == "invisible_character" and variation_selector(char) and previous and ideograph(previous):
                code = None
        previous = char
        if code is not None:
            return code, {"char": f"U+{ord(char):04X}", "position": position}
        marks = marks + 1 if _MARK.match(char) else 0
        if marks > MAX_MARKS:
            return "too_many_marks", {"position": position, "limit": MAX_MARKS}
    return None  # only spaces other than U+0020, private-use or unassigned characters: accepted


def visible(value, limit: int = 80) -> str:
    """A value as shown in a message or printed on a terminal: refused characters written as ``<U+202E>``,
    cut to ``limit`` characters with ``…`` (a 32,767-character name is not echoed whole)."""
    text = value if isinstance(value, str) else str(value)
    cut = len(text) > limit
    if cut:
        text = text[:limit]
    if not text.isprintable() or _SUSPECT.search(text) is not None:
        category = unicodedata.category
        text = "".join(f"<U+{ord(c):04X}>" if category(c) in _REFUSED or _HIDDEN.match(c) or noncharacter(c) else c
                       for c in text)
    return text + "…" if cut else text
