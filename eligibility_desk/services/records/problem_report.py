"""The import problem report: an ``.xlsx`` a clerk can work from.

* 问题清单 — one line per problem: sheet, row, column, value, reason (Chinese).
* A copy of each imported sheet, rows at their original row numbers, with every bad cell filled red and
  carrying a comment that says what is wrong (a missing required column is marked on its header row).

Up to :data:`FULL_COPY_ROWS` rows the copy is complete and keeps the template's sheet names and headers,
so the clerk can correct it and import it again (the importer ignores the 问题清单 sheet).  Larger files get
only the header and the rows with problems, still at their original row numbers (copying 360,000 rows
took ~45 s; a clerk corrects those in the original file).  Written in openpyxl's write-only mode.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from eligibility_desk.services.records.sheets import FULL_COPY_ROWS, Table
from eligibility_desk.services.summaries import ImportProblem

PROBLEM_SHEET = "问题清单"
RED = "FFC7CE"


def write_problem_report(tables: list[Table], problems: list[ImportProblem], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from eligibility_desk.domain.sheet_cells import row as safe_row
    from eligibility_desk.domain.sheet_cells import dropped_unless_saved, save_workbook
    from eligibility_desk.domain.sheet_cells import header_row, sheet_title, text_cell, writable

    fill = PatternFill("solid", fgColor=RED)
    bold = Font(bold=True)
    wb = Workbook(write_only=True)
    with dropped_unless_saved(wb):
        ws = wb.create_sheet(PROBLEM_SHEET)
        for width, letter in zip((6, 10, 8, 16, 24, 60), "ABCDEF"):
            ws.column_dimensions[letter].width = width
        ws.append(header_row(ws, ("序号", "工作表", "行", "列", "值", "问题"), bold))
        for n, p in enumerate(problems, start=1):
            ws.append(safe_row(ws, [n, p.sheet, p.row, p.column, p.value, p.message("zh")]))
        full = sum(t.row_count for t in tables) <= FULL_COPY_ROWS
        if not full:
            ws.append([])
            ws.append([None, "说明：文件较大，以下各表只复制了有问题的行（保持原行号），请在原文件中改正后重新导入。"])

        marks: dict[str, dict[int, dict[int, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        for p in problems:
            if p.column_index:
                marks[p.sheet][p.row][p.column_index].append(p.message("zh"))
        titles = [PROBLEM_SHEET]
        for table in tables:
            if not table.header_row:  # a sheet the reader refused unread: its problem is listed, nothing to copy
                continue
            titles.append(sheet_title(table.name, titles))
            ws = wb.create_sheet(titles[-1])
            sheet_marks = marks.get(table.name, {})
            rows = table.rows if full else [entry for entry in table.rows if entry is not None and entry[0] in sheet_marks]
            width = max([len(table.headers)] + [len(cells) for _row, cells in rows])
            written = 0
            for row, cells in [(table.header_row, list(table.headers))] + rows:
                while written < row - 1:  # keep the original row numbers
                    ws.append([])
                    written += 1
                row_marks = sheet_marks.get(row, {})
                out = []
                for i in range(width):
                    value = cells[i] if i < len(cells) else None
                    if isinstance(value, datetime) and value.time() == datetime.min.time():
                        value = value.date()
                    reasons = row_marks.get(i + 1)
                    if reasons or isinstance(value, date) or row == table.header_row:
                        cell = text_cell(ws, value)
                        if isinstance(value, date):
                            cell.number_format = "yyyy-mm-dd"
                        if row == table.header_row:
                            cell.font = bold
                        if reasons:
                            cell.fill = fill
                            cell.comment = Comment(writable("\n".join(reasons)), "Eligibility Desk", width=300, height=80)
                        value = cell
                    out.append(value)
                ws.append(safe_row(ws, out))
                written += 1
        save_workbook(wb, path)
    return path
