"""Skill panels (§1.9.3 考评人员 3 人以上单数): mean of the examiners, final when all have scored."""

from decimal import Decimal

import pytest

from eligibility_desk.scoring import PanelSheet, SeatLine, SheetError, panel_outcome

D = Decimal
PANEL = ("E1", "E2", "E3")


def test_mean_is_final_only_when_every_examiner_scored(rules):
    partial = panel_outcome({"E1": D(70), "E2": D(72)}, PANEL, rules)
    assert not partial.final and partial.score is None and partial.missing == ("E3",)
    assert [r.code for r in partial.reasons] == ["panel_incomplete"]
    final = panel_outcome({"E1": D(70), "E2": D(72), "E3": D(75)}, PANEL, rules)
    assert final.final and final.score == D("72.3")   # 217 / 3 = 72.333…, cut to one decimal
    assert final.spread == D(5) and not final.flagged


def test_mean_is_cut_not_rounded_up_over_the_pass_mark(rules):
    # (59.9 + 60 + 60) / 3 = 59.966…: rounding half-up would give 60.0 and a pass
    outcome = panel_outcome({"E1": D("59.9"), "E2": D(60), "E3": D(60)}, PANEL, rules)
    assert outcome.score == D("59.9") and outcome.score < rules.pass_mark


def test_spread_above_the_gap_is_flagged(rules):
    gap = rules.panel_gap
    at_gap = panel_outcome({"E1": D(60), "E2": D(60) + gap, "E3": D(65)}, PANEL, rules)
    assert not at_gap.flagged   # "above" the gap: equal is not flagged
    over = panel_outcome({"E1": D(60), "E2": D(60) + gap + D("0.5"), "E3": D(65)}, PANEL, rules)
    assert over.flagged and over.reasons[0].code == "panel_gap"
    assert over.reasons[0].args == {"spread": gap + D("0.5"), "gap": gap}
    # a gap already visible before the panel is complete is flagged early
    assert panel_outcome({"E1": D(40), "E2": D(90)}, PANEL, rules).flagged


def test_a_single_score_has_no_spread_yet(rules):
    """§1.9.3: the spread compares examiners; with one score there is nothing to compare (None, not 0)."""
    nobody = panel_outcome({}, PANEL, rules)
    one = panel_outcome({"E2": D(66)}, PANEL, rules)
    assert nobody.spread is None and one.spread is None and not one.flagged
    assert [r.code for r in one.reasons] == ["panel_incomplete"]
    two = panel_outcome({"E1": D(66), "E2": D(66)}, PANEL, rules)
    assert two.spread == D(0) and not two.flagged          # two examiners agreeing: a real spread of 0


def test_panel_sheet(rules):
    sheet = PanelSheet("P1", "AM", "R2", "skill", [SeatLine(1, "A1"), SeatLine(2, "A2")], PANEL)
    for examiner, score in zip(PANEL, (D(80), D(82), D(81))):
        sheet.enter(examiner, 1, score)
    for examiner, score in zip(PANEL, (D(50), D(80), D(70))):
        sheet.enter(examiner, 2, score)
    outcomes = sheet.outcomes(rules)
    assert outcomes[1].score == D(81) and outcomes[2].score == D("66.6")
    assert sheet.flagged(rules) == [2]
    with pytest.raises(SheetError) as info:
        sheet.enter("E9", 1, D(1))
    assert info.value.code == "unknown_examiner"
