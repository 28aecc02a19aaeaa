"""Invalid scenarios are refused with a message naming the field and the reason."""

import pytest

from eligibility_desk.planning import ScenarioError, parse_scenario, scenario_to_json


def test_a_valid_scenario_round_trips(small_data, rules):
    scenario = parse_scenario(small_data, rules)
    assert [c.id for c in scenario.candidates] == ["C1", "C2", "C3", "C4"]
    assert scenario.options.batch == "T25"
    assert parse_scenario(scenario_to_json(scenario), rules) == scenario


def test_parts_default_to_the_level(small_data, rules):
    del small_data["candidates"][0]["parts"]
    small_data["candidates"][1].update(level="2", parts=None)
    scenario = parse_scenario(small_data, rules)
    assert scenario.candidates[0].parts == ("theory", "skill")
    assert scenario.candidates[1].parts == ("theory", "skill", "review")


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d["rooms"][1].update(kind="gym"), "rooms[1].kind", "unknown room kind"),
    (lambda d: d["rooms"][0].update(capacity=-5), "rooms[0].capacity", "negative"),
    (lambda d: d["rooms"][0].update(capacity="thirty"), "rooms[0].capacity", "whole number"),
    (lambda d: d["slots"][1].update(end="2025-10-18T13:00"), "slots[1]", "before it starts"),
    (lambda d: d["slots"][0].update(start="tomorrow"), "slots[0].start", "not a time"),
    (lambda d: d["candidates"][3].update(id="C1"), "candidates[3].id", "duplicate id"),
    (lambda d: d["rooms"][2].update(id="CL1"), "rooms[2].id", "duplicate id"),
    (lambda d: d["staff"][4].update(id="I1"), "staff[4].id", "duplicate id"),
    (lambda d: d["slots"][1].update(id="AM"), "slots[1].id", "duplicate id"),
    (lambda d: d["candidates"][0].update(parts=["theory", "essay"]), "candidates[0].parts", "unknown part"),
    (lambda d: d["candidates"][0].update(parts=["theory", "review"]), "candidates[0].parts", "does not sit"),
    (lambda d: d["candidates"][2].update(level="5"), "candidates[2].level", "not in standard"),
    (lambda d: d["staff"][0].update(roles=["janitor"]), "staff[0].roles", "unknown role"),
    (lambda d: d["staff"][0].update(roles=[]), "staff[0].roles", "non-empty"),
    (lambda d: d["candidates"][0].pop("id"), "candidates[0].id", "missing"),
    (lambda d: d.pop("rooms"), "rooms", "missing"),
    (lambda d: d.update(standard="4-04-05-05"), "standard", "rules loaded"),
    (lambda d: d.update(options={"admission_pattern": "{batch}-{level}"}), "options.admission_pattern", "unique"),
    (lambda d: d.update(options={"admission_pattern": "{batch}{room}{seat}{colour}"}), "options.admission_pattern", "unknown field"),
    (lambda d: d.update(options={"reserve_seats_per_room": -1}), "options.reserve_seats_per_room", ">= 0"),
    (lambda d: d.update(options={"reserve_seats_per_room": 30}), "options.reserve_seats_per_room", "no seat is left"),
    (lambda d: d["staff"][1].update(chief="no"), "staff[1].chief", "true or false"),
    (lambda d: d["staff"][1].update(chief=1), "staff[1].chief", "true or false"),
    (lambda d: d["candidates"][2].update(id_number="110101199003071234"), None, None),
    (lambda d: [d["candidates"][i].update(id_number="11010119900307123x") for i in (0, 2)],
     "candidates[2].id_number", "belongs to both candidate C1 and C3"),
    (lambda d: d["slots"][0].update(start="2025-10-18T09:00+08:00x"), "slots[0].start", "not a time"),
])
def test_invalid_input_is_refused(small_data, rules, mutate, field, words):
    mutate(small_data)
    if field is None:                                  # the valid neighbour of a refused case
        parse_scenario(small_data, rules)
        return
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(small_data, rules)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_time_zone_offsets_are_converted_to_china_time(small_data, rules):
    small_data["slots"][0].update(start="2025-1018T01:00Z".replace("10", "10-", 1), end="2025-10-18T12:00+08:00")
    small_data["staff"][0]["unavailable"] = [{"start": "2025-10-18T05:00+00:00", "end": "2025-10-18T06:00+00:00"}]
    scenario = parse_scenario(small_data, rules)
    am = next(s for s in scenario.slots if s.id == "AM")
    assert (am.start.hour, am.end.hour) == (9, 12)                      # 01:00Z is 09:00 in China
    gap = scenario.staff_map()["I1"].unavailable[0]
    assert (gap.start.hour, gap.end.hour) == (13, 14)


def test_a_date_alone_as_an_end_means_the_end_of_that_day(small_data, rules):
    small_data["staff"][4]["unavailable"] = [{"start": "2025-10-18", "end": "2025-10-18"}]
    small_data["slots"][1].update(end="2025-10-18")
    scenario = parse_scenario(small_data, rules)
    gap = scenario.staff_map()["E1"].unavailable[0]
    assert (gap.start.isoformat(), gap.end.isoformat()) == ("2025-10-18T00:00:00", "2025-10-19T00:00:00")
    pm = next(s for s in scenario.slots if s.id == "PM")
    assert pm.end.isoformat() == "2025-10-19T00:00:00"


def test_chief_is_a_strict_boolean(small_data, rules):
    small_data["staff"][1]["chief"] = False
    small_data["staff"][2]["chief"] = None
    staff = parse_scenario(small_data, rules).staff_map()
    assert staff["I1"].chief and not staff["I2"].chief and not staff["I3"].chief
