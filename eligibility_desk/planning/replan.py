"""Re-planning after a change — a walk-in, a sick invigilator, a room lost — moving as little as possible.

The plan in force is kept wherever it still holds: sessions keep their room, staff, seats and admission
numbers.  Only what the change breaks is repaired, in this order:

1. people who left the scenario (or can no longer serve: unavailable, role or credential gone) leave their
   sessions; a candidate who no longer sits a part loses that seat;
2. a session whose room is lost moves to a free room of an allowed kind in the same slot, else its
   candidates are released;
3. a session short of staff (§1.9.3) gets free, eligible staff; if there are none, it sheds its last seats
   until the staff left can cover it;
4. every sitting without a seat (walk-ins, released, previously unplaced) first takes a free seat in an
   existing session of its part and level, then a reserve seat there, then the ordinary planner opens new
   sessions for the rest (leaving the reserve rooms alone).  A session whose room is lost goes to the
   slot's reserve room first.

What moved is worked out by comparing the two plans, so the report is exact: every candidate whose
session changed, every staff member added to or taken off a session, every session that changed room.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from typing import Callable

from eligibility_desk.planning.builder import PlanBuilder
from eligibility_desk.planning.exact import TIME_CEILING, WORK_LIMIT
from eligibility_desk.planning.plan import Move, Plan, Seat, Session
from eligibility_desk.planning.planner import (
    assign_admission_numbers, improve, make_record, number_sessions, order_sessions,
)
from eligibility_desk.planning.rules import PlanningRules
from eligibility_desk.planning.scenario import Scenario


@dataclass
class ReplanResult:
    plan: Plan
    moves: list[Move]


def replan(previous: Plan, scenario: Scenario, rules: PlanningRules, *, lost_rooms=(), seed: int | None = None,
           operator: str = "", now=None, progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None, work_limit: float = WORK_LIMIT,
           time_limit: float = TIME_CEILING) -> ReplanResult:
    seed = seed if seed is not None else (previous.seed if isinstance(previous.seed, int) else 0)
    cands, staff, rooms = scenario.candidate_map(), scenario.staff_map(), scenario.room_map()
    lost = set(lost_rooms) | {s.room for s in previous.sessions if s.room not in rooms}
    builder = PlanBuilder(scenario, rules, random.Random(seed), lost_rooms=lost)
    sessions = [copy.deepcopy(s) for s in previous.sessions]

    # 1. people who left or can no longer serve
    for s in sessions:
        rule = rules.parts.get(s.part)
        s.seats = [seat for seat in s.seats if seat.candidate in cands and s.part in cands[seat.candidate].parts
                   and cands[seat.candidate].level == s.level]
        insts = {cands[seat.candidate].institution for seat in s.seats} - {""}
        s.staff = [sid for sid in s.staff if sid in staff and _may_serve(staff[sid], s, rule, rules, insts)]
        if s.chief not in s.staff:
            s.chief = None
    sessions = [s for s in sessions if s.seats and s.part in rules.parts]

    # 2. rooms lost: adopt the sessions that keep their room first, then re-host the others
    homeless = [s for s in sessions if s.room in lost]
    for s in sessions:
        if s.room not in lost:
            builder.adopt(s)
    reserve: dict[str, list[str]] = {}
    for slot_id, room_id in previous.reserve_rooms:
        reserve.setdefault(slot_id, []).append(room_id)
    for s in homeless:
        room = _free_room(builder, s, rules, reserve.get(s.slot, ()))
        if room is not None:
            s.room = room.id
            builder.adopt(s)

    # 3. staff short
    for s in list(builder.sessions):
        _top_up_staff(builder, s, rules)
    builder.sessions = [s for s in builder.sessions if s.seats]
    # 3b. a part that must follow one that lost its seat (综合评审 after 理论/技能) gives its seat up too, so
    # both are placed again in order (assessment.part_order)
    _release_orphaned_followers(builder, rules)
    builder.sessions = [s for s in builder.sessions if s.seats]
    placed = {(seat.candidate, s.part) for s in builder.sessions for seat in s.seats}
    builder.placed = set(placed)

    # 4. sittings without a seat
    sittings = [(c.id, part) for c in scenario.candidates for part in c.parts if (c.id, part) not in placed]
    # a released candidate keeps their time if a session then has room: the time is on their slip too
    was_at = {(seat.candidate, s.part): s.start for s in previous.sessions for seat in s.seats}
    rest = [sitting for sitting in sittings if not _fill_existing(builder, sitting, rules, was_at.get(sitting))]
    rest = [sitting for sitting in rest if not _fill_existing(builder, sitting, rules, was_at.get(sitting), use_reserve=True)]
    builder.fixed_reserve = reserve               # new sessions leave the remaining reserve rooms alone
    unplaced = builder.place(rest, progress, cancelled)
    optimality = {"unplaced_min": 0, "proven": True, "method": "greedy", "seconds": 0.0}
    if unplaced:
        # the fewest any plan (a fresh one, not only a small change) could leave, and the whole scenario's
        # shortage as every unplaced sitting's reason; the re-plan keeps its few changes
        builder.reserve_rooms = [(slot_id, room_id) for slot_id, rooms in reserve.items() for room_id in rooms]
        _s, unplaced, optimality = improve(scenario, rules, seed, builder, unplaced, work_limit, time_limit,
                                           lost_rooms=lost, take_over=False, cancelled=cancelled)
        optimality["scope"] = "fresh_plan"

    new_sessions = order_sessions(builder.sessions, scenario)
    number_sessions(new_sessions)
    # a candidate keeps the admission number already printed on their slip
    old_numbers = {seat.candidate: seat.admission_no for s in previous.sessions for seat in s.seats if seat.admission_no}
    for s in new_sessions:
        s.seats = [Seat(seat.seat, seat.candidate, seat.admission_no or old_numbers.get(seat.candidate, "")) for seat in s.seats]
    assign_admission_numbers(new_sessions, scenario)
    in_use = {(s.slot, s.room) for s in new_sessions}
    plan = Plan(standard=scenario.standard, batch=scenario.options.batch, sessions=new_sessions, unplaced=unplaced,
                reserve_rooms=[r for r in previous.reserve_rooms if r not in in_use], seed=seed)
    plan.record = make_record(scenario, rules, seed, operator or scenario.options.operator, now, plan)
    plan.record["replanned_from"] = previous.record.get("scenario_sha256", "")
    plan.record["optimality"] = optimality
    return ReplanResult(plan, diff_plans(previous, plan))


def _release_orphaned_followers(builder: PlanBuilder, rules: PlanningRules) -> None:
    if not rules.order:
        return
    placed = {(seat.candidate, s.part) for s in builder.sessions for seat in s.seats}
    for s in builder.sessions:
        keep = []
        for seat in s.seats:
            cand = builder.cands[seat.candidate]
            after, _gap = rules.prerequisites(cand.level, s.part)
            if any(p in cand.parts and (seat.candidate, p) not in placed for p in after):
                builder.cand_busy.get(seat.candidate, set()).difference_update(builder.slot_indices(s))
                builder.placed.discard((seat.candidate, s.part))
                builder.sitting_at.pop((seat.candidate, s.part), None)
            else:
                keep.append(seat)
        s.seats = keep
        if not keep:
            idx = set(builder.slot_indices(s))
            for sid in s.staff:
                builder.staff_busy.get(sid, set()).difference_update(idx)
            builder.room_busy.get(s.room, set()).difference_update(idx)


def _may_serve(member, s: Session, rule, rules: PlanningRules, insts: set[str]) -> bool:
    if rule is None or rule.role not in member.roles or not member.available(s.start, s.end):
        return False
    if member.institution and member.institution in insts:
        return False
    return rule.role != "examiner" or member.may_examine(rules.standard, s.level)


def _free_room(builder: PlanBuilder, s: Session, rules: PlanningRules, reserve=()):
    """A free room for a session that lost its own: the slot's reserve room first, if it will do."""
    rule = rules.part(s.part)
    idx = builder.slot_indices(s)
    options = [r for r in builder.scenario.rooms
               if r.id not in builder.lost_rooms and rule.room_allowed(r, rules.equipment_names or {})
               and builder.usable(r) >= len(s.seats)
               and not (builder.room_busy.get(r.id, set()) & set(idx))]
    if not options:
        return None
    return min(options, key=lambda r: (r.id not in reserve, rule.room_kinds.index(r.kind), r.capacity, builder.room_order[r.id]))


def _free_staff(builder: PlanBuilder, s: Session, rule, rules: PlanningRules, extra_candidates=()):
    idx = set(builder.slot_indices(s))
    cands = builder.cands
    insts = {cands[c].institution for c in [*s.candidates(), *extra_candidates]} - {""}
    free = [m for m in builder.scenario.staff
            if m.id not in s.staff and not (builder.staff_busy.get(m.id, set()) & idx) and _may_serve(m, s, rule, rules, insts)]
    free.sort(key=lambda m: (builder.workload.get(m.id, 0), builder.staff_rank[m.id]))
    return free


def _add_staff(builder: PlanBuilder, s: Session, members) -> None:
    idx = builder.slot_indices(s)
    for m in members:
        s.staff.append(m.id)
        builder.staff_busy.setdefault(m.id, set()).update(idx)
        builder.workload[m.id] = builder.workload.get(m.id, 0) + 1


def _top_up_staff(builder: PlanBuilder, s: Session, rules: PlanningRules) -> None:
    rule = rules.part(s.part)
    need = rule.staff_needed(len(s.seats))
    if len(s.staff) < need or not rule.valid_staff_count(len(s.staff), len(s.seats)):
        free = _free_staff(builder, s, rule, rules)
        missing = max(0, need - len(s.staff))
        if len(free) >= missing:
            _add_staff(builder, s, free[:missing])
        else:
            _add_staff(builder, s, free)
            allowed = rule.max_candidates_for_staff(len(s.staff))
            for seat in s.seats[allowed:]:
                builder.cand_busy.get(seat.candidate, set()).difference_update(builder.slot_indices(s))
                builder.placed.discard((seat.candidate, s.part))
                builder.sitting_at.pop((seat.candidate, s.part), None)
            s.seats = s.seats[:allowed]
            if not s.seats:
                idx = set(builder.slot_indices(s))
                for sid in s.staff:
                    builder.staff_busy.get(sid, set()).difference_update(idx)
                builder.room_busy.get(s.room, set()).difference_update(idx)
    if s.seats and not rule.valid_staff_count(len(s.staff), len(s.seats)) and len(s.staff) > rule.staff_needed(len(s.seats)):
        # shedding seats left more staff than needed and an even panel (§1.9.3 单数): release the surplus,
        # the last added first and never the chief, so the panel is odd again and as little changes as can
        keep = rule.staff_needed(len(s.seats))
        surplus = [sid for sid in reversed(s.staff) if sid != s.chief][:len(s.staff) - keep]
        idx = set(builder.slot_indices(s))
        for sid in surplus:
            s.staff.remove(sid)
            builder.staff_busy.get(sid, set()).difference_update(idx)
            builder.workload[sid] = builder.workload.get(sid, 1) - 1
    if rule.role == "invigilator" and s.staff and s.chief not in s.staff:
        s.chief = next((sid for sid in s.staff if builder._staff_by_id(sid).chief), s.staff[0])


def _fill_existing(builder: PlanBuilder, sitting: tuple[str, str], rules: PlanningRules, prefer_start=None,
                   use_reserve: bool = False) -> bool:
    """Seat a sitting in an existing session with a free seat; add staff if the ratio asks for it.

    First pass: ordinary seats only; second pass (``use_reserve``): reserve seats too — a reserve seat
    changes less than a new session."""
    cid, part = sitting
    cand = builder.cands[cid]
    rule = rules.part(part)
    rooms = builder.scenario.room_map()
    for s in sorted(builder.sessions, key=lambda s: s.start != prefer_start):
        if s.part != part or s.level != cand.level or s.room not in rooms:
            continue
        idx = builder.slot_indices(s)
        if builder.cand_busy.get(cid, set()) & set(idx):
            continue
        if not builder.order_ok(cid, part, s.start, s.end):
            continue
        n = len(s.seats) + 1
        room_seats = rooms[s.room].capacity if use_reserve else builder.usable(rooms[s.room])
        if n > room_seats or rule.min_duration(n) > (s.end - s.start).total_seconds() // 60:
            continue
        if cand.institution and any(builder._staff_by_id(x).institution == cand.institution for x in s.staff):
            continue
        missing = rule.staff_needed(n) - len(s.staff)
        if missing > 0:
            free = _free_staff(builder, s, rule, rules, extra_candidates=[cid])
            if len(free) < missing:
                continue
            _add_staff(builder, s, free[:missing])
        s.seats.append(Seat(s.next_seat(), cid))
        builder.cand_busy.setdefault(cid, set()).update(idx)
        builder.placed.add(sitting)
        builder.sitting_at[sitting] = (s.start, s.end)
        return True
    return False


def diff_plans(old: Plan, new: Plan) -> list[Move]:
    """Exactly what differs between two plans: candidates' sessions, staff assignments, session rooms."""
    moves: list[Move] = []
    old_rooms = {s.id: s.room for s in old.sessions}
    new_rooms = {s.id: s.room for s in new.sessions}
    for sid in new_rooms:
        if sid in old_rooms and old_rooms[sid] != new_rooms[sid]:
            moves.append(Move("session", sid, from_session=sid, to_session=sid,
                              detail={"from_room": old_rooms[sid], "to_room": new_rooms[sid]}))
    part_of = {s.id: s.part for s in [*old.sessions, *new.sessions]}

    def seats(plan: Plan) -> dict:
        return {(seat.candidate, s.part): (s.id, seat.seat) for s in plan.sessions for seat in s.seats}

    before, after = seats(old), seats(new)
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        detail = {}
        if a:
            detail.update(from_room=old_rooms.get(a[0]), from_seat=a[1])
        if b:
            detail.update(to_room=new_rooms.get(b[0]), to_seat=b[1])
        moves.append(Move("candidate", key[0], key[1], a[0] if a else None, b[0] if b else None, detail))

    def duties(plan: Plan) -> set:
        return {(sid, s.id) for s in plan.sessions for sid in s.staff}

    was, now = duties(old), duties(new)
    for staff_id, session_id in sorted(was - now):
        moves.append(Move("staff", staff_id, part_of.get(session_id, ""), session_id, None))
    for staff_id, session_id in sorted(now - was):
        moves.append(Move("staff", staff_id, part_of.get(session_id, ""), None, session_id))
    return moves
