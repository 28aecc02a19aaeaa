"""The unsaved-work flag follows the undo stack's clean state (issue 16): an edit undone before it was committed,
or a field left as it was, leaves the applicant unmodified — 撤销 stays disabled and closing asks nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eligibility_desk.ui.main_window import DETAIL_FORM


def _form_on_first(qtbot, window, desk):
    rows = desk.applicant_rows(desk.demo_batch_id)
    window.screening.list_panel.select_pk(rows[0].pk)
    window.show_detail(DETAIL_FORM)
    form = window.screening.form
    qtbot.waitUntil(lambda: form.draft.pk == rows[0].pk)
    return form


def test_an_id_edit_undone_in_the_field_then_tab_leaves_no_unsaved_flag(qtbot, window, desk):
    form = _form_on_first(qtbot, window, desk)
    edit = form.line_edits["id"]
    original = edit.text()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.end(False)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, "5")
    assert edit.text() != original
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == original
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not form.draft.is_modified()
    assert not window.act_undo.isEnabled()
    assert form.unsaved_work() == ""


def test_a_committed_id_edit_undone_by_the_window_is_clean_again(qtbot, window, desk):
    form = _form_on_first(qtbot, window, desk)
    edit = form.line_edits["id"]
    original = edit.text()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, "110101199003071234")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert form.draft.is_modified()
    window.act_undo.trigger()
    assert edit.text() == original
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)          # leaving the field again commits nothing new
    assert not form.draft.is_modified()
    assert not window.act_undo.isEnabled()


def test_tabbing_through_every_field_changes_nothing(qtbot, window, desk):
    form = _form_on_first(qtbot, window, desk)
    for key, edit in form.line_edits.items():
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not form.draft.is_modified(), [c for c in range(form.draft.undo_stack.count())]
    assert not window.act_undo.isEnabled()


def test_retyping_a_whole_id_then_undoing_in_the_field_is_clean(qtbot, window, desk):
    form = _form_on_first(qtbot, window, desk)
    edit = form.line_edits["id"]
    original = edit.text()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, "110101199003071234")
    while edit.text() != original and edit.isUndoAvailable():
        qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == original
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not form.draft.is_modified()
    assert not window.act_undo.isEnabled()


def test_typing_the_old_value_back_is_not_an_unsaved_change(qtbot, window, desk):
    form = _form_on_first(qtbot, window, desk)
    edit = form.line_edits["name"]
    original = edit.text()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, "X")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert form.draft.is_modified()
    edit.setFocus()
    edit.setText(original)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not form.draft.is_modified(), "the form holds what is stored: nothing to save"
    assert form.unsaved_work() == ""
    assert window.act_undo.isEnabled(), "the two edits can still be walked back"
