"""Small builders for records tests."""

from __future__ import annotations

from datetime import date

from eligibility_desk.domain.applicant import Applicant, Certificate, Education, SchoolType, Title, TitleGrade, WorkPeriod
from eligibility_desk.domain.idnumber import make_id_number


def id_number(born: date = date(1990, 3, 7), sequence: int = 123, region: str = "110105") -> str:
    return make_id_number(region, born, sequence)


def person(code: str, name: str, born: date = date(1990, 3, 7), sequence: int = 123, **records) -> Applicant:
    return Applicant(id=code, name=name, id_number=id_number(born, sequence), **records)


def worker(code: str, years_from: date, sequence: int, occupation: str = "电子商务师", **records) -> Applicant:
    return person(code, f"工人{sequence}", sequence=sequence, work=(WorkPeriod(occupation, years_from, None, "某公司"),), **records)


__all__ = ["person", "worker", "id_number", "Applicant", "Certificate", "Education", "SchoolType", "Title", "TitleGrade", "WorkPeriod"]


def write_workbook(path, sheets: dict[str, list[list]]) -> None:
    """A workbook with the template's headers and the given rows (row 2 onwards) per sheet name."""
    from openpyxl import Workbook

    from eligibility_desk.services.records.import_layout import BY_NAME

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([c.header + ("*" if c.required else "") for c in BY_NAME[name].columns])
        for row in rows:
            ws.append(row)
    wb.save(path)


def roster(n: int, start_sequence: int = 1) -> tuple[list[list], list[list]]:
    """``n`` valid 考生 rows and one 工作经历 row each (电子商务师 since 2015-03-01, ongoing)."""
    people, work = [], []
    for i in range(n):
        number = id_number(date(1985 + i % 15, 1 + i % 12, 1 + i % 28), start_sequence + i)
        people.append([number, f"考生{i + 1}", f"A{i + 1:04d}", "4", None])
        work.append([number, "电子商务师", "某公司", "2015-03-01", None])
    return people, work
