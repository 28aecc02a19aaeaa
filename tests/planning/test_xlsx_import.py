"""Rooms, staff and slots read from a workbook with Chinese headers; bad cells named by sheet, row, column."""

from datetime import datetime

import pytest
from openpyxl import Workbook

from eligibility_desk.planning.scenario import Credential, Interval
from eligibility_desk.planning.xlsx_import import ResourceImportError, read_resources_xlsx


def _workbook(path, rooms=None, staff=None, slots=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "考场"
    ws.append(["编号", "名称", "类型", "容量", "设备"])
    for row in rooms if rooms is not None else [["R1", "101 教室", "标准教室", 30, None], [102, "机房一", "机房", 40.0, "电脑、网络"]]:
        ws.append(row)
    ws = wb.create_sheet("人员")
    ws.append(["编号", "姓名", "角色", "单位", "不可用时间", "考评员证书", "主监考"])
    for row in staff if staff is not None else [
        ["P1", "王老师", "监考、考评员", "某职业学院", "2025-10-18T14:00~2025-10-18T18:00", "4-07-02-06:4,3", "是"],
        ["P2", "李老师", "评审委员", None, None, None, None],
    ]:
        ws.append(row)
    ws = wb.create_sheet("时段")
    ws.append(["编号", "开始", "结束"])
    for row in slots if slots is not None else [["AM", datetime(2025, 10, 18, 9), datetime(2025, 10, 18, 12)],
                                               [None, "2025-10-18T14:00", "2025-10-18T17:30"]]:
        ws.append(row)
    wb.save(path)
    return path


def test_reads_rooms_staff_and_slots(tmp_path, rules):
    res = read_resources_xlsx(_workbook(tmp_path / "r.xlsx"), rules)
    assert [(r.id, r.kind, r.capacity) for r in res.rooms] == [("R1", "classroom", 30), ("102", "computer_lab", 40)]
    assert res.rooms[1].equipment == ("电脑", "网络")
    p1, p2 = res.staff
    assert p1.roles == {"invigilator", "examiner"} and p1.chief and p1.institution == "某职业学院"
    assert p1.unavailable == (Interval(datetime(2025, 10, 18, 14), datetime(2025, 10, 18, 18)),)
    assert p1.credentials == (Credential("4-07-02-06", ("4", "3")),)
    assert p2.roles == {"reviewer"} and not p2.chief
    assert [(s.id, s.start.hour, s.end.minute) for s in res.slots] == [("AM", 9, 0), ("T2", 14, 30)]


def test_every_bad_cell_is_reported_with_row_and_column(tmp_path, rules):
    path = _workbook(tmp_path / "bad.xlsx",
                     rooms=[["R1", "a", "操场", 30, None], ["R2", "b", "标准教室", -3, None], ["R1", "c", "机房", 10, None]],
                     staff=[["P1", "x", "保安", None, None, None, None]],
                     slots=[["AM", "2025-10-18T12:00", "2025-10-18T09:00"]])
    with pytest.raises(ResourceImportError) as caught:
        read_resources_xlsx(path, rules)
    got = [(e.sheet, e.row, e.column) for e in caught.value.errors]
    assert got == [("考场", 2, "类型"), ("考场", 3, "容量"), ("考场", 4, "编号"), ("人员", 2, "角色"), ("时段", 2, "结束")]
    assert "unknown room kind '操场'" in str(caught.value)
    assert "考场 第 3 行「容量」: must not be negative" in str(caught.value)


def test_a_missing_sheet_or_column(tmp_path, rules):
    wb = Workbook()
    wb.active.title = "考场"
    wb.active.append(["编号", "名称"])
    wb.save(tmp_path / "m.xlsx")
    with pytest.raises(ResourceImportError) as caught:
        read_resources_xlsx(tmp_path / "m.xlsx", rules)
    text = str(caught.value)
    assert "missing column(s) kind, capacity" in text and "missing sheet 「人员」" in text and "missing sheet 「时段」" in text
