"""The import's fast path (services/records/import_fast.py) agrees with the careful path cell for cell.

Each test reads the same tables twice — once as the import does (fast path first), once with the fast
path switched off — and compares everything the import uses: the applicants (records, order, extra),
levels asked, kinds supplied and every problem (sheet, row, column, value, code, parameters).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.services.records import import_columns, import_rows
from eligibility_desk.services.records.import_layout import SHEETS
from eligibility_desk.services.records.import_rows import parse_tables
from eligibility_desk.services.records.sheets import Table

TODAY = date(2025, 9, 1)
LEVELS = ("4", "3", "2", "1")
A = make_id_number("110108", date(1995, 3, 10), 11)
B = make_id_number("310115", date(2000, 10, 21), 578)
C = make_id_number("420111", date(1995, 3, 10), 574)  # shares A's birthday (the cached birth date)
D = make_id_number("110108", date(1988, 2, 29), 3)

# one clean row per sheet, cells as python-calamine gives them (empty cells are "")
CLEAN = {
    "applicants": [A, "冯东然", "D-1", "4", "", ""],
    "education": [A, "中等职业学校", "北京市商业学校", "跨境电子商务", "", date(2014, 7, 1), "否", "否"],
    "work": [A, "电子商务师", "某某有限公司", date(2019, 4, 1), date(2020, 8, 1)],
    "certificates": [A, "电子商务师", 5.0, date(2022, 2, 1), "S2022", ""],
    "titles": [A, "初级", "助理工程师", date(2023, 9, 1), "是"],
}

# more clean rows: each variant below is also tried in these (an ongoing job, a student, a class type …)
OTHER_CLEAN = {
    "applicants": [[A, "冯东然", "", "4,3", "13800000000", date(1995, 3, 10)]],
    "education": [[A, "技师学院", "", "电子商务", "预备技师班", date(2026, 7, 1), "是", "是"]],
    "work": [[A, "电子商务师", "", date(2019, 4, 1), ""]],
    "certificates": [[A, "电子商务师", 1, date(2022, 2, 1), "", ""]],
    "titles": [[A, "高级", "", date(2023, 9, 1), ""]],
}

# values to put in each column in turn: clean ones in other spellings, and bad ones
VARIANTS = {
    "applicants": {
        1: ["", "  ", " 冯东然 ", None, 12.0],
        2: ["", " D-1 ", None, 1234.0],
        3: ["", "4,3", "4，3", "四级", "5", "4,5", 4.0, None, "x", " 4"],
        4: ["13800000000", 13800000000.0, None, "  "],
    },
    "education": {
        1: ["", "中职", "高级技工学校", "技师学院", "本 科", "大学", None, "secondary_vocational"],
        2: ["", None, 12.0],
        3: ["", "  ", None, " 电子商务 "],
        4: ["中级工班", "高级工班", "技师", "班", None, "  "],
        5: ["", None, date(2030, 7, 1), datetime(2014, 7, 1, 0, 0), "2014-07-01", "2019-13-01", 41821.0, "  "],
        6: ["是", "否", "", None, "Y", "true", "maybe", True, 1.0],
        7: ["是", "", None, "no", "x"],
    },
    "work": {
        1: ["", "  ", None, " 电子商务师 ", 12.0],
        2: ["", None, 12.0],
        3: ["", None, date(1990, 1, 1), date(1995, 3, 9), date(1995, 3, 10), date(2026, 1, 1),
            datetime(2019, 4, 1, 8, 0), "2019/4/1", 43556.0],
        4: ["", None, date(2019, 3, 31), date(2019, 4, 1), date(2030, 1, 1), "至今", "  "],
    },
    "certificates": {
        1: ["", None, "  "],
        2: [4.0, 1, 1.0, 0.0, 6.0, 4.5, True, "4", "四级", "", None],
        3: ["", None, date(2026, 1, 1), datetime(2022, 2, 1), "2022年2月1日"],
        4: ["", None, 20220201.0],
    },
    "titles": {
        1: ["中级", "高级", "副高", "senior", "", None, "教授"],
        2: ["", None, 3.0],
        3: ["", None, date(2026, 1, 1), "2023.9.1"],
        4: ["否", "", None, "未知", "unknown", "？", " 未知 ", "不知道", False],
    },
}


def _tables(rows_by_kind: dict[str, list[list]]) -> list[Table]:
    tables = []
    for layout in SHEETS:
        rows = rows_by_kind.get(layout.kind)
        if rows is not None:
            tables.append(Table(layout, layout.name, 1, [c.header for c in layout.columns],
                                [(n, list(cells)) for n, cells in enumerate(rows, start=2)]))
    return tables


def _both(monkeypatch, rows_by_kind):
    fast = parse_tables(_tables(rows_by_kind), LEVELS, TODAY)
    with monkeypatch.context() as m:
        m.setattr(import_rows, "applicant_reader", lambda *a: None)
        m.setattr(import_rows, "record_reader", lambda *a: None)
        careful = parse_tables(_tables(rows_by_kind), LEVELS, TODAY)
    return fast, careful


def _same(fast, careful) -> None:
    assert fast.problems == careful.problems
    assert fast.applicants == careful.applicants
    assert [a.extra for a in fast.applicants] == [a.extra for a in careful.applicants]
    # == on records cannot tell 5 from 5.0 or True from 1: compare the field types too
    assert [repr(a) for a in fast.applicants] == [repr(a) for a in careful.applicants]
    assert fast.levels == careful.levels
    assert fast.supplied == careful.supplied
    assert fast.rows == careful.rows


def test_clean_rows_take_the_fast_path(monkeypatch):
    real = import_rows.record_reader

    rows = {kind: [cells] for kind, cells in CLEAN.items()}
    fast, careful = _both(monkeypatch, rows)
    _same(fast, careful)
    assert fast.problems == [] and len(fast.applicants) == 1
    for kind in ("education", "work", "certificates", "titles"):
        reader = real(kind, {c.key: i for i, c in enumerate(next(s for s in SHEETS if s.kind == kind).columns)},
                      TODAY, {A: date(1995, 3, 10)})
        assert reader.read(reader.values(CLEAN[kind]), A) is not None, kind  # the template's own rows go fast


@pytest.mark.parametrize("kind", list(VARIANTS))
def test_every_variant_reads_the_same_both_ways(monkeypatch, kind):
    """One cell changed at a time, each row beside clean rows of the other sheets."""
    tried = 0
    for base in [CLEAN[kind], *OTHER_CLEAN[kind]]:
        for column, values in VARIANTS[kind].items():
            for value in values:
                rows = {k: [list(cells)] for k, cells in CLEAN.items()}
                changed = list(base)
                changed[column] = value
                if kind == "applicants":
                    rows[kind][0] = changed
                else:
                    rows[kind].append(changed)
                fast, careful = _both(monkeypatch, rows)
                _same(fast, careful)
                tried += 1
    assert tried > 20


def test_a_mixed_workbook_reads_the_same_both_ways(monkeypatch):
    """Several people, records in and out of order, bad rows among good ones, short rows, duplicates."""
    rows = {
        "applicants": [CLEAN["applicants"], [B, "李四", "", "4,3", "13800000000"], [C, " 王五 ", None, "", ""],
                       [A, "重复", "", "4", ""], ["110108199503101234", "校验错", "", "", ""], [B.lower(), "x"],
                       [D, "短行"]],
        "education": [CLEAN["education"], [B, "技师学院", "", "电子商务", "高级工班", date(2026, 7, 1), "是", "否"],
                      [C, "中职", "学校", "专业", "", date(2015, 7, 1), "否", ""], [A, "本科"]],
        "work": [CLEAN["work"], [C, "职业", "", date(2016, 1, 1), ""], [A, "职业", "", date(2020, 9, 1), ""],
                 [B, "职业", "", date(2019, 1, 1), date(2018, 1, 1)], ["", "职业", "", date(2019, 1, 1), ""],
                 [make_id_number("110108", date(1990, 1, 1), 1), "职业", "", date(2019, 1, 1), ""]],
        "certificates": [CLEAN["certificates"], [B, "电子商务师", 3.0, date(2021, 5, 1), ""], [C, "x", 7.0, date(2021, 1, 1)]],
        "titles": [CLEAN["titles"], [C, "中级", "", date(2020, 1, 1), "未知"]],
    }
    fast, careful = _both(monkeypatch, rows)
    _same(fast, careful)
    assert fast.problems  # bad rows are refused, by the careful path

    good = {kind: [r for r in rs if r is not rows[kind][-1]] for kind, rs in rows.items()}
    good["applicants"] = good["applicants"][:3] + [[D, "短行"]]
    good["work"] = good["work"][:3]
    good["certificates"] = good["certificates"][:2]
    good["education"] = good["education"][:1] + good["education"][2:3]
    fast, careful = _both(monkeypatch, good)
    _same(fast, careful)
    assert fast.problems == [] and len(fast.applicants) == 4
    assert [len(a.work) for a in fast.applicants] == [2, 0, 1, 0]


def _spy_column_path(monkeypatch) -> list[tuple[str, bool]]:
    """Record, per sheet, whether the column path read it whole (True) or left it to the row loop."""
    taken = []
    for name in ("applicants", "records"):
        real = getattr(import_columns, name)

        def spy(table, *args, real=real):
            out = real(table, *args)
            taken.append((table.layout.kind, out is not None))
            return out

        monkeypatch.setattr(import_columns, name, spy)
    return taken


def test_clean_sheets_are_read_whole_and_one_bad_row_sends_its_sheet_to_the_row_loop(monkeypatch):
    # full rows, as calamine gives them (a short row goes the careful way, and so does its sheet)
    people = [[A, "冯东然", "D-1", "4", "", "", ""], [B, "李四", "", "4,3", "13800000000", "", ""],
              [C, " 王五 ", "", "", "", "", date(1995, 3, 10)], [D, "赵六", "", "4、3", "", "", ""]]
    rows = {
        "applicants": people,
        "education": [CLEAN["education"], [C, "中职", "学校", "专业", "", date(2015, 7, 1), "否", ""]],
        "work": [CLEAN["work"], [C, "职业", "", date(2016, 1, 1), ""], [A, "职业", "", date(2020, 9, 1), ""]],
        "certificates": [CLEAN["certificates"], [B, "电子商务师", 3.0, date(2021, 5, 1), "", ""]],
        "titles": [CLEAN["titles"], [C, "中级", "", date(2020, 1, 1), "未知"]],
    }
    taken = _spy_column_path(monkeypatch)
    fast, careful = _both(monkeypatch, rows)
    _same(fast, careful)
    assert fast.problems == [] and len(fast.applicants) == 4
    assert taken == [(kind, True) for kind in ("applicants", "education", "work", "certificates", "titles")]

    for kind, bad in [("work", [B, "职业", "", date(2019, 1, 1), date(2018, 1, 1)]),  # ends before it starts
                      ("work", [make_id_number("110108", date(1990, 1, 1), 1), "职业", "", date(2019, 1, 1), ""]),
                      ("titles", [C, "中级", "", date(2020, 1, 1), "也许"]),
                      ("applicants", [A, "重复", "", "4", "", "", ""]),
                      ("applicants", [make_id_number("110108", date(1990, 1, 1), 1), "新人", "", "4,5", "", "", ""]),
                      ("applicants", [make_id_number("110108", date(1990, 1, 1), 2), "新\x07人", "", "4", "", "", ""])]:
        taken.clear()
        changed = {k: [list(r) for r in rs] for k, rs in rows.items()}
        changed[kind].insert(1, bad)
        fast, careful = _both(monkeypatch, changed)
        _same(fast, careful)
        assert fast.problems and all(p.sheet == next(s.name for s in SHEETS if s.kind == kind) for p in fast.problems)
        assert (kind, False) in taken


def test_the_column_check_of_id_numbers_agrees_with_the_single_check():
    """import_columns._birth_dates (the 考生 column at once) gives valid_birth_date's dates when every number
    is valid, and None (the row loop) when any one is not — whichever character is wrong."""
    import random

    from eligibility_desk.domain.idnumber import valid_birth_date
    from eligibility_desk.services.records.import_columns import _birth_dates

    rng = random.Random(15)
    good = [make_id_number("110105", date(1950 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                           rng.randrange(1000)) for _ in range(500)]
    known: dict = {}
    assert _birth_dates(good, TODAY, known) == [valid_birth_date(k, TODAY, {}) for k in good]
    assert known == {k[6:14]: valid_birth_date(k, TODAY, {}) for k in good}  # as the row loop fills it
    odd = ["1101051990010112", "11010519900101123X", "110105202701011234", "110105189912311234",
           "110105199002301234", "11010519900301123x", "１１０１０５１９９００３０１１２３４"]
    for _ in range(400):
        cells = list(rng.choice(good))
        cells[rng.randrange(18)] = rng.choice("0123456789X٣x ")
        odd.append("".join(cells))
    for number in odd:
        keys = good[:20] + [number] + good[20:40]
        valid = valid_birth_date(number, TODAY, {}) is not None
        assert _birth_dates(keys, TODAY, {}) == ([valid_birth_date(k, TODAY, {}) for k in keys] if valid else None)


def test_each_distinct_birth_date_is_read_as_the_single_check_reads_it():
    """import_columns._birth_date (date.fromisoformat over YYYYMMDD, once per distinct birth date of a column)
    keeps what valid_birth_date keeps for a number with that date and a right check character: days that do
    not exist, the future, before 1900, year 0000, leap days."""
    from datetime import timedelta

    from eligibility_desk.domain.idnumber import check_character, valid_birth_date
    from eligibility_desk.services.records.import_columns import _birth_date, _birth_dates

    days = ["00000101", "18991231", "19000101", "19000229", "19040229", "20000229", "21000229", "19900230",
            "19901301", "19900001", "19900100", "19901131", "99991231", "20260101"]
    days += [(TODAY + timedelta(days=n)).strftime("%Y%m%d") for n in (-1, 0, 1, 400)]
    for day in days:
        first17 = f"110105{day}123"
        number = first17 + check_character(first17)
        assert _birth_date(day, TODAY) == valid_birth_date(number, TODAY, {}), day
        keys = [number] * 3
        expected = valid_birth_date(number, TODAY, {})
        assert _birth_dates(keys, TODAY, {}) == (None if expected is None else [expected] * 3)


def test_text_cells_checked_once_per_distinct_value_read_as_each_row_would():
    """The record readers keep the text made of each distinct school, major, occupation or employer cell that passed
    (import_fast's memo): a repeated cell gives the same record as its first row did, sharing one string; a cell
    that failed is not kept, so it fails again (the careful path then words it)."""
    from eligibility_desk.services.records.import_fast import record_reader

    index = {"id_number": 0, "occupation": 1, "employer": 2, "start": 3, "end": 4}
    read = record_reader("work", index, TODAY, {}).read
    rows = [(" 电工 ", "某厂 ", date(2010, 1, 1), ""), (" 电工 ", "某厂 ", date(2011, 1, 1), date(2012, 1, 1)),
            (" 电工 ", "", date(2010, 1, 1), "")]
    made = [read(row, "X") for row in rows]
    assert [(w.occupation, w.employer, w.start, w.end) for w in made] == [
        ("电工", "某厂", date(2010, 1, 1), None), ("电工", "某厂", date(2011, 1, 1), date(2012, 1, 1)),
        ("电工", "", date(2010, 1, 1), None)]
    assert made[0].occupation is made[1].occupation is made[2].occupation
    for bad in ("  ", "电\x07工", 5, "电" * 1000):
        assert read((bad, "某厂", date(2010, 1, 1), ""), "X") is None
        assert read((bad, "某厂", date(2010, 1, 1), ""), "X") is None      # not kept as passed
    assert read(("电工", "某\u202e厂", date(2010, 1, 1), ""), "X") is None
