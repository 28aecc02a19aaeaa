"""The scoring rules come from the rule file's assessment section (§1.9.2), not from code."""

from decimal import Decimal

import pytest

from eligibility_desk.scoring.rules import ScoringRuleError, compile_assessment


def test_rules_match_the_assessment_section(standard, rules):
    section = standard.spec.section("assessment")
    assert rules.pass_mark == Decimal(str(section["pass_mark"]))
    assert rules.scale_min == Decimal(str(section["scale"]["min"]))
    assert rules.scale_max == Decimal(str(section["scale"]["max"]))
    assert rules.decimals == section["scale"]["decimals"]
    assert rules.panel_gap == Decimal(str(section["panel_gap_flag"]))
    for level in standard.spec.level_codes:
        assert rules.required_parts(level) == tuple(section["parts_by_level"][level])


def test_review_only_at_levels_2_and_1(rules):
    # §1.9.2: 综合评审主要针对二级/技师和一级/高级技师
    assert "review" in rules.required_parts("2") and "review" in rules.required_parts("1")
    assert "review" not in rules.required_parts("3") and "review" not in rules.required_parts("4")


def test_a_different_pass_mark_in_the_file_changes_the_rules(standard):
    section = dict(standard.spec.section("assessment"), pass_mark=70, panel_rounding="half_up")
    changed = compile_assessment(section, "x")
    assert changed.pass_mark == Decimal(70)


@pytest.mark.parametrize("setting, value", [("panel_score", "median"), ("panel_rounding", "up-ish")])
def test_unknown_settings_are_refused_by_name(standard, setting, value):
    section = dict(standard.spec.section("assessment"), **{setting: value})
    with pytest.raises(ScoringRuleError) as info:
        compile_assessment(section, "x")
    assert info.value.setting == setting


def test_scale_bounds_are_required(standard):
    section = dict(standard.spec.section("assessment"), scale={"decimals": 1})
    with pytest.raises(ScoringRuleError) as info:
        compile_assessment(section, "x")
    assert info.value.setting == "scale.min"


def test_scoring_is_qt_free():
    import subprocess
    import sys

    code = ("import sys, pkgutil, importlib, eligibility_desk.scoring as s\n"
            "for m in pkgutil.iter_modules(s.__path__): importlib.import_module('eligibility_desk.scoring.' + m.name)\n"
            "import eligibility_desk.cli.results\n"
            "print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("change, setting, code", [
    ({"panel_score": "median"}, "panel_score", "unknown_panel_method"),
    ({"panel_rounding": "up"}, "panel_rounding", "unknown_rounding"),
    ({"scale": {"min": 0, "max": 100, "decimals": -1}}, "scale.decimals", "whole_at_least"),
    ({"scale": {"max": 100}}, "scale.min", "missing"),
    ({"pass_mark": [60]}, "pass_mark", "not_number"),
    ({"recheck": {"answer_working_days": 2.5}}, "recheck.answer_working_days", "working_days"),
])
def test_each_refusal_has_a_reason_code_worded_in_chinese(standard, change, setting, code):
    from eligibility_desk.rules_engine.messages import ZH

    section = dict(standard.spec.section("assessment"), **change)
    with pytest.raises(ScoringRuleError) as info:
        compile_assessment(section, "x")
    assert (info.value.setting, info.value.code) == (setting, code)
    assert ZH[code].format(**info.value.params)
