"""The window title and 帮助 → 关于 name the version and how this copy was built: the build date stamped into
a bundle, or 「源代码运行，未打包」 from a checkout."""

from __future__ import annotations

import json

from eligibility_desk import __version__, about
from eligibility_desk.ui.common.window_title import window_title
from eligibility_desk.ui.help_dialogs import about_text


def test_from_a_checkout_the_title_says_so_and_names_the_database(window, desk):
    assert window.windowTitle() == window_title(desk.url)
    assert window.windowTitle().startswith(f"Eligibility Desk 职业技能等级认定考务桌面 {__version__}（源代码运行，未打包）")
    assert window.windowTitle().endswith(f" — {desk.url}")
    assert f"{__version__}（源代码运行，未打包）" in about_text(desk)


def test_a_bundle_shows_its_build_date_in_the_title_and_in_about(window, desk, tmp_path, monkeypatch):
    stamp = tmp_path / "build_info.json"
    stamp.write_text(json.dumps({"version": __version__, "build_date": "2026-12-04"}), encoding="utf-8")
    monkeypatch.setattr(about, "BUILD_INFO", stamp)
    window.set_desk(desk, desk.demo_batch_id)
    assert window.windowTitle() == f"Eligibility Desk 职业技能等级认定考务桌面 {__version__}（2026-12-04 构建） — {desk.url}"
    text = about_text(desk)
    assert f"{__version__}（2026-12-04 构建）" in text
    assert "4-07-02-06 用户增长运营师 — 2025-征求意见稿" in text
