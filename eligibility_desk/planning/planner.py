"""``plan_sessions``: a scenario in, a complete plan out — sessions, seats, admission numbers, record.

Long work in the Orange3 manner: a module-level pure function taking ``progress(done, total)`` and
``cancelled()``.  Every random choice comes from ``random.Random(seed)``, so the same scenario and seed
give the same plan, byte for byte; the seed, operator and time are kept in the plan's ``record`` (编排记录).
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
from datetime import datetime
from typing import Callable

from eligibility_desk.planning.admission import AdmissionPattern
from eligibility_desk.planning.builder import PlanBuilder
from eligibility_desk.planning.exact import TIME_CEILING, WORK_LIMIT
from eligibility_desk.planning.plan import Plan, Seat, Session, Unplaced
from eligibility_desk.planning.rules import PlanningRules
from eligibility_desk.planning.scenario import Scenario, ScenarioError
from eligibility_desk.planning.scenario_json import scenario_to_json


class AdmissionNumberClash(ScenarioError):
    """The configured pattern gave two candidates the same admission number: a refusal of
    ``options.admission_pattern`` (code ``admission_clash``, worded by ``planning.wording.input_text``)."""

    def __init__(self, number: str, first: str, second: str, pattern: str):
        super().__init__("options.admission_pattern", "admission_clash", number=number, first=first, second=second,
                         pattern=pattern)



def plan_sessions(scenario: Scenario, rules: PlanningRules, *, seed: int | None = None,
                  operator: str = "", now: datetime | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None, exact: bool = True,
                  work_limit: float = WORK_LIMIT, time_limit: float = TIME_CEILING) -> Plan:
    """Greedy first; if it leaves sittings unplaced, the exact pass (:mod:`.exact`) proves the minimum and
    takes over when it places more.  ``record["optimality"]`` says what was proven.  Each of its solves may do
    ``work_limit`` units of deterministic work (so the plan does not depend on the machine's load), and is
    stopped after ``time_limit`` seconds whatever its work, a safety net only."""
    if seed is None:
        seed = secrets.randbelow(10**9)
    builder = PlanBuilder(scenario, rules, random.Random(seed))
    sittings = [(c.id, part) for c in scenario.candidates for part in c.parts]
    unplaced = builder.place(sittings, progress, cancelled)
    sessions = builder.sessions
    optimality = {"unplaced_min": 0, "proven": True, "method": "greedy", "seconds": 0.0}
    if unplaced and exact:
        sessions, unplaced, optimality = improve(scenario, rules, seed, builder, unplaced, work_limit, time_limit,
                                                 cancelled=cancelled)
    elif unplaced:
        optimality = {"unplaced_min": None, "proven": False, "method": "greedy", "seconds": 0.0}
    sessions = order_sessions(sessions, scenario)
    number_sessions(sessions)
    assign_admission_numbers(sessions, scenario)
    plan = Plan(standard=scenario.standard, batch=scenario.options.batch, sessions=sessions, unplaced=unplaced,
                reserve_rooms=builder.reserve_rooms, seed=seed)
    plan.record = make_record(scenario, rules, seed, operator or scenario.options.operator, now, plan)
    plan.record["optimality"] = optimality
    return plan


def improve(scenario: Scenario, rules: PlanningRules, seed: int, builder: PlanBuilder, unplaced: list[Unplaced],
            work_limit: float, time_limit: float, lost_rooms=(), take_over: bool = True,
            cancelled: Callable[[], bool] | None = None) -> tuple[list[Session], list[Unplaced], dict]:
    """Run the exact pass over the scenario; keep the greedy sessions unless it places more (and
    ``take_over``: re-planning keeps its few changes and only reports the bound).  Every unplaced sitting
    then carries the whole scenario's reason (staff short per role, or rooms and time)."""
    from eligibility_desk.planning.exact import solve_exactly

    reserve: dict[str, set[str]] = {}
    for slot_id, room_id in builder.reserve_rooms:
        reserve.setdefault(slot_id, set()).add(room_id)
    result = solve_exactly(scenario, rules, random.Random(seed), reserve=reserve, lost_rooms=lost_rooms,
                           cand_rank=builder.cand_rank, staff_rank=builder.staff_rank, work_limit=work_limit,
                           time_limit=time_limit, seed=seed, hint=builder.sessions, cancelled=cancelled)
    sessions = builder.sessions
    optimality = {"unplaced_min": result.lower_bound, "proven": result.status == "optimal", "method": "cp-sat",
                  "status": result.status, "seconds": round(result.seconds, 3), "greedy_unplaced": len(unplaced),
                  "work": round(result.work, 3), "work_limit": work_limit}
    if result.stopped:
        optimality["stopped"] = result.stopped        # work_limit: same on any machine; wall_clock: the safety net
    if take_over and result.sessions is not None and result.best is not None and result.best < len(unplaced):
        sessions = result.sessions
        unplaced = [Unplaced(cid, part, "no_slot", {}) for cid, part in result.unplaced]
    if result.status in ("optimal", "feasible") and unplaced and result.beyond_staff is not None:
        params = {"staff": dict(result.shortage), "beyond_staff": result.beyond_staff}
        optimality["shortage"] = dict(result.shortage)
        optimality["beyond_staff"] = result.beyond_staff
        cands = scenario.candidate_map()
        reasons = []
        for u in unplaced:
            level = cands[u.candidate].level
            structural = builder.blocked.get((u.part, level))
            if not result.shortage.get(rules.part(u.part).role) and structural and structural[0] in ("no_room", "slot_too_short"):
                reasons.append(Unplaced(u.candidate, u.part, structural[0], dict(structural[1])))   # says which
            else:
                reasons.append(Unplaced(u.candidate, u.part, "scenario_short", dict(params)))
        unplaced = reasons
    unplaced.sort(key=lambda u: (u.candidate, list(rules.parts).index(u.part)))
    return sessions, unplaced, optimality


def order_sessions(sessions: list[Session], scenario: Scenario) -> list[Session]:
    room_order = {r.id: i for i, r in enumerate(scenario.rooms)}
    return sorted(sessions, key=lambda s: (s.start, s.end, room_order.get(s.room, len(room_order)), s.room, s.part))


def number_sessions(sessions: list[Session]) -> None:
    """考场号: 1, 2, ... in slot then room order, for sessions without one."""
    taken = {s.number for s in sessions if s.number}
    nxt = max(taken, default=0)
    for s in sessions:
        if not s.number:
            nxt += 1
            s.number = nxt


def assign_admission_numbers(sessions: list[Session], scenario: Scenario) -> None:
    """Give every seat without a number the candidate's admission number (one per candidate, all parts).

    A candidate's number comes from the first session (in plan order) where they sit; candidates who
    already have a number keep it.
    """
    pattern = AdmissionPattern(scenario.options.admission_pattern)
    cands = scenario.candidate_map()
    slot_no = {slot.id: i + 1 for i, slot in enumerate(scenario.slots)}
    number: dict[str, str] = {}
    for s in sessions:
        for seat in s.seats:
            if seat.admission_no and seat.candidate not in number:
                number[seat.candidate] = seat.admission_no
    owner = {no: cid for cid, no in number.items()}
    for s in sessions:
        for seat in s.seats:
            cid = seat.candidate
            if cid in number:
                continue
            level = cands[cid].level if cid in cands else s.level
            no = pattern.format(batch=scenario.options.batch, level=level, room=s.number, seat=seat.seat,
                                slot=slot_no.get(s.slot, 0), candidate=cid)
            if no in owner:
                raise AdmissionNumberClash(no, owner[no], cid, pattern.pattern)
            number[cid] = no
            owner[no] = cid
    for s in sessions:
        s.seats = [seat if seat.admission_no == number[seat.candidate] else Seat(seat.seat, seat.candidate, number[seat.candidate])
                   for seat in s.seats]


def scenario_digest(scenario: Scenario) -> str:
    data = scenario_to_json(scenario)
    try:                                   # the same bytes as json.dumps below, several times faster
        import orjson
        raw = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    except ImportError:
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def make_record(scenario: Scenario, rules: PlanningRules, seed: int, operator: str, now: datetime | None,
                plan: Plan) -> dict:
    """编排记录: what is needed to reproduce and to account for the plan."""
    now = now or datetime.now().replace(microsecond=0)
    return {
        "seed": seed,
        "operator": operator,
        "time": now.isoformat(timespec="seconds"),
        "scenario_sha256": scenario_digest(scenario),
        "standard": rules.standard,
        "rules": {k: v for k, v in rules.references.items() if k in ("staffing", "durations", "venues")},
        "admission_pattern": scenario.options.admission_pattern,
        "reserve_seats_per_room": scenario.options.reserve_seats_per_room,
        "reserve_rooms": scenario.options.reserve_rooms,
        "sessions": len(plan.sessions),
        "seated": sum(len(s.seats) for s in plan.sessions),
        "unplaced": len(plan.unplaced),
    }
