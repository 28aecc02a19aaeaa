"""Score records in the interchange shape of the ``results`` command::

    {"candidate": "C001", "level": "2", "theory": 75, "skill": 59.5, "review": null,
     "absent": ["review"], "disqualified": [{"part": "skill", "note": "携带手机"}]}

:func:`parse_score_record` validates one record and returns every problem found, each naming the field.
A disqualification is ``{"part", "note"}`` with a note, as typed entry requires (``违纪 <note>``); a bare part
name is refused (``note_required``).  A key that is neither ``candidate``, ``level``, ``absent``,
``disqualified`` nor one of the rule file's parts (``Theory``, ``skil``) is refused with its name
(``unknown_key``): ignored, it would turn a typo into "incomplete".  Scores are best read from JSON as
decimals (``json.loads(..., parse_float=Decimal)``, as the ``results`` command does), so that
``59.99999999999999999`` is refused for its decimals instead of becoming the float 60.0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.values import ABSENT, CellValue, Mark, Marked, ScoreError, parse_score


_ABSENT = Mark.ABSENT.value
_DISQUALIFIED = Mark.DISQUALIFIED.value
_FIXED_KEYS = frozenset(("candidate", "level", _ABSENT, _DISQUALIFIED))


class InvalidScoreRecord(ValueError):
    def __init__(self, candidate: str, errors: list[ScoreError]):
        self.candidate = candidate
        self.errors = errors
        super().__init__("; ".join(e.describe() for e in errors))

    def describe(self, lang: str = "zh") -> list[str]:
        return [f"{_visible(self.candidate)} {e.describe(lang)}" for e in self.errors]


class ScoreRecord(NamedTuple):
    candidate: str
    level: str
    values: dict[str, CellValue]


_new = tuple.__new__   # builds the NamedTuple without its Python-level __new__


def parse_score_record(raw: Any, rules: ScoringRules, position: int = 0) -> ScoreRecord:
    fallback = f"#{position + 1}"
    if not isinstance(raw, dict):
        raise InvalidScoreRecord(fallback, [ScoreError(f"scores[{position}]", "not_object")])
    errors: list[ScoreError] = []
    candidate = raw.get("candidate")
    if type(candidate) is not str:
        candidate = "" if candidate is None else _scalar(candidate)
    candidate = candidate.strip()
    if not candidate:
        errors.append(ScoreError("candidate", "required"))
        candidate = fallback
    level = raw.get("level", "")
    level = (level if type(level) is str else _scalar(level)).strip()
    if level not in rules.parts_by_level:
        code = "required" if not level else "unknown_level"
        errors.append(ScoreError("level", code, level=level, allowed=", ".join(rules.parts_by_level)))
        raise InvalidScoreRecord(candidate, errors)
    for key in raw:
        if key not in _FIXED_KEYS and key not in rules.parts:
            errors.append(ScoreError(_visible(key), "unknown_key", key=_visible(key),
                                     allowed=", ".join([*sorted(_FIXED_KEYS), *rules.parts])))
    required = rules.required_parts(level)
    values: dict[str, CellValue] = {}
    for part in required:
        value = raw.get(part)
        if value is None:
            continue
        try:
            values[part] = parse_score(value, rules, part)
        except ScoreError as exc:
            errors.append(exc)
    for part in rules.parts:
        if part not in required and raw.get(part) is not None:
            errors.append(ScoreError(part, "part_not_required", level=level, part=part, **_names(rules, part)))
    if not raw.get(_ABSENT) and not raw.get(_DISQUALIFIED):
        if errors:
            raise InvalidScoreRecord(candidate, errors)
        return _new(ScoreRecord, (candidate, level, values))
    marks = _marks(raw, rules, errors)
    for part, mark in marks.items():
        if part not in required:
            errors.append(ScoreError(mark.mark.value, "part_not_required", level=level, part=part, **_names(rules, part)))
        elif part in values:
            errors.append(ScoreError(part, "score_and_mark", part=part, mark=mark.mark.value, **_names(rules, part)))
        else:
            values[part] = mark
    if errors:
        raise InvalidScoreRecord(candidate, errors)
    return _new(ScoreRecord, (candidate, level, values))


def _marks(raw: dict, rules: ScoringRules, errors: list[ScoreError]) -> dict[str, Marked]:
    marks: dict[str, Marked] = {}
    allowed = ", ".join(rules.parts)
    for key in (_ABSENT, _DISQUALIFIED):
        items = raw.get(key) or []
        if not isinstance(items, list):
            errors.append(ScoreError(key, "not_list"))
            continue
        for index, item in enumerate(items):
            field = f"{key}[{index}]"
            note = ""
            if isinstance(item, dict):
                note = item.get("note")
                note = note.strip() if isinstance(note, str) else ""
                item = item.get("part")
            if not isinstance(item, str) or item not in rules.parts:
                errors.append(ScoreError(field, "unknown_part", part=_visible(item), allowed=allowed))
                continue
            if key == _DISQUALIFIED and not note:  # typed entry refuses 违纪 without a note: so does this
                errors.append(ScoreError(field, "note_required", part=item))
                continue
            if item in marks:
                code = "duplicate" if marks[item].mark.value == key else "absent_and_disqualified"
                errors.append(ScoreError(field, code, value=item, part=item, **_names(rules, item)))
                continue
            marks[item] = ABSENT if key == _ABSENT else Marked(Mark.DISQUALIFIED, note)
    return marks


def _scalar(value: Any) -> str:
    """A number or other non-text value as text (a list or object by its kind only)."""
    return str(value) if isinstance(value, (int, float, Decimal)) else _visible(value)


def _visible(value: Any) -> str:
    """A key or value from the file as a message shows it (no structure's repr, no control characters)."""
    from eligibility_desk.domain.text_policy import visible

    if isinstance(value, (dict, list)):
        return type(value).__name__
    return visible(value if isinstance(value, str) else repr(value))


def _names(rules: ScoringRules, part: str) -> dict:
    return {"part_name": rules.part_label(part, "zh"), "part_name_en": rules.part_label(part, "en")}


def parse_score_records(raws: list, rules: ScoringRules) -> tuple[list[ScoreRecord], list[InvalidScoreRecord]]:
    """Every record parsed; the invalid ones (and repeated candidates) come back as errors, in order."""
    from eligibility_desk.scoring.results import paused_gc

    records: list[ScoreRecord] = []
    problems: list[InvalidScoreRecord] = []
    seen: set[str] = set()
    with paused_gc():
        for position, raw in enumerate(raws):
            try:
                record = parse_score_record(raw, rules, position)
            except InvalidScoreRecord as exc:
                problems.append(exc)
                continue
            if record.candidate in seen:
                problems.append(InvalidScoreRecord(record.candidate, [ScoreError("candidate", "duplicate", value=record.candidate)]))
                continue
            seen.add(record.candidate)
            records.append(record)
    return records, problems
