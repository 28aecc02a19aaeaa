"""Issue 15, "readers bounded by the data present", beyond the applicant import: the score-sheet and 考务
resources workbooks are opened whole by calamine / openpyxl, and a workbook's shared strings are read whole
by calamine when it opens any workbook.  A few KB claiming a vast grid, or a zip bomb in a part other than a
sheet, must be refused with a message before any reader allocates it (the crash cases run in a child
process, where an abort cannot hide)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from eligibility_desk.services.records import xlsx_scan
from eligibility_desk.services.records.sheets import WorkbookRefused, check_workbook
from tests.services.helpers import roster, write_workbook

ROOT = Path(__file__).resolve().parents[3]


def far_workbook(path: Path, title: str, header: list[str], far_cell: str) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    ws[far_cell] = "x"
    wb.save(path)
    assert path.stat().st_size < 20_000
    return path


def shared_strings_bomb(source: Path, target: Path, size: int) -> Path:
    """``source`` with an ``xl/sharedStrings.xml`` of ``size`` bytes uncompressed (a few hundred KB in the zip)."""
    unit = b"<si><t>x</t></si>" * 4096
    head = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    pack = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc, written, chunks = zlib.crc32(head), len(head), [pack.compress(head)]
    while written < size:
        chunks.append(pack.compress(unit))
        crc = zlib.crc32(unit, crc)
        written += len(unit)
    chunks.append(pack.compress(b"</sst>"))
    crc, written = zlib.crc32(b"</sst>", crc), written + 6
    chunks.append(pack.flush())
    data = b"".join(chunks)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "xl/sharedStrings.xml":
                out.writestr(info, src.read(info))
        info = zipfile.ZipInfo("xl/sharedStrings.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        # the deflated stream as it is: written raw, with its true size and CRC in the headers
        out.writestr(info, b"")            # a placeholder entry, replaced below
    _replace_member(target, "xl/sharedStrings.xml", data, written, crc)
    return target


def _replace_member(path: Path, name: str, deflated: bytes, size: int, crc: int) -> None:
    """Rewrite ``path`` with ``name``'s entry holding an already deflated stream (zipfile cannot take one)."""
    import struct

    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist() if info.filename != name]
    body, central = bytearray(), bytearray()
    entries = [(info.filename.encode(), zlib.compress(data)[2:-4], len(data), zlib.crc32(data)) for info, data in members]
    entries.append((name.encode(), deflated, size, crc))
    for filename, stream, length, check in entries:
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, check, len(stream), length, len(filename), 0)
        body += filename + stream
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, check, len(stream), length,
                               len(filename), 0, 0, 0, 0, 0, offset)
        central += filename
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(body), 0)
    path.write_bytes(bytes(body + central + end))


def _in_child(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


_RESOURCES = r"""
import sys
from datetime import date
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.sheets import WorkbookRefused
from eligibility_desk.services.sessions.resources import ResourceService
from eligibility_desk.services.sessions.session_service import SessionService
from tests.account_helpers import actor
desk = Desk.open(sys.argv[1], actor("考务员"))
batch = desk.create_batch("秋季", "4-07-02-06", ["4"], date(2025, 9, 1))
rules = SessionService.from_desk(desk).rules_for(batch)
service = ResourceService(desk.db, desk.actor, rules)
try:
    service.import_xlsx(sys.argv[2], batch, rules)
except WorkbookRefused as exc:
    print(exc.message("zh"))
    print(exc.message("en"))
    sys.exit(3)
"""


@pytest.mark.parametrize("far_cell", ["XFD1048576", "ZZ1000000", "BL1048576"])
def test_a_resources_workbook_claiming_a_vast_grid_is_refused_unread(tmp_path, far_cell):
    path = far_workbook(tmp_path / "资源.xlsx", "考场", ["考场编号", "名称", "座位数"], far_cell)
    done = _in_child(_RESOURCES, f"sqlite:///{tmp_path / 'r.sqlite3'}", path)
    assert done.returncode == 3, done.stderr[-2000:]
    zh, en = done.stdout.splitlines()
    assert f"资源.xlsx：工作表「考场」的数据区域 A1:{far_cell} 过大" in zh and "未读取" in zh
    assert f"sheet 考场: the area A1:{far_cell} is too large" in en


def test_the_resources_command_says_so_with_exit_status_2(tmp_path):
    path = far_workbook(tmp_path / "资源.xlsx", "考场", ["考场编号", "名称", "座位数"], "XFD1048576")
    people, work = roster(2)
    roster_path = tmp_path / "名单.xlsx"
    write_workbook(roster_path, {"考生": people, "工作经历": work})
    code = "import sys; from eligibility_desk.cli import main; sys.exit(main(sys.argv[1:]))"
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    from tests.account_helpers import ADMIN, add_accounts

    add_accounts(url)
    made = _in_child(code, "--db", url, "import", roster_path, "--batch", "秋季", "--standard", "4-07-02-06",
                     "--as-of", "2025-09-01", "--user", ADMIN)
    assert made.returncode == 0, made.stderr[-2000:]
    done = _in_child(code, "--db", url, "resources", "import", path, "--batch", "秋季", "--user", ADMIN)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "工作表「考场」的数据区域 A1:XFD1048576 过大" in done.stderr


_SCORES = r"""
import sys
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.scoring import scoring_rules
from eligibility_desk.services.records.sheets import WorkbookRefused
from eligibility_desk.services.scores.score_files import read_score_workbook
try:
    read_score_workbook(sys.argv[1], scoring_rules(RuleLibrary.load().get("4-07-02-06")))
except WorkbookRefused as exc:
    print(exc)
    sys.exit(3)
"""


def test_a_score_workbook_claiming_a_vast_grid_is_refused_before_calamine_reads_it(tmp_path):
    path = far_workbook(tmp_path / "成绩.xlsx", "成绩", ["座位号", "准考证号", "姓名", "理论知识考试"], "XFD1048576")
    done = _in_child(_SCORES, path)
    assert done.returncode == 3, done.stderr[-2000:]
    assert "成绩.xlsx：工作表「成绩」的数据区域 A1:XFD1048576 过大" in done.stdout
    source = (ROOT / "eligibility_desk/ui/scores/score_reports.py").read_text(encoding="utf-8")
    body = source[source.index("def import_sheet_scores"):]
    assert "read_score_workbook(path, rules)" in body and "import_scores_xlsx" not in body   # the window reads through it


def test_a_zip_bomb_in_the_shared_strings_is_refused_before_calamine_opens_the_workbook(tmp_path):
    """calamine reads xl/sharedStrings.xml whole when it opens a workbook, before any sheet is scanned."""
    people, work = roster(2)
    plain = tmp_path / "plain.xlsx"
    write_workbook(plain, {"考生": people, "工作经历": work})
    bomb = shared_strings_bomb(plain, tmp_path / "bomb.xlsx", xlsx_scan.MAX_OTHER_PART_BYTES + (1 << 20))
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(WorkbookRefused, match="无法作为 .xlsx 工作簿读取.*sharedStrings"):
        check_workbook(bomb)
    code = r"""
import sys
from datetime import date
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.importing import ImportFormatError
from tests.account_helpers import actor
desk = Desk.open(sys.argv[1], actor("录入员"))
batch = desk.create_batch("秋季", "4-07-02-06", ["4"], date(2025, 9, 1))
try:
    desk.import_file(sys.argv[2], batch)
except ImportFormatError as exc:
    print(exc)
    print(len(desk.applicant_rows()))
    sys.exit(3)
"""
    done = _in_child(code, f"sqlite:///{tmp_path / 'b.sqlite3'}", bomb)
    assert done.returncode == 3, done.stderr[-2000:]
    message, stored = done.stdout.splitlines()
    assert "bomb.xlsx：无法作为 .xlsx 工作簿读取" in message and "sharedStrings" in message
    assert stored == "0"


def test_an_entry_that_understates_its_size_is_read_to_the_end_of_its_stream(tmp_path):
    """A zip entry may state a small size (with the CRC of that much) over a longer stream; the scan reads
    what the stream holds, so it can never see less than another reader inflates."""
    path = tmp_path / "lying.xlsx"
    data = b"<row>" + b"x" * 300_000 + b"</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/worksheets/sheet1.xml", data)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        info.file_size, info.CRC = 1000, zlib.crc32(data[:1000])         # what a lying entry would state
        with archive.open(info) as fh:
            assert fh.read() == data[:1000]                               # zipfile alone believes it
        with pytest.raises(zipfile.BadZipFile):                           # the scan inflates all, CRC differs
            b"".join(xlsx_scan._pieces(archive, "xl/worksheets/sheet1.xml"))
        info.file_size, info.CRC = len(data), zlib.crc32(data)
        assert b"".join(xlsx_scan._pieces(archive, "xl/worksheets/sheet1.xml")) == data


def test_an_honest_workbook_passes_the_check(tmp_path):
    people, work = roster(3)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    check_workbook(path)
    with pytest.raises(WorkbookRefused, match="无法作为 .xlsx 工作簿读取"):
        check_workbook(_not_a_zip(tmp_path))


def _not_a_zip(tmp_path: Path) -> Path:
    path = tmp_path / "not.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    return path
