"""The 考务资源 template reads back through the resources importer: empty as written, and with its own examples
copied onto the data sheets they become one room, one staff member and one slot (issue 16: templates
downloadable from the window and re-imported)."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from eligibility_desk.planning import load_planning_rules
from eligibility_desk.planning.xlsx_import import read_resources_xlsx
from eligibility_desk.planning.xlsx_template import COLUMNS, EXAMPLES, write_resources_template


@pytest.fixture(scope="module")
def rules():
    return load_planning_rules("4-07-02-06")


def test_the_template_as_written_imports_as_nothing(tmp_path, rules):
    path = write_resources_template(tmp_path / "资源模板.xlsx", rules)
    resources = read_resources_xlsx(path, rules)
    assert (resources.rooms, resources.staff, resources.slots) == ([], [], [])
    wb = load_workbook(path)
    assert wb.sheetnames == ["说明", "考场", "人员", "时段"]
    assert wb["考场"]["A1"].value == "编号*" and wb["人员"]["C1"].value == "角色*"
    kinds = next(dv for dv in wb["考场"].data_validations.dataValidation if "C2" in str(dv.sqref))
    assert "机房" in kinds.formula1 and "标准教室" in kinds.formula1


def test_the_examples_on_the_data_sheets_import_as_written(tmp_path, rules):
    path = write_resources_template(tmp_path / "资源模板.xlsx", rules)
    wb = load_workbook(path)
    for what, sheet in (("rooms", "考场"), ("staff", "人员"), ("slots", "时段")):
        assert len(EXAMPLES[what]) == len(COLUMNS[what])
        for column, value in enumerate(EXAMPLES[what], start=1):
            wb[sheet].cell(row=2, column=column, value=value)
    wb.save(path)
    resources = read_resources_xlsx(path, rules)
    (room,), (person,), (slot,) = resources.rooms, resources.staff, resources.slots
    assert (room.id, room.name, room.kind, room.capacity) == ("R101", "教学楼 101", "classroom", 30)
    assert set(person.roles) == {"invigilator", "examiner"} and person.chief
    assert (slot.start, slot.end) == (datetime(2025, 10, 18, 9, 0), datetime(2025, 10, 18, 11, 0))
