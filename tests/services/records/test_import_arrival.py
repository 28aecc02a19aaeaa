"""Record sheets checked in the order calamine finishes them (``iter_xlsx(…, arrival)``, ``parse_tables(…, arrival)``):
the tables come in that order once 考生 is checked, the problem report's tables stay in layout order, and the
problems, the applicants and what is written are exactly what taking the sheets in layout order gives."""

from __future__ import annotations

import threading
import zipfile
from datetime import date

import pytest

from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.services.records import sheets, xlsx_scan
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.import_layout import BY_NAME
from eligibility_desk.services.records.import_rows import parse_tables
from tests.account_helpers import actor

PEOPLE = [make_id_number("110108", date(1980, 1, 1 + n % 28), n) for n in range(60)]
LEVELS = ("5", "4", "3", "2", "1")
TODAY = date(2025, 9, 1)


def _workbook(path, bad: bool) -> None:
    """考生 (60), 学历 (small), 工作经历 (the largest), 证书 (larger than 学历): with ``bad``, cells that are refused in
    each record sheet, and rows of people not on the 考生 sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("考生")
    ws.append([c.header for c in BY_NAME["考生"].columns])
    for n, person in enumerate(PEOPLE):
        ws.append([person, f"考生{n}", f"A{n}", "4"])
    ws = wb.create_sheet("学历")
    ws.append([c.header for c in BY_NAME["学历"].columns])
    for n, person in enumerate(PEOPLE[:8]):
        ws.append([person, "技工学校", f"第{n}技校", "电工", "", date(1998, 7, 1), "否", "否"])
    ws = wb.create_sheet("工作经历")
    ws.append([c.header for c in BY_NAME["工作经历"].columns])
    for n in range(400):
        ws.append([PEOPLE[n % 60], "营销员", f"公司{n}", date(2001 + n % 20, 1, 1), date(2002 + n % 20, 1, 1)])
    ws = wb.create_sheet("证书")
    ws.append([c.header for c in BY_NAME["证书"].columns])
    for n in range(60):
        ws.append([PEOPLE[n], "营销员", 5, date(2010, 1, 1), f"Z{n}"])
    if bad:
        wb["学历"].append([PEOPLE[0], "不是学校", "某校", "电工", "", "昨天", "否", "否"])
        wb["学历"].append(["110108198001010000", "技工学校", "某校", "电工", "", date(1998, 7, 1), "否", "否"])
        wb["工作经历"].append([PEOPLE[1], "营销员", "某公司", "不是日期", date(2002, 1, 1)])
        wb["工作经历"].append([PEOPLE[2], "", "某公司", date(2001, 1, 1), date(2000, 1, 1)])
        wb["证书"].append([PEOPLE[3], "营销员", "九级", date(2010, 1, 1), "Z"])
        wb["证书"].append([make_id_number("110108", date(1990, 1, 1), 999), "营销员", 5, date(2010, 1, 1), "Z"])
    wb.save(path)


@pytest.fixture
def one_reader(monkeypatch):
    """One reader thread: the sheets are read largest first, then 考生, then 证书, then 学历 — and 学历's scan
    waits until ``release`` is set (or 2 s have passed), so 证书 is read first."""
    monkeypatch.setattr(sheets, "READERS", 1)
    release = threading.Event()
    real = xlsx_scan.scan_sheet

    def held(archive, member):
        if _names(archive).get(member) == "学历":
            release.wait(2)
        return real(archive, member)

    monkeypatch.setattr(xlsx_scan, "scan_sheet", held)
    return release


def _names(archive) -> dict[str, str]:
    return {member: name for name, member in xlsx_scan.sheet_parts(archive).items()}


def test_once_set_the_tables_come_as_they_are_read_and_collected_stays_in_layout_order(tmp_path, one_reader):
    path = tmp_path / "roster.xlsx"
    _workbook(path, bad=False)
    arrival = threading.Event()
    collected: list = []
    tables = sheets.iter_xlsx(path, collected, arrival)
    assert next(tables).name == "考生"
    arrival.set()
    assert [next(tables).name, next(tables).name] == ["工作经历", "证书"]   # read before 学历
    one_reader.set()
    assert [t.name for t in tables] == ["学历"]
    assert [t.name for t in collected] == ["考生", "学历", "工作经历", "证书"]
    plain = list(sheets.iter_xlsx(path))
    assert [(t.name, t.rows, t.problems) for t in collected] == [(t.name, t.rows, t.problems) for t in plain]


def _parsed(path, arrival, release=None, seen=None):
    """``parse_tables`` over the workbook; ``seen`` gets the sheets' names in the order they were checked, and
    ``release`` is set once 证书 is (学历 is read only then)."""
    def tables():
        for table in sheets.iter_xlsx(path, None, arrival):
            if seen is not None:
                seen.append(table.name)
            if release is not None and table.name == "证书":
                release.set()
            yield table

    return parse_tables(tables(), LEVELS, TODAY, arrival=arrival)


@pytest.mark.parametrize("bad", [False, True])
def test_the_problems_and_applicants_are_those_of_layout_order(tmp_path, one_reader, bad):
    path = tmp_path / "roster.xlsx"
    _workbook(path, bad)
    seen: list = []
    by_arrival = _parsed(path, threading.Event(), one_reader, seen)
    assert seen == ["考生", "工作经历", "证书", "学历"]
    one_reader.set()
    in_order = _parsed(path, None)
    assert bool(in_order.problems) is bad
    if bad:   # every record sheet has problems, listed sheet by sheet in layout order
        assert [p.sheet for p in in_order.problems] == sorted(
            (p.sheet for p in in_order.problems), key=["学历", "工作经历", "证书"].index)
        assert {p.sheet for p in in_order.problems} == {"学历", "工作经历", "证书"}
    assert by_arrival.problems == in_order.problems
    assert by_arrival.applicants == in_order.applicants
    assert by_arrival.levels == in_order.levels and by_arrival.rows == in_order.rows
    assert dict(by_arrival.supplied) == dict(in_order.supplied)


def test_an_error_of_a_sheet_read_early_waits_for_the_sheets_before_it(tmp_path, one_reader):
    plain = tmp_path / "plain.xlsx"
    _workbook(plain, bad=False)
    with zipfile.ZipFile(plain) as archive:
        cert = xlsx_scan.sheet_parts(archive)["证书"]
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():   # 证书's XML cut short: read before 学历, raised after it
            target.writestr(info, source.read(info)[:-300] if info.filename == cert else source.read(info))
    arrival = threading.Event()
    tables = sheets.iter_xlsx(broken, None, arrival)
    assert next(tables).name == "考生"
    arrival.set()
    threading.Timer(0.3, one_reader.set).start()   # 学历 read after 证书 failed
    given = []
    with pytest.raises(xlsx_scan.SheetPartError, match="证书"):
        for table in tables:
            given.append(table.name)
    assert sorted(given) == ["学历", "工作经历"]
    assert not [t for t in threading.enumerate() if t.name.startswith("xlsx-")]


def test_an_import_refused_on_several_sheets_reports_them_in_layout_order_and_writes_nothing(tmp_path, one_reader):
    path = tmp_path / "roster.xlsx"
    _workbook(path, bad=True)
    desk = Desk.open(f"sqlite:///{tmp_path / 'd.sqlite3'}", actor("测试员"))
    try:
        batch = desk.create_batch("秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
        threading.Timer(0.5, one_reader.set).start()
        report = desk.import_file(path, batch)
        expected = _parsed(path, None).problems
        assert not report.ok and list(report.problems) == expected
        assert desk.applicant_rows(batch) == []
        good = tmp_path / "good.xlsx"
        _workbook(good, bad=False)
        report = desk.import_file(good, batch)
        assert report.ok and report.created == 60
    finally:
        desk.close()
