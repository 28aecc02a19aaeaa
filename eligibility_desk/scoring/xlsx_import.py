"""Scores from an ``.xlsx`` score sheet (成绩登记表), read with python-calamine.

Layout: an optional title above a header row; the header row names 座位号 (seat), 准考证号 (admission
number), 姓名 (name), optionally 等级 (level), and one column per part — headed by the part's Chinese or
English name or its code (理论知识考试 / Theory exam / theory).  A score cell holds a score, 缺考, or
违纪 followed by the note.  Every problem is reported with its row and column (as Excel shows them);
rows with problems are still returned with the cells that were good, so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.sheet import ScoreSheet
from eligibility_desk.scoring.values import CellValue, ScoreError, parse_cell

SEAT_HEADERS = ("座位号", "座号", "seat")
ADMISSION_HEADERS = ("准考证号", "admission number", "admission no", "candidate")
NAME_HEADERS = ("姓名", "name")
LEVEL_HEADERS = ("等级", "level")


@dataclass(frozen=True)
class CellProblem:
    row: int            # 1-based, as Excel shows it
    column: str         # "A", "B", …
    field: str          # header of the column
    code: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        from eligibility_desk.scoring.wording import reason_text

        return reason_text(self.code, self.params, lang)

    def describe(self, lang: str = "zh") -> str:
        where = f"row {self.row}, column {self.column}" if lang.startswith("en") else f"第 {self.row} 行 {self.column} 列"
        return f"{where} ({self.field}): {self.message(lang)}"


@dataclass(frozen=True)
class ImportedRow:
    row: int
    seat: int | None
    candidate: str
    name: str
    level: str
    values: dict[str, CellValue]


@dataclass
class ScoreImport:
    path: str
    parts: tuple[str, ...]
    rows: list[ImportedRow]
    problems: list[CellProblem]
    part_columns: dict[str, int] = field(default_factory=dict)   # part -> 0-based column of the sheet
    header_row: int = 0                                          # 1-based row of the header (0: none found)

    @property
    def ok(self) -> bool:
        return not self.problems

    def fill(self, sheet: ScoreSheet, recorder: int) -> list[CellProblem]:
        """Enter this file's column for ``sheet.part`` as ``recorder``; seats must match admission numbers."""
        problems = []
        for row in self.rows:
            if sheet.part not in row.values or row.seat is None:
                continue
            try:
                line = sheet.line(row.seat)
            except ScoreError:
                problems.append(CellProblem(row.row, "A", "座位号", "unknown_seat", {"seat": row.seat}))
                continue
            if line.candidate != row.candidate:
                problems.append(CellProblem(row.row, "B", "准考证号", "unknown_value",
                                            {"value": row.candidate, "allowed": line.candidate}))
                continue
            sheet.enter(recorder, row.seat, row.values[sheet.part])
        return problems


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def import_scores_xlsx(path: str | Path, rules: ScoringRules, sheet_name: str | None = None) -> ScoreImport:
    """The rows calamine reads from the sheet.  calamine builds the sheet's whole claimed area: call this on
    a checked file only — ``services/scores/score_files.read_score_workbook`` checks it first and reports
    formula and error cells, which calamine reads as their cached value or as empty."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    sheet = workbook.get_sheet_by_name(sheet_name) if sheet_name else workbook.get_sheet_by_index(0)
    return read_score_rows(sheet.to_python(skip_empty_area=False), rules, str(path))


def read_score_rows(table: list[list], rules: ScoringRules, path: str = "") -> ScoreImport:
    """The pure part of the import: rows of cell values (as calamine returns them) to scores and problems."""
    header_at, columns = _find_header(table, rules)
    if header_at is None:
        return ScoreImport(path, (), [], [CellProblem(1, "A", "准考证号", "required", {})])
    part_columns = {part: index for part, index in columns.items() if part in rules.parts}
    headers = table[header_at]
    rows, problems = [], []
    for offset, cells in enumerate(table[header_at + 1:], start=header_at + 2):
        cells = list(cells) + [""] * (len(headers) - len(cells))
        if all(_text(c) == "" for c in cells):
            continue
        def cell(key):
            index = columns.get(key)
            return cells[index] if index is not None else ""
        candidate = _text(cell("candidate"))
        if not candidate:
            problems.append(CellProblem(offset, column_letter(columns["candidate"]), _text(headers[columns["candidate"]]), "required"))
        seat = None
        if "seat" in columns:
            raw_seat = cell("seat")
            try:
                seat = int(float(raw_seat)) if _text(raw_seat) else None
                if seat is not None and float(raw_seat) != seat:
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(CellProblem(offset, column_letter(columns["seat"]), _text(headers[columns["seat"]]),
                                            "not_a_number", {"value": _text(raw_seat)}))
        level = _text(cell("level"))
        if level.endswith(".0"):
            level = level[:-2]
        if level and level not in rules.parts_by_level:
            problems.append(CellProblem(offset, column_letter(columns["level"]), _text(headers[columns["level"]]),
                                        "unknown_level", {"level": level, "allowed": ", ".join(rules.parts_by_level)}))
            level = ""
        values: dict[str, CellValue] = {}
        for part, index in part_columns.items():
            raw = cells[index]
            text = _score_text(raw)
            if text == "":
                continue
            try:
                value = parse_cell(text, rules, part)
            except ScoreError as exc:
                problems.append(CellProblem(offset, column_letter(index), _text(headers[index]), exc.code, exc.params))
                continue
            if value is not None:
                values[part] = value
        rows.append(ImportedRow(offset, seat, candidate, _text(cell("name")), level, values))
    return ScoreImport(path, tuple(part_columns), rows, problems, dict(part_columns), header_at + 1)


def _find_header(table: list[list], rules: ScoringRules) -> tuple[int | None, dict[str, int]]:
    names = {}
    for part, spec in rules.parts.items():
        for alias in (spec.name, spec.name_en, part):
            names[alias.lower()] = part
    for key, aliases in (("seat", SEAT_HEADERS), ("candidate", ADMISSION_HEADERS), ("name", NAME_HEADERS),
                         ("level", LEVEL_HEADERS)):
        for alias in aliases:
            names[alias.lower()] = key
    for row_index, cells in enumerate(table[:20]):
        columns = {}
        for index, value in enumerate(cells):
            key = names.get(_text(value).lower())
            if key and key not in columns:
                columns[key] = index
        if "candidate" in columns:
            return row_index, columns
    return None, {}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _score_text(value) -> str:
    """A cell as a score string: floats by their shortest repr so 59.9 stays 59.9 and 59.95 stays 59.95 (in
    positional notation: 1e-05 is 0.00001, refused for its decimals, not "not a number")."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return repr(value)
        from decimal import Decimal

        return format(Decimal(repr(value)), "f")
    return str(value).strip()
