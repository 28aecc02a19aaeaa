"""A record sheet handed to the write in pieces while it is still being checked (import_rows._records_in_pieces):
rows grouped by applicant in the 考生 sheet's order go to the writer thread applicant by applicant as they pass,
and what is stored — every row, key and audit row — is what the sheet handed over whole stores; rows in another
order are handed over whole; a row the fast reader leaves to the row loop, or a problem anywhere, changes nothing
of the outcome."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.persistence import audit
from eligibility_desk.services.records import import_rows, import_write
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.import_rows import parse_tables
from eligibility_desk.services.records.importing import NewBatch
from eligibility_desk.services.records.sheets import iter_xlsx
from tests.account_helpers import actor
from tests.services.helpers import roster, write_workbook
from tests.services.records.test_import_stream import SPEC, TODAY, _counts, _tables

EMPLOYERS = ("某公司", "另一公司", "第三公司")


def _workbook(path, n=12, order=None, late=None):
    """考生 rows and one to three 工作经历 rows each, grouped by applicant in the 考生 order (``order``: the work
    rows' order given as a function of the list), and a 证书 row each; ``late``: (row index, column, value) put
    into the work sheet."""
    people, _ = roster(n)
    work = []
    for i, row in enumerate(people):
        for j in range(1 + i % 3):
            work.append([row[0], "电子商务师", EMPLOYERS[j], date(2010 + j, 3, 1), date(2011 + j, 2, 1)])
    if order is not None:
        work = order(work)
    if late is not None:
        at, column, value = late
        work[at][column] = value
    certificates = [[row[0], "电子商务师", 4, date(2020, 6, 1), f"C{i}"] for i, row in enumerate(people)]
    write_workbook(path, {"考生": people, "工作经历": work, "证书": certificates})
    return work


def _spy(monkeypatch):
    """The ``until`` of each piece handed over, per kind."""
    pieces = []
    records = import_write.ImportWrite.records

    def spy(self, kind, records_of, until=None):
        if until is not None:
            pieces.append((kind, until))
        records(self, kind, records_of, until)
    monkeypatch.setattr(import_write.ImportWrite, "records", spy)
    return pieces


def _import(url, path, monkeypatch, piece):
    monkeypatch.setattr(import_rows, "RECORDS_PIECE", piece)
    with Desk.open(url, actor("王敏")) as desk:
        return desk.import_file(path, NewBatch("秋季", *SPEC))


def test_a_sheet_in_applicant_order_goes_over_in_pieces_and_stores_the_same(tmp_path, monkeypatch):
    path = tmp_path / "名单.xlsx"
    work = _workbook(path)
    assert len(work) == 24
    pieces = _spy(monkeypatch)
    urls = [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("pieces", "whole")]
    report = _import(urls[0], path, monkeypatch, 5)
    assert report.ok and report.created == 12
    # after each piece of 5 rows, the applicants before the one of its last row (1, 2 or 3 rows each; 证书: one)
    assert [p for p in pieces if p[0] == "work"] == [("work", 2), ("work", 5), ("work", 7), ("work", 10)]
    assert [p for p in pieces if p[0] != "work"] == [("certificates", 4), ("certificates", 9)]
    pieces.clear()
    report = _import(urls[1], path, monkeypatch, 1000)
    assert report.ok and report.created == 12 and pieces == []
    stored = _tables(urls[0])
    assert stored == _tables(urls[1]) and len(stored["work_period"]) == 24
    with Desk.open(urls[0], actor("王敏")) as desk, desk.db.reading() as session:
        assert audit.verify(session).ok


@pytest.mark.parametrize("order", [lambda rows: rows[::-1], lambda rows: rows[1:] + rows[:1]])
def test_a_sheet_in_another_order_goes_over_whole(tmp_path, monkeypatch, order):
    path = tmp_path / "名单.xlsx"
    _workbook(path, order=order)
    pieces = _spy(monkeypatch)
    urls = [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("pieces", "whole")]
    assert _import(urls[0], path, monkeypatch, 5).ok and {kind for kind, _ in pieces} == {"certificates"}
    assert _import(urls[1], path, monkeypatch, 1000).ok
    assert _tables(urls[0]) == _tables(urls[1])


def test_a_late_row_left_to_the_row_loop_stores_the_same(tmp_path, monkeypatch):
    """The fast reader sends a row of the last piece to the row loop (an end date typed as text): the sheet is
    read row by row from its start, the pieces already handed over stay, and the rest follows them."""
    path = tmp_path / "名单.xlsx"
    _workbook(path, late=(22, 4, "2012-02-01"))     # the 12th applicant's second row
    pieces = _spy(monkeypatch)
    outcomes = []
    in_pieces = import_rows._records_in_pieces

    def spy(kind, *args):
        outcomes.append((kind, in_pieces(kind, *args)))
        return outcomes[-1][1]
    monkeypatch.setattr(import_rows, "_records_in_pieces", spy)
    urls = [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("pieces", "whole")]
    assert _import(urls[0], path, monkeypatch, 5).ok
    assert ("work", False) in outcomes         # after four pieces, in the last
    assert [p for p in pieces if p[0] == "work"] == [("work", 2), ("work", 5), ("work", 7), ("work", 10)]
    assert _import(urls[1], path, monkeypatch, 1000).ok
    assert _tables(urls[0]) == _tables(urls[1])


def test_a_problem_after_the_pieces_leaves_nothing_and_the_same_problems(tmp_path, monkeypatch):
    """A bad date in the work sheet's last row, after four pieces went to the writer thread: rolled back, and the
    problem list is the one the checks alone give."""
    path = tmp_path / "名单.xlsx"
    _workbook(path, late=(23, 3, "2010-13-40"))
    expected = parse_tables(iter_xlsx(path), ("4", "3"), TODAY).problems
    assert len(expected) == 1 and expected[0].sheet == "工作经历"
    pieces = _spy(monkeypatch)
    url = f"sqlite:///{tmp_path / 'db'}.sqlite3"
    monkeypatch.setattr(import_rows, "RECORDS_PIECE", 5)
    with Desk.open(url, actor("王敏")) as desk:
        before = _counts(desk)
        report = desk.import_file(path, NewBatch("秋季", *SPEC), report_path=tmp_path / "问题.xlsx")
        assert not report.ok and [p for p in pieces if p[0] == "work"] == [
            ("work", 2), ("work", 5), ("work", 7), ("work", 10)]
        assert list(report.problems) == list(expected)
        assert _counts(desk) == (*before[:4], before[4] + 1)      # only the problem report's audit row
