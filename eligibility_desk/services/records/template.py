"""The import template: one sheet per kind of record, Chinese headers, drop-downs for enumerations.

``eligibility-desk template OUT.xlsx`` writes it.  Required columns are marked ``*`` and shaded; the ID
number columns are text-formatted (an 18-digit number would lose digits as a number); every enumeration
has an Excel data-validation list.  Example rows are on the 说明 sheet (never imported), not on the data
sheets, so a forgotten example cannot become an applicant.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eligibility_desk.services.records.import_layout import SHEETS

#: rows that get the drop-downs and text formats
TEMPLATE_ROWS = 20000
EXAMPLE_ID = "110105199003071239"  # a made-up number with a valid GB 11643 check character
EXAMPLES = {
    "考生": [EXAMPLE_ID, "张三", "A001", "4", "13800000000", f"{EXAMPLE_ID}.jpg", None],
    "学历": [EXAMPLE_ID, "中等职业学校", "北京市商业学校", "电子商务", None, date(2019, 6, 30), "否", "否"],
    "工作经历": [EXAMPLE_ID, "电子商务师", "某某网络科技有限公司", date(2019, 7, 1), None],
    "证书": [EXAMPLE_ID, "电子商务师", "5", date(2021, 3, 1), "S000000000000", None],
    "职称": [EXAMPLE_ID, "初级", "助理经济师", date(2022, 6, 1), "是"],
    "培训": [EXAMPLE_ID, "电子商务师", "4", 120, date(2023, 12, 20)],
    "学徒": [EXAMPLE_ID, "电子商务师", date(2018, 7, 1), date(2019, 6, 30)],
}
INSTRUCTIONS = (
    "填写说明",
    "1. 「考生」表每人一行；「学历」「工作经历」「证书」「职称」「培训」「学徒」表每条记录一行，用身份证号码对应考生。",
    "2. 带 * 的列必填。身份证号码为 18 位（末位可为 X），列已设为文本格式，请勿改为数字。",
    "3. 日期可写 2019-03-01、2019/3/1、2019.03.01、2019年3月1日，或使用 Excel 日期格式。",
    "4. 院校类型、班级类型、等级、职称级别、是/否 等列请从下拉列表中选择。",
    "5. 申报等级可填 4 或 4,3；留空则按批次的全部等级申报。",
    "6. 在读学生：「是否在读」填 是，「毕业日期」填预计毕业日期。工作至今：「结束日期」留空。",
    "7. 导入时任何一行有误则全部不导入，并生成问题报告（错误单元格标红并附批注）；改正后可直接重新导入。",
    "8. 已在库中的考生（身份证号码相同）再次导入时，其学历、工作经历、证书、职称、培训、学徒以本次文件为准更新。",
    "9. 1+X 等有自己等级的证书：「证书标准代码」填该标准代码，「等级」填 初级/中级/高级；结束日期不详的工作填「不详」。",
    "10. 「照片」列可填照片文件名（JPEG 或 PNG，放在本表格所在的文件夹或其子文件夹，如 照片/110105199003071239.jpg）；"
    "照片导入时自动摆正、缩小后存入数据库。也可在窗口「文件 → 导入照片文件夹」按身份证号码或考生编号命名整批导入。",
    "11. 示例（每表一行）：",
)


def write_template(path, levels=None) -> Path:
    """The import workbook; ``levels``: the level codes offered by the 申报等级 drop-down (a standard's own,
    :meth:`Standard.declared_levels`), by default the national 5 … 1."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from eligibility_desk.domain.sheet_cells import notes_sheet, put
    from eligibility_desk.domain.sheet_cells import save_workbook

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    bold = Font(bold=True)
    for layout in SHEETS:
        ws = wb.create_sheet(layout.name)
        for i, column in enumerate(layout.columns, start=1):
            letter = get_column_letter(i)
            cell = put(ws, 1, i, column.header + ("*" if column.required else ""))
            cell.font = bold
            cell.alignment = Alignment(horizontal="center")
            if column.required:
                cell.fill = required_fill
            if column.note:
                from openpyxl.comments import Comment

                cell.comment = Comment(column.note, "Eligibility Desk")
            ws.column_dimensions[letter].width = column.width
            cells = f"{letter}2:{letter}{TEMPLATE_ROWS}"
            choices = column.choices
            if column.key == "levels" and levels:
                choices = tuple(str(level) for level in levels)
            if choices:
                # a certificate's level may also be a 1+X level word: offered, not enforced
                strict = column.kind != "cert_level"
                if column.key == "levels":
                    # one level or several ("4,3", as 说明 says): the list offers each level, Excel only informs
                    # about a value off the list (the importer checks every level against the batch's standard)
                    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                        showErrorMessage=True, errorStyle="information", errorTitle="申报等级",
                                        error=f"可填一个等级，或用逗号分隔的多个等级（如 {choices[0]},{choices[-1]}）："
                                              f"{'、'.join(choices)}")
                else:
                    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                        showErrorMessage=strict, errorTitle="取值无效",
                                        error=f"请从下拉列表中选择：{'、'.join(choices)}")
                dv.add(cells)
                ws.add_data_validation(dv)
            if column.kind == "id":
                for row in range(2, 202):  # text format on the first rows; the importer accepts numbers too
                    ws.cell(row=row, column=i).number_format = "@"
        ws.freeze_panes = "A2"
    notes_sheet(wb, INSTRUCTIONS, [(layout.name, [column.header for column in layout.columns], EXAMPLES[layout.name])
                                   for layout in SHEETS], width=18)
    save_workbook(wb, path)
    return path
