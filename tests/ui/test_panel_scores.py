"""The 考评组评分 table (§1.9.3) on a real SQLite database with the demo batch and a final plan: a spread
only once two examiners scored, refused text offered again, other desks' scores seen on refresh, and a
table that fits the window."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from eligibility_desk.services.scores import ScoreService  # noqa: E402
from eligibility_desk.ui.panel_score_model import FIRST_EXAMINER  # noqa: E402
from eligibility_desk.ui.score_entry_model import FIRST  # noqa: E402
from tests.ui.test_scores_workspace import choose, desk, open_workspace, prepared, workspace  # noqa: E402,F401


def panel_sheet(ws):
    return next(row for row in ws.list_model.rows if row.part == "skill" and row.panel)


def open_panel(ws):
    sheet_panel = choose(ws, panel_sheet(ws).id, FIRST)
    sheet_panel.side.setCurrentWidget(sheet_panel.panel_scores)
    return sheet_panel.panel_scores


def test_a_single_score_shows_no_spread(qtbot, workspace):
    """One examiner's score has nothing to compare with: the spread cell stays empty (not 「0.0」) until a
    second examiner scores; two equal scores are a real spread of 0."""
    panel = open_panel(workspace)
    model = panel.model
    spread = FIRST_EXAMINER + len(model.examiners) + 1
    assert model.setData(model.index(0, FIRST_EXAMINER), "66")
    assert model.index(0, spread).data() == ""
    assert model.index(0, spread + 1).data() == f"尚缺 {len(model.examiners) - 1} 人"
    assert model.setData(model.index(0, FIRST_EXAMINER + 1), "66")
    assert model.index(0, spread).data() == "0.0"
