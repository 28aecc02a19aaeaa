"""考务资源: rooms, staff and slots edited in the GUI (checked like the workbook, saved with versions) and
imported from .xlsx all or nothing (issue 4: "Managed in the GUI and importable from .xlsx")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget
from openpyxl import Workbook

from eligibility_desk.planning.scenario import Room
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.resources import ResourceService
from eligibility_desk.ui.planning.resource_columns import ROOMS, SLOTS, STAFF
from tests.account_helpers import actor


@pytest.fixture
def dialog(qtbot, window, desk):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    window.planning.open_resources()
    dialog = window.planning.resources_dialog
    yield dialog
    dialog.close()


def _cell(model, code: str, column: int):
    return model.index(model.row_of(code), column)


def test_the_dialog_lists_the_centres_rooms_staff_and_the_batchs_slots(dialog, desk):
    service = ResourceService(desk.db, desk.actor)
    assert dialog.models[ROOMS].rowCount() == len(service.rooms()) == 18
    assert dialog.models[STAFF].rowCount() == len(service.staff())
    assert dialog.models[SLOTS].rowCount() == 4
    rooms = dialog.models[ROOMS]
    assert _cell(rooms, "L1", 2).data() == "机房" and _cell(rooms, "L1", 5).data() == "在用"
    assert not rooms.flags(_cell(rooms, "L1", 0)) & Qt.ItemIsEditable     # the code names the room in plans
    assert rooms.flags(_cell(rooms, "L1", 3)) & Qt.ItemIsEditable


def test_an_edit_is_saved_with_its_version(qtbot, dialog, desk):
    rooms = dialog.models[ROOMS]
    with qtbot.waitSignal(dialog.changed):
        assert rooms.setData(_cell(rooms, "A101", 3), "52")
    stored = {r.room.id: r for r in ResourceService(desk.db, desk.actor).rooms()}["A101"]
    assert stored.room.capacity == 52 and stored.version == rooms.lines[rooms.row_of("A101")].version
    staff = dialog.models[STAFF]
    code = staff.lines[0].code
    assert staff.setData(_cell(staff, code, 2), "监考人员、考评员")
    member = {m.member.id: m.member for m in ResourceService(desk.db, desk.actor).staff()}[code]
    assert member.roles == frozenset({"invigilator", "examiner"})
    assert "已保存" in dialog.message.text()


BAD_CELLS = [                         # the reason in Chinese, naming the column
    (ROOMS, "A101", 3, "-5", "「容量」：不能为负数，实际为 -5"),
    (ROOMS, "A101", 3, "四十", "「容量」：应为整数，实际为「四十」"),
    (ROOMS, "A101", 2, "礼堂", "「类型」：未知的考场类型「礼堂」"),
    (STAFF, "J001", 2, "保安", "「角色」：未知的角色「保安」"),
    (STAFF, "J001", 4, "2025-10-18T14:00~2025-10-18T09:00", "「不可用时间」：结束时间早于开始时间"),
    (SLOTS, "T1", 2, "2020-01-01T08:00", "「结束」：结束时间 2020-01-01T08:00 早于开始时间"),
    (SLOTS, "T1", 1, "明天上午", "「开始」：「明天上午」不是 2025-10-18T09:00 这样的时间"),
]


def test_bad_input_is_refused_with_the_column_and_nothing_changes(qtbot, dialog, desk):
    before_all = stored_cells(desk, dialog.batch_id)
    for kind, code, column, value, words in BAD_CELLS:
        model = dialog.models[kind]
        before = list(model.lines[model.row_of(code)].cells)
        with qtbot.waitSignal(model.problem) as refused:
            assert not model.setData(_cell(model, code, column), value)
        assert words in refused.args[0] and code in refused.args[0], (value, refused.args[0])
        assert model.lines[model.row_of(code)].cells == before
        assert "未保存" in dialog.message.text() and "c62828" in dialog.message.styleSheet()
    assert stored_cells(desk, dialog.batch_id) == before_all


def stored_cells(desk, batch_id) -> dict:
    """What the database holds now, as the dialog's cells."""
    from eligibility_desk.ui.planning.resource_columns import cells_of

    s = ResourceService(desk.db, desk.actor)
    return {ROOMS: {r.room.id: cells_of(ROOMS, r.room) for r in s.rooms()},
            STAFF: {m.member.id: cells_of(STAFF, m.member) for m in s.staff()},
            SLOTS: {t.slot.id: cells_of(SLOTS, t.slot) for t in s.slots(batch_id)}}


def test_a_row_changed_elsewhere_meanwhile_is_not_overwritten(dialog, desk):
    ResourceService(desk.db, actor("另一位教务员")).save_room(Room("A102", "另一个名字", "classroom", 40))
    rooms = dialog.models[ROOMS]
    assert not rooms.setData(_cell(rooms, "A102", 1), "我的名字")
    assert {r.room.id: r.room.name for r in ResourceService(desk.db, desk.actor).rooms()}["A102"] == "另一个名字"
    assert "A102" in dialog.message.text()


def test_add_and_retire(dialog, desk):
    rooms = dialog.models[ROOMS]
    row = dialog.add(ROOMS)
    code = rooms.lines[row].code
    assert code in {r.room.id for r in ResourceService(desk.db, desk.actor).rooms()}
    dialog.views[ROOMS].selectRow(rooms.row_of(code))
    dialog.remove_selected(ROOMS)
    stored = {r.room.id: r for r in ResourceService(desk.db, desk.actor).rooms()}
    assert not stored[code].active and _cell(rooms, code, 5).data() == "停用"
    slots = dialog.models[SLOTS]
    row = dialog.add(SLOTS)
    assert slots.rowCount() == 5
    dialog.views[SLOTS].selectRow(row)
    dialog.remove_selected(SLOTS)
    assert len(ResourceService(desk.db, desk.actor).slots(dialog.batch_id)) == 4


def _workbook(path, rooms, staff=(), slots=()):
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in (("考场", ["编号", "名称", "类型", "容量", "设备"], rooms),
                                ("人员", ["编号", "姓名", "角色", "单位"], staff),
                                ("时段", ["编号", "开始", "结束"], slots)):
        sheet = wb.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
    wb.save(path)
    return str(path)


def test_a_workbook_with_bad_cells_imports_nothing_and_lists_every_problem(qtbot, dialog, desk, tmp_path):
    before = stored_cells(desk, dialog.batch_id)
    path = _workbook(tmp_path / "bad.xlsx", [("B1", "新楼 101", "标准教室", 30, ""), ("B2", "新楼 102", "礼堂", -3, "")],
                     [("N1", "新人", "保安", "")])
    with qtbot.waitSignal(dialog.runner.failed, timeout=10000):
        dialog.import_xlsx(path)
    assert dialog.problem_view.isVisibleTo(dialog)
    problems = dialog.problem_model.problems
    assert {(p.sheet, p.row, p.column) for p in problems} >= {("考场", 3, "类型"), ("人员", 2, "角色")}
    assert "未导入" in dialog.message.text()
    assert stored_cells(desk, dialog.batch_id) == before
    shown = {tuple(dialog.problem_model.index(r, c).data() for c in range(5)) for r in range(len(problems))}
    assert ("考场", 3, "类型", "礼堂", "未知的考场类型「礼堂」（可选：标准教室、机房、工作现场）") in shown
    assert ("人员", 2, "角色", "保安", "未知的角色「保安」（可选：监考人员、考评员、评审委员）") in shown


def test_an_english_desk_words_the_refusals_in_english(qtbot, window, desk, tmp_path):
    from eligibility_desk.ui.planning.resources_dialog import ResourcesDialog

    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    dialog = ResourcesDialog(desk, desk.demo_batch_id, window.runner, window, "en")
    qtbot.addWidget(dialog)
    path = _workbook(tmp_path / "bad.xlsx", [("B1", "新楼 101", "标准教室", 30, ""), ("B1", "新楼 102", "机房", 20, "")],
                     [("N1", "新人", "保安", "")])
    with qtbot.waitSignal(dialog.runner.failed, timeout=10000):
        dialog.import_xlsx(path)
    reasons = [dialog.problem_model.index(r, 4).data() for r in range(dialog.problem_model.rowCount())]
    assert reasons == ["duplicate id 'B1' (also row 2)", "unknown role '保安' (known: invigilator, examiner, reviewer)"]
    rooms = dialog.models[ROOMS]
    with qtbot.waitSignal(rooms.problem) as refused:
        rooms.setData(_cell(rooms, "A101", 3), "-3")
    assert refused.args[0].endswith("'容量': must not be negative, got -3")


def test_a_good_workbook_is_imported(qtbot, dialog, desk, tmp_path):
    path = _workbook(tmp_path / "good.xlsx", [("B1", "新楼 101", "标准教室", 30, "投影")],
                     [("N1", "新人", "监考、考评员", "")], [("T9", "2025-12-20T09:00", "2025-12-20T12:00")])
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.import_xlsx(path)
    assert not dialog.problem_view.isVisibleTo(dialog)
    assert "导入完成" in dialog.message.text()
    assert dialog.models[ROOMS].row_of("B1") >= 0 and dialog.models[SLOTS].row_of("T9") >= 0


def test_columns_fit_the_longest_cell_of_any_row_not_only_the_first(dialog):
    """Fitted once per reload from the cells (not ResizeToContents, which re-measures on every edit)."""
    from PySide6.QtWidgets import QHeaderView

    view, model = dialog.views[STAFF], dialog.models[STAFF]
    metrics = view.fontMetrics()
    for col in (3, 4):                               # 单位, 不可用时间: empty for the first rows of the demo staff
        longest = max((line.cells[col] for line in model.lines), key=metrics.horizontalAdvance)
        assert longest and view.columnWidth(col) >= metrics.horizontalAdvance(longest)
    assert view.horizontalHeader().sectionResizeMode(0) == QHeaderView.Interactive


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_table_stretches_its_last_column_across_the_free_width(qtbot, qapp, window, desk, lang):
    """At 1280 px the free width stays an empty area after the last column: 时段's 结束 is as wide as 开始 (they
    hold the same kind of time), and the 状态 of rooms and staff as wide as its word — in both languages."""
    from PySide6.QtCore import QLocale

    from eligibility_desk.ui.common.language import install_translators
    from eligibility_desk.ui.planning.resources_dialog import ResourcesDialog

    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    locale = QLocale()
    translators = install_translators(qapp, lang) if lang == "en" else []
    try:
        dialog = ResourcesDialog(desk, desk.demo_batch_id, window.runner, window, lang)
        qtbot.addWidget(dialog)
        dialog.resize(1280, 800)
        dialog.show()
        qtbot.waitExposed(dialog)
        widths = {}
        for n, kind in enumerate((ROOMS, STAFF, SLOTS)):
            dialog.tabs.setCurrentIndex(n)
            qtbot.wait(10)
            view, model = dialog.views[kind], dialog.models[kind]
            last = model.columnCount() - 1
            words = [model.headerData(last, Qt.Horizontal)] + [
                line.cells[last] if last < len(line.cells) else model.index(r, last).data()   # as fitted
                for r, line in enumerate(model.lines)]
            metrics = view.fontMetrics()
            room = max(metrics.horizontalAdvance(w) for w in words) + 2 * metrics.averageCharWidth() + 8
            used = sum(view.columnWidth(c) for c in range(model.columnCount()))
            widths[kind] = (view.columnWidth(last) <= room, used < view.viewport().width())
        assert widths == {kind: (True, True) for kind in (ROOMS, STAFF, SLOTS)}
        slots = dialog.views[SLOTS]
        assert slots.columnWidth(2) == slots.columnWidth(1)           # 结束 beside 开始, as wide
        assert dialog.models[SLOTS].headerData(2, Qt.Horizontal) == ("结束" if lang == "zh" else "End")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_the_english_dialog_fits_a_1024_px_screen(qtbot, qapp, window, desk):
    """The tabs' hints wrap: on one line the English 时段 hint made the dialog 1,345 px wide."""
    from PySide6.QtCore import QLocale

    from eligibility_desk.ui.common.language import install_translators
    from eligibility_desk.ui.planning.resources_dialog import ResourcesDialog

    locale = QLocale()
    translators = install_translators(qapp, "en")
    try:
        dialog = ResourcesDialog(desk, desk.demo_batch_id, window.runner, window, "en")
        qtbot.addWidget(dialog)
        dialog.resize(1024, 700)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert "calendar" in dialog.findChild(QTabWidget).widget(2).findChildren(QLabel)[0].text()
        assert dialog.minimumSizeHint().width() <= 1024 and dialog.width() == 1024
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


# --- picking times, certificates (issue 13: "date and time pickers", "bad 考评员证书 values are refused") --------
def _edit(qtbot, dialog, kind: str, code: str, column: int):
    """Open the cell's editor as a double-click or F2 would; returns it."""
    from PySide6.QtWidgets import QAbstractItemView

    view, model = dialog.views[kind], dialog.models[kind]
    dialog.tabs.setCurrentIndex((ROOMS, STAFF, SLOTS).index(kind))
    index = _cell(model, code, column)
    view.setCurrentIndex(index)
    assert view.edit(index, QAbstractItemView.EditKeyPressed, None)
    return index, None


def _open_editor(dialog, kind: str, cls, name: str | None = None):
    """The cell editor on screen (a closed one may wait for deletion, hidden)."""
    (editor,) = [e for e in dialog.views[kind].findChildren(cls, name) if e.isVisible()]
    return editor


def test_a_slot_time_is_picked_in_a_calendar_editor_and_stored_as_iso(qtbot, dialog, desk):
    from PySide6.QtCore import QDate, QDateTime, QTime
    from PySide6.QtWidgets import QDateTimeEdit

    dialog.tabs.setCurrentIndex(2)
    slots = dialog.models[SLOTS]
    index, editor = _edit(qtbot, dialog, SLOTS, "T1", 2)
    editor = _open_editor(dialog, SLOTS, QDateTimeEdit, "time_editor")
    assert editor is not None and editor.calendarPopup() and editor.displayFormat() == "yyyy-MM-dd HH:mm"
    start = {t.slot.id: t.slot for t in ResourceService(desk.db, desk.actor).slots(dialog.batch_id)}["T1"].start
    assert editor.dateTime().toString("yyyy-MM-ddTHH:mm") == index.data(Qt.EditRole)   # opened at the stored end
    day = QDate(start.year, start.month, start.day)
    editor.setDateTime(QDateTime(day, QTime(start.hour, start.minute).addSecs(2 * 3600 + 15 * 60)))
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(editor, Qt.Key_Return)                    # Enter stores, as in any cell
    stored = {t.slot.id: t.slot for t in ResourceService(desk.db, desk.actor).slots(dialog.batch_id)}["T1"]
    expected = start + timedelta(hours=2, minutes=15)
    assert stored.end == expected
    assert slots.index(slots.row_of("T1"), 2).data(Qt.EditRole) == expected.strftime("%Y-%m-%dT%H:%M")
    assert slots.index(slots.row_of("T1"), 2).data() == expected.strftime("%Y-%m-%d %H:%M")   # shown to read


def test_the_keyboard_steps_a_picked_time_and_esc_leaves_it(qtbot, dialog, desk):
    from PySide6.QtWidgets import QDateTimeEdit

    before = stored_cells(desk, dialog.batch_id)[SLOTS]["T1"]
    _edit(qtbot, dialog, SLOTS, "T1", 1)
    editor = _open_editor(dialog, SLOTS, QDateTimeEdit, "time_editor")
    editor.setCurrentSection(QDateTimeEdit.HourSection)
    qtbot.keyClick(editor, Qt.Key_Up)                            # one hour later …
    assert editor.dateTime().toString("yyyy-MM-ddTHH:mm") != before[1]
    qtbot.keyClick(editor, Qt.Key_Escape)                        # … and Esc: nothing stored
    assert stored_cells(desk, dialog.batch_id)[SLOTS]["T1"] == before
    _edit(qtbot, dialog, SLOTS, "T1", 1)
    editor = _open_editor(dialog, SLOTS, QDateTimeEdit, "time_editor")
    editor.setCurrentSection(QDateTimeEdit.HourSection)
    qtbot.keyClick(editor, Qt.Key_Up)
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(editor, Qt.Key_Return)
    start = stored_cells(desk, dialog.batch_id)[SLOTS]["T1"][1]
    assert start[11:13] == f"{int(before[1][11:13]) + 1:02d}" and start[:11] == before[1][:11]


def test_a_picked_end_before_the_start_is_refused_like_a_typed_one(qtbot, dialog, desk):
    from PySide6.QtWidgets import QDateTimeEdit

    before = stored_cells(desk, dialog.batch_id)
    _edit(qtbot, dialog, SLOTS, "T1", 2)
    editor = _open_editor(dialog, SLOTS, QDateTimeEdit, "time_editor")
    editor.setDateTime(editor.dateTime().addDays(-1))
    with qtbot.waitSignal(dialog.models[SLOTS].problem) as refused:
        qtbot.keyClick(editor, Qt.Key_Return)
    assert "「结束」：结束时间" in refused.args[0] and "早于开始时间" in refused.args[0]
    assert stored_cells(desk, dialog.batch_id) == before


def test_unavailability_is_picked_as_intervals_and_stored_as_iso(qtbot, dialog, desk):
    from PySide6.QtWidgets import QDateTimeEdit, QPushButton

    from eligibility_desk.ui.planning.unavailability_editor import UnavailabilityEditor

    staff = dialog.models[STAFF]
    code = next(line.code for line in staff.lines if not line.cells[4])        # someone always available
    _edit(qtbot, dialog, STAFF, code, 4)
    editor = _open_editor(dialog, STAFF, UnavailabilityEditor)
    assert editor is not None and editor.isVisible() and not editor.lines
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)                         # a line at the first slot
    first = min((t.slot for t in ResourceService(desk.db, desk.actor).slots(dialog.batch_id)), key=lambda s: s.start)
    _line, start, end = editor.lines[0]
    assert isinstance(start, QDateTimeEdit) and start.calendarPopup()
    assert start.dateTime().toString("yyyy-MM-ddTHH:mm") == first.start.strftime("%Y-%m-%dT%H:%M")
    end.setDateTime(end.dateTime().addSecs(30 * 60))
    with qtbot.waitSignal(dialog.changed):
        editor.accept()
    member = {m.member.id: m.member for m in ResourceService(desk.db, desk.actor).staff()}[code]
    assert [(g.start, g.end) for g in member.unavailable] == [(first.start, first.end + timedelta(minutes=30))]
    # 取消 keeps what is stored
    before = stored_cells(desk, dialog.batch_id)
    _edit(qtbot, dialog, STAFF, code, 4)
    editor = _open_editor(dialog, STAFF, UnavailabilityEditor)
    assert len(editor.lines) == 1
    qtbot.mouseClick(editor.lines[0][0].findChild(QPushButton, "remove_interval"), Qt.LeftButton)
    assert not editor.lines
    editor.reject()
    assert stored_cells(desk, dialog.batch_id) == before


BAD_CERTIFICATES = [
    ("4-07-02-06:9", "「考评员证书」：等级「9」不在标准 4-07-02-06 中（等级：4、3、2、1）"),
    ("用户增长运营师:五级", "「考评员证书」：等级「五级」不在标准 4-07-02-06 中（等级：4、3、2、1）"),
    ("abc", "「考评员证书」：「abc」不是有效的考评员证书，应为 职业编码或职业名称:等级，如 4-07-02-06:4,3（多项用分号分隔）"),
    ("4-07-02-06 4", "「考评员证书」：「4-07-02-06 4」不是有效的考评员证书"),
]


@pytest.mark.parametrize("value,words", BAD_CERTIFICATES)
def test_a_bad_certificate_is_refused_with_the_import_s_message(qtbot, dialog, desk, tmp_path, value, words):
    before = stored_cells(desk, dialog.batch_id)
    staff = dialog.models[STAFF]
    with qtbot.waitSignal(staff.problem) as refused:
        assert not staff.setData(_cell(staff, "J001", 5), value)
    assert words in refused.args[0]
    assert stored_cells(desk, dialog.batch_id) == before
    # the workbook import says the same of the same cell
    path = tmp_path / "bad.xlsx"
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in (("考场", ["编号", "名称", "类型", "容量"], []),
                                ("人员", ["编号", "姓名", "角色", "单位", "考评员证书"], [("N1", "新人", "考评员", "", value)]),
                                ("时段", ["编号", "开始", "结束"], [])):
        sheet = wb.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
    wb.save(path)
    with qtbot.waitSignal(dialog.runner.failed, timeout=10000):
        dialog.import_xlsx(str(path))
    (problem,) = dialog.problem_model.problems
    assert (problem.sheet, problem.row, problem.column) == ("人员", 2, "考评员证书")
    assert words.split("：", 1)[1] in problem.message("zh")
    assert stored_cells(desk, dialog.batch_id) == before


def test_a_good_certificate_by_name_is_stored_as_the_standard_s_code(qtbot, dialog, desk):
    staff = dialog.models[STAFF]
    assert staff.setData(_cell(staff, "J001", 5), "用户增长运营师:四级、3; 电子商务师:3")
    member = {m.member.id: m.member for m in ResourceService(desk.db, desk.actor).staff()}["J001"]
    assert [(c.occupation, c.levels) for c in member.credentials] == [("4-07-02-06", ("4", "3")), ("电子商务师", ("3",))]
    assert member.may_examine("4-07-02-06", "3") and not member.may_examine("4-07-02-06", "2")


def test_picked_edits_are_undone_and_redone_through_the_store(qtbot, dialog, desk):
    """撤销 / 重做 (Ctrl+Z / Ctrl+Shift+Z) walk over stored cell edits, picked or typed; each step is stored
    again with its version, and a row changed elsewhere meanwhile is refused rather than overwritten."""
    from PySide6.QtWidgets import QDateTimeEdit

    original = stored_cells(desk, dialog.batch_id)
    index, _ = _edit(qtbot, dialog, SLOTS, "T1", 2)
    editor = _open_editor(dialog, SLOTS, QDateTimeEdit, "time_editor")
    editor.setDateTime(editor.dateTime().addSecs(1800))
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(editor, Qt.Key_Return)
    edited = stored_cells(desk, dialog.batch_id)
    assert edited[SLOTS]["T1"] != original[SLOTS]["T1"]
    assert dialog.act_undo.isEnabled() and "T1" in dialog.act_undo.text()
    view = dialog.views[SLOTS]
    view.setFocus()
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)                     # 撤销
    assert stored_cells(desk, dialog.batch_id) == original
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # 重做
    assert stored_cells(desk, dialog.batch_id) == edited

    # someone else changes the slot meanwhile: 撤销 is refused and nothing of theirs is overwritten
    from eligibility_desk.planning.scenario import Slot

    theirs = {t.slot.id: t for t in ResourceService(desk.db, desk.actor).slots(dialog.batch_id)}["T1"]
    ResourceService(desk.db, actor("另一位教务员")).save_slot(
        dialog.batch_id, Slot("T1", theirs.slot.start, theirs.slot.end + timedelta(minutes=5)), theirs.version)
    elsewhere = stored_cells(desk, dialog.batch_id)
    with qtbot.waitSignal(dialog.models[SLOTS].problem):
        dialog.act_undo.trigger()
    assert stored_cells(desk, dialog.batch_id) == elsewhere
    assert not dialog.act_undo.isEnabled()                                     # the step is dropped


def test_enter_in_a_picker_of_the_unavailability_editor_stores_it(qtbot, dialog, desk):
    from eligibility_desk.ui.planning.unavailability_editor import UnavailabilityEditor

    staff = dialog.models[STAFF]
    code = next(line.code for line in staff.lines if not line.cells[4])
    _edit(qtbot, dialog, STAFF, code, 4)
    editor = _open_editor(dialog, STAFF, UnavailabilityEditor)
    qtbot.keyClick(editor.add_button, Qt.Key_Space)                            # keyboard only
    _line, start, _end = editor.lines[0]
    assert start.hasFocus() or editor.focusWidget() is start
    qtbot.keyClick(start, Qt.Key_Down, Qt.AltModifier)                        # Alt+↓: its calendar …
    qtbot.waitUntil(start.calendarWidget().isVisible, timeout=2000)
    qtbot.keyClick(start.calendarWidget().focusWidget() or start.calendarWidget(), Qt.Key_Escape)   # … closed again
    qtbot.waitUntil(lambda: not start.calendarWidget().isVisible(), timeout=2000)
    assert editor.isVisible()                                                  # Esc closed only the calendar
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(start, Qt.Key_Return)
    member = {m.member.id: m.member for m in ResourceService(desk.db, desk.actor).staff()}[code]
    assert len(member.unavailable) == 1


def test_a_day_picked_in_the_calendar_popup_is_stored(qtbot, dialog, desk):
    """The calendar itself, from the keyboard: F4 opens it, → moves a day on, Enter picks it, Enter again
    stores the cell — the time of day is kept."""
    from PySide6.QtWidgets import QDateTimeEdit

    before = stored_cells(desk, dialog.batch_id)[SLOTS]["T2"]
    _edit(qtbot, dialog, SLOTS, "T2", 2)
    editor = _open_editor(dialog, SLOTS, QDateTimeEdit, "time_editor")
    calendar = editor.calendarWidget()
    qtbot.keyClick(editor, Qt.Key_F4)
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=2000)
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(editor, Qt.Key_Return)
    after = stored_cells(desk, dialog.batch_id)[SLOTS]["T2"][2]
    from datetime import datetime

    assert datetime.fromisoformat(after) == datetime.fromisoformat(before[2]) + timedelta(days=1)
