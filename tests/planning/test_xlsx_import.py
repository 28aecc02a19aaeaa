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
    assert [e.code for e in caught.value.errors] == ["unknown_kind", "negative", "duplicate_row_id", "unknown_role",
                                                     "ends_before_start_at"]
    assert caught.value.errors[1].params == {"value": -3} and caught.value.errors[1].value == "-3"
    assert "考场 第 3 行「容量」：不能为负数，实际为 -3" in str(caught.value)          # Chinese first
    assert caught.value.errors[0].message("en") == "unknown room kind '操场' (known: classroom, computer_lab, worksite)"


def _refused(path, rules) -> list:
    with pytest.raises(ResourceImportError) as caught:
        read_resources_xlsx(path, rules)
    return caught.value.errors


def test_a_missing_sheet_or_column(tmp_path, rules):
    wb = Workbook()
    wb.active.title = "考场"
    wb.active.append(["编号", "名称"])
    wb.save(tmp_path / "m.xlsx")
    errors = _refused(tmp_path / "m.xlsx", rules)
    assert [(e.sheet, e.row, e.code) for e in errors] == [("考场", 1, "missing_columns"), ("人员", 0, "missing_sheet"),
                                                         ("时段", 0, "missing_sheet")]
    assert errors[0].params == {"what": "rooms", "columns": ["kind", "capacity"]}


#: a workbook with one of each refusal: a missing sheet (时段), a missing column (人员: 角色), a duplicate id (考场
#: R1 twice) and a bad cell value (考场 容量 -3); the reasons in both languages, as the 考务资源 dialog and
#: ``resources import`` show them
BOTH_LANGUAGES = {
    "zh": ["考场 第 3 行「容量」：不能为负数，实际为 -3",
           "考场 第 4 行「编号」：编号「R1」重复（另见第 2 行）",
           "人员 第 1 行：缺少必需的列：「角色」",
           "时段：缺少工作表「时段」"],
    "en": ["考场 row 3 '容量': must not be negative, got -3",
           "考场 row 4 '编号': duplicate id 'R1' (also row 2)",
           "人员 row 1: missing column(s): 角色 (roles)",
           "时段: missing sheet '时段'"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_refusals_are_codes_worded_in_chinese_and_english(tmp_path, rules, lang):
    wb = Workbook()
    rooms = wb.active
    rooms.title = "考场"
    for row in (["编号", "名称", "类型", "容量"], ["R1", "101", "标准教室", 30], ["R2", "102", "机房", -3],
                ["R1", "103", "机房", 20]):
        rooms.append(row)
    staff = wb.create_sheet("人员")
    staff.append(["编号", "姓名", "单位"])
    staff.append(["P1", "王老师", ""])
    wb.save(tmp_path / "four.xlsx")
    errors = _refused(tmp_path / "four.xlsx", rules)
    assert [e.code for e in errors] == ["negative", "duplicate_row_id", "missing_columns", "missing_sheet"]
    assert [e.describe(lang) for e in errors] == BOTH_LANGUAGES[lang]
    assert all(e.message(lang) for e in errors) and "duplicate" not in " ".join(e.message("zh") for e in errors)


@pytest.mark.parametrize("lang, words", [("zh", ["未知的考场类型「操场」（可选：标准教室、机房、工作现场）",
                                                "未知的角色「保安」（可选：监考人员、考评员、评审委员）",
                                                "「2025-13-40 09:00」不是 2025-10-18T09:00 这样的时间"]),
                                        ("en", ["unknown room kind '操场' (known: classroom, computer_lab, worksite)",
                                                "unknown role '保安' (known: invigilator, examiner, reviewer)",
                                                "not a time like 2025-10-18T09:00: '2025-13-40 09:00'"])])
def test_every_scenario_reason_a_cell_can_get_is_worded(tmp_path, rules, lang, words):
    path = _workbook(tmp_path / "w.xlsx", rooms=[["R1", "a", "操场", 30, None]],
                     staff=[["P1", "x", "保安", None, None, None, None]], slots=[["AM", "2025-13-40 09:00", "2025-10-18T12:00"]])
    errors = _refused(path, rules)
    assert [e.message(lang) for e in errors] == words
    assert errors[2].value == "2025-13-40 09:00"
