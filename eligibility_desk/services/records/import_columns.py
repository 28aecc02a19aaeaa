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
from operator import itemgetter, mod

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.idnumber import check_character
from eligibility_desk.domain.levels import canonical_levels
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
    """The ID-number column as :func:`.import_careful.id_key` keys it, when every cell is non-blank text."""
    column = list(map(itemgetter(at), cells))
    if set(map(type, column)) != _STR:
        return None
    keys = list(map(str.upper, map(str.strip, column)))
    return keys if all(keys) else None


#: the check character of 17 digits from (the digits read in base 13) mod 11, which decides it (see
#: idnumber._fast_check_character): taken from check_character over numbers giving each remainder
_CHECKS = {int("%017d" % i, 13) % 11: check_character("%017d" % i) for i in range(200)}
_FIRST17, _DAY, _LAST = itemgetter(slice(0, 17)), itemgetter(slice(6, 14)), itemgetter(17)


def _birth_dates(keys: list[str], today: date, birthdays: dict) -> list[date] | None:
    """:func:`.idnumber.valid_birth_date` of every key, when every one is valid (else ``None``), in a few
    C-speed passes over the column: the shape (18 ASCII digits, the last may be X) over the keys joined, the
    check characters by ``int(…, 13)`` as the single-number check does, each distinct birth date worked out
    once as ``valid_birth_date`` does (:func:`_birth_date`), into ``birthdays``, as the row loop would fill it."""
    if set(map(len, keys)) != {18}:
        return None
    joined, lasts = "".join(keys), "".join(map(_LAST, keys))
    if not (joined.isascii() and joined.count("X") == lasts.count("X") and joined.replace("X", "").isdigit()):
        return None
    if "".join(map(_CHECKS.__getitem__, map(mod, map(int, map(_FIRST17, keys), [13] * len(keys)),
                                            [11] * len(keys)))) != lasts:
        return None
    days = list(map(_DAY, keys))
    for day in set(days).difference(birthdays):  # each birth date not seen yet, once
        birthdays[day] = _birth_date(day, today)
    births = list(map(birthdays.__getitem__, days))
    return None if _NONE in set(map(type, births)) else births


_ISO_DAY = date.fromisoformat


def _birth_date(day: str, today: date) -> date | None:
    """What :func:`.idnumber.valid_birth_date` keeps for the birth-date part ``day`` (8 ASCII digits, YYYYMMDD) of
    a number whose shape and check character are known to be right: the date, or ``None`` when it is not a real
    date on or before ``today`` from 1900 on — read by ``date.fromisoformat`` (the basic form YYYYMMDD), a quarter
    of the time of ``valid_birth_date`` for the number, which 12,000 distinct birth dates of 100,000 people took
    27 ms."""
    try:
        born = _ISO_DAY(day)
    except ValueError:
        return None
    return None if born > today or born.year < 1900 else born


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
    births = _birth_dates(keys, today, birthdays)
    if births is None:
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
    levels = canonical_levels(asked or (), batch_levels)  # t1, Ｔ１ -> T1 (a memo miss only)
    return levels if all(lv in batch_levels for lv in levels) else None


def records(table: Table, fast: FastReader, id_at: int, heads: dict) -> tuple[list[str], list] | None:
    """学历 / 工作经历 / 证书 / 职称 rows -> ``(keys, records)`` in row order, every key an applicant with a good
    考生 row (``heads``), or ``None`` (row by row)."""
    cells = _cells(table, max(fast.width, id_at + 1))
    if cells is None:
        return None
    keys = _keys(cells, id_at)
    if keys is None or not heads.keys() >= set(keys):
        return None
    made = list(map(fast.read, map(fast.values, cells), keys))
    if _NONE in set(map(type, made)):
        return None
    return keys, made


#: rows dropped by one statement in :func:`drop_checked`
DROP_PIECE = 2000


def drop_checked(table: Table, full_copy_rows: int) -> None:
    """Every row passed: in a table too large for a full copy in the problem report the rows are dropped, as
    :func:`.import_rows._checked_rows` drops each row checked without a problem — :data:`DROP_PIECE` at a time:
    a slice assignment frees all the cells it drops within one bytecode, holding the GIL throughout (≈ 40 ms for
    150,000 rows), and the writer thread could not take it back after a statement meanwhile."""
    rows, count = table.rows, len(table.rows)
    if count > full_copy_rows:
        for at in range(0, count, DROP_PIECE):
            end = min(at + DROP_PIECE, count)
            rows[at:end] = [None] * (end - at)

