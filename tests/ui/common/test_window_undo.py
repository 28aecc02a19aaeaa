"""The window's 编辑 → 撤销 / 重做 act on what the user sees: one QUndoGroup in the main window, each workspace's
QUndoStack registered in it, the active stack following the tab shown (the applicant form's in 审核, the plan's
in 编排, none elsewhere).  The menu items name the edit (「撤销 移动 …」) and are the only actions on
Ctrl+Z / Ctrl+Shift+Z, so the keys work in both tabs without an ambiguous shortcut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from eligibility_desk.planning import plan_to_json
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.ui.main_window import WORKSPACES


@pytest.fixture
def window_with_plan(qtbot, window, desk):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    window.planning.ask = lambda title, text: True
    window.planning.ask_unsaved = lambda text: "discard"
    window.workspaces.setCurrentWidget(window.planning)
    with qtbot.waitSignal(window.planning.plan_shown, timeout=20000):
        window.planning.plan_batch(11)
    return window


def _drag(planning) -> str:
    model = planning.view.model
    source = next(s for s in model.plan.sessions if s.part == "theory" and s.seats)
    target = next(s for s in model.plan.sessions if s.part == "theory" and s.level != source.level)
    assert model.move_members([{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id}],
                              target.id)
    return model.undo_stack.undoText()


def _show(window, key: str) -> None:
    window.workspaces.setCurrentIndex(WORKSPACES.index(key))


def test_the_menu_undoes_the_plan_in_planning_and_the_form_in_screening(window_with_plan):
    window, planning, form = window_with_plan, window_with_plan.planning, window_with_plan.screening.form
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    assert window.act_undo in menu.actions() and window.act_redo in menu.actions()
    name = form.draft.get(("name",))
    form.draft.set(("name",), "表单里的修改")
    plan = plan_to_json(planning.view.model.plan)
    edit = _drag(planning)
    assert edit.startswith("移动 ")

    assert window.act_undo.text() == f"撤销 {edit}" and window.act_undo.isEnabled()     # 编排 is shown
    window.act_undo.trigger()
    assert plan_to_json(planning.view.model.plan) == plan and not planning.edited
    assert form.draft.get(("name",)) == "表单里的修改"                                  # the form untouched
    assert window.act_redo.text() == f"重做 {edit}"
    window.act_redo.trigger()
    assert planning.edited

    _show(window, "screening")
    assert window.act_undo.text() == f"撤销 {form.draft.undo_stack.undoText()}"
    window.act_undo.trigger()
    assert form.draft.get(("name",)) == name and planning.edited                    # the plan untouched

    _show(window, "printing")                                                       # nothing to undo there
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    assert window.act_undo.text() == "撤销"


def test_ctrl_z_and_ctrl_shift_z_work_in_both_tabs(qtbot, window_with_plan):
    window, planning, form = window_with_plan, window_with_plan.planning, window_with_plan.screening.form
    name = form.draft.get(("name",))
    form.draft.set(("name",), "表单里的修改")
    plan = plan_to_json(planning.view.model.plan)
    _drag(planning)
    planning.view.table.setFocus()
    qtbot.keyClick(planning.view.table, Qt.Key_Z, Qt.ControlModifier)
    assert plan_to_json(planning.view.model.plan) == plan and form.draft.get(("name",)) == "表单里的修改"
    try:
        qtbot.keyClick(planning.view.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    finally:
        qtbot.keyRelease(planning.view.table, Qt.Key_Shift)
    assert planning.edited

    _show(window, "screening")
    window.screening.list_panel.view.setFocus()
    try:
        qtbot.keyClick(window.screening.list_panel.view, Qt.Key_Z, Qt.ControlModifier)
    finally:   # QTest leaves the modifier "held"; later tests' clicks would carry it
        qtbot.keyRelease(window.screening.list_panel.view, Qt.Key_Control)
    assert form.draft.get(("name",)) == name and planning.edited
    assert QApplication.keyboardModifiers() == Qt.NoModifier


def test_one_action_per_key(window_with_plan):
    """Two live actions on one key make Qt run neither: only the window's 撤销 / 重做 hold the keys."""
    undo, redo = QKeySequence(QKeySequence.Undo), QKeySequence("Ctrl+Shift+Z")
    holders = {key.toString(): [a.objectName() for a in window_with_plan.findChildren(QAction) if key in a.shortcuts()]
               for key in (undo, redo)}
    assert holders == {undo.toString(): ["undo"], redo.toString(): ["redo"]}


def test_a_new_plan_replaces_the_registered_stack(qtbot, window_with_plan):
    window, planning = window_with_plan, window_with_plan.planning
    old = planning.view.model.undo_stack
    _drag(planning)
    with qtbot.waitSignal(planning.plan_shown, timeout=20000):
        planning.plan_batch(12)
    new = planning.view.model.undo_stack
    assert new is not old and window.undo_group.activeStack() is new
    assert set(window.undo_group.stacks()) == {new, window.screening.form.draft.undo_stack}
    assert not window.act_undo.isEnabled()
    _drag(planning)
    assert window.act_undo.isEnabled()
