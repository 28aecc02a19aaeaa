"""定稿 asks first and names what the plan leaves out: the unplaced sittings, the proven minimum, the
warnings and the candidates who would get no 准考证 (issue 13: it used to go through in one click)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eligibility_desk.persistence.session_models import StaffRow
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService


@pytest.fixture
def planning(qtbot, window, desk):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    workspace = window.planning
    workspace.ask_unsaved = lambda text: "discard"
    return workspace


def _plan(qtbot, workspace, seed=5):
    workspace.ask = lambda title, text: True
    with qtbot.waitSignal(workspace.plan_shown, timeout=60000):
        workspace.plan_batch(seed)
    return workspace.shown


def test_finalising_a_complete_plan_asks_and_says_everyone_is_placed(qtbot, planning, desk):
    _plan(qtbot, planning)
    asked = []
    planning.ask = lambda title, text: asked.append((title, text)) or False       # the planner says no
    planning.finalise()
    assert asked and asked[0][0] == "定稿" and "全部考生均已安排" in asked[0][1]
    assert "没有任何场次" not in asked[0][1]
    assert SessionService.from_desk(desk).latest(desk.demo_batch_id).status == "draft"   # nothing happened
    planning.ask = lambda title, text: True
    with qtbot.waitSignal(planning.plans_changed, timeout=5000):
        planning.finalise()
    assert SessionService.from_desk(desk).latest(desk.demo_batch_id).status == "final"


def test_the_question_names_the_unplaced_and_the_candidates_without_slips(qtbot, planning, desk):
    with desk.db.writing() as session:                  # no invigilators and no examiners this time
        for row in session.scalars(select(StaffRow)):
            if {"invigilator", "examiner"} & set(row.roles):
                row.active = False
    shown = _plan(qtbot, planning)
    unplaced = shown.plan.unplaced
    assert unplaced and shown.plan.sessions == []
    asked = []
    planning.ask = lambda title, text: asked.append(text) or False
    planning.finalise()
    text = asked[0]
    assert f"未安排 {len(unplaced)} 人次" in text
    assert "监考人员共缺" in text and "考评员共缺" in text             # the whole scenario's shortage
    assert f"最少未安排 {len(unplaced)}，本方案 {len(unplaced)}" in text
    n = len(shown.scenario.candidates)
    assert f"{n} 名考生没有任何场次，不会打印准考证" in text
    first = shown.scenario.candidates[0]
    assert f"{first.name}（{first.id}）" in text
    assert SessionService.from_desk(desk).latest(desk.demo_batch_id).status == "draft"
