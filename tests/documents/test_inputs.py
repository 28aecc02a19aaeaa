"""Reading the plan and scenario: names from the rule file, defaults, and errors that name the field."""

from __future__ import annotations

import pytest

from eligibility_desk.documents import DocumentInputError, DocumentOptions
from eligibility_desk.documents.inputs import DEFAULT_CENTRE, read_batch, slips_of
from eligibility_desk.documents.options import mask_id_number
from .pdf_helpers import DATA, load


def inputs():
    return load(DATA / "plan.json"), load(DATA / "scenario.json")


def test_names_come_from_the_rule_file_and_sessions_are_in_print_order():
    batch = read_batch(*inputs(), base_dir=DATA)
    assert batch.occupation == "用户增长运营师"
    assert (batch.scale_max, batch.pass_mark) == (100, 60)  # assessment.scale / pass_mark (§1.9.2 file section)
    assert {s.part_name for s in batch.sessions} == {"理论知识考试", "技能考核", "综合评审"}
    assert [(s.room.id, f"{s.start:%H:%M}") for s in batch.sessions] == [
        ("R101", "09:00"), ("R101", "16:30"), ("L201", "09:00"), ("L201", "14:00"), ("M301", "09:00")]
    assert batch.sessions[0].level_name == "四级/中级工"
    assert batch.candidates["C001"].photo == DATA / "photo_a.jpg"  # relative to the scenario


def test_venue_is_the_room_s_then_the_centre_s():
    batch = read_batch(*inputs())
    venues = {s.room.id: s.room.venue for s in batch.sessions}
    assert venues == {"R101": "番禺职业技术学院", "L201": "番禺职业技术学院实训楼", "M301": "番禺职业技术学院"}


def test_centre_and_batch_default_and_can_be_overridden():
    plan, scenario = inputs()
    del scenario["centre"], scenario["batch"]
    batch = read_batch(plan, scenario)
    assert batch.centre == DEFAULT_CENTRE and batch.batch == "20253"  # the plan's batch key
    del plan["batch"]
    assert read_batch(plan, scenario).batch == "2025年10月批次"
    batch = read_batch(plan, scenario, DocumentOptions(centre="某某中心", batch="第9批"))
    assert (batch.centre, batch.batch) == ("某某中心", "第9批")
    assert batch.sessions[0].room.venue == "某某中心"


def test_one_slip_per_candidate_in_admission_order_with_every_part():
    slips = slips_of(read_batch(*inputs()))
    assert [s.admission_no for s in slips] == sorted(s.admission_no for s in slips)
    assert len(slips) == 5
    level2 = next(s for s in slips if s.candidate.id == "C004")
    assert [line.part_name for line in level2.lines] == ["理论知识考试", "技能考核", "综合评审"]


@pytest.mark.parametrize("break_it, field, reason", [
    (lambda p, s: p["sessions"][0]["seats"][1].update(candidate="C999"), "plan.sessions[0].seats[1].candidate",
     "not in the scenario"),
    (lambda p, s: p["sessions"][1].update(part="practical"), "plan.sessions[1].part", "not a part of 4-07-02-06"),
    (lambda p, s: p["sessions"][0].update(start="18 Oct"), "plan.sessions[0].start", "not a date"),
    (lambda p, s: p["sessions"][0].update(end="2025-10-18T08:00"), "plan.sessions[0].end", "not after the start"),
    (lambda p, s: p["sessions"][2].update(room="Z9"), "plan.sessions[2].room", "room 'Z9' is not in the scenario"),
    (lambda p, s: p["sessions"][0].update(level="7"), "plan.sessions[0].level", "not a skill level"),
    (lambda p, s: p["sessions"][0]["seats"][0].update(seat=0), "plan.sessions[0].seats[0].seat", "whole number"),
    (lambda p, s: p["sessions"][0]["seats"][0].pop("admission_no"), "plan.sessions[0].seats[0].admission_no",
     "missing"),
    (lambda p, s: s["candidates"].append(dict(s["candidates"][0])), "scenario.candidates[5].id", "duplicate"),
    (lambda p, s: s["candidates"][1].pop("name"), "scenario.candidates[1].name", "missing"),
    (lambda p, s: s.update(standard="9-99-99-99"), "scenario.standard", "unknown standard"),
    (lambda p, s: p["sessions"][0].update(staff="S01"), "plan.sessions[0].staff", "must be a list"),
])
def test_bad_input_is_refused_naming_the_field(break_it, field, reason):
    plan, scenario = inputs()
    break_it(plan, scenario)
    with pytest.raises(DocumentInputError) as info:
        read_batch(plan, scenario)
    assert info.value.field == field
    assert reason in str(info.value)


@pytest.mark.parametrize("number, keep, masked", [
    ("440113199901011234", (6, 4), "440113********1234"),
    ("44010520000215002X", (3, 4), "440***********002X"),
    ("440113199901011234", None, "440113199901011234"),
    ("A1234567", (6, 4), "A1****67"),   # too short to keep 6 + 4: the middle third is hidden
    ("", (6, 4), ""),
])
def test_id_masking(number, keep, masked):
    assert mask_id_number(number, keep) == masked


def test_choosing_slips_by_an_unknown_id_is_refused():
    batch = read_batch(*inputs())
    assert [s.candidate.id for s in slips_of(batch, frozenset({"C003", "20253-2-R101-05"}))] == ["C005", "C003"]
    with pytest.raises(DocumentInputError, match="C999") as info:
        slips_of(batch, frozenset({"C001", "C999"}))
    assert info.value.field == "only"
