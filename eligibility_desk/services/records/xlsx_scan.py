"""What an ``.xlsx`` sheet holds, found from its XML before python-calamine reads it.

calamine builds a sheet as one dense grid from its first cell to its last (in document order for rows,
smallest to largest for columns), whatever lies between: a 13 KB file with a header and one cell at
XFD1048576 asks for 549 GB and aborts the process.  :func:`scan_sheet` reads the sheet's XML part (zip
member) and returns the grid calamine will build — rows from the first to the last cell, the largest
column — and the cells holding formulas, so the caller refuses a sheet over the limits before calamine
allocates anything, and reports formula cells as formulas.

The part is inflated a piece (:data:`PIECE_BYTES`) at a time and never held whole.  The common writers
(Excel, WPS, LibreOffice, openpyxl) start every cell with ``<c r="A1"``; for those the scan is two C-speed
searches over each piece while it is in the CPU's cache (one for anything unusual — a cell of another shape
or beyond the columns seen so far, a formula, a comment —, one for namespace prefixes), and the columns are
found exactly.  Any other shape (namespace prefixes, cells without a reference or with other attributes
first, single quotes, comments, CDATA sections or processing instructions inside the cell area, whose text
could look like a cell) takes the careful way: the XML parsed with expat, counting positions as calamine
does.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Collection
from copy import copy
from dataclasses import dataclass, field
from posixpath import join, normpath
from xml.etree.ElementTree import XMLPullParser

#: an uncompressed sheet part larger than this is refused unread (a zip bomb, not a roster)
MAX_PART_BYTES = 1 << 30
#: any other XML part (shared strings, styles…) larger than this uncompressed is refused unread: the shared
#: strings of 100,000 applicants' records are tens of MB
MAX_OTHER_PART_BYTES = 256 << 20

from eligibility_desk.domain.text_policy import SUSPECT_UTF8_SPAN, suspect_utf8

#: what makes an XML part's cells worth checking one by one: the text policy's characters beyond
#: ``str.isprintable`` as UTF-8 (:func:`~eligibility_desk.domain.text_policy.suspect_utf8`), and the escapes
#: that could spell them (``&#x3164;``, OOXML's ``_x3164_``)
_OVERLAP = max(SUSPECT_UTF8_SPAN, 7) - 1
_LOOK_AT = 256


def _has(data: bytes, lead: bytes, whole: bytes, back: int = 0, start: int = 0, end: int | None = None) -> bool:
    """Whether ``whole`` occurs in ``data[start:end]``, where ``whole[back]`` is the byte ``lead``: the
    occurrences of that one byte are found with memchr and looked at (a two-byte ``find`` is several times
    slower than memchr); past :data:`_LOOK_AT` of them, one ``find`` of the whole."""
    end = len(data) if end is None else end
    find = data.find
    at = find(lead, start + back, end)
    seen = 0
    while at >= 0:
        if data.startswith(whole, at - back, end):
            return True
        seen += 1
        if seen > _LOOK_AT:
            return find(whole, at - back, end) >= 0
        at = find(lead, at + 1, end)
    return False


def _suspect_xml(data: bytes) -> bool:
    return suspect_utf8(data) or _has(data, b"&", b"&#") or _has(data, b"_", b"_x")
_NOT_UTF8 = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["'](?!utf-?8["'])""", re.IGNORECASE)


def suspect_bytes(pieces):
    """The pieces, passed on, and a list that gets ``True`` if any may hold text the text policy refuses
    beyond ``str.isprintable`` (or the part is not UTF-8, whose bytes the search cannot read): searched at C
    speed, a piece at a time, across their joins."""
    found = [False]

    def run():
        carry = b""
        first = True
        for piece in pieces:
            if not found[0]:
                if first and (piece[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in piece[:64]
                              or _NOT_UTF8.match(piece[:200])):
                    found[0] = True
                elif _suspect_xml(carry + piece[:_OVERLAP]) or _suspect_xml(piece):
                    found[0] = True
                carry = piece[-_OVERLAP:]
            first = False
            yield piece

    return run(), found


_REF = re.compile(rb'^([A-Za-z]{1,3})([0-9]{1,7})$')
_FIRST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_PREFIXED = re.compile(rb":(?:c|row)[ >/]")


#: the most negative number a sheet may hold: calamine turns a number in a date-formatted cell into a date
#: and panics (``TimeDelta::milliseconds out of bounds``) below about -1e11 days; no applicant's field is
#: negative at all, so a number under this is refused at its cell before calamine reads the sheet
LOWEST_NUMBER = -1e9


class SheetPartError(ValueError):
    """The workbook's structure cannot be followed (a missing or oversized part, XML that is not well formed)."""


def _xml(name: str, data: bytes):
    """A small part parsed whole (the workbook, its relationships); XML that is not well formed raises
    :class:`SheetPartError` naming the part."""
    from xml.etree.ElementTree import ParseError, fromstring

    try:
        return fromstring(data)
    except ParseError as exc:
        raise SheetPartError(f"{name}: XML 格式错误（{exc}）") from None


@dataclass
class SheetScan:
    first_row: int = 0          # 1-based, 0 when the sheet has no cell
    last_row: int = 0
    columns: int = 0            # the largest 1-based column of any cell (or 26 for "A–Z", see _quick)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) 1-based -> formula
    #: error cells (``t="e"``: ``#DIV/0!``, ``#N/A`` …), which calamine reads as empty: (row, column) -> the error
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    #: numbers calamine cannot read (below :data:`LOWEST_NUMBER`: as a date they overflow and abort the read)
    out_of_range: dict[tuple[int, int], str] = field(default_factory=dict)
    #: the part may hold text the text policy refuses beyond ``str.isprintable`` (:func:`suspect_bytes`): the
    #: import then checks this sheet's cells one by one (``Table.careful``)
    suspect: bool = False

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
    """Sheet name -> the zip member holding its XML (from xl/workbook.xml and its relationships).  A zip
    with two members of one name is refused: this scan and calamine could each read a different one."""
    names = archive.namelist()
    if len(names) != len(set(names)):
        twice = next(n for n in names if names.count(n) > 1)
        raise SheetPartError(f"压缩包中有重复的文件名 {twice[:100]}")
    def small(name: str) -> bytes:
        info = archive.getinfo(name)
        if info.file_size > 64 << 20:
            raise SheetPartError(f"{name}: {info.file_size} bytes")
        return archive.read(name)

    try:
        book = _xml("xl/workbook.xml", small("xl/workbook.xml"))
        rels = _xml("xl/_rels/workbook.xml.rels", small("xl/_rels/workbook.xml.rels"))
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


#: the sheet XML is inflated and scanned this many bytes at a time (each piece is searched while in cache;
#: a 1 GB part never sits in memory whole)
PIECE_BYTES = 1 << 20
#: every cell reference of a piece, when each is a plain one (checked by counting): its column letters
_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"')


def _unusual(widest: int, formulas: bool) -> re.Pattern:
    """What sends a piece of the cell area past the one search of :meth:`_Found.take`: a ``<c`` that is not
    ``<c r="`` with one capital letter up to the widest column seen so far (A–Z) and a digit (a wider column,
    or a cell of another shape), a formula (until the first is found), a comment, CDATA section or
    processing instruction (which could hold text looking like a cell).

    Written as ``<`` and one of ``!?cf`` with the exceptions as look-behinds after it: the engine then tries
    little at each of the many other ``<`` of the cell area (a fifth less time than an alternation there)."""
    plain = rb'(?<!<c(?= r="[A-%s][0-9]))' % bytes([64 + widest]) if 0 < widest <= 26 else b""
    formula = b"" if formulas else rb"(?<!<f(?![ >/]))"  # <f, <f>, <f/: a formula (not <family …>)
    return re.compile(rb"<[!?c%s]%s%s" % (b"" if formulas else b"f", plain, formula))


_UNUSUAL = {(n, f): _unusual(n, f) for n in range(27) for f in (False, True)}
#: the same once every cell of the piece is read (formulas found or not)
_REST = {False: re.compile(rb"<(?:[!?]|f[ >/])"), True: re.compile(rb"<[!?]")}


def _pieces(archive: zipfile.ZipFile, member: str, limit: int = MAX_PART_BYTES):
    """The member's bytes, inflated :data:`PIECE_BYTES` at a time (a part over ``limit`` — however its zip
    entry states its size — raises :class:`SheetPartError`).

    The whole compressed stream is inflated, not just the size the entry states: an entry that states a small
    size over a larger stream (whose CRC fits the stated part) would otherwise be scanned short while another
    reader inflates all of it.  The CRC of what was inflated is checked at the end (``BadZipFile``).

    zipfile opens the member (its local header, checked against the directory); a deflated one is then inflated
    here with ISA-L (:func:`_inflated`) where the ``isal`` package is there, else by zipfile itself with zlib.  A
    damaged stream — the inflater's own error, or compressed data running off the end of the file (``EOFError``)
    — is a ``BadZipFile`` naming the member, which the import words as a file it cannot read (before, zlib's
    error reached the user as a traceback)."""
    try:
        yield from _inflating(archive, member, limit)
    except (zlib.error, EOFError, *_ISAL_ERRORS) as exc:   # a damaged stream, or one running past the file's end
        raise zipfile.BadZipFile(f"{member}: {str(exc) or 'the compressed data ends early'}") from exc


def _inflating(archive: zipfile.ZipFile, member: str, limit: int):
    info = archive.getinfo(member)
    unbounded = copy(info)
    unbounded.file_size = _UNBOUNDED   # zipfile stops at the stated size: it is not to be trusted
    with archive.open(unbounded) as fh:
        raw = getattr(fh, "_fileobj", None)
        if (_isal is not None and info.compress_type == zipfile.ZIP_DEFLATED and raw is not None
                and getattr(fh, "_compress_left", None) == info.compress_size):
            yield from _inflated(raw, info, limit)
            return
        total = 0
        while True:
            piece = fh.read(PIECE_BYTES)
            if not piece:
                return
            total += len(piece)
            if total > limit:
                raise SheetPartError(f"{member}: over {limit:,} bytes uncompressed")
            yield piece


try:  # ISA-L's inflate: 2.6 times zlib's on sheet XML (0.017 against 0.045 s for the benchmark's largest sheet)
    from isal import isal_zlib as _isal
    _ISAL_ERRORS: tuple = (_isal.error,)
except ImportError:  # pragma: no cover - a dependency; zipfile's zlib is the fallback, with the same result
    _isal, _ISAL_ERRORS = None, ()
#: compressed bytes read from the file at a time
_RAW_READ = 1 << 18
#: the size zipfile is told a member has, so that it inflates its whole stream (the part's limit is checked here,
#: a piece at a time; told ``limit + 1``, zipfile cut a part over it short and then found its CRC wrong)
_UNBOUNDED = 1 << 62


def _inflated(raw, info: zipfile.ZipInfo, limit: int):
    """What :func:`_pieces` yields for a deflated member, ``raw`` its compressed bytes (a zipfile handle at their
    start): the same pieces, as zipfile gives them — each :data:`PIECE_BYTES` but the last; the stream inflated
    until it ends or its stated compressed size is used up (and what the inflater still holds is flushed out), a
    file that ends before then ``EOFError``, the CRC checked once it has ended (``BadZipFile``, the last piece
    unseen) — inflated by ISA-L instead of zlib."""
    inflate = _isal.decompressobj(-15)
    decompress, crc32 = inflate.decompress, _isal.crc32
    left, total, crc = info.compress_size, 0, 0
    size = PIECE_BYTES
    held: list[bytes] = []   # the piece being filled
    have = 0
    while True:
        data = inflate.unconsumed_tail     # the stream has not ended: a call that ends it returns below
        if not data and left > 0:
            data = raw.read(min(left, _RAW_READ))
            if not data:
                raise EOFError
            left -= len(data)
        if data:
            out = decompress(data, size - have)
            ended = inflate.eof
        else:   # its bytes used up: what the inflater still holds (ISA-L takes input ahead of its output)
            out = decompress(b"", size - have)
            ended = inflate.eof
            if not out:
                out, ended = inflate.flush(), True
        if out:
            crc = crc32(out, crc)
            held.append(out)
            have += len(out)
        if ended and crc != info.CRC:   # as zipfile: the read that ends the stream raises, its bytes unseen
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
        while have >= size or ended and have:
            whole = held[0] if len(held) == 1 else b"".join(held)
            rest = whole[size:]                 # only what a flush gave beyond the piece
            piece = whole[:size] if rest else whole
            total += len(piece)
            if total > limit:   # a piece at a time, as for zipfile's pieces (at most one piece more is held)
                raise SheetPartError(f"{info.filename}: over {limit:,} bytes uncompressed")
            yield piece
            held, have = ([rest] if rest else []), len(rest)
        if ended:
            return


def check_other_parts(archive: zipfile.ZipFile, sheets: Collection[str]) -> bool:
    """Every XML part but the sheets (shared strings, styles, the workbook and its relationships…) — which
    calamine and openpyxl read whole when they open a workbook — inflated and counted first: over
    :data:`MAX_OTHER_PART_BYTES`, or not what its entry says, raises :class:`SheetPartError` (a zip bomb in
    ``xl/sharedStrings.xml`` is refused before any reader allocates it).  Returns whether any of them may
    hold text the text policy refuses beyond ``str.isprintable`` (:func:`suspect_bytes`)."""
    suspect = False
    for info in archive.infolist():
        name = info.filename
        if name in sheets or not name.lower().endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_OTHER_PART_BYTES:
            raise SheetPartError(f"{name}: {info.file_size:,} bytes uncompressed")
        if _NO_CELL_TEXT.search(name):  # inflated and counted, not searched: no cell's text comes from there
            for _ in _pieces(archive, name, MAX_OTHER_PART_BYTES):
                pass
            continue
        pieces, found = suspect_bytes(_pieces(archive, name, MAX_OTHER_PART_BYTES))
        for _ in pieces:
            pass
        suspect = suspect or found[0]
    return suspect


#: parts no cell's text is read from (the theme spells its fonts' CJK names as ``&#…;``): the shared strings
#: and any part of another name are searched for suspect text
_NO_CELL_TEXT = re.compile(r"(?:^|/)(?:theme\d*|styles)\.xml$|^docProps/|\.rels$|^\[Content_Types\]\.xml$"
                           r"|^xl/workbook\.xml$", re.IGNORECASE)


def scan_sheet(archive: zipfile.ZipFile, member: str) -> SheetScan:
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise SheetPartError(f"missing part {member}") from None
    if info.file_size > MAX_PART_BYTES:
        raise SheetPartError(f"{member}: {info.file_size:,} bytes uncompressed")
    pieces, suspect = suspect_bytes(_pieces(archive, member))
    found = _quick(pieces)
    if found is None:  # an unusual shape: parsed, position by position
        pieces, suspect = suspect_bytes(_pieces(archive, member))
        scan = _careful(pieces)
        scan.suspect = suspect[0]
        return scan
    scan, details = found
    scan.suspect = suspect[0]
    if details:  # formulas, error cells or negative numbers: the careful parse collects them
        careful = _careful(_pieces(archive, member))
        scan.formulas, scan.errors, scan.out_of_range = careful.formulas, careful.errors, careful.out_of_range
    return scan


def _quick(pieces) -> tuple[SheetScan, bool] | None:
    """The scan from the bytes of ``<sheetData>`` when every cell there starts ``<c r="`` with a plain
    reference (and no namespace prefix, no single quotes), and whether a formula, an error cell or a negative
    number is there (for the careful parse to collect); ``None`` for any other shape.  Each piece is cut at its last ``<`` (the tag there goes with the next piece), so every
    searched-for pattern, each within one tag, lies whole in one piece; the piece is searched up to the cut
    in place (a slice would copy the megabyte)."""
    found = _Found()
    carry = b""
    state = 0           # 0: before <sheetData, 1: inside, 2: after </sheetData>
    for piece in pieces:
        buf = carry + piece if carry else piece
        if state == 0:
            at = buf.find(b"<sheetData")
            if at < 0:
                carry = buf[-16:]
                continue
            buf, state = buf[at:], 1
        if state == 2:
            if b"<sheetData" in buf:  # a second cell area: the careful way
                return None
            carry = buf[-16:]
            continue
        end = buf.find(b"</sheetData>")
        if end >= 0:
            cut, carry, state = end, buf[end:], 2
            if b"<sheetData" in carry:
                return None
        else:
            cut = buf.rfind(b"<")
            if cut <= 0:  # one long text or tag: searched up to near its end (no '<' in the overlap)
                if len(buf) < 4096:
                    carry = buf
                    continue
                cut = len(buf) - 32
                carry = buf[cut - 16:]
            else:
                carry = buf[cut:]
        if not found.take(buf, cut):
            return None
    if state == 0:  # no <sheetData> (a namespace prefix, or no cells at all): the careful way
        return None
    if state == 1 and carry and not found.take(carry, len(carry)):  # cut short: what there is
        return None
    return found.scan, found.formulas or found.details


class _Found:
    """What :func:`_quick` has found so far; :meth:`take` adds one piece of the cell area (``False``: a
    shape the quick scan does not read exactly)."""

    def __init__(self):
        self.scan = SheetScan()
        self.widest = 0       # the widest column so far
        self.formulas = False
        self.details = False  # a negative number (<v>-) or an error value (<v>#: t="e") seen

    def take(self, body: bytes, end: int) -> bool:
        """Add ``body[:end]`` (searched in place)."""
        # b"<c" inside sheetData starts only <c> elements (rows are <row, values <v, <is, <t, <f): one search
        # finds the first cell that is not a plain one within the columns seen, or anything else unusual
        # (in most pieces: nothing); the namespace prefixes a second
        widened = False   # every cell of this piece read (a wider column): only the rest is searched for
        unusual = _UNUSUAL.get((self.widest, self.formulas)) or _unusual(self.widest, self.formulas)
        found = unusual.search(body, 0, end)
        while found is not None:
            kind = body[found.start() + 1]
            if kind == 0x66:  # <f: the careful parse will collect the formulas
                self.formulas = True
            elif kind != 0x63 or widened or not self._widen(body, end):  # <! or <?, or a cell of another shape
                return False
            else:
                widened = True
            unusual = (_REST[self.formulas] if widened
                       else _UNUSUAL.get((self.widest, self.formulas)) or _unusual(self.widest, self.formulas))
            found = unusual.search(body, found.end(), end)
        if body.find(b":", 0, end) >= 0 and _PREFIXED.search(body, 0, end):  # memchr first: most cell areas
            return False                                                     # have no colon at all
        if not self.details and (_has(body, b"-", b"<v>-", 3, 0, end) or _has(body, b"#", b"<v>#", 3, 0, end)):
            self.details = True  # a negative number, an error cell (its value is #DIV/0!, #N/A …): memchr each
        at = body.rfind(b'<c r="', 0, end)
        if at < 0:
            return True
        scan = self.scan
        last = _FIRST_CELL.match(body, at, end)
        if scan.first_row == 0:
            first = _FIRST_CELL.search(body, 0, end)
            if first is None:
                return False
            scan.first_row = int(first[2])
        if last is None:
            return False
        scan.last_row = int(last[2])
        scan.columns = self.widest
        return True

    def _widen(self, body: bytes, end: int) -> bool:
        """The widest column from every cell of ``body[:end]``, when every ``<c`` is ``<c r="`` with a plain
        capital reference (else ``False``)."""
        letters = _LETTERS.findall(body, 0, end)
        if len(letters) != body.count(b"<c", 0, end):
            return False
        self.widest = max(self.widest, *map(column_number, set(letters)))
        return True


def _careful(pieces) -> SheetScan:
    """Position by position, as calamine reads: a cell's ``r`` if it has one, else one past the previous
    cell in its row; a row's ``r`` if it has one, else one past the previous row."""
    scan = SheetScan()
    parser = XMLPullParser(events=("start", "end"))
    row = 0
    col = 0
    in_cell = None
    kind = None          # the cell's t attribute
    formula_text: list[str] = []
    in_formula = False
    for event, element in _events(parser, [pieces] if isinstance(pieces, bytes) else pieces):
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
                kind = element.get("t")
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
            elif tag == "v" and in_cell is not None:
                _value(scan, in_cell, kind, (element.text or "").strip())
            elif tag == "c":
                in_cell = None
            element.clear()
    return scan


def _value(scan: SheetScan, cell: tuple[int, int], kind: str | None, text: str) -> None:
    """Note a cell's ``<v>`` if it is an error or a number calamine cannot read."""
    if kind == "e":
        scan.errors[cell] = text
    elif kind in (None, "n") and text.startswith("-"):
        try:
            number = float(text)
        except ValueError:
            return
        if number < LOWEST_NUMBER:
            scan.out_of_range[cell] = text


def _events(parser: XMLPullParser, pieces):
    """The parser's events as the pieces are fed to it (not closed: a part cut short yields what it has).
    XML that is not well formed (a mismatched tag, an entity expanding too much) raises
    :class:`SheetPartError` with expat's line and column."""
    from xml.etree.ElementTree import ParseError

    try:
        for piece in pieces:
            parser.feed(piece)
            yield from parser.read_events()
    except ParseError as exc:
        raise SheetPartError(f"XML 格式错误（{exc}）") from None
