"""The main window on a real SQLite desk: list, search, applicant form, verdict panel, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eligibility_desk.ui.screening.applicant_table_model import COL_NAME
from eligibility_desk.ui.main_window import DETAIL_FORM, MainWindow
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
from tests.ui.conftest import type_text
from tests.account_helpers import actor


def names(window) -> list[str]:
    model = window.screening.list_panel.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_the_list_shows_the_batch_and_search_filters_it(qtbot, window, desk):
    rows = desk.applicant_rows(desk.demo_batch_id)
    assert window.screening.list_panel.model.rowCount() == len(rows) == 40
    target = rows[5]
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)  # Ctrl+F: to the search box
    assert window.screening.list_panel.search.hasFocus()
    type_text(window.screening.list_panel.search, target.name)
    assert target.name in names(window)
    assert all(target.name in n for n in names(window))
    window.screening.list_panel.search.clear()
    qtbot.keyClicks(window.screening.list_panel.search, target.id_number[:14])
    assert names(window) == [target.name]
    with qtbot.waitSignal(window.screening.list_panel.current_changed):
        qtbot.keyClick(window.screening.list_panel.search, Qt.Key_Return)     # Enter: the match is selected and shown
    assert window.screening.list_panel.selected_pk() == target.pk
    assert target.name in window.screening.verdict_panel.browser.toPlainText()


def test_the_verdict_filter_shows_only_review_cases(qtbot, window, desk):
    combo = window.screening.list_panel.verdict_filter
    combo.setCurrentIndex(combo.findData("review"))
    pending = {r.name for r in desk.applicant_rows(desk.demo_batch_id) if "review" in dict(r.verdicts).values()}
    assert pending and set(names(window)) == pending


def test_selecting_an_applicant_shows_verdicts_with_clause_texts_and_fills_the_form(qtbot, window, desk):
    row = desk.applicant_rows(desk.demo_batch_id)[0]
    window.screening.list_panel.select_pk(row.pk)
    text = window.screening.verdict_panel.browser.toPlainText()
    assert row.name in text and "规则版本" in text
    assert "条款原文" in text and "4-1" in text
    assert window.screening.form.line_edits["name"].text() == row.name


def test_an_invalid_date_is_refused_on_ctrl_s_and_nothing_is_saved(qtbot, window, desk):
    row = desk.applicant_rows(desk.demo_batch_id)[0]
    window.screening.list_panel.select_pk(row.pk)
    _before, version = desk.load_applicant(row.pk)
    window.show_detail(DETAIL_FORM)
    window.screening.form.draft.add_record("work")
    model = window.screening.form.models["work"]
    last = model.rowCount() - 1
    model.setData(model.index(last, model.column_of("occupation")), "电子商务师")
    model.setData(model.index(last, model.column_of("start")), "2019-02-30")
    assert "2019-02-30" in window.screening.form.problems.text()
    with qtbot.waitSignal(window.screening.form.save_refused):
        qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier)
    assert desk.load_applicant(row.pk)[1] == version


def test_a_valid_edit_saves_and_a_stale_one_is_refused_clearly(qtbot, window, desk):
    row = desk.applicant_rows(desk.demo_batch_id)[0]
    window.screening.list_panel.select_pk(row.pk)
    window.screening.form.line_edits["name"].setText(row.name + "甲")
    window.screening.form.line_edits["name"].editingFinished.emit()
    with qtbot.waitSignal(window.screening.form.saved):
        window.act_save.trigger()
    applicant, version = desk.load_applicant(row.pk)
    assert applicant.name == row.name + "甲"
    # another desk saves the same person meanwhile
    from dataclasses import replace
    desk.save_applicant(row.pk, replace(applicant, name="别人改的"), version)
    window.screening.form.line_edits["name"].setText("我改的")
    window.screening.form.line_edits["name"].editingFinished.emit()
    with qtbot.waitSignal(window.screening.form.save_refused) as refused:
        window.act_save.trigger()
    assert "已被他人修改" in refused.args[0]
    assert window.screening.form.banner.isVisibleTo(window)
    assert desk.load_applicant(row.pk)[0].name == "别人改的"


def test_undo_and_redo_shortcuts_in_the_window(qtbot, window, desk):
    row = desk.applicant_rows(desk.demo_batch_id)[0]
    window.screening.list_panel.select_pk(row.pk)
    window.screening.form.draft.set(("name",), "新名字")
    window.screening.list_panel.view.setFocus()
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.screening.form.line_edits["name"].text() == row.name
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.screening.form.line_edits["name"].text() == "新名字"


def test_an_empty_database_offers_import_and_the_demo(qtbot, settings, tmp_path):
    from eligibility_desk.services.records.desk import Desk

    desk = Desk.open(f"sqlite:///{tmp_path / 'empty.sqlite'}", actor=actor("clerk1"))
    window = MainWindow(settings, pool=SynchronousPool())
    qtbot.addWidget(window)
    window.set_desk(desk)
    assert window.screening.stack.currentWidget() is window.screening.empty_state
    assert not window.act_screen.isEnabled()
    with qtbot.waitSignal(window.rows_shown, timeout=30000) as shown:
        window.screening.empty_state.demo_button.click()
    assert shown.args[0] == 300
    assert window.screening.stack.currentWidget() is window.screening.splitter
    assert "demo" in window.desk.url
    window.desk.close()
    desk.close()


def test_geometry_and_last_batch_are_remembered(qtbot, settings, desk):
    second = desk.create_batch("第二批", "4-07-02-06", ["4"], desk.batch(desk.demo_batch_id).as_of)
    window = MainWindow(settings, pool=SynchronousPool())
    qtbot.addWidget(window)
    window.set_desk(desk)
    window.set_batch(desk.demo_batch_id)
    window.resize(701, 503)  # within the offscreen screen, which restoreGeometry clamps to
    window.close()
    again = MainWindow(settings, pool=SynchronousPool())
    qtbot.addWidget(again)
    again.set_desk(desk)
    assert again.batch_id == desk.demo_batch_id != second
    assert (again.width(), again.height()) == (701, 503)


def test_a_new_applicant_is_saved_and_entered_for_the_levels_ticked(qtbot, window, desk):
    from datetime import date

    from eligibility_desk.domain.idnumber import make_id_number

    batch = desk.demo_batch_id
    before = len(desk.applicant_rows(batch))
    existing = desk.applicant_rows(batch)[0]
    window.screening.list_panel.select_pk(existing.pk)
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)           # Ctrl+N
    form = window.screening.form
    assert form.line_edits["id"].hasFocus()
    for key, value in (("id", "N0001"), ("name", "新考生"), ("id_number", make_id_number("110101", date(1990, 5, 6), 21))):
        form.line_edits[key].setText(value)
        form.line_edits[key].editingFinished.emit()
    form.draft.add_record("work")
    model = form.models["work"]
    model.setData(model.index(0, model.column_of("occupation")), "电子商务师")
    model.setData(model.index(0, model.column_of("start")), "2018/3/1")
    assert form.draft.errors == {}
    with qtbot.waitSignal(form.save_refused) as refused:             # no level ticked yet
        form.save()
    assert "申报等级" in refused.args[0]
    form.level_boxes["4"].setChecked(True)
    with qtbot.waitSignal(window.rows_shown):
        qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier)
    rows = desk.applicant_rows(batch)
    assert len(rows) == before + 1
    new = next(r for r in rows if r.code == "N0001")
    assert new.levels == ("4",)
    assert window.screening.list_panel.selected_pk() == new.pk
    assert existing.levels == next(r for r in rows if r.pk == existing.pk).levels  # others untouched


def test_unsaved_edits_survive_a_list_reload_and_are_not_dropped_without_asking(qtbot, window, desk):
    rows = desk.applicant_rows(desk.demo_batch_id)
    window.screening.list_panel.select_pk(rows[0].pk)
    window.screening.form.draft.set(("name",), "改了没存")
    with qtbot.waitSignal(window.rows_shown):
        window.refresh()                                   # e.g. after a review decision
    assert window.screening.form.line_edits["name"].text() == "改了没存"
    asked = []
    window.ask_unsaved = lambda text: asked.append(text) or "cancel"   # the clerk says: keep my edits
    window.screening.list_panel.select_pk(rows[1].pk)
    assert asked and window.screening.form.line_edits["name"].text() == "改了没存"
    qtbot.waitUntil(lambda: window.screening.list_panel.selected_pk() == rows[0].pk)   # put back once the view is done
    window.ask_unsaved = lambda text: "discard"                        # now: discard
    window.screening.list_panel.select_pk(rows[1].pk)
    assert window.screening.form.line_edits["name"].text() == rows[1].name


def test_all_batches_lists_every_applicant_on_file(qtbot, window, desk):
    from datetime import date

    from eligibility_desk.domain import Applicant, WorkPeriod
    from eligibility_desk.domain.idnumber import make_id_number
    from eligibility_desk.ui.main_window import ALL_BATCHES

    other = desk.create_batch("第二批", "4-07-02-06", ["2"], date(2025, 9, 1))
    pk, _version = desk.save_applicant(None, Applicant("Z1", "别批考生", make_id_number("110101", date(1980, 1, 2), 11),
                                                       work=(WorkPeriod("营销员", date(2001, 1, 1)),)))
    desk.apply(pk, other, ["2"])
    window.refresh()
    combo = window.batch_combo
    assert combo.findData(ALL_BATCHES) >= 0
    with qtbot.waitSignal(window.rows_shown) as shown:
        combo.activated.emit(combo.findData(ALL_BATCHES))
    assert shown.args[0] == len(desk.applicant_rows(None)) == 41
    type_text(window.screening.list_panel.search, "别批")
    assert names(window) == ["别批考生"]
    assert not window.act_screen.isEnabled() and not window.act_import.isEnabled()
    window.close()
    again = MainWindow(window.settings, pool=SynchronousPool())  # remembered
    qtbot.addWidget(again)
    again.set_desk(desk)
    assert again.all_batches
