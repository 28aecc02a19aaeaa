"""The 编排 workspace: a scenario file planned off the GUI thread and shown in the planner view."""

from __future__ import annotations

import json

from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.ui.main_window import WORKSPACES


def test_opening_a_scenario_plans_it_and_shows_the_planner_view(qtbot, window, tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(generate_scenario(60, seed=3), ensure_ascii=False, default=str), encoding="utf-8")
    workspace = window.planning
    assert window.workspaces.widget(WORKSPACES.index("planning")) is workspace
    with qtbot.waitSignal(workspace.plan_shown, timeout=20000) as shown:
        workspace.open_scenario(str(path))
    assert shown.args[0] > 0
    assert workspace.stack.currentWidget() is workspace.view
    assert workspace.view.model.rowCount() > 0
    assert workspace.source.text() == "scenario.json"


def test_a_file_that_is_no_scenario_is_named_with_the_reason(qtbot, window, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"candidates": []}', encoding="utf-8")
    with qtbot.waitSignal(window.runner.failed, timeout=20000):
        window.planning.open_scenario(str(path))
    assert "bad.json" in window.planning.source.text() and "standard" in window.planning.source.text()
    assert window.planning.view is None
