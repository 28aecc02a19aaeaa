"""The planner view's checks after edits: incremental (only what an edit touches) and equal to a full check
after drags, undo and redo; the full check off the GUI thread while edits go on; many undo steps at once
answered with a full check; and 「提示周末场次」 — the centre's weekend hint — followed by the checker, the list,
the timetable's band and legend, stored and audited on the database."""

from __future__ import annotations

import random

import pytest

from eligibility_desk.planning import PlanChecker, load_planning_rules, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.scoring.workdays import WorkCalendar

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from eligibility_desk.ui.common.task_runner import TaskRunner  # noqa: E402
from eligibility_desk.ui.planning.plan_table_edits import FULL_CHECK_STEPS  # noqa: E402
from eligibility_desk.ui.planning.plan_table_model import SESSION_ROLE  # noqa: E402
from eligibility_desk.ui.planning.planner_view import PlannerView  # noqa: E402
from eligibility_desk.ui.planning.timetable_model import BLOCK_ROLE, DAY_OFF_ROLE  # noqa: E402


class HeldPool:
    """Runs a task only when told (``release``): the full check is "still running" in between."""

    def __init__(self):
        self.held = []

    def start(self, runnable) -> None:
        self.held.append(runnable)

    def release(self) -> None:
        while self.held:
            self.held.pop(0).run()

    def waitForDone(self, msecs: int = -1) -> bool:  # noqa: N802
        return True


@pytest.fixture(scope="module")
def demo():
    """120 generated candidates; the first day, 2025-10-18, is a Saturday."""
    rules = load_planning_rules("4-07-02-06")
    return parse_scenario(generate_scenario(120, seed=2025), rules), rules


@pytest.fixture
def pool():
    return HeldPool()


@pytest.fixture
def view(qtbot, demo, pool):
    scenario, rules = demo
    runner = TaskRunner(None, pool)
    view = PlannerView(scenario, rules, plan_sessions(scenario, rules, seed=2025), calendar=WorkCalendar.load(),
                       runner=runner)
    view.runner = runner                               # kept alive with the view
    qtbot.addWidget(view)
    return view


def _full(view, weekend_hint=True):
    model = view.model
    return PlanChecker(model.scenario, model.rules, WorkCalendar.load(), weekend_hint).check(model.plan)


def _drag(model, rng):
    sessions = model.plan.sessions
    source = rng.choice([s for s in sessions if s.seats])
    target = rng.choice(sessions)
    members = [{"kind": "candidate", "id": seat.candidate, "session": source.id}
               for seat in rng.sample(source.seats, min(2, len(source.seats)))]
    if source.staff and rng.random() < 0.4:
        members.append({"kind": "staff", "id": source.staff[0], "session": source.id})
    return model.move_members(members, target.id)


def test_drags_undo_and_redo_leave_the_verdicts_of_a_full_check(view):
    model, rng = view.model, random.Random(4)
    for step in range(60):
        if rng.random() < 0.3 and model.undo_stack.canUndo():
            model.undo_stack.undo()
        elif rng.random() < 0.2 and model.undo_stack.canRedo():
            model.undo_stack.redo()
        else:
            _drag(model, rng)
        assert model.violations == _full(view), f"after step {step}"
    assert not model.full_check_running()            # single steps never needed one
    hard = sum(v.hard for v in model.violations)
    assert view.summary.text().startswith(f"{hard} 处违规")


def test_a_full_check_runs_off_the_gui_thread_and_edits_made_meanwhile_count(qtbot, view, pool):
    model, rng = view.model, random.Random(9)
    before = model.live
    model.recheck_all()
    assert model.full_check_running() and pool.held                   # handed to the pool, not run here
    _drag(model, rng)                                                  # the list is still usable …
    model.undo_stack.undo()
    _drag(model, rng)
    assert model.undo_stack.canUndo()                                  # … and its edits are undoable
    with qtbot.waitSignal(model.violationsChanged):
        pool.release()
    assert not model.full_check_running() and model.live is not before
    assert model.violations == _full(view)                             # the edits made meanwhile are in
    model.undo_stack.undo()
    assert model.violations == _full(view)


def test_many_undo_steps_at_once_are_followed_by_a_full_check(qtbot, view, pool):
    model, rng = view.model, random.Random(12)
    for _ in range(FULL_CHECK_STEPS + 2):
        _drag(model, rng)
    qtbot.wait(1)
    assert not model.full_check_running()
    model.undo_stack.setIndex(0)                                       # the history jumps back at once
    qtbot.waitUntil(model.full_check_running, timeout=2000)
    assert "正在全面检查" in view.summary.text() or pool.held
    pool.release()
    assert not model.full_check_running()
    assert model.violations == _full(view)


def _saturday(view):
    blocks = view.timetable_model
    return next(c for c in range(blocks.columnCount()) if "周六" in blocks.slot_text(c))


def test_the_weekend_hint_switch_is_followed_by_checker_list_timetable_and_legend(qtbot, view):
    model, blocks = view.model, view.timetable_model
    box = view.weekend_box
    assert box.isChecked() and box.text() == "提示周末场次"
    assert any(v.code == "slot_on_weekend" for v in model.violations)
    assert blocks.headerData(_saturday(view), Qt.Horizontal, DAY_OFF_ROLE) == "周末"
    with qtbot.waitSignal(view.weekendHintToggled) as told:
        box.click()
    assert told.args == [False]
    assert not any(v.code == "slot_on_weekend" for v in model.violations)
    assert model.violations == _full(view, weekend_hint=False)
    assert blocks.headerData(_saturday(view), Qt.Horizontal, DAY_OFF_ROLE) == ""
    saturday = [s for s in model.plan.sessions if s.start.weekday() == 5]
    assert saturday and all(not blocks.index_of(s.id).data(BLOCK_ROLE).day_off for s in saturday)
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(SESSION_ROLE) == saturday[0].id)
    assert not any(v.code == "slot_on_weekend" for v in model.problems_at(row))
    assert not any("周末" in view.problems.item(i).text() for i in range(view.problems.count()))
    assert view.legend.day_off.text() == "☾ 节假日"
    _drag(model, random.Random(1))                                      # edits keep following it
    assert model.violations == _full(view, weekend_hint=False)
    box.click()
    assert view.legend.day_off.text() == "☾ 节假日或周末"
    assert model.violations == _full(view, weekend_hint=True)
    assert blocks.headerData(_saturday(view), Qt.Horizontal, DAY_OFF_ROLE) == "周末"


def test_the_switch_and_the_legend_in_english(qtbot, qapp, demo, tmp_path):
    from PySide6.QtCore import QTranslator

    from eligibility_desk import i18n_build

    qm = i18n_build.compile_ts(i18n_build.I18N_DIR / "eligibility_desk_en.ts", tmp_path / "en.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        scenario, rules = demo
        view = PlannerView(scenario, rules, plan_sessions(scenario, rules, seed=2025), lang="en",
                           calendar=WorkCalendar.load(), weekend_hint=False)
        qtbot.addWidget(view)
        assert view.weekend_box.text() == "Note weekend sessions" and not view.weekend_box.isChecked()
        assert "statutory holidays are always noted" in view.weekend_box.toolTip()
        assert view.legend.day_off.text() == "☾ Holiday"
        view.weekend_box.click()
        assert view.legend.day_off.text() == "☾ Holiday or weekend"
    finally:
        qapp.removeTranslator(translator)


def test_an_edit_of_many_sessions_is_followed_by_a_full_check(qtbot, view, pool, monkeypatch):
    from eligibility_desk.ui.planning import plan_table_edits

    monkeypatch.setattr(plan_table_edits, "FULL_CHECK_SESSIONS", 1)     # "many": more than one, for the test
    model = view.model
    assert _drag(model, random.Random(3))                              # a drag touches two sessions
    assert model.full_check_running()
    pool.release()
    assert not model.full_check_running() and model.violations == _full(view)
