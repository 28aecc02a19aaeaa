"""The text allowed into the database: one policy for every text field, whichever way it arrives (a
spreadsheet or CSV cell, an interchange JSON record, the editor).  Pure functions, no I/O.

* **Normalised** (harmless): spaces, tabs and line breaks at either end are removed (``str.strip``, which also
  takes the full-width space U+3000 and the no-break space).  Nothing else is changed.
* **Refused**, naming the character and its position: control characters (Unicode category Cc: NUL, BEL,
  ESC, tab or line break *inside* the text …), format characters (Cf: the bidi overrides U+202A–U+202E and
  isolates U+2066–U+2069, zero-width U+200B–U+200D, U+2060, U+FEFF …), lone surrogates (Cs) and the line
  and paragraph separators U+2028/U+2029.  Such characters spoof names on screen, break the spreadsheets
  the desk writes, or hide a second meaning.
* **Accepted**: every other character, including spaces inside the text (U+3000 too), private-use and
  not-yet-assigned code points (rare characters in Chinese names are still typed that way).
* **Lengths**: :data:`FIELD_LIMITS` characters per field (after the ends are stripped), from what real
  records need: the longest names of people (minority and foreign names with ``·``) stay under 30
  characters, the longest school and employer names under 60.
"""

from __future__ import annotations

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
}
#: any other text (a field not listed above)
DEFAULT_LIMIT = 200
_REFUSED = {"Cc": "control_character", "Cf": "invisible_character", "Cs": "invisible_character",
            "Zl": "invisible_character", "Zp": "invisible_character"}


def limit_of(field: str) -> int:
    return FIELD_LIMITS.get(field, DEFAULT_LIMIT)


def text_problem(text: str, limit: int) -> tuple[str, dict] | None:
    """``(code, params)`` for text (already stripped) that may not be stored, else ``None``.

    Codes: ``too_long`` (``length``, ``limit``), ``control_character`` / ``invisible_character`` (``char`` as
    ``U+XXXX``, 1-based ``position``)."""
    if len(text) > limit:
        return "too_long", {"length": len(text), "limit": limit}
    if text.isprintable():  # the usual case: no Cc/Cf/Cs/Z* but the ASCII space (C speed)
        return None
    category = unicodedata.category
    for position, char in enumerate(text, start=1):
        code = _REFUSED.get(category(char))
        if code is not None:
            return code, {"char": f"U+{ord(char):04X}", "position": position}
    return None  # only spaces other than U+0020, private-use or unassigned characters: accepted


def visible(value, limit: int = 80) -> str:
    """A value as shown in a message or printed on a terminal: refused characters written as ``<U+202E>``,
    cut to ``limit`` characters with ``…`` (a 32,767-character name is not echoed whole)."""
    text = value if isinstance(value, str) else str(value)
    cut = len(text) > limit
    if cut:
        text = text[:limit]
    if not text.isprintable():
        category = unicodedata.category
        text = "".join(f"<U+{ord(c):04X}>" if category(c) in _REFUSED else c for c in text)
    return text + "…" if cut else text
