"""``eligibility-desk standards --format json|table`` gives the issue's shape for every shipped standard
(4-07-02-06 and the six 1+X packs), and what it says is what the seed texts say: the name on the title page,
the code (职业编码 / 标准代码), the version （2021 年 2.0 版）, the month of release as the effective date and the
levels of §1.4.  The seeds are not in the repository; that half is skipped, saying so, when they are absent."""

from __future__ import annotations

import json
import re

import pytest

from eligibility_desk.cli import main
from tests.rules_engine.seed_majors import PACKS, seed_text, seeds  # noqa: F401 (seeds: a fixture)

NATIONAL = "4-07-02-06"
CODES = {NATIONAL, *(pack.code for pack in PACKS)}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["standards", "--format", "json"]) == 0
    return json.loads(out.getvalue())


def test_json_has_the_issue_shape_for_every_shipped_standard(rows) -> None:
    assert {row["code"] for row in rows} == CODES
    for row in rows:
        assert list(row) == ["code", "name", "version", "effective_from", "levels"]
        assert all(isinstance(row[key], str) and row[key] for key in ("code", "name", "version", "effective_from"))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["effective_from"])
        assert row["levels"] and all(list(level) == ["code", "name"] for level in row["levels"])
    by_code = {row["code"]: row for row in rows}
    assert [level["name"] for level in by_code[NATIONAL]["levels"]] == ["四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"]
    for pack in PACKS:
        assert by_code[pack.code]["levels"] == [{"code": w, "name": w} for w in ("初级", "中级", "高级")]


def test_table_has_a_header_and_one_row_per_standard(rows, capsys) -> None:
    assert main(["standards", "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:4] == ["代码", "名称", "版本", "生效日期"]
    table = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    assert set(table) == CODES
    for row in rows:
        assert table[row["code"]][1:4] == [row["name"], row["version"], row["effective_from"]]
    assert table[NATIONAL][4] == "4 四级/中级工、3 三级/高级工、2 二级/技师、1 一级/高级技师"


def _head(text: str, annex: str | None) -> str:
    """The title pages of a seed (of its annex), where name, code, version and release date are."""
    start = text.rindex(annex) if annex else 0  # the annex itself, not its line in the table of contents
    return text[start:start + 1500]


def test_the_national_standard_is_the_seed_s(rows, seeds) -> None:
    text = seed_text(seeds, "002")
    row = next(r for r in rows if r["code"] == NATIONAL)
    code = re.search(r"1\.2 职业编码\s+(\S+)", text).group(1)
    name = re.search(r"1\.1 职业名称\s+(\S+)", text).group(1)
    levels = re.search(r"本职业共设.个等级，分别为：(.+?)。", text).group(1).split("、")
    assert (row["code"], row["name"]) == (code, name)
    assert [level["name"] for level in row["levels"]] == levels
    assert "征求意见稿" in text[:200] and "征求意见稿" in row["version"]


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_each_1x_pack_is_its_seed_s(rows, seeds, pack) -> None:
    head = _head(seed_text(seeds, pack.seed), pack.annex)
    row = next(r for r in rows if r["code"] == pack.code)
    assert re.search(rf"{re.escape(row['name'])}\s*\n*\s*职业技能等级标准", head), row["name"]
    code = re.search(r"标准代码：\s*(\d+)", head)
    if code:
        assert row["code"] == code.group(1)
    else:  # the seed gives no code: the centre's own stands in
        assert row["code"].startswith("1x-")
    version = re.search(r"（(\d{4})\s*年\s*(\d+\.\d+)\s*版）", head)
    if version:
        assert row["version"] == f"{version.group(1)}-{version.group(2)}"
    released = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*发布", head)
    if released:
        assert row["effective_from"] == f"{int(released.group(1)):04d}-{int(released.group(2)):02d}-01"
    body = seed_text(seeds, pack.seed)
    assert all(level["name"] in body for level in row["levels"])


# --- rules check / rules test / standards on folders that are not rules folders -------------------------------

def _folders(tmp_path):
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[2] / "rules"
    empty = tmp_path / "empty"
    empty.mkdir()
    bare = tmp_path / "bare"
    (bare / "standards").mkdir(parents=True)
    return {
        "missing": (tmp_path / "nowhere", "no such folder (a rules folder holds standards/ and lists/)"),
        "empty folder": (empty, "not a rules folder (it has no standards/ sub-folder"),
        "a rule file": (shipped / "standards" / "4-07-02-06.yaml", f"is a file, not a rules folder (the rules folder holding it is {shipped})"),
        "the standards sub-folder": (shipped / "standards", f"is the standards/ sub-folder; the rules folder is {shipped}"),
        "no standard file": (bare, "no standard files (standards/*.yaml) to check"),
    }


#: the Chinese wording of each case (the default language of the rule commands)
_ZH = {"missing": "没有这个文件夹", "empty folder": "不是规则文件夹", "a rule file": "是一个文件，不是规则文件夹",
       "the standards sub-folder": "是 standards/ 子文件夹", "no standard file": "没有标准文件"}


@pytest.mark.parametrize("case", ["missing", "empty folder", "a rule file", "the standards sub-folder", "no standard file"])
def test_rules_check_and_test_on_what_is_not_a_rules_folder(tmp_path, capsys, case) -> None:
    folder, message = _folders(tmp_path)[case]
    assert main(["rules", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder}：{_ZH[case]}" in err and "Traceback" not in err
    assert main(["rules", "check", str(folder), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{folder}: {message}" in err and "Traceback" not in err
    assert main(["rules", "test", str(folder), "--lang", "en"]) == 2
    out = capsys.readouterr()
    if case == "no standard file":
        assert "no test cases" in out.err
    else:
        assert f"{folder}: {message}" in out.err
        assert main(["--rules", str(folder), "standards", "--format", "json", "--lang", "en"]) == 2
        assert f"{folder}: {message}" in capsys.readouterr().err
        assert main(["--rules", str(folder), "standards", "--format", "json"]) == 2
        assert f"{folder}：{_ZH[case]}" in capsys.readouterr().err
