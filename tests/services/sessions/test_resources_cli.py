"""`resources template` writes the workbook `resources import` reads; summaries are a sentence in the chosen
language by default and JSON with --format json (issue 16)."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from eligibility_desk.cli import main
from tests.account_helpers import ADMIN, add_accounts


def test_template_then_import_from_the_command_line(desk, batch_id, tmp_path, capsys):
    url = desk.db.url
    desk.close()
    add_accounts(url)
    path = tmp_path / "资源.xlsx"
    assert main(["resources", "template", str(path), "--standard", "4-07-02-06"]) == 0
    assert capsys.readouterr().out.strip() == f"考务资源模板已写入：{path}"
    wb = load_workbook(path)
    wb["考场"].append(["R1", "一号楼 101", "标准教室", 30, ""])
    wb["人员"].append(["S1", "王老师", "监考", "", "", "", "是"])
    wb["时段"].append(["AM", "2025-10-18 09:00", "2025-10-18 11:00"])
    wb.save(path)
    assert main(["--db", url, "resources", "import", str(path), "--batch", str(batch_id), "--user", ADMIN]) == 0
    assert capsys.readouterr().out.strip() == "考务资源已导入：考场 新建 1、更新 0；人员 新建 1、更新 0；时段 新建 1、更新 0；未变 0。"
    assert main(["--db", url, "resources", "import", str(path), "--batch", str(batch_id), "--format", "json", "--user", ADMIN]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 3
    assert main(["--db", url, "resources", "import", str(path), "--batch", str(batch_id), "--lang", "en", "--user", ADMIN]) == 0
    assert capsys.readouterr().out.startswith("Resources imported: rooms 0 new, 0 updated;")


def test_a_refused_resources_workbook_is_worded_in_the_chosen_language(desk, batch_id, tmp_path, capsys):
    url = desk.db.url
    desk.close()
    add_accounts(url)
    path = tmp_path / "坏.xlsx"
    assert main(["resources", "template", str(path)]) == 0
    wb = load_workbook(path)
    wb["考场"].append(["R1", "一号楼", "标准教室", "三十", ""])
    wb.save(path)
    capsys.readouterr()
    assert main(["--db", url, "resources", "import", str(path), "--batch", str(batch_id), "--lang", "en", "--user", ADMIN]) == 1
    assert "1 problem(s); nothing was imported" in capsys.readouterr().err
    assert main(["--db", url, "resources", "import", str(path), "--batch", str(batch_id), "--user", ADMIN]) == 1
    assert "1 处问题，未导入任何数据" in capsys.readouterr().err
