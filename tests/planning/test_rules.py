"""The planning rules come from the rule file (§1.9.2–§1.9.5); these tests pin them to the standard's text."""

import pytest

from eligibility_desk.planning import PlanningRules
from eligibility_desk.planning.rules import PlanningRulesError


def test_parts_by_level_follow_1_9_2(rules):
    # §1.9.2: 综合评审主要针对二级/技师和一级/高级技师
    assert rules.parts_by_level["4"] == ("theory", "skill")
    assert rules.parts_by_level["2"] == ("theory", "skill", "review")
    assert rules.levels == ("4", "3", "2", "1")


@pytest.mark.parametrize("candidates, needed", [(1, 2), (15, 2), (30, 2), (31, 3), (45, 3), (46, 4)])
def test_theory_invigilators_1_in_15_and_2_per_room(rules, candidates, needed):
    # §1.9.3: 监考人员与考生配比不低于 1:15，且每个考场不少于 2 名监考人员
    assert rules.part("theory").staff_needed(candidates) == needed


@pytest.mark.parametrize("candidates, needed", [(1, 3), (15, 3), (16, 5), (25, 5), (26, 7), (35, 7), (36, 9)])
def test_skill_examiners_1_in_5_at_least_3_and_odd(rules, candidates, needed):
    # §1.9.3: 考评员与考生的配比为 1:5，考评人员为 3 人（含）以上单数
    assert rules.part("skill").staff_needed(candidates) == needed


@pytest.mark.parametrize("candidates", [1, 9, 40])
def test_review_committee_3_or_more_and_odd(rules, candidates):
    # §1.9.3: 综合评审委员为 3 人（含）以上单数
    review = rules.part("review")
    assert review.staff_needed(candidates) == 3
    assert not review.valid_staff_count(4, candidates)
    assert review.valid_staff_count(5, candidates)


def test_durations_1_9_4(rules):
    assert rules.part("theory").min_duration(40) == 60
    assert rules.part("skill").min_duration(40) == 90
    assert rules.part("review").min_duration(4) == 80          # 20 minutes per candidate
    assert rules.part("review").max_candidates_for_minutes(180) == 9
    assert rules.part("skill").max_candidates_for_minutes(89) == 0


def test_room_kinds_1_9_5(rules):
    assert set(rules.part("theory").room_kinds) == {"classroom", "computer_lab"}
    assert "classroom" not in rules.part("skill").room_kinds
    assert set(rules.part("review").room_kinds) == {"classroom", "worksite", "computer_lab"}


def test_rules_are_read_from_the_file_not_the_code(rules):
    """A centre that changes the rule file changes the planner: nothing is hard-coded."""

    class Spec:
        code, name, level_codes = "X", "x", ("4",)

        def section(self, name):
            return {
                "assessment": {"parts": {"theory": {"name": "理论"}}, "parts_by_level": {"4": ["theory"]}},
                "staffing": {"theory": {"role": "invigilator", "candidates_per_staff": 10, "min_per_room": 3}},
                "durations": {"theory": {"min_minutes": 120}},
                "venues": {"theory": ["classroom"]},
            }[name]

    other = PlanningRules.from_standard(Spec())
    assert other.part("theory").staff_needed(31) == 4
    assert other.part("theory").min_duration(1) == 120


def test_a_missing_section_is_an_error():
    class Spec:
        code, name, level_codes = "X", "x", ("4",)

        def section(self, name):
            return None

    with pytest.raises(PlanningRulesError, match="assessment"):
        PlanningRules.from_standard(Spec())


class _Spec:
    """A standard's spec whose sections are given (the reader asks only for these)."""

    code, name = "X", "x"

    def __init__(self, sections: dict, levels=("4",)):
        self.sections, self.level_codes = sections, levels

    def section(self, name):
        return self.sections.get(name)


def _sections(**changes) -> dict:
    sections = {
        "assessment": {"parts": {"theory": {"name": "理论"}}, "parts_by_level": {"4": ["theory"]}},
        "staffing": {"theory": {"role": "invigilator", "candidates_per_staff": 15, "min_per_room": 2}},
        "durations": {"theory": {"min_minutes": 60}},
        "venues": {"theory": ["classroom"]},
    }
    for dotted, value in changes.items():
        *path, last = dotted.split("__")
        node = sections
        for key in path:
            node = node[key]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return sections


@pytest.mark.parametrize("changes, field, code", [
    ({"durations__theory": None}, "durations.theory", "part_needs"),
    ({"staffing__theory__role": None}, "staffing.theory", "missing_role"),
    ({"staffing__theory__role": "proctor"}, "staffing.theory.role", "unknown_role"),
    ({"staffing__theory__min_per_room": -1}, "staffing.theory.min_per_room", "whole_at_least"),
    ({"assessment__parts_by_level": {"4": ["theory", "skill"]}}, "assessment.parts_by_level.4", "unknown_part"),
    ({"assessment__parts_by_level": {}}, "assessment.parts_by_level", "level_without_parts"),
    ({"assessment__part_order": {"4": {"skill": {"after": ["theory"]}}}}, "assessment.part_order.4.skill", "part_not_at_level"),
    ({"assessment__part_order": {"4": {"theory": {"after": ["theory"]}}}}, "assessment.part_order.4.theory.after", "part_order_after"),
    ({"venues__equipment": {"theory": {"worksite": ["pc"]}}}, "venues.equipment.theory", "equipment_kinds"),
])
def test_each_refusal_names_its_field_and_a_reason_code_worded_in_chinese(changes, field, code):
    """The planner's reader gives ``rules check`` a field (turned into a line) and a reason code with its
    parameters, which rules_engine/messages.py words in Chinese (English stays the exception's text)."""
    from eligibility_desk.rules_engine.messages import ZH

    with pytest.raises(PlanningRulesError) as info:
        PlanningRules.from_standard(_Spec(_sections(**changes)))
    assert (info.value.field, info.value.code) == (field, code)
    assert ZH[code].format(**info.value.params)  # every parameter the wording needs is given
