"""The planner: complete valid plans for generated scenarios, hard rules honoured, reasons for the unplaced,
seats and admission numbers, reserve seats and rooms, and reproducibility by seed."""

import pytest

from eligibility_desk.planning import PlanChecker, parse_scenario, plan_sessions, plan_to_json
from eligibility_desk.planning.builder import PlanningCancelled
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.planning.wording import unplaced_text


def _plan(data, rules, seed=1, **kw):
    scenario = parse_scenario(data, rules)
    return scenario, plan_sessions(scenario, rules, seed=seed, **kw)


@pytest.mark.parametrize("size, seed", [(1, 0), (7, 1), (40, 2), (150, 3), (600, 4), (2000, 5)])
def test_generated_scenarios_plan_completely_without_violations(rules, size, seed):
    scenario, plan = _plan(generate_scenario(size, seed=seed), rules, seed=seed)
    assert plan.unplaced == []
    assert PlanChecker(scenario, rules).violations(plan) == []
    seated = sum(len(s.seats) for s in plan.sessions)
    assert seated == sum(len(c.parts) for c in scenario.candidates)


@pytest.mark.slow
def test_the_benchmark_scenario_plans_completely(rules):
    scenario, plan = _plan(generate_scenario(10_000, rooms=300, staff=600, slots=6, seed=1), rules, seed=1)
    assert plan.unplaced == []
    assert PlanChecker(scenario, rules).violations(plan) == []


def test_small_plan_respects_recusal_credentials_and_availability(small_data, rules):
    scenario, plan = _plan(small_data, rules)
    assert plan.unplaced == []
    assert PlanChecker(scenario, rules).check(plan) == []
    theory = next(s for s in plan.sessions if s.part == "theory")
    skill = next(s for s in plan.sessions if s.part == "skill")
    assert theory.room in ("CL1", "CL3") and skill.room == "WS1"       # §1.9.5; the 2-seat room is too small
    assert "I3" not in theory.staff                                    # 回避: I3 is from SCH-A like C1 and C3
    assert "E4" not in skill.staff                                     # credential covers level 3 only
    assert not (theory.start < skill.end and skill.start < theory.end)  # nobody sits two parts at once
    if skill.start.hour >= 14:
        assert "E5" not in skill.staff                                 # away that afternoon
    assert theory.chief == "I1"                                        # the chief invigilator when free
    institutions = [scenario.candidate_map()[c].institution for c in theory.candidates()]
    assert all(a != b for a, b in zip(institutions, institutions[1:]))  # same school never side by side


@pytest.mark.parametrize("examiners, missing", [(["E1", "E2"], 1), (["E1"], 2), ([], 3)])
def test_unplaced_candidates_say_what_is_missing(small_data, rules, examiners, missing):
    small_data["staff"] = [s for s in small_data["staff"] if "examiner" not in s["roles"] or s["id"] in examiners]
    _scenario, plan = _plan(small_data, rules)
    skill = [u for u in plan.unplaced if u.part == "skill"]
    assert [u.candidate for u in skill] == ["C1", "C2", "C3", "C4"]
    # the whole scenario's shortage, proven by the exact pass (4 candidates need one 3-examiner panel)
    assert skill[0].code == "scenario_short" and skill[0].params == {"staff": {"examiner": missing}, "beyond_staff": 0}
    assert unplaced_text(skill[0]) == f"技能考核：考评员共缺 {missing} 名"
    assert unplaced_text(skill[0], "en") == f"Skill assessment: {missing} examiner(s) short in all"
    assert not [u for u in plan.unplaced if u.part == "theory"]


def test_no_room_of_the_right_kind(small_data, rules):
    small_data["rooms"] = [r for r in small_data["rooms"] if r["kind"] != "worksite"]
    _scenario, plan = _plan(small_data, rules)
    reasons = {unplaced_text(u) for u in plan.unplaced}
    assert reasons == {"技能考核 无可用考场（工作现场/机房）"}


def test_slots_too_short_for_the_skill_part(small_data, rules):
    for slot in small_data["slots"]:
        slot["end"] = slot["start"][:11] + ("10:20" if slot["id"] == "AM" else "15:20")
    _scenario, plan = _plan(small_data, rules)
    assert {(u.part, u.code) for u in plan.unplaced} == {("skill", "slot_too_short")}
    assert unplaced_text(plan.unplaced[0]) == "技能考核 没有足够长的时段（至少 90 分钟）"


def test_same_seed_same_plan_other_seed_other_seating(rules):
    data = generate_scenario(300, seed=9)
    _s, a = _plan(data, rules, seed=42)
    _s, b = _plan(data, rules, seed=42)
    _s, c = _plan(data, rules, seed=43)
    strip = lambda p: {k: v for k, v in plan_to_json(p).items() if k != "record"}  # noqa: E731
    assert strip(a) == strip(b)
    assert {k: v for k, v in a.record.items() if k != "time"} == {k: v for k, v in b.record.items() if k != "time"}
    assert strip(a)["sessions"] != strip(c)["sessions"]
    assert a.record["seed"] == 42 and len(a.record["scenario_sha256"]) == 64


def test_the_record_keeps_seed_operator_and_time(small_data, rules):
    from datetime import datetime

    _s, plan = _plan(small_data, rules, operator="王老师", now=datetime(2025, 10, 1, 8, 30))
    assert plan.record["operator"] == "王老师"
    assert plan.record["time"] == "2025-10-01T08:30:00"
    assert plan.record["seed"] == plan.seed == 1


def test_admission_numbers_follow_the_pattern_and_are_unique(rules):
    data = generate_scenario(400, seed=2)
    scenario, plan = _plan(data, rules)
    numbers = {}
    for s in plan.sessions:
        for seat in s.seats:
            numbers.setdefault(seat.candidate, set()).add(seat.admission_no)
    assert all(len(v) == 1 for v in numbers.values())                 # one number per candidate, all parts
    flat = [next(iter(v)) for v in numbers.values()]
    assert len(set(flat)) == len(flat)                                 # unique within the batch
    first = plan.sessions[0]
    assert first.seats[0].admission_no == f"2025B1-{first.level}-0001-001"

    data["options"] = {"admission_pattern": "{batch}{level}{room:03d}{seat:02d}"}
    _s, other = _plan(data, rules)
    assert other.sessions[0].seats[1].admission_no == f"2025B1{other.sessions[0].level}00102"


def test_reserve_seats_and_reserve_room(rules):
    data = generate_scenario(300, seed=4)
    data["options"] = {"reserve_seats_per_room": 3, "reserve_rooms": 1}
    scenario, plan = _plan(data, rules)
    rooms = scenario.room_map()
    assert all(len(s.seats) <= rooms[s.room].capacity - 3 and s.reserve_seats == 3 for s in plan.sessions)
    assert {s.slot for s in plan.sessions} <= {slot for slot, _room in plan.reserve_rooms}   # every slot in use
    assert len(plan.reserve_rooms) == len({slot for slot, _room in plan.reserve_rooms})       # one room each
    used = {(s.slot, s.room) for s in plan.sessions}
    assert not used & set(plan.reserve_rooms)
    assert PlanChecker(scenario, rules).violations(plan) == []


def test_rooms_are_filled_evenly_and_no_tiny_last_room(small_data, rules):
    small_data["candidates"] = [{"id": f"K{i}", "name": f"K{i}", "level": "4", "institution": "", "parts": ["theory"]}
                                for i in range(33)]
    _s, plan = _plan(small_data, rules)
    assert sorted(len(s.seats) for s in plan.sessions) == [16, 17]     # not 30 + 3


def test_progress_and_cancel(small_data, rules):
    scenario = parse_scenario(small_data, rules)
    calls = []
    plan_sessions(scenario, rules, seed=1, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2, 2)
    with pytest.raises(PlanningCancelled):
        plan_sessions(scenario, rules, seed=1, cancelled=lambda: True)


def test_staff_workload_is_balanced_within_each_pool(rules):
    """Unrestricted staff (the centre's own, always available, no credential limit) holding the same roles work
    a similar number of sessions."""
    import collections

    scenario, plan = _plan(generate_scenario(2000, seed=5), rules, seed=5)
    load = collections.Counter(x for s in plan.sessions for x in s.staff)
    pools = collections.defaultdict(list)
    for member in scenario.staff:
        if not member.unavailable and not member.credentials and not member.institution:
            pools[tuple(sorted(member.roles))].append(load.get(member.id, 0))
    for roles, counts in pools.items():
        if len(counts) >= 5:
            assert max(counts) - min(counts) <= 2, (roles, sorted(counts))


def test_the_plan_command_module_imports_only_the_standard_library():
    import subprocess
    import sys

    code = ("import sys, eligibility_desk.cli.plan; "
            "assert not [m for m in sys.modules if m.startswith('eligibility_desk.planning') or m in ('yaml', 'openpyxl')]")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_planning_core_does_not_load_qt():
    import subprocess
    import sys

    code = ("import sys, eligibility_desk.planning, eligibility_desk.planning.xlsx_export, eligibility_desk.planning.replan, "
            "eligibility_desk.cli.plan; assert 'PySide6' not in sys.modules; assert 'openpyxl' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_last_room_of_three_is_merged_into_the_previous_one(small_data, rules):
    small_data["candidates"] = [{"id": f"K{i:02d}", "name": f"K{i}", "level": "4", "institution": "", "parts": ["theory"]}
                                for i in range(33)]
    small_data["rooms"] = [{"id": "BIG", "kind": "classroom", "capacity": 30}, {"id": "TINY", "kind": "classroom", "capacity": 3}]
    scenario, plan = _plan(small_data, rules)
    by_slot = {}
    for s in plan.sessions:
        by_slot.setdefault(s.slot, []).append((s.room, len(s.seats)))
    # even filling puts 17 in the big room and the tiny room would take 3: they join the 17 instead
    assert by_slot == {"AM": [("BIG", 20)], "PM": [("BIG", 13)]}
    assert PlanChecker(scenario, rules).check(plan) == []
