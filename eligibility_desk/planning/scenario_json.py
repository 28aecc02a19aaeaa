"""The scenario JSON of ``eligibility-desk plan`` (docs/planning.md), read strictly and written back.

Invalid input is refused with a :class:`ScenarioError` naming the field and the reason: unknown room kind,
negative capacity, a slot ending before it starts, duplicate ids, an unknown part, a level the standard
does not have, a part the candidate's level does not sit (§1.9.2).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eligibility_desk.planning.rules import ROLES, PlanningRules
from eligibility_desk.planning.scenario import (
    Candidate, Credential, Interval, PlanningOptions, Room, Scenario, ScenarioError, Slot, StaffMember,
)

TIME_FORMAT = "%Y-%m-%dT%H:%M"


def parse_scenario(data: Any, rules: PlanningRules) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError("", "scenario_not_object")
    standard = data.get("standard", rules.standard)
    if standard != rules.standard:
        raise ScenarioError("standard", "standard_mismatch", value=standard, standard=rules.standard)
    for key in ("candidates", "rooms", "staff", "slots"):
        if not isinstance(data.get(key), list):
            raise ScenarioError(key, "list_missing")
    candidates = tuple(_candidate(raw, f"candidates[{i}]", rules) for i, raw in enumerate(data["candidates"]))
    rooms = tuple(_room(raw, f"rooms[{i}]", rules) for i, raw in enumerate(data["rooms"]))
    staff = tuple(_staff(raw, f"staff[{i}]") for i, raw in enumerate(data["staff"]))
    slots = tuple(_slot(raw, f"slots[{i}]", i) for i, raw in enumerate(data["slots"]))
    for key, items in (("candidates", candidates), ("rooms", rooms), ("staff", staff), ("slots", slots)):
        _unique(key, items)
    options = _options(data.get("options") or {}, data.get("batch"))
    slots = tuple(sorted(slots, key=lambda s: (s.start, s.end, s.id)))
    return Scenario(rules.standard, candidates, rooms, staff, slots, options)


def scenario_to_json(scenario: Scenario) -> dict:
    o = scenario.options
    return {
        "standard": scenario.standard,
        "batch": o.batch,
        "options": {"admission_pattern": o.admission_pattern, "reserve_seats_per_room": o.reserve_seats_per_room,
                    "reserve_rooms": o.reserve_rooms, "merge_tail_max": o.merge_tail_max, "operator": o.operator},
        "candidates": [{"id": c.id, "name": c.name, "level": c.level, "institution": c.institution,
                        "parts": list(c.parts)} for c in scenario.candidates],
        "rooms": [{"id": r.id, "name": r.name, "kind": r.kind, "capacity": r.capacity,
                   "equipment": list(r.equipment)} for r in scenario.rooms],
        "staff": [_staff_json(s) for s in scenario.staff],
        "slots": [{"id": s.id, "start": fmt_time(s.start), "end": fmt_time(s.end)} for s in scenario.slots],
    }


def fmt_time(moment: datetime) -> str:
    return moment.strftime(TIME_FORMAT)


def parse_time(value: Any, where: str) -> datetime:
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if not isinstance(value, str):
        raise ScenarioError(where, "time_expected", value=value)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ScenarioError(where, "not_a_time", value=value) from None
    return moment.replace(tzinfo=None)


def _staff_json(s: StaffMember) -> dict:
    out: dict = {"id": s.id, "name": s.name, "roles": sorted(s.roles), "institution": s.institution}
    if s.unavailable:
        out["unavailable"] = [{"start": fmt_time(g.start), "end": fmt_time(g.end)} for g in s.unavailable]
    if s.credentials:
        out["credentials"] = [{"occupation": c.occupation, "levels": list(c.levels)} for c in s.credentials]
    if s.chief:
        out["chief"] = True
    return out


def _obj(raw: Any, where: str) -> dict:
    if not isinstance(raw, dict):
        raise ScenarioError(where, "not_object")
    return raw


def _text(raw: dict, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ScenarioError(f"{where}.{key}", "missing")
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ScenarioError(f"{where}.{key}", "not_text", value=value)
    return str(value).strip()


def _candidate(raw: Any, where: str, rules: PlanningRules) -> Candidate:
    raw = _obj(raw, where)
    cid = _text(raw, "id", where)
    level = _text(raw, "level", where)
    if level not in rules.levels:
        raise ScenarioError(f"{where}.level", "level_not_in_standard", value=level, standard=rules.standard,
                            levels=list(rules.levels))
    parts = raw.get("parts")
    if parts is None:
        parts = list(rules.parts_by_level[level])
    if not isinstance(parts, list) or not parts:
        raise ScenarioError(f"{where}.parts", "parts_empty", known_parts=list(rules.parts))
    seen = []
    for part in parts:
        if part not in rules.parts:
            raise ScenarioError(f"{where}.parts", "unknown_part", value=part, known_parts=list(rules.parts))
        if part not in rules.parts_by_level[level]:
            raise ScenarioError(f"{where}.parts", "part_not_for_level", value=part, level=level,
                                reference=rules.reference("assessment"), known_parts=list(rules.parts_by_level[level]))
        if part in seen:
            raise ScenarioError(f"{where}.parts", "part_twice", value=part)
        seen.append(part)
    return Candidate(cid, _text(raw, "name", where, required=False) or cid, level,
                     _text(raw, "institution", where, required=False), tuple(seen))


def _room(raw: Any, where: str, rules: PlanningRules) -> Room:
    raw = _obj(raw, where)
    rid = _text(raw, "id", where)
    kind = _text(raw, "kind", where)
    if kind not in rules.room_kinds:
        raise ScenarioError(f"{where}.kind", "unknown_kind", value=kind, known_kinds=list(rules.room_kinds))
    capacity = raw.get("capacity")
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise ScenarioError(f"{where}.capacity", "not_whole_number", value=capacity)
    if capacity < 0:
        raise ScenarioError(f"{where}.capacity", "negative", value=capacity)
    equipment = raw.get("equipment") or []
    if not isinstance(equipment, list):
        raise ScenarioError(f"{where}.equipment", "not_list")
    return Room(rid, _text(raw, "name", where, required=False) or rid, kind, capacity, tuple(str(e) for e in equipment))


def _staff(raw: Any, where: str) -> StaffMember:
    raw = _obj(raw, where)
    sid = _text(raw, "id", where)
    roles = raw.get("roles")
    if not isinstance(roles, list) or not roles:
        raise ScenarioError(f"{where}.roles", "roles_empty", known_roles=list(ROLES))
    for role in roles:
        if role not in ROLES:
            raise ScenarioError(f"{where}.roles", "unknown_role", value=role, known_roles=list(ROLES))
    gaps = []
    for j, gap in enumerate(raw.get("unavailable") or []):
        gap = _obj(gap, f"{where}.unavailable[{j}]")
        start = parse_time(gap.get("start"), f"{where}.unavailable[{j}].start")
        end = parse_time(gap.get("end"), f"{where}.unavailable[{j}].end")
        if end <= start:
            raise ScenarioError(f"{where}.unavailable[{j}]", "ends_before_start")
        gaps.append(Interval(start, end))
    credentials = []
    for j, cred in enumerate(raw.get("credentials") or []):
        cred = _obj(cred, f"{where}.credentials[{j}]")
        levels = cred.get("levels") or []
        if not isinstance(levels, list):
            raise ScenarioError(f"{where}.credentials[{j}].levels", "levels_not_list")
        credentials.append(Credential(_text(cred, "occupation", f"{where}.credentials[{j}]"), tuple(str(v) for v in levels)))
    return StaffMember(sid, _text(raw, "name", where, required=False) or sid, frozenset(roles),
                       _text(raw, "institution", where, required=False), tuple(gaps), tuple(credentials),
                       bool(raw.get("chief", False)))


def _slot(raw: Any, where: str, index: int) -> Slot:
    raw = _obj(raw, where)
    start = parse_time(raw.get("start"), f"{where}.start")
    end = parse_time(raw.get("end"), f"{where}.end")
    if end <= start:
        raise ScenarioError(where, "ends_before_start_at", start=raw.get("start"), end=raw.get("end"))
    return Slot(_text(raw, "id", where, required=False) or f"T{index + 1}", start, end)


def _unique(key: str, items) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            raise ScenarioError(f"{key}[{i}].id", "duplicate_id", value=item.id, other=f"{key}[{seen[item.id]}]")
        seen[item.id] = i


def _options(raw: Any, batch: Any) -> PlanningOptions:
    if not isinstance(raw, dict):
        raise ScenarioError("options", "not_object")
    defaults = PlanningOptions()
    values = {}
    for key in ("reserve_seats_per_room", "reserve_rooms", "merge_tail_max"):
        value = raw.get(key, getattr(defaults, key))
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ScenarioError(f"options.{key}", "not_count", value=value)
        values[key] = value
    pattern = raw.get("admission_pattern", defaults.admission_pattern)
    from eligibility_desk.planning.admission import AdmissionPattern, AdmissionPatternError
    try:
        AdmissionPattern(pattern)
    except AdmissionPatternError as exc:
        raise ScenarioError("options.admission_pattern", "bad_pattern", detail=str(exc)) from None
    batch = batch if batch is not None else raw.get("batch", defaults.batch)
    if not isinstance(batch, (str, int)) or not str(batch).strip():
        raise ScenarioError("batch", "not_batch_code", value=batch)
    return PlanningOptions(batch=str(batch).strip(), admission_pattern=pattern, operator=str(raw.get("operator") or ""), **values)
