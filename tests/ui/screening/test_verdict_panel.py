"""The verdict panel on real screening results of the 4-07-02-06 rule file."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.domain import Applicant, WorkPeriod
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.ui.screening.clause_texts import ClauseTexts
from eligibility_desk.ui.screening.verdict_panel import VerdictPanel


@pytest.fixture(scope="module")
def library():
    return RuleLibrary.load()


def test_each_level_shows_verdict_passing_clause_texts_explanations_and_rule_version(qtbot, library):
    standard = library.get("4-07-02-06")
    # §1.9.2 4-1: 累计从事本职业或相关职业工作满 5 年 — met on the fifth anniversary
    applicant = Applicant("A1", "张三", work=(WorkPeriod("电子商务师", date(2019, 3, 1)),))
    results = standard.screen(applicant, date(2025, 9, 1), ["4", "3"])
    panel = VerdictPanel(ClauseTexts(library))
    qtbot.addWidget(panel)
    panel.show_results("张三", "A1", results)
    text = panel.browser.toPlainText()
    assert "四级/中级工 — 符合" in text
    assert "符合条款：4-1" in text
    assert "累计从事本职业或相关职业工作满 5 年" in text           # the clause's verbatim text
    assert "累计相关工作 6年6个月，已满 5 年（自 2019-03-01 起）" in text  # beside its explanation
    assert "三级/高级工 — 不符合" in text
    assert "最早可报考日期：2029-03-01" in text                   # 3-1: 满 10 年 on the tenth anniversary
    assert standard.version in text and "2025-09-01" in text


def test_a_review_verdict_and_english(qtbot, library):
    standard = library.get("4-07-02-06")
    from eligibility_desk.domain import Title, TitleGrade
    applicant = Applicant("A2", "李四", work=(WorkPeriod("营销员", date(2020, 1, 1)),),
                          titles=(Title(TitleGrade.JUNIOR, date(2021, 1, 1), None),))
    results = standard.screen(applicant, date(2025, 9, 1), ["3"])
    assert results[0].verdict.value == "review"
    panel = VerdictPanel(ClauseTexts(library), lang="en")
    qtbot.addWidget(panel)
    panel.show_results("Li Si", "A2", results)
    text = panel.browser.toPlainText()
    assert "level 3 (senior worker) — needs review" in text
    assert "a clerk must decide" in text


def test_not_yet_screened_and_cleared(qtbot, library):
    panel = VerdictPanel(ClauseTexts(library))
    qtbot.addWidget(panel)
    panel.show_results("王五", "A3", [])
    assert "尚未审核" in panel.browser.toPlainText()
    panel.clear()
    assert "选择一名考生" in panel.browser.toPlainText()


def test_the_clause_column_title_stays_on_one_line_in_english(qtbot, qapp, library):
    """The clause table's first column is 11 % of the panel: the English title "Clause" was broken as
    "Claus/e" at the panel's width in the 1280 px window (about 480 px)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QTextTable

    from eligibility_desk.ui.common.language import install_translators

    locale = QLocale()
    translators = install_translators(qapp, "en")
    try:
        standard = library.get("4-07-02-06")
        applicant = Applicant("A1", "Zhang San", work=(WorkPeriod("电子商务师", date(2019, 3, 1)),))
        panel = VerdictPanel(ClauseTexts(library), lang="en")
        qtbot.addWidget(panel)
        panel.resize(480, 600)
        panel.show()
        qtbot.waitExposed(panel)
        panel.show_results("Zhang San", "A1", standard.screen(applicant, date(2025, 9, 1), ["4"]))
        document = panel.browser.document()
        document.setTextWidth(panel.browser.viewport().width())
        table = next(frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable))
        title = table.cellAt(0, 0).firstCursorPosition().block()
        assert title.text() == "Clause"
        assert title.layout().lineCount() == 1
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
