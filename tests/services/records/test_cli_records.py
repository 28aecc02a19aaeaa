"""The records commands end to end on a SQLite file: template, import, screen-batch, decide, export."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from eligibility_desk.cli import main
from tests.account_helpers import ADMIN, add_accounts
from tests.services.helpers import roster, write_workbook


def test_import_screen_decide_export(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    add_accounts(db, "王敏")
    assert main(["--db", db, "template", str(tmp_path / "模板.xlsx")]) == 0
    people, work = roster(3)
    people[2][3] = "3"
    work[2][3] = "2022-01-01"
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work,
                         "职称": [[people[2][0], "初级", "助理经济师", "2022-06-01", "未知"]]})
    args = ["--db", db, "import", str(path), "--batch", "秋季", "--standard", "4-07-02-06", "--levels", "4,3",
            "--as-of", "2025-09-01", "--user", "王敏"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "已创建批次「秋季」" in out and "新建 3 人" in out
    assert main(args) == 0
    assert "未变 3 人" in capsys.readouterr().out

    assert main(["--db", db, "screen-batch", "--batch", "秋季", "--user", "王敏"]) == 0
    out = capsys.readouterr().out
    assert "  符合 2\n" in out and "  待人工审核 1\n" in out
    assert main(["--db", db, "screen-batch", "--batch", "秋季", "--user", "王敏", "--format", "json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert (counts["eligible"], counts["review"], counts["total"]) == (2, 1, 3)
    assert main(["--db", db, "batches", "--lang", "en", "--user", ADMIN]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["#", "Batch", "Standard"] and "秋季" in table[2]

    assert main(["--db", db, "review-queue", "--batch", "秋季", "--user", ADMIN]) == 0
    result_id = int(capsys.readouterr().out.split("\t")[0])
    assert main(["--db", db, "decide", str(result_id), "reject", "--reason", "  ", "--user", "王敏"]) == 2
    assert main(["--db", db, "decide", str(result_id), "approve", "--reason", "职称与专业对应", "--user", "王敏"]) == 0
    assert "同意" in capsys.readouterr().out

    out_path = tmp_path / "结果.xlsx"
    assert main(["--db", db, "export", "--batch", "秋季", str(out_path), "--user", ADMIN]) == 0
    ws = load_workbook(out_path)["审核结果"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3
    decided = [r for r in rows if r[8]]
    assert decided[0][4] == "待人工审核" and decided[0][8] == "同意" and decided[0][9] == "职称与专业对应"


def test_failed_import_prints_every_problem_and_leaves_no_batch(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    add_accounts(db, "王敏")
    people, work = roster(2)
    work[1][3] = "2019-13-01"
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert main(["--db", db, "import", str(path), "--batch", "秋季", "--standard", "4-07-02-06",
                 "--as-of", "2025-09-01", "--user", ADMIN]) == 1
    err = capsys.readouterr().err
    assert "工作经历 第 3 行「开始日期*」列（2019-13-01）：日期无法识别" in err and "名单-问题报告.xlsx" in err
    assert main(["--db", db, "batches", "--user", ADMIN]) == 0
    assert "尚无考试批次" in capsys.readouterr().out
    assert main(["--db", db, "screen-batch", "--batch", "秋季", "--user", ADMIN]) == 2
