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

The candidate is text (or a whole number, as an admission number may be written) under the text policy of
stored fields, at most :data:`CANDIDATE_LIMIT` characters; a record that names a key twice (JSON allows it,
the last would silently win) is refused when it was read with :func:`object_pairs` (``duplicate_key``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.values import ABSENT, CellValue, Mark, Marked, ScoreError, checked_note, parse_score


_ABSENT = Mark.ABSENT.value
_DISQUALIFIED = Mark.DISQUALIFIED.value
_FIXED_KEYS = frozenset(("candidate", "level", _ABSENT, _DISQUALIFIED))
#: the longest candidate (admission number or code) a record may name
CANDIDATE_LIMIT = 64


class KeyedTwice(dict):
    """A JSON object that named some key more than once (:func:`object_pairs`); ``twice``: those keys."""

    twice: tuple = ()


def object_pairs(pairs: list) -> dict:
    """``object_pairs_hook`` for :func:`json.loads`: a plain dict, or a :class:`KeyedTwice` when a key repeats
    (the record is then refused instead of keeping the last value)."""
    made = dict(pairs)
    if len(made) == len(pairs):
        return made
    seen: set = set()
    twice = {key for key, _ in pairs if key in seen or seen.add(key)}
    out = KeyedTwice(made)
    out.twice = tuple(sorted(twice))
    return out


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
        candidate = _candidate_text(candidate, errors)
    candidate = candidate.strip()
    if not candidate:
        if not errors:
            errors.append(ScoreError("candidate", "required"))
        candidate = fallback
    elif not candidate.isprintable() or len(candidate) > CANDIDATE_LIMIT:
        from eligibility_desk.domain.text_policy import text_problem

        problem = text_problem(candidate, CANDIDATE_LIMIT)
        if problem is not None:
            errors.append(ScoreError("candidate", problem[0], **problem[1]))
            candidate = fallback
    if type(raw) is KeyedTwice:
        for key in raw.twice:
            errors.append(ScoreError(_visible(key), "duplicate_key", key=_visible(key)))
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
            note = None
            if isinstance(item, dict):
                extra = [k for k in item if k not in ("part", "note")]
                if extra or type(item) is KeyedTwice or (key == _ABSENT and "note" in item):
                    errors.append(ScoreError(field, "unknown_key", key=_visible(extra[0] if extra else "note"),
                                             allowed="part" if key == _ABSENT else "part, note"))
                    continue
                note = item.get("note")
                item = item.get("part")
            if not isinstance(item, str) or item not in rules.parts:
                errors.append(ScoreError(field, "unknown_part", part=_visible(item), allowed=allowed))
                continue
            if key == _DISQUALIFIED:  # typed entry refuses 违纪 without a note (or with a bad one): so does this
                try:
                    note = checked_note(note, field, part=item)
                except ScoreError as exc:
                    errors.append(exc)
                    continue
            if item in marks:
                code = "duplicate" if marks[item].mark.value == key else "absent_and_disqualified"
                errors.append(ScoreError(field, code, value=item, part=item, **_names(rules, item)))
                continue
            marks[item] = ABSENT if key == _ABSENT else Marked(Mark.DISQUALIFIED, note)
    return marks


def _candidate_text(value: Any, errors: list) -> str:
    """A candidate given as something other than text: a whole number is its digits; ``None`` is missing;
    anything else (an object, a list, true, 1.5) is ``not_text``."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
        if number.is_finite() and number == number.to_integral_value() and number >= 0 and len(number.as_tuple().digits) <= CANDIDATE_LIMIT:
            return str(number.quantize(Decimal(1)))
    errors.append(ScoreError("candidate", "not_text", value=_visible(value) if isinstance(value, (dict, list)) else _scalar(value)))
    return ""


def _scalar(value: Any) -> str:
    """A number or other non-text value as text (a list or object by its kind only)."""
    from eligibility_desk.scoring.values import _show

    return _visible(value) if isinstance(value, str) else _show(value)


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
