"""The six 1+X packs through the command line, run as a real process: ``standards`` lists them beside
4-07-02-06, and ``screen`` applies the shipped centre policy."""

from __future__ import annotations

import json

from tests.cli.test_screen_command import run, write

SIX = {
    "530054": "数字营销技术应用",
    "530053": "新媒体营销",
    "1x-financial-digital-marketing": "金融产品数字化营销",
    "1x-online-store-operation": "网店运营推广",
    "1x-data-marketing": "数据营销",
    "1x-social-ecommerce-operation": "社交电商运营",
}


def test_standards_lists_4_07_02_06_and_the_six_1x_certificates() -> None:
    proc = run("standards", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = {row["code"]: row for row in json.loads(proc.stdout)}
    assert {"4-07-02-06", *SIX} <= set(rows)
    assert [level["code"] for level in rows["4-07-02-06"]["levels"]] == ["4", "3", "2", "1"]
    for code, name in SIX.items():
        row = rows[code]
        assert row["name"] == name
        assert row["version"] and row["effective_from"]
        assert row["levels"] == [{"code": "初级", "name": "初级"}, {"code": "中级", "name": "中级"},
                                 {"code": "高级", "name": "高级"}]


def test_screen_a_higher_vocational_student_of_a_listed_major_and_of_a_secondary_only_major(tmp_path) -> None:
    def student(applicant_id: str, major: str) -> dict:
        return {"id": applicant_id, "name": "学生", "education": [
            {"school_type": "higher_vocational", "major": major, "graduated_on": "2027-06-30", "in_school": True}]}

    # 530054 §4.2: 网络营销与直播电商 is listed for 高等职业学校; 客户信息服务 only for 中等职业学校
    path = write(tmp_path, [student("H", "网络营销与直播电商"), student("S", "客户信息服务")])
    proc = run("screen", path, "--standard", "530054", "--as-of", "2025-09-01", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    verdicts = {(r["applicant"], r["level"]): r["verdict"] for r in doc["results"]}
    assert verdicts == {("H", "初级"): "eligible", ("H", "中级"): "eligible", ("H", "高级"): "eligible",
                        ("S", "初级"): "review", ("S", "中级"): "review", ("S", "高级"): "review"}
    review = next(r for r in doc["results"] if r["applicant"] == "S")
    assert "专业「客户信息服务」不在本层次适用专业目录" in review["clauses"][0]["explanation"]
    assert "中心决定" in review["clauses"][0]["text"]
