"""A standard the commands cannot use — its rule file has a mistake, or no version is in force on the as-of date —
is refused in the command's language (Chinese unless ``--lang en``), naming the file and line of the mistake: it
was the library's English sentence inside Chinese output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from eligibility_desk.cli import main

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile("[\u4e00-\u9fff]")


def _broken_rules(tmp_path: Path) -> tuple[Path, Path, int]:
    """A copy of the shipped rules whose 4-07-02-06 file has one bad number; the file and the line."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "standards" / "4-07-02-06.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, start=1) if "candidates_per_staff:" in text)
    lines[line - 1] = re.sub(r"candidates_per_staff: *\d+", "candidates_per_staff: many", lines[line - 1])
    path.write_text("".join(lines), encoding="utf-8")
    return rules, path, line


def _run(capsys, *argv) -> tuple[int, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_names_the_mistake_of_its_standards_file(tmp_path, capsys, lang):
    from tests.planning.conftest import SMALL

    rules, path, line = _broken_rules(tmp_path)
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    status, err = _run(capsys, "--rules", rules, "plan", scenario, "--seed", "1", "--lang", lang)
    assert status == 2
    if lang == "zh":
        assert "没有标准 4-07-02-06 的规则文件" in err and f"{path}：第 {line} 行" in err and "'many'" in err
        assert "could not be loaded" not in err
    else:
        assert "no rule file for standard 4-07-02-06" in err and f"{path}: line {line}" in err and not CJK.search(err)


@pytest.mark.parametrize("lang,words", [("zh", "标准 4-07-02-06 在 2015-06-01 没有生效的版本（最早的版本自 "),
                                        ("en", "no version of 4-07-02-06 is in force on 2015-06-01 (the first takes effect on ")])
def test_results_before_every_version_says_so_in_its_language(tmp_path, capsys, lang, words):
    scores = tmp_path / "scores.json"
    scores.write_text('{"scores": []}', encoding="utf-8")
    status, err = _run(capsys, "results", scores, "--standard", "4-07-02-06", "--as-of", "2015-06-01", "--lang", lang)
    assert status == 2 and words in err


def test_results_with_a_broken_standard_names_file_and_line(tmp_path, capsys):
    rules, path, line = _broken_rules(tmp_path)
    scores = tmp_path / "scores.json"
    scores.write_text('{"scores": []}', encoding="utf-8")
    status, err = _run(capsys, "--rules", rules, "results", scores, "--standard", "4-07-02-06")
    assert status == 2 and f"{path}：第 {line} 行" in err and "应为 1–1000 的整数" in err


@pytest.mark.parametrize("lang,words", [("zh", "无法筛查：标准 4-07-02-06 在 2015-06-01 没有生效的版本"),
                                        ("en", "cannot screen: no version of 4-07-02-06 is in force on 2015-06-01")])
def test_rules_test_says_a_case_before_every_version_cannot_be_screened_in_its_language(tmp_path, capsys, lang, words):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("tests"))
    (rules / "tests").mkdir()
    (rules / "tests" / "early.yaml").write_text(
        "standard: 4-07-02-06\ncases:\n  - name: 早于任何版本\n    as_of: 2015-06-01\n    applicant: {}\n"
        "    level: '4'\n    verdict: ineligible\n", encoding="utf-8")
    status, err = _run(capsys, "rules", "test", rules, "--lang", lang)
    assert status != 0 and words in err, err


def _without_assessment(tmp_path: Path) -> Path:
    """A copy of the shipped rules whose 4-07-02-06 file has no ``assessment:`` section: it loads (the section
    is optional for screening), but neither the planner nor the score sheets can read it."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "standards" / "4-07-02-06.yaml"
    kept, skipping = [], False
    for text in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if text.startswith("assessment:"):
            skipping = True
            continue
        if skipping and text[:1] not in ("", " ", "\n", "#"):
            skipping = False
        if not skipping:
            kept.append(text)
    path.write_text("".join(kept), encoding="utf-8")
    return rules


@pytest.mark.parametrize("lang,words", [("zh", "标准 4-07-02-06 的规则不能用于编排：规则文件没有 'assessment' 一节"),
                                        ("en", "4-07-02-06: the rule file has no 'assessment' section")])
def test_plan_words_what_the_planners_reader_refuses_in_its_language(tmp_path, capsys, lang, words):
    from tests.planning.conftest import SMALL

    rules = _without_assessment(tmp_path)
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    status, err = _run(capsys, "--rules", rules, "plan", scenario, "--seed", "1", "--lang", lang)
    assert status == 2 and words in err
    assert bool(CJK.search(err)) == (lang == "zh")


@pytest.mark.parametrize("lang,words", [("zh", "标准 4-07-02-06 的规则不能用于计算成绩：规则文件没有 'assessment' 一节"),
                                        ("en", "standard 4-07-02-06 has no usable scoring rules: standard 4-07-02-06 "
                                               "has no assessment section")])
def test_results_words_what_the_score_sheets_reader_refuses_in_its_language(tmp_path, capsys, lang, words):
    rules = _without_assessment(tmp_path)
    scores = tmp_path / "scores.json"
    scores.write_text('{"scores": []}', encoding="utf-8")
    status, err = _run(capsys, "--rules", rules, "results", scores, "--standard", "4-07-02-06", "--lang", lang)
    assert status == 2 and words in err
    assert bool(CJK.search(err)) == (lang == "zh")


@pytest.mark.parametrize("lang,words", [("zh", "：不是有效的 JSON（第 1 行第 2 列："),
                                        ("en", ": not valid JSON (line 1 column 2: ")])
def test_results_words_a_file_that_is_not_json_in_its_language(tmp_path, capsys, lang, words):
    scores = tmp_path / "scores.json"
    scores.write_text('{nope', encoding="utf-8")
    status, err = _run(capsys, "results", scores, "--standard", "4-07-02-06", "--lang", lang)
    assert status == 2 and f"{scores}{words}" in err
    assert bool(CJK.search(err)) == (lang == "zh")
