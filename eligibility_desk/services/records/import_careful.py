"""The careful path of the import: each cell converted by its column's kind and checked, each problem reported
with its sheet, row, column and value (:class:`Sheet`), and each row's values made into a record and checked
(:data:`CAREFUL_RECORDS`).

The fast paths (:mod:`.import_fast`, :mod:`.import_columns`) take clean rows without these per-cell calls, and
give way to this path for any row that might not pass — so every problem, and its message, comes from here.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Callable

from eligibility_desk.domain import validation as v
from eligibility_desk.domain.applicant import Apprenticeship, Certificate, Education, Title, Training, WorkPeriod
from eligibility_desk.domain.text_policy import ascii_digits, limit_of, text_problem, visible
from eligibility_desk.services.records.import_layout import Column, header_key
from eligibility_desk.services.records.sheets import Table
from eligibility_desk.services.summaries import ImportProblem


def text_cell(value: Any) -> str | None:
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
    """The text converter of a column: :func:`text_cell`, then the text policy with the column's length limit.
    A number is taken as its digits (a phone number, a code), but not TRUE/FALSE, nor a number no one typed
    digit by digit (1e308, infinity): those are "应为文字"."""
    def convert(value: Any) -> str | None:
        if value.__class__ is bool or (value.__class__ is float and not abs(value) < 1e16):
            raise v.Problem("not_text", value=show(value))
        text = text_cell(value)
        if text is not None:
            found = text_problem(text, limit)
            if found is not None:
                raise v.Problem(found[0], **found[1])
        return text

    return convert


def id_key(value: Any) -> str | None:
    """An ID number cell as the rows are keyed by it: stripped, upper-cased, full-width digits folded.  A
    number of 16 or more digits (a column not formatted as text: Excel keeps 15 significant digits) is
    keyed with :data:`~eligibility_desk.domain.validation.LOST_DIGITS` after it, so it can match no ID number
    and :func:`~eligibility_desk.domain.validation.parse_id_number` refuses it as a number."""
    if value.__class__ is str:
        key = value.strip().upper()
        return (key if key.isascii() else ascii_digits(key)) or None
    if value.__class__ is float and math.isfinite(value) and abs(value) >= 1e15:
        return f"{value:.0f}{v.LOST_DIGITS}"
    text = text_cell(value)
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
        return text_cell(raw) or ""
    try:
        return v.parse_level(raw)
    except v.Problem:
        return text_cell(raw)  # as text, so certificate_problems reports it (level_range)


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


END_UNKNOWN = frozenset({"不详", "未知", "unknown"})


def _end_date(value: Any):
    """结束日期: a date, empty (still working) or 不详 (not known: the period is kept, a clerk checks it)."""
    if value.__class__ is str and value.strip() in END_UNKNOWN:
        return END_UNKNOWN
    return v.parse_date(value)


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": text_cell,
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
    "id": id_key,
}


def show(value: Any) -> str:
    """A cell's value as the report shows it (refused characters made visible, long text cut)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value == int(value) and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return visible(value)


class Sheet:
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
        self.problems.append(ImportProblem(self.table.name, row, header, show(value), code, params, column_index))

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


# the careful path: a row's values (from _Sheet.read) -> record; record, today, birth date -> problems
CAREFUL_RECORDS = {
    "education": (lambda d: Education(school_type=d.get("school_type"), major=d.get("major") or "",
                                      graduated_on=d.get("graduated_on"), in_school=bool(d.get("in_school")),
                                      class_type=d.get("class_type"), assessed=bool(d.get("assessed")),
                                      school=d.get("school") or ""),
                  lambda rec, today, born: v.education_problems(rec, today)),
    "work": (lambda d: WorkPeriod(occupation=d.get("occupation") or "", start=d.get("start"),
                                  end=None if d.get("end") is END_UNKNOWN else d.get("end"),
                                  employer=d.get("employer") or "", end_known=d.get("end") is not END_UNKNOWN),
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
