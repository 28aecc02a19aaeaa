"""Reading import files into plain tables: ``.xlsx`` with python-calamine (fast), ``.csv`` with the csv
module (UTF-8 with or without BOM, else GB18030 as Chinese Excel writes it).

A table is the sheet name, its header row (row number 1-based) and its data rows with their row numbers;
cell values as the reader gives them (text, numbers, dates) — interpretation is the validator's job.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from eligibility_desk.services.records.import_layout import SHEETS, SheetLayout, find_layout


@dataclass
class Table:
    layout: SheetLayout
    name: str                  # sheet name as in the workbook (or the CSV file's name)
    header_row: int            # 1-based row number of the header
    headers: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)  # (1-based row number, cells)


def _is_empty(cells) -> bool:
    for c in cells:
        if c is not None and not (isinstance(c, str) and not c.strip()):
            return False
    return True


def _table(layout: SheetLayout, name: str, raw_rows) -> Table | None:
    """Header = the first non-empty row; data = the non-empty rows after it.  Empty cells may be "" or None
    (the converters treat both as empty)."""
    header_row = None
    headers: list[str] = []
    rows = []
    for number, cells in enumerate(raw_rows, start=1):
        if not any(cells) or _is_empty(cells):  # any(): fast for the common case; _is_empty: blanks only
            continue
        if header_row is None:
            header_row = number
            headers = ["" if c is None else str(c).strip() for c in cells]
            continue
        rows.append((number, cells))
    if header_row is None:
        return None
    return Table(layout, name, header_row, headers, rows)


def iter_xlsx(path: Path, collected: list[Table] | None = None) -> Iterator[Table]:
    """The template's sheets of a workbook in layout order (考生 first), read one ahead in a thread: calamine
    parses a sheet without holding the GIL, so the next sheet is read while this one is checked.
    Each table is also appended to ``collected`` (for the problem report)."""
    from concurrent.futures import ThreadPoolExecutor

    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    found = {}
    for name in workbook.sheet_names:
        layout = find_layout(name)
        if layout is not None and layout.kind not in found:
            found[layout.kind] = (layout, name)
    order = [found[layout.kind] for layout in SHEETS if layout.kind in found]

    def read(layout: SheetLayout, name: str) -> Table | None:
        return _table(layout, name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xlsx") as pool:
        futures = [pool.submit(read, layout, name) for layout, name in order]
        try:
            for future in futures:
                table = future.result()
                if table is not None:
                    if collected is not None:
                        collected.append(table)
                    yield table
        finally:
            for future in futures:
                future.cancel()


def read_xlsx(path: Path) -> list[Table]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    tables = []
    for name in workbook.sheet_names:
        layout = find_layout(name)
        if layout is None:
            continue  # instructions, a problem list, anything else
        sheet = workbook.get_sheet_by_name(name)
        table = _table(layout, name, sheet.to_python(skip_empty_area=False))
        if table is not None:
            tables.append(table)
    return tables


def _read_csv_rows(path: Path) -> list[list]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(f"{path.name}: not UTF-8 or GB18030 text")
    return [row for row in csv.reader(text.splitlines())]


def read_csv(path: Path) -> list[Table]:
    """A CSV holds one sheet: the 考生 sheet, unless its name ends in -学历 / -工作经历 / -证书 / -职称.

    Sibling files ``NAME-学历.csv`` etc. beside ``NAME.csv`` are read with it.
    """
    tables = []
    stem = path.stem
    own = next((s for s in SHEETS if stem.endswith("-" + s.name)), None)
    if own is not None:
        files = [(own, path)]
    else:
        files = [(SHEETS[0], path)] + [(s, path.with_name(f"{stem}-{s.name}{path.suffix}")) for s in SHEETS[1:]]
    for layout, file in files:
        if not file.exists():
            continue
        table = _table(layout, file.name, _read_csv_rows(file))
        if table is not None:
            tables.append(table)
    return tables
