"""The 考评组评分 table (§1.9.3) on a real SQLite database with the demo batch and a final plan: a spread
only once two examiners scored, refused text offered again, other desks' scores seen on refresh, and a
table that fits the window."""

from __future__ import annotations

import pytest
from tests.account_helpers import actor  # noqa: E402

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from eligibility_desk.services.scores.score_service import ScoreService  # noqa: E402
from eligibility_desk.ui.scores.panel_score_model import FIRST_EXAMINER  # noqa: E402
from eligibility_desk.ui.scores.score_entry_model import FIRST  # noqa: E402
from tests.ui.scores.test_scores_workspace import choose, desk, open_workspace, prepared, workspace  # noqa: E402,F401


def panel_sheet(ws):
    return next(row for row in ws.list_model.rows if row.part == "skill" and row.panel)


def open_panel(ws):
    sheet_panel = choose(ws, panel_sheet(ws).id, FIRST)
    sheet_panel.side.setCurrentWidget(sheet_panel.panel_scores)
    return sheet_panel.panel_scores


def test_a_single_score_shows_no_spread(qtbot, workspace):
    """One examiner's score has nothing to compare with: the spread cell stays empty (not 「0.0」) until a
    second examiner scores; two equal scores are a real spread of 0."""
    panel = open_panel(workspace)
    model = panel.model
    spread = FIRST_EXAMINER + len(model.examiners) + 1
    assert model.setData(model.index(0, FIRST_EXAMINER), "66")
    assert model.index(0, spread).data() == ""
    assert model.index(0, spread + 1).data() == f"尚缺 {len(model.examiners) - 1} 人"
    assert model.setData(model.index(0, FIRST_EXAMINER + 1), "66")
    assert model.index(0, spread).data() == "0.0"


def type_into(qtbot, table, row, column, text):
    """Type ``text`` into a cell of the table and press Enter, as the panel's recorder does."""
    table.setCurrentIndex(table.model().index(row, column))
    table.setFocus()
    qtbot.keyClicks(table, text[0])
    qtbot.keyClicks(table.focusWidget(), text[1:])
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)


def editor_text(table):
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    editor = table.focusWidget()
    assert table.state() == QAbstractItemView.State.EditingState and isinstance(editor, QLineEdit)
    return editor.text()


def test_a_refused_score_reopens_its_cell_with_what_was_typed(qtbot, workspace, desk):
    """As in the entry grid: out of range, a bad format, or a score another desk changed meanwhile — the
    message says why, nothing is stored, and the cell opens again holding exactly what was typed; Esc gives up."""
    from PySide6.QtWidgets import QAbstractItemView

    panel = open_panel(workspace)
    model, table = panel.model, panel.table
    seat, examiner = model.info.lines[0].seat, model.examiners[1]
    for typed, why in (("100.5", "超出 0–100 分"), ("8o", "")):
        type_into(qtbot, table, 0, FIRST_EXAMINER + 1, typed)
        qtbot.waitUntil(lambda: "座位" in panel.message.text())
        assert why in panel.message.text()
        assert editor_text(table) == typed and table.currentIndex().row() == 0
        assert model.view.entry(seat, examiner) is None
        qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
        panel.say("")
    assert model.setData(model.index(0, FIRST_EXAMINER + 1), "75")
    ScoreService(desk.db, actor("考评组长")).panel_enter(panel.model.info.id, examiner, seat, "77",
                                               expected_version=model.view.version(seat, examiner))
    type_into(qtbot, table, 0, FIRST_EXAMINER + 1, "76")
    qtbot.waitUntil(lambda: "现为 77.0" in panel.message.text())
    assert editor_text(table) == "76"                                  # typed text kept over the re-read
    assert model.index(0, FIRST_EXAMINER + 1).data() == "77.0"         # the other desk's score underneath
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)             # confirmed now against 77.0
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert str(model.view.entry(seat, examiner).value) == "76.0"


def test_other_desks_scores_show_on_refresh_keeping_the_selection_and_an_open_editor(qtbot, workspace, desk):
    """Another desk (its own connection to the same database file) scores; F5 (or 「刷新」), showing the tab
    again and the timer re-read the table — the current cell stays, and a cell being typed into is not
    touched until its editor closes."""
    from PySide6.QtWidgets import QAbstractItemView

    from eligibility_desk.services.records.desk import Desk

    panel = open_panel(workspace)
    model, table = panel.model, panel.table
    lines, examiners = model.info.lines, model.examiners
    workspace.activateWindow()
    qtbot.waitUntil(workspace.isActiveWindow)
    with Desk.open(desk.db.url, actor=actor("考评组长")) as other_desk:
        other = ScoreService(other_desk.db, actor("考评组长"))
        other.panel_enter(model.info.id, examiners[0], lines[2].seat, "81")
        assert model.index(2, FIRST_EXAMINER).data() == ""           # not seen yet
        table.setCurrentIndex(model.index(1, FIRST_EXAMINER + 1))
        table.setFocus()
        with qtbot.waitSignal(panel.refreshed) as refreshed:
            qtbot.keyClick(table, Qt.Key.Key_F5)
        assert refreshed.args == [True] and model.index(2, FIRST_EXAMINER).data() == "81.0"
        assert (table.currentIndex().row(), table.currentIndex().column()) == (1, FIRST_EXAMINER + 1)
        assert table.selectionModel().isSelected(model.index(1, FIRST_EXAMINER + 1))

        qtbot.keyClicks(table, "7")                                    # typing into (1, examiner 2)
        other.panel_enter(model.info.id, examiners[0], lines[3].seat, "64")
        assert not panel.refresh() and editor_text(table) == "7"       # deferred while typing
        assert model.index(3, FIRST_EXAMINER).data() == ""
        with qtbot.waitSignal(panel.refreshed):
            qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Escape)     # follows once the editor closes
        assert table.state() != QAbstractItemView.State.EditingState
        assert model.index(3, FIRST_EXAMINER).data() == "64.0"

        sheet_panel = workspace.sheet_panel
        sheet_panel.side.setCurrentIndex(0)
        assert not panel.timer.isActive()                              # no reads while the tab is hidden
        other.panel_enter(model.info.id, examiners[1], lines[3].seat, "65")
        with qtbot.waitSignal(panel.refreshed):
            sheet_panel.side.setCurrentWidget(panel)                   # showing the tab re-reads
        assert model.index(3, FIRST_EXAMINER + 1).data() == "65.0"
        assert panel.timer.isActive()

        other.panel_enter(model.info.id, examiners[2], lines[3].seat, "66")
        panel.timer.setInterval(50)
        with qtbot.waitSignal(panel.refreshed, timeout=3000):          # the timer, shortened for the test
            pass
        assert model.index(3, FIRST_EXAMINER + 2).data() == "66.0"


def test_the_panel_table_fits_the_default_window_without_scrolling_sideways(qtbot, desk, tmp_path):
    """At the main window's default size (1280 × 800, ui/main_window.py) the 考评组评分 tab shows every
    examiner's score, the mean, the spread and the state without a horizontal scroll bar; the grid and the
    column of sheet list and statistics keep usable widths."""
    ws = open_workspace(qtbot, desk)
    ws.resize(1280, 760)                       # the window less its tab bar and status bar
    qtbot.waitUntil(lambda: ws.splitter.sizes()[1] > 0)
    before = ws.splitter.sizes()
    choose(ws, next(r for r in ws.list_model.rows if r.part == "theory").id, FIRST)
    assert ws.splitter.sizes() == before                     # sheets without a panel: the layout is untouched
    panel = open_panel(ws)
    model, table = panel.model, panel.table
    assert model.setData(model.index(0, FIRST_EXAMINER), "80") and model.setData(model.index(0, FIRST_EXAMINER + 1), "61")
    qtbot.wait(10)
    ws.grab().save(str(tmp_path / "panel_tab_1280.png"))     # to look at
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    last = model.columnCount() - 1
    for column in (last - 2, last - 1, last):                # mean, spread, state
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width()
    for column in range(FIRST_EXAMINER, last - 1):           # scores, mean and spread whole, not cut
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
    assert model.index(0, last).data(Qt.ItemDataRole.ToolTipRole) == model.index(0, last).data()
    left, middle = ws.splitter.sizes()
    assert left >= 300 and ws.sheet_panel.split.sizes()[0] >= 300
