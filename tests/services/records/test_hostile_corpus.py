"""The hostile corpus (benchmarks/hostile_corpus.py, issue 15) through ``Desk.import_file``: every small case
— zip tricks, malformed or entity-laden XML, error and formula cells, absurd numbers and dates, every
encoding of CSV, broken JSON, text that spoofs or breaks — is refused with Chinese messages that name their
place, leaving the database as it was, or accepted with nothing stored that the text policy refuses and an
export without a formula.  The cases of hundreds of MB run from the script (``run --big``), not here."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.importing import ImportFormatError
from tests.account_helpers import actor

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "benchmarks" / "hostile_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

#: the cases imported on their own (a sibling CSV file goes with the case that writes it)
CASES = sorted(name for name in corpus.cases() if not re.search(r"-(工作经历|学历)\.csv$", name))
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One desk for the whole corpus (a refused import changes nothing; an accepted one only adds people)."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "corpus.sqlite3"
    desk = Desk.open(f"sqlite:///{path}", actor("测试员"))
    batch = desk.create_batch("秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    yield desk, batch, path
    desk.close()


def _formulas(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [n for n in archive.namelist() if n.startswith("xl/worksheets/")
                and re.search(rb"<(\w+:)?f[ >/]", archive.read(n))]


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_file_is_refused_with_its_place_or_imported_cleanly(shared, tmp_path, name):
    desk, batch, db_path = shared
    path = corpus.make(tmp_path, name, big=False)
    before = corpus.table_digest(db_path)
    report_path = tmp_path / "问题报告.xlsx"
    try:
        report = desk.import_file(path, batch, report_path=report_path)
    except ImportFormatError as exc:   # not readable at all: one Chinese message naming the file
        message = str(exc)
        assert CHINESE.search(message) and "Traceback" not in message, message
        assert len(message) < 2000
        assert corpus.table_digest(db_path) == before
        return
    if not report.ok:
        assert report.problems
        for problem in report.problems:
            line = problem.describe("zh")
            assert CHINESE.search(problem.message("zh")), line
            # a whole-file problem names the sheet or file without a row: a missing 考生 sheet, an empty list, a
            # key of the document's own given twice (named by the key)
            assert problem.sheet and (problem.row or problem.code in ("missing_sheet", "no_applicants_json")
                                      or (problem.code == "duplicate_key" and problem.column)), line
        assert corpus.table_digest(db_path) == before, "a refused import changed the database"
        if report.problem_report:
            assert _formulas(report.problem_report) == []
        return
    # accepted: nothing stored that the text policy would refuse, and the export writes text as text
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        for (table,) in con.execute("select name from sqlite_master where type='table' and name != 'audit'"):
            for row in con.execute(f'select * from "{table}"'):
                for value in row:
                    if isinstance(value, str) and not value.startswith(("{", "[")):
                        assert corpus.suspicious(value) is None, (table, value[:40])
    finally:
        con.close()
    out = tmp_path / "导出.xlsx"
    desk.export_batch(batch, out)
    assert _formulas(out) == []


@pytest.mark.parametrize("name", ["date-serial-neg-huge.xlsx", "malformed-sheet-careful.xlsx",
                                  "malformed-workbook-xml.xlsx", "text-hangul_filler_in.xlsx"])
def test_the_command_line_refuses_them_without_a_traceback(tmp_path, name):
    """In its own process: a Rust panic inside calamine or an expat error cannot hide behind pytest."""
    path = corpus.make(tmp_path, name, big=False)
    base = corpus.base_database(tmp_path)
    wrong = corpus.check(path, base, tmp_path)
    assert wrong == []
