"""From import tables to applicants: every cell read and checked, every problem kept (no database here).

Problems carry the sheet, the spreadsheet row number, the column header and the value, so the clerk can
find each one.  A child record (学历/工作经历/证书/职称) whose ID number is on the 考生 sheet is never
blamed for a problem of that 考生 row — each problem is reported once, where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from collections.abc import Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Callable, Iterable

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.idnumber import birth_date, valid_birth_date
from eligibility_desk.domain.levels import canonical_levels
from eligibility_desk.services.records import import_columns
from eligibility_desk.services.records.import_careful import CAREFUL_RECORDS, Sheet, id_key, text_cell
from eligibility_desk.services.records.import_fast import applicant_reader, record_reader
from eligibility_desk.services.records.import_layout import APPLICANTS, SHEETS
from eligibility_desk.services.records.sheets import FULL_COPY_ROWS, Table
from eligibility_desk.services.summaries import ImportProblem

if TYPE_CHECKING:  # the arrival event's type only (import_rows itself starts no thread)
    import threading


@dataclass
class ParsedImport:
    applicants: list[Applicant] = field(default_factory=list)
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id number -> levels asked (empty: batch's)
    supplied: Mapping[str, set[str]] = field(default_factory=dict)    # id number -> kinds of record with rows
    problems: list[ImportProblem] = field(default_factory=list)
    rows: int = 0
    #: id number -> (row, file name as typed) of the 考生 sheet's 照片 cells; photo_column: (header, 1-based index)
    photos: dict[str, tuple[int, str]] = field(default_factory=dict)
    photo_column: tuple[str, int | None] = ("照片", None)


def _read_problems_first(tables: Iterable[Table], problems: list[ImportProblem]):
    """The tables, each one's reader problems added to ``problems`` as it arrives; a sheet the reader did
    not read at all (no header) stands for itself only in its problems."""
    for table in tables:
        problems.extend(table.problems)
        if table.header_row or table.layout.kind == "applicants":
            yield table


def _checked_rows(table: Table | None, problems: list):
    """``enumerate(table.rows)``; in a table too large for a full copy in the problem report, each row is
    dropped (``None``) once checked without a problem — the report copies only rows with problems there —
    so a 1,000,000-row file is not held whole while its applicants are built."""
    if table is None:
        return
    if table.stream is not None:
        yield from _streamed_rows(table, problems)
        return
    rows = table.rows
    if len(rows) <= FULL_COPY_ROWS:
        yield from enumerate(rows)
        return
    for n, entry in enumerate(rows):
        mark = len(problems)
        yield n, entry
        if len(problems) == mark:
            rows[n] = None


def _streamed_rows(table: Table, problems: list):
    """A CSV table's rows as its reader gives them (numbered from 0), each kept in ``table.rows`` for the
    problem report while the file could still be copied whole, and past :data:`FULL_COPY_ROWS` only the rows
    that had a problem — what :func:`_checked_rows` leaves of a table read whole."""
    kept, bad, full = table.rows, set(), True
    for n, entry in enumerate(table.stream, start=table.size):
        mark = len(problems)
        yield n, entry
        if full:
            kept.append(entry)
            if len(problems) != mark:
                bad.add(entry[0])
            if n >= FULL_COPY_ROWS:
                kept[:] = [e for e in kept if e[0] in bad]
                full = False
        elif len(problems) != mark:
            kept.append(entry)


def _finish(table: Table, problems: list, mark: int) -> bool:
    """After a table is checked: a CSV table's rows not read yet are read (a sheet with a missing column is
    not checked row by row), and if its reader met a limit or a malformed record, the problems found in it
    since ``mark`` give way to that one refusal — as for a file refused before any check.  True if refused."""
    if table.stream is None:
        return False
    for _ in _streamed_rows(table, problems):
        pass
    if table.refusal is None:
        return False
    del problems[mark:]
    problems.append(table.refusal)
    table.rows, table.headers, table.header_row = [], [], 0
    return True


def _size(table: Table) -> int:
    """The rows to check, for progress (a streamed table's estimate)."""
    return table.expected if table.stream is not None else len(table.rows)


_KINDS = ("education", "work", "certificates", "titles", "training", "apprenticeships")


def _records_of(records: dict[str, list], key: str) -> list:
    """The list of ``key``'s records in ``records`` (one kind's: id number -> its records), made on first use."""
    kept = records.get(key)
    if kept is None:
        kept = records[key] = []
    return kept


class Supplied(Mapping):
    """ID number -> the kinds of record (:data:`_KINDS` names) the file has rows of for that applicant, for each
    applicant of the file: worked out when asked (only applicants already on file are asked about), from one
    set of ID numbers per kind — not a set per applicant made for everyone (1,000,000 rows: 200 MB)."""

    def __init__(self, keys, having: list[set[str]]):
        self._keys, self._having = keys, having

    def __getitem__(self, key: str) -> set[str]:
        if key not in self._keys:
            raise KeyError(key)
        return {kind for kind, having in zip(_KINDS, self._having) if key in having}

    def __contains__(self, key) -> bool:
        return key in self._keys

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _add_heads(heads: dict[str, Applicant], asked: dict[str, tuple[str, ...]], keys, values) -> None:
    """Each good 考生 row's applicant, made at once without records (they are set by :func:`_finish_applicants`:
    no row's values are held until the end), and the levels it asks for."""
    make, none = Applicant.from_fields, ()
    for key, (name, code, levels, phone, birth) in zip(keys, values):
        heads[key] = make(code or key, name, key, none, none, none, none, {"phone": phone} if phone else {}, birth,
                          none, none)
        asked[key] = levels


#: 考生 rows made into applicants, and handed to the write, in the first round of a sheet that passes whole
#: (small: the writer thread starts on their rows while the next are made); each later round is
#: :data:`HEADS_GROWTH` times the one before, up to :data:`HEADS_ROUND` — about as long to make as the writer
#: takes to insert the round before (≈ 1 µs an applicant made, ≈ 4 µs a row inserted), and few rounds: the
#: writer's backlog counts rounds
HEADS_FIRST, HEADS_GROWTH, HEADS_ROUND = 5_000, 3, 50_000


def _add_heads_streamed(heads: dict[str, Applicant], asked: dict, keys: list, values: list, sink) -> None:
    """:func:`_add_heads` of a whole sheet's rows in rounds, each round's applicants handed to
    ``sink.add_heads`` as soon as they are made (``sink`` ``None``: at once, nothing handed over)."""
    if sink is None:
        _add_heads(heads, asked, keys, values)
        return
    start, size = 0, HEADS_FIRST
    while start < len(keys):
        end = start + size
        part = keys[start:end]
        _add_heads(heads, asked, part, values[start:end])
        sink.add_heads(map(heads.__getitem__, part))
        start, size = end, min(size * HEADS_GROWTH, HEADS_ROUND)


#: the record slots of an Applicant in _KINDS order, set through their descriptors (as ``from_fields`` does)
_SETTERS = tuple(getattr(Applicant, kind).__set__ for kind in _KINDS)


def _finish_applicants(result: ParsedImport, heads: dict[str, Applicant], asked: dict,
                       children: list[dict[str, list]]) -> None:
    """The applicants in row order, each given its records (``children``: one dict per kind in :data:`_KINDS`,
    id number -> its records of the kind), the levels asked and the kinds supplied.  The applicants are not yet
    seen by anyone: their record slots are filled here, before any hash or comparison is taken."""
    for put, records in zip(_SETTERS, children):
        if records:
            for applicant, kept in zip(map(heads.__getitem__, records), map(tuple, records.values())):
                put(applicant, kept)
    # ``asked`` has every applicant's key; each kind's dict gives way to the set of its keys (its lists freed)
    result.applicants, result.levels = list(heads.values()), asked
    result.supplied = Supplied(asked.keys(), [set(records) for records in children])


def parse_tables(tables: Iterable[Table], batch_levels: tuple[str, ...], today: date,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, sink=None,
                 arrival: "threading.Event | None" = None) -> ParsedImport | None:
    """Read and check every row; ``None`` when cancelled.

    ``tables`` come in the layout's order (考生 first), possibly lazily while later sheets are still being
    read (:func:`.sheets.iter_xlsx`); each is checked as it arrives.  ``arrival`` is set once the 考生 sheet is
    checked: from then on ``tables`` may give the record sheets in the order they are read
    (``iter_xlsx(…, arrival=…)``), so that a sheet read early is checked while a larger one is still being read;
    each record sheet's problems are kept apart and joined in layout order, so the problems are listed exactly
    as they are for tables taken in layout order.

    ``sink`` (:class:`.import_write.ImportWrite`) is handed what is checked while no problem has been found:
    ``sink.heads(applicants, levels)`` once the 考生 sheet is (the applicants in row order, records not set yet;
    ``levels``: ID number -> the levels each asks for, as :attr:`ParsedImport.levels` will hold) — or, when the
    sheet passes whole (:func:`.import_columns.applicants`), ``sink.add_heads(applicants)`` for each round of
    its applicants as they are made (:data:`HEADS_FIRST` rows, then rounds growing to :data:`HEADS_ROUND`) and then
    ``sink.heads_done(levels)``, so that the writing starts while the rest are made —, then
    ``sink.records(kind, records_of)`` once each record sheet is (``records_of``: ID number -> that applicant's
    records of the kind, in row order; applicants without any are not in it).  After the first problem nothing more is handed over (the caller rolls back);
    the result is the same with or without a sink."""
    result = ParsedImport()
    problems = result.problems
    source = iter(tables)
    tables = _read_problems_first(source, problems)   # up to the 考生 sheet; the record sheets from ``source``
    first = next(tables, None)
    if first is None or first.layout.kind != "applicants":
        problems.append(ImportProblem(APPLICANTS.name, 0, "", APPLICANTS.name, "missing_sheet", {"value": APPLICANTS.name}))
        for rest in ([first] if first is not None else []) + list(tables):  # let the readers finish
            _finish(rest, problems, len(problems))
        return result
    if not first.header_row:  # the reader refused the sheet (its problem is already listed)
        for rest in tables:
            _finish(rest, problems, len(problems))
        return result
    # progress: each of the five sheets is a fifth of the way, by rows within it
    done_sheets = 0
    step = 5000
    current = [1]

    def tick(n: int) -> bool:
        if progress:
            progress(done_sheets * 1000 + 1000 * min(n, current[0]) // current[0], 1000 * len(SHEETS))
        return bool(cancelled and cancelled())

    # 考生
    current[0] = max(1, _size(first))
    mark = len(problems)
    sheet = Sheet(first, problems)
    heads: dict[str, Applicant] = {}  # id number -> applicant of a good row (records set at the end)
    levels_asked: dict[str, tuple[str, ...]] = {}  # id number -> levels asked
    seen: dict[str, int] = {}        # id number -> first row it appeared on (good or bad)
    born: dict[str, date] = {}
    level_col = APPLICANTS.column("levels")
    id_col = APPLICANTS.column("id_number")
    allowed = "、".join(batch_levels)
    level_texts: dict[tuple, tuple[str, ...]] = {}
    levels_by_cell: dict[str, tuple[str, ...]] = {}  # 申报等级 cell as typed -> levels accepted (fast path)
    # a file whose bytes may hold text refused beyond isprintable (Table.careful): every row the careful way
    fast = applicant_reader(sheet.index, levels_by_cell) if sheet.ok and not first.careful else None
    birthdays: dict[str, date | None] = {}  # YYYYMMDD of an ID number -> birth date (many share one)
    id_index, levels_at = sheet.index.get("id_number"), sheet.index.get("levels")
    photo_at, photos = sheet.index.get("photo"), result.photos
    if photo_at is not None:
        result.photo_column = (sheet.header(APPLICANTS.column("photo")), photo_at + 1)
    # the whole sheet at once when every row would take the fast path; else (None) row by row
    at_once = (import_columns.applicants(first, fast, id_index, today, birthdays, levels_by_cell, levels_at,
                                         batch_levels, level_col.required) if fast is not None else None)
    whole = at_once is not None
    # the sheet passes whole: its applicants go to the write in rounds as they are made, so that the writer thread
    # starts on the first round's rows at once (the transaction is rolled back if a later sheet has a problem)
    streamed = whole and sink is not None and not problems
    if whole:
        keys, births, values_by_row = at_once
        seen.update(zip(keys, map(itemgetter(0), first.rows)))
        _add_heads_streamed(heads, levels_asked, keys, values_by_row, sink if streamed else None)
        born.update(zip(keys, births))
        if photo_at is not None:  # a file name, read as the row loop reads it
            for key, (row, cells) in zip(keys, first.rows):
                photo = text_cell(cells[photo_at]) if photo_at < len(cells) else None
                if photo:
                    photos[key] = (row, photo)
        del keys, births, values_by_row
        import_columns.drop_checked(first, FULL_COPY_ROWS)
    at_once = None
    for n, (row, cells) in _checked_rows(sheet.table if sheet.ok and not whole else None, problems):
        if n % step == step - 1 and tick(n):
            return None
        raw_id = cells[id_index] if id_index < len(cells) else None
        key = id_key(raw_id)
        if key is not None and key in seen:
            sheet.fail(row, id_col, raw_id, "duplicate_in_file", {"value": key, "other": seen[key]})
            continue
        if key is not None:
            seen[key] = row
        birth = valid_birth_date(key, today, birthdays) if key is not None else None
        if birth is None:  # the careful check gives the reason (or reads the cell differently)
            try:
                key = v.parse_id_number(key, today)
                birth = birth_date(key)
            except v.Problem as problem:  # reported, and the row's other cells are still checked
                sheet.fail(row, id_col, raw_id, problem.code, problem.params)
                key = None
        values = (fast.read(fast.values(cells)) if fast is not None and key is not None and len(cells) >= fast.width
                  else None)
        if values is None:
            values = sheet.read(row, cells)
            if values is None or key is None:
                continue
            asked = values.get("levels") or ()
            levels = level_texts.get(asked)
            if levels is None:  # a handful of distinct cells ("4", "4,3" …): worked out once each
                levels = level_texts[asked] = canonical_levels(asked, batch_levels)  # t1, Ｔ１ -> T1
            bad = [lv for lv in levels if lv not in batch_levels]
            if bad:
                sheet.fail(row, level_col, cells[sheet.index["levels"]], "level_not_in_batch", {"value": bad[0], "allowed": allowed})
                continue
            if levels_at is not None and levels_at < len(cells) and cells[levels_at].__class__ is str:
                levels_by_cell[cells[levels_at]] = levels  # for the fast path's next row with this cell
            values = (values["name"], values.get("id"), levels, values.get("phone"), values.get("birth_date"))
        if photo_at is not None:  # a file name, read the same way on both paths
            photo = text_cell(cells[photo_at]) if photo_at < len(cells) else None
            if photo:
                photos[key] = (row, photo)
        _add_heads(heads, levels_asked, (key,), (values,))
        born[key] = birth
    if _finish(first, problems, mark):  # the reader refused the file part-way: the other files are only read
        for rest in tables:
            _finish(rest, problems, len(problems))
        return result
    result.rows += first.row_count
    if not heads and not problems:  # a header and nothing under it (or only blank rows): refused, not "0 imported"
        problems.append(ImportProblem(first.name, first.header_row, "", "", "no_applicants", {"value": first.name}))
    if sink is not None and not problems:
        if streamed:
            sink.heads_done(levels_asked)
        else:
            sink.heads(heads.values(), levels_asked)

    # one dict per kind (_KINDS): id number -> that applicant's records of the kind, in row order
    children: list[dict[str, list]] = [{} for _ in _KINDS]
    builders = CAREFUL_RECORDS
    # each record sheet's problems (its reader's first), by its place in the layout: joined in that order at the end
    later: dict[int, list[ImportProblem]] = {}
    handed: set[int] = set()   # the kinds (slots in _KINDS) handed to the sink (or kept for it in ``last``)
    last = None                # the last sheet's (kind, records_of), handed over once the applicants are complete
    if arrival is not None:
        arrival.set()
    for table in source:
        layout = table.layout
        own = later.setdefault(SHEETS.index(layout), [])
        own.extend(table.problems)
        if not table.header_row:  # not read (its problem is listed): stands for itself only in its problems
            continue
        done_sheets += 1
        current[0] = max(1, _size(table))
        if tick(0):
            return None
        mark = len(own)
        sheet = Sheet(table, own)
        if not sheet.ok:
            _finish(table, own, mark)
            result.rows += table.row_count
            continue
        build, check = builders[layout.kind]
        fast = record_reader(layout.kind, sheet.index, today, born) if not table.careful else None
        id_col = layout.column("id_number")
        id_index = sheet.index["id_number"]
        columns = {c.key: c for c in layout.columns}
        kept = kept_key = None
        at_once = import_columns.records(table, fast, id_index, heads) if fast is not None else None
        whole = at_once is not None
        slot = _KINDS.index(layout.kind)
        records_of = children[slot]
        if whole:  # every row takes the fast path: the whole sheet at once
            for key, record in zip(*at_once):
                if kept_key != key:  # rows of one person usually follow each other
                    kept_key, kept = key, _records_of(records_of, key)
                kept.append(record)
            at_once = None
            import_columns.drop_checked(table, FULL_COPY_ROWS)
        for n, (row, cells) in _checked_rows(None if whole else table, own):
            if n % step == step - 1 and tick(n):
                return None
            raw_id = cells[id_index] if id_index < len(cells) else None
            key = id_key(raw_id)
            if key is None:
                sheet.fail(row, id_col, raw_id, "required", {})
            elif key not in seen:
                sheet.fail(row, id_col, raw_id, "unknown_applicant", {"value": key})
                continue
            record = (fast.read(fast.values(cells), key)
                      if fast is not None and key is not None and len(cells) >= fast.width else None)
            if record is not None:
                if key in heads:
                    if kept_key != key:
                        kept_key, kept = key, _records_of(records_of, key)
                    kept.append(record)
                continue
            values = sheet.read(row, cells)
            if values is None or key is None:
                continue
            record = build(values)
            found = check(record, today, born.get(key))
            for field_key, code, params in found:
                column = columns[field_key]
                i = sheet.index.get(field_key)
                sheet.fail(row, column, cells[i] if i is not None and i < len(cells) else None, code, params)
            if not found and key in heads:
                _records_of(records_of, key).append(record)
        _finish(table, own, mark)
        result.rows += table.row_count
        if sink is not None and not problems and not any(later.values()):
            if table.last:   # handed once the applicants are complete and their audit digests have begun (below)
                last = (layout.kind, records_of)
            else:
                sink.records(layout.kind, records_of)
            handed.add(slot)
    for at in sorted(later):
        problems.extend(later[at])
    if problems:
        return result
    # the look-ups are done with (1,000,000 rows: these tables are most of what the import holds besides the
    # applicants themselves)
    del seen, born, birthdays, level_texts, levels_by_cell
    _finish_applicants(result, heads, levels_asked, children)
    if sink is not None:
        # the kinds no sheet of the file has (training, apprenticeships; a sheet left out): none of any applicant —
        # said now, so that the write does not go through every applicant for them
        for slot, kind in enumerate(_KINDS):
            if slot not in handed:
                sink.records(kind, children[slot])
        # the look-ups by ID number freed first: each page this process writes while the digest child lives is
        # copied first (the child keeps its own)
        heads = children = records_of = None
        # the applicants are complete: the write may begin their audit rows' digests (in a child process) before
        # it is handed the last sheet's rows, which its writer thread inserts meanwhile
        sink.complete()
        if last is not None:
            sink.records(*last)
    if progress:
        progress(1000 * len(SHEETS), 1000 * len(SHEETS))
    return result
