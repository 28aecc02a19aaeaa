"""The commands' own refusals of their options are Chinese by default and English with ``--lang en`` or
``ELIGIBILITY_DESK_LANG=en``: each was an English sentence whatever the language (``import``, ``export-plan``,
``slips``, ``centre set``)."""

from __future__ import annotations

import re

import pytest

from eligibility_desk.cli import main
from tests.account_helpers import ADMIN

CJK = re.compile("[\u4e00-\u9fff]")


def _refusal(capsys, argv) -> str:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and "Traceback" not in err
    return err


@pytest.mark.parametrize("argv, zh, en", [
    (["slips", "plan.json", "scenario.json", "--out", "x.pdf", "--id-keep", "x"],
     "--id-keep：「x」不是 前几位,后几位（如 6,4）", "--id-keep: 'x' is not START,END (e.g. 6,4)"),
    (["slips", "plan.json", "scenario.json", "--out", "x.pdf", "--id-keep=-1,4"],
     "--id-keep：位数不能为负", "--id-keep: numbers must not be negative"),
    (["slips", "plan.json", "scenario.json", "--out", "x.pdf", "--workers", "0"],
     "--workers 至少为 1", "--workers must be at least 1"),
    (["centre", "set"], "请给出 --name 或 --venue（或两者）", "give --name and/or --venue"),
])
def test_option_refusals_follow_the_language_setting(capsys, monkeypatch, argv, zh, en):
    monkeypatch.delenv("ELIGIBILITY_DESK_LANG", raising=False)
    err = _refusal(capsys, argv)
    assert zh in err
    monkeypatch.setenv("ELIGIBILITY_DESK_LANG", "en")
    err = _refusal(capsys, argv)
    assert en in err and not CJK.search(err)


@pytest.mark.parametrize("argv", [["screen-batch", "--batch", "没有的批次"], ["export", "--batch", "没有的批次", "out.xlsx"],
                                  ["plan-batch", "--batch", "没有的批次"]])
def test_a_batch_not_found_is_said_in_the_command_language(capsys, monkeypatch, signed_in_db, argv):
    """'no batch …' was English only, inside otherwise Chinese output."""
    monkeypatch.delenv("ELIGIBILITY_DESK_LANG", raising=False)
    capsys.readouterr()
    argv = ["--db", signed_in_db, *argv, "--user", ADMIN]
    err = _refusal(capsys, argv)
    assert "没有批次「没有的批次」" in err and "no batch" not in err
    monkeypatch.setenv("ELIGIBILITY_DESK_LANG", "en")
    err = _refusal(capsys, argv)
    assert "no batch '没有的批次' (see `eligibility-desk batches`)" in err and "没有批次" not in err


@pytest.mark.parametrize("argv, zh, en", [
    (["export-plan", "--batch", "B"], "请给出 --plan OUT.json 或 --scenario OUT.json（或两者）",
     "give --plan OUT.json and/or --scenario OUT.json"),
    (["import", "applicants.xlsx", "--batch", "新批次"], "没有批次「新批次」：要新建，请给出 --standard 和 --as-of",
     "no batch '新批次': give --standard and --as-of to create it"),
    (["import", "applicants.xlsx", "--batch", "新批次", "--standard", "4-07-02-06", "--as-of", "someday"],
     "--as-of：「someday」不是日期（应为 YYYY-MM-DD）", "--as-of: not a date: someday"),
    (["import", "applicants.xlsx", "--batch", "新批次", "--standard", "4-07-02-06", "--as-of", "2025-09-01",
      "--window", "2025-09-01"], "--window：应为 开始日期,结束日期", "--window: expected START,END"),
])
def test_batch_command_refusals_follow_lang(capsys, monkeypatch, signed_in_db, argv, zh, en):
    monkeypatch.delenv("ELIGIBILITY_DESK_LANG", raising=False)
    capsys.readouterr()                         # what the fixture's sign-in printed
    argv = ["--db", signed_in_db, *argv, "--user", ADMIN]
    assert zh in _refusal(capsys, argv)
    assert en in _refusal(capsys, [*argv, "--lang", "en"])
