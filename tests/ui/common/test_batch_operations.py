"""Batch operations off the GUI thread with progress and cancel: screen, import, export."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import QThreadPool, Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from eligibility_desk.ui.common.import_report_dialog import ImportReportDialog
from tests.ui.conftest import results_fingerprint


def named(name):
    """waitSignal check: the runner's signal for this operation (the list reload also reports)."""
    return lambda op, *rest: op == name


def test_f5_screens_the_batch_to_completion_and_keeps_history(qtbot, window, desk):
    batch = desk.demo_batch_id
    before = results_fingerprint(desk, batch)
    with qtbot.waitSignal(window.runner.succeeded, timeout=20000, check_params_cb=named("screen")) as done:
        qtbot.keyClick(window, Qt.Key_F5)
    name, summary = done.args
    assert name == "screen" and not summary.cancelled
    assert summary.counts.total == desk.batch(batch).applications
    after = results_fingerprint(desk, batch)
    assert len(after[0]) == 2 * len(before[0])  # results appended, never overwritten
    assert "审核完成" in window.statusBar().currentMessage()


def test_screening_on_the_thread_pool_runs_off_the_gui_thread_and_finishes(qtbot, window, desk):
    window.runner.pool = QThreadPool()
    with qtbot.waitSignal(window.rows_shown, timeout=20000):  # screened, then the list reloaded, both off thread
        with qtbot.waitSignal(window.runner.succeeded, timeout=20000, check_params_cb=named("screen")):
            window.act_screen.trigger()
        assert window.runner.busy() or True
    window.runner.wait(5000)
    assert "审核完成" in window.statusBar().currentMessage()


def press_cancel(window) -> None:
    """Press 取消 on the operation's progress dialog."""
    dialog = window.findChildren(QProgressDialog)[-1]
    dialog.findChild(QPushButton).click()


def test_cancelling_a_screening_leaves_the_database_unchanged(qtbot, window, desk):
    batch = desk.demo_batch_id
    before = results_fingerprint(desk, batch)
    window.runner.progressed.connect(lambda name, done, total: press_cancel(window))
    with qtbot.waitSignal(window.runner.cancelled, timeout=20000) as cancelled:
        window.screen_batch()
    assert cancelled.args == ["screen"]
    assert results_fingerprint(desk, batch) == before
    assert "未作任何改动" in window.statusBar().currentMessage()


def test_cancelling_on_the_thread_pool_leaves_the_database_unchanged(qtbot, window, desk, monkeypatch):
    batch = desk.demo_batch_id
    before = results_fingerprint(desk, batch)
    window.runner.pool = QThreadPool()
    # 40 applicants screen faster than a click: hold the worker after its first progress report until the
    # GUI thread has pressed cancel, as a clerk would during a long batch
    pressed = threading.Event()
    screen_batch = desk.screen_batch

    def paced(batch_id, progress, cancelled):
        def report(done, total):
            progress(done, total)
            pressed.wait(10)
        return screen_batch(batch_id, report, cancelled)

    monkeypatch.setattr(desk, "screen_batch", paced)
    window.runner.progressed.connect(lambda name, done, total: (press_cancel(window), pressed.set()))
    with qtbot.waitSignal(window.runner.cancelled, timeout=20000):
        window.screen_batch()
    window.runner.wait(5000)
    assert results_fingerprint(desk, batch) == before


def test_a_refused_import_shows_every_problem_in_a_table_and_writes_nothing(qtbot, window, desk, tmp_path):
    batch = desk.demo_batch_id
    before = results_fingerprint(desk, batch), len(desk.applicant_rows(None))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"applicants": [
        {"id": "X1", "name": "赵六", "id_number": "110101199003070016", "levels": ["4"],
         "work": [{"occupation": "营销员", "start": "2019-13-01", "end": None}]},
    ]}, ensure_ascii=False), encoding="utf-8")
    with qtbot.waitSignal(window.ops.import_refused, timeout=20000):
        window.import_file(str(bad))
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None and dialog.isVisible()
    model = dialog.table.model()
    reasons = [model.index(r, 4).data() for r in range(model.rowCount())]
    assert model.rowCount() >= 2
    assert any("校验位" in r for r in reasons) and any("2019-13-01" in r for r in reasons)
    # nothing of the import was written; the one new audit row records that a problem report (a copy of
    # the file's personal data) was written out (issue 14)
    [report_row] = [r for r in desk.audit_trail("batch", batch) if r["action"] == "problem_report"]
    assert report_row["after"]["source"] == "bad.json"
    after = results_fingerprint(desk, batch)
    assert (after[0], after[1] - 1, after[2], len(desk.applicant_rows(None))) == (*before[0], before[1])
    dialog.close()


def test_export_writes_the_workbook(qtbot, window, desk, tmp_path):
    out = tmp_path / "out.xlsx"
    with qtbot.waitSignal(window.runner.succeeded, timeout=20000, check_params_cb=named("export")):
        window.export_batch(str(out))
    assert out.is_file() and out.stat().st_size > 1000
    assert "已导出" in window.statusBar().currentMessage()


def test_a_good_import_adds_the_applicants_and_says_so(qtbot, window, desk, tmp_path):
    from datetime import date

    from eligibility_desk.domain.idnumber import make_id_number

    batch = desk.demo_batch_id
    before = len(desk.applicant_rows(batch))
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"applicants": [
        {"id": "G1", "name": "孙八", "id_number": make_id_number("110101", date(1991, 2, 3), 31), "levels": ["4"],
         "work": [{"occupation": "营销员", "start": "2019-03-01", "end": None}]},
    ]}, ensure_ascii=False), encoding="utf-8")
    with qtbot.waitSignal(window.rows_shown, timeout=20000):
        window.import_file(str(good))
    assert len(desk.applicant_rows(batch)) == before + 1
    assert window.screening.list_panel.model.total_count() == before + 1
    assert "导入完成" in window.statusBar().currentMessage()


def test_a_new_batch_is_created_from_the_dialog_and_shown(qtbot, window, desk):
    from eligibility_desk.ui.new_batch_dialog import NewBatchDialog

    dialog = NewBatchDialog(desk, window)
    qtbot.addWidget(dialog)
    dialog.name.setText(desk.batch(desk.demo_batch_id).name)   # taken: refused, says why
    dialog._create()
    assert dialog.batch_id is None and "重复" in dialog.error.text()
    dialog.name.setText("2026 春季")
    dialog.standard.setCurrentIndex(dialog.standard.findData("4-07-02-06"))  # the list also holds the 1+X packs
    dialog.level_boxes["1"].setChecked(False)
    dialog._create()
    assert dialog.batch_id is not None
    created = desk.batch(dialog.batch_id)
    assert created.levels == ("4", "3", "2") and created.standard == "4-07-02-06"


def test_cancelling_an_import_writes_nothing(qtbot, window, desk, tmp_path):
    from datetime import date

    from eligibility_desk.domain.idnumber import make_id_number

    batch = desk.demo_batch_id
    before = results_fingerprint(desk, batch), len(desk.applicant_rows(None))
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"applicants": [
        {"id": f"C{i}", "name": "周九", "id_number": make_id_number("110101", date(1990, 1, 1 + i), 41), "levels": ["4"],
         "work": [{"occupation": "营销员", "start": "2019-03-01", "end": None}]} for i in range(20)
    ]}, ensure_ascii=False), encoding="utf-8")
    window.runner.progressed.connect(lambda name, done, total: press_cancel(window))
    with qtbot.waitSignal(window.runner.cancelled, timeout=20000, check_params_cb=named("import")):
        window.import_file(str(good))
    assert (results_fingerprint(desk, batch), len(desk.applicant_rows(None))) == before


def test_a_screening_the_rules_no_longer_allow_says_why_in_the_window_language(qtbot, window, desk, tmp_path):
    """The standard's rule file was broken after the batch was made: F5 is refused and the status bar says why in
    Chinese, with the file and line (it was the library's English sentence), and nothing is stored."""
    import shutil
    from pathlib import Path

    from eligibility_desk.rules_engine import RuleLibrary

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[3] / "rules", rules)
    path = rules / "standards" / "4-07-02-06.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("candidates_per_staff: 15", "candidates_per_staff: many", 1),
                    encoding="utf-8")
    desk._library = RuleLibrary.load(rules)
    batch = desk.demo_batch_id
    before = results_fingerprint(desk, batch)
    with qtbot.waitSignal(window.runner.failed, timeout=20000):
        qtbot.keyClick(window, Qt.Key_F5)
    shown = window.statusBar().currentMessage()
    assert "操作失败：没有标准 4-07-02-06 的规则文件" in shown and f"{path}：第 " in shown, shown
    assert "could not be loaded" not in shown
    assert results_fingerprint(desk, batch) == before
