"""The ``results`` command contract (issue 6 item 7), run as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path, document, *extra):
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "eligibility_desk", "results", str(path), "--standard", "4-07-02-06", *extra],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_the_issue_example(tmp_path):
    doc = {"scores": [{"candidate": "C001", "level": "2", "theory": 75, "skill": 59.5, "review": None,
                       "absent": [], "disqualified": []}]}
    proc = run(tmp_path, doc)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == ["results"]
    (result,) = out["results"]
    assert set(result) == {"candidate", "level", "parts", "outcome", "reasons"}
    assert result["candidate"] == "C001" and result["level"] == "2"
    assert result["parts"] == {"theory": {"score": 75, "passed": True}, "skill": {"score": 59.5, "passed": False},
                               "review": {"score": None, "passed": None}}
    assert result["outcome"] == "fail"
    assert [(r["code"], r["part"]) for r in result["reasons"]] == [("part_failed", "skill"), ("part_missing", "review")]
    assert result["reasons"][0]["score"] == 59.5 and result["reasons"][0]["message"]


def test_outcomes_pass_incomplete_absent_disqualified(tmp_path):
    doc = {"scores": [
        {"candidate": "P", "level": "4", "theory": 60, "skill": 100},
        {"candidate": "I", "level": "1", "theory": 60, "skill": 70, "review": None},
        {"candidate": "A", "level": "3", "theory": 80, "skill": None, "absent": ["skill"]},
        {"candidate": "D", "level": "3", "theory": 80, "disqualified": [{"part": "skill", "note": "携带手机"}]},
    ]}
    proc = run(tmp_path, doc, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    results = {r["candidate"]: r for r in json.loads(proc.stdout)["results"]}
    assert {c: r["outcome"] for c, r in results.items()} == {"P": "pass", "I": "incomplete", "A": "fail", "D": "fail"}
    assert results["A"]["parts"]["skill"] == {"score": None, "passed": False}
    assert results["A"]["reasons"][0]["message"] == "Skill assessment: absent"
    assert results["D"]["reasons"][0]["note"] == "携带手机"


@pytest.mark.parametrize("candidate, field, value, words", [
    ("C100", "theory", 100.5, "100.5"),
    ("C059", "skill", 59.95, "59.95"),
    ("CXYZ", "theory", "sixty", "sixty"),
])
def test_invalid_score_names_candidate_and_field_and_exits_1(tmp_path, candidate, field, value, words):
    doc = {"scores": [{"candidate": "OK1", "level": "4", "theory": 70, "skill": 70},
                      {"candidate": candidate, "level": "4", "theory": 70, "skill": 70} | {field: value}]}
    proc = run(tmp_path, doc)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert f"{candidate} {field}:" in proc.stderr and words in proc.stderr


def test_unusable_input_is_a_usage_error(tmp_path):
    proc = run(tmp_path, {"nope": []})
    assert proc.returncode == 2 and "scores" in proc.stderr
    proc = run(tmp_path, {"scores": []}, "--as-of", "1999-01-01")
    assert proc.returncode == 2 and "在 1999-01-01 没有生效的版本" in proc.stderr
    proc = run(tmp_path, {"scores": []}, "--as-of", "1999-01-01", "--lang", "en")
    assert proc.returncode == 2 and "is in force on 1999-01-01" in proc.stderr


def test_duplicate_candidate_is_refused(tmp_path):
    row = {"candidate": "C1", "level": "4", "theory": 70, "skill": 70}
    proc = run(tmp_path, {"scores": [row, row]})
    assert proc.returncode == 1 and "C1 candidate:" in proc.stderr
