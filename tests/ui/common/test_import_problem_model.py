"""The table of a refused import's problems: a problem without a row (a missing sheet) shows the row blank,
not 「0」."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from PySide6.QtCore import Qt

from eligibility_desk.services.records.import_rows import parse_tables
from eligibility_desk.services.records.sheets import iter_xlsx
from eligibility_desk.services.summaries import ImportProblem
from eligibility_desk.ui.common.import_problem_model import ImportProblemModel


def _rows(model) -> list[tuple]:
    return [tuple(model.index(r, c).data(Qt.DisplayRole) for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_a_missing_sheet_has_a_blank_row(tmp_path):
    book = Workbook()
    book.active.title = "名单"                      # no 考生 sheet
    book.active.append(["姓名"])
    path = tmp_path / "wrong.xlsx"
    book.save(path)
    parsed = parse_tables(iter_xlsx(path), ("4",), date(2025, 9, 1))
    [problem] = parsed.problems
    assert (problem.code, problem.row) == ("missing_sheet", 0)
    model = ImportProblemModel(parsed.problems)
    sheet, row, _column, _value, message = _rows(model)[0]
    assert row == "" and sheet == "考生" and "考生" in message
    assert model.index(0, 1).data(Qt.ToolTipRole) == ""


def test_a_problem_in_a_row_shows_its_number():
    model = ImportProblemModel([ImportProblem("考生", 3, "身份证号码", "123", "bad_format", {"value": "123"})])
    assert _rows(model)[0][:4] == ("考生", 3, "身份证号码", "123")
