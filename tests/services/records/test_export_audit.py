"""Exports of personal data leave an audit row naming who exported what, to which file (issue 14)."""

from __future__ import annotations

from eligibility_desk.cli import main
from eligibility_desk.services.records.desk import Desk
from tests.services.helpers import roster, write_workbook


def test_export_and_problem_report_are_audited(db_url, tmp_path, capsys):
    people, work = roster(3)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert main(["--db", db_url, "import", str(path), "--batch", "秋季", "--standard", "4-07-02-06",
                 "--as-of", "2025-09-01", "--user", "王敏"]) == 0
    assert main(["--db", db_url, "screen-batch", "--batch", "秋季", "--user", "王敏"]) == 0
    out = tmp_path / "结果.xlsx"
    assert main(["--db", db_url, "export", "--batch", "秋季", str(out), "--user", "李四"]) == 0

    work[0][3] = "2019-13-01"                             # a second import with a bad cell: a problem report
    write_workbook(path, {"考生": people, "工作经历": work})
    assert main(["--db", db_url, "import", str(path), "--batch", "秋季", "--user", "赵六"]) == 1
    capsys.readouterr()
    with Desk.open(db_url) as desk:
        batch_id = desk.find_batch("秋季")
        rows = {r["action"]: r for r in desk.audit_trail("batch", batch_id)}
    export = rows["export"]
    assert export["user"] == "李四" and export["after"]["file"] == str(out) and export["after"]["rows"] == 3
    report = rows["problem_report"]
    assert report["user"] == "赵六" and report["after"]["source"] == "名单.xlsx" and report["after"]["problems"] >= 1
    assert report["after"]["file"].endswith("名单-问题报告.xlsx")
