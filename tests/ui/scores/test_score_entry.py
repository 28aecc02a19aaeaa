"""The score entry grid with pytest-qt: typing, Enter moves down, refusals, marks, double entry, charts."""

from datetime import datetime
from decimal import Decimal

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView  # noqa: E402

from eligibility_desk.rules_engine import RuleLibrary  # noqa: E402
from eligibility_desk.scoring import ABSENT, Mark, ScoreSheet, SeatLine, part_statistics, scoring_rules  # noqa: E402
from eligibility_desk.scoring.demo import demo_batch  # noqa: E402
from eligibility_desk.scoring.statistics import records_from_sheets  # noqa: E402
from eligibility_desk.ui.scores.score_entry_grid import ScoreEntryGrid  # noqa: E402
from eligibility_desk.ui.scores.score_entry_model import (COMPARE, ENTRY, FIRST, FIRST_ENTRY, SECOND, SECOND_ENTRY,  # noqa: E402
                                                  MismatchRole, ScoreEntryModel)
from eligibility_desk.ui.scores.score_histogram import ScoreHistogram  # noqa: E402

D = Decimal


@pytest.fixture(scope="module")
def rules():
    return scoring_rules(RuleLibrary.load().get("4-07-02-06"))


def fresh_sheet():
    lines = [SeatLine(seat, f"A{seat:03d}", name, "4") for seat, name in ((1, "张三"), (2, "李四"), (3, "王五"), (4, "赵六"))]
    return ScoreSheet("S1", "B1", "AM", "R101", "theory", lines)


@pytest.fixture
def grid(qtbot, rules):
    model = ScoreEntryModel(fresh_sheet(), rules, FIRST)
    widget = ScoreEntryGrid(model)
    qtbot.addWidget(widget)
    widget.resize(520, 320)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.setFocus()
    return widget


def type_score(qtbot, grid, text, wait=True):
    """Type into the current cell and press Enter, the way a recorder does."""
    qtbot.keyClicks(grid.view, text[0])
    editor = grid.view.focusWidget()
    if len(text) > 1:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    if wait:   # the delegate commits on a queued call, as it does for a real key press: let it run
        qtbot.waitUntil(lambda: grid.view.state() != QAbstractItemView.State.EditingState)


def test_typed_scores_are_saved_and_enter_moves_down(qtbot, grid):
    type_score(qtbot, grid, "75")
    qtbot.waitUntil(lambda: grid.current_row() == 1)
    type_score(qtbot, grid, "59.5")
    qtbot.waitUntil(lambda: grid.current_row() == 2)
    sheet = grid.model.sheet
    assert sheet.entry(1, 1) == D(75) and sheet.entry(1, 2) == D("59.5")
    assert grid.model.index(0, ENTRY).data() == "75.0"
    assert "2/4" in grid.progress.text()


def test_clicking_a_name_keeps_the_cursor_in_the_score_column(qtbot, grid):
    rect = grid.view.visualRect(grid.model.index(2, 2))
    qtbot.mouseClick(grid.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (grid.view.currentIndex().row(), grid.view.currentIndex().column()) == (2, ENTRY)
    type_score(qtbot, grid, "88")
    assert grid.model.sheet.entry(1, 3) == D(88)


def test_enter_without_editing_moves_down(qtbot, grid):
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert grid.current_row() == 1


@pytest.mark.parametrize("text, words", [("100.5", "100.5"), ("59.95", "59.95"), ("abc", "abc")])
def test_invalid_score_is_refused_with_a_message(qtbot, grid, text, words):
    with qtbot.waitSignal(grid.messageChanged, timeout=2000) as blocker:
        type_score(qtbot, grid, text, wait=False)
    assert words in blocker.args[0] and "座位 1" in blocker.args[0]
    assert grid.message.text() == blocker.args[0]
    assert grid.model.sheet.entry(1, 1) is None          # refused: nothing stored
    assert grid.current_row() == 0                         # the cursor stays on the seat
    editor = grid.view.focusWidget()                       # and the cell reopens with the typed text
    assert grid.view.state() == QAbstractItemView.State.EditingState and editor.text() == text
    editor.clear()
    qtbot.keyClicks(editor, "61")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.model.sheet.entry(1, 1) == D(61))
    assert grid.current_row() == 1 and grid.message.text() == ""


def test_absent_and_disqualified_keys(qtbot, grid):
    qtbot.keyClick(grid.view, Qt.Key.Key_Q)
    assert grid.model.sheet.entry(1, 1) is ABSENT and grid.current_row() == 1
    qtbot.keyClick(grid.view, Qt.Key.Key_W)              # opens the cell with 「违纪 」
    editor = grid.view.focusWidget()
    assert editor.text() == "违纪 "
    editor.insert("携带手机")   # Chinese arrives through the input method, not as key codes
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.model.sheet.entry(1, 2) is not None)
    assert grid.current_row() == 2
    value = grid.model.sheet.entry(1, 2)
    assert value.mark is Mark.DISQUALIFIED and value.note == "携带手机"


def test_disqualified_without_note_is_refused(qtbot, grid):
    qtbot.keyClick(grid.view, Qt.Key.Key_W)
    with qtbot.waitSignal(grid.messageChanged, timeout=2000) as blocker:
        qtbot.keyClick(grid.view.focusWidget(), Qt.Key.Key_Return)
    assert "说明" in blocker.args[0] and grid.model.sheet.entry(1, 1) is None
    assert grid.view.focusWidget().text() == "违纪 "   # reopened, ready for the note


def test_second_recorder_does_not_see_the_first_and_mismatch_is_shown(qtbot, grid):
    for text in ("75", "80", "66", "90"):
        type_score(qtbot, grid, text)
    qtbot.waitUntil(lambda: grid.model.sheet.entry(1, 4) is not None)
    grid.set_mode(SECOND)
    assert grid.model.index(0, ENTRY).data() == ""       # the first recorder's 75 is hidden
    assert grid.model.columnCount() == 4
    for text in ("75", "80", "68", "90"):                 # seat 3 mistyped
        type_score(qtbot, grid, text)
    qtbot.waitUntil(lambda: grid.model.sheet.entry(2, 4) is not None)
    assert grid.model.index(2, ENTRY).data(Qt.ItemDataRole.BackgroundRole) is None   # no hint while entering

    grid.set_mode(COMPARE)
    model = grid.model
    assert model.mismatched_rows() == [2]
    assert model.index(2, FIRST_ENTRY).data() == "66.0" and model.index(2, SECOND_ENTRY).data() == "68.0"
    assert model.index(2, 0).data(MismatchRole) is True and model.index(1, 0).data(MismatchRole) is False
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole).color() == QColor("#f8d0cc")
    assert model.index(2, 5).data() == "不一致"
    assert grid.current_row() == 2 and "不一致 1" in grid.progress.text()
    assert not (model.flags(model.index(2, SECOND_ENTRY)) & Qt.ItemFlag.ItemIsEditable)


def test_locked_sheet_is_read_only(qtbot, rules):
    sheet = fresh_sheet()
    for seat in sheet.seats():
        sheet.enter(1, seat, D(70))
        sheet.enter(2, seat, D(70))
    sheet.lock("组长", datetime(2026, 11, 21, 12))
    model = ScoreEntryModel(sheet, rules, FIRST)
    assert not (model.flags(model.index(0, ENTRY)) & Qt.ItemFlag.ItemIsEditable)
    assert model.setData(model.index(0, ENTRY), "80") is False and sheet.value(1) == D(70)


def test_demo_batch_compare_and_histogram_screenshot(qtbot, rules, tmp_path):
    sheets = demo_batch(rules)
    grid = ScoreEntryGrid(ScoreEntryModel(sheets[0], rules, COMPARE))
    qtbot.addWidget(grid)
    grid.resize(560, 420)
    grid.show()
    qtbot.waitExposed(grid)
    assert len(grid.model.mismatched_rows()) == 2
    shot = grid.grab()
    shot.save(str(tmp_path / "grid.png"))
    image = shot.toImage()
    assert any(image.pixelColor(x, y) == QColor("#f8d0cc") for x in range(0, image.width(), 4)
               for y in range(0, image.height(), 4))

    stats = part_statistics(records_from_sheets(sheets), rules, by=("part",))[("theory",)]
    chart = ScoreHistogram()
    qtbot.addWidget(chart)
    chart.set_statistics(stats, rules.pass_mark, "理论知识考试")
    chart.resize(480, 280)
    chart.show()
    qtbot.waitExposed(chart)
    picture = chart.grab().toImage()
    colours = {picture.pixelColor(x, y).name() for x in range(0, picture.width(), 3) for y in range(0, picture.height(), 3)}
    assert ScoreHistogram.PASS_COLOUR.name() in colours and ScoreHistogram.FAIL_COLOUR.name() in colours
    assert "合格率" in chart.caption()


def test_the_histogram_wraps_a_caption_wider_than_itself(qtbot, rules):
    """In English the caption (… · mean 71.07 · median 71.3) is wider than the statistics pane: it wraps and
    shows whole (it was drawn on one line, the median cut off), the bars below it."""
    stats = part_statistics(records_from_sheets(demo_batch(rules)), rules, by=("part",))[("theory",)]
    chart = ScoreHistogram(lang="en")
    qtbot.addWidget(chart)
    chart.set_statistics(stats, rules.pass_mark, "level 2 / Comprehensive review")
    chart.resize(330, 280)
    chart.show()
    qtbot.waitExposed(chart)
    metrics = chart.fontMetrics()
    assert metrics.horizontalAdvance(chart.caption()) > chart.width()
    blocks = chart.text_layout()
    assert [text for _rect, text, _font in blocks] == ["level 2 / Comprehensive review", chart.caption()]
    for rect, text, font in blocks:
        from PySide6.QtCore import QRect
        from PySide6.QtGui import QFontMetrics

        shown = QFontMetrics(font).boundingRect(QRect(0, 0, int(rect.width()), 10_000), int(Qt.TextWordWrap), text)
        assert shown.width() <= rect.width() and shown.height() <= rect.height() and rect.right() <= chart.width()
    assert blocks[1][0].height() >= 2 * metrics.height()            # the caption took two lines
    assert not chart.grab().isNull()
