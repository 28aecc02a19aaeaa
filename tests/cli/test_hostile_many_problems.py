"""A refusal with many problems does not print every line (issue 15): ``import`` prints the first 200
(:data:`~eligibility_desk.cli.output.PRINTED_PROBLEMS`) and then how many more there are and the problem report
that lists them all, in Chinese or English; ``--all-problems`` prints every one; the exit status stays 1.
Generated files in every import format, with problem counts around the limit and far past it."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from eligibility_desk.cli.output import PRINTED_PROBLEMS
from eligibility_desk.domain.idnumber import make_id_number
from tests.account_helpers import ADMIN
from tests.cli.test_hostile_other import run
from tests.services.helpers import write_workbook

NEW_BATCH = ["--batch", "秋季", "--standard", "4-07-02-06", "--as-of", "2025-09-01"]


def _bad_ids(n: int) -> list[str]:
    """``n`` distinct ID numbers whose check character is wrong: one problem each."""
    out = []
    for i in range(n):
        good = make_id_number("110105", date(1980 + i % 20, 1 + i % 12, 1 + i % 28), 1 + i // 560)
        out.append(good[:17] + ("0" if good[17] != "0" else "1"))
    return out


def _file(tmp_path, kind: str, n: int):
    ids = _bad_ids(n)
    if kind == "xlsx":
        path = tmp_path / "名单.xlsx"
        write_workbook(path, {"考生": [[number, f"考生{i}", None, "4", None] for i, number in enumerate(ids)]})
    elif kind == "csv":
        path = tmp_path / "名单.csv"
        path.write_text("身份证号码,姓名\n" + "".join(f"{number},考生{i}\n" for i, number in enumerate(ids)),
                        encoding="utf-8")
    else:
        path = tmp_path / "名单.json"
        path.write_text(json.dumps({"applicants": [{"id": f"A{i}", "name": f"考生{i}", "id_number": number}
                                                   for i, number in enumerate(ids)]}, ensure_ascii=False),
                        encoding="utf-8")
    return path



def _problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines()
            if line.startswith("  ") and "另有" not in line and "more problem" not in line]


@pytest.mark.parametrize("kind", ["xlsx", "csv", "json"])
@pytest.mark.parametrize("n", [1, PRINTED_PROBLEMS, PRINTED_PROBLEMS + 1, 3000])
def test_the_first_problems_are_printed_then_where_the_rest_are(tmp_path, capsys, signed_in_db, kind, n):
    path = _file(tmp_path, kind, n)
    capsys.readouterr()
    status, out, err = run(["--db", signed_in_db, "import", path, *NEW_BATCH, "--user", ADMIN], capsys)
    assert status == 1 and out == ""
    total = int(re.search(r"发现 (\d+) 个问题", err).group(1))
    assert total >= n
    lines = _problem_lines(err)
    assert len(lines) == min(total, PRINTED_PROBLEMS)
    report = re.search(r"问题报告（错误单元格已标红）：(.+)", err).group(1)
    more = re.findall(r"……另有 (\d+) 个问题，完整清单见 问题报告 (.+?)（", err)
    if total > PRINTED_PROBLEMS:
        assert more == [(str(total - PRINTED_PROBLEMS), report)]
        from openpyxl import load_workbook

        book = load_workbook(report, read_only=True)
        try:
            assert sum(1 for row in book["问题清单"].iter_rows(min_row=2, values_only=True) if row[0]) == total
        finally:
            book.close()
    else:
        assert more == [] and "另有" not in err


@pytest.mark.parametrize("kind", ["xlsx", "csv", "json"])
def test_all_problems_prints_every_one_and_english_says_the_same(tmp_path, capsys, signed_in_db, kind):
    path = _file(tmp_path, kind, PRINTED_PROBLEMS + 37)
    capsys.readouterr()
    status, _out, err = run(["--db", signed_in_db, "import", path, *NEW_BATCH, "--user", ADMIN, "--all-problems"], capsys)
    total = int(re.search(r"发现 (\d+) 个问题", err).group(1))
    assert status == 1 and len(_problem_lines(err)) == total > PRINTED_PROBLEMS and "另有" not in err
    status, _out, err = run(["--db", signed_in_db, "import", path, *NEW_BATCH, "--user", ADMIN, "--lang", "en"], capsys)
    assert status == 1 and f"… and {total - PRINTED_PROBLEMS} more problem(s); the full list is in the problem report" in err
    assert len(_problem_lines(err)) == PRINTED_PROBLEMS


def test_without_a_writable_report_the_rest_is_still_counted(tmp_path, capsys, signed_in_db):
    path = _file(tmp_path, "csv", PRINTED_PROBLEMS + 5)
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    capsys.readouterr()
    status, _out, err = run(["--db", signed_in_db, "import", path, *NEW_BATCH, "--user", ADMIN,
                             "--report", tmp_path / "plain" / "报告.xlsx"], capsys)
    assert status == 1 and "……另有 5 个问题（问题报告未能写入" in err
