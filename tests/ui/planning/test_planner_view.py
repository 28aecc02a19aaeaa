"""The planner view shows a plan for a demo batch and flags a violation made by dragging."""

from __future__ import annotations

import json

import pytest

from eligibility_desk.planning import load_planning_rules, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, Qt  # noqa: E402

from eligibility_desk.ui.planning.plan_table_edits import MIME_TYPE  # noqa: E402
from eligibility_desk.ui.planning.plan_table_model import (  # noqa: E402
    COL_ROLE, HARD_BRUSH, KIND_ROLE, PERSON_ROLE, SESSION_ROLE, PlanTableModel,
)
from eligibility_desk.ui.planning.planner_view import PlannerView  # noqa: E402


@pytest.fixture(scope="module")
def demo():
    """The demo batch: a generated batch of 120 candidates (seed 2025)."""
    rules = load_planning_rules("4-07-02-06")
    scenario = parse_scenario(generate_scenario(120, seed=2025), rules)
    return scenario, rules


@pytest.fixture
def plan(demo):
    scenario, rules = demo
    return plan_sessions(scenario, rules, seed=2025)


def _rows(model, want: dict):
    out = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if all(index.data(role) == value for role, value in want.items()):
            out.append(row)
    return out


def _invigilator_drag(model, plan):
    """A theory session with exactly two invigilators, and a session in another slot to drop one into."""
    source = next(s for s in plan.sessions if s.part == "theory" and len(s.staff) == 2)
    target = next(s for s in plan.sessions if s.start != source.start and s.part == "theory")
    row = _rows(model, {SESSION_ROLE: source.id, PERSON_ROLE: source.staff[1]})[0]
    target_row = _rows(model, {SESSION_ROLE: target.id})[0]
    return source, target, row, target_row


def test_model_shows_every_person_of_the_plan(demo, plan):
    scenario, rules = demo
    model = PlanTableModel(scenario, rules, plan)
    expected = sum(len(s.staff) + len(s.seats) for s in plan.sessions)
    assert model.rowCount() == expected
    assert model.hard_count() == 0
    assert model.headerData(COL_ROLE, Qt.Horizontal) == "身份"
    kinds = {model.index(r, 0).data(KIND_ROLE) for r in range(model.rowCount())}
    assert kinds == {"staff", "candidate"}


def test_a_dragged_invigilator_leaves_a_room_short(qtbot, demo, plan):
    scenario, rules = demo
    model = PlanTableModel(scenario, rules, plan)
    source, target, row, target_row = _invigilator_drag(model, plan)
    moved = source.staff[1]
    mime = model.mimeData([model.index(row, 0)])
    assert mime.hasFormat(MIME_TYPE)
    assert model.canDropMimeData(mime, Qt.MoveAction, -1, -1, model.index(target_row, 0))
    with qtbot.waitSignal(model.violationsChanged, timeout=2000) as signal:
        assert model.dropMimeData(mime, Qt.MoveAction, -1, -1, model.index(target_row, 0))
    hard, _soft = signal.args
    assert hard >= 1
    short = [v for v in model.violations if v.code == "staff_too_few"]
    assert [v.session for v in short] == [source.id] and short[0].rule == "§1.9.3"
    assert moved in plan.session_map()[target.id].staff and moved not in plan.session_map()[source.id].staff
    still = _rows(model, {SESSION_ROLE: source.id, KIND_ROLE: "staff"})[0]
    assert model.index(still, 0).data(Qt.BackgroundRole) == HARD_BRUSH
    assert "监考人员" in model.index(still, 0).data(Qt.ToolTipRole)


def test_a_candidate_dragged_to_another_level_is_flagged(qtbot, demo, plan):
    scenario, rules = demo
    model = PlanTableModel(scenario, rules, plan)
    source = next(s for s in plan.sessions if s.part == "theory" and s.level == "4")
    target = next(s for s in plan.sessions if s.part == "theory" and s.level != "4")
    cid = source.seats[0].candidate
    row = _rows(model, {SESSION_ROLE: source.id, PERSON_ROLE: cid})[0]
    target_row = _rows(model, {SESSION_ROLE: target.id})[-1]
    mime = model.mimeData([model.index(row, 0)])
    with qtbot.waitSignal(model.violationsChanged, timeout=2000):
        assert model.dropMimeData(mime, Qt.MoveAction, -1, -1, model.index(target_row, 0))
    wrong = [v for v in model.violations if v.code == "wrong_level"]
    assert [(v.session, v.people) for v in wrong] == [(target.id, (cid,))]
    new_row = _rows(model, {SESSION_ROLE: target.id, PERSON_ROLE: cid})[0]
    assert model.index(new_row, 0).data(Qt.BackgroundRole) == HARD_BRUSH
    assert model.index(new_row, 5).data() == max(seat.seat for seat in target.seats)     # the next seat


def test_drop_on_nothing_or_foreign_data_is_refused(demo, plan):
    from PySide6.QtCore import QMimeData

    scenario, rules = demo
    model = PlanTableModel(scenario, rules, plan)
    mime = model.mimeData([model.index(0, 0)])
    assert not model.canDropMimeData(mime, Qt.MoveAction, -1, -1, QModelIndex())
    other = QMimeData()
    other.setText("hello")
    assert not model.dropMimeData(other, Qt.MoveAction, -1, -1, model.index(3, 0))


def test_the_view_shows_the_demo_plan_and_flags_a_drag(qtbot, demo, plan, tmp_path):
    scenario, rules = demo
    view = PlannerView(scenario, rules, plan)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    assert view.summary.text().startswith("0 处违规")
    assert view.slot_box.count() == 1 + len({(s.start, s.end) for s in plan.sessions})
    view.slot_box.setCurrentIndex(1)
    first_slot = min(s.start for s in plan.sessions)
    shown = {view.model.index(r, 0).data(SESSION_ROLE) for r in range(view.model.rowCount())}
    assert shown == {s.id for s in plan.sessions if s.start == first_slot}
    view.slot_box.setCurrentIndex(0)

    model = view.model
    source, _target, row, target_row = _invigilator_drag(model, plan)
    mime = model.mimeData([model.index(row, 0)])
    with qtbot.waitSignal(model.violationsChanged, timeout=2000):
        model.dropMimeData(mime, Qt.MoveAction, -1, -1, model.index(target_row, 0))
    assert view.summary.text().startswith("1 处违规")
    texts = [view.problems.item(i).text() for i in range(view.problems.count())]
    assert any(source.id in t and "理论知识考试需 2 名监考人员，只安排了 1 名" in t for t in texts)
    view.grab().save(str(tmp_path / "planner_view.png"))
    assert (tmp_path / "planner_view.png").stat().st_size > 0


def test_mime_payload_is_plain_json(demo, plan):
    scenario, rules = demo
    model = PlanTableModel(scenario, rules, plan)
    payload = json.loads(bytes(model.mimeData([model.index(0, 0), model.index(0, 3)]).data(MIME_TYPE)).decode())
    assert payload == [{"kind": model.index(0, 0).data(KIND_ROLE), "id": model.index(0, 0).data(PERSON_ROLE),
                        "session": model.index(0, 0).data(SESSION_ROLE)}]
