"""考务资源: rooms, staff and slots edited in the GUI (checked like the workbook, saved with versions) and
imported from .xlsx all or nothing (issue 4: "Managed in the GUI and importable from .xlsx")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
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
