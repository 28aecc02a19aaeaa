"""Scores from an .xlsx score sheet (row/column errors); results to .xlsx — real files.  The results PDF is a
printed document: tests/documents/test_results_pdf.py."""

from decimal import Decimal

import pytest

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from eligibility_desk.scoring import ABSENT, Mark, ScoreSheet, SeatLine
from eligibility_desk.scoring.xlsx_export import export_results_xlsx
from eligibility_desk.scoring.xlsx_import import column_letter, import_scores_xlsx

from .result_samples import NAMES, sample_results, sample_stats

D = Decimal


def write_sheet(path, rows):
    book = Workbook()
    ws = book.active
    ws.append(["用户增长运营师 四级 理论知识考试 成绩登记表"])
    ws.append(["座位号", "准考证号", "姓名", "等级", "理论知识考试", "技能考核"])
    for row in rows:
        ws.append(row)
    book.save(path)


def test_import_reads_scores_marks_and_reports_row_and_column(tmp_path, rules):
    path = tmp_path / "scores.xlsx"
    write_sheet(path, [
        [1, "A001", "张三", 4, 60, 59.9],
        [2, "A002", "李四", 4, "缺考", "违纪 携带手机"],
        [3, "A003", "王五", 4, 100.5, "59.95"],
        [],
        [4, "A004", "赵六", 4, "abc", None],
        [5, "", "钱七", 4, 70, 70],
    ])
    imported = import_scores_xlsx(path, rules)
    assert imported.parts == ("theory", "skill")
    by_candidate = {row.candidate: row for row in imported.rows}
    assert by_candidate["A001"].values == {"theory": D(60), "skill": D("59.9")}
    assert by_candidate["A001"].seat == 1 and by_candidate["A001"].level == "4" and by_candidate["A001"].name == "张三"
    assert by_candidate["A002"].values["theory"] is ABSENT
    assert by_candidate["A002"].values["skill"].mark is Mark.DISQUALIFIED
    assert by_candidate["A002"].values["skill"].note == "携带手机"
    problems = [(p.row, p.column, p.field, p.code) for p in imported.problems]
    assert problems == [
        (5, "E", "理论知识考试", "out_of_range"),
        (5, "F", "技能考核", "too_many_decimals"),
        (7, "E", "理论知识考试", "not_a_number"),
        (8, "B", "准考证号", "required"),
    ]
    assert imported.problems[0].describe() == "第 5 行 E 列 (理论知识考试): 分数 100.5 超出 0–100 分"
    assert imported.problems[0].describe("en").startswith("row 5, column E")
    # nothing is lost: the bad row is still there with its good cells
    assert by_candidate["A004"].values == {} and "A003" in by_candidate


def test_import_fills_a_sheet_as_one_recorder(tmp_path, rules):
    path = tmp_path / "scores.xlsx"
    write_sheet(path, [[1, "A001", "张三", 4, 60, 70], [2, "A002", "李四", 4, 75.5, 80], [3, "A009", "错号", 4, 1, 1]])
    sheet = ScoreSheet("S", "B", "AM", "R1", "theory", [SeatLine(1, "A001"), SeatLine(2, "A002"), SeatLine(3, "A003")])
    problems = import_scores_xlsx(path, rules).fill(sheet, recorder=2)
    assert sheet.entries[2] == {1: D(60), 2: D("75.5")}
    assert [(p.row, p.column, p.code) for p in problems] == [(5, "B", "unknown_value")]


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_export_xlsx_round_trip(tmp_path, rules):
    path = export_results_xlsx(tmp_path / "results.xlsx", sample_results(rules), rules, NAMES, sample_stats(rules))
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["成绩", "合格名单", "统计"]
    results = book.get_sheet_by_name("成绩").to_python()
    assert results[0][:6] == ["准考证号", "姓名", "等级", "理论知识考试", "技能考核", "综合评审"]
    assert results[1][:7] == ["A001", "张三", "4", 60, 59.9, "—", "不合格"]
    assert results[3][3] == "缺考"
    passed = book.get_sheet_by_name("合格名单").to_python()
    assert [row[1] for row in passed[1:]] == ["A002", "A004"]
    stats = book.get_sheet_by_name("统计").to_python()
    assert stats[1][:7] == ["理论知识考试", 4, 1, 0, 3, 3, 1.0]   # rule-file order: theory first
    assert stats[2][:7] == ["技能考核", 4, 0, 0, 4, 3, 0.75]


def test_scoring_writes_no_pdf_and_loads_no_reportlab():
    """PDFs are printed documents (eligibility_desk/documents); the scoring package stays free of reportlab."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    package = root / "eligibility_desk" / "scoring"
    assert [p.name for p in package.glob("*.py") if "reportlab" in p.read_text(encoding="utf-8")] == []
    modules = ", ".join(f"eligibility_desk.scoring.{p.stem}" for p in sorted(package.glob("*.py")) if p.stem != "__init__")
    code = f"import sys, {modules}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab')[:3])"
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_a_results_workbook_that_fails_half_way_leaves_nothing_to_the_garbage_collector(tmp_path, rules, monkeypatch):
    """An exception while the sheets are written (here a names mapping that fails) is raised, and the unsaved
    write-only sheets are dropped then — not printed about as "Exception ignored … Traceback" at exit."""
    import gc
    import sys

    class Failing(dict):
        def get(self, key, default=None):
            raise RuntimeError("names unavailable")

    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    with pytest.raises(RuntimeError):
        export_results_xlsx(tmp_path / "results.xlsx", sample_results(rules), rules, Failing(x="y"), sample_stats(rules))
    gc.collect()
    assert seen == [] and list(tmp_path.iterdir()) == []
