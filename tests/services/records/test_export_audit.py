"""Exports of personal data leave an audit row naming who exported what, to which file (issue 14)."""

from __future__ import annotations

from openpyxl import load_workbook

from eligibility_desk.cli import main
from eligibility_desk.domain.roles import mask_id_number
from eligibility_desk.services.records.desk import Desk
from tests.account_helpers import add_accounts
from tests.services.helpers import roster, write_workbook


def test_export_and_problem_report_are_audited(db_url, tmp_path, capsys):
    add_accounts(db_url, "王敏", "李四", "赵六")
    add_accounts(db_url, "钱七", roles=("viewer",))
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


def _id_numbers(path) -> list[str]:
    ws = load_workbook(path)["审核结果"]
    return [row[2] for row in ws.iter_rows(min_row=2, values_only=True)]


def test_a_viewers_export_masks_the_id_numbers_and_says_so_in_the_audit(db_url, tmp_path, capsys):
    add_accounts(db_url, "王敏")
    add_accounts(db_url, "钱七", roles=("viewer",))
    add_accounts(db_url, "孙八", roles=("planner", "viewer"))
    people, work = roster(3)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert main(["--db", db_url, "import", str(path), "--batch", "秋季", "--standard", "4-07-02-06",
                 "--as-of", "2025-09-01", "--user", "王敏"]) == 0
    full, viewer, planner = tmp_path / "全.xlsx", tmp_path / "查看.xlsx", tmp_path / "考务.xlsx"
    assert main(["--db", db_url, "export", "--batch", "秋季", str(full), "--user", "王敏"]) == 0
    assert main(["--db", db_url, "export", "--batch", "秋季", str(viewer), "--user", "钱七"]) == 0
    assert main(["--db", db_url, "export", "--batch", "秋季", str(planner), "--user", "孙八"]) == 0
    numbers = _id_numbers(full)
    assert sorted(numbers) == sorted(row[0] for row in people) and all("*" not in n for n in numbers)
    assert _id_numbers(viewer) == [mask_id_number(n) for n in numbers] == _id_numbers(planner)
    assert all(m[:6] == n[:6] and m[-4:] == n[-4:] and "*" * 8 in m for m, n in zip(_id_numbers(viewer), numbers))
    with Desk.open(db_url) as desk:
        exports = [r for r in desk.audit_trail("batch") if r["action"] == "export"]
    masked = {r["user"]: r["after"]["id_numbers_masked"] for r in exports}
    assert masked == {"王敏": False, "钱七": True, "孙八": True}
    # a viewer reads and exports, nothing more
    assert main(["--db", db_url, "screen-batch", "--batch", "秋季", "--user", "钱七"]) == 1
    assert "“审核员”角色，当前账户 钱七 没有" in capsys.readouterr().err
