"""Every mistake in a rule file is a message naming the file, the line and the field — never a traceback —
and one bad standard file is skipped while the others still load."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from eligibility_desk.rules_engine import RuleFileError, RuleLibrary

MADE_UP = Path(__file__).parent / "data" / "made_up"
V1 = "9-99-99-99-v1.yaml"


@pytest.fixture()
def rules_copy(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(MADE_UP, root)
    return root


def _edit(root: Path, old: str, new: str, name: str = V1) -> tuple[Path, int]:
    """Replace ``old`` by ``new`` in a standard file; return the path and the 1-based line of the change."""
    path = root / "standards" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


@pytest.mark.parametrize("old,new,where,what", [
    # an unquoted date that does not exist: PyYAML raised a bare ValueError
    ("effective_from: 2020-01-01", "effective_from: 2020-13-01", "standard.effective_from", "'2020-13-01' is not a real date"),
    # a typo in a clause key was silently accepted (the clause then had no 'when')
    ("        when:\n          related_work: {years: 6}", "        whn:\n          related_work: {years: 6}",
     "clause 3-1.whn", "unknown key 'whn'"),
    # a key written twice: PyYAML kept the second silently
    ("        when:\n          related_work: {years: 6}",
     "        when:\n          related_work: {years: 6}\n        when:\n          related_work: {years: 2}",
     "levels[0].clauses[0].when", "key 'when' is written twice"),
    # a level the standard does not declare (it used to load and crash the table output)
    ("  - level: 3\n", "  - level: 6\n", "levels[0].level", "level code '6' is not declared in standard.levels"),
    ("  - {code: \"3\", name: 三级/高级工}", "  - {code: \"3\", name: 三级/高级工, nmae_en: x}",
     "standard.levels[0].nmae_en", "unknown key 'nmae_en'"),
])
def test_a_mistake_names_file_line_and_field(rules_copy, old, new, where, what):
    path, line = _edit(rules_copy, old, new)
    with pytest.raises(RuleFileError) as caught:
        RuleLibrary.load(rules_copy, strict=True)
    error = caught.value
    assert error.path == str(path)
    assert error.line is not None and line <= error.line <= line + 3, (error.line, line)
    assert error.where == where
    assert what in error.message
    assert f"{path}: line {error.line}" in str(error)


def test_an_anchor_that_contains_its_own_alias_is_refused_with_its_line(rules_copy):
    path, line = _edit(rules_copy, "        when:\n          related_work: {years: 6}",
                       "        when: &loop\n          all: [*loop]")
    with pytest.raises(RuleFileError, match="refers back to the anchor") as caught:
        RuleLibrary.load(rules_copy, strict=True)
    assert caught.value.path == str(path) and caught.value.line in (line, line + 1)


def test_a_level_in_a_section_must_be_declared(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "rules", root, ignore=shutil.ignore_patterns("tests"))
    path = root / "standards" / "4-07-02-06.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"4": {增长目标与任务管理: 20,', '"6": {增长目标与任务管理: 20,', 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"weights\.\w+\.6: level code '6' is not declared") as caught:
        RuleLibrary.load(root, strict=True)
    assert caught.value.line is not None


def test_a_clause_parameter_mistake_names_its_line(rules_copy):
    _path, line = _edit(rules_copy, "related_work: {years: 6}", "related_work: {yeers: 6}")
    with pytest.raises(RuleFileError, match="has no parameter 'yeers'") as caught:
        RuleLibrary.load(rules_copy, strict=True)
    assert caught.value.line == line


def test_one_bad_file_is_reported_and_skipped_the_others_still_load(rules_copy):
    _edit(rules_copy, "effective_from: 2020-01-01", "effective_from: 2020-13-01")
    library = RuleLibrary.load(rules_copy)
    assert [s.version for s in library.versions("9-99-99-99")] == ["v2"]
    assert len(library.problems) == 1 and "2020-13-01" in str(library.problems[0])


def test_rules_check_prints_every_error_and_exits_2(rules_copy, capsys):
    _edit(rules_copy, "effective_from: 2020-01-01", "effective_from: 2020-13-01")
    _edit(rules_copy, "related_work: {years: 4}", "related_wrk: {years: 4}", name="9-99-99-99-v2.yaml")
    assert main(["rules", "check", str(rules_copy), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "9-99-99-99-v1.yaml: line" in err and "not a real date" in err
    assert "9-99-99-99-v2.yaml: line" in err and "unknown predicate 'related_wrk'" in err
    assert err.rstrip().endswith("2 mistake(s) in 2 file(s)"), err
    assert main(["rules", "check", str(rules_copy)]) == 2  # Chinese by default
    err = capsys.readouterr().err
    assert "9-99-99-99-v1.yaml：第 6 行：standard.effective_from：'2020-13-01' 不是真实存在的日期" in err
    assert re.search(r"9-99-99-99-v2\.yaml：第 \d+ 行：条款 3-1：未知的谓词 'related_wrk'", err), err
    assert err.rstrip().endswith("共 2 处错误，涉及 2 个文件"), err


def test_rules_check_of_the_shipped_rules_is_clean(capsys):
    assert main(["rules", "check"]) == 0
    assert "正确：" in capsys.readouterr().out
    assert main(["rules", "check", "--lang", "en"]) == 0
    assert "ok:" in capsys.readouterr().out


def test_standards_lists_every_standard_with_its_declared_levels(capsys):
    assert main(["standards", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in rows if r["code"] == "4-07-02-06")
    assert set(row) == {"code", "name", "version", "effective_from", "levels"}
    assert row["levels"] == [{"code": "4", "name": "四级/中级工"}, {"code": "3", "name": "三级/高级工"},
                             {"code": "2", "name": "二级/技师"}, {"code": "1", "name": "一级/高级技师"}]


def test_rules_test_runs_the_cases_and_fails_on_a_wrong_expectation(tmp_path, capsys):
    root = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "rules", root)
    assert main(["rules", "test", str(root)]) == 0
    case_file = sorted((root / "tests" / "4-07-02-06").glob("level-4.yaml"))[0]
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("verdict: eligible", "verdict: ineligible", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["rules", "test", str(root)]) == 1
    err = capsys.readouterr().err
    assert "level-4.yaml：第 7 行：用例「" in err and "应为 ineligible（不符合），实际是 eligible（符合）" in err, err
