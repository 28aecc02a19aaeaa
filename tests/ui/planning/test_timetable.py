"""The 编排 timetable (issue 13): blocks per session, a drag from the detail panel onto a block with the
checker's verdict live, the move made through the list's edit path and undone by its undo stack, the two views
agreeing, the holiday calendar in the live checker, the keyboard's 移动到…, and the empty state."""

from __future__ import annotations

import pytest

from eligibility_desk.planning import Plan, PlanChecker, load_planning_rules, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.scoring.workdays import WorkCalendar

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from eligibility_desk.ui.planning.plan_table_model import KIND_ROLE, SESSION_ROLE  # noqa: E402
from eligibility_desk.ui.planning.planner_view import PlannerView  # noqa: E402
from eligibility_desk.ui.planning.timetable_delegate import KIND_COLOURS  # noqa: E402
from eligibility_desk.ui.planning.timetable_model import BLOCK_ROLE, DAY_OFF_ROLE  # noqa: E402


@pytest.fixture(scope="module")
def demo():
    """A generated batch of 120 candidates (seed 2025); its first day, 2025-10-18, is a Saturday."""
    rules = load_planning_rules("4-07-02-06")
    return parse_scenario(generate_scenario(120, seed=2025), rules), rules


@pytest.fixture
def view(qtbot, demo):
    scenario, rules = demo
    view = PlannerView(scenario, rules, plan_sessions(scenario, rules, seed=2025), calendar=WorkCalendar.load())
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def _drag(qtbot, view, member_list, row: int, target_id: str) -> str:
    """Press on a person in the detail panel, hover over the target block (the verdict arrives), drop."""
    item = member_list.item(row)
    member_list.clearSelection()
    item.setSelected(True)
    mime = member_list.mimeData([item])
    timetable = view.timetable
    index = view.timetable_model.index_of(target_id)
    timetable.scrollTo(index)
    pos = timetable.visualRect(index).center()
    port = timetable.viewport()
    QApplication.sendEvent(port, QDragEnterEvent(pos, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier))
    with qtbot.waitSignal(timetable.verdictChanged) as said:
        QApplication.sendEvent(port, QDragMoveEvent(pos, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier))
    words = said.args[0]
    assert timetable.delegate.drop_hint[:2] == (index.row(), index.column())
    with qtbot.waitSignal(view.model.violationsChanged):
        QApplication.sendEvent(port, QDropEvent(pos, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier, QEvent.Drop))
    assert timetable.delegate.drop_hint is None
    return words


def _seats(plan, session_id):
    return [seat.candidate for seat in plan.session_map()[session_id].seats]


def test_a_candidate_dragged_onto_another_block_moves_and_undo_puts_it_back(qtbot, view):
    plan, model, blocks = view.model.plan, view.model, view.timetable_model
    source = next(s for s in plan.sessions if s.part == "theory" and s.level == "4" and len(s.seats) > 3)
    target = next(s for s in plan.sessions if s.part == "theory" and s.level != "4" and s.start == source.start)
    view.timetable.choose(source.id)
    assert view.detail.session_id == source.id
    moved = view.detail.seats.item(0).data(Qt.UserRole)["id"]
    seated = len(source.seats)

    words = _drag(qtbot, view, view.detail.seats, 0, target.id)
    assert "✗" in words and "违规" in words                          # said before the drop: wrong level
    assert moved in _seats(plan, target.id) and moved not in _seats(plan, source.id)
    assert [v.session for v in model.violations if v.code == "wrong_level"] == [target.id]
    block = blocks.index_of(target.id).data(BLOCK_ROLE)
    assert block.kind == "hard" and any(v.code == "wrong_level" for v in block.hard)
    assert blocks.index_of(source.id).data(BLOCK_ROLE).seated == seated - 1
    assert model.undo_stack.count() == 1 and model.undo_stack.undoText().startswith("移动")

    with qtbot.waitSignal(model.violationsChanged):
        model.undo_stack.undo()
    assert moved in _seats(plan, source.id) and moved not in _seats(plan, target.id)
    assert model.hard_count() == 0 and blocks.index_of(target.id).data(BLOCK_ROLE).kind != "hard"
    assert blocks.index_of(source.id).data(BLOCK_ROLE).seated == seated
    with qtbot.waitSignal(model.violationsChanged):
        model.undo_stack.redo()
    assert moved in _seats(plan, target.id)


def test_a_staff_drag_that_makes_a_panel_even_shows_the_colour_and_the_words(qtbot, view):
    plan, blocks = view.model.plan, view.timetable_model
    rule = view.model.rules.parts["skill"]
    assert rule.odd_staff                                         # the rule file asks for odd examiner panels
    source = next(s for s in plan.sessions if s.part == "skill" and len(s.staff) == 3)
    target = next(s for s in plan.sessions if s.part == "skill" and len(s.staff) % 2 == 1 and s.start != source.start)
    view.timetable.choose(source.id)
    words = _drag(qtbot, view, view.detail.staff, 0, target.id)
    assert "✗" in words and "单数" in words                          # the verdict named the even panel first
    index = blocks.index_of(target.id)
    block = index.data(BLOCK_ROLE)
    assert block.kind == "staff" and not block.staff_ok
    gauge = blocks.block_lines(block)[2]
    assert gauge == f"考评员 {len(target.staff)}/{rule.staff_needed(len(target.seats))} 偶数 ✗"
    assert "✗" in blocks.block_lines(block)[3]                      # the status line says it in words too
    assert "考评员应为单数" in index.data(Qt.ToolTipRole)
    assert view.summary.text()[0] != "0"
    view.timetable.scrollTo(index)
    shot = view.timetable.viewport().grab().toImage()
    corner = view.timetable.visualRect(index).bottomRight() - QPoint(8, 5)        # inside the block, under the text
    assert shot.pixelColor(corner) == QColor(KIND_COLOURS["staff"][0])            # painted orange, as the legend says


def test_the_list_and_the_timetable_agree_after_a_move(qtbot, view):
    plan, model, blocks = view.model.plan, view.model, view.timetable_model
    source = next(s for s in plan.sessions if s.part == "theory" and len(s.staff) == 2)
    target = next(s for s in plan.sessions if s.part == "theory" and s.start != source.start)
    view.timetable.choose(source.id)
    _drag(qtbot, view, view.detail.staff, 1, target.id)
    view.tabs.setCurrentIndex(view.LIST)
    for s in plan.sessions:
        rows = [r for r in range(model.rowCount()) if model.index(r, 0).data(SESSION_ROLE) == s.id]
        kinds = [model.index(r, 0).data(KIND_ROLE) for r in rows]
        block = blocks.index_of(s.id).data(BLOCK_ROLE)
        assert kinds.count("candidate") == block.seated and kinds.count("staff") == len(s.staff)
        listed = {(v.code, v.session) for r in rows for v in model.problems_at(r)}
        assert listed == {(v.code, v.session) for v in block.problems}, s.id
    assert any(v.code == "staff_too_few" and v.session == source.id for v in blocks.index_of(source.id).data(BLOCK_ROLE).hard)


def test_weekend_sessions_warn_in_the_timetable_and_the_list(view):
    blocks, model = view.timetable_model, view.model
    saturday = next(c for c in range(blocks.columnCount()) if "周六" in blocks.slot_text(c))
    monday = next(c for c in range(blocks.columnCount()) if "周一" in blocks.slot_text(c))
    assert blocks.headerData(saturday, Qt.Horizontal, DAY_OFF_ROLE) == "周末"
    assert "周末" in blocks.headerData(saturday, Qt.Horizontal)
    assert blocks.headerData(monday, Qt.Horizontal, DAY_OFF_ROLE) == ""
    on_saturday = [s for s in model.plan.sessions if s.start.weekday() == 5]
    for s in on_saturday:
        assert "周末" in blocks.block_lines(blocks.index_of(s.id).data(BLOCK_ROLE))[3]
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(SESSION_ROLE) == s.id)
        assert any(v.code == "slot_on_weekend" for v in model.problems_at(row))
    checker = PlanChecker(model.scenario, model.rules, WorkCalendar.load())
    assert {v.code for v in checker.check(model.plan) if not v.hard} >= {"slot_on_weekend"}


def test_the_keyboard_moves_a_person_with_the_move_to_menu(qtbot, view):
    plan, model = view.model.plan, view.model
    source = next(s for s in plan.sessions if s.part == "theory" and s.level == "4" and len(s.seats) > 1)
    view.timetable.choose(source.id)
    assert not view.detail.move_button.isEnabled()
    view.detail.seats.setCurrentRow(0)
    assert view.detail.move_button.isEnabled()
    moved = view.detail.selected_members()[0]["id"]
    view.detail._fill_slots()
    column = view.timetable_model.index_of(source.id).column()
    sub = view.detail.move_menu.actions()[column].menu()
    sub.aboutToShow.emit()
    texts = [a.text() for a in sub.actions()]
    assert texts and all(t.endswith("✓") or "处违规" in t for t in texts)
    same = next(a for a in sub.actions() if "理论知识考试 · 4级" in a.text())
    assert same.text().endswith("✓")                               # same part and level: nothing breaks
    with qtbot.waitSignal(model.violationsChanged):
        same.trigger()
    assert moved not in _seats(plan, source.id) and model.hard_count() == 0
    assert model.undo_stack.count() == 1


def test_no_plan_shows_the_empty_state(qtbot, demo):
    scenario, rules = demo
    view = PlannerView(scenario, rules, calendar=False)
    qtbot.addWidget(view)
    view.show()
    assert view.timetable_model.rowCount() == 0 and view.timetable_model.columnCount() == 0
    assert "还没有编排" in view.timetable.empty_text
    assert "点击时间表" in view.detail.title.text() and not view.detail.move_button.isEnabled()
    with qtbot.waitSignal(view.model.violationsChanged):
        view.set_plan(Plan(standard=rules.standard, batch="B1"))            # a plan of no sessions: still empty
    assert view.timetable_model.rowCount() == 0
    with qtbot.waitSignal(view.model.violationsChanged):
        view.set_plan(plan_sessions(scenario, rules, seed=1))
    assert view.timetable_model.rowCount() > 0
    assert view.timetable_model.index(0, 0).data(BLOCK_ROLE) is not None


def test_a_hover_off_the_blocks_clears_the_verdict(qtbot, view):
    plan = view.model.plan
    view.timetable.choose(plan.sessions[0].id)
    item = view.detail.seats.item(0)
    mime = view.detail.seats.mimeData([item])
    port = view.timetable.viewport()
    empty = next(view.timetable_model.index(r, c) for r in range(view.timetable_model.rowCount())
                 for c in range(view.timetable_model.columnCount()) if view.timetable_model.index(r, c).data(BLOCK_ROLE) is None)
    view.timetable.scrollTo(empty)
    pos = view.timetable.visualRect(empty).center()
    QApplication.sendEvent(port, QDragEnterEvent(pos, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier))
    with qtbot.waitSignal(view.timetable.verdictChanged) as said:
        QApplication.sendEvent(port, QDragMoveEvent(pos, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier))
    assert said.args == ["", True] and view.timetable.delegate.drop_hint is None
    assert view.verdict.text() == ""



def test_the_windows_ctrl_z_undoes_a_timetable_drop(qtbot, window, desk):
    from eligibility_desk.services.sessions.demo_resources import create_demo_resources

    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    planning = window.planning
    planning.ask = lambda title, text: True
    window.workspaces.setCurrentWidget(planning)
    with qtbot.waitSignal(planning.plan_shown, timeout=20000):
        planning.plan_batch(11)
    view = planning.view
    assert view.tabs.currentIndex() == view.TIMETABLE
    plan = view.model.plan
    source = next(s for s in plan.sessions if s.part == "theory" and s.seats)
    target = next(s for s in plan.sessions if s.part == "theory" and s.level != source.level)
    view.timetable.choose(source.id)
    moved = view.detail.seats.item(0).data(Qt.UserRole)["id"]
    with qtbot.waitSignal(planning.message):
        _drag(qtbot, view, view.detail.seats, 0, target.id)
    assert planning.edited and moved in _seats(plan, target.id)
    assert "移动" in planning.act_undo.toolTip()
    view.timetable.setFocus()
    with qtbot.waitSignal(planning.message) as said:
        qtbot.keyClick(view.timetable, Qt.Key_Z, Qt.ControlModifier)
    assert said.args[0] == "编排与第 1 版保存时相同。"
    assert moved in _seats(plan, source.id) and not planning.edited


def test_rows_rebuilt_only_for_the_touched_sessions_equal_a_fresh_model(qtbot, demo):
    import copy

    from eligibility_desk.ui.planning.plan_table_model import PlanTableModel

    scenario, rules = demo
    model = PlanTableModel(scenario, rules, plan_sessions(scenario, rules, seed=2025))
    plan = model.plan
    theory = [s for s in plan.sessions if s.part == "theory"]
    for source, target in zip(theory, theory[1:] + theory[:1]):
        assert model.move_members([{"kind": "candidate", "id": source.seats[-1].candidate, "session": source.id},
                                   {"kind": "staff", "id": source.staff[0], "session": source.id}], target.id)
    model.undo_stack.undo()

    def shown(m):
        return [tuple(m.index(r, c).data() for c in range(m.columnCount())) for r in range(m.rowCount())]

    fresh = PlanTableModel(scenario, rules, copy.deepcopy(plan))
    assert shown(model) == shown(fresh)
    assert model.violations == fresh.violations
