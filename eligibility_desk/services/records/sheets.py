"""Reading import files into plain tables: ``.xlsx`` with python-calamine (fast), ``.csv`` with the csv
module (UTF-8 with or without BOM, else GB18030 as Chinese Excel writes it).

A table is the sheet name, its header row (row number 1-based) and its data rows with their row numbers;
cell values as the reader gives them (text, numbers, dates) — interpretation is the validator's job.

Readers are bounded by the data present, never by what a file claims (docs/records.md, "Limits"): a sheet
over :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS` columns or (``.xlsx``) a grid of :data:`MAX_CELLS` cells from
its first cell to its last is refused unread, with a problem naming the sheet; formula cells are reported
as formulas (:mod:`.xlsx_scan`); a CSV field over :data:`MAX_CSV_FIELD` characters is refused with its row.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from eligibility_desk.services.records.import_layout import SHEETS, SheetLayout, find_layout
from eligibility_desk.services.summaries import ImportProblem

#: rows of one sheet or CSV file (Excel's own limit)
MAX_ROWS = 1_048_576
#: columns of one sheet (the template uses at most 8)
MAX_COLUMNS = 64
#: an .xlsx sheet's grid from its first cell to its last, rows × columns (calamine allocates all of it)
MAX_CELLS = 1 << 24
#: the grids of all the template sheets of one workbook together (calamine's grid and the Python rows built
#: from it take ~70 bytes a cell: a workbook of seven sheets each just under MAX_CELLS would need ~8 GB; the
#: benchmark workbooks of 100,000 applicants hold 1.9 and 3.3 million cells)
MAX_WORKBOOK_CELLS = 1 << 23
#: characters of one CSV field (the csv module's default limit; Excel's own cells stop at 32,767)
MAX_CSV_FIELD = 131_072
#: up to this many rows in all, the problem report copies every row; beyond, only rows with problems
#: (the import drops the others from memory once checked: see import_rows._checked_rows)
FULL_COPY_ROWS = 20_000
#: threads reading sheets with calamine at once (each with its own workbook object); with the scan's thread
#: and the checks on the caller's, the reading keeps both cores of a small machine busy
READERS = 2
#: the spreadsheet formats read (calamine reads .xls/.ods too, but their grids cannot be bounded first)
SPREADSHEETS = (".xlsx", ".xlsm")


@dataclass
class Table:
    layout: SheetLayout
    name: str                  # sheet name as in the workbook (or the CSV file's name)
    header_row: int            # 1-based row number of the header
    headers: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)  # (1-based row number, cells); None: dropped
    #: what the reader refused (a limit passed, formula cells), each naming its place
    problems: list[ImportProblem] = field(default_factory=list)
    #: (row, 1-based column) of cells already reported by the reader: not blamed again by the checks
    reported: set[tuple[int, int]] = field(default_factory=set)
    #: a CSV file's data rows still to come, read as they are checked (:func:`_csv_rows`); ``rows`` then
    #: keeps only what the problem report copies (see import_rows._streamed_rows) and ``size`` counts them all
    stream: Iterator[tuple[int, list]] | None = None
    size: int = 0
    expected: int = 0                          # about how many data rows the stream holds (for progress)
    #: what the CSV reader met part-way (a limit passed, a malformed record): the whole file is refused
    refusal: ImportProblem | None = None
    file: Any = field(default=None, repr=False)  # the open CSV file the stream reads
    #: the file's bytes may hold text the text policy refuses beyond ``str.isprintable`` (a Hangul filler, a
    #: variation selector, stacked accents …: domain.text_policy.SUSPECT_UTF8): every row of this table then
    #: takes the careful path, which applies the whole policy cell by cell (the fast paths test isprintable)
    careful: bool = False
    #: the last table :func:`iter_xlsx` gives (no sheet of the file left to read): its records may be handed to
    #: the write after the applicants are made complete (import_rows.parse_tables)
    last: bool = False

    @property
    def row_count(self) -> int:
        return self.size if self.stream is not None else len(self.rows)


def _refused(layout: SheetLayout, name: str, code: str, params: dict, row: int = 1, column: str = "",
             value: str = "") -> Table:
    """A sheet not read at all: no rows, one problem."""
    return Table(layout, name, 0, [], [], [ImportProblem(name, row, column, value, code, params)])


def _is_empty(cells) -> bool:
    for c in cells:
        if c is not None and not (isinstance(c, str) and not c.strip()):
            return False
    return True


#: non-empty rows searched for the header (a title or a note may stand above it)
HEADER_SEARCH = 20


def has_required_headers(layout: SheetLayout, cells) -> bool:
    """Whether a row holds every required column's header (as the checks match headers)."""
    from eligibility_desk.services.records.import_layout import header_key

    keys = {header_key(c) for c in cells if isinstance(c, str) and c}
    return all(header_key(c.header) in keys or c.key in keys for c in layout.columns if c.required)


def _header_first(layout: SheetLayout, numbered) -> tuple[int, list, list] | None:
    """The header among the first :data:`HEADER_SEARCH` non-empty rows of ``numbered`` ((number, cells)
    pairs, consumed up to it): the first holding every required column's header, else the first non-empty
    row.  Returns (its number, its cells, the non-empty rows read after it), or ``None`` for no row at all.
    Rows above a header found further down (a title, a note) are not data."""
    pending = []
    for number, cells in numbered:
        if not any(cells) or _is_empty(cells):  # any(): fast for the common case; _is_empty: blanks only
            continue
        pending.append((number, cells))
        if has_required_headers(layout, cells) or len(pending) == HEADER_SEARCH:
            break
    if not pending:
        return None
    at = len(pending) - 1 if has_required_headers(layout, pending[-1][1]) else 0
    return pending[at][0], pending[at][1], pending[at + 1:]


def _table(layout: SheetLayout, name: str, raw_rows) -> Table | None:
    """Header = the first row with the required headers among the first non-empty ones, else the first
    non-empty row (:func:`_header_first`); data = the non-empty rows after it.  Empty cells may be "" or
    None (the converters treat both as empty)."""
    numbered = enumerate(raw_rows, start=1)
    found = _header_first(layout, numbered)
    if found is None:
        return None
    header_row, cells, rows = found
    headers = ["" if c is None else str(c).strip() for c in cells]
    for number, cells in numbered:
        if not any(cells) or _is_empty(cells):  # any(): fast for the common case; _is_empty: blanks only
            continue
        rows.append((number, cells))
    return Table(layout, name, header_row, headers, rows)


def over_limits(scan) -> tuple[str, dict] | None:
    """The first limit a scanned sheet (:class:`.xlsx_scan.SheetScan`) passes, as a problem code and its
    parameters, or ``None``: the grid calamine would build stays within :data:`MAX_COLUMNS`,
    :data:`MAX_ROWS` and :data:`MAX_CELLS`."""
    from eligibility_desk.services.records.xlsx_scan import column_letters

    if scan.columns > MAX_COLUMNS:
        return "too_many_columns", {"value": column_letters(scan.columns), "limit": MAX_COLUMNS}
    if scan.last_row > MAX_ROWS or scan.rows > MAX_ROWS:
        return "too_many_rows", {"value": max(scan.last_row, scan.rows), "limit": MAX_ROWS}
    if scan.rows * scan.columns > MAX_CELLS or scan.last_row * scan.columns > MAX_CELLS:
        last = f"{column_letters(scan.columns)}{scan.last_row}"
        return "area_too_large", {"value": f"A1:{last}", "rows": scan.last_row, "columns": scan.columns,
                                  "limit": MAX_CELLS}
    return None


def iter_xlsx(path: Path, collected: list[Table] | None = None, arrival=None, meanwhile=None) -> Iterator[Table]:
    """The template's sheets of a workbook in layout order (考生 first), read ahead in :data:`READERS`
    threads: calamine parses a sheet without holding the GIL, so later sheets are read while this one is
    checked.  Each table is also put in ``collected`` (for the problem report), in layout order.

    Once ``arrival`` (a ``threading.Event``) is set, the sheets still to come are given in the order their reading
    ends (the earliest in layout order of those read), so that a small sheet read while a large one is still being
    read is checked meanwhile; an error reading a sheet is raised only once every sheet before it in layout order
    has been given — the error a caller taking them in layout order would meet first.

    Before calamine reads a sheet its XML is scanned (:func:`.xlsx_scan.scan_sheet`; on Linux, for a large
    workbook, in a child process per reader, :mod:`.xlsx_scan_child`, with the same result): a sheet over the limits
    comes back as a table with no rows and the problem; formula cells are reported as formulas.  Each
    reader thread scans a sheet and then reads it, taking the next sheet as it is free — the largest sheet
    first (its reading is the longest chain), then 考生 (the checks can start on it while the largest is still
    being read), then the others largest first (with ``arrival``, what is read sooner is checked sooner).  Each reader has its own workbook object (one reads one sheet
    at a time): a second one costs a second read of the shared strings, if the file has them (≈ 0.1 s CPU
    per 400,000).

    ``meanwhile`` (no arguments) is called once the readers have started, before the first sheet is waited for:
    the caller's own preparation overlaps the first sheet's scan and read (the import begins its transaction
    there); what it raises is raised here."""
    import bisect
    import threading
    import zipfile
    from concurrent.futures import Future

    from python_calamine import CalamineWorkbook

    from eligibility_desk.services.records import forked, xlsx_scan
    from eligibility_desk.services.records.xlsx_scan_child import ScanChild, scan_apart

    archive = zipfile.ZipFile(path)  # BadZipFile is a ValueError-free Exception: the caller words it
    try:
        parts = xlsx_scan.sheet_parts(archive)
        # calamine reads the shared strings at once: inflated and counted first, and searched for suspect text
        suspect = xlsx_scan.check_other_parts(archive, set(parts.values()))
    except Exception:
        archive.close()
        raise
    workbook = CalamineWorkbook.from_path(str(path))
    found = {}
    # a second sheet for the same kind (考生 and 考 生, or 考生 twice), or a hidden one: a problem of the sheet
    # read — the clerk must see, in Excel, every row imported
    notes: dict[str, list[ImportProblem]] = {}
    for sheet in workbook.sheets_metadata:
        name = sheet.name
        layout = find_layout(name)
        if layout is None:
            continue
        if layout.kind not in found:
            found[layout.kind] = (layout, name)
        else:
            first = found[layout.kind][1]
            notes.setdefault(layout.kind, []).append(ImportProblem(first, 1, "", name, "duplicate_sheet",
                                                                   {"value": name, "other": first}))
        if str(sheet.visible).rsplit(".", 1)[-1].lower() != "visible":
            notes.setdefault(layout.kind, []).append(ImportProblem(name, 1, "", name, "hidden_sheet",
                                                                   {"value": name}))
    order = [found[layout.kind] for layout in SHEETS if layout.kind in found]
    sizes = {info.filename: info.file_size for info in archive.infolist()}
    size = [sizes.get(parts.get(name), 0) for _, name in order]  # a part missing from the zip: the scan says so
    todo = list(range(len(order)))
    if todo:  # the largest, the first (考生), then the rest largest first (each in layout order among equals)
        largest = size.index(max(size))
        todo = [largest] + [n for n in [0] if n != largest] + sorted(
            (n for n in todo if n not in (largest, 0)), key=lambda n: -size[n])
    todo.reverse()  # taken from the end
    results = [Future() for _ in order]
    lock, stop = threading.Lock(), threading.Event()
    admitted = [0]  # cells of the sheets let through to calamine so far (MAX_WORKBOOK_CELLS)
    books: list = [workbook] + [None] * (READERS - 1)

    def read(zipped, book, scanner, layout: SheetLayout, name: str) -> Table | None:
        if name not in parts:
            raise xlsx_scan.SheetPartError(f"sheet {name}: no part")
        scan = scanner.scan(zipped, parts[name]) if scanner is not None else xlsx_scan.scan_sheet(zipped, parts[name])
        over = over_limits(scan)
        if over is not None:
            return _refused(layout, name, *over)
        with lock:
            admitted[0] += scan.rows * scan.columns
            total = admitted[0]
        if total > MAX_WORKBOOK_CELLS:  # refused unread: the sheets already read stay within the limit
            return _refused(layout, name, "workbook_too_large", {"value": f"{total:,}", "limit": f"{MAX_WORKBOOK_CELLS:,}"})
        if scan.out_of_range:  # calamine would abort reading it: the sheet is refused unread, at those cells
            return _unreadable(layout, name, scan.out_of_range)
        table = _table(layout, name, _cells(book, name))
        if layout.kind in notes:
            table = table or Table(layout, name, 0, [], [])
            table.problems.extend(notes[layout.kind])
        if table is None:
            return _refused(layout, name, "empty_sheet", {"value": name}) if layout is SHEETS[0] else None
        table.careful = suspect or scan.suspect
        if scan.formulas or scan.errors:
            _report_cells(table, scan.formulas, "formula")
            _report_cells(table, scan.errors, "error_value")
        return table

    def reader(slot: int) -> None:
        # one sheet after another, each scanned then read; calamine's parse holds no GIL.  Each reader has
        # its own ZipFile too (opening members of one from two threads races on its count of open handles)
        zipped = archive if slot == 0 else None
        try:
            forked.give_way()   # reading ahead: below the checks (forked.HELPERS_NICE)
            while not stop.is_set():
                with lock:
                    if not todo:
                        return
                    n = todo.pop()
                result = results[n]
                if not result.set_running_or_notify_cancel():
                    continue
                try:
                    if zipped is None:
                        zipped = zipfile.ZipFile(path)
                    if books[slot] is None:
                        books[slot] = CalamineWorkbook.from_path(str(path))
                    result.set_result(read(zipped, books[slot], scanners[slot], *order[n]))
                except BaseException as exc:  # handed to the caller in layout order, as it reaches this sheet
                    result.set_exception(exc)
        finally:
            if zipped is not None and zipped is not archive:
                zipped.close()
            if scanners[slot] is not None:  # no sheet left for it: ended now (each page this process writes while
                scanners[slot].close()      # a child lives is copied first)

    threads = [threading.Thread(target=reader, args=(slot,), name=f"xlsx-{slot}", daemon=True)
               for slot in range(min(READERS, len(order)))]
    # each reader's scans in a child process of its own where that is safe (xlsx_scan_child.py: the scans' GIL-held
    # searches leave this process's GIL to the checks), forked before any reader starts
    scanners: list = [None] * len(threads)
    try:
        try:
            if scan_apart(archive, [parts[name] for _, name in order if name in parts]):
                for slot in range(len(threads)):
                    scanners[slot] = ScanChild(path)
        except OSError:  # no fork now (out of processes or memory): the readers scan here, with the same result
            pass
        for thread in threads:
            thread.start()
        if meanwhile is not None:
            meanwhile()
        waiting = list(range(len(results)))   # the sheets not given yet, by their place in ``order``
        placed: list[int] = []                 # the places of the tables put in ``collected``, in its order
        while waiting:
            n = _next_sheet(results, waiting, arrival is not None and arrival.is_set())
            waiting.remove(n)
            table = results[n].result()
            if table is not None:
                table.last = not waiting
                if collected is not None:  # in layout order, whatever the order given
                    at = bisect.bisect(placed, n)
                    placed.insert(at, n)
                    collected.insert(at, table)
                yield table
    finally:
        stop.set()
        for result in results:
            result.cancel()
        for thread in threads:
            if thread.ident is not None:  # started (a thread that could not start is not waited for)
                thread.join()
        for scanner in scanners:
            if scanner is not None:
                scanner.close()
        archive.close()


def _next_sheet(results: list, waiting: list[int], by_arrival: bool) -> int:
    """Which of the ``waiting`` sheets (places in layout order; their futures in ``results``) :func:`iter_xlsx`
    gives next: the first waiting; ``by_arrival``, the first of them read without an error, or the first waiting
    itself once it is read — waiting for a reader until one of them is."""
    if not by_arrival:
        return waiting[0]
    from concurrent.futures import FIRST_COMPLETED, wait

    while True:
        for n in waiting:
            future = results[n]
            if future.done() and (n == waiting[0] or future.exception() is None):
                return n
        wait([results[n] for n in waiting if not results[n].done()], return_when=FIRST_COMPLETED)


class WorkbookRefused(ValueError):
    """A workbook refused before any reader opens it: too large an area, a zip bomb, not a workbook.
    ``message(lang)`` words it (the exception's own text is the Chinese)."""

    def __init__(self, zh: str, en: str):
        super().__init__(zh)
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


def check_workbook(path: Path | str) -> None:
    """Scan a workbook that another reader (openpyxl, calamine) is about to open whole — score sheets, the
    考务 resources: its parts are inflated and counted first and every sheet's area is measured from its XML
    (:mod:`.xlsx_scan`), so a file of a few KB claiming a vast grid or hiding a zip bomb is refused with a
    message instead of exhausting memory.  The limits are those of the applicant import (docs/records.md).
    Raises :class:`WorkbookRefused`."""
    import zipfile

    from eligibility_desk.services.records import xlsx_scan

    file = Path(path).name
    try:
        with zipfile.ZipFile(path) as archive:
            parts = xlsx_scan.sheet_parts(archive)
            xlsx_scan.check_other_parts(archive, set(parts.values()))
            for name, member in parts.items():
                scan = xlsx_scan.scan_sheet(archive, member)
                if over_limits(scan) is not None:
                    last = f"{xlsx_scan.column_letters(scan.columns)}{scan.last_row}"
                    raise WorkbookRefused(
                        f"{file}：工作表「{name}」的数据区域 A1:{last} 过大（上限 {MAX_ROWS:,} 行、{MAX_COLUMNS} 列、"
                        f"{MAX_CELLS:,} 个单元格），未读取",
                        f"{file}: sheet {name}: the area A1:{last} is too large (limits {MAX_ROWS:,} rows, "
                        f"{MAX_COLUMNS} columns, {MAX_CELLS:,} cells); nothing was read")
    except (zipfile.BadZipFile, xlsx_scan.SheetPartError, KeyError, EOFError) as exc:
        raise WorkbookRefused(f"{file}：无法作为 .xlsx 工作簿读取（{exc}）",
                              f"{file}: cannot be read as an .xlsx workbook ({exc})") from None


def _cells(book, name: str) -> list[list]:
    """A sheet's rows as calamine reads them.  A panic inside calamine (a value it cannot convert that the
    scan did not foresee) is a :class:`.xlsx_scan.SheetPartError` naming the sheet, not a crash: pyo3's
    ``PanicException`` derives from ``BaseException``, past every ``except Exception``."""
    from eligibility_desk.services.records.xlsx_scan import SheetPartError

    try:
        return book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except BaseException as exc:
        if exc.__class__.__name__ != "PanicException" and not exc.__class__.__module__.startswith("python_calamine"):
            raise
        raise SheetPartError(f"工作表「{name}」无法读取（{exc.__class__.__name__}：{str(exc)[:200]}）") from None


def _unreadable(layout: SheetLayout, name: str, cells: dict[tuple[int, int], str]) -> Table:
    """A sheet not read because of numbers calamine cannot read: a problem at each such cell, named by its
    column letter (the header is not read)."""
    from eligibility_desk.services.records.xlsx_scan import column_letters

    table = Table(layout, name, 0, [], [])
    for (row, column), text in sorted(cells.items())[:100]:
        table.problems.append(ImportProblem(name, row, column_letters(column), text[:40], "number_out_of_range",
                                            {"value": text[:40]}, column))
    return table


def _report_cells(table: Table, cells: dict[tuple[int, int], str], code: str) -> None:
    """Each formula or error cell at or below the header: a ``formula`` / ``error_value`` problem at its cell
    (its cached value, or none, is not imported)."""
    from eligibility_desk.domain.text_policy import visible

    for (row, column), text in sorted(cells.items()):
        if row < table.header_row:
            continue
        header = table.headers[column - 1] if column - 1 < len(table.headers) else ""
        if not header:  # a column without a header: named by its letter
            from eligibility_desk.services.records.xlsx_scan import column_letters

            header = column_letters(column)
        table.problems.append(ImportProblem(table.name, row, header, visible(text), code, {"value": visible(text)},
                                            column))
        table.reported.add((row, column))


def _csv_table(layout: SheetLayout, file: Path) -> Table:
    """A CSV file as a table: records read by the csv module over the decoded text (a quoted field keeps its
    line breaks; U+2028 and form feeds are text, not line ends); row numbers count records, as a
    spreadsheet opening the file shows them.  The header is read here; the data rows are read as they are
    checked (``Table.stream``): a 1,000,000-row file is never held whole, as text or as rows.  The
    encoding (UTF-8, else GB18030) is settled first, over the whole file, so a later line cannot change it."""
    encoding, lines, suspect = _encoding(file)
    fh = None
    try:
        for delimiter in DELIMITERS:
            if fh is not None:
                fh.close()
            fh = open(file, encoding=encoding, newline="")
            reader = csv.reader(fh, delimiter=delimiter, strict=True)
            number = 0
            try:
                for number, record in enumerate(reader, start=1):
                    found = _record_limit(number, record)
                    if found is not None:
                        return _refused(layout, file.name, *found)
                    if any(record) and not _is_empty(record):
                        break
                else:
                    return _refused(layout, file.name, "empty_file", {}, row=1)
            except csv.Error as exc:
                return _refused(layout, file.name, *_csv_error(exc, number + 1))
            if has_required_headers(layout, record):
                break
            if delimiter == ",":
                # one field: a file separated by semicolons or tabs (Excel in some locales) is read with them
                # when its header splits into the required headers; otherwise it is read as written
                if len(record) > 1 or not any(d in record[0] for d in DELIMITERS[1:]):
                    break
                first = (number, record)
        else:
            fh.close()
            fh = open(file, encoding=encoding, newline="")
            reader = csv.reader(fh, strict=True)
            for _ in range(first[0]):
                next(reader)
            number, record = first
        table = Table(layout, file.name, number, [c.strip() for c in record], [], expected=max(1, lines - number),
                      careful=suspect)
        table.stream, table.file = _csv_rows(table, fh, reader, number), fh
        fh = None  # the stream closes it (or close_streams)
        return table
    finally:
        if fh is not None:
            fh.close()


#: the field separators a CSV file may use: the comma, else (when the header splits into the required headers
#: with it) a semicolon or a tab
DELIMITERS = (",", ";", "\t")


def _encoding(file: Path) -> tuple[str, int, bool]:
    """The file's encoding (UTF-16 with its BOM; UTF-8 with or without BOM; else GB18030, as Chinese Excel
    saves CSV), its number of line feeds, and whether it may hold text the text policy refuses beyond
    ``str.isprintable`` (``Table.careful``) — from one pass over its bytes a piece at a time.  A file with NUL
    bytes in its first line but no BOM (UTF-16 without a BOM, or not text at all) is refused."""
    import codecs

    from eligibility_desk.domain.text_policy import SUSPECT_CHARS, SUSPECT_UTF8_SPAN, suspect_utf8

    with open(file, "rb") as fh:
        head = fh.read(4096)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise WorkbookRefused(f"{file.name}：是 UTF-32 编码的文本，请另存为 UTF-8 或 GB18030 编码的 CSV",
                              f"{file.name}: UTF-32 text; save it as UTF-8 or GB18030 CSV")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    elif head.count(b"\x00") > len(head) // 8:
        raise WorkbookRefused(f"{file.name}：含大量 NUL 字节，不是文本（或是没有 BOM 的 UTF-16），"
                              "请另存为 UTF-8 或 GB18030 编码的 CSV",
                              f"{file.name}: many NUL bytes: not text (or UTF-16 without a BOM); save it as UTF-8 CSV")
    else:
        candidates = ("utf-8-sig", "gb18030")
    overlap = SUSPECT_UTF8_SPAN - 1
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        lines = 0
        suspect = False
        carry = b""
        try:
            with open(file, "rb") as fh:
                while piece := fh.read(1 << 20):
                    text = decoder.decode(piece)
                    lines += text.count("\n") if encoding == "utf-16" else piece.count(b"\n")
                    if not suspect:  # the UTF-8 bytes searched as they are; other encodings once decoded
                        suspect = (suspect_utf8(carry + piece[:overlap]) or suspect_utf8(piece)
                                   if encoding == "utf-8-sig" else SUSPECT_CHARS.search(text) is not None)
                        carry = piece[-overlap:]
                decoder.decode(b"", final=True)
            return encoding, lines, suspect
        except UnicodeDecodeError:
            continue
    raise WorkbookRefused(f"{file.name}：不是 UTF-8、UTF-16 或 GB18030 编码的文本，请另存为 UTF-8 编码的 CSV",
                          f"{file.name}: not UTF-8, UTF-16 or GB18030 text; save it as UTF-8 CSV")


def _record_limit(number: int, record: list) -> tuple[str, dict, int] | None:
    if number > MAX_ROWS:
        return "too_many_rows", {"value": f"{MAX_ROWS:,}+", "limit": MAX_ROWS}, 1
    if len(record) > MAX_COLUMNS:
        return "too_many_columns", {"value": len(record), "limit": MAX_COLUMNS}, number
    return None


#: the csv module's errors (strict mode) in Chinese
_CSV_ERRORS = {"unexpected end of data": "引号未闭合：从本行起直到文件末尾都在一对引号里",
               "expected after '\"'": "引号后应紧跟分隔符（逗号）或换行：引号内的引号请写成两个引号 \"\""}


def _csv_error(exc: csv.Error, row: int) -> tuple[str, dict, int]:
    """A record the csv module refuses (strict: an unterminated quote is not the rest of the file read as one
    field, and ``"abc"def`` is not silently ``abcdef``) as a problem code at its row."""
    text = str(exc)
    if "field larger than field limit" in text:
        return "cell_too_long", {"limit": MAX_CSV_FIELD}, row
    words = next((zh for en, zh in _CSV_ERRORS.items() if en in text), None)
    return "bad_csv", {"value": f"{words}（{text}）" if words else text}, row


def _csv_rows(table: Table, fh, reader, number: int) -> Iterator[tuple[int, list]]:
    """The data rows after the header (empty records skipped), counted in ``table.size``.  A record past a
    limit, or one the csv module cannot read, ends the stream with ``table.refusal`` set."""
    with fh:
        try:
            for number, record in enumerate(reader, start=number + 1):
                if len(record) > MAX_COLUMNS or number > MAX_ROWS:
                    code, params, row = _record_limit(number, record)
                    table.refusal = ImportProblem(table.name, row, "", "", code, params)
                    return
                if not any(record) or _is_empty(record):
                    continue
                table.size += 1
                yield number, record
        except csv.Error as exc:
            code, params, row = _csv_error(exc, number + 1)
            table.refusal = ImportProblem(table.name, row, "", "", code, params)


def read_csv(path: Path) -> list[Table]:
    """A CSV holds one sheet: the 考生 sheet, unless its name ends in -学历 / -工作经历 / -证书 / -职称.

    Sibling files ``NAME-学历.csv`` etc. beside ``NAME.csv`` are read with it.  An empty 考生 file is a
    problem (``empty_file``); an empty sibling is no rows.  Each table's rows are read as they are checked
    (``Table.stream``); :func:`close_streams` closes what was not read to the end.
    """
    tables = []
    stem = path.stem
    own = next((s for s in SHEETS if stem.endswith("-" + s.name)), None)
    if own is not None:
        files = [(own, path)]
    else:
        files = [(SHEETS[0], path)] + [(s, path.with_name(f"{stem}-{s.name}{path.suffix}")) for s in SHEETS[1:]]
    for layout, file in files:
        if file is not path and not file.exists():
            continue
        if file.is_dir():
            raise WorkbookRefused(f"{file.name}：是文件夹，不是 CSV 文件", f"{file.name}: a folder, not a CSV file")
        table = _csv_table(layout, file)
        if table.problems and table.problems[0].code == "empty_file" and file is not path:
            continue
        tables.append(table)
    return tables


def close_streams(tables: list[Table]) -> None:
    """Close the files of CSV tables not read to the end (an import cancelled or refused part-way)."""
    for table in tables:
        if table.stream is not None:
            table.stream.close()
            table.file.close()
