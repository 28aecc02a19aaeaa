"""Hand edits of a plan (planning/edits.py): several people in one drag, and the exact snapshots undo uses."""

from __future__ import annotations

from eligibility_desk.planning import parse_scenario, plan_sessions, plan_to_json
from eligibility_desk.planning.edits import move_members, restore_sessions, session_states
from eligibility_desk.planning.generator import generate_scenario


def _plan(rules):
    return plan_sessions(parse_scenario(generate_scenario(60, seed=5), rules), rules, seed=5)


def test_moving_several_people_skips_those_already_there_and_the_unknown(rules):
    plan = _plan(rules)
    source, target = [s for s in plan.sessions if s.part == "theory"][:2]
    members = [{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id},
               {"kind": "candidate", "id": target.seats[0].candidate, "session": target.id},   # already there
               {"kind": "staff", "id": "NOBODY", "session": source.id},                       # not in it
               {"kind": "staff", "id": source.staff[0], "session": source.id}]
    moved = move_members(plan, members, target.id)
    assert moved == [members[0], members[3]]
    assert members[0]["id"] in target.candidates() and members[3]["id"] in target.staff


def test_restoring_the_states_before_a_move_gives_the_same_plan_exactly(rules):
    plan = _plan(rules)
    source = next(s for s in plan.sessions if s.chief and len(s.seats) > 2)
    target = next(s for s in plan.sessions if s.id != source.id)
    before_json = plan_to_json(plan)
    before = session_states(plan, {source.id, target.id})
    move_members(plan, [{"kind": "candidate", "id": source.seats[1].candidate, "session": source.id},
                        {"kind": "staff", "id": source.chief, "session": source.id}], target.id)
    after = session_states(plan, {source.id, target.id})
    assert plan_to_json(plan) != before_json and source.chief is None
    restore_sessions(plan, before)
    assert plan_to_json(plan) == before_json                     # seat numbers, order, chief: all as before
    restore_sessions(plan, after)
    assert session_states(plan, {source.id, target.id}) == after
