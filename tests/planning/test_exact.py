"""The exact pass: hard scenarios where the greedy pass leaves avoidable gaps, the bound reported with the
plan, the whole-scenario reason, and random small scenarios where an independent exact search (one
variable per candidate, part and session, one per staff member and session) proves the optimum."""

import random

import pytest

from eligibility_desk.planning import PlanChecker, parse_scenario, plan_sessions
from eligibility_desk.planning.wording import optimality_text, unplaced_text

AM = {"id": "AM", "start": "2025-10-18T09:00", "end": "2025-10-18T12:00"}
PM = {"id": "PM", "start": "2025-10-18T14:00", "end": "2025-10-18T17:00"}


def _skill(plan):
    return [u for u in plan.unplaced if u.part == "skill"]


def test_sixty_level_4_candidates_four_examiners_two_slots(rules):
    data = {"standard": "4-07-02-06", "batch": "X",
            "candidates": [{"id": f"C{i:02d}", "level": "4", "institution": f"S{i % 4}"} for i in range(60)],
            "rooms": [{"id": "CL1", "kind": "classroom", "capacity": 60}, {"id": "CL2", "kind": "classroom", "capacity": 60},
                      {"id": "WS1", "kind": "worksite", "capacity": 30}, {"id": "WS2", "kind": "worksite", "capacity": 30}],
            "staff": [{"id": f"I{i}", "roles": ["invigilator"]} for i in range(8)]
            + [{"id": f"E{i}", "roles": ["examiner"]} for i in range(4)],
            "slots": [AM, PM]}
    scenario = parse_scenario(data, rules)
    greedy = plan_sessions(scenario, rules, seed=1, exact=False)
    assert len(_skill(greedy)) == 45                     # all theory in the morning: one panel, afternoon only
    plan = plan_sessions(scenario, rules, seed=1)
    assert len(plan.unplaced) == len(_skill(plan)) == 30  # one 3-examiner panel in each slot: 15 + 15
    assert PlanChecker(scenario, rules).violations(plan) == []
    assert plan.record["optimality"]["unplaced_min"] == 30 and plan.record["optimality"]["proven"]
    assert optimality_text(plan.record, len(plan.unplaced)) == "最少未安排 30，本方案 30"
    # the whole scenario is 2 examiners short (6 per slot would seat all 30 in two panels), for every sitting
    assert {unplaced_text(u) for u in plan.unplaced} == {"技能考核：考评员共缺 2 名"}
    assert unplaced_text(plan.unplaced[0], "en") == "Skill assessment: 2 examiner(s) short in all"


def test_examiners_away_for_one_minute_of_the_slot_still_serve(rules):
    data = {"standard": "4-07-02-06", "batch": "X",
            "candidates": [{"id": f"C{i:02d}", "level": "4", "parts": ["skill"]} for i in range(30)],
            "rooms": [{"id": "WS1", "kind": "worksite", "capacity": 15}, {"id": "WS2", "kind": "worksite", "capacity": 15}],
            "staff": [{"id": f"E{i}", "roles": ["examiner"]} for i in range(3)]
            + [{"id": f"E{i}", "roles": ["examiner"],
                "unavailable": [{"start": "2025-10-18T11:59", "end": "2025-10-18T12:00"}]} for i in range(3, 6)],
            "slots": [AM]}
    scenario = parse_scenario(data, rules)
    assert len(plan_sessions(scenario, rules, seed=1, exact=False).unplaced) == 15
    plan = plan_sessions(scenario, rules, seed=1)
    assert plan.unplaced == [] and PlanChecker(scenario, rules).violations(plan) == []
    short = next(s for s in plan.sessions if s.end.minute == 59)          # 09:00–11:59: still ≥ 90 min
    assert {sid for sid in short.staff} == {"E3", "E4", "E5"}


def test_a_review_committee_seats_six_where_six_fit(rules):
    data = {"standard": "4-07-02-06", "batch": "X",
            "candidates": [{"id": f"C{i}", "level": "2", "parts": ["review"]} for i in range(6)],
            "rooms": [{"id": "M1", "kind": "classroom", "capacity": 6}, {"id": "M2", "kind": "classroom", "capacity": 6}],
            "staff": [{"id": f"R{i}", "roles": ["reviewer"]} for i in range(3)],
            "slots": [{"id": "S", "start": "2025-10-18T09:00", "end": "2025-10-18T11:00"}]}   # 120 min: 6 × 20
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=2)
    assert plan.unplaced == [] and [len(s.seats) for s in plan.sessions] == [6]
    assert PlanChecker(scenario, rules).violations(plan) == []


def test_a_complete_plan_reports_zero_as_proven_without_a_solve(small, rules):
    plan = plan_sessions(small, rules, seed=1)
    assert plan.unplaced == [] and plan.record["optimality"] == {
        "unplaced_min": 0, "proven": True, "method": "greedy", "seconds": 0.0}
    assert optimality_text(plan.record, 0, "en") == "fewest unplaced 0; this plan 0"


# -- random small scenarios against an independent exact search ------------------------------------------
def _random_scenario(rng: random.Random) -> dict:
    slots = [{"id": f"T{i}", "start": f"2025-10-{18 + i // 2}T{'09:00' if i % 2 == 0 else '14:00'}",
              "end": f"2025-10-{18 + i // 2}T{rng.choice(['10:00', '11:00', '12:00']) if i % 2 == 0 else '17:00'}"}
             for i in range(rng.randint(1, 3))]
    insts = ["A", "B", ""]
    cands = []
    for i in range(rng.randint(2, 9)):
        level = rng.choice(["4", "4", "2"])
        parts = {"4": ["theory", "skill"], "2": ["theory", "skill", "review"]}[level]
        if rng.random() < 0.4:
            parts = [rng.choice(parts)]
        cands.append({"id": f"C{i}", "level": level, "institution": rng.choice(insts), "parts": parts})
    rooms = [{"id": f"R{i}", "kind": rng.choice(["classroom", "worksite", "computer_lab"]),
              "capacity": rng.randint(1, 8), "equipment": rng.choice([[], ["network", "计算机"], ["network", "计算机"]])}
             for i in range(rng.randint(2, 3))]
    staff = []
    for i in range(rng.randint(5, 12)):
        member = {"id": f"P{i}", "roles": [("invigilator", "examiner", "examiner", "reviewer")[i % 4]],
                  "institution": rng.choice(insts + ["", "", ""])}
        if rng.random() < 0.2:
            member["credentials"] = [{"occupation": "4-07-02-06", "levels": ["2"]}]
        if rng.random() < 0.25:
            away = rng.choice(slots)
            member["unavailable"] = [{"start": away["start"], "end": away["end"]}]
        staff.append(member)
    return {"standard": "4-07-02-06", "batch": "R", "candidates": cands, "rooms": rooms, "staff": staff, "slots": slots}


def _fewest_unplaced(scenario, rules) -> int:
    """One boolean per (candidate, part, session) and per (staff member, session); sessions fill whole slots."""
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    names = rules.equipment_names
    sessions = []
    for si, slot in enumerate(scenario.slots):
        for room in scenario.rooms:
            for part, rule in rules.parts.items():
                cap = min(room.capacity, rule.max_candidates_for_minutes(slot.minutes))
                if cap > 0 and rule.room_allowed(room, names):
                    for level in rules.levels:
                        sessions.append((si, room.id, part, level, cap))
    opened = [m.NewBoolVar("") for _ in sessions]
    sit = {}
    for k, (si, room, part, level, cap) in enumerate(sessions):
        for c in scenario.candidates:
            if c.level == level and part in c.parts:
                sit[(c.id, part, k)] = v = m.NewBoolVar("")
                m.Add(v <= opened[k])
    serve = {}
    for k, (si, room, part, level, cap) in enumerate(sessions):
        rule = rules.part(part)
        slot = scenario.slots[si]
        for p in scenario.staff:
            if rule.role in p.roles and p.available(slot.start, slot.end) and \
                    (rule.role != "examiner" or p.may_examine(rules.standard, level)):
                serve[(p.id, k)] = v = m.NewBoolVar("")
                for c in scenario.candidates:
                    if p.institution and c.institution == p.institution and (c.id, part, k) in sit:
                        m.Add(v + sit[(c.id, part, k)] <= 1)
    for k, (si, room, part, level, cap) in enumerate(sessions):
        rule = rules.part(part)
        seated = [v for (cid, pt, kk), v in sit.items() if kk == k]
        staff = [v for (pid, kk), v in serve.items() if kk == k]
        m.Add(sum(seated) <= cap)
        m.Add(sum(seated) >= opened[k])
        y = sum(staff)
        m.Add(y >= rule.min_staff * opened[k])
        if rule.candidates_per_staff:
            m.Add(rule.candidates_per_staff * y >= sum(seated))
        if rule.odd_staff:
            half = m.NewIntVar(0, 20, "")
            m.Add(y == 2 * half + opened[k])
    for si in range(len(scenario.slots)):
        here = [k for k, s in enumerate(sessions) if s[0] == si]
        for room in scenario.rooms:
            m.Add(sum(opened[k] for k in here if sessions[k][1] == room.id) <= 1)
        for p in scenario.staff:
            m.Add(sum(serve[(p.id, k)] for k in here if (p.id, k) in serve) <= 1)
        for c in scenario.candidates:
            m.Add(sum(v for (cid, pt, k), v in sit.items() if cid == c.id and sessions[k][0] == si) <= 1)
    placed = []
    for c in scenario.candidates:
        for part in c.parts:
            mine = {k: v for (cid, pt, k), v in sit.items() if cid == c.id and pt == part}
            m.Add(sum(mine.values()) <= 1)
            placed.extend(mine.values())
            after, gap = rules.prerequisites(c.level, part)
            for earlier in (e for e in after if e in c.parts):
                before = {k: v for (cid, pt, k), v in sit.items() if cid == c.id and pt == earlier}
                for k, v in mine.items():
                    start = scenario.slots[sessions[k][0]].start
                    ok = [w for kk, w in before.items()
                          if (start - scenario.slots[sessions[kk][0]].end).total_seconds() >= gap * 60]
                    m.Add(sum(ok) >= v)
    m.Maximize(sum(placed))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.Solve(m) == cp_model.OPTIMAL
    return sum(len(c.parts) for c in scenario.candidates) - round(solver.ObjectiveValue())


@pytest.mark.parametrize("seed", range(40))
def test_random_small_scenarios_reach_the_proven_optimum(rules, seed):
    scenario = parse_scenario(_random_scenario(random.Random(seed)), rules)
    plan = plan_sessions(scenario, rules, seed=seed)
    fewest = _fewest_unplaced(scenario, rules)
    assert len(plan.unplaced) == fewest
    assert plan.record["optimality"]["unplaced_min"] == fewest
    assert PlanChecker(scenario, rules).violations(plan) == []


def test_the_exact_pass_stops_when_cancelled(rules):
    import time

    from eligibility_desk.planning.builder import PlanningCancelled
    from eligibility_desk.planning.generator import generate_scenario

    scenario = parse_scenario(generate_scenario(600, staff=15, seed=3), rules)   # too few staff: a long solve
    began = time.perf_counter()
    with pytest.raises(PlanningCancelled):
        plan_sessions(scenario, rules, seed=3, cancelled=lambda: time.perf_counter() - began > 1.0)
    assert time.perf_counter() - began < 8                                        # well before the work limit
