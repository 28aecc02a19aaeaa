"""A drag's verdict before the drop (planning.preview): the same problems a full check finds after the move,
the plan left exactly as it was; and a day off — holiday or weekend not made up — warned about."""

from __future__ import annotations

import copy

from eligibility_desk.planning import PlanChecker, edits, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.planning.preview import _key, move_verdict
from eligibility_desk.planning.wording import violation_text
from eligibility_desk.scoring.workdays import WorkCalendar


def _full_difference(checker, plan, members, target):
    """What the full checker says the move adds: the reference the local verdict must match."""
    before = [_key(v) for v in checker.check(plan)]
    trial = copy.deepcopy(plan)
    edits.move_members(trial, members, target)
    after = [_key(v) for v in checker.check(trial)]
    for k in before:
        if k in after:
            after.remove(k)
    return sorted(after, key=repr)


def test_every_move_of_a_small_plan_is_judged_as_the_full_check_judges_it(rules):
    scenario = parse_scenario(generate_scenario(90, seed=7), rules)
    plan = plan_sessions(scenario, rules, seed=7)
    checker = PlanChecker(scenario, rules)
    untouched = copy.deepcopy(plan)
    tried = 0
    for source in plan.sessions[:6]:
        people = [{"kind": "staff", "id": source.staff[0], "session": source.id}] if source.staff else []
        if source.seats:
            people.append({"kind": "candidate", "id": source.seats[0].candidate, "session": source.id})
        for member in people:
            for target in plan.sessions:
                if target.id == source.id:
                    continue
                verdict = move_verdict(checker, plan, [member], target.id)
                assert verdict.moved == 1
                new = sorted((_key(v) for v in verdict.new if v.code != "small_room"), key=repr)
                full = [k for k in _full_difference(checker, plan, [member], target.id)
                        if k[0] != "small_room"]   # merge hints look at the whole slot
                assert new == full, (member, target.id)
                tried += 1
    assert tried > 50
    assert plan == untouched                     # the trial moves were all put back


def test_a_staff_move_that_leaves_a_panel_even_is_judged_before_the_drop(rules):
    scenario = parse_scenario(generate_scenario(120, seed=2025), rules)
    plan = plan_sessions(scenario, rules, seed=2025)
    checker = PlanChecker(scenario, rules)
    source = next(s for s in plan.sessions if s.part == "skill" and len(s.staff) == 3)
    target = next(s for s in plan.sessions if s.part == "skill" and s.start != source.start)
    verdict = move_verdict(checker, plan, [{"kind": "staff", "id": source.staff[0], "session": source.id}], target.id)
    codes = {(v.code, v.session) for v in verdict.hard}
    assert ("staff_not_odd", target.id) in codes or ("staff_too_few", source.id) in codes
    assert not verdict.ok


def test_a_weekend_that_is_not_made_up_warns_and_the_make_up_sunday_does_not(rules, small_data):
    calendar = WorkCalendar.load()
    for day, expected in (("2025-10-18", "slot_on_weekend"), ("2025-09-28", None)):   # Sat; 调休 Sunday
        data = copy.deepcopy(small_data)
        for slot in data["slots"]:
            slot["start"], slot["end"] = day + slot["start"][10:], day + slot["end"][10:]
        for member in data["staff"]:
            member.pop("unavailable", None)
        scenario = parse_scenario(data, rules)
        plan = plan_sessions(scenario, rules, seed=1)
        found = [v for v in PlanChecker(scenario, rules, calendar).check(plan) if v.code.startswith("slot_on")]
        assert [v.code for v in found] == ([expected] if expected else [])
        if expected:
            assert not found[0].hard
            assert violation_text(found[0]) == "2025-10-18 是周末（不是调休上班日），该日安排了场次"


def test_a_check_with_the_session_cache_equals_a_fresh_check_after_edits(rules):
    scenario = parse_scenario(generate_scenario(90, seed=7), rules)
    plan = plan_sessions(scenario, rules, seed=7)
    checker = PlanChecker(scenario, rules)
    cache: dict = {}
    assert checker.check(plan, cache) == checker.check(plan)
    theory = [s for s in plan.sessions if s.part == "theory"]
    for source, target in zip(theory, theory[1:]):
        members = [{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id},
                   {"kind": "staff", "id": source.staff[-1], "session": source.id}]
        edits.move_members(plan, members, target.id)
        checker.forget_sessions(cache, {source.id, target.id})
        assert checker.check(plan, cache) == checker.check(plan)
    assert any(v.code == "staff_too_few" for v in checker.check(plan, cache))   # the edits did break something
