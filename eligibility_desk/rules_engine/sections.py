"""Shape checks of a standard's planning and scoring sections (``assessment``, ``staffing``, ``durations``,
``venues``, ``training_hours``, ``weights``), so that a mistake in them is refused when the file is loaded —
with its file, line and field — instead of surfacing later, without a line, when a batch is planned or scored.

Two layers: the keys and value types each section may hold (here, on every load), then — for ``rules check``
(:func:`check_with_readers`) — the planning and scoring packages' own compilers (:mod:`eligibility_desk.planning.rules`, :mod:`eligibility_desk.scoring.rules`: one place for
their policies), whose errors name a dotted field that is turned back into its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from eligibility_desk.rules_engine.errors import AlreadyReported, Mistakes, RuleFileError, RuleFileErrors
from eligibility_desk.rules_engine.yamlread import BadDate, line_of

ROOM_KINDS = frozenset({"classroom", "computer_lab", "worksite"})
_ASSESSMENT_KEYS = ("reference", "parts", "parts_by_level", "part_order", "scale", "pass_mark", "panel_score",
                    "panel_gap_flag", "panel_rounding", "recheck")
_PART_KEYS = ("name", "name_en")
_SCALE_KEYS = ("min", "max", "decimals")
_RECHECK_KEYS = ("request_window_working_days", "answer_working_days")
_ORDER_KEYS = ("after", "min_gap_minutes")
_STAFF_KEYS = ("role", "candidates_per_staff", "min_per_room", "odd")
_DURATION_KEYS = ("min_minutes", "min_minutes_per_candidate", "reading")


class _Checker:
    def __init__(self, path: Path, levels: set[str], mistakes: Mistakes | None = None):
        self.path = path
        self.levels = levels
        #: where an unknown key is recorded (each one; the rest of its mapping is still checked)
        self.mistakes = mistakes

    def fail(self, owner: Any, at: Any, where: str, message: str, code: str = "", **params: Any) -> RuleFileError:
        """The mistake at ``owner[at]`` (``code`` and ``params``: its kind, for the Chinese wording)."""
        return RuleFileError(self.path, where, message, line=line_of(owner, at) or line_of(owner), code=code, params=params)

    def mapping(self, owner: Any, key: Any, where: str, known: tuple[str, ...] | None = None) -> dict:
        body = owner[key]
        if not isinstance(body, dict):
            raise self.fail(owner, key, where, f"must be a mapping, got {_kind(body)}", "not_mapping")
        for name in body if known is not None else ():
            if name not in known:
                error = self.fail(body, name, f"{where}.{name}", f"unknown key '{name}' (known here: {', '.join(known)})",
                                  "unknown_key", key=name, known=", ".join(known))
                if self.mistakes is None:
                    raise error
                self.mistakes.add(error)
        return body

    def number(self, owner: Any, key: Any, where: str, low: float, high: float, whole: bool = False) -> None:
        value = owner[key]
        if isinstance(value, BadDate):
            raise AlreadyReported()
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            what = "a whole number" if whole else "a number"
            raise self.fail(owner, key, where, f"must be {what} {low:g}–{high:g}, got {value!r}",
                            "whole_range" if whole else "number_range", low=f"{low:g}", high=f"{high:g}", value=repr(value))

    def level(self, owner: Any, key: Any, where: str) -> None:
        if str(key) not in self.levels:
            if not self.levels or (self.mistakes is not None and not self.mistakes.codes_known):
                raise AlreadyReported()  # the declared levels themselves are wrong, and reported
            known = ", ".join(sorted(self.levels))
            raise self.fail(owner, key, where, f"level code '{key}' is not declared in standard.levels ({known})",
                            "level_not_declared", level=key, known=known)

    def words(self, owner: Any, key: Any, where: str) -> list:
        value = owner[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(owner, key, where, f"must be a list of words, got {value!r}", "not_words")
        return value


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", type(None): "nothing"}.get(
        type(value) if not isinstance(value, (dict, list)) else (dict if isinstance(value, dict) else list),
        type(value).__name__)


def check_sections(sections: dict, levels: set[str], path: Path, mistakes: Mistakes | None = None) -> None:
    """Refuse a section whose keys or values the planner and the score sheets cannot use: each part of each
    section on its own, every mistake recorded in ``mistakes`` (raised together when it is not given)."""
    own = mistakes is None
    mistakes = Mistakes() if mistakes is None else mistakes
    c = _Checker(path, levels, mistakes)
    parts: set[str] = set()
    if "assessment" in sections:
        with mistakes.each():
            parts = _assessment(c, sections, mistakes)
    for section in ("staffing", "durations", "venues"):
        if section not in sections:
            continue
        with mistakes.each():
            body = c.mapping(sections, section, section)
            for part in body:
                if part == "reference" or (section == "venues" and part in ("equipment", "equipment_names")):
                    continue
                with mistakes.each():
                    _part(c, section, body, part, parts)
            if section == "venues":
                _equipment(c, body, parts, mistakes)
    if "training_hours" in sections:
        with mistakes.each():
            hours = c.mapping(sections, "training_hours", "training_hours")
            for level in hours:
                if level == "reference":
                    continue
                with mistakes.each():
                    c.level(hours, level, f"training_hours.{level}")
                    c.number(hours, level, f"training_hours.{level}", 0, 10_000)
    if "weights" in sections:
        with mistakes.each():
            _weights(c, c.mapping(sections, "weights", "weights"), parts, mistakes)
    if own:
        mistakes.raise_any()


def _part(c: _Checker, section: str, body: dict, part: Any, parts: set[str]) -> None:
    """One part's entry of ``staffing``, ``durations`` or ``venues``."""
    if parts and part not in parts:
        raise c.fail(body, part, f"{section}.{part}", f"unknown part (parts: {', '.join(sorted(parts))})", "unknown_part",
                     value=part, known=", ".join(sorted(parts)))
    where = f"{section}.{part}"
    if section == "staffing":
        staff = c.mapping(body, part, where, _STAFF_KEYS)
        for key, low in (("candidates_per_staff", 1), ("min_per_room", 1)):
            if staff.get(key) is not None:
                c.number(staff, key, f"{where}.{key}", low, 1000, whole=True)
        if "odd" in staff and not isinstance(staff["odd"], bool):
            raise c.fail(staff, "odd", f"{where}.odd", "must be true or false", "not_bool")
    elif section == "durations":
        timing = c.mapping(body, part, where, _DURATION_KEYS)
        for key in ("min_minutes", "min_minutes_per_candidate"):
            if timing.get(key) is not None:
                c.number(timing, key, f"{where}.{key}", 0, 1440, whole=True)
        if "reading" in timing and not isinstance(timing["reading"], str):
            raise c.fail(timing, "reading", f"{where}.reading", "must be a word (centre: a centre decision)", "word",
                         value=repr(timing["reading"]))
    else:
        kinds = body[part]
        if not isinstance(kinds, list) or not kinds:
            raise c.fail(body, part, where, f"must be a list of room kinds ({', '.join(sorted(ROOM_KINDS))})", "room_kinds",
                     known=", ".join(sorted(ROOM_KINDS)))
        for kind in kinds:
            if not isinstance(kind, str) or kind not in ROOM_KINDS:
                raise c.fail(body, part, where, f"unknown room kind '{kind}' (known: {', '.join(sorted(ROOM_KINDS))})",
                         "unknown_room_kind", value=kind, known=", ".join(sorted(ROOM_KINDS)))


def _assessment(c: _Checker, sections: dict, mistakes: Mistakes) -> set[str]:
    """The assessment section; its parts (empty when they cannot be told, so that nothing else is then
    refused for naming a part), with each further setting checked on its own."""
    assessment = c.mapping(sections, "assessment", "assessment", _ASSESSMENT_KEYS)
    misspelt = any(key not in _ASSESSMENT_KEYS for key in assessment)  # reported: a missing key may be that one
    for key in ("parts", "parts_by_level", "scale", "pass_mark"):
        if assessment.get(key) is None and not (misspelt and key not in assessment):
            mistakes.add(c.fail(assessment, None, "assessment", f"missing '{key}'", "missing", key=key))
    if assessment.get("parts") is None:
        return set()
    raw_parts = c.mapping(assessment, "parts", "assessment.parts")
    if not raw_parts:
        raise c.fail(assessment, "parts", "assessment.parts", "names no part", "no_parts")
    for part in raw_parts:
        with mistakes.each():
            names = c.mapping(raw_parts, part, f"assessment.parts.{part}", _PART_KEYS)
            for key in names:
                if key in _PART_KEYS and (not isinstance(names[key], str) or not names[key].strip()):
                    raise c.fail(names, key, f"assessment.parts.{part}.{key}", "must be a name", "name")
    parts = set(raw_parts)
    with mistakes.each():
        _assessment_settings(c, assessment, parts, mistakes)
    return parts


def _assessment_settings(c: _Checker, assessment: dict, parts: set[str], mistakes: Mistakes) -> None:
    if assessment.get("parts_by_level") is not None:
        by_level = c.mapping(assessment, "parts_by_level", "assessment.parts_by_level")
        for level, level_parts in by_level.items():
            with mistakes.each():
                where = f"assessment.parts_by_level.{level}"
                c.level(by_level, level, where)
                if not isinstance(level_parts, list) or not level_parts:
                    raise c.fail(by_level, level, where, "must be a list of parts", "parts_list")
                for part in level_parts:
                    if not isinstance(part, str) or part not in parts:
                        raise c.fail(by_level, level, where, f"unknown part '{part}' (parts: {', '.join(sorted(parts))})",
                                     "unknown_part", value=part, known=", ".join(sorted(parts)))
    low, high = 0, 100
    if assessment.get("scale") is not None:
        with mistakes.each():
            scale = c.mapping(assessment, "scale", "assessment.scale", _SCALE_KEYS)
            for key in ("min", "max"):
                if key in scale:
                    c.number(scale, key, f"assessment.scale.{key}", -1e6, 1e6)
            if "decimals" in scale:
                c.number(scale, "decimals", "assessment.scale.decimals", 0, 4, whole=True)
            low, high = scale.get("min", 0), scale.get("max", 100)
            if not low < high:
                low, high = 0, 100
                raise c.fail(scale, "max", "assessment.scale", f"min {scale.get('min', 0)} must be below max {scale.get('max', 100)}",
                             "scale_order", low=scale.get("min", 0), high=scale.get("max", 100))
    if assessment.get("pass_mark") is not None:
        with mistakes.each():
            c.number(assessment, "pass_mark", "assessment.pass_mark", low, high)
    for key in ("panel_score", "panel_rounding"):
        if key in assessment and not isinstance(assessment[key], str):
            mistakes.add(c.fail(assessment, key, f"assessment.{key}", f"must be a word, got {assessment[key]!r}", "word",
                                value=repr(assessment[key])))
    if "panel_gap_flag" in assessment:
        with mistakes.each():
            c.number(assessment, "panel_gap_flag", "assessment.panel_gap_flag", 0, high - low)
    if "recheck" in assessment:
        with mistakes.each():
            recheck = c.mapping(assessment, "recheck", "assessment.recheck", _RECHECK_KEYS)
            for key in recheck:
                with mistakes.each():
                    c.number(recheck, key, f"assessment.recheck.{key}", 0, 365, whole=True)
    if "part_order" in assessment:
        with mistakes.each():
            order = c.mapping(assessment, "part_order", "assessment.part_order")
            for level in order:
                with mistakes.each():
                    c.level(order, level, f"assessment.part_order.{level}")
                    for part in c.mapping(order, level, f"assessment.part_order.{level}"):
                        with mistakes.each():
                            where = f"assessment.part_order.{level}.{part}"
                            rule = c.mapping(order[level], part, where, _ORDER_KEYS)
                            if "min_gap_minutes" in rule:
                                c.number(rule, "min_gap_minutes", f"{where}.min_gap_minutes", 0, 1440, whole=True)


def _equipment(c: _Checker, venues: dict, parts: set[str], mistakes: Mistakes) -> None:
    if "equipment" in venues:
        with mistakes.each():
            equipment = c.mapping(venues, "equipment", "venues.equipment")
            for part in equipment:
                with mistakes.each():
                    if parts and part not in parts:
                        raise c.fail(equipment, part, f"venues.equipment.{part}", f"unknown part (parts: {', '.join(sorted(parts))})",
                                     "unknown_part", value=part, known=", ".join(sorted(parts)))
                    by_kind = c.mapping(equipment, part, f"venues.equipment.{part}")
                    for kind in by_kind:
                        with mistakes.each():
                            if kind not in ROOM_KINDS:
                                raise c.fail(by_kind, kind, f"venues.equipment.{part}.{kind}", f"unknown room kind '{kind}'",
                                             "unknown_room_kind", value=kind, known=", ".join(sorted(ROOM_KINDS)))
                            c.words(by_kind, kind, f"venues.equipment.{part}.{kind}")
    if "equipment_names" in venues:
        with mistakes.each():
            names = c.mapping(venues, "equipment_names", "venues.equipment_names")
            used = {e for by_kind in (venues.get("equipment") or {}).values() if isinstance(by_kind, dict)
                    for items in by_kind.values() if isinstance(items, list) for e in items}
            for code in names:
                with mistakes.each():
                    c.words(names, code, f"venues.equipment_names.{code}")
                    if code not in used:
                        raise c.fail(names, code, f"venues.equipment_names.{code}",
                                     f"equipment '{code}' is not named in venues.equipment ({', '.join(sorted(map(str, used))) or 'none'})",
                                     "equipment_unused", value=code, known=", ".join(sorted(map(str, used))) or "—")


def _weights(c: _Checker, weights: dict, parts: set[str], mistakes: Mistakes) -> None:
    for table, body in weights.items():
        if table == "reference":
            continue
        with mistakes.each():
            if parts and table not in parts:
                raise c.fail(weights, table, f"weights.{table}", f"unknown part (parts: {', '.join(sorted(parts))})",
                             "unknown_part", value=table, known=", ".join(sorted(parts)))
            c.mapping(weights, table, f"weights.{table}")
            for level, items in body.items():
                if level == "reference":
                    continue
                with mistakes.each():
                    where = f"weights.{table}.{level}"
                    c.level(body, level, where)
                    if not isinstance(items, dict) or not items:
                        raise c.fail(body, level, where, "must map each item to a number", "weights_map")
                    for item in items:
                        c.number(items, item, f"{where}.{item}", 0, 100)
                    total = sum(items.values())
                    if total != 100:
                        raise c.fail(body, level, where, f"weights add up to {total}, not 100", "weights_sum", total=total)


_FIELD = re.compile(r"\b((?:assessment|staffing|durations|venues)(?:\.[^\s:,;()]+)*)")


def _line_of_field(sections: dict, dotted: str) -> int | None:
    """The line of ``a.b.c`` in the sections (the deepest part found)."""
    node: Any = sections
    line = None
    for part in dotted.split("."):
        if not isinstance(node, dict):
            break
        key = part if part in node else next((k for k in node if str(k) == part), None)
        if key is None:
            break
        line = line_of(node, key) or line_of(node[key]) or line  # sections is a plain dict: its bodies know their line
        node = node[key]
    return line


def check_with_readers(sections: dict, levels: set[str], path: Path) -> None:
    """The planner's and the score sheets' own reading of the sections, when the file has what they read
    (``rules check``: importing those packages costs a one-off command such as ``screen`` ~80 ms, so an
    ordinary load leaves this to them)."""
    _compilers(_Checker(path, levels), sections)


def _compilers(c: _Checker, sections: dict) -> None:
    from eligibility_desk.planning.rules import PlanningRules, PlanningRulesError
    from eligibility_desk.scoring.rules import ScoringRuleError, compile_assessment

    found: list[RuleFileError] = []  # each reader's first mistake (the two read on their own)
    if "assessment" in sections:
        try:
            compile_assessment(sections["assessment"])
        except ScoringRuleError as exc:
            where = f"assessment.{exc.setting}" if exc.setting else "assessment"
            found.append(_reader_mistake(c, sections, where, exc.reason, exc.code, exc.params))
    if all(name in sections for name in ("assessment", "staffing", "durations", "venues")):
        spec = SimpleNamespace(code="", name="", level_codes=tuple(sorted(c.levels)), section=sections.get)
        try:
            PlanningRules.from_standard(spec)
        except PlanningRulesError as exc:
            message = str(exc).removeprefix(": ")
            where = exc.field
            if not where:
                named = _FIELD.search(message)  # a reader's refusal without a field: the first one its text names
                where = named.group(1) if named else ""
            message = message.removeprefix(f"{where}: ").removeprefix(f"{where} ") if where else message
            found.append(_reader_mistake(c, sections, where, message, exc.code, exc.params))
    if found:
        raise RuleFileErrors(found)


def _reader_mistake(c: _Checker, sections: dict, where: str, message: str, code: str, params: dict) -> RuleFileError:
    """A mistake the planner's or the score sheets' reader found, at the line of its field (or of the deepest
    part of it the file has): ``code`` and ``params`` for its Chinese wording (a value shown as YAML writes it)."""
    shown = {key: _shown(value) if key == "value" else value for key, value in params.items()}
    line = _line_of_field(sections, where) if where else None
    return RuleFileError(c.path, where, message, line=line or line_of(sections), code=code, params=shown)


def _shown(value: Any) -> str:
    """A value as the file writes it: ``null``, ``true``, ``'text'``, ``[a, b]``, ``2.5``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v).strip("'") for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v).strip(chr(39))}" for k, v in value.items()) + "}"
    return str(value)
