"""The scenario JSON of ``eligibility-desk plan`` (docs/planning.md), read strictly and written back.

Invalid input is refused with a :class:`ScenarioError` naming the field and the reason: unknown room kind,
negative capacity, a slot ending before it starts, duplicate ids, an unknown part, a level the standard
does not have, a part the candidate's level does not sit (§1.9.2).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from eligibility_desk.planning.rules import ROLES, PlanningRules
from eligibility_desk.planning.scenario import (
    Candidate, Credential, Interval, PlanningOptions, Room, Scenario, ScenarioError, Slot, StaffMember,
)

TIME_FORMAT = "%Y-%m-%dT%H:%M"
#: plans are in China time; a time given with another offset (``Z``, ``+00:00``) is converted to it
CHINA_TIME = timezone(timedelta(hours=8))


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
    _one_person_one_id(candidates)
    staff = tuple(_staff(raw, f"staff[{i}]") for i, raw in enumerate(data["staff"]))
    slots = tuple(_slot(raw, f"slots[{i}]", i) for i, raw in enumerate(data["slots"]))
    for key, items in (("candidates", candidates), ("rooms", rooms), ("staff", staff), ("slots", slots)):
        _unique(key, items)
    options = _options(data.get("options") or {}, data.get("batch"))
    _reserve_fits(options, rooms)
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
                        "parts": list(c.parts), **({"id_number": c.id_number} if c.id_number else {})}
                       for c in scenario.candidates],
        "rooms": [{"id": r.id, "name": r.name, "kind": r.kind, "capacity": r.capacity,
                   "equipment": list(r.equipment)} for r in scenario.rooms],
        "staff": [_staff_json(s) for s in scenario.staff],
        "slots": [{"id": s.id, "start": fmt_time(s.start), "end": fmt_time(s.end)} for s in scenario.slots],
    }


def fmt_time(moment: datetime) -> str:
    return moment.strftime(TIME_FORMAT)


def parse_time(value: Any, where: str, *, end: bool = False) -> datetime:
    """A time such as ``2025-10-18T09:00``.  With an offset (``+08:00``, ``Z``) it is converted to China time
    (UTC+8), the time every plan is in.  A date alone is the start of that day, or, for an ``end``, the end
    of it (the next day's 00:00): ``{"start": "2025-10-18", "end": "2025-10-18"}`` is the whole day."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day) + (timedelta(days=1) if end else timedelta())
    elif not isinstance(value, str):
        raise ScenarioError(where, "time_expected", value=value)
    else:
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ScenarioError(where, "not_a_time", value=value) from None
        if end and len(text) == 10:                       # YYYY-MM-DD: the end of that day
            moment += timedelta(days=1)
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA_TIME)
    return moment.replace(second=0, microsecond=0, tzinfo=None)


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


#: a room holds at most this many seats (a hall; a bigger number is a typing error, and SQLite's integer
#: column would overflow on a 30-digit one) — checked where rooms are read from a workbook or saved
#: (planning/xlsx_import.py, services/sessions/resources.check_room), not here: a stored scenario must load
MAX_CAPACITY = 10_000


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
    id_number = _text(raw, "id_number", where, required=False).upper()
    return Candidate(cid, _text(raw, "name", where, required=False) or cid, level,
                     _text(raw, "institution", where, required=False), tuple(seen), id_number)


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
        end = parse_time(gap.get("end"), f"{where}.unavailable[{j}].end", end=True)
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
    chief = raw.get("chief", False)
    if chief is None:
        chief = False
    if not isinstance(chief, bool):                       # "no", "false", 0 are not a yes: refuse, do not guess
        raise ScenarioError(f"{where}.chief", "not_boolean", value=chief)
    return StaffMember(sid, _text(raw, "name", where, required=False) or sid, frozenset(roles),
                       _text(raw, "institution", where, required=False), tuple(gaps), tuple(credentials), chief)


def _slot(raw: Any, where: str, index: int) -> Slot:
    raw = _obj(raw, where)
    start = parse_time(raw.get("start"), f"{where}.start")
    end = parse_time(raw.get("end"), f"{where}.end", end=True)
    if end <= start:
        raise ScenarioError(where, "ends_before_start_at", start=raw.get("start"), end=raw.get("end"))
    return Slot(_text(raw, "id", where, required=False) or f"T{index + 1}", start, end)


def _unique(key: str, items) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            raise ScenarioError(f"{key}[{i}].id", "duplicate_id", value=item.id, other=f"{key}[{seen[item.id]}]")
        seen[item.id] = i


def _one_person_one_id(candidates) -> None:
    """Two candidate ids with one 身份证号 are one person entered twice: refused, naming both."""
    seen: dict[str, int] = {}
    for i, c in enumerate(candidates):
        if not c.id_number:
            continue
        if c.id_number in seen:
            other = candidates[seen[c.id_number]]
            raise ScenarioError(f"candidates[{i}].id_number", "duplicate_id_number", value=c.id_number,
                                candidate=c.id, other=other.id)
        seen[c.id_number] = i


def _reserve_fits(options: PlanningOptions, rooms) -> None:
    """Reserve seats must leave some room a seat to plan: reserving as many seats as the largest room holds
    leaves none, and is refused.  (A room smaller than the reserve is simply not planned.)"""
    reserve = options.reserve_seats_per_room
    largest = max(rooms, key=lambda r: r.capacity, default=None)
    if reserve and largest is not None and largest.capacity and reserve >= largest.capacity:
        raise ScenarioError("options.reserve_seats_per_room", "reserve_not_below_capacity", value=reserve,
                            room=largest.id, capacity=largest.capacity)


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
        raise ScenarioError("options.admission_pattern", exc.code, **exc.params) from None
    batch = batch if batch is not None else raw.get("batch", defaults.batch)
    if not isinstance(batch, (str, int)) or not str(batch).strip():
        raise ScenarioError("batch", "not_batch_code", value=batch)
    return PlanningOptions(batch=str(batch).strip(), admission_pattern=pattern, operator=str(raw.get("operator") or ""), **values)
