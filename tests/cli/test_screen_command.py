"""The ``eligibility-desk screen`` contract (issue 2, item 5), run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "eligibility_desk", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def write(tmp_path: Path, applicants: list[dict]) -> str:
    path = tmp_path / "applicants.json"
    path.write_text(json.dumps({"applicants": applicants}, ensure_ascii=False), encoding="utf-8")
    return str(path)


ZHANG = {"id": "A001", "name": "张三",
         "education": [{"school_type": "secondary_vocational", "major": "电子商务", "graduated_on": "2024-06-30",
                        "in_school": False, "class_type": None, "assessed": False}],
         "work": [{"occupation": "电子商务师", "start": "2019-03-01", "end": None}],
         "certificates": [{"occupation": "用户增长运营师", "level": 4, "obtained_on": "2021-03-01"}],
         "titles": [{"grade": "junior", "obtained_on": "2023-06-01", "profession_matches": True}]}
LI = {"id": "A002", "name": "李四", "work": [{"occupation": "营销员", "start": "2021-01-01", "end": None}]}


def test_json_output_follows_the_contract(tmp_path):
    proc = run("screen", write(tmp_path, [ZHANG, LI]), "--standard", "4-07-02-06", "--as-of", "2025-09-01",
               "--level", "4", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["standard"] == "4-07-02-06" and doc["as_of"] == "2025-09-01" and doc["rule_version"]
    assert [(r["applicant"], r["level"], r["verdict"]) for r in doc["results"]] == [("A001", "4", "eligible"), ("A002", "4", "ineligible")]
    zhang, li = doc["results"]
    assert zhang["passing_clauses"] == ["4-1", "4-2", "4-3"] and zhang["eligible_from"] is None
    assert set(zhang) == {"applicant", "level", "verdict", "passing_clauses", "eligible_from", "clauses"}
    assert [c["id"] for c in li["clauses"]] == ["4-1", "4-2", "4-3"]
    first = li["clauses"][0]
    assert set(first) == {"id", "verdict", "text", "explanation"}
    assert first["text"] == "累计从事本职业或相关职业工作满 5 年。"
    assert first["explanation"].startswith("累计相关工作 4年8个月，未满 5 年（自 2021-01-01 起）")
    assert li["eligible_from"] == "2026-01-01"


def test_all_levels_when_no_level_is_given(tmp_path):
    proc = run("screen", write(tmp_path, [ZHANG]), "--standard", "4-07-02-06", "--as-of", "2025-09-01")
    doc = json.loads(proc.stdout)
    assert [r["level"] for r in doc["results"]] == ["4", "3", "2", "1"]
    assert sum(len(r["clauses"]) for r in doc["results"]) == 17


@pytest.mark.parametrize("bad,field", [
    ({"work": [{"occupation": "营销员", "start": "2021-01-01", "end": "2020-01-01"}]}, "work[0].end"),
    ({"education": [{"school_type": "kindergarten", "major": "电子商务", "graduated_on": "2020-06-30"}]}, "education[0].school_type"),
    ({"certificates": [{"occupation": "营销员", "level": 6, "obtained_on": "2020-01-01"}]}, "certificates[0].level"),
    ({"titles": [{"grade": "junior", "obtained_on": "2020-02-30", "profession_matches": True}]}, "titles[0].obtained_on"),
])
def test_an_invalid_record_is_an_error_result_and_the_others_are_still_screened(tmp_path, bad, field):
    proc = run("screen", write(tmp_path, [{"id": "BAD", "name": "王五", **bad}, LI]), "--standard", "4-07-02-06",
               "--as-of", "2025-09-01", "--level", "4")
    assert proc.returncode == 1
    bad_result, li = json.loads(proc.stdout)["results"]
    assert bad_result["applicant"] == "BAD" and bad_result["verdict"] == "error"
    assert field in bad_result["message"] and bad_result["errors"][0]["field"] == field
    assert li["verdict"] == "ineligible"


def test_table_format_is_readable_chinese(tmp_path):
    proc = run("screen", write(tmp_path, [ZHANG]), "--standard", "4-07-02-06", "--as-of", "2025-09-01",
               "--level", "3", "--format", "table")
    assert proc.returncode == 0
    assert "三级/高级工" in proc.stdout and "符合" in proc.stdout and "3-2, 3-3" in proc.stdout
    assert "累计相关工作 6年6个月，未满 10 年" in proc.stdout


def test_english_explanations_on_request(tmp_path):
    proc = run("screen", write(tmp_path, [LI]), "--standard", "4-07-02-06", "--as-of", "2025-09-01", "--level", "4",
               "--lang", "en")
    first = json.loads(proc.stdout)["results"][0]["clauses"][0]
    assert first["explanation"].startswith("cumulative related work 4 y 8 m, short of 5 years (since 2021-01-01)")


@pytest.mark.parametrize("args,message", [
    (["--standard", "0-00", "--as-of", "2025-09-01"], "没有标准 0-00 的规则文件"),
    (["--standard", "0-00", "--as-of", "2025-09-01", "--lang", "en"], "no rule file for standard 0-00"),
    (["--standard", "4-07-02-06", "--as-of", "2015-09-01"], "标准 4-07-02-06 在 2015-09-01 没有生效的版本"),
    (["--standard", "4-07-02-06", "--as-of", "2015-09-01", "--lang", "en"], "no version of 4-07-02-06 is in force on 2015-09-01"),
    (["--standard", "4-07-02-06", "--as-of", "2025-13-01"], "--as-of: not a date"),
    (["--standard", "4-07-02-06", "--as-of", "2025-09-01", "--level", "5"], "has no level 5"),
])
def test_usage_errors_are_clear(tmp_path, args, message):
    proc = run("screen", write(tmp_path, [LI]), *args)
    assert proc.returncode == 2 and message in proc.stderr


def test_a_file_that_is_not_an_interchange_document(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"people": []}', encoding="utf-8")
    proc = run("screen", str(path), "--standard", "4-07-02-06")
    assert proc.returncode == 2 and "expected {\"applicants\"" in proc.stderr


def test_a_large_file_is_screened_in_two_processes_with_order_and_errors_kept(tmp_path):
    """Above a few thousand records the second half is screened in a forked child; the output must be
    the same as one process would write: file order, error results in place, exit status 1."""
    people = [{"id": f"P{i:05d}", "name": "考生", "work": [{"occupation": "营销员", "start": "2015-01-01", "end": None}]}
              for i in range(6000)]
    people[4500] = {"id": "BAD", "name": "坏记录", "work": [{"occupation": "营销员", "start": "2021-01-01", "end": "2019-01-01"}]}
    proc = run("screen", write(tmp_path, people), "--standard", "4-07-02-06", "--as-of", "2025-09-01", "--level", "4")
    assert proc.returncode == 1
    results = json.loads(proc.stdout)["results"]
    assert [r["applicant"] for r in results] == [p["id"] for p in people]
    assert results[4500]["verdict"] == "error" and results[4499]["verdict"] == "eligible"


#: what a batch the typed decoder is sure of does not need: the careful parser, the text policy and the
#: applicant's record dataclasses (docs/benchmarks.md, "`screen` command, round nine")
_CAREFUL_MODULES = ("eligibility_desk.domain.interchange", "eligibility_desk.domain.text_policy",
                    "eligibility_desk.domain.applicant_records")


@pytest.mark.parametrize("count", [300, 3000])  # read whole / split between the workers by its bytes
def test_a_sure_batch_is_screened_without_the_careful_parser(tmp_path, count):
    from tests.cli.test_screen_json import people

    applicants = people(count, seed=5)
    for person in applicants:
        person.pop("birth_date", None)  # a rarer fact: the careful parser reads it (below)
    path = write(tmp_path, applicants)
    assert (os.path.getsize(path) >= 1 << 20) == (count == 3000)
    # every process of the command (the workers leave by os._exit) says which of the modules it imported
    code = ("import os, sys\n"
            f"names = {_CAREFUL_MODULES!r}\n"
            "def say():\n    sys.stderr.write('LOADED %r\\n' % sorted(n for n in names if n in sys.modules))\n"
            "real = os._exit\n"
            "def leave(status):\n    say(); sys.stderr.flush(); real(status)\n"
            "os._exit = leave\n"
            "from eligibility_desk.cli import main\n"
            "status = main(sys.argv[1:])\nsay()\nsys.exit(status)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ELIGIBILITY_DESK_CACHE": ""}
    args = ["screen", path, "--standard", "4-07-02-06", "--as-of", "2025-09-01"]
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    said = [line for line in proc.stderr.decode().splitlines() if line.startswith("LOADED ")]
    assert len(said) == (3 if count == 3000 else 1) and set(said) == {"LOADED []"}, proc.stderr
    assert proc.stdout == run(*args).stdout.encode()
    # a record only the careful parser reads (a birth date) brings it in
    applicants[-1]["birth_date"] = "1990-05-05"
    proc = subprocess.run([sys.executable, "-c", code, "screen", write(tmp_path, applicants), *args[2:]], cwd=ROOT,
                          env=env, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert any("eligibility_desk.domain.interchange" in line for line in proc.stderr.decode().splitlines())
