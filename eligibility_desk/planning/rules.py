"""The planning rules of a standard, compiled from its rule file.

Every number comes from the rule file (``assessment``, ``staffing``, ``durations``, ``venues``): the parts
per level (§1.9.2), the staff ratios and minimums (§1.9.3), the minimum durations (§1.9.4) and the kinds of
room each part may use (§1.9.5).  This module only knows the vocabulary: what a ratio, a minimum, an odd
count and a per-candidate duration mean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

#: roles a staff member can hold; which part needs which role is in the rule file (staffing.*.role)
ROLES = ("invigilator", "examiner", "reviewer")


class PlanningRulesError(ValueError):
    """The rule file's planning sections are missing or malformed.  ``str()`` is the English message;
    ``field`` (dotted, e.g. ``staffing.theory.role``), ``code`` and ``params`` name the place and the kind of
    mistake, which ``rules check`` words in Chinese (:mod:`eligibility_desk.rules_engine.messages`)."""

    def __init__(self, message: str, field: str = "", code: str = "", **params: Any):
        super().__init__(message)
        self.field = field
        self.code = code
        self.params = params


@dataclass(frozen=True)
class PartRule:
    """What one part (theory / skill / review) demands of a session."""

    part: str
    name: str                      # Chinese name, e.g. 理论知识考试
    name_en: str
    role: str                      # the staff role the part needs (§1.9.3)
    candidates_per_staff: int | None
    min_staff: int
    odd_staff: bool
    min_minutes: int               # §1.9.4, for the whole session
    minutes_per_candidate: int     # §1.9.4, for parts timed per candidate (review)
    room_kinds: tuple[str, ...]    # §1.9.5
    equipment: dict[str, tuple[str, ...]] = None   # room kind -> equipment codes the room must have (§1.9.5)
    centre_reading: bool = False   # the duration is the centre's reading of the clause (「中心决定」)

    def missing_equipment(self, room, names: dict[str, tuple[str, ...]]) -> list[str]:
        """The equipment codes ``room`` lacks for this part (empty when it may be used)."""
        needed = (self.equipment or {}).get(room.kind, ())
        have = {e.strip().lower() for e in room.equipment}
        return [code for code in needed if not ({code.lower()} | {n.lower() for n in names.get(code, ())}) & have]

    def room_allowed(self, room, names: dict[str, tuple[str, ...]]) -> bool:
        return room.kind in self.room_kinds and not self.missing_equipment(room, names)

    def staff_needed(self, candidates: int) -> int:
        """Smallest staff count that satisfies the ratio, the minimum and (if asked) oddness."""
        need = self.min_staff
        if self.candidates_per_staff:
            need = max(need, math.ceil(candidates / self.candidates_per_staff))
        if self.odd_staff and need % 2 == 0:
            need += 1
        return need

    def valid_staff_count(self, count: int, candidates: int) -> bool:
        if count < self.min_staff:
            return False
        if self.odd_staff and count % 2 == 0:
            return False
        if self.candidates_per_staff and count * self.candidates_per_staff < candidates:
            return False
        return True

    def max_candidates_for_staff(self, count: int) -> int:
        """How many candidates ``count`` staff may take (0 if the count itself is not allowed)."""
        if count < self.min_staff:
            return 0
        if self.odd_staff and count % 2 == 0:
            count -= 1
            if count < self.min_staff:
                return 0
        if self.candidates_per_staff:
            return count * self.candidates_per_staff
        return 1 << 30

    def min_duration(self, candidates: int) -> int:
        """Minimum length in minutes of a session of ``candidates`` candidates."""
        return max(self.min_minutes, self.minutes_per_candidate * candidates)

    def max_candidates_for_minutes(self, minutes: int) -> int:
        """How many candidates fit a session of ``minutes`` (0 if it is too short for the part at all)."""
        if minutes < self.min_minutes:
            return 0
        if self.minutes_per_candidate:
            return minutes // self.minutes_per_candidate
        return 1 << 30


@dataclass(frozen=True)
class PlanningRules:
    standard: str                              # code, e.g. 4-07-02-06
    name: str
    levels: tuple[str, ...]
    parts: dict[str, PartRule]
    parts_by_level: dict[str, tuple[str, ...]]
    references: dict[str, str]                 # section -> clause text, e.g. staffing -> §1.9.3 ...
    # level -> part -> (parts it must follow, minimum gap in minutes) — assessment.part_order
    order: dict[str, dict[str, tuple[tuple[str, ...], int]]] = None
    equipment_names: dict[str, tuple[str, ...]] = None   # equipment code -> names a room may list instead

    def prerequisites(self, level: str, part: str) -> tuple[tuple[str, ...], int]:
        """The parts ``part`` must follow for a candidate of ``level`` and the minimum gap (minutes)."""
        return (self.order or {}).get(level, {}).get(part, ((), 0))

    @property
    def room_kinds(self) -> tuple[str, ...]:
        """Every kind of room some part may use (the vocabulary of room kinds)."""
        seen: list[str] = []
        for rule in self.parts.values():
            seen.extend(k for k in rule.room_kinds if k not in seen)
        return tuple(seen)

    def part(self, part: str) -> PartRule:
        return self.parts[part]

    def reference(self, section: str) -> str:
        """The clause a rule comes from, e.g. ``§1.9.3``."""
        return self.references.get(section, "").split(" ")[0]

    @classmethod
    def from_standard(cls, standard: Any) -> "PlanningRules":
        """Compile from a :class:`~eligibility_desk.rules_engine.CompiledStandard` (or its ``spec``)."""
        spec = getattr(standard, "spec", standard)
        assessment = _section(spec, "assessment")
        staffing = _section(spec, "staffing")
        durations = _section(spec, "durations")
        venues = _section(spec, "venues")
        parts: dict[str, PartRule] = {}
        for part, names in (assessment.get("parts") or {}).items():
            staff = staffing.get(part)
            timing = durations.get(part)
            kinds = venues.get(part)
            for section, body in (("staffing", staff), ("durations", timing), ("venues", kinds)):
                if (not body) if section == "venues" else not isinstance(body, dict):
                    raise PlanningRulesError(f"{spec.code}: part '{part}' needs staffing.{part}, durations.{part} and venues.{part}",
                                             f"{section}.{part}", "part_needs", part=part, section=section)
            role = staff.get("role")
            if role not in ROLES:
                if role is None:
                    raise PlanningRulesError(f"{spec.code}: staffing.{part}: missing 'role' (one of {', '.join(ROLES)})",
                                             f"staffing.{part}", "missing_role", key="role", known=", ".join(ROLES))
                raise PlanningRulesError(f"{spec.code}: staffing.{part}.role must be one of {', '.join(ROLES)}, not {role!r}",
                                         f"staffing.{part}.role", "unknown_role", value=role, known=", ".join(ROLES))
            parts[part] = PartRule(
                part=part,
                name=str(names.get("name", part)),
                name_en=str(names.get("name_en", part)),
                role=role,
                candidates_per_staff=_int(staff.get("candidates_per_staff"), f"staffing.{part}.candidates_per_staff", optional=True),
                min_staff=_int(staff.get("min_per_room", 1), f"staffing.{part}.min_per_room"),
                odd_staff=bool(staff.get("odd", False)),
                min_minutes=_int(timing.get("min_minutes", 0), f"durations.{part}.min_minutes"),
                minutes_per_candidate=_int(timing.get("min_minutes_per_candidate", 0), f"durations.{part}.min_minutes_per_candidate"),
                room_kinds=tuple(str(k) for k in kinds),
                equipment=_equipment(venues.get("equipment"), part, kinds, spec.code),
                centre_reading=timing.get("reading") == "centre",
            )
        if not parts:
            raise PlanningRulesError(f"{spec.code}: assessment.parts is empty", "assessment.parts", "no_parts")
        by_level = {}
        for level in spec.level_codes:
            listed = (assessment.get("parts_by_level") or {}).get(level)
            if not listed:
                raise PlanningRulesError(f"{spec.code}: assessment.parts_by_level has no entry for level {level}",
                                         "assessment.parts_by_level", "level_without_parts", level=level)
            unknown = [p for p in listed if p not in parts]
            if unknown:
                raise PlanningRulesError(f"{spec.code}: parts_by_level.{level} names unknown parts {unknown}",
                                         f"assessment.parts_by_level.{level}", "unknown_part", value=unknown[0],
                                         known=", ".join(parts))
            by_level[level] = tuple(listed)
        references = {name: str(_section(spec, name).get("reference", ""))
                      for name in ("assessment", "staffing", "durations", "venues")}
        order = _order(assessment.get("part_order"), by_level, spec.code)
        names = {str(code): tuple(str(n) for n in (aliases or ())) for code, aliases in (venues.get("equipment_names") or {}).items()}
        return cls(spec.code, spec.name, tuple(spec.level_codes), parts, by_level, references, order, names)


def load_planning_rules(code: str, rules_dir: Any = None) -> PlanningRules:
    """Load the rule library and compile the planning rules of standard ``code`` (newest version)."""
    from eligibility_desk.rules_engine import RuleLibrary

    return PlanningRules.from_standard(RuleLibrary.load(rules_dir).get(code))


def _equipment(raw: Any, part: str, kinds, code: str) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise PlanningRulesError(f"{code}: venues.equipment must map parts to {{room kind: [equipment]}}",
                                 "venues.equipment", "equipment_map")
    by_kind = raw.get(part) or {}
    if not isinstance(by_kind, dict) or any(k not in kinds or not isinstance(v, list) for k, v in by_kind.items()):
        raise PlanningRulesError(f"{code}: venues.equipment.{part} must map its room kinds ({', '.join(kinds)}) to lists",
                                 f"venues.equipment.{part}", "equipment_kinds", part=part, known=", ".join(map(str, kinds)))
    return {str(k): tuple(str(e) for e in v) for k, v in by_kind.items()}


def _order(raw: Any, by_level: dict[str, tuple[str, ...]], code: str) -> dict:
    """assessment.part_order: {level: {part: {after: [parts], min_gap_minutes: N}}}."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise PlanningRulesError(f"{code}: assessment.part_order must map levels to parts", "assessment.part_order",
                                 "part_order_map")
    out: dict[str, dict[str, tuple[tuple[str, ...], int]]] = {}
    for level, parts in raw.items():
        level = str(level)
        where = f"assessment.part_order.{level}"
        if level not in by_level or not isinstance(parts, dict):
            raise PlanningRulesError(f"{code}: {where}: not a level of the standard", where, "part_order_level",
                                     level=level, known=", ".join(by_level))
        for part, spec in parts.items():
            after = (spec or {}).get("after") if isinstance(spec, dict) else None
            known = ", ".join(by_level[level])
            if part not in by_level[level]:
                raise PlanningRulesError(f"{code}: {where}.{part}: '{part}' is not a part of level {level} ({known})",
                                         f"{where}.{part}", "part_not_at_level", value=part, level=level, known=known)
            if not isinstance(after, list) or any(p not in by_level[level] or p == part for p in after):
                raise PlanningRulesError(f"{code}: {where}.{part}: 'after' must list other parts of level {level} ({known})",
                                         f"{where}.{part}.after", "part_order_after", part=part, level=level, known=known)
            gap = _int(spec.get("min_gap_minutes", 0), f"assessment.part_order.{level}.{part}.min_gap_minutes")
            out.setdefault(level, {})[part] = (tuple(after), gap)
    return out


def _section(spec: Any, name: str) -> dict:
    value = spec.section(name)
    if not isinstance(value, dict):
        raise PlanningRulesError(f"{spec.code}: the rule file has no '{name}' section", name, "no_section", name=name)
    return value


def _int(value: Any, where: str, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PlanningRulesError(f"{where} must be a whole number >= 0, not {value!r}", where, "whole_at_least", low=0,
                                 value=value)
    return value
