"""Property-based fuzzing (hypothesis) of the three import formats and the ``results`` input: whatever the
file holds, no traceback; a refusal writes nothing and every problem names its place.  Sized to run in
well under a minute (``max_examples`` per format)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility_desk.domain.sheet_cells import writable
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.import_layout import SHEETS
from eligibility_desk.services.records.importing import ImportFormatError
from tests.services.helpers import id_number
from tests.account_helpers import actor

FUZZ = settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", 25)), deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=False)
#: problems about a whole sheet or file: they name the sheet (and row 1), no column
WHOLE_SHEET = {"missing_sheet", "empty_file", "too_many_rows", "too_many_columns", "area_too_large",
               "cell_too_long", "bad_csv", "missing_column", "empty_sheet", "duplicate_sheet", "hidden_sheet",
               "workbook_too_large", "no_applicants", "no_applicants_json"}
IDS = [id_number(date(1980 + i, 1 + i, 1 + i), i + 1) for i in range(4)]
WORDS = ["是", "否", "未知", "4", "4,3", "五级", "本科", "技工学校", "高级工班", "初级", "2019-03-01", "2019-13-01",
         "20190301", "=1+1", '=HYPERLINK("http://x/?"&A1,"点")', "+1", "@x", "#N/A", "张\u202e三", "张\x00三",
         "\u3000", " ", "电子商务师", "某公司", *IDS,
         # issue 15's second round: printable but invisible, noncharacters, stacked marks, full-width digits,
         # an ID number as Excel saves a number cell to CSV, a time where a date belongs
         "\u3164", "张\ufe0f三", "张\ufffe", "张" + "\u0301" * 6, "１１０１０５", "２０１９－０３－０１", "1.10105E+17",
         "00:00:00", "_x3164_"]
cells = st.one_of(
    st.none(), st.sampled_from(WORDS), st.text(max_size=12), st.integers(-10, 200_000),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.sampled_from([-1e12, -1e308, 1e308, 1.1010519900307123e17, 2958466.0]),  # panics, lost digits
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
)
headers = st.lists(st.sampled_from([c.header for s in SHEETS for c in s.columns] + ["备注", ""]), max_size=8)
sheet_rows = st.lists(st.lists(cells, max_size=8), max_size=6)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    d = Desk.open(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite3'}", actor("fuzz"))
    d.create_batch("fuzz", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    yield d
    d.close()


def state(desk) -> tuple:
    """The records and the audit trail — less the audit rows of written problem reports: writing one is an export
    of personal data, audited on purpose (docs/records.md), not a partial import."""
    trail = [row for row in desk.audit_trail(limit=100_000) if row["action"] != "problem_report"]
    return (tuple((r.id_number, r.name) for r in desk.applicant_rows()), len(trail))


def check(desk, path) -> None:
    batch = desk.batches()[0].id
    before = state(desk)
    try:
        report = desk.import_file(path, batch, report_path=path.with_suffix(".report.xlsx"))
    except ImportFormatError as exc:
        assert path.name in str(exc)
        assert state(desk) == before
        return
    if report.ok:
        return
    assert state(desk) == before
    assert report.problems
    for p in report.problems:
        assert p.sheet, p
        assert p.row >= 1 or p.code in ("missing_sheet", "no_applicants_json") or (p.code == "duplicate_key" and p.column), p
        assert p.column or p.code in WHOLE_SHEET, p
        assert p.message("zh") != p.code, p  # worded, not a bare code


@FUZZ
@given(sheets=st.dictionaries(st.sampled_from([s.name for s in SHEETS] + ["说明"]), st.tuples(headers, sheet_rows),
                              min_size=1, max_size=3))
def test_any_workbook(desk, tmp_path_factory, sheets):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, (head, rows) in sheets.items():
        ws = wb.create_sheet(name)
        for cells_ in [head, *rows]:
            # what openpyxl can write: "=…" strings become formula cells, as a clerk's file may have
            ws.append([writable(c) if isinstance(c, str) else datetime(c.year, c.month, c.day)
                       if isinstance(c, date) and c.year < 1900 else c for c in cells_])
    path = tmp_path_factory.mktemp("x") / "fuzz.xlsx"
    wb.save(path)
    check(desk, path)


@FUZZ
@given(head=headers, rows=sheet_rows, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       junk=st.binary(max_size=20))
def test_any_csv(desk, tmp_path_factory, head, rows, encoding, junk):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for cells_ in [head, *rows]:
        writer.writerow(["" if c is None else c for c in cells_])
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = out.getvalue().encode("utf-8", "replace")
    path = tmp_path_factory.mktemp("c") / "fuzz.csv"
    path.write_bytes(data + junk)
    check(desk, path)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10),
              st.sampled_from(WORDS)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=12)
record_keys = st.sampled_from(["id", "name", "id_number", "education", "work", "certificates", "titles", "extra"])
item = st.dictionaries(st.sampled_from(["school_type", "major", "graduated_on", "in_school", "class_type", "assessed",
                                        "occupation", "start", "end", "level", "obtained_on", "grade",
                                        "profession_matches", "employer", "number", "name"]), json_values, max_size=5)
record = st.dictionaries(record_keys, st.one_of(json_values, st.lists(item, max_size=2)), max_size=6)


@FUZZ
@given(document=st.one_of(st.fixed_dictionaries({"applicants": st.lists(st.one_of(record, json_values), max_size=4)}),
                          json_values),
       depth=st.sampled_from([0, 0, 0, 2000]))
def test_any_json(desk, tmp_path_factory, document, depth):
    text = json.dumps(document, ensure_ascii=False)
    if depth:
        text = '{"applicants": [' + "[" * depth + "]" * depth + "]}"
    path = tmp_path_factory.mktemp("j") / "fuzz.json"
    path.write_text(text, encoding="utf-8")
    check(desk, path)


score_values = st.one_of(st.none(), st.integers(-5, 105), st.decimals(allow_nan=False, places=3, min_value=-1, max_value=101),
                         st.text(max_size=6), st.booleans(), st.lists(st.sampled_from(["theory", "skill", "x"]), max_size=2),
                         st.lists(st.dictionaries(st.sampled_from(["part", "note"]), st.one_of(st.text(max_size=4),
                                                                                            st.sampled_from(["skill", "theory"])))))
score_record = st.dictionaries(st.sampled_from(["candidate", "level", "theory", "skill", "review", "absent", "disqualified",
                                                "Theory", "skil"]), score_values, max_size=6)


@FUZZ
@given(scores=st.lists(st.one_of(score_record, json_values), max_size=5))
def test_any_scores_file(tmp_path_factory, scores):
    from eligibility_desk.cli import main

    path = tmp_path_factory.mktemp("s") / "scores.json"
    path.write_text(json.dumps({"scores": scores}, default=str), encoding="utf-8")
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        status = main(["results", str(path), "--standard", "4-07-02-06"])
    assert status in (0, 1, 2)
    if status == 1:
        lines = err.getvalue().splitlines()[1:]
        assert lines and all(":" in line for line in lines)  # each problem: candidate field: reason
