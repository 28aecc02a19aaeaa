"""The review queue: undecided review results one after another, decided in two keystrokes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eligibility_desk.ui.main_window import DETAIL_REVIEW
from tests.account_helpers import actor


def test_digit_then_a_approves_with_that_reason_and_moves_on(qtbot, window, desk):
    batch = desk.demo_batch_id
    queue = desk.review_queue(batch)
    assert queue, "the demo batch has review cases"
    window.show_detail(DETAIL_REVIEW)
    panel = window.screening.review_panel
    first = panel.current.id
    assert first == queue[0]
    assert f"1 / {len(queue)}" in panel.heading.text()
    with qtbot.waitSignal(panel.decided) as decided:
        qtbot.keyClick(panel, Qt.Key_1)   # reason 1
        qtbot.keyClick(panel, Qt.Key_A)   # approve
    assert decided.args == [first, True]
    stored = desk.result(first)
    assert stored.decision is not None and stored.decision.approve is True
    assert stored.decision.reason == panel.reasons[0]
    assert stored.decision.user == "clerk1"
    assert stored.verdict == "review"                    # the engine's verdict is kept beside the decision
    assert desk.review_queue(batch) == queue[1:]
    assert panel.current.id == queue[1]                   # the next case is up
    assert window.screening.details.tabText(DETAIL_REVIEW).endswith(f"({len(queue) - 1})")


def test_reject_with_a_typed_reason_and_a_reason_is_required(qtbot, window, desk):
    window.show_detail(DETAIL_REVIEW)
    panel = window.screening.review_panel
    current = panel.current.id
    qtbot.keyClick(panel, Qt.Key_R)                        # no reason yet: refused, nothing stored
    assert "理由" in panel.message.text()
    assert desk.result(current).decision is None
    panel.reason.setFocus()
    qtbot.keyClicks(panel.reason, "ok")                   # letters typed in the box are text, not shortcuts
    assert panel.reason.text() == "ok"
    with qtbot.waitSignal(panel.decided) as decided:
        qtbot.keyClick(panel.reason, Qt.Key_Return, Qt.ControlModifier | Qt.ShiftModifier)
    assert decided.args == [current, False]
    assert desk.result(current).decision.reason == "ok"


def test_the_list_shows_the_decision(qtbot, window, desk):
    window.show_detail(DETAIL_REVIEW)
    panel = window.screening.review_panel
    pk = panel.current.applicant_pk
    with qtbot.waitSignal(window.rows_shown):
        qtbot.keyClick(panel, Qt.Key_2)
        qtbot.keyClick(panel, Qt.Key_A)
    row = next(r for r in desk.applicant_rows(desk.demo_batch_id) if r.pk == pk)
    assert row.decided
    window.screening.list_panel.decided_filter.setCurrentIndex(window.screening.list_panel.decided_filter.findData(True))
    shown = [window.screening.list_panel.model.row_at(i).pk for i in range(window.screening.list_panel.model.rowCount())]
    assert pk in shown


def test_the_list_shows_the_final_verdict_and_who_decided(qtbot, window, desk):
    """After a clerk's decision the list no longer says 待人工审核: 审核结论 shows the decision (marked 人工) and 复核
    names who decided."""
    from eligibility_desk.ui.screening.applicant_table_model import COL_DECIDED, COL_VERDICT

    window.show_detail(DETAIL_REVIEW)
    panel = window.screening.review_panel
    pk, level = panel.current.applicant_pk, panel.current.level
    with qtbot.waitSignal(window.rows_shown):
        qtbot.keyClick(panel, Qt.Key_2)
        qtbot.keyClick(panel, Qt.Key_R)
    model = window.screening.list_panel.model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).pk == pk)
    verdict_text = model.index(row, COL_VERDICT).data()
    from eligibility_desk.ui.common.labels import short_level, verdict_label

    parts = {part.split(" ")[0]: part for part in verdict_text.split("；")}
    assert parts[short_level(level, "zh")] == f"{short_level(level, 'zh')} {verdict_label('ineligible', 'zh')}（人工）"
    assert model.index(row, COL_DECIDED).data() == f"已决定：{desk.user}"
    assert dict(model.row_at(row).final_verdicts)[level] == "ineligible"


def test_a_case_decided_at_another_desk_meanwhile_is_refused_and_leaves_the_queue(qtbot, window, desk):
    from eligibility_desk.services.records.desk import Desk

    window.show_detail(DETAIL_REVIEW)
    panel = window.screening.review_panel
    current = panel.current.id
    with Desk.open(desk.db.url, actor("另一台")) as other:   # another desk, its own connection
        other.decide(current, False, "资料不全，无法核实", expected_version=0)
    qtbot.keyClick(panel, Qt.Key_1)
    qtbot.keyClick(panel, Qt.Key_A)                        # this desk saw it undecided: refused
    assert "已被他人修改" in panel.message.text()
    stored = desk.result(current)
    assert stored.decisions == 1 and stored.decision.user == "另一台" and not stored.decision.approve
    assert current not in panel.queue and (panel.current is None or panel.current.id != current)
