"""新建批次… asks about unsaved work only once the clerk has pressed OK in the new-batch dialog: cancelling the
dialog asks nothing; 取消 in the question closes the dialog and creates no batch; 保存 / 放弃 create it.  A batch
that would be refused (a name already taken, no level ticked) is refused before the question: 放弃 must not
drop the edits for a batch that is then not created."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from eligibility_desk.ui.new_batch_dialog import NewBatchDialog
from eligibility_desk.ui.common.unsaved_work import CANCEL, DISCARD, SAVE


@pytest.fixture
def edited(window, desk):
    rows = desk.applicant_rows(desk.demo_batch_id)
    window.screening.list_panel.select_pk(rows[0].pk)
    window.screening.form.draft.set(("name",), "改了没存")
    window.edited_pk, window.original_name = rows[0].pk, rows[0].name
    return window


def _answer(window, answer: str) -> list:
    """Answer the question with ``answer``; each entry says whether the new-batch dialog was open when asked."""
    asked: list = []
    window.ask_unsaved = lambda text: asked.append(isinstance(QApplication.activeModalWidget(), NewBatchDialog)) or answer
    return asked


def _press_in_dialog(button, name: str = "2026 春季") -> dict:
    """When the dialog opens, give the batch a name and press ``button``; returns what it saw."""
    seen: dict = {}

    def press():
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = isinstance(dialog, NewBatchDialog)
        dialog.name.setText(name)
        dialog.findChild(QDialogButtonBox).button(button).click()
        if dialog.isVisible():                 # a refused name keeps the dialog open: close it for the test
            seen["error"] = dialog.error.text()
            dialog.reject()

    QTimer.singleShot(0, press)
    return seen


def test_cancelling_the_dialog_asks_nothing_and_keeps_the_edits(edited, desk):
    asked = _answer(edited, CANCEL)
    seen = _press_in_dialog(QDialogButtonBox.Cancel)
    before = len(desk.batches())
    assert edited.new_batch() is False
    assert seen["dialog"] and asked == []
    assert len(desk.batches()) == before and edited.screening.form.line_edits["name"].text() == "改了没存"


def test_ok_then_cancel_in_the_question_creates_no_batch(edited, desk):
    asked = _answer(edited, CANCEL)
    _press_in_dialog(QDialogButtonBox.Ok)
    before = [b.id for b in desk.batches()]
    assert edited.new_batch() is False
    assert asked == [True]                                     # asked after OK, the dialog still up
    assert [b.id for b in desk.batches()] == before and desk.find_batch("2026 春季") is None
    assert edited.batch_id == desk.demo_batch_id and edited.screening.form.line_edits["name"].text() == "改了没存"
    assert QApplication.activeModalWidget() is None            # the dialog is closed


@pytest.mark.parametrize("answer, stored", [(DISCARD, False), (SAVE, True)])
def test_ok_then_save_or_discard_creates_and_shows_the_batch(qtbot, edited, desk, answer, stored):
    asked = _answer(edited, answer)
    _press_in_dialog(QDialogButtonBox.Ok)
    assert edited.new_batch() is True
    created = desk.find_batch("2026 春季")
    assert asked == [True] and created is not None and edited.batch_id == created
    assert desk.load_applicant(edited.edited_pk)[0].name == ("改了没存" if stored else edited.original_name)
    assert not edited.screening.form.draft.is_modified()


def test_without_unsaved_work_ok_creates_the_batch_without_asking(window, desk):
    asked = _answer(window, CANCEL)
    _press_in_dialog(QDialogButtonBox.Ok)
    assert window.new_batch() is True and asked == [] and desk.find_batch("2026 春季") is not None


def _untick_levels(name: str = "2026 春季") -> dict:
    """When the dialog opens, name the batch, untick every level and press OK."""
    seen: dict = {}

    def press():
        dialog = QApplication.activeModalWidget()
        dialog.name.setText(name)
        for box in dialog.level_boxes.values():
            box.setChecked(False)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
        seen["open"], seen["error"] = dialog.isVisible(), dialog.error.text()
        dialog.reject()

    QTimer.singleShot(0, press)
    return seen


@pytest.mark.parametrize("answer", [DISCARD, SAVE])
def test_a_name_already_taken_is_refused_before_asking_and_the_edits_stay(edited, desk, answer):
    taken = desk.batches()[0].name
    asked = _answer(edited, answer)
    seen = _press_in_dialog(QDialogButtonBox.Ok, name=taken)
    before = [b.id for b in desk.batches()]
    assert edited.new_batch() is False
    assert asked == []                                          # never asked: nothing to save or discard for
    assert taken in seen["error"]                               # the dialog stayed open naming the problem
    assert [b.id for b in desk.batches()] == before
    assert edited.screening.form.draft.is_modified() and edited.screening.form.line_edits["name"].text() == "改了没存"
    assert desk.load_applicant(edited.edited_pk)[0].name == edited.original_name


def test_no_level_ticked_is_refused_before_asking(edited, desk):
    asked = _answer(edited, DISCARD)
    seen = _untick_levels()
    assert edited.new_batch() is False
    assert asked == [] and seen["open"] and seen["error"]
    assert desk.find_batch("2026 春季") is None and edited.screening.form.line_edits["name"].text() == "改了没存"
