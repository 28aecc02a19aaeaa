"""历史 in the window (docs/gui.md): a score cell's entries from the score sheet (context menu and Ctrl+H), blind
while double entry is open; a level's decisions from the verdict panel (link and Ctrl+H); a clear empty state."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QUrl  # noqa: E402

from eligibility_desk.ui.common.history_table_model import COL_CHANGE, COL_REASON, COL_WHAT, COL_WHO  # noqa: E402
from eligibility_desk.ui.scores.score_entry_model import COMPARE, FIRST, SECOND  # noqa: E402
from tests.ui.scores.test_scores_workspace import (  # noqa: E402, F401 — the prepared batch with a final plan
    as_user, choose, desk, open_workspace, prepared, theory_sheet, type_column, type_score,
)


def cells(dialog, column):
    return [dialog.model.index(r, column).data() for r in range(dialog.model.rowCount())]


def test_a_score_cells_history_lists_its_entries_blind_until_compared(qtbot, desk):
    ws = open_workspace(qtbot, desk)
    sheet = theory_sheet(ws)
    as_user(qtbot, ws, "录入员甲")
    panel = choose(ws, sheet.id, FIRST)
    dialog = panel.show_history(0)
    assert dialog.is_empty() and "还没有" in dialog.empty.text()          # nothing entered yet
    dialog.close()
    type_column(qtbot, panel, ["70"])
    panel.grid.go_to_row(0)
    type_score(qtbot, panel.grid, "72")
    as_user(qtbot, ws, "录入员乙")
    panel = choose(ws, sheet.id, SECOND)
    type_column(qtbot, panel, ["71"])
    panel.grid.go_to_row(0)
    ws.activateWindow()
    panel.grid.view.setFocus()
    qtbot.waitUntil(lambda: panel.grid.view.hasFocus())
    qtbot.keyClick(panel.grid.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)    # the key
    dialog = panel.history_dialog
    assert dialog.isVisible() and not dialog.is_empty()
    assert cells(dialog, COL_WHO) == ["录入员乙"]                    # blind: recorder 1's entries are not shown
    assert cells(dialog, COL_CHANGE) == ["（空） → 71.0"] and "盲录" in dialog.subject.text()
    dialog.close()

    as_user(qtbot, ws, "录入员甲")
    n = sheet.seats
    type_column(qtbot, choose(ws, sheet.id, FIRST), ["71"] + ["80"] * (n - 1))
    as_user(qtbot, ws, "录入员乙")
    type_column(qtbot, choose(ws, sheet.id, SECOND), ["71"] + ["80"] * (n - 1))
    panel = choose(ws, sheet.id, COMPARE)
    assert panel.lock()
    # the context menu offers it too; the compared, locked sheet shows both recorders and the lock
    panel.grid.view.customContextMenuRequested.emit(panel.grid.view.visualRect(panel.grid.model.index(0, 0)).center())
    panel.act_history.trigger()
    dialog = panel.history_dialog
    assert cells(dialog, COL_WHO) == ["录入员甲", "录入员甲", "录入员乙", "录入员甲", "录入员乙"]
    assert cells(dialog, COL_WHAT) == ["第一录入：录入", "第一录入：录入", "第二录入：录入", "第一录入：录入", "锁定（最终值）"]
    assert cells(dialog, COL_CHANGE) == ["（空） → 70.0", "70.0 → 72.0", "（空） → 71.0", "72.0 → 71.0", "71.0"]
    assert cells(dialog, COL_WHO)[-1] == "录入员乙"


def test_a_levels_decisions_from_the_verdict_panel(qtbot, window, desk):
    batch = desk.demo_batch_id
    result_id = desk.review_queue(batch)[0]
    pk = desk.result(result_id).applicant_pk
    window.screening.list_panel.select_pk(pk)
    panel = window.screening.verdict_panel
    qtbot.waitUntil(lambda: result_id in panel.result_ids)
    assert "复核历史" in panel.browser.toPlainText()
    with qtbot.waitSignal(panel.history_requested) as asked:
        panel.browser.anchorClicked.emit(QUrl(f"history:{result_id}"))
    assert asked.args == [result_id]
    dialog = window.screening.history_dialog
    assert dialog.is_empty() and "还没有复核决定" in dialog.empty.text()
    dialog.close()
    result = desk.result(result_id)
    desk.decide(result_id, True, "已核验证书原件", expected_version=result.decisions)
    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.screening.reviews import decide
    from tests.account_helpers import actor

    decide(desk.db, result_id, False, "证书与专业不符", actor("复核人乙", Role.SUPERVISOR), result.decisions + 1)
    dialog = window.screening.show_decision_history(result_id)
    assert not dialog.is_empty()
    assert cells(dialog, COL_CHANGE) == ["（空） → 通过", "通过 → 不通过"]
    assert cells(dialog, COL_REASON) == ["已核验证书原件", "证书与专业不符"]
    assert cells(dialog, COL_WHO) == [desk.user, "复核人乙"]
