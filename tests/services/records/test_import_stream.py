"""The import's write streamed from the checks (import_write.ImportWrite): heads and record sheets are written
while later sheets are read, and a problem found later, a cancel or an error leaves nothing — SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date

import orjson
import pytest
from sqlalchemy import create_engine, func, select, text

from eligibility_desk.domain.applicant import Apprenticeship, Certificate, Training
from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.persistence import applicants as store
from eligibility_desk.persistence import bulk
from eligibility_desk.persistence.models import ApplicantRow, ApplicationRow, AuditRow, BatchRow, WorkPeriodRow
from eligibility_desk.services.records import import_write
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.import_rows import parse_tables
from eligibility_desk.services.records.importing import NewBatch, import_applicants
from eligibility_desk.services.records.sheets import iter_xlsx
from tests.account_helpers import actor
from tests.services.helpers import Education, SchoolType, Title, TitleGrade, WorkPeriod, person, roster, write_workbook

TODAY = date.today()
AS_OF = date(2025, 9, 1)
SPEC = ("4-07-02-06", ["4", "3"], AS_OF)


def _counts(desk) -> tuple[int, ...]:
    with desk.db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(t))
                     for t in (BatchRow, ApplicantRow, WorkPeriodRow, ApplicationRow, AuditRow))


def _workbook(path, n=6, bad_certificate=False):
    people, work = roster(n)
    certificates = [[row[0], "电子商务师", 4, "2020-06-01", f"C{i}"] for i, row in enumerate(people)]
    if bad_certificate:
        certificates[-1][3] = "2020-13-40"        # a bad date on the last sheet, the last row
    write_workbook(path, {"考生": people, "工作经历": work, "证书": certificates})
    return people


def _spy_writes(monkeypatch, db):
    """What the import's own transaction holds each time a record sheet is handed over: (kind, applicant rows,
    work rows) as read in that transaction."""
    seen = []
    records = import_write.ImportWrite.records

    def spy(self, kind, records_of):
        records(self, kind, records_of)
        self._settle()                     # SQLite: the writer thread's inserts done
        seen.append((kind, *(self.session.scalar(select(func.count()).select_from(t))
                             for t in (ApplicantRow, WorkPeriodRow))))
    monkeypatch.setattr(import_write.ImportWrite, "records", spy)
    return seen


def test_a_problem_on_the_last_sheet_after_the_heads_were_written_leaves_nothing(db_url, tmp_path, monkeypatch):
    path = tmp_path / "名单.xlsx"
    _workbook(path, bad_certificate=True)
    expected = parse_tables(iter_xlsx(path), ("4", "3"), TODAY).problems   # no write at all
    with Desk.open(db_url, actor("王敏")) as desk:
        before = _counts(desk)
        seen = _spy_writes(monkeypatch, desk.db)
        spec = NewBatch("秋季", *SPEC)
        report = desk.import_file(path, spec, report_path=tmp_path / "问题.xlsx")
        assert not report.ok and not report.cancelled and spec.id is None
        # the heads and the work sheet were in the transaction before the 证书 sheet was checked
        assert seen == [("work", 6, 6)]
        assert list(report.problems) == list(expected) and len(expected) == 1
        assert expected[0].sheet == "证书" and expected[0].row == 7
        # no batch, applicant, record or application; one audit row, which says a problem report was written
        assert _counts(desk) == (*before[:4], before[4] + 1)
        assert [(r["entity"], r["action"]) for r in desk.audit_trail()] == [("batch", "problem_report")]
        assert (tmp_path / "问题.xlsx").exists()


def test_a_batch_name_taken_while_the_file_was_read_refuses_the_import_as_such(db_url, tmp_path):
    """The write begins part-way through the reading: its own refusal is not worded as an unreadable file."""
    path = tmp_path / "名单.xlsx"
    _workbook(path)
    with Desk.open(db_url, actor("王敏")) as desk:
        desk.create_batch("秋季", *SPEC)                 # made meanwhile (after the desk checked the name)
        before = _counts(desk)
        with pytest.raises(InvalidRecord):
            desk.import_file(path, NewBatch("秋季", *SPEC))
        assert _counts(desk) == before


def test_cancel_after_the_heads_were_written_leaves_nothing(db_url, tmp_path, monkeypatch):
    path = tmp_path / "名单.xlsx"
    _workbook(path)
    with Desk.open(db_url, actor("王敏")) as desk:
        before = _counts(desk)
        seen = _spy_writes(monkeypatch, desk.db)
        report = desk.import_file(path, NewBatch("秋季", *SPEC), cancelled=lambda: bool(seen))
        assert report.cancelled and not report.ok
        assert seen and seen[0][1:] == (6, 6)          # cancelled once rows were written
        assert _counts(desk) == before
        report = desk.import_file(path, NewBatch("秋季", *SPEC))   # and the same file goes in whole
        assert report.ok and report.created == 6 and _counts(desk)[1:3] == (6, 6)


def test_an_error_while_writing_rolls_back(db_url, tmp_path, monkeypatch):
    path = tmp_path / "名单.xlsx"
    _workbook(path)
    with Desk.open(db_url, actor("王敏")) as desk:
        before = _counts(desk)

        def broken(self, *args, **kwargs):
            raise RuntimeError("disk gone")
        monkeypatch.setattr(import_write.ImportWrite, "finish", broken)
        try:
            desk.import_file(path, NewBatch("秋季", *SPEC))
        except RuntimeError:
            pass
        assert _counts(desk) == before


def test_an_error_in_the_writer_thread_reaches_the_import_and_rolls_back(db_url, tmp_path, monkeypatch):
    """On SQLite the record inserts run in the writer thread: its error is raised in the import, nothing stays."""
    path = tmp_path / "名单.xlsx"
    _workbook(path)
    with Desk.open(db_url, actor("王敏")) as desk:
        before = _counts(desk)

        def broken(*args, **kwargs):
            raise OSError("disk full")
        monkeypatch.setattr(store, "insert_kind", broken)
        with pytest.raises(OSError, match="disk full"):    # itself: not worded as a file that cannot be read
            desk.import_file(path, NewBatch("秋季", *SPEC))
        assert _counts(desk) == before
        monkeypatch.undo()
        assert desk.import_file(path, NewBatch("秋季", *SPEC)).created == 6    # the lock was let go


def _tables(url: str) -> dict[str, list]:
    engine = create_engine(url)
    out = {}
    with engine.connect() as connection:
        for table in ("applicant", "education", "work_period", "certificate", "title", "application"):
            columns = {"applicant": "id, code, name, id_number, extra, birth_date, version_id",
                       "application": "id, applicant_id, batch_id, level"}.get(table, "*")
            out[table] = [tuple(r) for r in connection.execute(text(f"SELECT {columns} FROM {table} ORDER BY id"))]
        out["audit"] = [tuple(r) for r in connection.execute(text(
            'SELECT entity, entity_id, action, "before", "after" FROM audit ORDER BY id'))]
    engine.dispose()
    return out


def test_streamed_import_stores_what_the_write_of_the_whole_file_stores(tmp_path):
    """The same workbook — half its people already on file — imported with the write streamed from the checks,
    and parsed first then written at once (import_applicants): the same rows, keys and audit trail."""
    path = tmp_path / "名单.xlsx"
    people = _workbook(path, n=8)
    parsed = parse_tables(iter_xlsx(path), ("4", "3"), TODAY)
    urls = [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("streamed", "whole")]
    for url in urls:
        with Desk.open(url, actor("王敏")) as desk:
            batch_id = desk.create_batch("秋季", *SPEC)
            earlier = [a for a in parsed.applicants if a.id_number in {row[0] for row in people[::2]}]
            import_applicants(desk.db, [*earlier], batch_id, desk.user, source="早先.json")   # on file already
    with Desk.open(urls[0], actor("王敏")) as desk:
        report = desk.import_file(path, 1)
        assert report.ok and (report.created, report.unchanged) == (4, 4)
    with Desk.open(urls[1], actor("王敏")) as desk:
        again = parse_tables(iter_xlsx(path), ("4", "3"), TODAY)
        import_applicants(desk.db, again.applicants, 1, desk.user, again.levels, source=path.name,
                          supplied=again.supplied)
    assert _tables(urls[0]) == _tables(urls[1])


def test_heads_handed_over_in_rounds_store_what_the_write_of_the_whole_file_stores(tmp_path, monkeypatch):
    """A 考生 sheet that passes whole goes to the write in rounds as its applicants are made (import_rows.HEADS_FIRST,
    growing): the rounds — people on file and new ones mixed in each — store what one write of the parsed file
    stores; and a problem on a later sheet leaves nothing of them."""
    from eligibility_desk.services.records import import_rows

    monkeypatch.setattr(import_rows, "HEADS_FIRST", 2)
    monkeypatch.setattr(import_rows, "HEADS_ROUND", 3)
    rounds = []
    add_heads = import_write.ImportWrite.add_heads

    def spy(self, applicants):
        applicants = list(applicants)
        rounds.append(len(applicants))
        add_heads(self, applicants)
    monkeypatch.setattr(import_write.ImportWrite, "add_heads", spy)
    path = tmp_path / "名单.xlsx"
    people = _workbook(path, n=8)
    parsed = parse_tables(iter_xlsx(path), ("4", "3"), TODAY)
    urls = [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("rounds", "whole")]
    for url in urls:
        with Desk.open(url, actor("王敏")) as desk:
            batch_id = desk.create_batch("秋季", *SPEC)
            earlier = [a for a in parsed.applicants if a.id_number in {row[0] for row in people[1::3]}]
            import_applicants(desk.db, [*earlier], batch_id, desk.user, source="早先.json")   # on file already
    rounds.clear()
    with Desk.open(urls[0], actor("王敏")) as desk:
        report = desk.import_file(path, 1)
        assert report.ok and (report.created, report.unchanged) == (5, 3)
    assert rounds == [2, 3, 3]
    with Desk.open(urls[1], actor("王敏")) as desk:
        again = parse_tables(iter_xlsx(path), ("4", "3"), TODAY)
        import_applicants(desk.db, again.applicants, 1, desk.user, again.levels, source=path.name,
                          supplied=again.supplied)
    assert _tables(urls[0]) == _tables(urls[1])

    bad = tmp_path / "坏.xlsx"
    _workbook(bad, n=8, bad_certificate=True)
    with Desk.open(urls[0], actor("王敏")) as desk:
        before = _counts(desk)
        rounds.clear()
        report = desk.import_file(bad, NewBatch("冬季", *SPEC), report_path=tmp_path / "问题.xlsx")
        assert not report.ok and rounds == [2, 3, 3]       # the heads were written, then rolled back
        assert _counts(desk) == (*before[:4], before[4] + 1)      # only the problem report's audit row


def test_a_workbook_write_begins_while_its_first_sheet_is_read(tmp_path, monkeypatch):
    """The transaction, the applicants on file and the writer thread are made ready while calamine reads the 考生
    sheet (iter_xlsx's ``meanwhile``), not once its applicants are checked; a file refused then rolls it back."""
    from eligibility_desk.services.records import import_columns

    events = []
    begin, applicants = import_write.ImportWrite._begin, import_columns.applicants

    def spy_begin(self):
        events.append("begin")
        begin(self)

    def spy_applicants(*args, **kwargs):
        events.append("考生 checked")
        return applicants(*args, **kwargs)
    monkeypatch.setattr(import_write.ImportWrite, "_begin", spy_begin)
    monkeypatch.setattr(import_columns, "applicants", spy_applicants)
    path, bad = tmp_path / "名单.xlsx", tmp_path / "坏.xlsx"
    _workbook(path)
    _workbook(bad, bad_certificate=True)
    with Desk.open(f"sqlite:///{tmp_path / 'db'}.sqlite3", actor("王敏")) as desk:
        assert desk.import_file(path, NewBatch("秋季", *SPEC)).created == 6
        assert events == ["begin", "考生 checked"]
        before = _counts(desk)
        events.clear()
        report = desk.import_file(bad, NewBatch("冬季", *SPEC), report_path=tmp_path / "问题.xlsx")
        assert not report.ok and events == ["begin", "考生 checked"]
        assert _counts(desk) == (*before[:4], before[4] + 1)      # only the problem report's audit row


def test_a_workbook_of_the_applicants_sheet_alone_is_written_streamed(tmp_path):
    """No record sheet at all: every kind goes to the write as none, the heads in rounds, the digests begun."""
    people, _work = roster(6)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people})
    with Desk.open(f"sqlite:///{tmp_path / 'db'}.sqlite3", actor("王敏")) as desk:
        before = _counts(desk)
        report = desk.import_file(path, NewBatch("秋季", *SPEC))
        assert report.ok and report.created == 6
        assert _counts(desk)[1:3] == (before[1] + 6, before[2])


def test_kind_tuples_are_the_rows_add_child_tuples_makes():
    from eligibility_desk import demo

    people = [a for a, _ in demo.demo_applicants(300, 3, AS_OF)]
    people.append(person("X1", "甲", education=(Education(SchoolType.HIGHER_VOCATIONAL, "电子商务", date(2010, 7, 1),
                                                          in_school=None, school=None),),
                         work=(WorkPeriod("电子商务师", date(2011, 1, 1), None, None, end_known=False),),
                         certificates=(Certificate("电子商务师", 4, date(2012, 1, 1), None),
                                       Certificate("茶艺师", "专项", date(2013, 1, 1), "N1", "4-03-02-07")),
                         titles=(Title(TitleGrade.INTERMEDIATE, date(2014, 1, 1), None, None),),
                         training=(Training("电子商务师", "4", 120.5, None),),
                         apprenticeships=(Apprenticeship("电子商务师", date(2015, 1, 1), None),)))
    for day in (store.IsoDates().__getitem__, lambda value: value):
        whole = store.new_children()
        for pk, a in enumerate(people, 1):
            store.add_child_tuples(whole, pk, a, day)
        by_kind = [store.kind_tuples(slot, [(pk, getattr(a, kind)) for pk, a in enumerate(people, 1)], day)
                   for slot, kind in enumerate(store.CHILD_KINDS)]
        assert by_kind == list(whole) and all(by_kind)
        assert by_kind[2][-1][3:6] == (None, "专项", "4-03-02-07")     # a standard's level word kept as such


def test_canonical_snapshot_bytes_are_orjsons_whichever_encoder_writes_them():
    """msgspec writes most applicants (faster); the bytes must be exactly orjson's of the snapshot, which
    every stored digest and audit verify use — including text with control characters, big hours, odd extras."""
    from eligibility_desk import demo

    people = [a for a, _ in demo.demo_applicants(300, 5, AS_OF)]
    odd = person("X1", "张\x00\x1b\x07三\u2028\u202e\U0001f600\"\\", extra={"phone": "1", "备注": "\t"},
                 work=(WorkPeriod("电子商务师", date(2011, 1, 1), None, "某\n公司"),))
    people += [odd,
               person("X2", "乙", extra={"tags": {"b", "a"}, "n": 1}),
               person("X3", "丙", training=(Training("电子商务师", "4", 1e20, None),)),
               person("X4", "丁", training=(Training("电子商务师", "4", 1e15 + 0.5, date(2020, 1, 1)),
                                            Training("电子商务师", "3", 7, None)))]
    for a in people:
        assert bulk.applicant_json_bytes(a) == orjson.dumps(bulk.applicant_snapshot(a), default=bulk._default)
    assert bulk._same_in_msgspec(odd) and bulk._same_in_msgspec(people[-1])    # written by msgspec
    assert not any(map(bulk._same_in_msgspec, (people[-3], people[-2])))   # by orjson


def test_the_kinds_supplied_are_worked_out_per_applicant_when_asked(tmp_path):
    """``ParsedImport.supplied`` (import_rows.Supplied): every applicant of the file, each with the kinds the
    file has rows of for them — and, as a mapping, what a dict of those sets would be."""
    path = tmp_path / "名单.xlsx"
    people, work = roster(3)
    certificates = [[people[1][0], "电子商务师", 4, "2020-06-01", "C1"]]
    write_workbook(path, {"考生": people, "工作经历": work[:2], "证书": certificates})
    parsed = parse_tables(iter_xlsx(path), ("4", "3"), TODAY)
    assert not parsed.problems
    first, second, third = (row[0] for row in people)
    expected = {first: {"work"}, second: {"work", "certificates"}, third: set()}
    assert dict(parsed.supplied) == expected and parsed.supplied == expected
    assert list(parsed.supplied) == [first, second, third] and len(parsed.supplied) == 3
    assert parsed.supplied.get("110105199001010000", ()) == () and "110105199001010000" not in parsed.supplied
    with pytest.raises(KeyError):
        parsed.supplied["110105199001010000"]
