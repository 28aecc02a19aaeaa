"""Hand edits of a plan are undoable (developers' guide: "undo where edits are made"): every drag is one
command on the model's QUndoStack; undo and redo put the plan and its violations back exactly; the 编排
workspace has 撤销 / 重做 with Ctrl+Z / Ctrl+Shift+Z and shows whether the plan has unsaved edits."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from eligibility_desk.planning import load_planning_rules, parse_scenario, plan_sessions, plan_to_json
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService
from eligibility_desk.ui.planning.plan_table_model import PlanTableModel


@pytest.fixture(scope="module")
def demo():
    rules = load_planning_rules("4-07-02-06")
    return parse_scenario(generate_scenario(120, seed=2025), rules), rules


@pytest.fixture
def model(demo):
    scenario, rules = demo
    return PlanTableModel(scenario, rules, plan_sessions(scenario, rules, seed=2025))


def state(model) -> tuple:
    """Everything an edit can change, as plain data: the plan's JSON, the violations, the rows shown."""
    rows = [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]
    return plan_to_json(model.plan), list(model.violations), rows


def _candidate_to_other_level(plan):
    source = next(s for s in plan.sessions if s.part == "theory" and s.level == "4" and len(s.seats) > 2)
    target = next(s for s in plan.sessions if s.part == "theory" and s.level != "4")
    return source, target


def test_undo_puts_back_the_plan_and_violations_exactly_and_redo_the_edit(qtbot, model):
    source, target = _candidate_to_other_level(model.plan)
    moved = source.seats[1].candidate                           # from the middle: a seat number is left empty
    before = copy.deepcopy(state(model))
    assert not before[1] or all(not v.hard for v in before[1])
    with qtbot.waitSignal(model.violationsChanged, timeout=2000):
        assert model.move_members([{"kind": "candidate", "id": moved, "session": source.id}], target.id)
    after = copy.deepcopy(state(model))
    assert any(v.code == "wrong_level" for v in after[1])
    assert model.is_modified() and model.undo_stack.count() == 1
    name = model.scenario.candidate_map()[moved].name
    assert model.undo_stack.undoText() == f"移动 {name} 到 第{target.number}考场 {model.scenario.room_map()[target.room].name}"

    with qtbot.waitSignal(model.violationsChanged, timeout=2000) as undone:
        model.undo_stack.undo()
    assert state(model) == before                                # seat numbers, order, admission numbers too
    assert undone.args[0] == sum(1 for v in before[1] if v.hard)
    assert not model.is_modified()
    with qtbot.waitSignal(model.violationsChanged, timeout=2000):
        model.undo_stack.redo()
    assert state(model) == after and model.is_modified()


def test_a_chief_invigilator_moved_and_moved_back_by_undo_is_chief_again(model):
    source = next(s for s in model.plan.sessions if s.chief and len(s.staff) >= 2)
    target = next(s for s in model.plan.sessions if s.start != source.start and s.part == "theory")
    chief, order = source.chief, list(source.staff)
    before = state(model)
    model.move_members([{"kind": "staff", "id": chief, "session": source.id}], target.id)
    assert model.plan.session_map()[source.id].chief is None
    model.undo_stack.undo()
    session = model.plan.session_map()[source.id]
    assert (session.chief, session.staff) == (chief, order) and state(model) == before


def test_a_drag_of_several_rows_is_one_command_and_a_drag_that_moves_nobody_none(model):
    source, target = _candidate_to_other_level(model.plan)
    members = [{"kind": "candidate", "id": seat.candidate, "session": source.id} for seat in source.seats[:3]]
    before = state(model)
    assert not model.move_members([dict(members[0], session=target.id)], target.id)     # already there
    assert model.undo_stack.count() == 0
    assert model.move_members(members, target.id)
    assert model.undo_stack.count() == 1 and model.undo_stack.undoText().startswith("移动 3 人 到 ")
    model.undo_stack.undo()
    assert state(model) == before


def test_edits_then_undo_all_then_redo_all_walks_the_same_states(model):
    plan = model.plan
    theory = [s for s in plan.sessions if s.part == "theory" and s.seats]
    states = [state(model)]
    for source, target in zip(theory, theory[1:] + theory[:1]):
        model.move_members([{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id}], target.id)
        states.append(state(model))
    for expected in reversed(states[:-1]):
        model.undo_stack.undo()
        assert state(model) == expected
    for expected in states[1:]:
        model.undo_stack.redo()
        assert state(model) == expected


# --- the 编排 workspace on a real database ------------------------------------------------------------

@pytest.fixture
def planning(qtbot, window, desk):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    workspace = window.planning
    workspace.ask = lambda title, text: True
    workspace.ask_unsaved = lambda text: "discard"
    window.workspaces.setCurrentWidget(workspace)
    with qtbot.waitSignal(workspace.plan_shown, timeout=20000):
        workspace.plan_batch(11)
    return workspace


def _drag_to_other_level(planning):
    model = planning.view.model
    source = next(s for s in model.plan.sessions if s.part == "theory" and s.seats)
    target = next(s for s in model.plan.sessions if s.part == "theory" and s.level != source.level)
    assert model.move_members([{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id}],
                              target.id)
    return model


def test_ctrl_z_and_ctrl_shift_z_in_the_planning_tab_undo_and_redo(qtbot, planning, window):
    window.screening.form.draft.set(("name",), "另一处修改")        # the window's 撤销 (applicant form) has the same keys
    model = planning.view.model
    before = state(model)
    assert not planning.act_undo.isEnabled() and not planning.act_redo.isEnabled()
    with qtbot.waitSignal(planning.message) as said:
        _drag_to_other_level(planning)
    assert said.args[0] == f"编排已手工调整（{model.hard_count()} 处违规），按「保存修改」存为新版本。"
    assert model.hard_count() >= 1
    after = state(model)
    assert planning.act_undo.isEnabled() and "移动" in planning.act_undo.toolTip()
    assert planning.edited and planning.act_save.isEnabled() and not planning.act_final.isEnabled()
    assert "有未保存的调整" in planning.source.text() and "b26a00" in planning.source.styleSheet()
    planning.view.tabs.setCurrentIndex(planning.view.LIST)     # the keys pressed in the list (时间表 is the first tab)
    planning.view.table.setFocus()

    with qtbot.waitSignal(planning.message) as said:
        qtbot.keyClick(planning.view.table, Qt.Key_Z, Qt.ControlModifier)
    assert said.args[0] == "编排与第 1 版保存时相同。"
    assert state(model) == before and not planning.edited
    assert planning.view.summary.text().startswith("0 处违规")
    assert not planning.act_save.isEnabled() and planning.act_final.isEnabled()
    assert "有未保存的调整" not in planning.source.text()
    assert window.screening.form.draft.get(("name",)) == "另一处修改"       # the form was not touched

    try:
        qtbot.keyClick(planning.view.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    finally:   # QTest leaves Shift "held" after a Ctrl+Shift click; later tests' selectRow would extend ranges
        qtbot.keyRelease(planning.view.table, Qt.Key_Shift)
    assert state(model) == after and planning.edited
    assert not planning.view.summary.text().startswith("0 处违规")
    assert QApplication.keyboardModifiers() == Qt.NoModifier


def test_the_buttons_undo_and_redo(qtbot, planning):
    model = planning.view.model
    before = state(model)
    _drag_to_other_level(planning)
    after = state(model)
    planning.act_undo.trigger()
    assert state(model) == before
    planning.act_redo.trigger()
    assert state(model) == after


def test_saving_marks_the_saved_point_clean_and_undo_goes_back_past_it(qtbot, planning, desk):
    sessions = SessionService.from_desk(desk)
    model = planning.view.model
    original = plan_to_json(model.plan)["sessions"]
    _drag_to_other_level(planning)
    with qtbot.waitSignal(planning.plans_changed, timeout=5000):
        planning.save_edits()
    assert sessions.latest(desk.demo_batch_id).number == 2
    assert planning.view.model is model and not planning.edited and planning.act_undo.isEnabled()
    assert "第 2 版" in planning.source.text() and "有未保存的调整" not in planning.source.text()

    planning.act_undo.trigger()                                   # back to version 1's plan: unsaved again
    assert planning.edited and planning.act_save.isEnabled()
    with qtbot.waitSignal(planning.plans_changed, timeout=5000):
        planning.save_edits()
    stored = sessions.latest(desk.demo_batch_id)
    assert stored.number == 3 and stored.plan_json["sessions"] == original and stored.violations == []


def test_a_new_plan_starts_an_empty_history(qtbot, planning):
    _drag_to_other_level(planning)
    with qtbot.waitSignal(planning.plan_shown, timeout=20000):
        planning.plan_batch(12)                                   # ask() says yes: the edit is dropped
    assert not planning.edited and not planning.act_undo.isEnabled()
    assert planning.view.model.undo_stack.count() == 0


def test_finalising_keeps_the_plan_on_screen_and_its_history(qtbot, planning, desk):
    model = planning.view.model
    _drag_to_other_level(planning)
    planning.act_undo.trigger()                                   # back to version 1: clean, redo available
    assert not planning.edited and planning.act_final.isEnabled()
    with qtbot.waitSignal(planning.plans_changed, timeout=5000):
        planning.finalise()
    assert SessionService.from_desk(desk).latest(desk.demo_batch_id).status == "final"
    assert planning.view.model is model and planning.act_redo.isEnabled() and not planning.edited
    planning.act_redo.trigger()                                   # editing the final plan: a new draft to save
    assert planning.edited and planning.act_save.isEnabled() and not planning.act_final.isEnabled()
