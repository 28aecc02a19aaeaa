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
        raise ScenarioError("", "a scenario is a JSON object with candidates, rooms, staff and slots")
    standard = data.get("standard", rules.standard)
    if standard != rules.standard:
        raise ScenarioError("standard", f"is {standard!r} but the rules loaded are for {rules.standard}")
    for key in ("candidates", "rooms", "staff", "slots"):
        if not isinstance(data.get(key), list):
            raise ScenarioError(key, "missing or not a list")
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
        raise ScenarioError(where, f"expected a time like 2025-10-18T09:00, got {value!r}")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ScenarioError(where, f"not a time like 2025-10-18T09:00: {value!r}") from None
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
        raise ScenarioError(where, "expected an object")
    return raw


def _text(raw: dict, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ScenarioError(f"{where}.{key}", "missing")
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ScenarioError(f"{where}.{key}", f"expected text, got {value!r}")
    return str(value).strip()


def _candidate(raw: Any, where: str, rules: PlanningRules) -> Candidate:
    raw = _obj(raw, where)
    cid = _text(raw, "id", where)
    level = _text(raw, "level", where)
    if level not in rules.levels:
        raise ScenarioError(f"{where}.level", f"level {level!r} is not in standard {rules.standard} (levels: {', '.join(rules.levels)})")
    parts = raw.get("parts")
    if parts is None:
        parts = list(rules.parts_by_level[level])
    if not isinstance(parts, list) or not parts:
        raise ScenarioError(f"{where}.parts", "expected a non-empty list such as [\"theory\", \"skill\"]")
    seen = []
    for part in parts:
        if part not in rules.parts:
            raise ScenarioError(f"{where}.parts", f"unknown part {part!r} (known: {', '.join(rules.parts)})")
        if part not in rules.parts_by_level[level]:
            raise ScenarioError(f"{where}.parts", f"level {level} does not sit {part!r} ({rules.reference('assessment')}: "
                                                  f"{', '.join(rules.parts_by_level[level])})")
        if part in seen:
            raise ScenarioError(f"{where}.parts", f"{part!r} is listed twice")
        seen.append(part)
    return Candidate(cid, _text(raw, "name", where, required=False) or cid, level,
                     _text(raw, "institution", where, required=False), tuple(seen))


def _room(raw: Any, where: str, rules: PlanningRules) -> Room:
    raw = _obj(raw, where)
    rid = _text(raw, "id", where)
    kind = _text(raw, "kind", where)
    if kind not in rules.room_kinds:
        raise ScenarioError(f"{where}.kind", f"unknown room kind {kind!r} (known: {', '.join(rules.room_kinds)})")
    capacity = raw.get("capacity")
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise ScenarioError(f"{where}.capacity", f"expected a whole number, got {capacity!r}")
    if capacity < 0:
        raise ScenarioError(f"{where}.capacity", f"must not be negative, got {capacity}")
    equipment = raw.get("equipment") or []
    if not isinstance(equipment, list):
        raise ScenarioError(f"{where}.equipment", "expected a list")
    return Room(rid, _text(raw, "name", where, required=False) or rid, kind, capacity, tuple(str(e) for e in equipment))


def _staff(raw: Any, where: str) -> StaffMember:
    raw = _obj(raw, where)
    sid = _text(raw, "id", where)
    roles = raw.get("roles")
    if not isinstance(roles, list) or not roles:
        raise ScenarioError(f"{where}.roles", f"expected a non-empty list of {', '.join(ROLES)}")
    for role in roles:
        if role not in ROLES:
            raise ScenarioError(f"{where}.roles", f"unknown role {role!r} (known: {', '.join(ROLES)})")
    gaps = []
    for j, gap in enumerate(raw.get("unavailable") or []):
        gap = _obj(gap, f"{where}.unavailable[{j}]")
        start = parse_time(gap.get("start"), f"{where}.unavailable[{j}].start")
        end = parse_time(gap.get("end"), f"{where}.unavailable[{j}].end")
        if end <= start:
            raise ScenarioError(f"{where}.unavailable[{j}]", "ends before it starts")
        gaps.append(Interval(start, end))
    credentials = []
    for j, cred in enumerate(raw.get("credentials") or []):
        cred = _obj(cred, f"{where}.credentials[{j}]")
        levels = cred.get("levels") or []
        if not isinstance(levels, list):
            raise ScenarioError(f"{where}.credentials[{j}].levels", "expected a list of levels")
        credentials.append(Credential(_text(cred, "occupation", f"{where}.credentials[{j}]"), tuple(str(v) for v in levels)))
    return StaffMember(sid, _text(raw, "name", where, required=False) or sid, frozenset(roles),
                       _text(raw, "institution", where, required=False), tuple(gaps), tuple(credentials),
                       bool(raw.get("chief", False)))


def _slot(raw: Any, where: str, index: int) -> Slot:
    raw = _obj(raw, where)
    start = parse_time(raw.get("start"), f"{where}.start")
    end = parse_time(raw.get("end"), f"{where}.end")
    if end <= start:
        raise ScenarioError(where, f"ends ({raw.get('end')}) before it starts ({raw.get('start')})")
    return Slot(_text(raw, "id", where, required=False) or f"T{index + 1}", start, end)


def _unique(key: str, items) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            raise ScenarioError(f"{key}[{i}].id", f"duplicate id {item.id!r} (also {key}[{seen[item.id]}])")
        seen[item.id] = i


def _options(raw: Any, batch: Any) -> PlanningOptions:
    if not isinstance(raw, dict):
        raise ScenarioError("options", "expected an object")
    defaults = PlanningOptions()
    values = {}
    for key in ("reserve_seats_per_room", "reserve_rooms", "merge_tail_max"):
        value = raw.get(key, getattr(defaults, key))
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ScenarioError(f"options.{key}", f"expected a whole number >= 0, got {value!r}")
        values[key] = value
    pattern = raw.get("admission_pattern", defaults.admission_pattern)
    from eligibility_desk.planning.admission import AdmissionPattern, AdmissionPatternError
    try:
        AdmissionPattern(pattern)
    except AdmissionPatternError as exc:
        raise ScenarioError("options.admission_pattern", str(exc)) from None
    batch = batch if batch is not None else raw.get("batch", defaults.batch)
    if not isinstance(batch, (str, int)) or not str(batch).strip():
        raise ScenarioError("batch", f"expected a batch code, got {batch!r}")
    return PlanningOptions(batch=str(batch).strip(), admission_pattern=pattern, operator=str(raw.get("operator") or ""), **values)
