"""The window title — 「Eligibility Desk 职业技能等级认定考务桌面 0.1.0（2026-12-04 构建）— 数据库」 — and the
「构建」 wording 帮助 → 关于 shares (ui/help_dialogs.py).  The facts (version, the bundle's build date) come from
:mod:`eligibility_desk.about`, which is Qt-free; this module only words them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eligibility_desk.about import AboutFacts, about_facts


def built_text(facts: AboutFacts) -> str:
    """「2026-12-04 构建」 for a bundle; a source checkout (or a wheel) has no build date and says so."""
    if facts.build_date is None:
        return QCoreApplication.translate("WindowTitle", "源代码运行，未打包")
    return QCoreApplication.translate("WindowTitle", "{date} 构建").format(date=facts.build_date.isoformat())


def window_title(db: str | None = None) -> str:
    facts = about_facts(with_rules=False)
    title = QCoreApplication.translate("WindowTitle", "Eligibility Desk 职业技能等级认定考务桌面 {version}（{built}）").format(
        version=facts.version, built=built_text(facts))
    if db is None:
        return title
    return QCoreApplication.translate("WindowTitle", "{title} — {db}").format(title=title, db=db)
