"""What an ``.xlsx`` sheet holds, found from its XML before python-calamine reads it.

calamine builds a sheet as one dense grid from its first cell to its last (in document order for rows,
smallest to largest for columns), whatever lies between: a 13 KB file with a header and one cell at
XFD1048576 asks for 549 GB and aborts the process.  :func:`scan_sheet` reads the sheet's XML part (zip
member) and returns the grid calamine will build — rows from the first to the last cell, the largest
column — and the cells holding formulas, so the caller refuses a sheet over the limits before calamine
allocates anything, and reports formula cells as formulas.

The common writers (Excel, WPS, LibreOffice, openpyxl) start every cell with ``<c r="A1"``; for those the
scan is a handful of C-speed searches over the bytes.  Any other shape (namespace prefixes, cells without a
reference, single quotes) takes the careful way: the XML parsed with expat, counting positions as calamine
does.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from posixpath import join, normpath
from xml.etree.ElementTree import XMLPullParser

#: an uncompressed sheet part larger than this is refused unread (a zip bomb, not a roster)
MAX_PART_BYTES = 1 << 30

_REF = re.compile(rb'^([A-Za-z]{1,3})([0-9]{1,7})$')
_FIRST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_FORMULA = re.compile(rb"<f[ >/]")
_PREFIXED = re.compile(rb":(?:c|row)[ >/]")


class SheetPartError(ValueError):
    """The workbook's structure cannot be followed (a missing or oversized part)."""


@dataclass
class SheetScan:
    first_row: int = 0          # 1-based, 0 when the sheet has no cell
    last_row: int = 0
    columns: int = 0            # the largest 1-based column of any cell (or 26 for "A–Z", see _quick)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) 1-based -> formula

    @property
    def rows(self) -> int:
        return self.last_row - self.first_row + 1 if self.last_row else 0


def column_number(letters: bytes | str) -> int:
    n = 0
    for ch in (letters.decode() if isinstance(letters, bytes) else letters).upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML (from xl/workbook.xml and its relationships)."""
    from xml.etree.ElementTree import fromstring

    def small(name: str) -> bytes:
        info = archive.getinfo(name)
        if info.file_size > 64 << 20:
            raise SheetPartError(f"{name}: {info.file_size} bytes")
        return archive.read(name)

    try:
        book = fromstring(small("xl/workbook.xml"))
        rels = fromstring(small("xl/_rels/workbook.xml.rels"))
    except KeyError as exc:
        raise SheetPartError(f"not an .xlsx workbook ({exc.args[0]})") from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels if r.tag.endswith("Relationship")}
    parts = {}
    for sheet in book.iter():
        if not sheet.tag.endswith("}sheet") and sheet.tag != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid)
        if target is None or sheet.get("name") is None:
            continue
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        parts[sheet.get("name")] = path
    return parts


def scan_sheet(archive: zipfile.ZipFile, member: str) -> SheetScan:
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise SheetPartError(f"missing part {member}") from None
    if info.file_size > MAX_PART_BYTES:
        raise SheetPartError(f"{member}: {info.file_size:,} bytes uncompressed")
    data = archive.read(member)
    start = data.find(b"<sheetData")
    if start < 0:  # a namespace prefix (<x:sheetData>) or no data: parse it
        return _careful(data)
    end = data.rfind(b"</sheetData>")
    body = data[start:end] if end > start else data[start:]
    if not _plain(body):
        return _careful(data)
    scan = _quick(body)
    if scan is None:
        return _careful(data)
    if _FORMULA.search(body):
        scan.formulas = _careful(data).formulas
    return scan


def _plain(body: bytes) -> bool:
    """Every cell starts ``<c r="``, with no namespace prefix and no other quoting: the quick scan is exact."""
    # b"<c" inside sheetData starts only <c> elements (rows are <row, values <v, <is, <t, <f)
    if body.count(b"<c") != body.count(b'<c r="'):
        return False
    return _PREFIXED.search(body) is None and b"r='" not in body


#: grids up to this many cells are not sized exactly when every column has one letter (≤ 26 columns)
exact_columns_above = 1 << 22


def _quick(body: bytes) -> SheetScan | None:
    first = _FIRST_CELL.search(body)
    if first is None:
        return SheetScan()
    last = _FIRST_CELL.match(body, body.rfind(b'<c r="'))
    if last is None:  # a reference the pattern does not take: the careful scan decides
        return None
    scan = SheetScan(int(first[2]), int(last[2]), 26)
    # the largest column: only references with the most letters can hold it.  With one letter (A–Z, the
    # usual case) the bound 26 is enough unless rows × 26 passes the cell limit: then it is found exactly.
    letters = 3 if re.search(rb'<c r="[A-Z]{3}', body) else 2 if re.search(rb'<c r="[A-Z]{2}', body) else 1
    if letters > 1 or scan.rows * 26 > exact_columns_above:
        found = set(re.findall(rb'<c r="([A-Z]{%d})[0-9]' % letters, body))
        scan.columns = max(map(column_number, found))
    return scan


def _careful(body: bytes) -> SheetScan:
    """Position by position, as calamine reads: a cell's ``r`` if it has one, else one past the previous
    cell in its row; a row's ``r`` if it has one, else one past the previous row."""
    scan = SheetScan()
    parser = XMLPullParser(events=("start", "end"))
    row = 0
    col = 0
    in_cell = None
    formula_text: list[str] = []
    in_formula = False
    parser.feed(body)
    for event, element in parser.read_events():
        tag = element.tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
        if event == "start":
            if tag == "row":
                r = element.get("r")
                row = int(r) if r and r.isdigit() else row + 1
                col = 0
            elif tag == "c":
                ref = element.get("r")
                if ref:
                    m = _REF.match(ref.encode())
                    if m is None:
                        raise SheetPartError(f"cell reference {ref[:20]!r}")
                    col, row_here = column_number(m[1]), int(m[2])
                else:
                    col, row_here = col + 1, row
                in_cell = (row_here, col)
                if scan.first_row == 0:
                    scan.first_row = row_here
                scan.last_row = row_here
                scan.columns = max(scan.columns, col)
            elif tag == "f" and in_cell is not None:
                in_formula = True
        else:
            if tag == "f" and in_formula:
                formula_text.append(element.text or "")
                scan.formulas[in_cell] = "=" + "".join(formula_text)
                formula_text.clear()
                in_formula = False
            elif tag == "c":
                in_cell = None
            element.clear()
    return scan
