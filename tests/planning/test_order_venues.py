"""Part order (assessment.part_order), room equipment (§1.9.5) and the centre's reading of §1.9.4, in the
planner, the re-planner and the checker; and re-planning after a sick examiner keeps the panel odd."""

import copy
from pathlib import Path

from eligibility_desk.planning import PlanChecker, parse_scenario, plan_sessions
from eligibility_desk.planning.plan import Plan, Seat, Session
from eligibility_desk.planning.replan import replan
from eligibility_desk.planning.wording import violation_text


def _slots(n):
    times = [("09:00", "12:00"), ("14:00", "17:00")]
    return [{"id": f"T{i + 1}", "start": f"2025-10-{18 + i // 2}T{times[i % 2][0]}",
             "end": f"2025-10-{18 + i // 2}T{times[i % 2][1]}"} for i in range(n)]


def _staff(prefix, role, n, **extra):
    return [{"id": f"{prefix}{i + 1}", "roles": [role], **extra} for i in range(n)]


def test_the_rule_file_orders_review_after_theory_and_skill_as_a_centre_decision(rules):
    assert rules.prerequisites("2", "review") == (("theory", "skill"), 30)
    assert rules.prerequisites("4", "skill") == ((), 0)
    assert rules.parts["review"].centre_reading and not rules.parts["theory"].centre_reading
    text = (Path(__file__).resolve().parents[2] / "rules" / "standards" / "4-07-02-06.yaml").read_text(encoding="utf-8")
    assert "中心决定：读作每名考生" in text


def test_level_2_candidates_sit_review_after_skill_and_theory(rules):
    data = {"standard": "4-07-02-06", "batch": "O1",
            "candidates": [{"id": f"C{i}", "level": "2", "institution": f"S{i % 3}"} for i in range(6)],
            "rooms": [{"id": "CL", "kind": "classroom", "capacity": 30}, {"id": "WS", "kind": "worksite", "capacity": 30},
                      {"id": "MR", "kind": "classroom", "capacity": 10}],
            "staff": _staff("I", "invigilator", 2) + _staff("E", "examiner", 3) + _staff("R", "reviewer", 3),
            "slots": _slots(4)}
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=3)
    assert plan.unplaced == [] and PlanChecker(scenario, rules).violations(plan) == []
    at = {(seat.candidate, s.part): s for s in plan.sessions for seat in s.seats}
    for i in range(6):
        review, skill, theory = at[(f"C{i}", "review")], at[(f"C{i}", "skill")], at[(f"C{i}", "theory")]
        assert review.start >= max(skill.end, theory.end)


def test_the_checker_refuses_a_review_before_the_skill_part(rules):
    data = {"standard": "4-07-02-06", "candidates": [{"id": "C1", "level": "2"}],
            "rooms": [{"id": "CL", "kind": "classroom", "capacity": 30}, {"id": "WS", "kind": "worksite", "capacity": 30}],
            "staff": _staff("I", "invigilator", 2) + _staff("E", "examiner", 3) + _staff("R", "reviewer", 3),
            "slots": _slots(3)}
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=1)
    review = next(s for s in plan.sessions if s.part == "review")
    skill = next(s for s in plan.sessions if s.part == "skill")
    review.start, review.end, skill.start, skill.end = skill.start, skill.end, review.start, review.end
    found = [v for v in PlanChecker(scenario, rules).violations(plan) if v.code == "part_order"]
    assert [v.params["earlier"] for v in found] == ["skill"]
    assert violation_text(found[0]) == "考生 C1 的综合评审应在技能考核结束至少 30 分钟之后"


def test_a_computer_lab_without_network_is_refused_for_the_skill_part(rules):
    data = {"standard": "4-07-02-06",
            "candidates": [{"id": f"C{i}", "level": "4", "parts": ["skill"]} for i in range(5)],
            "rooms": [{"id": "LAB", "kind": "computer_lab", "capacity": 30, "equipment": ["计算机"]}],
            "staff": _staff("E", "examiner", 3), "slots": _slots(1)}
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=1)
    assert len(plan.unplaced) == 5 and plan.sessions == []
    data["rooms"][0]["equipment"] = ["计算机", "网络"]                  # the centre's names count too
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=1)
    assert plan.unplaced == [] and plan.sessions[0].room == "LAB"
    bare = copy.deepcopy(data)
    bare["rooms"][0]["equipment"] = []
    found = PlanChecker(parse_scenario(bare, rules), rules).violations(plan)
    assert [v.code for v in found] == ["room_equipment"]
    assert violation_text(found[0]) == "技能考核在机房进行须具备网络环境、智能电子设备，考场 LAB 未登记"


def test_the_merge_hint_respects_review_minutes_per_candidate(rules):
    data = {"standard": "4-07-02-06", "candidates": [{"id": f"C{i}", "level": "2", "parts": ["review"]} for i in range(10)],
            "rooms": [{"id": "A", "kind": "classroom", "capacity": 30}, {"id": "B", "kind": "classroom", "capacity": 30}],
            "staff": _staff("R", "reviewer", 6), "slots": _slots(1)}
    scenario = parse_scenario(data, rules)
    slot = scenario.slots[0]                                  # 180 min: 9 reviews of 20 min (the centre's reading)

    def plan_with(big_size):
        big = Session("S1", "review", "2", "A", slot.start, slot.end, ["R1", "R2", "R3"],
                      [Seat(i + 1, f"C{i}") for i in range(big_size)], slot=slot.id)
        small = Session("S2", "review", "2", "B", slot.start, slot.end, ["R4", "R5", "R6"],
                        [Seat(1, "C8"), Seat(2, "C9")], slot=slot.id)
        return Plan("4-07-02-06", "B", [big, small])

    def hints(plan):
        return [v.params for v in PlanChecker(scenario, rules).check(plan) if v.code == "small_room"]

    assert hints(plan_with(7)) == [{"seated": 2, "into": "S1"}]      # 7 + 2 = 9 reviews: 180 min, fits
    assert hints(plan_with(8)) == []                                 # 10 reviews would need 200 min


def test_a_sick_examiner_with_no_spare_leaves_a_valid_odd_panel(rules):
    data = {"standard": "4-07-02-06", "batch": "S1",
            "candidates": [{"id": f"C{i:02d}", "level": "4", "parts": ["skill"]} for i in range(30)],
            "rooms": [{"id": "WS", "kind": "worksite", "capacity": 30}],
            "staff": _staff("E", "examiner", 7), "slots": _slots(1)}
    scenario = parse_scenario(data, rules)
    plan = plan_sessions(scenario, rules, seed=1)
    [session] = plan.sessions
    assert len(session.seats) == 30 and len(session.staff) == 7          # 30 / 5 = 6, made odd: 7
    sick = session.staff[2]
    changed = copy.deepcopy(data)
    next(s for s in changed["staff"] if s["id"] == sick)["unavailable"] = [
        {"start": "2025-10-18T08:00", "end": "2025-10-18T18:00"}]
    now = parse_scenario(changed, rules)
    result = replan(plan, now, rules)
    [after] = result.plan.sessions
    assert len(after.seats) == 25 and len(after.staff) == 5              # not 6: §1.9.3 单数
    assert PlanChecker(now, rules).violations(result.plan) == []
    assert set(after.staff) < set(session.staff) and sick not in after.staff
    assert len(result.plan.unplaced) == 5
    assert result.plan.record["optimality"]["unplaced_min"] == 5        # no plan does better: proven
    from eligibility_desk.planning.wording import unplaced_text
    assert {unplaced_text(u) for u in result.plan.unplaced} == {"技能考核：考评员共缺 1 名"}
    left = {m.id for m in result.moves if m.kind == "staff" and m.to_session is None}
    assert len(left) == 2 and sick in left                               # the sick one and one released


def test_a_session_on_a_statutory_holiday_is_a_warning(small_data, rules):
    from eligibility_desk.scoring.workdays import WorkCalendar

    for slot in small_data["slots"]:
        slot["start"], slot["end"] = "2025-10-01" + slot["start"][10:], "2025-10-01" + slot["end"][10:]
    scenario = parse_scenario(small_data, rules)
    plan = plan_sessions(scenario, rules, seed=1)
    assert PlanChecker(scenario, rules).check(plan) == []                 # no calendar: no opinion
    found = PlanChecker(scenario, rules, WorkCalendar.load()).check(plan)
    assert [(v.code, v.hard) for v in found] == [("slot_on_holiday", False)]
    assert violation_text(found[0]) == "2025-10-01 是法定节假日（国庆节），该日安排了场次"
