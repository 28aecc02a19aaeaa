"""What stands in a score cell: a score on the scale, or a mark — absent (缺考) or disqualified (违纪).

:func:`parse_score` is the one gate every typed, imported or JSON score passes.  Scores are
:class:`~decimal.Decimal`, never binary floats, and are never rounded: ``59.95`` has two decimals and is
refused (it must not become 60); ``60`` and ``60.0`` are the same score.

A score written as text is digits with at most one decimal point and a sign, after NFKC (so full-width
``５９.５`` is 59.5) and with the spaces at its ends removed; anything else — ``59,5``, ``1e2``, ``0x3C``,
``1_0``, ``NaN``, Arabic-Indic or other non-ASCII digits, a zero-width space inside — is ``not_a_number``.
(A JSON *number* ``1e2`` is the number 100 and is taken as such.)  A disqualification's note is stored text:
:func:`eligibility_desk.domain.text_policy.text_problem` applies (no control, bidi or zero-width characters,
at most :data:`NOTE_LIMIT` characters), and a note of spaces only is no note.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, NamedTuple, Union

from eligibility_desk.scoring.rules import ScoringRules


class Mark(str, Enum):
    ABSENT = "absent"              # 缺考
    DISQUALIFIED = "disqualified"  # 违纪


class Marked(NamedTuple):
    """A mark instead of a score; a disqualification carries the invigilator's note.

    A NamedTuple rather than a dataclass: statistics hash every value, and a tuple hashes in C.
    """

    mark: Mark
    note: str = ""


ABSENT = Marked(Mark.ABSENT)

#: the longest disqualification note (characters): the invigilator's sentence, not a report
NOTE_LIMIT = 200
#: a score typed as text, once NFKC-normalised and stripped (ASCII digits only: ``re.ASCII``)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z", re.ASCII)

#: a score cell's value: a score, a mark, or ``None`` (nothing entered yet)
CellValue = Union[Decimal, Marked, None]


class ScoreError(ValueError):
    """A refused value: the field it was entered in, a reason code and its parameters."""

    def __init__(self, field: str, code: str, **params: Any):
        self.field = field
        self.code = code
        self.params = params
        super().__init__(f"{field}: {code} {params}")

    def message(self, lang: str = "zh") -> str:
        from eligibility_desk.domain.text_policy import visible
        from eligibility_desk.scoring.wording import reason_text

        # values from the file are shown with control and invisible characters made visible
        return reason_text(self.code, {k: visible(v, 200) if isinstance(v, str) else v for k, v in self.params.items()}, lang)

    def describe(self, lang: str = "zh") -> str:
        return f"{self.field}: {self.message(lang)}"


def parse_score(value: Any, rules: ScoringRules, field: str = "score") -> Decimal:
    """A score on the rule file's scale, or :class:`ScoreError` saying why not.

    Accepts ints, floats (as their shortest repr: JSON ``59.5`` is ``Decimal('59.5')``), Decimals and
    text (full-width digits and surrounding spaces are tolerated).  Refuses booleans, NaN and infinity,
    values outside ``scale.min``–``scale.max`` and values with more than ``scale.decimals`` decimals.
    """
    cache = rules.score_cache
    if type(value) is not bool:
        try:
            hit = cache.get(value)
        except TypeError:   # unhashable, e.g. a list
            hit = None
        if hit is not None:
            return hit
    number = _check(value, rules, field)
    if len(cache) < 50_000:
        cache[value] = number
    return number


def _check(value: Any, rules: ScoringRules, field: str) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool) or value is None:
        raise ScoreError(field, "not_a_number", value=_show(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            raise ScoreError(field, "score_required")
        if len(text) > 64 or not _PLAIN_NUMBER.match(text):
            raise ScoreError(field, "not_a_number", value=value)
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only what Decimal reads
            raise ScoreError(field, "not_a_number", value=value) from None
    else:
        raise ScoreError(field, "not_a_number", value=_show(value))
    if not number.is_finite():
        raise ScoreError(field, "not_a_number", value=_show(value))
    if number < rules.scale_min or number > rules.scale_max:
        raise ScoreError(field, "out_of_range", value=_show(value), min=rules.scale_min, max=rules.scale_max)
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > rules.decimals:
        raise ScoreError(field, "too_many_decimals", value=_show(value), decimals=rules.decimals)
    if number.is_zero():
        number = abs(number)   # "-0" is 0
    return number.quantize(rules.quantum) if rules.decimals else number.quantize(Decimal(1))


#: what a recorder may type for a mark (the first word of a disqualification; the rest is the note)
ABSENT_WORDS = frozenset({"缺考", "缺", "q", "absent"})
DISQUALIFIED_WORDS = frozenset({"违纪", "违", "w", "disqualified"})


def parse_cell(text: str, rules: ScoringRules, field: str = "score") -> CellValue:
    """What a recorder typed into a score cell: a score, ``缺考``/``q``, or ``违纪 <note>``/``w <note>``.

    Empty text clears the cell (``None``).  A disqualification without a note is refused.
    """
    raw = unicodedata.normalize("NFKC", text).strip()
    if not raw:
        return None
    head, _, rest = raw.partition(" ")
    word = head.lower()
    if word in ABSENT_WORDS and not rest.strip():
        return ABSENT
    for prefix in ("违纪", "违"):
        if raw.startswith(prefix) and word not in DISQUALIFIED_WORDS:
            word, rest = prefix, raw[len(prefix):]
            break
    if word in DISQUALIFIED_WORDS:
        return disqualified(rest, field)
    return parse_score(raw, rules, field)


def disqualified(note: str | None, field: str = "score") -> Marked:
    """违纪 with the invigilator's ``note``: required, and stored text like any other (see the module)."""
    return Marked(Mark.DISQUALIFIED, checked_note(note, field))


def checked_note(note, field: str = "score", **params: Any) -> str:
    """A disqualification note fit to store (ends stripped), or :class:`ScoreError`: ``note_required`` (none,
    or spaces only), ``not_text``, ``control_character`` / ``invisible_character`` (``char``, ``position``),
    ``too_long`` (``length``, ``limit``)."""
    from eligibility_desk.domain.text_policy import text_problem

    if note is None:
        note = ""
    if not isinstance(note, str):
        raise ScoreError(field, "not_text", value=_show(note), **params)
    note = note.strip()
    if not note:
        raise ScoreError(field, "note_required", **params)
    problem = text_problem(note, NOTE_LIMIT)
    if problem is not None:
        raise ScoreError(field, problem[0], **problem[1], **params)
    return note


def format_value(value: CellValue, lang: str = "zh") -> str:
    """A cell value as a recorder would type it back."""
    if value is None:
        return ""
    if isinstance(value, Marked):
        if value.mark is Mark.ABSENT:
            return "absent" if lang.startswith("en") else "缺考"
        word = "disqualified" if lang.startswith("en") else "违纪"
        return f"{word} {value.note}".rstrip()
    return str(value)


def json_number(value: Decimal | None) -> int | float | None:
    """A score for JSON: an int when whole, else the float whose repr is the same decimal."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _show(value: Any) -> str:
    """A value as a message quotes it: text as it is (messages make it visible), numbers as written, JSON's
    words for the rest — never a Python repr (``Decimal('60')``, ``{'v': …}``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, Decimal):
        return str(value) if len(value.as_tuple().digits) <= 40 else f"{str(value)[:40]}…"
    if isinstance(value, (int, float)):
        return _show(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, (list, tuple)):
        return "[…]"
    return type(value).__name__
