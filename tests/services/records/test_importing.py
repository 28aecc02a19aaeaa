"""Import: all or nothing, every problem reported where it is, re-import updates, cancel writes nothing."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import load_workbook

from eligibility_desk.services.records.template import write_template
from tests.services.helpers import id_number, roster, write_workbook


def test_bad_checksum_row_57_and_bad_date_row_90_write_nothing_and_are_the_only_problems(desk, batch_id, tmp_path):
    people, work = roster(120)
    good = people[55][0]
    bad_id = good[:17] + ("0" if good[17] != "0" else "1")   # sheet row 57 = data row 56
    people[55][0] = bad_id
    for row in work:
        if row[0] == good:
            row[0] = bad_id                                   # the person's other rows follow the bad number
    work[88][3] = "2019-13-01"                               # sheet row 90
    path = tmp_path / "批次.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})

    report = desk.import_file(path, batch_id)

    assert not report.ok and not report.cancelled
    found = [(p.sheet, p.row, p.column, p.value, p.code) for p in report.problems]
    assert found == [("考生", 57, "身份证号码*", bad_id, "id_checksum"),
                     ("工作经历", 90, "开始日期*", "2019-13-01", "not_a_date")]
    assert "校验位" in report.problems[0].message("zh")
    assert "2019-13-01" in report.problems[1].describe("zh")
    assert desk.applicant_rows() == [] and desk.batch(batch_id).applications == 0

    marked = load_workbook(report.problem_report)
    assert marked.sheetnames[0] == "问题清单"
    assert marked["问题清单"].max_row == 3
    for sheet, cell in (("考生", "A57"), ("工作经历", "D90")):
        c = marked[sheet][cell]
        assert c.fill.fgColor.rgb.endswith("FFC7CE") and c.comment is not None
    assert marked["考生"]["A56"].comment is None
    assert marked["考生"]["A57"].value == bad_id


def test_import_creates_applicants_and_applications(desk, batch_id, tmp_path):
    people, work = roster(5)
    people[0][3] = "4,3"
    people[1][3] = None  # empty: all the batch's levels
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work,
                         "学历": [[people[2][0], "中等职业学校", "北京市商业学校", "电子商务", None, "2019年6月30日", "否", "否"]],
                         "证书": [[people[3][0], "电子商务师", "五级/初级工", 43525, "S1"]],
                         "职称": [[people[4][0], "初级", "助理经济师", "2020/6/1", "未知"]]})
    report = desk.import_file(path, batch_id)
    assert report.ok, [p.describe() for p in report.problems]
    assert (report.created, report.updated, report.applications_added) == (5, 0, 7)
    rows = {r.id_number: r for r in desk.applicant_rows(batch_id)}
    assert rows[people[0][0]].levels == ("4", "3") and rows[people[1][0]].levels == ("4", "3")
    assert rows[people[2][0]].school == "北京市商业学校" and rows[people[2][0]].major == "电子商务"
    edu_person, _ = desk.load_applicant(rows[people[2][0]].pk)
    assert edu_person.education[0].graduated_on == date(2019, 6, 30)
    cert_person, _ = desk.load_applicant(rows[people[3][0]].pk)
    assert cert_person.certificates[0].level == 5 and cert_person.certificates[0].obtained_on == date(2019, 3, 1)  # Excel serial
    title_person, _ = desk.load_applicant(rows[people[4][0]].pk)
    assert title_person.titles[0].profession_matches is None and title_person.titles[0].obtained_on == date(2020, 6, 1)
    assert [a["action"] for a in desk.audit_trail("applicant")].count("create") == 5


def test_reimport_updates_the_person_on_file_and_says_so(desk, batch_id, tmp_path):
    people, work = roster(3)
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert desk.import_file(path, batch_id).created == 3
    pk = desk.find_applicant(people[1][0])
    _, version = desk.load_applicant(pk)

    people[1][1] = "改名后"
    work[1][3] = "2012-01-01"
    write_workbook(path, {"考生": people, "工作经历": work})
    report = desk.import_file(path, batch_id)

    assert report.ok and (report.created, report.updated, report.unchanged, report.applications_added) == (0, 1, 2, 0)
    person, new_version = desk.load_applicant(pk)
    assert person.name == "改名后" and person.work[0].start == date(2012, 1, 1) and new_version == version + 1
    update = [a for a in desk.audit_trail("applicant", pk) if a["action"] == "update"][0]
    assert update["before"]["name"] == "考生2" and update["after"]["name"] == "改名后"
    assert update["before"]["work"][0]["start"] == "2015-03-01" and update["after"]["work"][0]["start"] == "2012-01-01"


def test_every_kind_of_problem_is_reported_with_its_cell(desk, batch_id, tmp_path):
    people, work = roster(4)
    people.append(list(people[0]))                       # row 6: duplicate of row 2
    people[1][1] = None                                   # row 3: name missing
    people[2][3] = "2"                                    # row 4: level not in this batch (4, 3)
    work[0][4] = "2014-01-01"                             # row 2: end before start
    work[1][3] = "2099-01-01"                             # row 3: in the future
    work.append([id_number(date(1970, 1, 1), 999), "营销员", "", "2019-03-01", None])  # row 6: nobody
    path = tmp_path / "bad.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work,
                         "学历": [[people[3][0], "幼儿园", "", "电子商务", None, "2019-06-30", "否", "否"],
                                 [people[3][0], "中等职业学校", "", "电子商务", "高级工班", "2019-06-30", "否", "否"]],
                         "证书": [[people[3][0], "营销员", "6", "2019-03-01", ""]]})
    report = desk.import_file(path, batch_id)
    got = {(p.sheet, p.row, p.column.rstrip("*"), p.code) for p in report.problems}
    assert got == {
        ("考生", 6, "身份证号码", "duplicate_in_file"),
        ("考生", 3, "姓名", "required"),
        ("考生", 4, "申报等级", "level_not_in_batch"),
        ("工作经历", 2, "结束日期", "end_before_start"),
        ("工作经历", 3, "开始日期", "future_date"),
        ("工作经历", 6, "身份证号码", "unknown_applicant"),
        ("学历", 2, "院校类型", "unknown_value"),
        ("学历", 3, "班级类型", "class_type_school"),
        ("证书", 2, "等级", "level_range"),
    }
    assert desk.applicant_rows() == []


def test_cancelling_writes_nothing(desk, batch_id, tmp_path):
    people, work = roster(30)
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3  # during the write transaction

    report = desk.import_file(path, batch_id, cancelled=cancelled)
    assert report.cancelled and not report.ok
    assert desk.applicant_rows() == [] and desk.batch(batch_id).applications == 0
    assert desk.audit_trail("applicant") == []


def test_csv_with_sibling_sheets_in_gb18030(desk, batch_id, tmp_path):
    people, work = roster(2)
    from eligibility_desk.services.records.import_layout import APPLICANTS, WORK

    with open(tmp_path / "名单.csv", "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in APPLICANTS.columns])
        w.writerows([[x or "" for x in row] for row in people])
    with open(tmp_path / "名单-工作经历.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in WORK.columns])
        w.writerows([[x or "" for x in row] for row in work])
    report = desk.import_file(tmp_path / "名单.csv", batch_id)
    assert report.ok and report.created == 2
    person, _ = desk.load_applicant(desk.find_applicant(people[0][0]))
    assert person.name == "考生1" and person.work[0].occupation == "电子商务师"


def test_interchange_json(desk, batch_id, tmp_path):
    import json

    doc = {"applicants": [
        {"id": "J1", "name": "李四", "id_number": id_number(date(1991, 1, 1), 5),
         "work": [{"occupation": "营销员", "start": "2018-01-01", "end": None}]},
        {"id": "J2", "name": "王五", "id_number": id_number(date(1992, 2, 2), 6),
         "work": [{"occupation": "营销员", "start": "2021-01-01", "end": "2019-01-01"}]},
    ]}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    report = desk.import_file(path, batch_id)
    assert not report.ok
    assert [(p.sheet, p.row, p.column, p.value, p.code) for p in report.problems] == [
        ("a.json", 2, "work[0].end", "2019-01-01", "end_before_start")]
    assert load_workbook(report.problem_report)["问题清单"]["F2"].value.startswith("结束日期 2019-01-01 早于开始日期")
    doc["applicants"][1]["work"][0]["end"] = None
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    report = desk.import_file(path, batch_id)
    assert report.ok and report.created == 2 and report.applications_added == 4


def test_template_has_the_sheets_headers_and_drop_downs(tmp_path, desk, batch_id):
    path = write_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["说明", "考生", "学历", "工作经历", "证书", "职称", "培训", "学徒"]
    assert [c.value for c in wb["考生"][1]] == ["身份证号码*", "姓名*", "考生编号", "申报等级", "联系电话", "照片", "出生日期"]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in wb["学历"].data_validations.dataValidation}
    assert "中等职业学校" in lists["B2"] and "技师学院" in lists["B2"]
    assert "高级工班" in lists["E2"] and lists["G2"] == '"是,否"'
    title_lists = [dv.formula1 for dv in wb["职称"].data_validations.dataValidation]
    assert '"初级,中级,高级"' in title_lists
    # the empty template has nothing to import: refused naming its 考生 sheet (not "imported 0"), nothing written
    report = desk.import_file(path, batch_id)
    assert not report.ok and [(p.sheet, p.code) for p in report.problems] == [("考生", "no_applicants")]
    assert report.problem_report is None and desk.applicant_rows() == []


def test_unknown_or_unreadable_files_are_refused(desk, batch_id, tmp_path):
    from eligibility_desk.services.records.importing import ImportFormatError

    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.xlsx").write_text("not a workbook")
    (tmp_path / "c.json").write_text("{")
    for name in ("a.txt", "b.xlsx", "c.json"):
        with pytest.raises(ImportFormatError):
            desk.import_file(tmp_path / name, batch_id)


def test_a_row_with_a_bad_id_number_has_its_other_cells_checked_too(desk, batch_id, tmp_path):
    people, work = roster(2)
    people[0][0] = people[0][0][:17] + ("0" if people[0][0][17] != "0" else "1")
    people[0][1] = None
    people[1][0] = None
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work[1:]})
    report = desk.import_file(path, batch_id)
    got = [(p.row, p.column.rstrip("*"), p.code) for p in report.problems]
    assert got == [(2, "身份证号码", "id_checksum"), (2, "姓名", "required"), (3, "身份证号码", "required"),
                   (2, "身份证号码", "unknown_applicant")]


def test_a_reimport_replaces_only_the_kinds_of_record_it_has_rows_of(desk, batch_id, tmp_path):
    people, work = roster(2)
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work,
                         "学历": [[people[0][0], "本科", "", "电子商务", None, "2019-06-30", "否", "否"]]})
    assert desk.import_file(path, batch_id).created == 2
    people[0][1] = "新名字"
    write_workbook(path, {"考生": people})  # names only
    report = desk.import_file(path, batch_id)
    assert (report.updated, report.unchanged) == (1, 1)
    person, _ = desk.load_applicant(desk.find_applicant(people[0][0]))
    assert person.name == "新名字" and len(person.work) == 1 and person.education[0].major == "电子商务"
    # the template's sheets present but empty for the person: nothing of theirs is wiped
    write_workbook(path, {"考生": people, "学历": [], "工作经历": work[1:]})
    desk.import_file(path, batch_id)
    person, _ = desk.load_applicant(desk.find_applicant(people[0][0]))
    assert person.education[0].major == "电子商务" and len(person.work) == 1
    # rows of a kind for the person replace that kind
    write_workbook(path, {"考生": people, "工作经历": [[people[0][0], "营销员", "", "2016-01-01", "2017-01-01"],
                                                    [people[0][0], "营销员", "", "2018-01-01", None]]})
    desk.import_file(path, batch_id)
    person, _ = desk.load_applicant(desk.find_applicant(people[0][0]))
    assert [w.start.year for w in person.work] == [2016, 2018] and person.education[0].major == "电子商务"


def test_large_files_get_only_the_bad_rows_copied_at_their_row_numbers(desk, batch_id, tmp_path, monkeypatch):
    from eligibility_desk.services.records import problem_report

    monkeypatch.setattr(problem_report, "FULL_COPY_ROWS", 10)
    people, work = roster(12)
    work[7][3] = "2019-13-01"  # row 9
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    report = desk.import_file(path, batch_id)
    marked = load_workbook(report.problem_report)
    ws = marked["工作经历"]
    assert ws["D9"].value == "2019-13-01" and ws["D9"].comment is not None
    assert ws["A8"].value is None and ws["A1"].value == "身份证号码*"
    assert marked["考生"].max_row == 1
