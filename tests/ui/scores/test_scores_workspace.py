"""The 成绩 workspace on a real SQLite database holding the demo batch with a final plan (docs/gui.md):
double entry by two recorders, a mismatch shown and the lock refused, resolved and locked; a correction after
the lock needs a reason and is audited; a bad score refused with its message; statistics (§1.9.2: a part is
passed at 60 or above, 含 60); publication lists the passes; results exported off the GUI thread."""

from __future__ import annotations

import shutil

import pytest
from tests.account_helpers import actor  # noqa: E402

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView  # noqa: E402

from eligibility_desk.services.sessions.demo_resources import create_demo_resources  # noqa: E402
from eligibility_desk.services.records.desk import Desk  # noqa: E402
from eligibility_desk.services.scores.score_service import ScoreService  # noqa: E402
from eligibility_desk.services.sessions.session_service import SessionService  # noqa: E402
from eligibility_desk.ui.scores.score_entry_model import COMPARE, FIRST, SECOND, STATUS  # noqa: E402
from eligibility_desk.ui.scores.score_reports import NOT_STARTED, TO_CHECK  # noqa: E402
from eligibility_desk.ui.scores.score_sheet_list_model import COL_MISMATCHES, COL_STATUS  # noqa: E402
from eligibility_desk.ui.scores.scores_workspace import ScoresWorkspace  # noqa: E402
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool  # noqa: E402
from eligibility_desk.ui.common.task_runner import TaskRunner  # noqa: E402


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The demo batch (60 applicants), the demo rooms and staff, a final plan: made once per module."""
    path = tmp_path_factory.mktemp("scores_ui") / "desk.sqlite3"
    with Desk.open(f"sqlite:///{path}", actor=actor("教务员")) as desk:
        batch_id = desk.create_demo_batch(n=60, seed=7)
        create_demo_resources(desk.db, batch_id, desk.actor)
        sessions = SessionService.from_desk(desk)
        stored = sessions.plan_batch(batch_id, seed=7)
        sessions.finalise(stored.id, stored.version)
    return path, batch_id


@pytest.fixture
def desk(prepared, tmp_path):
    target = tmp_path / "desk.sqlite3"
    shutil.copy(prepared[0], target)
    with Desk.open(f"sqlite:///{target}", actor=actor("教务员")) as d:
        d.demo_batch_id = prepared[1]
        yield d


def open_workspace(qtbot, desk):
    runner = TaskRunner(None, SynchronousPool())
    ws = ScoresWorkspace(runner, None, "zh")
    qtbot.addWidget(ws)
    ws.resize(1500, 800)
    ws.set_batch(desk, desk.demo_batch_id)
    with qtbot.waitSignal(ws.sheets_shown):
        ws.show()
    return ws


@pytest.fixture
def workspace(qtbot, desk):
    return open_workspace(qtbot, desk)


def theory_sheet(ws):
    return next(row for row in ws.list_model.rows if row.part == "theory")


def as_user(qtbot, ws, name, *roles):
    """Another account takes the desk (账户 → 切换账户…): the window hands the workspace that account's desk
    (``roles``: the account's roles; every role when none are given)."""
    other = Desk(ws.desk.db, actor(name, *roles), ws.desk._rules_dir)
    with qtbot.waitSignal(ws.sheets_shown):
        ws.set_batch(other, ws.batch_id)
    assert ws.scores.user == name and name in ws.recorder_label.text()


def choose(ws, sheet_id, mode):
    ws.select_sheet(sheet_id)
    panel = ws.sheet_panel
    panel.mode.setCurrentIndex(panel.mode.findData(mode))
    panel.show_mode(mode)
    return panel


def type_score(qtbot, grid, text):
    """Type into the current cell and press Enter, the way a recorder does; Q marks absent (缺考)."""
    if text == "Q":
        qtbot.keyClick(grid.view, Qt.Key.Key_Q)
        return
    qtbot.keyClicks(grid.view, text[0])
    editor = grid.view.focusWidget()
    if len(text) > 1:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.view.state() != QAbstractItemView.State.EditingState)


def type_column(qtbot, panel, values):
    panel.grid.go_to_row(0)
    panel.grid.view.setFocus()
    for text in values:
        type_score(qtbot, panel.grid, text)


def status_text(ws, sheet_id):
    row = ws.list_model.row_of(sheet_id)
    return ws.list_model.index(row, COL_STATUS).data(), ws.list_model.index(row, COL_MISMATCHES).data()


def enter_both(qtbot, ws, sheet, first, second):
    as_user(qtbot, ws, "录入员甲")
    type_column(qtbot, choose(ws, sheet.id, FIRST), first)
    as_user(qtbot, ws, "录入员乙")
    panel = choose(ws, sheet.id, SECOND)
    assert all(panel.grid.model.sheet.entry(1, s) is None for s in panel.grid.model.sheet.seats()), \
        "the second recorder's grid holds none of the first's entries"
    type_column(qtbot, panel, second)
    return panel


def test_sheets_listed_with_status_and_an_empty_state_without_a_final_plan(qtbot, workspace, tmp_path):
    rows = workspace.list_model.rows
    assert rows and all(r.status == NOT_STARTED for r in rows)
    assert workspace.stack.currentWidget() is workspace.splitter
    assert status_text(workspace, rows[0].id)[0] == "未录入"
    with Desk.open(f"sqlite:///{tmp_path / 'plain.sqlite3'}", actor=actor("教务员")) as plain:
        batch = plain.create_demo_batch(n=20, seed=3)
        with qtbot.waitSignal(workspace.sheets_shown) as shown:
            workspace.set_batch(plain, batch)
        assert shown.args == [0]
        assert workspace.stack.currentWidget() is workspace.empty
        assert "编排" in workspace.empty_text.text() and workspace.to_planning.isVisible()
        with qtbot.waitSignal(workspace.planning_requested):
            workspace.to_planning.click()


def test_without_sheets_the_actions_are_off_and_the_empty_state_says_where_to_choose_a_batch(qtbot, workspace, tmp_path):
    """Nothing to import into, publish or export: those buttons are disabled while the empty state shows (they
    did nothing when clicked), 刷新 stays; with no batch the text says where one is chosen or made."""
    actions = [workspace.buttons[key] for key in ("import", "publish", "export_xlsx", "export_pdf")]
    assert all(button.isEnabled() for button in actions)
    desk = workspace.desk
    with qtbot.waitSignal(workspace.sheets_shown):
        workspace.set_batch(desk, None)
    assert workspace.stack.currentWidget() is workspace.empty
    assert "「批次 → 新建批次…」" in workspace.empty_text.text() and not workspace.to_planning.isVisible()
    assert not any(button.isEnabled() for button in actions) and workspace.buttons["reload"].isEnabled()
    with Desk.open(f"sqlite:///{tmp_path / 'plain.sqlite3'}", actor=actor("教务员")) as plain:
        batch = plain.create_demo_batch(n=20, seed=3)
        with qtbot.waitSignal(workspace.sheets_shown):
            workspace.set_batch(plain, batch)                 # no final plan: still nothing to act on
        assert workspace.stack.currentWidget() is workspace.empty
        assert not any(button.isEnabled() for button in actions)
    with qtbot.waitSignal(workspace.sheets_shown):
        workspace.set_batch(desk, desk.demo_batch_id)
    assert all(button.isEnabled() for button in actions)


def test_double_entry_mismatch_refuses_the_lock_until_resolved(qtbot, workspace):
    sheet = theory_sheet(workspace)
    n = sheet.seats
    first = ["75"] * n
    second = ["75"] * n
    second[1] = "57"                       # a transposed score on seat 2
    as_user(qtbot, workspace, "录入员甲")
    with qtbot.waitSignal(workspace.followed):      # the list follows once typing pauses
        type_column(qtbot, choose(workspace, sheet.id, FIRST), first[:2])
    assert status_text(workspace, sheet.id)[0] == "录入中"
    type_column(qtbot, choose(workspace, sheet.id, FIRST), first)
    as_user(qtbot, workspace, "录入员乙")
    panel = choose(workspace, sheet.id, SECOND)
    assert panel.grid.model.entered_count() == 0      # blind: recorder 1's scores are not there
    with qtbot.waitSignal(workspace.followed):
        type_column(qtbot, panel, second)
    assert workspace.list_model.rows[workspace.list_model.row_of(sheet.id)].status == TO_CHECK
    assert status_text(workspace, sheet.id) == ("待核对", 1)

    assert not panel.lock()
    assert "不能锁定" in panel.message.text() and "1 处不一致" in panel.message.text()
    assert panel.grid.model.mode == COMPARE
    assert panel.mismatch_list.item(0).text().startswith("座位 ")
    assert "第一遍 75.0，第二遍 57.0" in panel.mismatch_list.item(0).text()
    assert ScoreService.from_desk(workspace.desk).sheet(sheet.id).locked is False

    # recorder 1 may not fix recorder 2's column: one person, one recorder
    as_user(qtbot, workspace, "录入员甲")
    panel = choose(workspace, sheet.id, SECOND)
    panel.grid.go_to_row(1)
    panel.grid.view.setFocus()
    qtbot.keyClicks(panel.grid.view, "7")
    editor = panel.grid.view.focusWidget()
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.grid.message.text() != "")
    assert "录入员甲 已作为第 1 录入人录入本表" in panel.grid.message.text()
    qtbot.keyClick(panel.grid.view.focusWidget(), Qt.Key.Key_Escape)

    # recorder 2 checks the paper and re-enters seat 2
    as_user(qtbot, workspace, "录入员乙")
    panel = choose(workspace, sheet.id, SECOND)
    panel.grid.go_to_row(1)
    panel.grid.view.setFocus()
    type_score(qtbot, panel.grid, "75")
    panel = choose(workspace, sheet.id, COMPARE)
    assert panel.grid.model.mismatched_rows() == []
    assert panel.lock()
    assert status_text(workspace, sheet.id) == ("已锁定", "")
    assert ScoreService.from_desk(workspace.desk).sheet(sheet.id).locked_by == "录入员乙"
    assert not panel.mode.isEnabled() and panel.grid.model.headerData(STATUS, Qt.Horizontal) == "最终成绩"


def test_correction_after_lock_needs_a_reason_and_appears_in_the_audit_list(qtbot, workspace):
    sheet = theory_sheet(workspace)
    values = ["80"] * sheet.seats
    panel = enter_both(qtbot, workspace, sheet, values, values)
    assert panel.lock()
    as_user(qtbot, workspace, "考务组长")
    workspace.select_sheet(sheet.id)
    corrections = workspace.sheet_panel.corrections
    assert corrections.correct_button.isEnabled()
    corrections.seat.setCurrentIndex(0)
    corrections.value.setText("61")
    corrections.reason.setText("")
    assert not corrections.correct()
    assert corrections.message.text() == "未更正：更正须填写理由"
    assert corrections.value.text() == "61"                # nothing typed is lost
    assert ScoreService.from_desk(workspace.desk).corrections(sheet.id) == []
    corrections.reason.setText("卷面合分错误")
    assert corrections.correct()
    audit = corrections.audit.item(0).text()
    assert "考务组长" in audit and "80.0 → 61.0" in audit and "卷面合分错误" in audit
    model = workspace.sheet_panel.grid.model
    assert model.index(0, STATUS).data() == "61.0"           # the final value after the correction
    stored = ScoreService.from_desk(workspace.desk).corrections(sheet.id)
    assert [(c["by"], c["reason"]) for c in stored] == [("考务组长", "卷面合分错误")]


def test_invalid_scores_are_refused_with_their_message_and_not_stored(qtbot, workspace):
    sheet = theory_sheet(workspace)
    panel = choose(workspace, sheet.id, FIRST)
    grid = panel.grid
    grid.view.setFocus()
    for text, message in (("100.5", "座位 {seat}：分数 100.5 超出 0–100 分"),
                          ("59.95", "座位 {seat}：分数 59.95 超过 1 位小数（不作四舍五入）"),
                          ("abc", "座位 {seat}：「abc」不是分数")):
        grid.go_to_row(0)
        qtbot.keyClicks(grid.view, text[0])
        editor = grid.view.focusWidget()
        qtbot.keyClicks(editor, text[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: grid.message.text() != "")
        assert grid.message.text() == message.format(seat=grid.model.seat_at(0))
        editor = grid.view.focusWidget()      # reopened with what was typed, ready to fix
        assert editor.text() == text
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        grid.show_message("")
    assert ScoreService.from_desk(workspace.desk).recorder_view(sheet.id, 1).entries == {}
    type_score(qtbot, grid, "60")
    assert ScoreService.from_desk(workspace.desk).recorder_view(sheet.id, 1).entries[grid.model.seat_at(0)].value == 60


def test_statistics_show_the_pass_rate_of_entered_scores(qtbot, workspace):
    sheet = theory_sheet(workspace)
    n = sheet.seats
    # §1.9.2: 60 passes (含 60), 59.9 does not; one absent seat does not count as sat
    values = ["60", "59.9", "Q"] + ["90"] * (n - 3)
    as_user(qtbot, workspace, "录入员甲")
    with qtbot.waitSignal(workspace.followed):
        type_column(qtbot, choose(workspace, sheet.id, FIRST), values)
    stats = workspace.statistics
    stats.grouping.setCurrentIndex(stats.grouping.findData("session,part"))
    row = next(i for i, g in enumerate(stats.model.groups) if g.key == (sheet.session, "theory"))
    stats.table.selectRow(row)
    group = stats.model.groups[row]
    assert (group.candidates, group.absent, group.sat, group.passed) == (n, 1, n - 1, n - 2)
    assert stats.model.index(row, 5).data() == f"{(n - 2) / (n - 1):.1%}"
    assert stats.histogram.statistics() is group
    assert "合格率" in stats.histogram.caption() and "缺考 1" in stats.histogram.caption()
    assert sum(group.histogram) == n - 1


def test_publishing_lists_the_passes_and_exports_results(qtbot, workspace, tmp_path):
    with qtbot.waitSignal(workspace.runner.failed):
        workspace.publish()                         # every sheet must be locked first
    assert "张成绩单未锁定" in workspace.message.text()
    # lock every sheet: theory through the grid, the others through the service as two recorders
    first, second = ScoreService(workspace.desk.db, actor("录入员甲")), ScoreService(workspace.desk.db, actor("录入员乙"))
    passes = set()
    for sheet in workspace.list_model.rows:
        info = first.sheet(sheet.id)
        values = {line.seat: ("75" if i % 4 else "40") for i, line in enumerate(info.lines)}
        first.enter_many(sheet.id, 1, values)
        second.enter_many(sheet.id, 2, values)
        first.lock(sheet.id)
    workspace.reload(force=True)
    assert workspace.locked_count() == len(workspace.list_model.rows)
    with qtbot.waitSignal(workspace.published) as signal:
        workspace.publish()
    publication = ScoreService.from_desk(workspace.desk).publication(workspace.desk.demo_batch_id)
    passes = set(publication.pass_list)
    assert signal.args == [len(passes)] and 0 < len(passes) < len({r["candidate"] for r in publication.results})
    shown = {workspace.pass_list.item(i).text().split()[0] for i in range(workspace.pass_list.count())}
    assert shown == passes
    assert "合格" in workspace.publication_label.text()
    for suffix in (".xlsx", ".pdf"):
        path = str(tmp_path / f"results{suffix}")
        with qtbot.waitSignal(workspace.exported):
            workspace.export_results(path)
        with open(path, "rb") as fh:
            assert fh.read(4) == (b"PK\x03\x04" if suffix == ".xlsx" else b"%PDF")
    from openpyxl import load_workbook

    book = load_workbook(str(tmp_path / "results.xlsx"), read_only=True)
    assert {"成绩", "合格名单", "统计"} <= set(book.sheetnames)
    listed = {str(c) for row in book["合格名单"].iter_rows(values_only=True) for c in row if c}
    assert passes <= listed
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(str(tmp_path / "results.pdf")).pages)
    assert sorted(passes)[0] in text
    # personal data written out of the database is audited: one row per file, naming the account
    exports = [row for row in workspace.desk.audit_trail("publication") if row["action"] == "export"]
    assert sorted(row["after"]["file"] for row in exports) == sorted(str(tmp_path / f"results{s}") for s in (".xlsx", ".pdf"))
    assert {row["user"] for row in exports} == {workspace.desk.user}


def test_skill_panel_scores_make_the_mean_and_flag_a_gap(qtbot, workspace):
    """§1.9.3: every examiner of the panel scores; the mean (cut to one decimal) is final only when all have
    scored; a spread above the rule file's panel_gap_flag (15) is flagged for the panel leader."""
    sheet = next(row for row in workspace.list_model.rows if row.part == "skill" and row.panel)
    panel = choose(workspace, sheet.id, FIRST)
    assert panel.side.isTabVisible(2)
    model = panel.panel_scores.model
    from eligibility_desk.ui.scores.panel_score_model import FIRST_EXAMINER, FLAG_ROLE

    examiners = model.examiners
    assert len(examiners) >= 3 and len(examiners) % 2 == 1
    mean_col = FIRST_EXAMINER + len(examiners)
    assert model.setData(model.index(0, FIRST_EXAMINER), "80")
    assert model.setData(model.index(0, FIRST_EXAMINER + 1), "60")        # spread 20 > 15
    assert model.index(0, 0).data(FLAG_ROLE) is True
    assert "须考评组长复核" in model.index(0, mean_col + 2).data()
    assert model.index(0, mean_col).data() == ""                            # not final: one examiner missing
    assert not model.setData(model.index(0, FIRST_EXAMINER + 2), "100.5")
    assert "超出 0–100 分" in panel.panel_scores.message.text()
    for k in range(2, len(examiners)):
        assert model.setData(model.index(0, FIRST_EXAMINER + k), "71")
    expected = (sum([80, 60] + [71] * (len(examiners) - 2)) * 10 // len(examiners)) / 10
    assert float(model.index(0, mean_col).data()) == expected
    assert panel.panel_scores.apply() == 1
    assert panel.grid.model.sheet.entry(1, model.info.lines[0].seat) == model.outcomes[model.info.lines[0].seat].score


def type_panel_score(qtbot, table, row, column, text):
    """Type a score into the panel table's cell and press Enter, as the panel's recorder does."""
    table.setCurrentIndex(table.model().index(row, column))
    table.setFocus()
    qtbot.keyClicks(table, text[0])
    editor = table.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_panel_scores_are_shown_per_examiner_when_the_sheet_is_opened_again(qtbot, workspace, desk, tmp_path):
    """Scores typed here and at another desk, the workspace closed and opened anew: every examiner's stored
    score is in its cell, and the mean / spread / flag follow §1.9.3 as the rule file words it (mean cut to
    ``scale.decimals``, ``panel_rounding: down``; flagged when the spread is above ``panel_gap_flag``)."""
    from decimal import ROUND_DOWN, Decimal

    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.ui.scores.panel_score_model import FIRST_EXAMINER, FLAG_ROLE

    assessment = RuleLibrary.load().get("4-07-02-06").spec.section("assessment")
    assert (assessment["panel_score"], assessment["panel_rounding"]) == ("mean", "down")
    gap, quantum = Decimal(str(assessment["panel_gap_flag"])), Decimal(1).scaleb(-assessment["scale"]["decimals"])
    sheet = next(row for row in workspace.list_model.rows if row.part == "skill" and row.panel)
    panel = choose(workspace, sheet.id, FIRST).panel_scores
    model = panel.model
    examiners = model.examiners
    # seat 1: spread just above the gap, a mean that must be cut; seat 2: spread exactly the gap; seat 3: one score
    seat1 = [Decimal(80), 80 - gap - Decimal("0.5")] + [Decimal(71)] * (len(examiners) - 2)
    seat2 = [Decimal(70), 70 - gap] + [Decimal(62)] * (len(examiners) - 2)
    other_desk = ScoreService(desk.db, actor("考评组长"))
    other_desk.panel_enter(sheet.id, examiners[0], model.info.lines[0].seat, str(seat1[0]))
    for k, score in enumerate(seat1[1:], start=1):
        type_panel_score(qtbot, panel.table, 0, FIRST_EXAMINER + k, str(score))
    for k, score in enumerate(seat2):
        assert model.setData(model.index(1, FIRST_EXAMINER + k), str(score))
    assert model.setData(model.index(2, FIRST_EXAMINER + 1), "66")
    workspace.close()
    del panel, model

    again = open_workspace(qtbot, desk)
    sheet_panel = choose(again, sheet.id, FIRST)
    panel = sheet_panel.panel_scores
    model = panel.model
    sheet_panel.side.setCurrentWidget(panel)
    again.grab().save(str(tmp_path / "panel_reopened.png"))       # to look at
    assert model.examiners == examiners
    mean_col = FIRST_EXAMINER + len(examiners)

    def row_texts(row):
        return [model.index(row, FIRST_EXAMINER + k).data() for k in range(len(examiners))]

    assert row_texts(0) == [str(model.view.entry(model.info.lines[0].seat, e).value) for e in examiners]
    assert [Decimal(t) for t in row_texts(0)] == seat1 and [Decimal(t) for t in row_texts(1)] == seat2
    assert row_texts(2) == ["", "66.0"] + [""] * (len(examiners) - 2) and "已评" not in row_texts(2)
    assert model.index(0, FIRST_EXAMINER).data(Qt.ItemDataRole.EditRole) == "80.0"     # the editor opens with it
    for row, scores in ((0, seat1), (1, seat2)):
        mean = (sum(scores) / len(scores)).quantize(quantum, rounding=ROUND_DOWN)
        assert model.index(row, mean_col).data() == str(mean)
        assert Decimal(model.index(row, mean_col + 1).data()) == max(scores) - min(scores)
    assert Decimal(model.index(0, mean_col).data()) < sum(seat1) / len(seat1)         # cut, not rounded up
    assert model.index(0, 0).data(FLAG_ROLE) is True and "须考评组长复核" in model.index(0, mean_col + 2).data()
    assert model.index(1, 0).data(FLAG_ROLE) is False and model.index(1, mean_col + 2).data() == "完成"
    assert model.index(2, mean_col).data() == "" and model.index(2, mean_col + 2).data() == f"尚缺 {len(examiners) - 1} 人"


def test_a_panel_score_changed_at_another_desk_is_not_overwritten(qtbot, workspace, desk):
    """The model changes a score by the version it showed: another desk's change since is kept and shown."""
    from decimal import Decimal

    from eligibility_desk.ui.scores.panel_score_model import FIRST_EXAMINER

    sheet = next(row for row in workspace.list_model.rows if row.part == "skill" and row.panel)
    panel = choose(workspace, sheet.id, FIRST).panel_scores
    model = panel.model
    seat, examiner = model.info.lines[0].seat, model.examiners[0]
    assert model.setData(model.index(0, FIRST_EXAMINER), "75")
    ScoreService(desk.db, actor("考评组长")).panel_enter(sheet.id, examiner, seat, "77",
                                               expected_version=model.view.version(seat, examiner))
    with qtbot.waitSignal(model.refused) as refused:
        assert not model.setData(model.index(0, FIRST_EXAMINER), "76")
    assert "现为 77.0" in refused.args[1] and "「76」未保存" in refused.args[1]
    assert model.index(0, FIRST_EXAMINER).data() == "77.0" and "现为 77.0" in panel.message.text()
    assert ScoreService(desk.db, actor("考评组长")).panel_view(sheet.id).entry(seat, examiner).value == Decimal("77")


def test_recheck_request_shows_its_deadline_and_a_changed_outcome_is_audited(qtbot, workspace):
    from datetime import date, timedelta

    from PySide6.QtCore import QDate

    first, second = ScoreService(workspace.desk.db, actor("录入员甲")), ScoreService(workspace.desk.db, actor("录入员乙"))
    for sheet in workspace.list_model.rows:
        values = {line.seat: "58" for line in first.sheet(sheet.id).lines}
        first.enter_many(sheet.id, 1, values)
        second.enter_many(sheet.id, 2, values)
        first.lock(sheet.id)
    workspace.reload(force=True)
    corrections = workspace.sheet_panel.corrections
    assert not corrections.request_recheck()
    assert "成绩尚未公布" in corrections.message.text()
    with qtbot.waitSignal(workspace.published):
        workspace.publish()
    workspace.select_sheet(theory_sheet(workspace).id)
    corrections = workspace.sheet_panel.corrections
    published = workspace.scores.publication(workspace.desk.demo_batch_id).published_on
    on = published + timedelta(days=1)
    corrections.recheck_date.setDate(QDate(on.year, on.month, on.day))
    corrections.recheck_reason.setText("考生认为合分有误")
    assert corrections.request_recheck()
    stored = workspace.scores.rechecks(workspace.desk.demo_batch_id)[0]
    assert isinstance(stored.deadline, date) and stored.deadline > on
    assert f"答复期限 {stored.deadline}" in corrections.rechecks.item(0).text() and "待处理" in corrections.rechecks.item(0).text()
    corrections = workspace.sheet_panel.corrections
    corrections.rechecks.setCurrentRow(0)
    corrections.value.setText("62")
    assert corrections.resolve_recheck("changed")
    assert "已更改" in corrections.rechecks.item(0).text()
    assert "58.0 → 62.0" in corrections.audit.item(0).text()


def _score_workbook(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["成绩登记表"])
    sheet.append(["座位号", "准考证号", "姓名", "理论知识考试"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_importing_a_score_workbook_shows_the_problems_or_enters_the_column(qtbot, workspace, tmp_path):
    sheet = theory_sheet(workspace)
    panel = choose(workspace, sheet.id, FIRST)
    lines = panel.grid.model.info.lines
    rows = [[x.seat, x.admission_no, x.name, 70] for x in lines]
    bad = [list(r) for r in rows]
    bad[0][3] = 100.5
    bad[1][1] = "X-000"
    with qtbot.waitSignal(workspace.runner.succeeded):
        workspace.import_scores(_score_workbook(tmp_path / "bad.xlsx", bad))
    report = workspace.import_report
    assert report.model.rowCount() == 2
    texts = [report.model.index(i, 4).data() for i in range(2)]
    assert any("100.5 超出 0–100 分" in t for t in texts) and any(lines[1].admission_no in t for t in texts)
    assert "未写入任何成绩" in workspace.message.text()
    assert ScoreService.from_desk(workspace.desk).recorder_view(sheet.id, 1).entries == {}
    report.close()
    with qtbot.waitSignal(workspace.runner.succeeded):
        workspace.import_scores(_score_workbook(tmp_path / "good.xlsx", rows))
    assert workspace.message.text() == f"已导入 {len(lines)} 个座位的成绩。"
    assert workspace.sheet_panel.grid.model.entered_count() == len(lines)
    assert status_text(workspace, sheet.id)[0] == "录入中"


def test_a_cell_changed_at_another_desk_is_not_overwritten_and_the_typed_text_stays(qtbot, workspace):
    sheet = theory_sheet(workspace)
    as_user(qtbot, workspace, "录入员甲")
    panel = choose(workspace, sheet.id, FIRST)
    seat = panel.grid.model.seat_at(0)
    ScoreService(workspace.desk.db, actor("录入员甲")).enter(sheet.id, 1, seat, "66", expected_version=0)   # another desk
    grid = panel.grid
    grid.go_to_row(0)
    grid.view.setFocus()
    qtbot.keyClicks(grid.view, "7")
    qtbot.keyClicks(grid.view.focusWidget(), "7")
    qtbot.keyClick(grid.view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.message.text() != "")
    assert "另一台电脑上被修改（现为 66.0）" in grid.message.text() and "「77」未保存" in grid.message.text()
    assert grid.view.focusWidget().text() == "77"            # reopened with what was typed
    assert ScoreService.from_desk(workspace.desk).recorder_view(sheet.id, 1).entries[seat].value == 66
    qtbot.keyClick(grid.view.focusWidget(), Qt.Key.Key_Return)  # the recorder confirms 77 over the new value
    qtbot.waitUntil(lambda: grid.message.text() == "")
    assert ScoreService.from_desk(workspace.desk).recorder_view(sheet.id, 1).entries[seat].value == 77


def test_the_main_window_shows_the_workspace_under_its_tab_and_points_to_planning(qtbot, settings, desk):
    from eligibility_desk.ui.main_window import WORKSPACES, MainWindow

    window = MainWindow(settings, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.rows_shown):
        window.set_desk(desk, desk.demo_batch_id)
    window.show()
    scores = window.scores_workspace
    assert window.workspaces.widget(WORKSPACES.index("scores")) is scores
    with qtbot.waitSignal(scores.sheets_shown) as shown:
        window.workspaces.setCurrentIndex(WORKSPACES.index("scores"))
    assert shown.args[0] > 0 and scores.batch_id == desk.demo_batch_id
    # a batch without a final plan: the empty state, and its button leads to 编排
    batch = desk.create_demo_batch(n=20, seed=3)
    window.refresh()
    window.set_batch(batch)
    assert scores.stack.currentWidget() is scores.empty
    scores.to_planning.click()
    assert window.workspaces.currentIndex() == WORKSPACES.index("planning")


@pytest.mark.parametrize("name, role", [("查看员", "viewer"), ("考务员", "planner")])
def test_an_account_that_may_not_enter_scores_gets_read_only_grids_that_say_why(qtbot, workspace, name, role):
    """Without the 录分员 role no editor opens in the entry grid or the 考评组评分 table — typing, F2, a double
    click, Q (缺考) and Delete enter nothing — and the message line, the progress line and the cells' tooltip
    name the missing role; a recorder then types into the same sheet as before."""
    sheet = theory_sheet(workspace)
    as_user(qtbot, workspace, name, role)
    panel = choose(workspace, sheet.id, FIRST)
    grid = panel.grid
    assert grid.read_only
    assert "只能查看" in grid.message.text() and "录分员" in grid.message.text() and name in grid.message.text()
    assert grid.progress.text().endswith("只读")
    cell = grid.model.index(0, grid.model.entry_column())
    assert "录分员" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert not grid.model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    grid.view.setFocus()
    grid.go_to_row(0)
    grid.show_message("")
    qtbot.keyClicks(grid.view, "8")
    assert grid.view.state() != QAbstractItemView.State.EditingState
    assert "录分员" in grid.message.text()            # typing says why again
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Q, Qt.Key.Key_Delete):
        qtbot.keyClick(grid.view, key)
        assert grid.view.state() != QAbstractItemView.State.EditingState
    rect = grid.view.visualRect(cell)
    qtbot.mouseDClick(grid.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert grid.view.state() != QAbstractItemView.State.EditingState
    grid.set_mode(SECOND)
    assert grid.read_only and "录分员" in grid.message.text()
    assert ScoreService(workspace.desk.db, actor("录入员甲")).recorder_view(sheet.id, 1).entries == {}

    skill = next(row for row in workspace.list_model.rows if row.part == "skill" and row.panel)
    panel = choose(workspace, skill.id, FIRST)
    from eligibility_desk.ui.scores.panel_score_model import FIRST_EXAMINER

    scores = panel.panel_scores
    table = scores.table
    assert not scores.apply_button.isEnabled() and "录分员" in scores.apply_button.toolTip()
    assert "录分员" in scores.message.text()
    cell = scores.model.index(0, FIRST_EXAMINER)
    assert "录分员" in cell.data(Qt.ItemDataRole.ToolTipRole)
    panel.side.setCurrentIndex(2)
    table.setCurrentIndex(cell)
    table.setFocus()
    qtbot.keyClicks(table, "7")
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() != QAbstractItemView.State.EditingState

    as_user(qtbot, workspace, "录入员甲", "recorder")
    panel = choose(workspace, sheet.id, FIRST)
    assert not panel.grid.read_only and "只能查看" not in panel.grid.message.text()
    type_column(qtbot, panel, ["80"])
    assert ScoreService.from_desk(workspace.desk).recorder_view(sheet.id, 1).entries[panel.grid.model.seat_at(0)].value == 80
