"""A plan: sessions with staff and seats, the sittings that could not be placed, and how it was made.

The JSON form (docs/planning.md) is the contract other parts read — the printing helper builds admission
slips and door lists from ``sessions[].part/level/room/start/end/staff/seats[].seat/candidate/admission_no``.
Keys may be added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eligibility_desk.planning.scenario import ScenarioError
from eligibility_desk.planning.scenario_json import fmt_time, parse_time


@dataclass(frozen=True)
class Seat:
    seat: int
    candidate: str
    admission_no: str = ""


@dataclass
class Session:
    id: str
    part: str
    level: str
    room: str
    start: datetime
    end: datetime
    staff: list[str] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    chief: str | None = None          # chief invigilator (主监考), theory sessions
    slot: str = ""                    # the scenario slot it was planned in ("" when edited by hand)
    reserve_seats: int = 0            # seats kept free for late changes
    number: int = 0                   # 考场号 within the batch (admission numbers use it)

    def candidates(self) -> list[str]:
        return [s.candidate for s in self.seats]

    def next_seat(self) -> int:
        return max((s.seat for s in self.seats), default=0) + 1


@dataclass(frozen=True)
class Unplaced:
    """A sitting (candidate, part) with no session, and why: a reason code with parameters."""

    candidate: str
    part: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Violation:
    code: str                         # e.g. staff_too_few, recusal, double_booked
    rule: str                         # the clause it enforces, e.g. §1.9.3 (or a centre rule)
    session: str | None               # session id
    people: tuple[str, ...] = ()      # candidates and staff involved
    params: dict = field(default_factory=dict)
    hard: bool = True


@dataclass(frozen=True)
class Move:
    """One change made by re-planning: who/what moved from where to where."""

    kind: str                         # candidate | staff | session
    id: str                           # candidate or staff id, or session id for a room change
    part: str = ""
    from_session: str | None = None
    to_session: str | None = None
    detail: dict = field(default_factory=dict)


@dataclass
class Plan:
    standard: str
    batch: str
    sessions: list[Session] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    reserve_rooms: list[tuple[str, str]] = field(default_factory=list)   # (slot id, room id)
    seed: int | None = None
    record: dict = field(default_factory=dict)    # 编排记录: seed, operator, time, inputs digest, pattern

    def session_map(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    def without_seat(self, candidate_ids) -> list[str]:
        """The candidates (of ``candidate_ids``, in that order) seated in no session: they get no 准考证."""
        seated = {seat.candidate for s in self.sessions for seat in s.seats}
        return [cid for cid in candidate_ids if cid not in seated]


def plan_to_json(plan: Plan, *, violations: list[Violation] = (), warnings: list[Violation] = (),
                 moves: list[Move] | None = None, lang: str = "zh") -> dict:
    from eligibility_desk.planning import wording

    out: dict[str, Any] = {
        "standard": plan.standard,
        "batch": plan.batch,
        "seed": plan.seed,
        "record": plan.record,
        "sessions": [_session_json(s) for s in plan.sessions],
        "reserve_rooms": [{"slot": slot, "room": room} for slot, room in plan.reserve_rooms],
        "unplaced": [{"candidate": u.candidate, "part": u.part, "reason": wording.unplaced_text(u, lang),
                      "code": u.code, "params": u.params} for u in plan.unplaced],
        "violations": [violation_json(v, lang) for v in violations],
        "warnings": [violation_json(v, lang) for v in warnings],
    }
    if moves is not None:
        out["moves"] = [move_json(m, lang) for m in moves]
    return out


def violation_json(v: Violation, lang: str = "zh") -> dict:
    from eligibility_desk.planning import wording

    return {"code": v.code, "rule": v.rule, "session": v.session, "people": list(v.people), "params": v.params,
            "message": wording.violation_text(v, lang)}


def move_json(m: Move, lang: str = "zh") -> dict:
    from eligibility_desk.planning import wording

    return {"kind": m.kind, "id": m.id, "part": m.part, "from": m.from_session, "to": m.to_session,
            "detail": m.detail, "message": wording.move_text(m, lang)}


def _session_json(s: Session) -> dict:
    return {"id": s.id, "part": s.part, "level": s.level, "room": s.room, "start": fmt_time(s.start),
            "end": fmt_time(s.end), "slot": s.slot, "number": s.number, "staff": list(s.staff), "chief": s.chief,
            "reserve_seats": s.reserve_seats,
            "seats": [{"seat": seat.seat, "candidate": seat.candidate, "admission_no": seat.admission_no}
                      for seat in s.seats]}


def plan_from_json(data: Any) -> Plan:
    """Read a plan (as written by :func:`plan_to_json`, or edited by hand); structure errors are refused."""
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        raise ScenarioError("sessions", "plan_not_object")
    sessions = []
    for i, raw in enumerate(data["sessions"]):
        where = f"sessions[{i}]"
        if not isinstance(raw, dict):
            raise ScenarioError(where, "not_object")
        for key in ("part", "level", "room", "start", "end"):
            if raw.get(key) in (None, ""):
                raise ScenarioError(f"{where}.{key}", "missing")
        staff = raw.get("staff") or []
        seats_raw = raw.get("seats") or []
        if not isinstance(staff, list) or not isinstance(seats_raw, list):
            raise ScenarioError(where, "staff_seats_not_lists")
        seats = []
        for j, seat in enumerate(seats_raw):
            if not isinstance(seat, dict) or seat.get("candidate") in (None, ""):
                raise ScenarioError(f"{where}.seats[{j}]", "seat_not_object")
            number = seat.get("seat", j + 1)
            if isinstance(number, bool) or not isinstance(number, int):
                raise ScenarioError(f"{where}.seats[{j}].seat", "not_whole_number", value=number)
            seats.append(Seat(number, str(seat["candidate"]), str(seat.get("admission_no") or "")))
        sessions.append(Session(
            id=str(raw.get("id") or f"#{i + 1}"), part=str(raw["part"]), level=str(raw["level"]), room=str(raw["room"]),
            start=parse_time(raw["start"], f"{where}.start"), end=parse_time(raw["end"], f"{where}.end"),
            staff=[str(x) for x in staff], seats=seats, chief=raw.get("chief"), slot=str(raw.get("slot") or ""),
            reserve_seats=int(raw.get("reserve_seats") or 0), number=int(raw.get("number") or 0)))
    unplaced = [Unplaced(str(u.get("candidate")), str(u.get("part")), str(u.get("code") or "unplaced"), dict(u.get("params") or {}))
                for u in data.get("unplaced") or [] if isinstance(u, dict)]
    reserve = [(str(r.get("slot")), str(r.get("room"))) for r in data.get("reserve_rooms") or [] if isinstance(r, dict)]
    return Plan(standard=str(data.get("standard") or ""), batch=str(data.get("batch") or ""), sessions=sessions,
                unplaced=unplaced, reserve_rooms=reserve, seed=data.get("seed"), record=dict(data.get("record") or {}))
