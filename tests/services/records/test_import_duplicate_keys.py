"""Interchange JSON with a key given twice in one object is refused (issue 15), not the last one kept: at any
depth — a record's own key, a key of one of its records (``work[0].start``), the document's ``applicants`` —
with a problem naming the applicant (第 N 行 = the N-th record, their ID number where the record gives one)
and the key.  Generated over every key of every kind of object the format has; the cheap signal
(``interchange_keys.may_repeat``) never misses one, and a file with colons inside its texts (the signal's false
alarm) is still imported.  The command line exits 1 and leaves the database unchanged."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.domain.interchange_keys import key_count, may_repeat, repeated_keys
from eligibility_desk.services.records.desk import Desk
from tests.account_helpers import actor

RECORD = {"id": "A1", "name": "张三", "id_number": None, "education": [], "work": [], "certificates": [], "titles": []}
ITEMS = {
    "education": {"school_type": "technician_college", "major": "电子商务", "graduated_on": "2015-07-01",
                  "in_school": False, "class_type": "senior", "assessed": False, "school": "某技师学院"},
    "work": {"occupation": "营销员", "employer": "某公司", "start": "2015-03-01", "end": None},
    "certificates": {"occupation": "营销员", "level": 4, "obtained_on": "2018-06-01", "number": "C-1"},
    "titles": {"grade": "junior", "name": "助理经济师", "obtained_on": "2019-01-01", "profession_matches": True},
}


def _record(i: int) -> dict:
    record = json.loads(json.dumps(RECORD))
    record["id"], record["name"] = f"A{i}", f"考生{i}"
    record["id_number"] = make_id_number("110105", date(1985, 1 + i % 12, 1 + i % 28), 100 + i)
    for kind, item in ITEMS.items():
        record[kind] = [dict(item)]
    return record


def _text(document, repeat_at: tuple | None, spaced: bool = False) -> str:
    """``document`` as JSON text, the key at ``repeat_at`` ((path…, key)) written twice — first with another value."""
    sep = " : " if spaced else ": "

    def dump(node, path):
        if isinstance(node, dict):
            parts = []
            for key, value in node.items():
                if repeat_at is not None and (*path, key) == repeat_at:
                    parts.append(json.dumps(key, ensure_ascii=False) + sep + json.dumps("先写的值", ensure_ascii=False))
                parts.append(json.dumps(key, ensure_ascii=False) + sep + dump(value, (*path, key)))
            return "{" + ", ".join(parts) + "}"
        if isinstance(node, list):
            return "[" + ", ".join(dump(v, (*path, i)) for i, v in enumerate(node)) + "]"
        return json.dumps(node, ensure_ascii=False)
    return dump(document, ())


def _cases():
    """(name, path of the repeated key, expected row, expected field): every key of every kind of object."""
    for key in RECORD:
        yield f"record-{key}", ("applicants", 2, key), 3, key
    for kind, item in ITEMS.items():
        for key in item:
            yield f"{kind}-{key}", ("applicants", 1, kind, 0, key), 2, f"{kind}[0].{key}"
    yield "document-applicants", ("applicants",), 0, "applicants"


CASES = list(_cases())


@pytest.fixture
def desk(tmp_path):
    d = Desk.open(f"sqlite:///{tmp_path / 'd.sqlite3'}", actor("测试员"))
    d.batch_id = d.create_batch("秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    yield d
    d.close()


@pytest.mark.parametrize("name,at,row,where", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("spaced", [False, True], ids=["compact", "spaced"])
def test_a_key_given_twice_is_a_problem_naming_the_applicant_and_the_key(desk, tmp_path, name, at, row, where, spaced):
    records = [_record(i) for i in range(4)]
    text = _text({"applicants": records}, at, spaced)
    path = tmp_path / "名单.json"
    path.write_text(text, encoding="utf-8")
    report = desk.import_file(path, desk.batch_id)
    assert not report.ok and desk.applicant_rows() == []
    repeated = [p for p in report.problems if p.code.startswith("duplicate_key")]
    assert len(repeated) == 1, report.problems
    problem = repeated[0]
    assert (problem.sheet, problem.row, problem.column) == ("名单.json", row, where)
    assert problem.params["key"] == at[-1] and problem.params["count"] == 2
    line = problem.describe("zh")
    assert "出现了 2 次" in line and f"「{at[-1]}」" in line
    if row:
        number = records[row - 1]["id_number"]
        assert problem.code == "duplicate_key_of" and number in line


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_three_times_in_any_encoding(desk, tmp_path, encoding):
    record = _record(0)
    text = json.dumps({"applicants": [record]}, ensure_ascii=False)
    text = text.replace('"name": "考生0"', '"name": "甲", "name": "乙", "name": "考生0"')
    path = tmp_path / "三次.json"
    path.write_text(text, encoding=encoding)
    report = desk.import_file(path, desk.batch_id)
    assert [(p.row, p.column, p.params.get("count")) for p in report.problems] == [(1, "name", 3)], report.problems


def test_colons_inside_texts_are_no_repeat_and_the_file_is_imported(desk, tmp_path):
    """The cheap signal's false alarm (a colon in a name, an employer, a URL in ``extra``): looked at exactly,
    nothing repeats, imported."""
    records = [_record(i) for i in range(3)]
    records[0]["name"] = "张:三"
    records[1]["work"][0]["employer"] = "公司：http://x.invalid:8080/"
    text = json.dumps({"applicants": records}, ensure_ascii=False)
    assert may_repeat(text.encode(), json.loads(text))
    path = tmp_path / "冒号.json"
    path.write_text(text, encoding="utf-8")
    report = desk.import_file(path, desk.batch_id)
    assert report.ok and report.created == 3, report.problems


def _random_document(rng: random.Random, depth: int = 0):
    kind = rng.random()
    if depth < 4 and kind < 0.35:
        return {rng.choice("abcdef:"): _random_document(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    if depth < 4 and kind < 0.6:
        return [_random_document(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return rng.choice([None, True, 1, 2.5, "x", "a:b", ""])


@pytest.mark.parametrize("seed", range(300))
def test_the_cheap_signal_never_misses_a_repeat(seed):
    """Random documents (any shape, the interchange shape among them), some with a key repeated somewhere:
    whenever the exact look finds a repeat, the cheap signal said there might be one; ``key_count`` never
    counts more keys than the document holds."""
    rng = random.Random(seed)
    document = ({"applicants": [_record(i) for i in range(rng.randint(0, 3))]} if seed % 2
                else _random_document(rng))
    paths = []

    def collect(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                paths.append((*path, key))
                collect(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                collect(value, (*path, i))
    collect(document, ())
    at = rng.choice(paths) if paths and rng.random() < 0.7 else None
    text = _text(document, at, spaced=rng.random() < 0.3).encode()
    parsed = json.loads(text)
    repeats = repeated_keys(text)
    assert bool(repeats) == (at is not None)
    if repeats:
        assert may_repeat(text, parsed)
    exact = 0
    stack = [parsed]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            exact += len(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert key_count(parsed) <= exact


@pytest.mark.parametrize("at", [("applicants", 0, "name"), ("applicants", 1, "work", 0, "start"), ("applicants",)],
                         ids=["name", "work-start", "applicants"])
def test_the_command_line_refuses_it_with_exit_1_and_changes_nothing(tmp_path, capsys, at):
    import sqlite3

    from eligibility_desk.cli import main
    from tests.account_helpers import ADMIN, add_accounts
    from tests.cli.test_hostile_other import refused, run

    db = tmp_path / "desk.sqlite3"
    add_accounts(f"sqlite:///{db}")
    assert main(["--db", str(db), "batches", "--user", ADMIN]) == 0
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "名单.json"
    path.write_text(_text({"applicants": [_record(i) for i in range(3)]}, at), encoding="utf-8")
    capsys.readouterr()
    status, _out, err = run(["--db", db, "import", path, "--batch", "秋季", "--standard", "4-07-02-06",
                            "--as-of", "2025-09-01", "--user", ADMIN], capsys)
    refused(status, err, "名单.json")
    assert status == 1 and f"键「{at[-1]}」在同一对象中出现了 2 次" in err
    with sqlite3.connect(db) as con:   # nothing but the problem report's own audit row
        assert con.execute("SELECT count(*) FROM batch").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM applicant").fetchone()[0] == 0
        assert [r[0] for r in con.execute("SELECT action FROM audit WHERE entity = 'batch'")] == ["problem_report"]
