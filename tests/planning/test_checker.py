"""PlanChecker: a valid hand-made plan passes; each hard rule catches a hand-made violation."""

import copy

import pytest

from eligibility_desk.planning import PlanChecker, parse_scenario, plan_from_json

VALID = {
    "standard": "4-07-02-06", "batch": "T25",
    "sessions": [
        {"id": "TH", "part": "theory", "level": "4", "room": "CL1", "start": "2025-10-18T09:00", "end": "2025-10-18T12:00",
         "staff": ["I1", "I2"], "chief": "I1",
         "seats": [{"seat": 1, "candidate": "C1", "admission_no": "N1"}, {"seat": 2, "candidate": "C2", "admission_no": "N2"},
                   {"seat": 3, "candidate": "C3", "admission_no": "N3"}, {"seat": 4, "candidate": "C4", "admission_no": "N4"}]},
        {"id": "SK", "part": "skill", "level": "4", "room": "WS1", "start": "2025-10-18T14:00", "end": "2025-10-18T17:00",
         "staff": ["E1", "E2", "E3"],
         "seats": [{"seat": 1, "candidate": "C2", "admission_no": "N2"}, {"seat": 2, "candidate": "C1", "admission_no": "N1"},
                   {"seat": 3, "candidate": "C4", "admission_no": "N4"}, {"seat": 4, "candidate": "C3", "admission_no": "N3"}]},
    ],
    "unplaced": [],
}


def _check(small_data, rules, plan_json, scenario_data=None):
    scenario = parse_scenario(scenario_data or small_data, rules)
    return PlanChecker(scenario, rules).check(plan_from_json(plan_json))


def test_the_valid_plan_passes(small_data, rules):
    assert _check(small_data, rules, VALID) == []


def _session(plan, sid):
    return next(s for s in plan["sessions"] if s["id"] == sid)


def _extra_theory_session(plan):
    extra = copy.deepcopy(_session(plan, "TH"))
    extra.update(id="X", room="CL3", seats=[])
    plan["sessions"].append(extra)


# (what the hand edit does, the code expected, the rule quoted, session, people that must be named)
CASES = [
    ("room too small", lambda p, d: _session(p, "TH").update(room="CL2"), "capacity", "考务·考场容量", "TH", []),
    ("skill in a classroom", lambda p, d: _session(p, "SK").update(room="CL1"), "room_kind", "§1.9.5", "SK", []),
    ("one invigilator", lambda p, d: _session(p, "TH").update(staff=["I1"]), "staff_too_few", "§1.9.3", "TH", ["I1"]),
    ("four examiners", lambda p, d: _session(p, "SK")["staff"].append("E6"), "staff_not_odd", "§1.9.3", "SK", ["E6"]),
    ("60-minute skill session", lambda p, d: _session(p, "SK").update(end="2025-10-18T15:00"), "duration", "§1.9.4", "SK", []),
    ("candidate in two rooms at once", lambda p, d: _session(p, "SK").update(start="2025-10-18T10:00", end="2025-10-18T11:30"),
     "candidate_double_booked", "考务·同一时间只在一处", "SK", ["C1"]),
    ("invigilator in two rooms at once", lambda p, d: _extra_theory_session(p), "staff_double_booked", "考务·同一时间只在一处", "X", ["I1"]),
    ("room used twice at once", lambda p, d: (_extra_theory_session(p), _session(p, "X").update(room="CL1", staff=["I4", "I3"])),
     "room_double_booked", "考务·同一时间只在一处", "X", []),
    ("examiner away that afternoon", lambda p, d: _session(p, "SK").update(staff=["E1", "E2", "E5"]), "staff_unavailable",
     "考务·人员时间", "SK", ["E5"]),
    ("invigilator from the candidates' school", lambda p, d: _session(p, "TH").update(staff=["I1", "I3"]), "recusal",
     "考务·回避", "TH", ["I3", "C1", "C3"]),
    ("examiner as invigilator", lambda p, d: _session(p, "TH").update(staff=["I1", "I2", "E1"]), "role", "考务·人员资格", "TH", ["E1"]),
    ("credential for level 3 only", lambda p, d: _session(p, "SK").update(staff=["E1", "E2", "E4"]), "credential",
     "考务·考评员证书", "SK", ["E4"]),
    ("level 3 session", lambda p, d: _session(p, "TH").update(level="3"), "wrong_level", "§1.9.2", "TH", ["C1"]),
    ("candidate who sits theory only", lambda p, d: d["candidates"][0].update(parts=["theory"]), "wrong_part", "§1.9.2", "SK", ["C1"]),
    ("level 4 in a review", lambda p, d: _session(p, "SK").update(part="review", room="CL3"), "level_part", "§1.9.2", "SK", []),
    ("seat number twice", lambda p, d: _session(p, "TH")["seats"][1].update(seat=1), "seat_duplicate", "考务·座号", "TH", ["C1", "C2"]),
    ("admission number twice", lambda p, d: [s.update(admission_no="N1") for x in p["sessions"] for s in x["seats"] if s["candidate"] == "C2"],
     "admission_no_duplicate", "考务·准考证号", "TH", ["C1", "C2"]),
    ("two admission numbers", lambda p, d: _session(p, "SK")["seats"][1].update(admission_no="N9"), "admission_no_inconsistent",
     "考务·准考证号", "SK", ["C1"]),
    ("theory twice", lambda p, d: _session(p, "SK")["seats"].append({"seat": 5, "candidate": "C1", "admission_no": "N1"}) or
     _session(p, "SK").update(part="theory", room="CL3", staff=["I2", "I4"]), "sitting_twice", "考务·编排完整", "SK", ["C1"]),
    ("a sitting lost", lambda p, d: _session(p, "SK")["seats"].pop(), "sitting_missing", "考务·编排完整", None, ["C3"]),
    ("unknown room", lambda p, d: _session(p, "TH").update(room="GYM"), "unknown_room", "考务·资源", "TH", []),
    ("unknown staff", lambda p, d: _session(p, "TH")["staff"].append("ZZ"), "unknown_staff", "考务·资源", "TH", ["ZZ"]),
    ("unknown candidate", lambda p, d: _session(p, "TH")["seats"].append({"seat": 9, "candidate": "C99"}), "unknown_candidate",
     "考务·资源", "TH", ["C99"]),
]


@pytest.mark.parametrize("what, edit, code, rule, session, people", CASES, ids=[c[0] for c in CASES])
def test_each_hard_rule_catches_a_hand_made_violation(small_data, rules, what, edit, code, rule, session, people):
    plan = copy.deepcopy(VALID)
    edit(plan, small_data)
    found = [v for v in _check(small_data, rules, plan) if v.hard]
    hits = [v for v in found if v.code == code]
    assert hits, f"{what}: expected {code}, got {[v.code for v in found]}"
    v = next((v for v in hits if set(people) <= set(v.people)), hits[0])
    assert v.rule == rule
    assert v.session == session
    assert set(people) <= set(v.people)


def test_soft_rules_are_warnings_not_violations(small_data, rules):
    plan = copy.deepcopy(VALID)
    th = _session(plan, "TH")
    th["chief"] = None
    th["seats"] = [dict(s, seat=n) for s, n in zip(th["seats"], (1, 3, 2, 4))]    # C1, C3 (both SCH-A) side by side
    found = _check(small_data, rules, plan)
    assert {v.code for v in found} == {"no_chief", "adjacent_same_institution"}
    assert not any(v.hard for v in found)
    adjacent = next(v for v in found if v.code == "adjacent_same_institution")
    assert set(adjacent.people) == {"C1", "C3"} and adjacent.params["institution"] == "SCH-A"


def test_messages_are_worded_in_chinese_and_english(small_data, rules):
    from eligibility_desk.planning import wording

    plan = copy.deepcopy(VALID)
    _session(plan, "TH").update(staff=["I1"])
    v = next(v for v in _check(small_data, rules, plan) if v.code == "staff_too_few")
    assert wording.violation_text(v, "zh") == "理论知识考试需 2 名监考人员，只安排了 1 名"
    assert wording.violation_text(v, "en") == "Theory exam needs 2 invigilator(s), has 1"


def test_the_weekend_hint_is_the_centres_choice_holidays_are_warned_about_either_way(small_data, rules):
    """VALID's day, 2025-10-18, is a Saturday (not a make-up working day); 2025-10-01 is 国庆节."""
    from eligibility_desk.scoring.workdays import WorkCalendar

    calendar = WorkCalendar.load()
    scenario = parse_scenario(small_data, rules)
    plan = plan_from_json(VALID)
    on = PlanChecker(scenario, rules, calendar).check(plan)                       # the default: hint on
    assert [(v.code, v.hard, v.params) for v in on] == [("slot_on_weekend", False, {"date": "2025-10-18"})]
    assert PlanChecker(scenario, rules, calendar, weekend_hint=True).check(plan) == on
    assert PlanChecker(scenario, rules, calendar, weekend_hint=False).check(plan) == []
    holiday = copy.deepcopy(VALID)
    for s in holiday["sessions"]:
        s["start"], s["end"] = "2025-10-01" + s["start"][10:], "2025-10-01" + s["end"][10:]
    off = PlanChecker(scenario, rules, calendar, weekend_hint=False).check(plan_from_json(holiday))
    assert [v.code for v in off] == ["slot_on_holiday"]
