"""sheets.iter_xlsx's reader threads: the largest sheet is scanned and read first, then 考生, the others largest first,
and the caller still gets every table in layout order, the same as each sheet read alone, whatever the number
of readers; an error in a sheet read early comes when the caller reaches that sheet; a caller that stops early
leaves no reader running."""

from __future__ import annotations

import os
import sys
import threading
import zipfile
from datetime import date

import pytest

from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.services.records import forked, sheets, xlsx_scan
from eligibility_desk.services.records.import_layout import BY_NAME, SHEETS

PEOPLE = [make_id_number("110108", date(1990, 1, 1 + n % 28), n) for n in range(40)]


def _workbook(path, sizes: dict[str, int]) -> None:
    """The named sheets, in the given order (not the layout's), each with a header and ``size`` rows."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, size in sizes.items():
        ws = wb.create_sheet(name)
        ws.append([c.header for c in BY_NAME[name].columns])
        for n in range(size):
            ws.append([PEOPLE[n % len(PEOPLE)], f"{name}{n}", f"第{n}行"])
    wb.save(path)


def _alone(path) -> list[tuple]:
    """Each template sheet read on its own with calamine, in layout order."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    out = []
    for layout in SHEETS:
        if layout.name in book.sheet_names:
            table = sheets._table(layout, layout.name, book.get_sheet_by_name(layout.name).to_python(
                skip_empty_area=False))
            out.append((table.name, table.header_row, table.headers, table.rows))
    return out


@pytest.mark.parametrize("readers", [1, 2, 3])
def test_tables_come_in_layout_order_whichever_sheet_is_read_first(monkeypatch, tmp_path, readers):
    path = tmp_path / "roster.xlsx"
    # the largest (工作经历) is neither first in the workbook nor in the layout: it is read first
    _workbook(path, {"证书": 30, "工作经历": 400, "考生": 40, "职称": 0, "学历": 10})
    monkeypatch.setattr(sheets, "READERS", readers)
    collected: list = []
    tables = list(sheets.iter_xlsx(path, collected))
    assert [t.layout for t in tables] == [BY_NAME[n] for n in ("考生", "学历", "工作经历", "证书", "职称")]
    assert [(t.name, t.header_row, t.headers, t.rows) for t in tables] == _alone(path)
    assert collected == tables
    assert not [t for t in threading.enumerate() if t.name.startswith("xlsx-")]


def test_the_largest_sheet_is_read_first_then_the_first_then_the_others_largest_first(monkeypatch, tmp_path):
    path = tmp_path / "roster.xlsx"
    _workbook(path, {"考生": 40, "学历": 10, "工作经历": 400, "证书": 30})
    scanned = []
    real = xlsx_scan.scan_sheet

    def spy(archive, member):
        scanned.append(member)
        return real(archive, member)

    monkeypatch.setattr(xlsx_scan, "scan_sheet", spy)
    monkeypatch.setattr(sheets, "READERS", 1)  # one reader: the order it takes them in
    with zipfile.ZipFile(path) as archive:
        parts = xlsx_scan.sheet_parts(archive)
    list(sheets.iter_xlsx(path))
    assert scanned == [parts[n] for n in ("工作经历", "考生", "证书", "学历")]


def test_an_error_in_a_sheet_read_early_comes_when_the_caller_reaches_it(tmp_path):
    plain = tmp_path / "plain.xlsx"
    _workbook(plain, {"考生": 40, "学历": 10, "工作经历": 400})
    with zipfile.ZipFile(plain) as archive:
        work = xlsx_scan.sheet_parts(archive)["工作经历"]
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == work:  # the largest sheet's XML cut short: not well-formed, no </sheetData>
                target.writestr(info, source.read(info)[:-2000])
            else:
                target.writestr(info, source.read(info))
    tables = sheets.iter_xlsx(broken)
    assert [next(tables).name, next(tables).name] == ["考生", "学历"]
    # calamine's error, naming the sheet it was reading; the caller words it (importing.py)
    with pytest.raises(xlsx_scan.SheetPartError, match="工作表「工作经历」无法读取.*XmlError"):
        next(tables)
    assert not [t for t in threading.enumerate() if t.name.startswith("xlsx-")]


def test_a_caller_that_stops_early_leaves_no_reader_running(tmp_path):
    path = tmp_path / "roster.xlsx"
    _workbook(path, {"考生": 40, "学历": 10, "工作经历": 400, "证书": 30, "职称": 5})
    tables = sheets.iter_xlsx(path)
    assert next(tables).name == "考生"
    tables.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("xlsx-")]


@pytest.mark.parametrize("limit", [10_000, 1_000, 300])
def test_the_sheets_of_a_workbook_together_stay_within_the_cell_limit(tmp_path, monkeypatch, limit):
    """Each sheet within MAX_CELLS, together over MAX_WORKBOOK_CELLS: a sheet that would cross it is refused
    unread, whichever reader thread gets there first (issue 15: seven dense sheets would each pass the
    per-sheet limit and together need gigabytes)."""
    monkeypatch.setattr(sheets, "MAX_WORKBOOK_CELLS", limit)
    path = tmp_path / "dense.xlsx"
    _workbook(path, {"考生": 40, "学历": 30, "工作经历": 120})
    tables = list(sheets.iter_xlsx(path))
    refused = [t for t in tables if any(p.code == "workbook_too_large" for p in t.problems)]
    read = [t for t in tables if t not in refused]
    area = sum((len(t.rows) + 1) * len(BY_NAME[t.name].columns) for t in read)
    whole = sum((n + 1) * len(BY_NAME[name].columns) for name, n in {"考生": 40, "学历": 30, "工作经历": 120}.items())
    assert area <= limit or not refused and area == whole <= limit
    assert bool(refused) is (whole > limit)
    assert all(not t.rows and t.problems[0].row == 1 for t in refused)


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value: Linux")


@linux_only
def test_the_readers_run_below_the_thread_that_checks(tmp_path, monkeypatch):
    """The reader threads read ahead of the checks: on two cores they give the checks (the caller's thread, the
    import's longest chain) the CPU first (forked.HELPERS_NICE), and the caller's own priority is untouched."""
    path = tmp_path / "roster.xlsx"
    _workbook(path, {"考生": 40, "学历": 10, "工作经历": 400})
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = {}
    real = sheets._cells

    def spy(book, name):
        seen[threading.current_thread().name] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        return real(book, name)

    monkeypatch.setattr(sheets, "_cells", spy)
    assert [t.name for t in sheets.iter_xlsx(path)] == ["考生", "学历", "工作经历"]
    assert seen and all(name.startswith("xlsx-") for name in seen)
    assert set(seen.values()) == {min(19, mine + forked.HELPERS_NICE)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine


@linux_only
def test_give_way_lowers_only_the_calling_thread_and_stops_at_the_lowest():
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    got = []

    def work(by):
        forked.give_way(by)
        forked.give_way(by)     # twice: down to 19 at most, never an error
        got.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    for by in (3, 30):
        thread = threading.Thread(target=work, args=(by,))
        thread.start()
        thread.join()
    assert got == [min(19, mine + 6), 19]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine
