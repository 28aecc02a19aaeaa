"""The 编排 workspace on a real SQLite database with the demo batch (issue 4 acceptance: "The planner view
shows a plan for the demo batch and flags a violation made by dragging")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton

from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService
from eligibility_desk.ui.planning.plan_table_model import HARD_BRUSH, KIND_ROLE, PERSON_ROLE, SESSION_ROLE
from tests.account_helpers import actor


@pytest.fixture
def planning(qtbot, window, desk):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    workspace = window.planning
    workspace.ask = lambda title, text: True      # no modal question in tests
    workspace.ask_unsaved = lambda text: "discard"
    return workspace


def _plan(qtbot, workspace, seed=11):
    with qtbot.waitSignal(workspace.plan_shown, timeout=20000):
        workspace.plan_batch(seed)
    return workspace.shown


def _row(model, **want):
    roles = {"session": SESSION_ROLE, "person": PERSON_ROLE, "kind": KIND_ROLE}
    return next(r for r in range(model.rowCount())
                if all(model.index(r, 0).data(roles[k]) == v for k, v in want.items()))


def test_a_batch_without_a_plan_says_how_to_make_one(window):
    assert "还没有编排" in window.planning.source.text()
    assert window.planning.view is None
    assert not window.planning.act_replan.isEnabled() and window.planning.act_plan.isEnabled()
    assert "先在「编排」生成编排" in window.printing.empty.text()


def test_planning_the_demo_batch_shows_the_stored_plan_with_its_seed(qtbot, planning, window, desk):
    shown = _plan(qtbot, planning, seed=11)
    stored = SessionService.from_desk(desk).latest(desk.demo_batch_id)
    assert stored.number == 1 and stored.seed == 11 and shown.stored.id == stored.id
    assert stored.summary["unplaced"] == 0 and stored.violations == []
    model = planning.view.model
    assert model.rowCount() == sum(len(s.staff) + len(s.seats) for s in shown.plan.sessions) > 0
    assert model.hard_count() == 0
    assert "第 1 版" in planning.source.text() and "种子" not in planning.source.text()
    assert "种子 11" in planning.source.toolTip() and "种子 11" in planning.advanced.record.text()
    assert window.printing.stack.currentWidget() is window.printing.page     # 打印 follows at once
    # the same seed gives the same plan (the 编排记录 is reproducible)
    again = _plan(qtbot, planning, seed=11)
    assert again.stored.number == 2
    assert again.stored.plan_json["sessions"] == stored.plan_json["sessions"]


def test_the_seed_is_out_of_sight_but_recorded_and_reproduces_the_plan(qtbot, planning, window, desk):
    """Issue 13: no 种子 in the planner's face — it sits under 高级 (collapsed), every plan records the seed
    it was made with (drawn at random when the field is empty), and that seed gives the same plan again."""
    window.workspaces.setCurrentWidget(planning)
    assert planning.isVisible() and planning.advanced.button.isVisible()
    assert not planning.seed.isVisible() and not planning.advanced.isVisible()      # collapsed by default
    visible_texts = [w.text() for w in planning.findChildren(QLabel) + planning.findChildren(QToolButton)
                     if w.isVisible()]
    assert not any("种子" in text for text in visible_texts), visible_texts

    first = _plan(qtbot, planning, seed=None).stored                                  # empty field: random
    assert first.seed is not None and first.plan_json["record"]["seed"] == first.seed
    stored = SessionService.from_desk(desk).latest(desk.demo_batch_id)
    assert stored.seed == first.seed
    assert not planning.seed.isVisible() and "种子" not in planning.source.text()
    assert not any("种子" in w.text() for w in planning.findChildren(QLabel) if w.isVisible())

    qtbot.mouseClick(planning.advanced.button, Qt.LeftButton)                        # 高级 opens it
    assert planning.seed.isVisible() and f"种子 {first.seed}" in planning.advanced.record.text()
    planning.seed.setText(str(first.seed))                                            # the recorded seed …
    assert planning.advanced.button.text() == f"高级（种子 {first.seed}）"
    qtbot.mouseClick(planning.advanced.button, Qt.LeftButton)
    assert not planning.seed.isVisible()
    with qtbot.waitSignal(planning.plan_shown, timeout=20000):
        planning.plan_batch()                                                          # … from the field
    again = planning.shown.stored
    assert again.number == first.number + 1 and again.seed == first.seed
    assert again.plan_json["sessions"] == first.plan_json["sessions"]                  # … gives the same plan


def test_dragging_a_candidate_into_another_part_is_flagged_and_stored_only_as_a_new_version(qtbot, planning, desk):
    shown = _plan(qtbot, planning)
    model = planning.view.model
    source = next(s for s in shown.plan.sessions if s.part == "theory" and s.seats)
    target = next(s for s in shown.plan.sessions if s.part == "skill" and s.level != source.level)
    moved = source.seats[0].candidate
    mime = model.mimeData([model.index(_row(model, session=source.id, person=moved), 0)])
    with qtbot.waitSignal(model.violationsChanged, timeout=2000) as signal:
        assert model.dropMimeData(mime, Qt.MoveAction, -1, -1, model.index(_row(model, session=target.id), 0))
    assert signal.args[0] >= 1
    row = _row(model, session=target.id, person=moved)
    assert model.index(row, 0).data(Qt.BackgroundRole) == HARD_BRUSH
    assert {v.code for v in model.violations if v.hard} >= {"wrong_level"}
    assert "违规" in planning.view.summary.text()
    assert planning.edited and planning.act_save.isEnabled() and not planning.act_final.isEnabled()

    planning.ask = lambda title, text: False      # the planner declines to store a plan with violations
    planning.save_edits()
    sessions = SessionService.from_desk(desk)
    assert sessions.latest(desk.demo_batch_id).number == 1

    planning.ask = lambda title, text: True
    with qtbot.waitSignal(planning.plans_changed, timeout=5000):
        planning.save_edits()
    stored = sessions.latest(desk.demo_batch_id)
    assert (stored.number, stored.kind) == (2, "edit") and stored.violations
    assert not planning.edited and "第 2 版" in planning.source.text()
    planning.finalise()                              # refused: hard violations remain
    assert sessions.latest(desk.demo_batch_id).status == "draft"
    assert "hard rule" in planning.source.text() and "c62828" in planning.source.styleSheet()


def test_replanning_after_a_lost_room_reports_what_moved(qtbot, planning, desk):
    shown = _plan(qtbot, planning)
    lost = shown.plan.sessions[0].room
    with qtbot.waitSignal(planning.plan_shown, timeout=20000):
        planning.replan(lost_rooms=[lost])
    stored = planning.shown.stored
    assert (stored.number, stored.kind) == (2, "replan")
    assert lost not in {s.room for s in planning.shown.plan.sessions if s.start == shown.plan.sessions[0].start}
    assert stored.moves and planning.report.isVisibleTo(planning)
    lines = [planning.report.item(i).text() for i in range(planning.report.count())]
    assert lines[0].startswith("重新编排：") and any(lost in line for line in lines[1:])


def test_finalising_a_clean_plan_makes_it_the_one_printed(qtbot, planning, window, desk):
    _plan(qtbot, planning)
    with qtbot.waitSignal(planning.plans_changed, timeout=5000):
        planning.finalise()
    assert SessionService.from_desk(desk).latest(desk.demo_batch_id).status == "final"
    assert "定稿" in planning.source.text() and not planning.act_final.isEnabled()
    assert "已定稿" in window.printing.plan_info.text()


def test_cancelled_planning_stores_nothing(qtbot, planning, window, desk):
    window.runner.progressed.connect(lambda name, done, total: window.runner.cancel_all())
    with qtbot.waitSignal(window.runner.cancelled, timeout=20000):
        planning.plan_batch(3)
    assert SessionService.from_desk(desk).latest(desk.demo_batch_id) is None


def test_the_demo_desk_comes_with_resources_and_a_first_plan(tmp_path, monkeypatch):
    from eligibility_desk.services.launch import open_demo_desk

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    desk, batch_id = open_demo_desk("演示", n=40)
    try:
        stored = SessionService.from_desk(desk).latest(batch_id)
        assert stored is not None and stored.summary["sessions"] > 0
        assert stored.violations == [] and stored.summary["unplaced"] == 0
    finally:
        desk.close()


def test_replanning_after_a_sick_invigilator_replaces_only_them(qtbot, planning, desk):
    from eligibility_desk.services.sessions.resources import ResourceService

    shown = _plan(qtbot, planning)
    session = next(s for s in shown.plan.sessions if s.part == "theory")
    sick = session.staff[-1]
    ResourceService(desk.db, desk.actor).remove_staff(sick)        # 考务资源: 停用
    with qtbot.waitSignal(planning.plan_shown, timeout=20000):
        planning.replan(lost_rooms=[])
    after = planning.shown
    assert all(sick not in s.staff for s in after.plan.sessions)
    assert [m["id"] for m in after.stored.moves if m["kind"] == "staff"].count(sick) >= 1
    assert {m["kind"] for m in after.stored.moves} <= {"staff"}       # no candidate moved
    assert after.stored.violations == []


def test_planning_runs_on_a_worker_thread_in_the_app(qtbot, settings, desk):
    """With the real QThreadPool (as in the app), not the synchronous pool."""
    from eligibility_desk.ui.main_window import MainWindow

    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.rows_shown, timeout=20000):
        window.set_desk(desk, desk.demo_batch_id)
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=20000)
    with qtbot.waitSignal(window.planning.plan_shown, timeout=20000) as shown:
        window.planning.plan_batch(8)
    assert shown.args[0] > 0 and window.planning.view.model.hard_count() == 0
    qtbot.waitUntil(lambda: window.printing.stored is not None, timeout=20000)
    window.runner.wait(10000)


def test_candidates_that_cannot_be_placed_are_listed_with_the_reason(qtbot, planning, desk):
    from eligibility_desk.services.sessions.resources import ResourceService

    resources = ResourceService(desk.db, desk.actor)
    examiners = [m.member.id for m in resources.staff() if "examiner" in m.member.roles]
    for code in examiners[2:]:                        # two examiners left: no skill session can be staffed
        resources.remove_staff(code)
    shown = _plan(qtbot, planning)
    assert shown.stored.summary["unplaced"] > 0
    lines = [planning.report.item(i).text() for i in range(planning.report.count())]
    assert planning.report.isVisibleTo(planning)
    assert any(line.startswith("未安排：") and "技能考核" in line and "考评员" in line for line in lines), lines[:3]
    assert "未安排 0" not in planning.source.text()


def test_the_weekend_hint_switch_is_stored_for_the_centre_audited_and_refused_to_a_viewer(qtbot, planning, desk):
    from sqlalchemy import select

    from eligibility_desk.persistence.models import AuditRow
    from eligibility_desk.services.sessions.plan_settings import WEEKEND_HINT, weekend_hint

    _plan(qtbot, planning)
    box = planning.view.weekend_box
    assert box.isChecked() and weekend_hint(desk.db) is True             # the default: hint on
    assert any(v.code == "slot_on_weekend" for v in planning.view.model.violations)   # demo days: a weekend
    with qtbot.waitSignal(planning.message) as said:
        box.click()
    assert "不再提示" in said.args[0]
    assert weekend_hint(desk.db) is False
    with desk.db.reading() as session:
        rows = list(session.scalars(select(AuditRow).where(AuditRow.entity == "centre_setting")))
    assert [(r.before, r.after) for r in rows] == [({WEEKEND_HINT: True}, {WEEKEND_HINT: False})]
    planning.reload()                                                      # the next load reads it back
    assert not planning.view.weekend_box.isChecked()
    assert not any(v.code == "slot_on_weekend" for v in planning.view.model.violations)
    assert planning.view.legend.day_off.text() == "☾ 节假日"
    desk.actor = actor("只看", "viewer")
    with qtbot.waitSignal(planning.message) as said:
        planning.view.weekend_box.click()
    assert "未保存" in said.args[0]
    assert not planning.view.weekend_box.isChecked() and weekend_hint(desk.db) is False   # switched back
    assert not any(v.code == "slot_on_weekend" for v in planning.view.model.violations)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_planning_toolbar_fits_a_1280_px_screen_in_both_languages(qtbot, qapp, settings, desk, lang):
    """The version line beside the 编排 buttons wraps instead of widening the window: in English it alone is
    ~570 px and made the window's minimum ~1,420 px (wider than a 1280×800 screen)."""
    from PySide6.QtCore import QLocale

    from eligibility_desk.ui.common.language import install_translators
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.main_window import WORKSPACES, MainWindow

    locale = QLocale()
    translators = install_translators(qapp, lang) if lang == "en" else []
    try:
        create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
        window = MainWindow(settings, lang=lang, pool=SynchronousPool())
        window.ask_unsaved = lambda text: "discard"
        qtbot.addWidget(window)
        window.resize(1280, 800)
        with qtbot.waitSignal(window.rows_shown):
            window.set_desk(desk, desk.demo_batch_id)
        window.show()
        window.workspaces.setCurrentIndex(WORKSPACES.index("planning"))
        planning = window.planning
        _plan(qtbot, planning, seed=11)
        assert ("Version 1" if lang == "en" else "第 1 版") in planning.source.text()
        assert planning.source.fontMetrics().horizontalAdvance(planning.source.text()) > 300    # a long line
        assert planning.minimumSizeHint().width() <= 1280
        assert window.minimumSizeHint().width() <= 1280
        qtbot.waitUntil(lambda: window.width() == 1280)
        assert planning.source.height() >= planning.source.heightForWidth(planning.source.width())   # shown whole
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
