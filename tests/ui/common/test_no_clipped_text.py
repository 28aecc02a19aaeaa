"""Every workspace at 1280×800 and 1600×1000, in Chinese and English, shows its headers and cells whole (issue 16): the long-text columns
elide on purpose (their tooltip has the whole text), nothing else is cut.  The checker itself is shown to find
a cut header and a cut cell."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QTableView  # noqa: E402

from eligibility_desk.ui.common.clipping import clipped_texts  # noqa: E402
from eligibility_desk.ui.main_window import WORKSPACES  # noqa: E402
from tests.ui.conftest import shown_window  # noqa: E402
from tests.ui.scores.test_scores_workspace import desk, prepared  # noqa: E402,F401


@pytest.fixture
def planned_desk(desk):  # noqa: F811
    """The 成绩 tests' desk (a copy of the demo batch with a final plan) and its batch."""
    return desk, desk.demo_batch_id


@pytest.fixture(params=["zh", "en"])
def lang(request, qapp):
    """The interface language: English installs the app's translators for the test."""
    from PySide6.QtCore import QLocale

    from eligibility_desk.ui.common.language import install_translators

    locale = QLocale()
    translators = install_translators(qapp, request.param) if request.param == "en" else []
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000)], ids=["1280x800", "1600x1000"])
def test_no_workspace_cuts_a_header_or_a_cell(qtbot, settings, planned_desk, size, lang):
    desk, batch_id = planned_desk
    window = shown_window(qtbot, settings, desk, batch_id, size, lang)
    rows = desk.applicant_rows(batch_id)
    window.screening.list_panel.select_pk(next(r for r in rows if len(r.levels) >= 2).pk)
    found = {}
    for key in WORKSPACES:
        window.workspaces.setCurrentIndex(WORKSPACES.index(key))
        qtbot.wait(20)
        if key == "scores" and window.scores_workspace.list_model.rows:
            window.scores_workspace.select_sheet(window.scores_workspace.list_model.rows[0].id)
            qtbot.wait(20)
        found[key] = clipped_texts(window)
    assert found == {key: [] for key in WORKSPACES}


def test_the_window_fits_a_1024_px_screen_in_both_languages(qtbot, settings, planned_desk, lang):
    """No workspace asks for more than 1024 × 700: the 打印 notes under the big buttons wrap (on one line the
    English ones made the window at least 1,042 px wide); 成绩's correction lists ask for two lines, not Qt's
    70 px each (the window was at least 716 px high)."""
    desk, batch_id = planned_desk
    window = shown_window(qtbot, settings, desk, batch_id, (1024, 700), lang)
    widths = {}
    for key in WORKSPACES:
        window.workspaces.setCurrentIndex(WORKSPACES.index(key))
        qtbot.wait(20)
        widths[key] = window.workspaces.widget(WORKSPACES.index(key)).minimumSizeHint().width()
    assert max(widths.values()) < 1000, widths
    assert window.minimumSizeHint().width() <= 1024 and window.width() == 1024
    assert window.minimumSizeHint().height() <= 700 and window.height() == 700


def _one_row_table(qtbot, headers: list[str], cells: list[str]) -> QTableView:
    """A shown 600×200 table of one row, its last column not stretched: what the checker's own tests cut."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    model = QStandardItemModel(1, len(headers))
    model.setHorizontalHeaderLabels(headers)
    for column, text in enumerate(cells):
        model.setItem(0, column, QStandardItem(text))
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    view.horizontalHeader().setStretchLastSection(False)
    return view


def test_the_checker_finds_a_cut_header_and_a_cut_cell(qtbot):
    view = _one_row_table(qtbot, ["考生编号", "学校"], ["D0901-00001", "成都市财贸职业高级中学校"])
    view.setObjectName("cut")
    view.resizeColumnsToContents()
    assert clipped_texts(view) == []
    view.horizontalHeader().resizeSection(0, 20)
    view.horizontalHeader().resizeSection(1, 40)
    found = clipped_texts(view)
    assert any("header 「考生编号」" in f for f in found) and any("成都市财贸职业高级中学校" in f for f in found)
    view.setProperty("elideColumns", [1])          # a long-text column may elide
    assert not any("成都市" in f for f in clipped_texts(view))


def test_the_checker_takes_a_wrapped_cell_whole_only_when_every_line_and_word_shows(qtbot):
    view = _one_row_table(qtbot, ["Part"], ["Comprehensive review"])
    metrics = view.fontMetrics()
    word = metrics.horizontalAdvance("Comprehensive")
    view.horizontalHeader().resizeSection(0, word + 14)       # "Comprehensive" / "review": two lines
    view.verticalHeader().resizeSection(0, 3 * metrics.lineSpacing())
    assert clipped_texts(view) == []
    view.verticalHeader().resizeSection(0, metrics.lineSpacing())       # the second line cut off
    assert any("Comprehensive review" in f for f in clipped_texts(view))
    view.verticalHeader().resizeSection(0, 3 * metrics.lineSpacing())
    view.horizontalHeader().resizeSection(0, word - 10)      # the long word itself cut
    assert any("Comprehensive review" in f for f in clipped_texts(view))
    view.setWordWrap(False)                                  # one line only: cut at any width below the text's
    view.horizontalHeader().resizeSection(0, word + 14)
    assert any("Comprehensive review" in f for f in clipped_texts(view))


def test_the_checker_finds_a_table_that_scrolls_sideways_unless_its_columns_run_on(qtbot):
    from PySide6.QtGui import QStandardItemModel

    model = QStandardItemModel(3, 6)
    view = QTableView()
    view.setObjectName("wide")
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    for column in range(6):
        view.setColumnWidth(column, 30)
    qtbot.wait(10)
    assert clipped_texts(view) == []
    view.setColumnWidth(5, 200)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    assert clipped_texts(view) == ["wide: scrolls sideways"]
    view.setProperty("scrollsSideways", True)
    assert clipped_texts(view) == []
