"""The sheet scan's inflater (xlsx_scan._pieces): ISA-L, where the ``isal`` package is, gives every part of every
workbook of the hostile corpus in the very pieces zipfile's own zlib gives — their sizes, their bytes, the same
error —, wherever the pieces are cut; a damaged stream is a ``BadZipFile`` naming the part, never zlib's or
ISA-L's own error (issue 15: such a workbook printed a traceback)."""

from __future__ import annotations

import hashlib
import importlib.util
import zipfile
import zlib
from pathlib import Path

import pytest

from eligibility_desk.services.records import xlsx_scan

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "benchmarks" / "hostile_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)
WORKBOOKS = sorted(name for name in corpus.cases() if name.endswith(".xlsx"))

needs_isal = pytest.mark.skipif(xlsx_scan._isal is None, reason="the isal package is not installed")


def _outcome(path: Path, limit: int = xlsx_scan.MAX_PART_BYTES) -> dict:
    """Each member's pieces (size and digest) or its error, as ``_pieces`` gives them."""
    out = {}
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return {"": ("not a zip", type(exc).__name__)}
    with archive:
        for member in archive.namelist():
            got = []
            try:
                for piece in xlsx_scan._pieces(archive, member, limit):
                    got.append((len(piece), hashlib.sha256(piece).hexdigest()[:16]))
                out[member] = ("pieces", got)
            except Exception as exc:  # noqa: BLE001 - the error, and the pieces before it, are what is compared
                if isinstance(exc.__cause__, (zlib.error, EOFError, *xlsx_scan._ISAL_ERRORS)):
                    # a damaged stream: each inflater words it its own way, and may find it a piece sooner
                    out[member] = ("damaged", type(exc), str(exc).startswith(f"{member}: "))
                else:
                    out[member] = ("error", got, type(exc), str(exc))
    return out


@needs_isal
@pytest.mark.parametrize("size", [997, 1 << 16])
def test_isal_gives_what_zipfile_gives_for_every_corpus_workbook(tmp_path, monkeypatch, size):
    monkeypatch.setattr(xlsx_scan, "PIECE_BYTES", size)
    differ = []
    for name in WORKBOOKS:
        path = corpus.make(tmp_path, name, big=False)
        fast = _outcome(path)
        with monkeypatch.context() as plain:
            plain.setattr(xlsx_scan, "_isal", None)
            slow = _outcome(path)
        if fast != slow:
            differ.append(name)
    assert differ == []


@needs_isal
@pytest.mark.parametrize("size", [1000, 4096, 4096 * 3, 5000, 70_000])
def test_a_wrong_crc_and_an_overflowing_part_are_found_alike(tmp_path, monkeypatch, size):
    """The CRC is checked once the stream ends, whether it ends on a piece's edge or within one; a part over the
    limit is refused at the same piece."""
    monkeypatch.setattr(xlsx_scan, "PIECE_BYTES", 4096)
    path = tmp_path / "crc.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        archive.writestr("xl/worksheets/sheet2.xml", b"\0" * size)
    raw = bytearray(path.read_bytes())
    local, central = raw.find(b"PK\x03\x04"), raw.find(b"PK\x01\x02")
    raw[local + 14:local + 18] = raw[central + 16:central + 20] = b"\0\0\0\1"   # sheet1's CRC, both headers
    path.write_bytes(bytes(raw))
    for limit in (xlsx_scan.MAX_PART_BYTES, size - 1, 4096):
        fast = _outcome(path, limit)
        with monkeypatch.context() as plain:
            plain.setattr(xlsx_scan, "_isal", None)
            assert _outcome(path, limit) == fast
    crc = _outcome(path)["xl/worksheets/sheet1.xml"]
    assert crc[0] == "error" and crc[2] is zipfile.BadZipFile and "CRC" in crc[3]
    assert _outcome(path, size - 1)["xl/worksheets/sheet2.xml"][2] is xlsx_scan.SheetPartError


@pytest.mark.parametrize("isal", [True, False])
@pytest.mark.parametrize("name", ["deflate-damaged-sheet.xlsx", "deflate-overlong-sheet.xlsx",
                                  "deflate-damaged-styles.xlsx"])
def test_a_damaged_stream_is_a_bad_zip_file_naming_its_part(tmp_path, monkeypatch, name, isal):
    if isal and xlsx_scan._isal is None:
        pytest.skip("the isal package is not installed")
    if not isal:
        monkeypatch.setattr(xlsx_scan, "_isal", None)
    path = corpus.make(tmp_path, name, big=False)
    with zipfile.ZipFile(path) as archive:
        damaged = "xl/styles.xml" if "styles" in name else "xl/worksheets/sheet1.xml"
        with pytest.raises(zipfile.BadZipFile, match=damaged) as caught:
            for _ in xlsx_scan._pieces(archive, damaged):
                pass
    assert isinstance(caught.value.__cause__, (zlib.error, EOFError, *xlsx_scan._ISAL_ERRORS))
