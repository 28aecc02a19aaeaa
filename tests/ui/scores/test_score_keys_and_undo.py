"""Keys in the score entry grid never change data by accident, and score entry is undoable (issue 16).

In the window: Ctrl+Q quits from the grid without touching the seat it is on (it used to mark the seat 缺考 and
save it over a stored 75.0); Ctrl+Z / Ctrl+Shift+Z undo and redo typed scores through the window's 撤销 / 重做,
and an undone score is undone in the database too (the service saved it back).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from eligibility_desk.scoring import ABSENT  # noqa: E402
from eligibility_desk.scoring.values import Marked, format_value, parse_cell  # noqa: E402
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool  # noqa: E402
from eligibility_desk.ui.scores.score_entry_model import FIRST  # noqa: E402
from tests.ui.scores.test_scores_workspace import choose, desk, prepared, theory_sheet, type_score  # noqa: E402,F401


@pytest.fixture
def window(qtbot, settings, desk):  # noqa: F811
    from eligibility_desk.ui.main_window import WORKSPACES, MainWindow

    window = MainWindow(settings, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.scores_workspace.sheets_shown, timeout=10000):
        window.set_desk(desk, desk.demo_batch_id)
        window.workspaces.setCurrentIndex(WORKSPACES.index("scores"))
        window.show()
    qtbot.waitExposed(window)
    return window


def stored(ws, sheet_id, seat):
    return ws.scores.recorder_view(sheet_id, 1).entries.get(seat)


def grid_on_first_seat(qtbot, window):
    ws = window.scores_workspace
    sheet = theory_sheet(ws)
    panel = choose(ws, sheet.id, FIRST)
    panel.grid.go_to_row(0)
    panel.grid.view.setFocus()
    qtbot.waitUntil(lambda: panel.grid.view.hasFocus())
    return ws, sheet, panel.grid


def test_ctrl_q_in_the_grid_quits_without_writing(qtbot, window):
    ws, sheet, grid = grid_on_first_seat(qtbot, window)
    type_score(qtbot, grid, "75")
    seat = grid.model.seat_at(0)
    assert stored(ws, sheet.id, seat).value == Decimal(75)
    grid.go_to_row(0)
    grid.view.setFocus()
    closed = []
    window.destroyed.connect(lambda: closed.append(True))
    qtbot.keyClick(grid.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert stored(ws, sheet.id, seat).value == Decimal(75), "Ctrl+Q must not mark the seat absent"
    assert grid.model.sheet.entry(1, seat) == Decimal(75)


def test_a_plain_q_still_marks_absent(qtbot, window):
    ws, sheet, grid = grid_on_first_seat(qtbot, window)
    qtbot.keyClick(grid.view, Qt.Key.Key_Q)
    assert stored(ws, sheet.id, grid.model.seat_at(0)).value == ABSENT


def test_typed_scores_undo_and_redo_through_the_window(qtbot, window):
    ws, sheet, grid = grid_on_first_seat(qtbot, window)
    first, second = grid.model.seat_at(0), grid.model.seat_at(1)
    type_score(qtbot, grid, "75")
    type_score(qtbot, grid, "Q")
    assert stored(ws, sheet.id, second).value == ABSENT
    assert window.act_undo.isEnabled() and "座位" in window.act_undo.text()

    qtbot.keyClick(grid.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)      # undo 缺考
    assert stored(ws, sheet.id, second) is None and grid.model.sheet.entry(1, second) is None
    window.act_undo.trigger()                                                         # undo 75
    assert stored(ws, sheet.id, first) is None
    assert not window.act_undo.isEnabled()

    qtbot.keyClick(grid.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyRelease(grid.view, Qt.Key.Key_Shift)     # pytest-qt keeps Shift held after a Ctrl+Shift chord
    assert stored(ws, sheet.id, first).value == Decimal(75)
    window.act_redo.trigger()
    assert stored(ws, sheet.id, second).value == ABSENT
    assert grid.model.index(1, grid.model.entry_column()).data() == format_value(ABSENT, "zh")


def test_an_overwritten_score_undoes_to_the_value_before(qtbot, window):
    ws, sheet, grid = grid_on_first_seat(qtbot, window)
    seat = grid.model.seat_at(0)
    type_score(qtbot, grid, "75")
    grid.go_to_row(0)
    type_score(qtbot, grid, "82.5")
    assert stored(ws, sheet.id, seat).value == Decimal("82.5")
    window.act_undo.trigger()
    assert stored(ws, sheet.id, seat).value == Decimal(75)
    assert grid.current_row() == 0, "undo shows the seat it changed"


def test_the_undo_history_belongs_to_the_sheet_shown(qtbot, window):
    ws, sheet, grid = grid_on_first_seat(qtbot, window)
    type_score(qtbot, grid, "75")
    assert window.act_undo.isEnabled()
    other = next(row for row in ws.list_model.rows if row.id != sheet.id)
    choose(ws, other.id, FIRST)
    assert not window.act_undo.isEnabled(), "another sheet's grid starts with its own, empty history"


@pytest.mark.parametrize("text", ["75", "59.5", "0", "100", "缺考", "违纪 携带手机"])
def test_every_shown_value_reads_back_as_itself(text):
    """Undo re-enters the value the cell showed, so what format_value writes parse_cell must read back."""
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.scoring import scoring_rules

    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    value = parse_cell(text, rules, "理论知识考试")
    again = parse_cell(format_value(value, "zh"), rules, "理论知识考试")
    assert again == value and (isinstance(value, Marked) or isinstance(value, Decimal))


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                                      Qt.KeyboardModifier.MetaModifier])
@pytest.mark.parametrize("key", [Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_Delete])
def test_chords_reaching_the_grid_change_nothing(qtbot, key, modifier):
    """Where no window shortcut takes a chord (a grid on its own, an action disabled), the grid's one-key marks
    must still not fire: Ctrl+Q is not Q, Ctrl+Delete is not Delete."""
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.scoring import ScoreSheet, SeatLine, scoring_rules
    from eligibility_desk.ui.scores.score_entry_grid import ScoreEntryGrid
    from eligibility_desk.ui.scores.score_entry_model import ScoreEntryModel

    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    sheet = ScoreSheet("S1", "B1", "AM", "R101", "theory", [SeatLine(1, "A001", "张三", "4"), SeatLine(2, "A002", "李四", "4")])
    sheet.enter(1, 1, Decimal(75))
    grid = ScoreEntryGrid(ScoreEntryModel(sheet, rules, FIRST))
    qtbot.addWidget(grid)
    grid.show()
    qtbot.waitExposed(grid)
    grid.view.setFocus()
    grid.go_to_row(0)
    qtbot.keyClick(grid.view, key, modifier)
    assert sheet.entry(1, 1) == Decimal(75) and grid.current_row() == 0
    assert grid.view.state() != grid.view.State.EditingState
