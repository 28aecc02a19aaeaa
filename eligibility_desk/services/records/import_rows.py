"""From import tables to applicants: every cell read and checked, every problem kept (no database here).

Problems carry the sheet, the spreadsheet row number, the column header and the value, so the clerk can
find each one.  A child record (学历/工作经历/证书/职称) whose ID number is on the 考生 sheet is never
blamed for a problem of that 考生 row — each problem is reported once, where it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.applicant import Applicant, Certificate, Education, Title, WorkPeriod
from eligibility_desk.domain.idnumber import birth_date, valid_birth_date
from eligibility_desk.services.records.import_fast import applicant_reader, record_reader
from eligibility_desk.services.records.import_layout import APPLICANTS, SHEETS, Column, header_key
from eligibility_desk.services.records.sheets import Table
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
    if value.__class__ is str:  # the common case first
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, float) and value == int(value):
        value = int(value)
    text = str(value).strip()
    return text or None


def _id_key(value: Any) -> str | None:
    if value.__class__ is str:
        return value.strip().upper() or None
    text = _text(value)
    return text.upper() if text else None


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": _text,
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
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


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
        self.plan = [(c, self.index[c.key], _CONVERTERS[c.kind]) for c in self.layout.columns
                     if c.key in self.index and c.key != "id_number"]

    def header(self, column: Column) -> str:
        i = self.index.get(column.key)
        return self.table.headers[i] if i is not None else column.header

    def fail(self, row: int, column: Column, value: Any, code: str, params: dict, column_index: int | None = -1) -> None:
        if column_index == -1:
            i = self.index.get(column.key)
            column_index = None if i is None else i + 1
        header = self.header(column) if column_index else column.header
        self.problems.append(ImportProblem(self.table.name, row, header, _show(value), code, params, column_index))

    def read(self, row: int, cells: list) -> dict | None:
        """A row's values by key, or None if any cell has a problem (each one reported)."""
        out = {}
        good = True
        width = len(cells)
        for column, i, convert in self.plan:
            raw = cells[i] if i < width else None
            if raw.__class__ is str and convert is _text:  # most cells: text, read inline
                value = raw.strip() or None
            elif raw is None or raw == "":
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


# the careful path: a row's values (from _Sheet.read) -> record; record, today, birth date -> problems
CAREFUL_RECORDS = {
    "education": (lambda d: Education(school_type=d.get("school_type"), major=d.get("major") or "",
                                      graduated_on=d.get("graduated_on"), in_school=bool(d.get("in_school")),
                                      class_type=d.get("class_type"), assessed=bool(d.get("assessed")),
                                      school=d.get("school") or ""),
                  lambda rec, today, born: v.education_problems(rec, today)),
    "work": (lambda d: WorkPeriod(occupation=d.get("occupation") or "", start=d.get("start"), end=d.get("end"),
                                  employer=d.get("employer") or ""),
             lambda rec, today, born: v.work_problems(rec, today, born)),
    "certificates": (lambda d: Certificate(occupation=d.get("occupation") or "", level=d.get("level"),
                                           obtained_on=d.get("obtained_on"), number=d.get("number") or ""),
                     lambda rec, today, born: v.certificate_problems(rec, today)),
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
    tables = iter(tables)
    first = next(tables, None)
    if first is None or first.layout.kind != "applicants":
        problems.append(ImportProblem(APPLICANTS.name, 0, "", APPLICANTS.name, "missing_sheet", {"value": APPLICANTS.name}))
        for _rest in tables:  # let the reader finish
            pass
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
    current[0] = max(1, len(first.rows))
    result.rows += len(first.rows)
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
    for n, (row, cells) in enumerate(sheet.table.rows if sheet.ok else ()):
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

    children: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    builders = CAREFUL_RECORDS
    for table in tables:
        layout = table.layout
        done_sheets = SHEETS.index(layout)
        current[0] = max(1, len(table.rows))
        result.rows += len(table.rows)
        if tick(0):
            return None
        sheet = _Sheet(table, problems)
        if not sheet.ok:
            continue
        build, check = builders[layout.kind]
        fast = record_reader(layout.kind, sheet.index, today, born)
        id_col = layout.column("id_number")
        id_index = sheet.index["id_number"]
        columns = {c.key: c for c in layout.columns}
        kept = kept_key = None
        for n, (row, cells) in enumerate(table.rows):
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
    if problems:
        return result
    make, applicants, levels, supplied, none = Applicant.from_fields, result.applicants, result.levels, result.supplied, {}
    for key, values in heads.items():
        kids = children.get(key, none)
        applicants.append(make(
            values.get("id") or key, values["name"], key,
            tuple(kids.get("education", ())), tuple(kids.get("work", ())),
            tuple(kids.get("certificates", ())), tuple(kids.get("titles", ())),
            {"phone": values["phone"]} if values.get("phone") else {}))
        levels[key] = values["levels"]
        supplied[key] = set(kids)
    if progress:
        progress(1000 * len(SHEETS), 1000 * len(SHEETS))
    return result
