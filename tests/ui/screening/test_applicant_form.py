"""The applicant form: inline validation with the import's validators, undo/redo, refusal to save."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.domain.interchange import parse_applicant, read_document
from eligibility_desk.ui.screening.applicant_form import ApplicantForm
from tests.ui.conftest import type_text

DATA = Path(__file__).resolve().parents[2] / "data" / "applicants_small.json"


@pytest.fixture
def zhang_san():
    applicant = parse_applicant(read_document(json.loads(DATA.read_text(encoding="utf-8")))[0])
    return replace(applicant, id_number=make_id_number("110101", date(1995, 3, 7), 15))


@pytest.fixture
def form(qtbot, zhang_san):
    form = ApplicantForm()
    qtbot.addWidget(form)
    form.load(zhang_san, pk=7, version=3)
    form.show()
    return form


def edit_cell(qtbot, form, kind: str, row: int, key: str, text: str) -> None:
    """Type into a cell through the view's own editor, as a clerk would, and press Enter."""
    view, model = form.tables[kind], form.models[kind]
    form.tabs.setCurrentWidget(view.parentWidget())
    index = model.index(row, model.column_of(key))
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)  # the open editor of that cell
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    with qtbot.waitSignal(form.draft.changed):  # the delegate commits on Return, queued
        qtbot.keyClick(editor, Qt.Key_Return)


def test_an_invalid_date_shows_the_message_inline_and_save_is_refused(qtbot, form):
    edit_cell(qtbot, form, "work", 0, "end", "2019-13-01")
    model = form.models["work"]
    index = model.index(0, model.column_of("end"))
    assert index.data() == "2019-13-01"
    assert "2019-13-01" in index.data(Qt.ToolTipRole)            # the cell says why
    assert index.data(Qt.BackgroundRole) is not None            # and is marked
    assert "工作经历 第 1 行「结束日期（空为至今）」" in form.problems.text()
    assert "(1!)" in form.tabs.tabText(1)
    with qtbot.waitSignal(form.save_refused) as refused:
        assert form.save() is False
    assert "1 处错误" in refused.args[0]
    assert form.banner.isVisible()
    assert form.draft.version == 3  # nothing saved


def test_end_before_start_and_a_bad_id_number_are_caught_like_the_import_does(qtbot, form):
    edit_cell(qtbot, form, "work", 0, "end", "2018-01-01")
    assert form.draft.errors["work[0].end"].code == "end_before_start"
    good = form.draft.data["id_number"]
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    form.line_edits["id_number"].setText(bad)  # wrong check character
    form.line_edits["id_number"].editingFinished.emit()
    assert form.draft.errors["id_number"].code == "id_checksum"
    assert form.field_errors["id_number"].isVisibleTo(form)
    assert "校验位" in form.field_errors["id_number"].text()


def test_undo_and_redo_walk_over_edits_and_added_records(qtbot, form):
    form.line_edits["name"].setText("张三丰")
    form.line_edits["name"].editingFinished.emit()
    edit_cell(qtbot, form, "work", 0, "end", "2019-13-01")
    form._add_record("titles")
    assert len(form.draft.records("titles")) == 2
    stack = form.draft.undo_stack
    stack.undo()
    assert len(form.draft.records("titles")) == 1
    stack.undo()
    assert form.draft.get(("work", 0, "end")) == "" and not form.draft.errors
    stack.undo()
    assert form.line_edits["name"].text() == "张三"
    stack.redo()
    assert form.line_edits["name"].text() == "张三丰"
    assert form.draft.is_modified()


def test_choice_cells_edit_through_a_combo_box(qtbot, form):
    view, model = form.tables["certificates"], form.models["certificates"]
    index = model.index(0, model.column_of("level"))
    assert index.data() == "四级/中级工"
    view.edit(index)
    combo = view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(3))
    combo.activated.emit(combo.currentIndex())
    assert form.draft.get(("certificates", 0, "level")) == 3
    assert model.index(0, model.column_of("level")).data() == "三级/高级工"


def test_a_new_applicant_needs_code_name_and_id_number(qtbot, form):
    form.new_applicant()
    assert set(form.draft.errors) == {"id", "name", "id_number"}
    assert form.save() is False


def test_dates_typed_the_way_clerks_write_them_are_accepted(qtbot, form):
    edit_cell(qtbot, form, "work", 0, "end", "2024年3月1日")
    assert form.draft.errors == {}
    assert form.draft.applicant.work[0].end == date(2024, 3, 1)
    edit_cell(qtbot, form, "work", 0, "end", "2999/1/1")
    assert form.draft.errors["work[0].end"].code == "future_date"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_record_table_shows_its_column_titles_whole(qtbot, qapp, zhang_san, lang):
    """At Qt's default 100 px the English titles were cut ("Graduation (expected)" showed as "duation (expect");
    the tables run on sideways, one column per field, and say so to the clipped-text check."""
    from PySide6.QtCore import QLocale

    from eligibility_desk.ui.common.language import install_translators

    locale = QLocale()
    translators = install_translators(qapp, lang) if lang == "en" else []
    try:
        form = ApplicantForm(None, lang)
        qtbot.addWidget(form)
        form.load(zhang_san, pk=7, version=3)
        cut = {}
        for kind, view in form.tables.items():
            header = view.horizontalHeader()
            cut[kind] = [view.model().headerData(c, Qt.Horizontal) for c in range(header.count())
                         if header.sectionSize(c) < header.sectionSizeHint(c)]
        assert cut == {kind: [] for kind in form.tables}
        assert all(view.property("scrollsSideways") for view in form.tables.values())
        if lang == "en":
            education = form.models["education"]
            titles = [education.headerData(c, Qt.Horizontal) for c in range(education.columnCount())]
            assert "Graduation (expected)" in titles
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
