"""Resident identity card numbers (居民身份证号码), GB 11643-1999: 17 digits and a check character."""

from __future__ import annotations

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_character(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def id_number_problem(value: str, today: date | None = None) -> tuple[str, dict] | None:
    """``None`` for a valid number, else a reason code with parameters.

    Codes: ``id_length`` (not 18 characters), ``id_chars`` (not 17 digits + digit/X),
    ``id_birth_date`` (the embedded birth date does not exist or lies in the future),
    ``id_checksum`` (the last character is not the GB 11643 check character).
    """
    text = value.strip().upper()
    if len(text) != 18:
        return "id_length", {"length": len(text)}
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        return "id_chars", {}
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
