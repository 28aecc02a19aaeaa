"""A 录分员 cannot publish scores: 发布成绩 is disabled naming the 复核人 role, and the score service refuses
when it is asked anyway — the refusal is shown on the workspace's message line, not as a traceback."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from eligibility_desk.domain.roles import Role  # noqa: E402
from eligibility_desk.services.accounts import PermissionDenied  # noqa: E402
from eligibility_desk.services.records.desk import Desk  # noqa: E402
from tests.ui.scores.test_scores_workspace import desk, open_workspace, prepared  # noqa: E402, F401
from tests.account_helpers import actor  # noqa: E402


def test_a_recorder_cannot_publish(qtbot, desk):  # noqa: F811
    ws = open_workspace(qtbot, desk)                       # 教务员: every role
    assert ws.buttons["publish"].isEnabled()
    recorder = Desk(desk.db, actor("录入员甲", Role.RECORDER), desk._rules_dir)
    with qtbot.waitSignal(ws.sheets_shown):
        ws.set_batch(recorder, desk.demo_batch_id)
    button = ws.buttons["publish"]
    assert not button.isEnabled()
    assert "“复核人”" in button.toolTip() and "录入员甲" in button.toolTip()
    assert ws.buttons["import"].isEnabled()                # a recorder may import a sheet's scores
    assert not ws.sheet_panel.lock_button.isEnabled() and "“复核人”" in ws.sheet_panel.lock_button.toolTip()
    published = []
    ws.published.connect(published.append)
    ws.publish()                                           # asked anyway (a script, a stale button): refused
    assert published == [] and ws.scores.publication(desk.demo_batch_id) is None
    assert ws.message.text().startswith("未完成：") and "“复核人”" in ws.message.text()
    with pytest.raises(PermissionDenied):
        ws.scores.publish(desk.demo_batch_id)
    supervisor = Desk(desk.db, actor("复核人乙", Role.SUPERVISOR), desk._rules_dir)
    with qtbot.waitSignal(ws.sheets_shown):
        ws.set_batch(supervisor, desk.demo_batch_id)
    assert ws.buttons["publish"].isEnabled() and not ws.buttons["import"].isEnabled()


def test_a_viewer_before_the_sheets_exist_gets_the_reason_not_a_traceback(qtbot, desk):  # noqa: F811
    from eligibility_desk.ui.scores.scores_workspace import ScoresWorkspace
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.common.task_runner import TaskRunner

    ws = ScoresWorkspace(TaskRunner(None, SynchronousPool()), None, "zh")
    qtbot.addWidget(ws)
    ws.set_batch(Desk(desk.db, actor("guest", Role.VIEWER), desk._rules_dir), desk.demo_batch_id)
    with qtbot.waitSignal(ws.sheets_shown):
        ws.show()
    assert ws.stack.currentWidget() is ws.empty
    assert "尚未建立" in ws.empty_text.text() and "guest" in ws.empty_text.text()
