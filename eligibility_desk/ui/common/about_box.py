"""关于 Eligibility Desk: the version, how this copy was built, the rule versions in use — and the window
title, which shows the same version and build date.  The facts come from :mod:`eligibility_desk.about`
(Qt-free); this module only words them."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from eligibility_desk.about import AboutFacts, about_facts


def built_text(facts: AboutFacts) -> str:
    """「2026-12-04 构建」 for a bundle; a source checkout (or a wheel) has no build date and says so."""
    if facts.build_date is None:
        return QCoreApplication.translate("AboutBox", "源代码运行，未打包")
    return QCoreApplication.translate("AboutBox", "{date} 构建").format(date=facts.build_date.isoformat())


def window_title(db: str | None = None) -> str:
    """「Eligibility Desk 职业技能等级认定考务桌面 0.1.0（2026-12-04 构建）— 数据库」."""
    facts = about_facts(with_rules=False)
    title = QCoreApplication.translate("AboutBox", "Eligibility Desk 职业技能等级认定考务桌面 {version}（{built}）").format(
        version=facts.version, built=built_text(facts))
    if db is None:
        return title
    return QCoreApplication.translate("AboutBox", "{title} — {db}").format(title=title, db=db)


def about_html(facts: AboutFacts) -> str:
    lines = [f"<h3>Eligibility Desk {escape(facts.version)}</h3>",
             escape(QCoreApplication.translate("AboutBox", "职业技能等级认定考务桌面：申报审核、考场编排、准考证打印、成绩录入")),
             escape(QCoreApplication.translate("AboutBox", "版本：{version}（{built}）").format(
                 version=facts.version, built=built_text(facts)))]
    if facts.rules_error:
        lines.append(escape(QCoreApplication.translate("AboutBox", "规则文件无法读取：{error}").format(error=facts.rules_error)))
    else:
        lines.append(escape(QCoreApplication.translate("AboutBox", "规则文件夹：{path}").format(path=facts.rules_dir)))
        for r in facts.rule_versions:
            lines.append(escape(QCoreApplication.translate("AboutBox", "规则 {code} {name}：{version}（{date} 起施行）").format(
                code=r.code, name=r.name, version=r.version, date=r.effective_from.isoformat())))
    return "<br>".join(lines)


class AboutBox(QMessageBox):
    """The 关于 box; ``rules_dir`` is the centre's own rules folder if one was given (else the shipped one)."""

    def __init__(self, rules_dir: str | Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("about_box")
        self.facts = about_facts(rules_dir)
        self.setWindowTitle(self.tr("关于 Eligibility Desk"))
        self.setTextFormat(Qt.RichText)
        self.setText(about_html(self.facts))
        icon = parent.windowIcon() if parent is not None else QApplication.windowIcon()
        if not icon.isNull():
            self.setIconPixmap(icon.pixmap(64, 64))
        self.setStandardButtons(QMessageBox.Ok)
