"""Fixtures for the planning tests: the real rule file's planning rules and a small hand-made scenario."""

from __future__ import annotations

import copy

import pytest

from eligibility_desk.planning import PlanningRules, parse_scenario
from eligibility_desk.rules_engine import RuleLibrary


@pytest.fixture(scope="session")
def rules() -> PlanningRules:
    return PlanningRules.from_standard(RuleLibrary.load().get("4-07-02-06"))


#: four level-4 candidates (two institutions), four rooms, staff for a theory and a skill session and a few spare
SMALL = {
    "standard": "4-07-02-06",
    "batch": "T25",
    "candidates": [
        {"id": "C1", "name": "甲", "level": "4", "institution": "SCH-A", "parts": ["theory", "skill"]},
        {"id": "C2", "name": "乙", "level": "4", "institution": "SCH-B", "parts": ["theory", "skill"]},
        {"id": "C3", "name": "丙", "level": "4", "institution": "SCH-A", "parts": ["theory", "skill"]},
        {"id": "C4", "name": "丁", "level": "4", "institution": "SCH-B", "parts": ["theory", "skill"]},
    ],
    "rooms": [
        {"id": "CL1", "name": "101 教室", "kind": "classroom", "capacity": 30},
        {"id": "WS1", "name": "实训室一", "kind": "worksite", "capacity": 20},
        {"id": "CL2", "name": "102 教室", "kind": "classroom", "capacity": 2},
        {"id": "CL3", "name": "103 教室", "kind": "classroom", "capacity": 30},
    ],
    "staff": [
        {"id": "I1", "name": "监一", "roles": ["invigilator"], "institution": "", "chief": True},
        {"id": "I2", "name": "监二", "roles": ["invigilator"], "institution": ""},
        {"id": "I3", "name": "监三", "roles": ["invigilator"], "institution": "SCH-A"},
        {"id": "I4", "name": "监四", "roles": ["invigilator"], "institution": ""},
        {"id": "E1", "name": "考一", "roles": ["examiner"], "institution": ""},
        {"id": "E2", "name": "考二", "roles": ["examiner"], "institution": ""},
        {"id": "E3", "name": "考三", "roles": ["examiner"], "institution": ""},
        {"id": "E4", "name": "考四", "roles": ["examiner"], "institution": "",
         "credentials": [{"occupation": "4-07-02-06", "levels": ["3"]}]},
        {"id": "E5", "name": "考五", "roles": ["examiner"], "institution": "",
         "unavailable": [{"start": "2025-10-18T14:00", "end": "2025-10-18T18:00"}]},
        {"id": "E6", "name": "考六", "roles": ["examiner"], "institution": ""},
    ],
    "slots": [
        {"id": "AM", "start": "2025-10-18T09:00", "end": "2025-10-18T12:00"},
        {"id": "PM", "start": "2025-10-18T14:00", "end": "2025-10-18T17:00"},
    ],
}


@pytest.fixture
def small_data() -> dict:
    return copy.deepcopy(SMALL)


@pytest.fixture
def small(small_data, rules):
    return parse_scenario(small_data, rules)
