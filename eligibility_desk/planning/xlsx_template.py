"""The 考务资源 template: the workbook :mod:`.xlsx_import` reads — sheets 考场 / 人员 / 时段 with their Chinese
column titles, drop-downs for room kinds, roles and 主监考, and a 说明 sheet with one example row per sheet.

Examples live on 说明 only (never imported), as in the applicant template: a forgotten example cannot become a
room.  Written by ``eligibility-desk resources template OUT.xlsx`` and by 文件 → 下载考务资源模板… in the window;
what it writes reads back through :func:`~.xlsx_import.read_resources_xlsx` (tests/planning/test_xlsx_template.py).
"""

from __future__ import annotations

from pathlib import Path

from eligibility_desk.planning.rules import PlanningRules
from eligibility_desk.planning.wording import KIND_NAMES
from eligibility_desk.planning.xlsx_import import REQUIRED, SHEETS, TITLES

#: column order per sheet (keys of xlsx_import.HEADERS) and widths
COLUMNS = {
    "rooms": (("id", 10), ("name", 24), ("kind", 12), ("capacity", 8), ("equipment", 28)),
    "staff": (("id", 10), ("name", 12), ("roles", 18), ("institution", 24), ("unavailable", 36),
              ("credentials", 30), ("chief", 8)),
    "slots": (("id", 10), ("start", 18), ("end", 18)),
}
NOTES = {
    ("rooms", "kind"): "从下拉列表选择：标准教室、机房、工作现场",
    ("rooms", "equipment"): "多项用顿号或逗号分隔，如：投影仪、计算机",
    ("staff", "roles"): "监考、考评员、评审委员；多个角色用顿号分隔",
    ("staff", "unavailable"): "不可用时间段，如：2025-10-18 08:00~2025-10-18 12:00；多段用分号分隔",
    ("staff", "credentials"): "考评员证书：职业名称:等级，如：用户增长运营师:4、3；多项用分号分隔",
    ("staff", "chief"): "是 / 否（可任主监考）",
    ("slots", "start"): "开始时间，如 2025-10-18 09:00（可用 Excel 日期时间格式）",
    ("slots", "end"): "结束时间，如 2025-10-18 11:00",
}
EXAMPLES = {
    "rooms": ["R101", "教学楼 101", "标准教室", 30, "投影仪"],
    "staff": ["S01", "王老师", "监考、考评员", "某某职业技术学院", "", "用户增长运营师:4、3", "是"],
    "slots": ["AM1", "2025-10-18 09:00", "2025-10-18 11:00"],
}
INSTRUCTIONS = (
    "考务资源填写说明",
    "1. 「考场」「人员」为本中心的资源（按编号更新）；「时段」属于导入时选定的批次。",
    "2. 带 * 的列必填。考场类型、角色、主监考请从下拉列表中选择。",
    "3. 时间可写 2025-10-18 09:00，或使用 Excel 日期时间格式。",
    "4. 导入时任何一格有误则全部不导入，并逐格说明原因；改正后可直接重新导入。",
    "5. 示例（每表一行，示例不会被导入）：",
)
ROLE_CHOICES = ("监考", "考评员", "评审委员", "监考、考评员", "考评员、评审委员", "监考、考评员、评审委员")
ROWS = 2000


def write_resources_template(path, rules: PlanningRules | None = None) -> Path:
    """Write the template; the 类型 drop-down offers ``rules``' room kinds (§1.9.5), or every kind the planner
    knows when None."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from eligibility_desk.domain.sheet_cells import notes_sheet, put
    from eligibility_desk.domain.sheet_cells import save_workbook

    path = Path(path)
    kinds = [KIND_NAMES["zh"].get(kind, kind) for kind in (rules.room_kinds if rules is not None else KIND_NAMES["zh"])]
    choices = {("rooms", "kind"): kinds, ("staff", "roles"): list(ROLE_CHOICES), ("staff", "chief"): ["是", "否"]}
    wb = Workbook()
    wb.remove(wb.active)
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for what, columns in COLUMNS.items():
        ws = wb.create_sheet(SHEETS[what][0])
        for i, (key, width) in enumerate(columns, start=1):
            letter = get_column_letter(i)
            required = key in REQUIRED[what]
            cell = put(ws, 1, i, TITLES[what][key] + ("*" if required else ""))
            cell.font, cell.alignment = bold, Alignment(horizontal="center")
            if required:
                cell.fill = required_fill
            if (what, key) in NOTES:
                cell.comment = Comment(NOTES[what, key], "Eligibility Desk")
            ws.column_dimensions[letter].width = width
            values = choices.get((what, key))
            if values:
                # allow_blank and no strict error: a role list the drop-down does not offer (考评员、监考) is
                # still read, and xlsx_import refuses what it cannot read, cell by cell
                dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                    showErrorMessage=False)
                dv.add(f"{letter}2:{letter}{ROWS}")
                ws.add_data_validation(dv)
            if key == "id":
                for row in range(2, 202):    # ids are text: 001 must stay 001
                    ws.cell(row=row, column=i).number_format = "@"
        ws.freeze_panes = "A2"
    notes_sheet(wb, INSTRUCTIONS, [(SHEETS[what][0], [TITLES[what][key] for key, _width in columns], EXAMPLES[what])
                                   for what, columns in COLUMNS.items()], width=20)
    save_workbook(wb, path)
    return path
