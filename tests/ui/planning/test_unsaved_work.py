"""Unsaved hand edits of the 编排 tab are never dropped silently: switching batch, closing the window, planning
again and opening a scenario file ask 保存 / 放弃 / 取消 first (ui/common/unsaved_work.py).  取消 leaves everything as
it was, 保存 stores the version as 保存修改 does, 放弃 goes on without it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService
from eligibility_desk.ui.common import unsaved_work
from eligibility_desk.ui.common.unsaved_work import CANCEL, DISCARD, SAVE


@pytest.fixture
def edited(qtbot, window, desk):
    """The window on the demo batch with a second batch on file; 编排 shows version 1 with one hand edit."""
    desk.other_batch_id = desk.create_batch("第二批", "4-07-02-06", ["2"], date(2025, 9, 1))
    window.refresh()
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    planning = window.planning
    planning.ask = lambda title, text: True              # store a plan with violations without asking
    window.workspaces.setCurrentWidget(planning)
    with qtbot.waitSignal(planning.plan_shown, timeout=20000):
        planning.plan_batch(11)
    model = planning.view.model
    source = next(s for s in model.plan.sessions if s.part == "theory" and s.seats)
    target = next(s for s in model.plan.sessions if s.part == "theory" and s.level != source.level)
    assert model.move_members([{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id}],
                              target.id)
    assert planning.edited
    return window


def _answer(target, answer: str) -> list[str]:
    """Answer ``target``'s question with ``answer``; returns the texts it was asked."""
    asked: list[str] = []
    target.ask_unsaved = lambda text: asked.append(text) or answer
    return asked


def _versions(desk) -> list[tuple[int, str]]:
    return [(v.number, v.kind) for v in SessionService.from_desk(desk).plans(desk.demo_batch_id)]


def _choose(window, batch_id) -> None:
    combo = window.batch_combo
    combo.setCurrentIndex(combo.findData(batch_id))       # as the user's click does, before `activated`
    combo.activated.emit(combo.findData(batch_id))


def test_cancel_keeps_the_batch_the_selection_and_the_edits(edited, desk):
    window, planning = edited, edited.planning
    model = planning.view.model
    asked = _answer(window, CANCEL)
    _choose(window, desk.other_batch_id)
    assert asked == ["「编排」有未保存的手工调整（基于第 1 版）。"]
    assert window.batch_id == desk.demo_batch_id
    assert window.batch_combo.currentData() == desk.demo_batch_id          # the toolbar shows it again
    assert planning.batch_id == desk.demo_batch_id and planning.view.model is model and planning.edited
    assert _versions(desk) == [(1, "plan")]


def test_discard_switches_batch_without_storing(qtbot, edited, desk):
    window, planning = edited, edited.planning
    _answer(window, DISCARD)
    _choose(window, desk.other_batch_id)
    assert window.batch_id == desk.other_batch_id and planning.batch_id == desk.other_batch_id
    qtbot.waitUntil(lambda: planning.view is None)                        # the other batch has no plan
    assert not planning.edited and _versions(desk) == [(1, "plan")]


def test_save_stores_the_edits_as_a_version_then_switches(edited, desk):
    window = edited
    _answer(window, SAVE)
    _choose(window, desk.other_batch_id)
    assert _versions(desk) == [(1, "plan"), (2, "edit")]
    assert window.batch_id == desk.other_batch_id


def test_a_refused_save_stops_the_switch(edited, desk):
    window, planning = edited, edited.planning
    planning.ask = lambda title, text: False          # "store a plan with 1 violation?" — no
    _answer(window, SAVE)
    _choose(window, desk.other_batch_id)
    assert window.batch_id == desk.demo_batch_id and planning.edited and _versions(desk) == [(1, "plan")]


def test_choosing_the_batch_already_shown_asks_nothing(edited, desk):
    asked = _answer(edited, CANCEL)
    _choose(edited, desk.demo_batch_id)
    assert asked == [] and edited.planning.edited


@pytest.mark.parametrize("answer, closed, versions", [
    (CANCEL, False, [(1, "plan")]),
    (DISCARD, True, [(1, "plan")]),
    (SAVE, True, [(1, "plan"), (2, "edit")]),
])
def test_closing_the_window_asks(edited, desk, answer, closed, versions):
    window = edited
    asked = _answer(window, answer)
    assert window.close() is closed
    assert asked and window.isVisible() is not closed
    assert _versions(desk) == versions
    if not closed:
        assert window.planning.edited
        _answer(window, DISCARD)                      # let the fixture close it


@pytest.mark.parametrize("answer, versions", [
    (CANCEL, [(1, "plan")]),
    (DISCARD, [(1, "plan"), (2, "plan")]),
    (SAVE, [(1, "plan"), (2, "edit"), (3, "plan")]),
])
def test_planning_again_over_edits_asks(qtbot, edited, desk, answer, versions):
    planning = edited.planning
    asked = _answer(planning, answer)
    if answer == CANCEL:
        planning.plan_batch(12)
        assert planning.edited
    else:
        with qtbot.waitSignal(planning.plan_shown, timeout=20000):
            planning.plan_batch(12)
        assert not planning.edited and planning.view.model.undo_stack.count() == 0
    assert asked and _versions(desk) == versions


def test_replanning_and_opening_a_scenario_over_edits_ask_too(edited, desk):
    planning = edited.planning
    asked = _answer(planning, CANCEL)
    planning.replan(lost_rooms=[])
    planning.open_scenario(str(Path(__file__).resolve().parents[2] / "nonexistent.json"))
    assert len(asked) == 2 and planning.edited and _versions(desk) == [(1, "plan")]


def test_the_question_is_save_discard_cancel_in_chinese_and_esc_cancels(qtbot):
    seen = {}

    def answer(key):
        box = QApplication.activeModalWidget()
        seen["texts"] = [box.button(b).text() for b in (QMessageBox.Save, QMessageBox.Discard, QMessageBox.Cancel)]
        seen["default"] = box.defaultButton() is box.button(QMessageBox.Save)
        if key is None:
            box.button(QMessageBox.Discard).click()
        else:
            qtbot.keyClick(box, key)

    QTimer.singleShot(0, lambda: answer(Qt.Key_Escape))
    assert unsaved_work.ask_save_discard_cancel(None, "「编排」有未保存的手工调整。") == CANCEL
    assert seen == {"texts": ["保存", "放弃", "取消"], "default": True}
    QTimer.singleShot(0, lambda: answer(None))
    assert unsaved_work.ask_save_discard_cancel(None, "x") == DISCARD
    QTimer.singleShot(0, lambda: answer(Qt.Key_Return))                  # Enter: the default, 保存
    assert unsaved_work.ask_save_discard_cancel(None, "x") == SAVE
