"""Resident identity card numbers (居民身份证号码), GB 11643-1999: 17 digits and a check character."""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")  # ASCII digits only (\d would take other scripts' digits)


def check_character(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def _fast_check_character(first17: str) -> str:
    """:func:`check_character` for 17 ASCII digits, in one C call.  The weights are 2**(18-i) mod 11
    (7, 9, 10 … 2), and 13 ≡ 2 (mod 11), so Σ dᵢ·wᵢ ≡ 2 · (the digits read in base 13) (mod 11)."""
    return _CHECK[2 * int(first17, 13) % 11]


def valid_birth_date(text: str, today: date, known: dict[str, date | None]) -> date | None:
    """The embedded birth date of a valid ID number already stripped and upper-cased, else ``None``
    (:func:`id_number_problem` then says why).  The same rules, quickly, for bulk imports: ``known`` caches
    the birth-date part (YYYYMMDD → date, or ``None`` when not a real date on or before ``today``), since
    many people share a birthday; pass one dict per ``today``."""
    if _SHAPE.fullmatch(text) is None:
        return None
    day = text[6:14]
    born = known.get(day, False)
    if born is False:
        try:
            born = date(int(day[:4]), int(day[4:6]), int(day[6:]))
        except ValueError:
            born = None
        if born is not None and (born > today or born.year < 1900):
            born = None
        known[day] = born
    if born is None or _fast_check_character(text[:17]) != text[17]:
        return None
    return born


def id_number_problem(value: str, today: date | None = None) -> tuple[str, dict] | None:
    """``None`` for a valid number, else a reason code with parameters.

    Codes: ``id_length`` (not 18 characters), ``id_chars`` (not 17 digits + digit/X),
    ``id_birth_date`` (the embedded birth date does not exist or lies in the future),
    ``id_checksum`` (the last character is not the GB 11643 check character).
    """
    text = value.strip().upper()
    if len(text) != 18:
        return "id_length", {"length": len(text)}
    if not text.isascii() or not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        return "id_chars", {}  # ASCII digits only (full-width ones are folded by the readers: text_policy.ascii_digits)
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return "id_birth_date", {"value": text[6:14]}
    if born > (today or date.today()) or born.year < 1900:
        return "id_birth_date", {"value": text[6:14]}
    expected = check_character(text[:17])
    if text[17] != expected:
        return "id_checksum", {"expected": expected, "found": text[17]}
    return None


def birth_date(value: str) -> date:
    text = value.strip()
    return date(int(text[6:10]), int(text[10:12]), int(text[12:14]))


def make_id_number(region: str, born: date, sequence: int) -> str:
    """A valid number for tests and demo data: 6-digit region code, birth date, 3-digit sequence."""
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def sex_of(id_number: str | None) -> str:
    """GB 11643: the 17th character is odd for men ("M"), even for women ("F"); "" when it cannot be read."""
    if not id_number or len(id_number) != 18 or not id_number[16].isdigit():
        return ""
    return "M" if int(id_number[16]) % 2 else "F"
