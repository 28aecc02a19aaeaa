"""The 成绩 entry grid fits a 1,280 × 800 screen in Chinese and in English: no sideways scrolling, the seat
column whole — entering, comparing, and on a locked sheet with its corrections pane open.  (In English the
corrections pane's captions and buttons had made the side pane 546 px wide and cut the grid's seat column.)"""

from __future__ import annotations

import pytest
from tests.account_helpers import actor  # noqa: E402

pytest.importorskip("PySide6")

from PySide6.QtCore import QLocale, Qt  # noqa: E402

from eligibility_desk.services.scores.score_service import ScoreService  # noqa: E402
from eligibility_desk.ui.common.language import install_translators  # noqa: E402
from eligibility_desk.ui.main_window import WORKSPACES  # noqa: E402
from eligibility_desk.ui.scores.score_entry_model import COMPARE, FIRST, SECOND  # noqa: E402
from tests.ui.conftest import shown_window  # noqa: E402
from tests.ui.scores.test_scores_workspace import desk, prepared  # noqa: E402,F401


@pytest.fixture
def entered_desk(desk):  # noqa: F811
    """The demo batch with a final plan; the first sheet entered twice (one mismatch), the second locked."""
    first, second = ScoreService(desk.db, actor("录入员甲")), ScoreService(desk.db, actor("录入员乙"))
    sheets = first.open_sheets(desk.demo_batch_id)
    for n, sheet in enumerate(sheets[:2]):
        values = {line.seat: f"{60 + i % 30}.5" for i, line in enumerate(sheet.lines)}
        first.enter_many(sheet.id, 1, values)
        if n == 0:
            values[sheet.lines[0].seat] = "12"
        second.enter_many(sheet.id, 2, values)
    first.lock(sheets[1].id)
    return desk, desk.demo_batch_id, [s.id for s in sheets[:2]]


def _fits(grid) -> list[str]:
    """What is wrong with the grid's width: sideways scrolling, a cut column."""
    view = grid.view
    wrong = []
    if view.horizontalScrollBar().maximum() > 0:
        wrong.append(f"scrolls sideways by {view.horizontalScrollBar().maximum()} px")
    for column in range(grid.model.columnCount()):
        need = max(view.sizeHintForColumn(column), view.horizontalHeader().sectionSizeHint(column))
        left = view.columnViewportPosition(column)
        if left < 0 or left + min(view.columnWidth(column), need) > view.viewport().width() or view.columnWidth(column) < need:
            wrong.append(f"column {grid.model.headerData(column, Qt.Orientation.Horizontal)} cut")
    return wrong


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_entry_grid_fits_1280_px_in_both_languages(qtbot, qapp, settings, entered_desk, lang):
    desk, batch_id, (entered, locked) = entered_desk
    locale = QLocale()
    translators = install_translators(qapp, lang) if lang == "en" else []
    try:
        window = shown_window(qtbot, settings, desk, batch_id, (1280, 800), lang)
        window.workspaces.setCurrentIndex(WORKSPACES.index("scores"))
        scores = window.scores_workspace
        found = {}
        for sheet, modes in ((entered, (FIRST, SECOND, COMPARE)), (locked, (COMPARE,))):
            scores.select_sheet(sheet)
            for mode in modes:
                scores.sheet_panel.show_mode(mode)
                qtbot.wait(20)
                grid = scores.sheet_panel.grid
                assert grid.model.mode == mode
                found[(sheet == locked, mode)] = _fits(grid)
        assert scores.sheet_panel.side.currentWidget() is scores.sheet_panel.corrections    # the widest pane
        assert window.width() == 1280 and window.minimumSizeHint().width() <= 1280
        assert found == {key: [] for key in found}
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


@pytest.mark.parametrize("lang, size", [("zh", (1280, 800)), ("en", (1280, 800)), ("zh", (1024, 700))],
                         ids=["zh-1280", "en-1280", "zh-1024"])
def test_the_sheet_list_and_the_statistics_are_whole_at_1280_px_in_both_languages(qtbot, qapp, settings, entered_desk,
                                                                                 lang, size):
    """Every column of the sheet list and of the statistics (each grouping) shows its title and cells whole, none
    scrolls sideways: the long English words wrap inside their cells ("Comprehensive review" was elided to
    "Comprehen…" and the sheet list scrolled sideways); on one line in Chinese at 1280 px, the free width going
    to 考核项目; at 1024 px the Chinese texts wrap between characters, the shortest kept on one line."""
    from eligibility_desk.ui.common.clipping import clipped_texts
    from eligibility_desk.ui.scores.score_sheet_list_model import COL_PART

    desk, batch_id, _sheets = entered_desk
    locale = QLocale()
    translators = install_translators(qapp, lang) if lang == "en" else []
    try:
        window = shown_window(qtbot, settings, desk, batch_id, size, lang)
        window.workspaces.setCurrentIndex(WORKSPACES.index("scores"))
        scores = window.scores_workspace
        sheets, statistics = scores.sheet_table, scores.statistics
        found = {}
        for n in range(statistics.grouping.count()):
            statistics.grouping.setCurrentIndex(n)
            qtbot.wait(20)
            tables = (sheets, statistics.table)
            found[statistics.grouping.currentText()] = [
                *clipped_texts(sheets), *clipped_texts(statistics.table),
                *(f"{t.objectName()} scrolls sideways" for t in tables if t.horizontalScrollBar().maximum() > 0)]
        assert found == {key: [] for key in found} and len(found) == 6
        statistics.grouping.setCurrentIndex(0)                # by part: the longest names were checked above
        parts = {statistics.model.index(r, 0).data() for r in range(statistics.model.rowCount())}
        assert parts == ({"Comprehensive review", "Skill assessment", "Theory exam"} if lang == "en"
                         else {"综合评审", "技能考核", "理论知识考试"})
        if size == (1280, 800) and lang == "zh":      # one line fits: no row grows, the free width is the part's
            assert {sheets.rowHeight(r) for r in range(sheets.model().rowCount())} == {
                sheets.verticalHeader().defaultSectionSize()}
            assert sheets.columnWidth(COL_PART) > sheets.sizeHintForColumn(COL_PART)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
