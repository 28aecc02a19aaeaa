"""IncrementalCheck: after any sequence of hand edits its verdicts are the full check's — the same violations
in the same order — checked with many random edits of a generated plan (moves, undo, seats and staff
changed by hand: admission numbers swapped, a seat twice, strangers, a chief removed)."""

import random
from dataclasses import replace

import pytest

from eligibility_desk.planning import PlanChecker, Seat, edits, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.planning.incremental import IncrementalCheck
from eligibility_desk.scoring.workdays import WorkCalendar


@pytest.fixture(scope="module")
def planned(rules):
    scenario = parse_scenario(generate_scenario(260, slots=6, seed=7), rules)
    return scenario, plan_sessions(scenario, rules, seed=7)


def _random_edit(rng, plan, scenario, history):
    """One edit of the kinds the planner view makes (or worse); returns the session ids it touched."""
    sessions = plan.sessions
    kind = rng.random()
    if kind < 0.15 and history:                          # undo an earlier edit (several steps back at times)
        states = history.pop(rng.randrange(len(history)) if rng.random() < 0.3 else -1)
        edits.restore_sessions(plan, states)
        return set(states)
    if kind < 0.65:                                      # a drag: people into another session
        source = rng.choice([s for s in sessions if s.seats or s.staff])
        target = rng.choice(sessions)
        members = [{"kind": "candidate", "id": seat.candidate, "session": source.id}
                   for seat in rng.sample(source.seats, min(len(source.seats), rng.randint(0, 3)))]
        members += [{"kind": "staff", "id": sid, "session": source.id}
                     for sid in rng.sample(source.staff, min(len(source.staff), rng.randint(0, 2)))]
        touched = {source.id, target.id}
        history.append(edits.session_states(plan, touched))
        edits.move_members(plan, members, target.id)
        return touched
    s = rng.choice(sessions)                              # by hand: what a restored or imported plan may hold
    history.append(edits.session_states(plan, {s.id}))
    what = rng.random()
    if what < 0.25 and s.seats:                           # an admission number that belongs to someone else
        other = rng.choice([x for x in sessions if x.seats])
        k = rng.randrange(len(s.seats))
        s.seats[k] = replace(s.seats[k], admission_no=rng.choice(other.seats).admission_no)
    elif what < 0.4 and s.seats:                          # one candidate seated twice in the session
        s.seats.append(Seat(s.next_seat(), rng.choice(s.seats).candidate, "X-" + str(rng.randrange(5))))
    elif what < 0.55:                                     # a stranger or a duplicated staff member
        s.staff.append("NOBODY" if rng.random() < 0.4 else rng.choice(scenario.staff).id)
        if rng.random() < 0.3 and s.staff:
            s.staff.append(s.staff[0])
    elif what < 0.7:
        s.seats.append(Seat(s.next_seat(), rng.choice(["GHOST", rng.choice(scenario.candidates).id]), ""))
    elif what < 0.85 and s.seats:
        del s.seats[rng.randrange(len(s.seats))]
    else:
        s.chief = None if s.chief else (s.staff[0] if s.staff else None)
    return {s.id}


@pytest.mark.parametrize("weekend_hint", [True, False])
def test_random_edits_keep_the_full_checks_verdicts(planned, rules, weekend_hint):
    scenario, original = planned
    plan = _copy(original)
    checker = PlanChecker(scenario, rules, WorkCalendar.load(), weekend_hint=weekend_hint)
    live = IncrementalCheck(checker, plan)
    assert live.violations() == checker.check(plan)
    rng = random.Random(2025 + weekend_hint)
    history: list = []
    codes = set()
    for step in range(400):
        touched = _random_edit(rng, plan, scenario, history)
        live.update(touched)
        if step % 10 == 0 or step > 380:
            expected = checker.check(plan)
            assert live.violations() == expected, f"after edit {step}"
            codes.update(v.code for v in expected)
    # the edits reached the cross-session rules this is about, not only the sessions' own
    assert {"candidate_double_booked", "staff_double_booked", "sitting_twice", "sitting_missing",
            "admission_no_duplicate", "admission_no_inconsistent", "unknown_staff", "unknown_candidate"} <= codes
    assert ("slot_on_weekend" in codes) is weekend_hint


def test_every_edit_compared(planned, rules):
    """Fewer edits, each one compared (an error that mends itself a few edits later is caught too)."""
    scenario, original = planned
    plan = _copy(original)
    checker = PlanChecker(scenario, rules, WorkCalendar.load())
    live = IncrementalCheck(checker, plan)
    rng = random.Random(11)
    history: list = []
    for step in range(120):
        live.update(_random_edit(rng, plan, scenario, history))
        assert live.violations() == checker.check(plan), f"after edit {step}"


def test_part_order_and_small_rooms_follow_edits(rules):
    """Level-2 candidates (综合评审 after theory and skill) and tails of 1–3: part_order and small_room."""
    scenario = parse_scenario(generate_scenario(150, levels=("2",), slots=6, seed=3), rules)
    plan = plan_sessions(scenario, rules, seed=3, exact=False)     # the fast pass's plan: the checks are the point
    checker = PlanChecker(scenario, rules)
    live = IncrementalCheck(checker, plan)
    rng = random.Random(5)
    history: list = []
    codes = set()
    for step in range(300):
        live.update(_random_edit(rng, plan, scenario, history))
        expected = checker.check(plan)
        assert live.violations() == expected, f"after edit {step}"
        codes.update(v.code for v in expected)
    assert {"part_order", "small_room"} <= codes


def _copy(plan):
    from eligibility_desk.planning import plan_from_json, plan_to_json

    return plan_from_json(plan_to_json(plan))
