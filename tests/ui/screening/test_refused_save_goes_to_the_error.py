"""A refused save takes the clerk to the problem: the form opens the tab of the first problem listed (the one whose
title shows "(1!)") and puts the cursor on the offending field or cell — after 保存 (Ctrl+S) and after 保存 in the
unsaved-work question, from whichever tab was open, in 审核 or another workspace."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from eligibility_desk.ui.main_window import WORKSPACES
from eligibility_desk.ui.screening.record_columns import KINDS
from eligibility_desk.ui.screening.screening_workspace import DETAIL_FORM, DETAIL_VERDICT
from eligibility_desk.ui.common.unsaved_work import SAVE


def _bad_work_start(window) -> int:
    """A work record whose start date cannot be read: a problem on the 工作经历 tab, not the one open."""
    form = window.screening.form
    row = form.draft.add_record("work")
    form.draft.set(("work", row, "occupation"), "用户增长运营师")
    form.draft.set(("work", row, "employer"), "某某网络科技有限公司")
    form.draft.set(("work", row, "start"), "2019-13-01")
    form.tabs.setCurrentIndex(KINDS.index("education"))
    assert list(form.draft.errors) == [f"work[{row}].start"] and "(1!)" in form.tabs.tabText(KINDS.index("work"))
    return row


def _on_the_bad_cell(qtbot, window, row: int) -> None:
    form = window.screening.form
    view, model = form.tables["work"], form.models["work"]
    assert window.workspaces.currentIndex() == WORKSPACES.index("screening")
    assert window.screening.details.currentIndex() == DETAIL_FORM
    assert form.tabs.currentIndex() == KINDS.index("work")
    assert view.currentIndex() == model.index(row, model.column_of("start"))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)


def test_ctrl_s_refused_opens_the_tab_of_the_error_and_focuses_the_cell(qtbot, window, desk):
    window.activateWindow()
    window.show_detail(DETAIL_FORM)
    row = _bad_work_start(window)
    window.findChild(type(window.act_save), "save").trigger()          # 编辑 → 保存 (Ctrl+S)
    assert "错误" in window.screening.form.banner.text()
    _on_the_bad_cell(qtbot, window, row)


def test_a_personal_field_error_focuses_that_field(qtbot, window):
    window.activateWindow()
    window.show_detail(DETAIL_FORM)
    form = window.screening.form
    form.tabs.setCurrentIndex(KINDS.index("certificates"))
    form.draft.set(("id_number",), "110101199503071234")               # wrong check digit
    assert not form.save()
    assert next(iter(form.draft.errors)) == "id_number"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.line_edits["id_number"])


def test_save_refused_in_the_unsaved_work_question_goes_to_the_error_from_another_workspace(qtbot, window, desk):
    window.activateWindow()
    pk = window.screening.form.draft.pk
    stored = desk.load_applicant(pk)[0].work
    window.show_detail(DETAIL_VERDICT)
    row = _bad_work_start(window)
    window.workspaces.setCurrentIndex(WORKSPACES.index("planning"))     # the clerk went to 编排 meanwhile
    window.ask_unsaved = lambda text: SAVE
    assert window.close() is False                                      # 保存 refused: the window stays
    _on_the_bad_cell(qtbot, window, row)
    assert desk.load_applicant(pk)[0].work == stored                    # nothing was stored
    window.ask_unsaved = lambda text: "discard"                          # let the fixture close it


def test_a_save_the_desk_refuses_goes_to_the_field_it_names(qtbot, window, desk):
    """The form finds nothing wrong, the database does (another applicant has this ID number)."""
    window.activateWindow()
    window.show_detail(DETAIL_FORM)
    form = window.screening.form
    other = desk.applicant_rows(desk.demo_batch_id)[1]
    form.draft.set(("id_number",), desk.load_applicant(other.pk)[0].id_number)
    form.line_edits["name"].setFocus()
    assert not form.draft.errors and not form.save()
    assert "未保存" in form.banner.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.line_edits["id_number"])
