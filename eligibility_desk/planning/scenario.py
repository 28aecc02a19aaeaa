"""What a planner works from: candidates, rooms, staff, time slots and the batch's planning options.

Plain frozen dataclasses; :mod:`.scenario_json` reads and writes them, :mod:`.xlsx_import` reads rooms,
staff and slots from a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

#: default admission-number pattern (docs/planning.md): batch-level-room-seat
DEFAULT_ADMISSION_PATTERN = "{batch}-{level}-{room:04d}-{seat:03d}"


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    level: str
    institution: str = ""             # home institution / school; "" = none (no 回避 constraint)
    parts: tuple[str, ...] = ()       # the parts to sit, e.g. ("theory", "skill")
    id_number: str = ""               # 身份证号 when known: one person is one candidate


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    kind: str                         # classroom | computer_lab | worksite (the rule file's venues)
    capacity: int
    equipment: tuple[str, ...] = ()


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class Credential:
    """What a 考评员 credential covers: an occupation code and (optionally) the levels."""

    occupation: str
    levels: tuple[str, ...] = ()      # empty = every level

    def covers(self, occupation: str, level: str) -> bool:
        return self.occupation == occupation and (not self.levels or level in self.levels)


@dataclass(frozen=True)
class StaffMember:
    id: str
    name: str
    roles: frozenset[str]             # invigilator / examiner / reviewer
    institution: str = ""             # home institution; "" = the centre's own staff
    unavailable: tuple[Interval, ...] = ()
    credentials: tuple[Credential, ...] = ()   # recorded 考评员 credentials; empty = none recorded
    chief: bool = False               # may act as chief invigilator (主监考)

    def available(self, start: datetime, end: datetime) -> bool:
        return not any(gap.overlaps(start, end) for gap in self.unavailable)

    def may_examine(self, occupation: str, level: str) -> bool:
        """Credential restriction: hard when recorded, no restriction when none is recorded."""
        return not self.credentials or any(c.covers(occupation, level) for c in self.credentials)


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def overlaps(self, other: "Slot") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class PlanningOptions:
    """The batch's own choices (中心决定), all optional in the scenario's ``options``."""

    batch: str = "B1"
    admission_pattern: str = DEFAULT_ADMISSION_PATTERN
    reserve_seats_per_room: int = 0   # seats left empty in every room for late changes
    reserve_rooms: int = 0            # rooms kept free in every slot
    merge_tail_max: int = 3           # a last room of 1..N candidates is merged into the previous one
    operator: str = ""


@dataclass(frozen=True)
class Scenario:
    standard: str
    candidates: tuple[Candidate, ...]
    rooms: tuple[Room, ...]
    staff: tuple[StaffMember, ...]
    slots: tuple[Slot, ...]
    options: PlanningOptions = field(default_factory=PlanningOptions)

    def candidate_map(self) -> dict[str, Candidate]:
        return {c.id: c for c in self.candidates}

    def room_map(self) -> dict[str, Room]:
        return {r.id: r for r in self.rooms}

    def staff_map(self) -> dict[str, StaffMember]:
        return {s.id: s for s in self.staff}


class ScenarioError(ValueError):
    """Invalid scenario input: ``field`` names where (e.g. ``rooms[3].capacity``), ``code`` and ``params`` say
    why (``planning.wording.input_text`` words them, Chinese or English).  ``str()`` and ``reason`` are the
    English wording, as the command line prints it."""

    def __init__(self, field: str, code: str, **params):
        self.field = field
        self.code = code
        self.params = params
        self.reason = self.message("en")
        super().__init__(f"{field}: {self.reason}" if field else self.reason)

    def message(self, lang: str = "zh") -> str:
        from eligibility_desk.planning.wording import input_text

        return input_text(self.code, self.params, lang)
