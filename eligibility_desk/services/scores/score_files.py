"""Score-sheet workbooks (成绩登记表 .xlsx) read for entry: checked, then read, every cell that is not a plain
value reported where it stands (issue 15; docs/scoring.md, "Score-sheet files").

    imported = read_score_workbook(path, rules)      # a ScoreImport, or WorkbookRefused

Before python-calamine opens the file it is checked as a small workbook
(:func:`eligibility_desk.services.small_workbooks.check_small_workbook`: empty, not a zip, a zip bomb, a vast
claimed area — refused unread).  calamine gives a formula's cached value, or nothing, and an error cell
(``#DIV/0!``, ``#N/A``) as an empty cell: a score computed by a formula or lost to an error would be entered
silently or skipped.  So the first sheet's XML is read for cells holding a formula (``<f>``) or typed as an
error (``t="e"``), and each one in a part's column below the header is a problem at its row and column
(``formula``, ``error_cell``) — nothing of the file is entered while any problem stands.  Dates, booleans
and text in a score column are refused by :func:`eligibility_desk.scoring.values.parse_cell` like anything
typed.  Hidden rows and merged cells are read as the values they hold; sheets after the first are not read.
"""

from __future__ import annotations

from pathlib import Path

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.xlsx_import import CellProblem, ScoreImport, column_letter, import_scores_xlsx


def read_score_workbook(path: str | Path, rules: ScoringRules) -> ScoreImport:
    """The scores of the workbook's first sheet, with every problem (:class:`ScoreImport`); raises
    :class:`~eligibility_desk.services.records.sheets.WorkbookRefused` for a file that is not a workbook to
    read at all."""
    import zipfile

    from python_calamine import CalamineError

    from eligibility_desk.domain.text_policy import visible
    from eligibility_desk.services.records.sheets import WorkbookRefused
    from eligibility_desk.services.small_workbooks import check_small_workbook

    check_small_workbook(path)
    file = visible(Path(path).name, 120)
    try:
        imported = import_scores_xlsx(path, rules)
        with zipfile.ZipFile(path) as archive:
            special = _special_cells(archive)
    except (CalamineError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        # calamine's XmlError, ZipError … (all CalamineError), a broken sheet XML (ParseError is a SyntaxError)
        detail = visible(str(exc) or type(exc).__name__, 160)
        raise WorkbookRefused(f"{file}：工作簿已损坏，无法读取（{detail}）", f"{file}: the workbook is damaged ({detail})") from None
    if special and imported.parts:
        _report_special(imported, special, rules)
    return imported


def _special_cells(archive) -> dict[tuple[int, int], tuple[str, str]]:
    """(row, column) 1-based -> (``formula`` or ``error_cell``, the formula or the error word) for the first
    sheet's cells that hold a formula or an error."""
    from xml.etree.ElementTree import iterparse

    from eligibility_desk.services.records import xlsx_scan

    parts = xlsx_scan.sheet_parts(archive)
    if not parts:
        return {}
    member = next(iter(parts.values()))
    found: dict[tuple[int, int], tuple[str, str]] = {}
    with archive.open(member) as stream:
        for _event, element in iterparse(stream, events=("end",)):
            if not element.tag.endswith("}c") and element.tag != "c":
                continue
            formula = value = None
            for child in element:
                if child.tag.endswith("}f") or child.tag == "f":
                    formula = child.text or ""
                elif child.tag.endswith("}v") or child.tag == "v":
                    value = child.text or ""
            reference = element.get("r") or ""
            if formula is not None or element.get("t") == "e":
                where = _reference(reference)
                if where is not None:
                    found[where] = ("formula", f"={formula}") if formula is not None else ("error_cell", value or "#?")
            element.clear()
    return found


def _reference(text: str) -> tuple[int, int] | None:
    letters = "".join(ch for ch in text if ch.isalpha()).upper()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not letters or not digits:
        return None
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return int(digits), column


def _report_special(imported: ScoreImport, special: dict, rules: ScoringRules) -> None:
    """A problem for each formula or error cell in a part's column on a data row; its row's value for that
    part (calamine's cached number, or nothing) is dropped."""
    from eligibility_desk.domain.text_policy import visible

    columns = {index + 1: part for part, index in imported.part_columns.items()}
    rows = {r.row: r for r in imported.rows}
    for (row, column), (code, text) in sorted(special.items()):
        part = columns.get(column)
        if part is None or row <= imported.header_row:
            continue
        imported.problems.append(CellProblem(row, column_letter(column - 1), rules.part_label(part), code,
                                             {"value": visible(text, 60)}))
        line = rows.get(row)
        if line is not None:
            line.values.pop(part, None)
