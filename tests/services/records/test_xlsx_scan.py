"""The sheet scan reads the XML a piece at a time: wherever the pieces are cut, it finds what the careful
parse finds (issue 15's bounded reader, made to stream)."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

from eligibility_desk.services.records import xlsx_scan


def sheet_xml(rows: list[list[tuple[str, str]]], tail: bytes = b"") -> bytes:
    """A worksheet part: ``rows`` of (reference, inline text) cells, as openpyxl writes them."""
    out = [b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<dimension ref="A1:B2"/><cols><col min="1" max="2" width="9"/></cols><sheetData>']
    for number, cells in enumerate(rows, start=1):
        out.append(b'<row r="%d">' % number)
        for ref, text in cells:
            if text.startswith("="):
                out.append(b'<c r="%s"><f>%s</f><v></v></c>' % (ref.encode(), escape(text[1:]).encode()))
            else:
                out.append(b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), escape(text).encode()))
        out.append(b"</row>")
    out.append(b"</sheetData>" + tail + b"<conditionalFormatting sqref=\"A1\"/></worksheet>")
    return b"".join(out)


def pieces(data: bytes, size: int):
    return [data[i:i + size] for i in range(0, len(data), size)]


ROWS = [[("A1", "身份证号码"), ("B1", "姓名")]] + [[(f"A{n}", f"1101{n:014d}"), (f"B{n}", "张三" * (n % 7))]
                                              for n in range(2, 60)]


@pytest.mark.parametrize("size", [1, 7, 16, 33, 100, 4096, 1 << 20])
@pytest.mark.parametrize("case", ["plain", "wide cell", "formula", "long text", "lower case", "wider within A-Z",
                                  "formula and wide cell", "comment"])
def test_every_cut_finds_what_the_careful_parse_finds(size, case):
    rows = [list(r) for r in ROWS]
    if case == "wide cell":
        rows[30].append(("AC31", "x"))
    elif case == "formula":
        rows[40][1] = ("B41", '=A3&"x"')
    elif case == "long text":
        rows[20][1] = ("B21", "长" * 20000)
    elif case == "lower case":
        rows[10][1] = ("zz11", "x")
    elif case == "wider within A-Z":
        rows[25].append(("K26", "x"))
    elif case == "formula and wide cell":
        rows[12][1] = ("B13", "=A1")
        rows[50].append(("AC51", "x"))
    data = sheet_xml(rows)
    if case == "comment":  # text that could look like a cell: left to the careful parse
        data = data.replace(b"</sheetData>", b'<!-- <row r="90"><c r="A90"/></row> --></sheetData>')
    careful = xlsx_scan._careful(data)
    found = xlsx_scan._quick(pieces(data, size))
    if case in ("lower case", "comment"):  # not the usual shape: left to the careful parse
        assert found is None and careful.columns == (702 if case == "lower case" else 2)
        return
    scan, formulas = found
    assert (scan.first_row, scan.last_row, scan.columns) == (careful.first_row, careful.last_row, careful.columns)
    assert formulas == bool(careful.formulas) == case.startswith("formula")
    assert careful.columns == {"wide cell": 29, "formula and wide cell": 29, "wider within A-Z": 11}.get(case, 2)


def test_a_second_cell_area_is_left_to_the_careful_parse():
    data = sheet_xml(ROWS, tail=b'<sheetData><row r="9"><c r="XFD9"><v>1</v></c></row></sheetData>')
    for size in (5, 64, 1 << 20):
        assert xlsx_scan._quick(pieces(data, size)) is None


def test_the_quick_search_finds_what_the_plain_alternation_finds():
    """xlsx_scan._unusual is written with look-behinds for speed; it stops where the plain alternation
    ``<(?:c(?! r="[A-E][0-9])|[!?]|f[ >/])`` (widest column E, formulas not yet seen) stops, on every
    widest column and both formula states, over strings built from the pieces that matter."""
    import random
    import re

    def plain(widest: int, formulas: bool) -> re.Pattern:
        cell = rb'c(?! r="[A-%s][0-9])' % bytes([64 + widest]) if 0 < widest <= 26 else rb"c"
        return re.compile(rb"<(?:%s|[!?]%s)" % (cell, b"" if formulas else rb"|f[ >/]"))

    def stops(pattern: re.Pattern, text: bytes) -> list[tuple[int, int]]:
        out, at = [], 0
        while (found := pattern.search(text, at)) is not None:
            out.append((found.start(), text[found.start() + 1]))
            at = found.end()
        return out

    rng = random.Random(15)
    atoms = [b"<c", b' r="', b"A", b"E", b"F", b"Z", b"AA", b"1", b"<f", b" ", b">", b"/", b"<!", b"<?", b"<",
             b'"', b'<c r="A1"', b"<row", b"<v>", b"</c>", b"<is>", b"<ff", b"<fo"]
    for _ in range(3000):
        text = b"".join(rng.choice(atoms) for _ in range(rng.randrange(1, 12)))
        widest, formulas = rng.choice([0, 1, 2, 5, 25, 26, 27]), rng.random() < 0.5
        assert stops(xlsx_scan._unusual(widest, formulas), text) == stops(plain(widest, formulas), text), text
