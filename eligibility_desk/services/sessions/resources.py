"""Rooms, staff and time slots in the database: list, save (create or update), remove, import from .xlsx.

Rooms and staff belong to the centre (keyed by their code, the id the planner uses); slots belong to a
batch.  Values in and out are the planning dataclasses (:class:`~eligibility_desk.planning.Room`,
:class:`~eligibility_desk.planning.StaffMember`, :class:`~eligibility_desk.planning.Slot`) wrapped with
their database version — never live ORM objects.  Bad values raise
:class:`~eligibility_desk.planning.ScenarioError` naming the field; a save with an outdated version raises
:class:`~eligibility_desk.persistence.errors.StaleRecordError`.  Every change writes an audit row.

    resources = ResourceService(db, actor)      # an authenticated planner (domain.roles.Actor)
    resources.save_room(Room("A101", "101 教室", "classroom", 40))
    summary = resources.import_xlsx("考务资源.xlsx", batch_id, rules)     # all or nothing
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy import select

from eligibility_desk.domain.roles import Actor, Role
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import BatchRow, utcnow
from eligibility_desk.persistence.session_models import RoomRow, SlotRow, StaffRow
from eligibility_desk.planning.rules import ROLES, PlanningRules
from eligibility_desk.planning.scenario import Credential, Interval, Room, ScenarioError, Slot, StaffMember
from eligibility_desk.planning.scenario_json import fmt_time, parse_time
from eligibility_desk.services.accounts import as_actor, require


@dataclass(frozen=True)
class StoredRoom:
    pk: int
    version: int
    active: bool
    room: Room


@dataclass(frozen=True)
class StoredStaff:
    pk: int
    version: int
    active: bool
    member: StaffMember


@dataclass(frozen=True)
class StoredSlot:
    pk: int
    version: int
    batch_id: int
    slot: Slot


@dataclass(frozen=True)
class ResourceImportSummary:
    rooms_created: int = 0
    rooms_updated: int = 0
    staff_created: int = 0
    staff_updated: int = 0
    slots_created: int = 0
    slots_updated: int = 0
    unchanged: int = 0


# --- row <-> planning dataclasses -----------------------------------------------------------------------

def room_from_row(row: RoomRow) -> Room:
    return Room(row.code, row.name, row.kind, row.capacity, tuple(row.equipment or ()))


def staff_from_row(row: StaffRow) -> StaffMember:
    gaps = tuple(Interval(parse_time(g["start"], "unavailable.start"), parse_time(g["end"], "unavailable.end"))
                 for g in row.unavailable or ())
    creds = tuple(Credential(c["occupation"], tuple(c.get("levels") or ())) for c in row.credentials or ())
    return StaffMember(row.code, row.name, frozenset(row.roles), row.institution or "", gaps, creds, bool(row.chief))


def slot_from_row(row: SlotRow) -> Slot:
    return Slot(row.code, row.start, row.end)


def room_values(room: Room) -> dict:
    return {"code": room.id, "name": room.name or room.id, "kind": room.kind, "capacity": room.capacity,
            "equipment": list(room.equipment)}


def staff_values(member: StaffMember) -> dict:
    return {"code": member.id, "name": member.name or member.id, "roles": sorted(member.roles),
            "institution": member.institution or "",
            "unavailable": [{"start": fmt_time(g.start), "end": fmt_time(g.end)} for g in member.unavailable],
            "credentials": [{"occupation": c.occupation, "levels": list(c.levels)} for c in member.credentials],
            "chief": bool(member.chief)}


def slot_values(slot: Slot) -> dict:
    return {"code": slot.id, "start": slot.start, "end": slot.end}


# --- checks (the same rules as the scenario JSON) ---------------------------------------------------------

def _check_texts(where: str, **texts) -> None:
    """The text policy of stored fields (domain/text_policy.py) on a resource's texts, however they came (a
    workbook, the GUI's table, a scenario): ``key=value`` with the policy's field names."""
    from eligibility_desk.domain.text_policy import limit_of, text_problem, visible

    for key, value in texts.items():
        text = str(value or "")
        problem = text_problem(text, limit_of(key))
        if problem is not None:
            raise ScenarioError(f"{where}.{key}", problem[0], value=visible(text, 40), **problem[1])


def check_room(room: Room, rules: PlanningRules | None) -> None:
    from eligibility_desk.planning.scenario_json import MAX_CAPACITY

    if not str(room.id or "").strip():
        raise ScenarioError("room.id", "missing")
    _check_texts("room", id=room.id, name=room.name)
    for item in room.equipment:
        _check_texts(f"room[{room.id}]", equipment=item)
    if rules is not None and room.kind not in rules.room_kinds:
        raise ScenarioError(f"room[{room.id}].kind", "unknown_kind", value=room.kind, known_kinds=list(rules.room_kinds))
    if isinstance(room.capacity, bool) or not isinstance(room.capacity, int) or room.capacity < 0:
        raise ScenarioError(f"room[{room.id}].capacity", "not_count", value=room.capacity)
    if room.capacity > MAX_CAPACITY:
        raise ScenarioError(f"room[{room.id}].capacity", "capacity_too_large", value=room.capacity, limit=MAX_CAPACITY)


def check_staff(member: StaffMember) -> None:
    if not str(member.id or "").strip():
        raise ScenarioError("staff.id", "missing")
    _check_texts("staff", id=member.id, name=member.name, employer=member.institution)
    if not member.roles:
        raise ScenarioError(f"staff[{member.id}].roles", "roles_empty", known_roles=list(ROLES))
    unknown = sorted(set(member.roles) - set(ROLES))
    if unknown:
        raise ScenarioError(f"staff[{member.id}].roles", "unknown_role", value=unknown[0], known_roles=list(ROLES))
    for j, gap in enumerate(member.unavailable):
        if gap.end <= gap.start:
            raise ScenarioError(f"staff[{member.id}].unavailable[{j}]", "ends_before_start")


def check_slot(slot: Slot) -> None:
    if not str(slot.id or "").strip():
        raise ScenarioError("slot.id", "missing")
    _check_texts("slot", id=slot.id)
    if slot.end <= slot.start:
        raise ScenarioError(f"slot[{slot.id}]", "ends_before_start_at", start=fmt_time(slot.start), end=fmt_time(slot.end))


class ResourceService:
    def __init__(self, db: Database, actor: Actor | str, rules: PlanningRules | None = None):
        self.db = db
        self.actor = as_actor(actor)
        self.user = self.actor.name       # the account name audit rows carry
        self.rules = rules

    # --- reading ----------------------------------------------------------------------------------------
    def rooms(self, active_only: bool = False) -> list[StoredRoom]:
        with self.db.reading() as session:
            stmt = select(RoomRow).order_by(RoomRow.id)
            if active_only:
                stmt = stmt.where(RoomRow.active.is_(True))
            return [StoredRoom(r.id, r.version_id, r.active, room_from_row(r)) for r in session.scalars(stmt)]

    def staff(self, active_only: bool = False) -> list[StoredStaff]:
        with self.db.reading() as session:
            stmt = select(StaffRow).order_by(StaffRow.id)
            if active_only:
                stmt = stmt.where(StaffRow.active.is_(True))
            return [StoredStaff(r.id, r.version_id, r.active, staff_from_row(r)) for r in session.scalars(stmt)]

    def slots(self, batch_id: int) -> list[StoredSlot]:
        with self.db.reading() as session:
            rows = session.scalars(select(SlotRow).where(SlotRow.batch_id == batch_id)
                                   .order_by(SlotRow.start, SlotRow.end, SlotRow.code))
            return [StoredSlot(r.id, r.version_id, r.batch_id, slot_from_row(r)) for r in rows]

    # --- writing ----------------------------------------------------------------------------------------
    def save_room(self, room: Room, expected_version: int | None = None, active: bool = True) -> StoredRoom:
        """Create the room or update the one with its code.  ``expected_version``: the version you read."""
        check_room(room, self.rules)
        with self.db.writing() as session:
            row, _created = self._upsert(session, RoomRow, select(RoomRow).where(RoomRow.code == room.id),
                                         {**room_values(room), "active": active}, "room", expected_version)
            return StoredRoom(row.id, row.version_id, row.active, room_from_row(row))

    def save_staff(self, member: StaffMember, expected_version: int | None = None, active: bool = True) -> StoredStaff:
        check_staff(member)
        with self.db.writing() as session:
            row, _created = self._upsert(session, StaffRow, select(StaffRow).where(StaffRow.code == member.id),
                                         {**staff_values(member), "active": active}, "staff", expected_version)
            return StoredStaff(row.id, row.version_id, row.active, staff_from_row(row))

    def save_slot(self, batch_id: int, slot: Slot, expected_version: int | None = None) -> StoredSlot:
        check_slot(slot)
        with self.db.writing() as session:
            _require_batch(session, batch_id)
            row, _created = self._upsert(
                session, SlotRow, select(SlotRow).where(SlotRow.batch_id == batch_id, SlotRow.code == slot.id),
                {**slot_values(slot), "batch_id": batch_id}, "slot", expected_version)
            return StoredSlot(row.id, row.version_id, row.batch_id, slot_from_row(row))

    def remove_room(self, code: str, expected_version: int | None = None) -> None:
        """Rooms are retired (``active = False``), not deleted: stored plans still name them."""
        with self.db.writing() as session:
            self._upsert(session, RoomRow, select(RoomRow).where(RoomRow.code == code), {"active": False}, "room",
                         expected_version, must_exist=True)

    def remove_staff(self, code: str, expected_version: int | None = None) -> None:
        with self.db.writing() as session:
            self._upsert(session, StaffRow, select(StaffRow).where(StaffRow.code == code), {"active": False}, "staff",
                         expected_version, must_exist=True)

    def delete_slot(self, batch_id: int, code: str, expected_version: int | None = None) -> None:
        require(self.actor, Role.PLANNER, action="维护考务资源")
        with self.db.writing() as session:
            row = session.scalar(select(SlotRow).where(SlotRow.batch_id == batch_id, SlotRow.code == code))
            if row is None:
                raise LookupError(f"no slot {code!r} in batch {batch_id}")
            _check_version(row, "slot", expected_version)
            before = _snapshot(row, "slot")
            session.delete(row)
            session.flush()
            audit.record(session, self.user, "slot", row.id, "delete", before, None)

    def import_xlsx(self, path: str | Path, batch_id: int, rules: PlanningRules) -> ResourceImportSummary:
        """Rooms, staff and slots from the workbook layout of ``planning.xlsx_import`` (sheets 考场 / 人员 /
        时段).  Every bad cell is reported (``ResourceImportError``) and then nothing is written."""
        from eligibility_desk.planning.xlsx_import import read_resources_xlsx
        from eligibility_desk.services.small_workbooks import check_small_workbook

        check_small_workbook(path)      # not a zip, a zip bomb, a vast claimed grid: refused before openpyxl opens it
        resources = read_resources_xlsx(path, rules)
        return self.store(batch_id, resources.rooms, resources.staff, resources.slots, rules)

    def store(self, batch_id: int, rooms: Iterable[Room], staff: Iterable[StaffMember], slots: Iterable[Slot],
              rules: PlanningRules | None = None) -> ResourceImportSummary:
        """Create or update many resources in one transaction (all or nothing); counts what changed."""
        require(self.actor, Role.PLANNER, action="维护考务资源")
        rooms, staff, slots = list(rooms), list(staff), list(slots)
        for room in rooms:
            check_room(room, rules or self.rules)
        for member in staff:
            check_staff(member)
        for slot in slots:
            check_slot(slot)
        counts = dict.fromkeys(ResourceImportSummary.__dataclass_fields__, 0)
        with self.db.writing() as session:
            _require_batch(session, batch_id)
            existing_rooms = {r.code: r for r in session.scalars(select(RoomRow))}
            existing_staff = {r.code: r for r in session.scalars(select(StaffRow))}
            existing_slots = {r.code: r for r in session.scalars(select(SlotRow).where(SlotRow.batch_id == batch_id))}
            jobs = [(RoomRow, existing_rooms, "room", "rooms", [{**room_values(r), "active": True} for r in rooms]),
                    (StaffRow, existing_staff, "staff", "staff", [{**staff_values(m), "active": True} for m in staff]),
                    (SlotRow, existing_slots, "slot", "slots", [{**slot_values(s), "batch_id": batch_id} for s in slots])]
            for model, existing, entity, label, values_list in jobs:
                for values in values_list:
                    outcome = self._apply(session, model, existing.get(values["code"]), values, entity)
                    if outcome == "unchanged":
                        counts["unchanged"] += 1
                    else:
                        counts[f"{label}_{outcome}"] += 1
        return ResourceImportSummary(**counts)

    # --- helpers ----------------------------------------------------------------------------------------
    def _upsert(self, session, model, query, values: dict, entity: str, expected_version: int | None,
                must_exist: bool = False):
        require(self.actor, Role.PLANNER, action="维护考务资源")
        row = session.scalar(query)
        if row is None and expected_version is not None:
            raise StaleRecordError(entity, None, expected_version, None)   # deleted since it was read
        if row is None and must_exist:
            raise LookupError(f"no {entity} {values.get('code')!r}")
        if row is not None:
            _check_version(row, entity, expected_version)
        outcome = self._apply(session, model, row, values, entity)
        if row is None:
            row = session.scalar(query)
        return row, outcome == "created"

    def _apply(self, session, model, row, values: dict, entity: str) -> str:
        if row is None:
            row = model(**values)
            session.add(row)
            session.flush()
            audit.record(session, self.user, entity, row.id, "create", None, _snapshot(row, entity))
            return "created"
        before = _snapshot(row, entity)
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return "unchanged"
        for key, value in changed.items():
            setattr(row, key, value)
        if hasattr(row, "updated_at"):
            row.updated_at = utcnow()
        try:
            session.flush()
        except Exception as exc:
            from sqlalchemy.orm.exc import StaleDataError

            if isinstance(exc, StaleDataError):
                raise StaleRecordError(entity, row.id, row.version_id, None) from exc
            raise
        audit.record(session, self.user, entity, row.id, "update", before, _snapshot(row, entity))
        return "updated"


def _require_batch(session, batch_id: int) -> None:
    if session.get(BatchRow, batch_id) is None:
        raise LookupError(f"no batch {batch_id}")


def _check_version(row, entity: str, expected_version: int | None) -> None:
    if expected_version is not None and row.version_id != expected_version:
        raise StaleRecordError(entity, row.id, expected_version, row.version_id)


_FIELDS = {
    "room": ("code", "name", "kind", "capacity", "equipment", "active"),
    "staff": ("code", "name", "roles", "institution", "unavailable", "credentials", "chief", "active"),
    "slot": ("batch_id", "code", "start", "end"),
}


def _snapshot(row, entity: str) -> dict:
    return {key: getattr(row, key) for key in _FIELDS[entity]}
