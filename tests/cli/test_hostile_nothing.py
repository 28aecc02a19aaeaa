"""An import with nothing to import is refused (issue 15), not "imported 0": every format — a workbook whose
考生 sheet has a header and no data (or only blank rows), a CSV file likewise (in every encoding the import
reads), interchange JSON with an empty ``applicants`` list.  Exit 1, a Chinese message naming the sheet or file,
the database unchanged (no batch created, no audit row).  A file whose applicants are all on file already and
unchanged is a legitimate re-import: accepted, counted as unchanged."""

from __future__ import annotations

import itertools
import json

import pytest

from eligibility_desk.cli import main
from tests.account_helpers import ADMIN
from tests.cli.test_hostile_other import digest, refused, run
from tests.services.helpers import roster, write_workbook

NEW_BATCH = ["--batch", "秋季", "--standard", "4-07-02-06", "--as-of", "2025-09-01"]
BLANKS = [None, "", " ", "\u3000", "\t"]           # what a blank cell is, as a clerk's file holds it



def _blank_rows(count: int, width: int, seed: int) -> list[list]:
    cycle = itertools.cycle(BLANKS[seed % len(BLANKS):] + BLANKS[:seed % len(BLANKS)])
    return [[next(cycle) for _ in range(width)] for _ in range(count)]


def _workbook_cases():
    """(name, sheets): a 考生 sheet with the template's header and 0–40 blank rows, alone or with the other
    (likewise empty) sheets."""
    for blank_rows, others in itertools.product((0, 1, 3, 40), (False, True)):
        sheets = {"考生": _blank_rows(blank_rows, 6, blank_rows)}
        if others:
            sheets.update({name: _blank_rows(blank_rows // 2, 5, 1) for name in ("学历", "工作经历", "证书", "职称")})
        yield f"wb-{blank_rows}-{'all' if others else 'one'}", sheets


def _csv_cases():
    """(name, bytes): the 考生 header alone or over blank lines or lines of empty fields, in each encoding."""
    header = "身份证号码,姓名,考生编号,申报等级,联系电话"
    bodies = {"header": header + "\n", "noeol": header, "crlf": header + "\r\n\r\n", "blank-lines": header + "\n\n\n",
              "commas": header + "\n,,,,\n , ,\u3000, ,\n", "quoted": header + '\n"","","","",""\n'}
    for (body, text), encoding in itertools.product(bodies.items(), ("utf-8", "utf-8-sig", "utf-16", "gb18030")):
        yield f"csv-{body}-{encoding}", text.encode(encoding)


def _json_cases():
    """(name, bytes): ``{"applicants": []}`` written in several ways."""
    texts = {"plain": '{"applicants": []}', "spaced": '\n{ "applicants" : [ ] }\n',
             "other-keys": '{"format": "eligibility-desk/1", "applicants": []}'}
    for (kind, text), encoding in itertools.product(texts.items(), ("utf-8", "utf-8-sig", "utf-16")):
        yield f"json-{kind}-{encoding}", text.encode(encoding)


def _write(tmp_path, case) -> tuple:
    name, content = case
    if name.startswith("wb-"):
        path = tmp_path / f"{name}.xlsx"
        write_workbook(path, content)
        return path, "考生"
    path = tmp_path / (f"{name}.csv" if name.startswith("csv-") else f"{name}.json")
    path.write_bytes(content)
    return path, path.name


CASES = list(_workbook_cases()) + list(_csv_cases()) + list(_json_cases())


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("existing", [False, True], ids=["new-batch", "existing-batch"])
def test_a_file_with_no_applicants_is_refused_and_nothing_changes(tmp_path, capsys, signed_in_db, case, existing):
    db = ["--db", str(signed_in_db)]
    capsys.readouterr()
    if existing:
        assert main([*db, "import", str(_existing_roster(tmp_path)), *NEW_BATCH, "--user", ADMIN]) == 0
        capsys.readouterr()
    path, place = _write(tmp_path, case)
    before = digest(signed_in_db)
    status, out, err = run([*db, "import", path, *NEW_BATCH, "--user", ADMIN], capsys)
    refused(status, err, place)
    assert status == 1 and out == ""
    assert "文件中没有考生" in err and "导入完成" not in out + err
    assert digest(signed_in_db) == before
    assert not list(tmp_path.glob("*问题报告*"))           # nothing to copy or mark: no problem report either
    status, out, _err = run([*db, "batches", "--user", ADMIN], capsys)
    assert ("秋季" in out) is existing


def _existing_roster(tmp_path):
    people, work = roster(3)
    path = tmp_path / "已有.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    return path


@pytest.mark.parametrize("case", [c for c in CASES if c[0].endswith(("utf-8", "-all"))], ids=lambda c: c[0])
def test_the_refusal_is_worded_in_english_too(tmp_path, capsys, signed_in_db, case):
    path, place = _write(tmp_path, case)
    status, _out, err = run(["--db", signed_in_db, "import", path, *NEW_BATCH, "--user", ADMIN, "--lang", "en"], capsys)
    assert status == 1 and "no applicants in the file" in err and place in err


def test_json_without_an_applicants_list_is_no_interchange_file(tmp_path, capsys, signed_in_db):
    """``{}`` is not the interchange format at all (no ``applicants``): a usage error (exit 2), as before."""
    path = tmp_path / "空对象.json"
    path.write_text("{}", encoding="utf-8")
    before = digest(signed_in_db)
    status, _out, err = run(["--db", signed_in_db, "import", path, *NEW_BATCH, "--user", ADMIN], capsys)
    refused(status, err, "空对象.json")
    assert status == 2 and "不是考生交换文件" in err
    assert digest(signed_in_db) == before


@pytest.mark.parametrize("kind", ["xlsx", "csv", "json"])
def test_a_file_whose_applicants_are_all_on_file_and_unchanged_is_a_legitimate_re_import(tmp_path, capsys, signed_in_db,
                                                                                        kind):
    people, work = roster(4)
    if kind == "xlsx":
        path = tmp_path / "名单.xlsx"
        write_workbook(path, {"考生": people, "工作经历": work})
    elif kind == "csv":
        path = tmp_path / "名单.csv"
        path.write_text("身份证号码,姓名,考生编号,申报等级\n" + "".join(f"{p[0]},{p[1]},{p[2]},{p[3]}\n" for p in people),
                        encoding="utf-8")
    else:
        path = tmp_path / "名单.json"
        path.write_text(json.dumps({"applicants": [
            {"id": p[2], "name": p[1], "id_number": p[0],
             "work": [{"occupation": "电子商务师", "employer": "某公司", "start": "2015-03-01", "end": None}]}
            for p in people]}, ensure_ascii=False), encoding="utf-8")
    db = ["--db", str(signed_in_db)]
    assert main([*db, "import", str(path), *NEW_BATCH, "--user", ADMIN, "--format", "json"]) == 0
    capsys.readouterr()
    status, out, err = run([*db, "import", path, *NEW_BATCH, "--user", ADMIN, "--format", "json"], capsys)
    assert status == 0, err
    counts = json.loads(out)
    assert (counts["read"], counts["created"], counts["updated"], counts["unchanged"]) == (4, 0, 0, 4)
