"""帮助 → 关于: version, how this copy was built and the rule versions in use; the title shows the version."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from eligibility_desk import __version__, about
from eligibility_desk.ui.common.about_box import AboutBox, about_html, window_title

ROOT = Path(__file__).resolve().parents[3]


def test_the_about_action_sits_in_the_help_menu_and_opens_the_box(qtbot, window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert [a.objectName() for a in menus["帮助(&H)"].actions()] == ["about"]
    window.act_about.trigger()
    box = window.about_box
    qtbot.waitUntil(box.isVisible)
    text = box.text()
    assert f"Eligibility Desk {__version__}" in text and "源代码运行，未打包" in text
    assert "4-07-02-06 用户增长运营师：2025-征求意见稿（2024-01-01 起施行）" in text
    assert str(ROOT / "rules") in text
    box.close()


def test_the_window_title_names_the_version_and_the_database(window, desk):
    assert window.windowTitle() == window_title(desk.url)
    assert window.windowTitle().startswith(f"Eligibility Desk 职业技能等级认定考务桌面 {__version__}（源代码运行，未打包）")
    assert window.windowTitle().endswith(f" — {desk.url}")


def test_a_bundle_shows_its_build_date():
    facts = about.AboutFacts("1.2.3", date(2026, 12, 4), ROOT / "rules",
                             (about.RuleVersion("4-07-02-06", "用户增长运营师", "v2", date(2024, 1, 1)),))
    html = about_html(facts)
    assert "版本：1.2.3（2026-12-04 构建）" in html and "规则 4-07-02-06 用户增长运营师：v2（2024-01-01 起施行）" in html


def test_the_centres_own_rules_folder_is_the_one_described(qtbot, tmp_path):
    own = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "lists", own / "lists")
    shutil.copytree(ROOT / "rules" / "standards", own / "standards")
    box = AboutBox(own)
    qtbot.addWidget(box)
    assert str(own) in box.text()
    broken = AboutBox(tmp_path / "nowhere")
    qtbot.addWidget(broken)
    assert "规则文件无法读取" in broken.text()
