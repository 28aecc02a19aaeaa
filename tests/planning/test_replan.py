"""Re-planning after a change keeps the plan in force and reports exactly what moved."""

import copy

from eligibility_desk.planning import PlanChecker, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.planning.replan import diff_plans, replan


def _base(small_data, rules):
    scenario = parse_scenario(small_data, rules)
    return plan_sessions(scenario, rules, seed=3)


def _seats(plan):
    return {(seat.candidate, s.part): (s.id, s.room, seat.seat, seat.admission_no) for s in plan.sessions for seat in s.seats}


def test_nothing_changed_nothing_moves(small_data, rules):
    plan = _base(small_data, rules)
    result = replan(plan, parse_scenario(small_data, rules), rules)
    assert result.moves == []
    assert _seats(result.plan) == _seats(plan)


def test_a_walk_in_takes_free_seats_and_nobody_else_moves(small_data, rules):
    plan = _base(small_data, rules)
    small_data["candidates"].append({"id": "W1", "name": "临时", "level": "4", "institution": "SCH-C", "parts": ["theory", "skill"]})
    scenario = parse_scenario(small_data, rules)
    result = replan(plan, scenario, rules)
    assert [(m.kind, m.id, m.part, m.from_session) for m in result.moves] == [
        ("candidate", "W1", "skill", None), ("candidate", "W1", "theory", None)]
    assert {m.to_session for m in result.moves} == {s.id for s in plan.sessions}
    after = _seats(result.plan)
    assert all(after[key] == where for key, where in _seats(plan).items())     # everyone else stays put
    assert after[("W1", "theory")][2] == 5                                      # the next seat
    assert PlanChecker(scenario, rules).violations(result.plan) == []


def test_a_sick_invigilator_is_replaced(small_data, rules):
    plan = _base(small_data, rules)
    theory = next(s for s in plan.sessions if s.part == "theory")
    sick = next(x for x in theory.staff if x != theory.chief)
    small_data["staff"] = [s for s in small_data["staff"] if s["id"] != sick]
    scenario = parse_scenario(small_data, rules)
    result = replan(plan, scenario, rules)
    moves = [(m.kind, m.id, m.from_session, m.to_session) for m in result.moves]
    assert len(moves) == 2
    assert ("staff", sick, theory.id, None) in moves
    (_k, stand_in, _f, to), = [m for m in moves if m[1] != sick]
    assert to == theory.id and stand_in not in ("I3",)                          # never the SCH-A invigilator
    assert PlanChecker(scenario, rules).violations(result.plan) == []


def test_a_lost_room_moves_its_session_and_only_that(small_data, rules):
    plan = _base(small_data, rules)
    theory = next(s for s in plan.sessions if s.part == "theory")
    scenario = parse_scenario(small_data, rules)
    result = replan(plan, scenario, rules, lost_rooms=[theory.room])
    assert len(result.moves) == 1
    move = result.moves[0]
    assert move.kind == "session" and move.id == theory.id
    assert move.detail["from_room"] == theory.room and move.detail["to_room"] not in (theory.room, "CL2")
    assert PlanChecker(scenario, rules).violations(result.plan) == []
    assert result.plan.session_map()[theory.id].seats == theory.seats           # same seats, same numbers


def test_a_bigger_change_on_a_generated_batch(rules):
    data = generate_scenario(400, seed=6)
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=6)
    changed = copy.deepcopy(data)
    gone = {s for sess in plan.sessions[:3] for s in sess.staff[:1]}
    changed["staff"] = [s for s in changed["staff"] if s["id"] not in gone]
    changed["candidates"] += [{"id": f"W{i}", "name": f"W{i}", "level": "3", "institution": "", "parts": ["theory"]} for i in range(5)]
    lost = [plan.sessions[5].room]
    new_scenario = parse_scenario(changed, rules)
    result = replan(plan, new_scenario, rules, lost_rooms=lost)
    assert PlanChecker(new_scenario, rules).violations(result.plan) == []
    assert result.plan.unplaced == []
    moved = {(m.id, m.part) for m in result.moves if m.kind == "candidate"}
    before, after = _seats(plan), _seats(result.plan)
    for key, where in before.items():
        if key not in moved:
            assert after[key][0] == where[0] and after[key][2:] == where[2:]   # same session, seat and number
    assert {m.id for m in result.moves if m.kind == "staff" and m.to_session is None} >= gone
    assert result.moves == diff_plans(plan, result.plan)


def test_a_lost_room_goes_to_the_reserve_room(rules):
    data = generate_scenario(300, seed=8)
    data["options"] = {"reserve_rooms": 1, "reserve_seats_per_room": 2}
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=8)
    reserve = dict(plan.reserve_rooms)
    rooms = scenario.room_map()
    uses = {}
    for s in plan.sessions:
        uses.setdefault(s.room, []).append(s)
    lost = next(room for room, held in uses.items()
                if all(s.slot in reserve and len(s.seats) <= rooms[reserve[s.slot]].capacity
                       and rooms[reserve[s.slot]].kind in rules.part(s.part).room_kinds for s in held))
    result = replan(plan, scenario, rules, lost_rooms=[lost])
    assert sorted((m.kind, m.id, m.detail["to_room"]) for m in result.moves) == sorted(
        ("session", s.id, reserve[s.slot]) for s in uses[lost])               # each to its slot's reserve room
    assert not {(s.slot, reserve[s.slot]) for s in uses[lost]} & set(result.plan.reserve_rooms)
    assert PlanChecker(scenario, rules).violations(result.plan) == []


def test_a_walk_in_takes_a_reserve_seat_before_a_new_room_is_opened(small_data, rules):
    small_data["options"] = {"reserve_seats_per_room": 26}          # 30-seat rooms hold 4 in ordinary seats
    small_data["rooms"][1]["capacity"] = 30
    scenario = parse_scenario(small_data, rules)
    plan = plan_sessions(scenario, rules, seed=1)
    theory = next(s for s in plan.sessions if s.part == "theory")
    assert len(theory.seats) == 4 and plan.unplaced == []
    small_data["candidates"].append({"id": "W1", "name": "临时", "level": "4", "institution": "SCH-C", "parts": ["theory"]})
    changed = parse_scenario(small_data, rules)
    result = replan(plan, changed, rules)
    assert [(m.id, m.to_session, m.detail["to_seat"]) for m in result.moves] == [("W1", theory.id, 5)]
    found = PlanChecker(changed, rules).check(result.plan)
    assert [v.code for v in found] == ["reserve_seats_used"] and not found[0].hard
