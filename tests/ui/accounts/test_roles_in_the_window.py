"""What an account's roles change in the window: a 查看 account sees 身份证号 masked (list, search, form) and
导入 disabled naming the missing role; a 录分员 cannot publish (the button says why); the same database switched
to another account follows it (docs/gui.md, 账户)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from eligibility_desk.domain.roles import Role, mask_id_number  # noqa: E402
from eligibility_desk.services.records.desk import Desk  # noqa: E402
from eligibility_desk.ui.screening.applicant_table_model import COL_ID_NUMBER  # noqa: E402
from tests.account_helpers import actor  # noqa: E402


def shown_ids(window):
    model = window.screening.list_panel.model
    return [model.index(r, COL_ID_NUMBER).data() for r in range(model.rowCount())]


def as_account(qtbot, window, actor):
    desk = Desk(window.desk.db, actor, window.rules_dir)
    with qtbot.waitSignal(window.rows_shown):
        window.set_desk(desk, window.batch_id)
    return desk


def test_a_viewer_sees_masked_id_numbers_and_cannot_import(qtbot, window, desk):
    full = [row.id_number for row in desk.applicant_rows(desk.demo_batch_id)]
    assert window.act_import.isEnabled() and sorted(shown_ids(window)) == sorted(full)   # clerk1: every role

    as_account(qtbot, window, actor("guest", Role.VIEWER))
    ids = shown_ids(window)
    assert ids and sorted(ids) == sorted(mask_id_number(n) for n in full)
    assert all("********" in text for text in ids) and not set(ids) & set(full)
    assert not window.act_import.isEnabled()
    assert "“审核员”" in window.act_import.toolTip() and "guest" in window.act_import.toolTip()
    assert window.act_import.statusTip() == window.act_import.toolTip()
    assert not window.act_screen.isEnabled() and not window.act_new_applicant.isEnabled()
    assert "查看" in window.account_label.text() and "guest" in window.account_label.text()

    panel = window.screening.list_panel                      # the whole number typed finds nobody
    panel.search.setText(full[0])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    panel.search.setText("")
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(full))

    form = window.screening.form                             # the form shows it masked, read only
    edit = form.line_edits["id_number"]
    qtbot.waitUntil(lambda: "*" in edit.text())
    assert edit.isReadOnly() and edit.text() == mask_id_number(form.draft.data["id_number"])
    assert form.unsaved_work() == ""                         # a masked field is not an edit

    as_account(qtbot, window, actor("planner1", Role.PLANNER))
    assert all("********" in text for text in shown_ids(window))
    assert window.act_resources.isEnabled() and not window.act_import.isEnabled()
    as_account(qtbot, window, actor("clerk2", Role.CLERK))
    assert sorted(shown_ids(window)) == sorted(full) and window.act_import.isEnabled()
    assert not window.act_resources.isEnabled() and "“考务”" in window.act_resources.toolTip()


def test_printing_keeps_the_mask_for_a_planner(qtbot, window):
    as_account(qtbot, window, actor("planner1", Role.PLANNER))
    box = window.printing.mask_id
    assert box.isChecked() and not box.isEnabled()
    as_account(qtbot, window, actor("clerk2", Role.CLERK))
    assert window.printing.mask_id.isEnabled()
    assert not window.printing.buttons["slips"].isEnabled() and "“考务”" in window.printing.buttons["slips"].toolTip()


def test_settings_without_the_admin_role_still_save_the_language(qtbot, window, settings):
    from eligibility_desk.ui.settings_dialog import SettingsDialog

    as_account(qtbot, window, actor("clerk2", Role.CLERK))
    dialog = SettingsDialog(settings, window, window.desk, window.batch_id, "demo")
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.apply() and settings.value("ui/language") == "en"     # the centre fields were left alone
    dialog = SettingsDialog(settings, window, window.desk, window.batch_id, "demo")
    qtbot.addWidget(dialog)
    dialog.centre_name.setText("某某市职业技能等级认定中心")
    assert not dialog.apply()
    assert "“管理员”" in dialog.centre_error.text() and dialog.centre_error.isVisibleTo(dialog)


def test_planning_is_a_planners_and_the_review_queue_links_the_history(qtbot, window):
    as_account(qtbot, window, actor("clerk2", Role.CLERK))
    plan = window.planning.act_plan
    assert not plan.isEnabled() and "“考务”" in plan.toolTip() and "F9" in plan.toolTip()
    queue = window.screening.review_panel
    assert queue.current is not None and queue.approve_button.isEnabled()     # a clerk decides
    with qtbot.waitSignal(queue.detail.history_requested):
        queue.detail.request_history()
    assert window.screening.history_dialog.is_empty()
    as_account(qtbot, window, actor("guest", Role.VIEWER))
    assert not queue.approve_button.isEnabled() and "“审核员”或“复核人”" in queue.approve_button.toolTip()
