"""xlsx_scan_child: a sheet scanned in a child process gives what ``scan_sheet`` gives in this one — every sheet of
every workbook of the hostile corpus, its errors too —, a child that dies or answers nonsense leaves the scan to
this process, and no child outlives the reading; an import reading its scans from children reports exactly what
one scanning in-process reports."""

from __future__ import annotations

import importlib.util
import os
import signal
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.services.records import forked, xlsx_scan, xlsx_scan_child
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.importing import ImportFormatError
from eligibility_desk.services.records.xlsx_scan_child import ScanChild
from tests.account_helpers import actor

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the scans run in child processes where fork is")

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "benchmarks" / "hostile_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)
WORKBOOKS = sorted(name for name in corpus.cases() if name.endswith(".xlsx"))
#: through a whole import (the scans alone are compared over every workbook): sheets refused at their cells, by
#: their size or their XML, scanned the careful way, or imported
IMPORTED = ["bomb-sheet-small.xlsx", "cell-error.xlsx", "cell-ref-huge-row.xlsx", "cell-shared-formula.xlsx",
            "cells-no-ref-wide.xlsx", "date-serial-neg-huge.xlsx", "deep-nesting-sheet.xlsx", "hidden-sheet.xlsx",
            "laughs-sheet.xlsx", "lying-size-far-cell.xlsx", "malformed-sheet-xml.xlsx", "no-sheet-part.xlsx",
            "text-hangul_filler_in.xlsx", "truncated-end.xlsx", "header-row-5.xlsx", "inline-string.xlsx"]


def _outcome(scan):
    """A scan's result or its error, comparably."""
    try:
        return "scan", scan()
    except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
        return "error", (type(exc), str(exc))


def _children() -> set[int]:
    """This process's child processes (from every thread's /proc entry)."""
    out = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            out.update(int(pid) for pid in (task / "children").read_text().split())
        except OSError:
            continue
    return out


def _parts(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        try:
            parts = list(xlsx_scan.sheet_parts(archive).values())
        except Exception:  # noqa: BLE001 - no sheets to scan: the part names themselves are tried
            parts = []
        return parts + [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n not in parts] + [
            "xl/worksheets/no-such-part.xml"]


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_sheet_of_the_corpus_scans_the_same_in_a_child(tmp_path, name):
    path = corpus.make(tmp_path, name, big=False)
    before = _children()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        pytest.skip("not a zip file: never scanned")
    with archive:
        child = ScanChild(path)
        try:
            for member in _parts(path):
                here = _outcome(lambda: xlsx_scan.scan_sheet(archive, member))
                apart = _outcome(lambda: child.scan(archive, member))
                assert apart == here, member
            assert child.pid is not None   # it answered every one (errors included) itself
        finally:
            child.close()
    assert _children() <= before


def _workbook(path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "考生"
    ws.append(["身份证号码", "姓名", "考生编号", "申报等级"])
    ws.append(["110105199001010011", "张三", "A1", "4"])
    ws.append(["110105199001010011", "=A2&\"x\"", "A2", -5e12])
    ws["F9"] = "far"
    wb.save(path)


def test_a_child_that_died_leaves_the_scan_here(tmp_path):
    path = tmp_path / "a.xlsx"
    _workbook(path)
    with zipfile.ZipFile(path) as archive:
        member = xlsx_scan.sheet_parts(archive)["考生"]
        expected = xlsx_scan.scan_sheet(archive, member)
        assert expected.formulas and expected.out_of_range and expected.columns == 6
        child = ScanChild(path)
        try:
            assert child.scan(archive, member) == expected
            os.kill(child.pid, signal.SIGKILL)
            assert child.scan(archive, member) == expected      # scanned here
            assert child.pid is None                            # ended and reaped
            assert child.scan(archive, member) == expected
        finally:
            child.close()


def test_an_answer_that_is_not_a_scan_leaves_the_scan_here(tmp_path, monkeypatch):
    path = tmp_path / "a.xlsx"
    _workbook(path)
    with zipfile.ZipFile(path) as archive:
        member = xlsx_scan.sheet_parts(archive)["考生"]
        expected = xlsx_scan.scan_sheet(archive, member)
        child = ScanChild(path)
        try:
            monkeypatch.setattr(xlsx_scan_child.pickle, "loads", lambda data: ("scan", "not a scan"))
            assert child.scan(archive, member) == expected
            assert child.pid is None
        finally:
            child.close()


def test_close_ends_a_child_at_work_and_reaps_it(tmp_path):
    path = tmp_path / "a.xlsx"
    _workbook(path)
    before = _children()
    child = ScanChild(path)
    assert child.pid in _children()
    child.close()
    child.close()
    assert _children() <= before


def test_workbooks_under_the_threshold_are_scanned_here(tmp_path, monkeypatch):
    path = tmp_path / "a.xlsx"
    _workbook(path)
    with zipfile.ZipFile(path) as archive:
        parts = list(xlsx_scan.sheet_parts(archive).values())
        stated = sum(archive.getinfo(p).file_size for p in parts)
        assert not xlsx_scan_child.scan_apart(archive, parts)    # a few KB: under the default 8 MB
        monkeypatch.setattr(xlsx_scan_child, "APART_MIN_BYTES", stated)
        assert xlsx_scan_child.scan_apart(archive, parts + ["xl/worksheets/missing.xml"])
        monkeypatch.setattr(xlsx_scan_child, "APART_MIN_BYTES", stated + 1)
        assert not xlsx_scan_child.scan_apart(archive, parts)


@pytest.fixture
def desk(tmp_path):
    desk = Desk.open(f"sqlite:///{tmp_path / 'd.sqlite3'}", actor("测试员"))
    yield desk
    desk.close()


def _report(desk, batch, path, report_path):
    try:
        report = desk.import_file(path, batch, report_path=report_path)
    except ImportFormatError as exc:
        return "refused", str(exc)
    return report.ok, report.created, [p.describe("zh") for p in report.problems]


@pytest.mark.parametrize("name", IMPORTED)
def test_an_import_scanning_in_children_reports_what_one_scanning_here_does(desk, tmp_path, monkeypatch, name):
    path = corpus.make(tmp_path, name, big=False)
    here = desk.create_batch("这里", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    apart = desk.create_batch("子进程", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    expected = _report(desk, here, path, tmp_path / "r1.xlsx")
    monkeypatch.setattr(xlsx_scan_child, "APART_MIN_BYTES", 0)
    forked = []
    made = ScanChild.__init__

    def counted(self, *args):
        made(self, *args)
        forked.append(self.pid)

    monkeypatch.setattr(ScanChild, "__init__", counted)
    before = _children()
    got = _report(desk, apart, path, tmp_path / "r2.xlsx")
    if expected[0] is True:   # imported: the second import finds the same people already on file
        assert got[0] is True
    else:
        assert got == expected
    assert _children() <= before
    if expected[0] is True:   # read: its scans were taken by children
        assert forked and all(forked)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value: Linux")
def test_a_scan_child_runs_below_the_import(tmp_path):
    """A reader's scans read ahead like the reader: the child gives the checks the CPU first."""
    path = tmp_path / "a.xlsx"
    _workbook(path)
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    child = ScanChild(path)
    try:
        with zipfile.ZipFile(path) as archive:     # answered: the child is past its start
            child.scan(archive, xlsx_scan.sheet_parts(archive)["考生"])
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == min(19, mine + forked.HELPERS_NICE)
    finally:
        child.close()
    assert os.getpriority(os.PRIO_PROCESS, 0) == mine
