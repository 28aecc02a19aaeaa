"""The import template carries the rule language's new facts: a birth date, a job whose end is 不详, a 1+X
certificate by its standard code and level word, an undated certificate, training and apprenticeships."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from eligibility_desk.domain.applicant import Apprenticeship, Certificate, Training, WorkPeriod
from eligibility_desk.services.records.template import write_template

ID = "110105199003071239"


def test_new_facts_import_and_are_stored(tmp_path, desk, batch_id):
    path = write_template(tmp_path / "t.xlsx", ["4", "3"])
    wb = load_workbook(path)
    headers = [cell.value.rstrip("*") for cell in wb["考生"][1]]
    row = dict.fromkeys(headers, "")
    row.update({"身份证号码": ID, "姓名": "张三", "考生编号": "A001", "申报等级": "4", "出生日期": date(1990, 3, 7)})
    wb["考生"].append([row[h] for h in headers])          # by header: the sheet also has 照片
    wb["工作经历"].append([ID, "电子商务师", "", date(2015, 1, 1), "不详"])
    wb["工作经历"].append([ID, "营销员", "", date(2020, 1, 1), None])
    wb["证书"].append([ID, "数字营销技术应用", "初级", date(2022, 1, 1), "", "1+X-DM"])
    wb["证书"].append([ID, "电子商务师", "5", None, "", None])
    wb["培训"].append([ID, "电子商务师", "4", 120, date(2023, 12, 20)])
    wb["学徒"].append([ID, "电子商务师", date(2013, 7, 1), date(2014, 6, 30)])
    wb.save(path)
    report = desk.import_file(path, batch_id)
    assert report.ok, [p for p in getattr(report, "problems", [])]
    applicant, _version = desk.load_applicant(desk.find_applicant(ID))
    assert applicant.birth_date == date(1990, 3, 7)
    assert applicant.work == (WorkPeriod("电子商务师", date(2015, 1, 1), None, "", False),
                              WorkPeriod("营销员", date(2020, 1, 1), None, ""))
    assert applicant.certificates == (Certificate("数字营销技术应用", "初级", date(2022, 1, 1), "", "1+X-DM"),
                                      Certificate("电子商务师", 5, None, ""))
    assert applicant.training == (Training("电子商务师", "4", 120, date(2023, 12, 20)),)
    assert applicant.apprenticeships == (Apprenticeship("电子商务师", date(2014, 6, 30), date(2013, 7, 1)),)


def test_the_level_drop_down_offers_the_standards_own_levels(tmp_path):
    wb = load_workbook(write_template(tmp_path / "t.xlsx", ["初级", "中级", "高级"]))
    lists = [dv.formula1 for dv in wb["考生"].data_validations.dataValidation]
    assert '"初级,中级,高级"' in lists
