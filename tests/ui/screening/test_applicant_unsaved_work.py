"""The applicant form takes part in the window's unsaved-work protocol (ui/common/unsaved_work.py): picking another
applicant, Ctrl+N, switching batch and closing the window ask 保存 / 放弃 / 取消 about its edits.  保存 saves as the
form's 保存 does (a refused save stops the action and shows why), 放弃 drops the edits, 取消 keeps everything —
and in every branch the list's selection names the applicant the form and the verdict panel show."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.ui.screening.applicant_table_model import PK_ROLE
from eligibility_desk.ui.main_window import ALL_BATCHES, DETAIL_FORM
from eligibility_desk.ui.common.unsaved_work import CANCEL, DISCARD, SAVE


def _pick(qtbot, window, pk) -> None:
    """The clerk picks ``pk`` in the list; when the switch is refused, the selection goes back at the next turn
    of the event loop (after the view has finished selecting ``pk``)."""
    window.screening.list_panel.select_pk(pk)
    qtbot.wait(1)


def _answer(window, answer: str) -> list[str]:
    asked: list[str] = []
    window.ask_unsaved = lambda text: asked.append(text) or answer
    return asked


def _consistent(window, pk) -> None:
    """The list selects (and highlights) ``pk``, the form edits it and the verdict panel shows it."""
    view = window.screening.list_panel.view
    assert window.screening.list_panel.selected_pk() == pk
    assert [index.data(PK_ROLE) for index in view.selectionModel().selectedRows()] == [pk]
    assert window.screening.form.draft.pk == pk
    assert window.screening._shown_pk == pk


@pytest.fixture
def rows(desk):
    return desk.applicant_rows(desk.demo_batch_id)


@pytest.fixture
def edited(window, rows):
    """The first applicant selected, her name changed in the form and not saved."""
    window.screening.list_panel.select_pk(rows[0].pk)
    window.screening.form.draft.set(("name",), "改了没存")
    return window


def _stored_name(desk, pk) -> str:
    return desk.load_applicant(pk)[0].name


def test_cancel_keeps_the_edits_and_puts_the_selection_back(qtbot, edited, desk, rows):
    asked = _answer(edited, CANCEL)
    _pick(qtbot, edited, rows[1].pk)
    assert asked == ["「考生资料」有未保存的修改（改了没存）。"]
    _consistent(edited, rows[0].pk)
    assert edited.screening.form.draft.is_modified() and edited.screening.form.line_edits["name"].text() == "改了没存"
    assert _stored_name(desk, rows[0].pk) == rows[0].name


def test_discard_shows_the_applicant_picked_and_stores_nothing(qtbot, edited, desk, rows):
    _answer(edited, DISCARD)
    _pick(qtbot, edited, rows[1].pk)
    _consistent(edited, rows[1].pk)
    assert not edited.screening.form.draft.is_modified() and edited.screening.form.line_edits["name"].text() == rows[1].name
    assert _stored_name(desk, rows[0].pk) == rows[0].name


def test_save_stores_the_edits_then_shows_the_applicant_picked(qtbot, edited, desk, rows):
    _answer(edited, SAVE)
    _pick(qtbot, edited, rows[1].pk)
    assert _stored_name(desk, rows[0].pk) == "改了没存"
    _consistent(edited, rows[1].pk)
    assert not edited.screening.form.draft.is_modified() and edited.screening.form.line_edits["name"].text() == rows[1].name


def test_a_refused_save_stops_the_switch_and_shows_the_field_error(qtbot, edited, desk, rows):
    form = edited.screening.form
    row = form.draft.add_record("work")
    form.draft.set(("work", row, "start"), "2019-13-01")
    edited.show_detail(0)
    asked = _answer(edited, SAVE)
    _pick(qtbot, edited, rows[1].pk)
    assert asked
    _consistent(edited, rows[0].pk)
    assert form.draft.is_modified() and "2019-13-01" in form.problems.text()
    assert edited.screening.details.currentIndex() == DETAIL_FORM and form.banner.isVisibleTo(form)
    assert "错误" in form.banner.text()
    assert _stored_name(desk, rows[0].pk) == rows[0].name


def test_a_field_still_being_typed_in_counts_as_unsaved(qtbot, window, rows):
    window.screening.list_panel.select_pk(rows[0].pk)
    window.screening.form.line_edits["name"].setText("正在输入")          # no editingFinished yet
    with qtbot.waitSignal(window.rows_shown):
        window.refresh()                                         # e.g. after a review decision: kept
    assert window.screening.form.line_edits["name"].text() == "正在输入"
    asked = _answer(window, CANCEL)
    _pick(qtbot, window, rows[1].pk)
    assert asked == ["「考生资料」有未保存的修改（正在输入）。"]
    assert window.screening.list_panel.selected_pk() == rows[0].pk


def test_a_new_applicant_being_entered_is_asked_about_and_cancel_keeps_it(qtbot, window, rows):
    window.screening.list_panel.select_pk(rows[0].pk)
    window.new_applicant()
    form = window.screening.form
    form.line_edits["name"].setText("新人")
    form.line_edits["name"].editingFinished.emit()
    asked = _answer(window, CANCEL)
    _pick(qtbot, window, rows[1].pk)
    assert asked == ["「考生资料」中的新考生尚未保存（新人）。"]
    assert window.screening.list_panel.selected_pk() == rows[0].pk             # where it was when Ctrl+N was pressed
    assert form.draft.pk is None and form.line_edits["name"].text() == "新人"
    window.new_applicant()                                            # Ctrl+N again asks too
    assert len(asked) == 2 and form.line_edits["name"].text() == "新人"


@pytest.fixture
def two_batches(qtbot, edited, desk):
    desk.other_batch_id = desk.create_batch("第二批", "4-07-02-06", ["2"], date(2025, 9, 1))
    with qtbot.waitSignal(edited.rows_shown):
        edited.refresh()
    assert edited.screening.form.draft.is_modified()                           # a refresh keeps the edits
    return edited


def _choose(window, batch_id) -> None:
    combo = window.batch_combo
    combo.setCurrentIndex(combo.findData(batch_id))
    combo.activated.emit(combo.findData(batch_id))


def test_switching_batch_over_form_edits_cancel_keeps_everything(qtbot, two_batches, desk, rows):
    window = two_batches
    asked = _answer(window, CANCEL)
    _choose(window, desk.other_batch_id)
    assert asked == ["「考生资料」有未保存的修改（改了没存）。"]
    assert window.batch_id == desk.demo_batch_id and window.batch_combo.currentData() == desk.demo_batch_id
    _consistent(window, rows[0].pk)
    assert window.screening.form.line_edits["name"].text() == "改了没存"


def test_switching_to_all_batches_with_discard_drops_the_edits_of_the_applicant_still_listed(qtbot, two_batches,
                                                                                              desk, rows):
    window = two_batches
    _answer(window, DISCARD)
    with qtbot.waitSignal(window.rows_shown):
        _choose(window, ALL_BATCHES)
    assert window.all_batches
    _consistent(window, rows[0].pk)                                  # still listed, still selected
    assert not window.screening.form.draft.is_modified() and window.screening.form.line_edits["name"].text() == rows[0].name
    assert _stored_name(desk, rows[0].pk) == rows[0].name


def test_switching_batch_with_save_stores_the_edits(qtbot, two_batches, desk, rows):
    window = two_batches
    _answer(window, SAVE)
    with qtbot.waitSignal(window.rows_shown):
        _choose(window, ALL_BATCHES)
    assert _stored_name(desk, rows[0].pk) == "改了没存"
    _consistent(window, rows[0].pk)
    assert not window.screening.form.draft.is_modified() and window.screening.form.line_edits["name"].text() == "改了没存"


@pytest.mark.parametrize("answer, closed, stored", [(CANCEL, False, None), (DISCARD, True, None), (SAVE, True, "改了没存")])
def test_closing_the_window_asks_about_the_form(qtbot, edited, desk, rows, answer, closed, stored):
    asked = _answer(edited, answer)
    assert edited.close() is closed
    assert asked == ["「考生资料」有未保存的修改（改了没存）。"]
    assert _stored_name(desk, rows[0].pk) == (stored or rows[0].name)
    if not closed:
        assert edited.screening.form.line_edits["name"].text() == "改了没存"
        _answer(edited, DISCARD)                                      # let the fixture close it
