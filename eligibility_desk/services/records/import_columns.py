"""The import's column path: a whole sheet read at once, column by column, when every row of it would take the
row-wise fast path (:mod:`.import_fast`).

The row loop of :func:`.import_rows.parse_tables` costs a few microseconds per row in calls alone (the row
generator, the ID number's key, the look-ups, the reader).  Here the ID-number column is keyed, checked for
the sheet's other conditions (known applicants, no duplicates, valid numbers) with C-speed passes over the
column, and the fast reader is mapped over the rows.  The answer is all or nothing: the rows' keys and what
the fast reader made of each row, or ``None`` as soon as any row might not pass — the caller then reads the
sheet row by row as before, so every problem and every message still comes from the row path.  Whatever is
returned is what the row loop would have made of the same rows (``tests/services/records/test_import_fast.py``
compares both with the careful path).
"""

from __future__ import annotations

from datetime import date
from itertools import repeat
from operator import ge, itemgetter

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.idnumber import valid_birth_date
from eligibility_desk.domain.applicant import Certificate, WorkPeriod
from eligibility_desk.services.records import import_fast as f
from eligibility_desk.services.records.import_fast import FastReader
from eligibility_desk.services.records.sheets import Table

_NONE = type(None)
_STR = {str}


def _cells(table: Table, width: int) -> list[list] | None:
    """The rows' cells, when the table was read whole (not streamed), none is dropped yet and every row has
    at least ``width`` cells; else ``None``."""
    rows = table.rows
    if table.stream is not None or not rows:
        return None
    cells = list(map(itemgetter(1), rows))
    if _NONE in set(map(type, cells)) or min(map(len, cells)) < width:
        return None
    return cells


def _keys(cells: list[list], at: int) -> list[str] | None:
    """The ID-number column as :func:`.import_rows._id_key` keys it, when every cell is non-blank text."""
    column = list(map(itemgetter(at), cells))
    if set(map(type, column)) != _STR:
        return None
    keys = list(map(str.upper, map(str.strip, column)))
    return keys if all(keys) else None


def applicants(table: Table, fast: FastReader, id_at: int, today: date, birthdays: dict,
               levels_by_cell: dict, levels_at: int | None, batch_levels: tuple[str, ...], levels_required: bool):
    """考生 rows -> ``(keys, birth dates, values)``, one each per row in order, or ``None`` (row by row).

    ``levels_by_cell`` (申报等级 cell as typed -> levels) gets each distinct cell worked out the careful path's
    way first — :func:`.validation.parse_levels`, as text, all in the batch — as the row loop would have
    learnt it from the first row with that cell; a cell that would be refused leaves the sheet to the loop."""
    cells = _cells(table, max(fast.width, id_at + 1))
    if cells is None:
        return None
    keys = _keys(cells, id_at)
    if keys is None or len(set(keys)) != len(keys):
        return None
    births = list(map(valid_birth_date, keys, repeat(today), repeat(birthdays)))
    if _NONE in set(map(type, births)):
        return None
    if levels_at is not None:
        for cell in set(map(itemgetter(levels_at), cells)) - levels_by_cell.keys():
            if cell.__class__ is not str:
                continue  # the fast reader sends the row to the loop
            levels = _levels(cell, batch_levels, levels_required)
            if levels is None:
                return None
            levels_by_cell[cell] = levels
    values = list(map(fast.read, map(fast.values, cells)))
    if _NONE in set(map(type, values)):
        return None
    return keys, births, values


def _levels(cell: str, batch_levels: tuple[str, ...], required: bool) -> tuple[str, ...] | None:
    """A 申报等级 cell as the careful path takes it (``None`` where it reports a problem)."""
    if cell == "":
        return None if required else ()
    try:
        asked = v.parse_levels(cell)
    except v.Problem:
        return None
    levels = tuple(str(lv) for lv in asked or ())
    return levels if all(lv in batch_levels for lv in levels) else None


def records(table: Table, fast: FastReader, id_at: int, heads: dict, index: dict[str, int], today: date,
            born: dict[str, date]) -> tuple[list[str], list] | None:
    """学历 / 工作经历 / 证书 / 职称 rows -> ``(keys, records)`` in row order, every key an applicant with a good
    考生 row (``heads``), or ``None`` (row by row).  工作经历 and 证书 (most of a workbook's rows) are checked a
    column at a time (:data:`_BY_COLUMN`); the other sheets, or a sheet those checks are not sure of, have the
    fast reader mapped over their rows."""
    cells = _cells(table, max(fast.width, id_at + 1))
    if cells is None:
        return None
    keys = _keys(cells, id_at)
    if keys is None or not heads.keys() >= set(keys):
        return None
    by_column = _BY_COLUMN.get(table.layout.kind)
    made = by_column(cells, index, keys, today, born) if by_column is not None else None
    if made is not None:
        return keys, made
    made = list(map(fast.read, map(fast.values, cells), keys))
    if _NONE in set(map(type, made)):
        return None
    return keys, made


def drop_checked(table: Table, full_copy_rows: int) -> None:
    """Every row passed: in a table too large for a full copy in the problem report the rows are dropped, as
    :func:`.import_rows._checked_rows` drops each row checked without a problem."""
    if len(table.rows) > full_copy_rows:
        table.rows[:] = [None] * len(table.rows)



# --- whole columns: the row readers' conditions (import_fast._work / _certificate), each over a column ---------

def _column(cells: list[list], at: int) -> list:
    return list(map(itemgetter(at), cells))


def _only(column: list, kind: type) -> bool:
    return set(map(type, column)) == {kind}


def _text(column: list, limit: int, required: bool) -> list[str] | None:
    """Text cells stripped, when every one is printable, within ``limit`` (and not blank if ``required``)."""
    if not _only(column, str):
        return None
    texts = list(map(str.strip, column))
    if (required and not all(texts)) or max(map(len, texts)) > limit or not "".join(texts).isprintable():
        return None
    return texts


def _dates(column: list, today: date) -> bool:
    """Every cell a date (not a date and time) from :data:`.validation.MIN_DATE` to ``today``."""
    return _only(column, date) and min(column) >= f._EARLIEST and max(column) <= today


def _work(cells, index, keys, today, born):
    """工作经历: occupation (required), employer, start (a date, not before the birth date), end ("" or a date
    from the start to today)."""
    start = _column(cells, index["start"])
    if not _dates(start, today):
        return None
    births = list(map(born.get, keys))
    if _NONE in set(map(type, births)) or not all(map(ge, start, births)):
        return None
    occupation = _text(_column(cells, index["occupation"]), f._OCCUPATION, True)
    employer = _text(_column(cells, index["employer"]), f._EMPLOYER, False)
    if occupation is None or employer is None:
        return None
    end = [None if e == "" or e is None else e for e in _column(cells, index["end"])]
    ended = [e for e in end if e is not None]
    if ended:
        if not _dates(ended, today) or not all(map(ge, [s if e is None else e for e, s in zip(end, start)], start)):
            return None
    return list(map(WorkPeriod.from_fields, occupation, start, end, employer))


def _certificate(cells, index, keys, today, born):
    """证书: occupation (required), a national level as a number cell, obtained (a date), number; no 证书标准代码."""
    if "standard" in index and not {c for c in _column(cells, index["standard"])} <= {"", None}:
        return None
    obtained = _column(cells, index["obtained_on"])
    if not _dates(obtained, today):
        return None
    level = _column(cells, index["level"])
    if not set(map(type, level)) <= {float, int}:  # a bool cell is neither (the careful path refuses it)
        return None
    level = list(map(f._LEVELS.get, level))
    if _NONE in set(map(type, level)):
        return None
    occupation = _text(_column(cells, index["occupation"]), f._OCCUPATION, True)
    number = _text(_column(cells, index["number"]), f._NUMBER, False)
    if occupation is None or number is None:
        return None
    return list(map(Certificate.from_fields, occupation, level, obtained, number))


_BY_COLUMN = {"work": _work, "certificates": _certificate}
