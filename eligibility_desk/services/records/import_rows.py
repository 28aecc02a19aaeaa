"""From import tables to applicants: every cell read and checked, every problem kept (no database here).

Problems carry the sheet, the spreadsheet row number, the column header and the value, so the clerk can
find each one.  A child record (学历/工作经历/证书/职称) whose ID number is on the 考生 sheet is never
blamed for a problem of that 考生 row — each problem is reported once, where it is.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.applicant import (
    Applicant,
    Apprenticeship,
    Certificate,
    Education,
    Title,
    Training,
    WorkPeriod,
)
from eligibility_desk.domain.idnumber import birth_date, valid_birth_date
from eligibility_desk.domain.text_policy import limit_of, text_problem, visible
from eligibility_desk.services.records import import_columns
from eligibility_desk.services.records.import_fast import applicant_reader, record_reader
from eligibility_desk.services.records.import_layout import APPLICANTS, SHEETS, Column, header_key
from eligibility_desk.services.records.sheets import FULL_COPY_ROWS, Table
from eligibility_desk.services.summaries import ImportProblem


@dataclass
class ParsedImport:
    applicants: list[Applicant] = field(default_factory=list)
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id number -> levels asked (empty: batch's)
    supplied: dict[str, set[str]] = field(default_factory=dict)       # id number -> kinds of record with rows
    problems: list[ImportProblem] = field(default_factory=list)
    rows: int = 0
    #: id number -> (row, file name as typed) of the 考生 sheet's 照片 cells; photo_column: (header, 1-based index)
    photos: dict[str, tuple[int, str]] = field(default_factory=dict)
    photo_column: tuple[str, int | None] = ("照片", None)


def _text(value: Any) -> str | None:
    """A text cell (a number in a text column is its digits) — without the text policy, which the sheet's
    reader applies per column (:func:`_policy`)."""
    if value.__class__ is str:  # the common case first
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        value = int(value)
    text = str(value).strip()
    return text or None


def _policy(limit: int) -> Callable[[Any], str | None]:
    """The text converter of a column: :func:`_text`, then the text policy with the column's length limit."""
    def convert(value: Any) -> str | None:
        text = _text(value)
        if text is not None:
            found = text_problem(text, limit)
            if found is not None:
                raise v.Problem(found[0], **found[1])
        return text

    return convert


def _id_key(value: Any) -> str | None:
    if value.__class__ is str:
        return value.strip().upper() or None
    text = _text(value)
    return text.upper() if text else None


def _cert_level(value: Any) -> Any:
    """A certificate's level cell as given (the row's builder reads it: a national level 1–5, or with a
    证书标准代码 the standard's own word, e.g. 初级)."""
    if value.__class__ is str:
        return value.strip() or None
    return value


def _certificate_level(d: dict) -> Any:
    raw = d.get("level")
    if d.get("standard"):
        return _text(raw) or ""
    try:
        return v.parse_level(raw)
    except v.Problem:
        return _text(raw)  # as text, so certificate_problems reports it (level_range)


def _hours(value: Any) -> float | None:
    if value is None or (value.__class__ is str and not value.strip()):
        return None
    if isinstance(value, bool):
        raise v.Problem("hours_range", value=value)
    try:
        number = float(str(value).strip()) if value.__class__ is str else float(value)
    except (TypeError, ValueError):
        raise v.Problem("hours_range", value=str(value)) from None
    if number != number or number < 0 or number == float("inf"):
        raise v.Problem("hours_range", value=str(value))
    return int(number) if number == int(number) else number


_END_UNKNOWN = frozenset({"不详", "未知", "unknown"})


def _end_date(value: Any):
    """结束日期: a date, empty (still working) or 不详 (not known: the period is kept, a clerk checks it)."""
    if value.__class__ is str and value.strip() in _END_UNKNOWN:
        return _END_UNKNOWN
    return v.parse_date(value)


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "cert_level": _cert_level,
    "end_date": _end_date,
    "hours": _hours,
    "date": v.parse_date,
    "level": v.parse_level,
    "levels": v.parse_levels,
    "school_type": v.parse_school_type,
    "class_type": v.parse_class_type,
    "grade": v.parse_title_grade,
    "bool": v.parse_bool,
    "bool3": lambda x: v.parse_bool(x, unknown_allowed=True),
    "id": _id_key,
}


def _show(value: Any) -> str:
    """A cell's value as the report shows it (refused characters made visible, long text cut)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return visible(value)


class _Sheet:
    """A table with its columns located and a place to put problems."""

    def __init__(self, table: Table, problems: list[ImportProblem]):
        self.table = table
        self.layout = table.layout
        self.problems = problems
        wanted = {header_key(c.header): c for c in self.layout.columns}
        wanted.update({c.key: c for c in self.layout.columns})
        self.index: dict[str, int] = {}
        for i, header in enumerate(table.headers):
            column = wanted.get(header_key(header))
            if column is not None and column.key not in self.index:
                self.index[column.key] = i
        self.ok = True
        for column in self.layout.columns:
            if column.required and column.key not in self.index:
                self.fail(table.header_row, column, column.header, "missing_column", {"value": column.header},
                          column_index=None)
                self.ok = False
        # the ID number column is read by the caller (it keys the row): not part of the plan
        self.plan = [(c, self.index[c.key], _policy(limit_of(c.key)) if c.kind == "text" else _CONVERTERS[c.kind])
                     for c in self.layout.columns if c.key in self.index and c.key != "id_number"]
        self.reported = table.reported

    def header(self, column: Column) -> str:
        i = self.index.get(column.key)
        return self.table.headers[i] if i is not None else column.header

    def fail(self, row: int, column: Column, value: Any, code: str, params: dict, column_index: int | None = -1) -> None:
        if column_index == -1:
            i = self.index.get(column.key)
            column_index = None if i is None else i + 1
        if column_index and (row, column_index) in self.reported:
            return  # the reader already reported this cell (a formula)
        header = self.header(column) if column_index else column.header
        self.problems.append(ImportProblem(self.table.name, row, header, _show(value), code, params, column_index))

    def read(self, row: int, cells: list) -> dict | None:
        """A row's values by key, or None if any cell has a problem (each one reported)."""
        out = {}
        good = True
        width = len(cells)
        for column, i, convert in self.plan:
            raw = cells[i] if i < width else None
            if raw is None or raw == "":
                value = None
            else:
                try:
                    value = convert(raw)
                except v.Problem as problem:
                    self.fail(row, column, raw, problem.code, problem.params)
                    good = False
                    continue
            if value is None and column.required:
                self.fail(row, column, raw, "required", {})
                good = False
                continue
            out[column.key] = value
        return out if good else None


def _read_problems_first(tables: Iterable[Table], problems: list[ImportProblem]):
    """The tables, each one's reader problems added to ``problems`` as it arrives; a sheet the reader did
    not read at all (no header) stands for itself only in its problems."""
    for table in tables:
        problems.extend(table.problems)
        if table.header_row or table.layout.kind == "applicants":
            yield table


_NO_KINDS: frozenset = frozenset()


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


# the careful path: a row's values (from _Sheet.read) -> record; record, today, birth date -> problems
CAREFUL_RECORDS = {
    "education": (lambda d: Education(school_type=d.get("school_type"), major=d.get("major") or "",
                                      graduated_on=d.get("graduated_on"), in_school=bool(d.get("in_school")),
                                      class_type=d.get("class_type"), assessed=bool(d.get("assessed")),
                                      school=d.get("school") or ""),
                  lambda rec, today, born: v.education_problems(rec, today)),
    "work": (lambda d: WorkPeriod(occupation=d.get("occupation") or "", start=d.get("start"),
                                  end=None if d.get("end") is _END_UNKNOWN else d.get("end"),
                                  employer=d.get("employer") or "", end_known=d.get("end") is not _END_UNKNOWN),
             lambda rec, today, born: v.work_problems(rec, today, born)),
    "certificates": (lambda d: Certificate(occupation=d.get("occupation") or "", level=_certificate_level(d),
                                           obtained_on=d.get("obtained_on"), number=d.get("number") or "",
                                           standard=d.get("standard") or ""),
                     lambda rec, today, born: v.certificate_problems(rec, today)),
    "training": (lambda d: Training(occupation=d.get("occupation") or "", level=str(d.get("level") or ""),
                                    hours=d.get("hours") or 0, finished_on=d.get("finished_on")),
                 lambda rec, today, born: v.training_problems(rec, today)),
    "apprenticeships": (lambda d: Apprenticeship(occupation=d.get("occupation") or "", finished_on=d.get("finished_on"),
                                                 started_on=d.get("started_on")),
                        lambda rec, today, born: v.apprenticeship_problems(rec, today)),
    "titles": (lambda d: Title(grade=d.get("grade"), obtained_on=d.get("obtained_on"),
                               profession_matches=d.get("profession_matches"), name=d.get("name") or ""),
               lambda rec, today, born: v.title_problems(rec, today)),
}


def parse_tables(tables: Iterable[Table], batch_levels: tuple[str, ...], today: date,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ParsedImport | None:
    """Read and check every row; ``None`` when cancelled.

    ``tables`` come in the layout's order (考生 first), possibly lazily while later sheets are still being
    read (:func:`.sheets.iter_xlsx`); each is checked as it arrives."""
    result = ParsedImport()
    problems = result.problems
    tables = _read_problems_first(tables, problems)
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
    sheet = _Sheet(first, problems)
    heads: dict[str, dict] = {}      # id number -> values of a good row
    seen: dict[str, int] = {}        # id number -> first row it appeared on (good or bad)
    born: dict[str, date] = {}
    level_col = APPLICANTS.column("levels")
    id_col = APPLICANTS.column("id_number")
    allowed = "、".join(batch_levels)
    level_texts: dict[tuple, tuple[str, ...]] = {}
    levels_by_cell: dict[str, tuple[str, ...]] = {}  # 申报等级 cell as typed -> levels accepted (fast path)
    fast = applicant_reader(sheet.index, levels_by_cell) if sheet.ok else None
    birthdays: dict[str, date | None] = {}  # YYYYMMDD of an ID number -> birth date (many share one)
    id_index, levels_at = sheet.index.get("id_number"), sheet.index.get("levels")
    photo_at, photos = sheet.index.get("photo"), result.photos
    if photo_at is not None:
        result.photo_column = (sheet.header(APPLICANTS.column("photo")), photo_at + 1)
    # the whole sheet at once when every row would take the fast path; else (None) row by row
    at_once = (import_columns.applicants(first, fast, id_index, today, birthdays, levels_by_cell, levels_at,
                                         batch_levels, level_col.required) if fast is not None else None)
    whole = at_once is not None
    if whole:
        keys, births, values_by_row = at_once
        seen.update(zip(keys, [row for row, _ in first.rows]))
        for key, values, birth in zip(keys, values_by_row, births):
            values["id_number"] = key
            heads[key] = values
            born[key] = birth
        if photo_at is not None:  # a file name, read as the row loop reads it
            for key, (row, cells) in zip(keys, first.rows):
                photo = _text(cells[photo_at]) if photo_at < len(cells) else None
                if photo:
                    photos[key] = (row, photo)
        del keys, births, values_by_row
        import_columns.drop_checked(first, FULL_COPY_ROWS)
    at_once = None
    for n, (row, cells) in _checked_rows(sheet.table if sheet.ok and not whole else None, problems):
        if n % step == step - 1 and tick(n):
            return None
        raw_id = cells[id_index] if id_index < len(cells) else None
        key = _id_key(raw_id)
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
                levels = level_texts[asked] = tuple(str(lv) for lv in asked)
            bad = [lv for lv in levels if lv not in batch_levels]
            if bad:
                sheet.fail(row, level_col, cells[sheet.index["levels"]], "level_not_in_batch", {"value": bad[0], "allowed": allowed})
                continue
            values["levels"] = levels
            if levels_at is not None and levels_at < len(cells) and cells[levels_at].__class__ is str:
                levels_by_cell[cells[levels_at]] = levels  # for the fast path's next row with this cell
        values["id_number"] = key
        if photo_at is not None:  # a file name, read the same way on both paths
            values.pop("photo", None)
            photo = _text(cells[photo_at]) if photo_at < len(cells) else None
            if photo:
                photos[key] = (row, photo)
        heads[key] = values
        born[key] = birth
    if _finish(first, problems, mark):  # the reader refused the file part-way: the other files are only read
        for rest in tables:
            _finish(rest, problems, len(problems))
        return result
    result.rows += first.row_count

    children: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    builders = CAREFUL_RECORDS
    for table in tables:
        layout = table.layout
        done_sheets = SHEETS.index(layout)
        current[0] = max(1, _size(table))
        if tick(0):
            return None
        mark = len(problems)
        sheet = _Sheet(table, problems)
        if not sheet.ok:
            _finish(table, problems, mark)
            result.rows += table.row_count
            continue
        build, check = builders[layout.kind]
        fast = record_reader(layout.kind, sheet.index, today, born)
        id_col = layout.column("id_number")
        id_index = sheet.index["id_number"]
        columns = {c.key: c for c in layout.columns}
        kept = kept_key = None
        at_once = import_columns.records(table, fast, id_index, heads) if fast is not None else None
        whole = at_once is not None
        if whole:  # every row takes the fast path: the whole sheet at once
            kind = layout.kind
            for key, record in zip(*at_once):
                if kept is None or kept_key != key:
                    kept_key, kept = key, children[key][kind]
                kept.append(record)
            at_once = None
            import_columns.drop_checked(table, FULL_COPY_ROWS)
        for n, (row, cells) in _checked_rows(None if whole else table, problems):
            if n % step == step - 1 and tick(n):
                return None
            raw_id = cells[id_index] if id_index < len(cells) else None
            key = _id_key(raw_id)
            if key is None:
                sheet.fail(row, id_col, raw_id, "required", {})
            elif key not in seen:
                sheet.fail(row, id_col, raw_id, "unknown_applicant", {"value": key})
                continue
            record = (fast.read(fast.values(cells), key)
                      if fast is not None and key is not None and len(cells) >= fast.width else None)
            if record is not None:
                if key in heads:
                    if kept is None or kept_key != key:  # rows of one person usually follow each other
                        kept_key, kept = key, children[key][layout.kind]
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
                children[key][layout.kind].append(record)
        _finish(table, problems, mark)
        result.rows += table.row_count
    if problems:
        return result
    # the look-ups are done with; each row's values are freed as its applicant is made (1,000,000 rows: the
    # values dicts and these tables are most of what the import holds)
    del seen, born, birthdays, level_texts, levels_by_cell
    make, applicants, levels, supplied, none = Applicant.from_fields, result.applicants, result.levels, result.supplied, {}
    pop = heads.pop
    for key in list(heads):
        values = pop(key)
        kids = children.get(key, none)
        applicants.append(make(
            values.get("id") or key, values["name"], key,
            tuple(kids.get("education", ())), tuple(kids.get("work", ())),
            tuple(kids.get("certificates", ())), tuple(kids.get("titles", ())),
            {"phone": values["phone"]} if values.get("phone") else {},
            values.get("birth_date"), tuple(kids.get("training", ())), tuple(kids.get("apprenticeships", ()))))
        levels[key] = values["levels"]
        supplied[key] = set(kids) if kids else _NO_KINDS  # one shared empty set: 1,000,000 rows, 200 MB less
    if progress:
        progress(1000 * len(SHEETS), 1000 * len(SHEETS))
    return result
