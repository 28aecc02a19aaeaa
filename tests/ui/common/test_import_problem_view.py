"""The window's list of a refused import's problems stays responsive with 40,000 problems (issue 15): the
dialog is a model/view table that asks only for the rows it shows, opens in well under a second of work, and
scrolls to the last problem without reading the others."""

from __future__ import annotations

import time


from PySide6.QtWidgets import QLabel

from eligibility_desk.services.summaries import ImportProblem, ImportReport
from eligibility_desk.ui.common.import_report_dialog import ImportReportDialog

MANY = 40_000


def _report(n: int, report_path=None) -> ImportReport:
    problems = tuple(ImportProblem("考生", row + 2, "身份证号码", f"1101051990{row:08d}"[:18], "id_checksum",
                                   {"expected": "X", "found": "0"}, 1) for row in range(n))
    return ImportReport(ok=False, cancelled=False, applicants_read=0, created=0, updated=0, applications_added=0,
                        problems=problems, problem_report=report_path)


class _Counting:
    """Counts the model's ``data`` calls (the work a view does per shown cell)."""

    def __init__(self, model, monkeypatch):
        self.calls = 0
        real = model.data

        def data(index, role=0):
            self.calls += 1
            return real(index, role)
        monkeypatch.setattr(model, "data", data)


def _open_and_scroll(qtbot, monkeypatch, n: int) -> tuple[ImportReportDialog, int, float]:
    """The dialog for ``n`` problems, shown and scrolled to the last one: (dialog, the model's ``data`` calls,
    CPU seconds)."""
    from eligibility_desk.ui.common import import_problem_model

    made = []
    real_init = import_problem_model.ImportProblemModel.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        made.append(_Counting(self, monkeypatch))
    monkeypatch.setattr(import_problem_model.ImportProblemModel, "__init__", init)
    report = _report(n)
    started = time.process_time()
    dialog = ImportReportDialog(report, "名单.xlsx")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.scrollToBottom()
    qtbot.wait(20)
    return dialog, made[-1].calls, time.process_time() - started


def test_the_problem_list_asks_only_for_the_rows_it_shows(qtbot, monkeypatch):
    _small, few_calls, _ = _open_and_scroll(qtbot, monkeypatch, 1_000)
    dialog, many_calls, cpu = _open_and_scroll(qtbot, monkeypatch, MANY)
    model = dialog.table.model()
    assert model.rowCount() == MANY
    assert "校验" in model.index(MANY - 1, 4).data()            # the last problem is there, worded
    # 40 times the problems, about the same work: the view reads the rows it shows, not the list
    assert many_calls < 2 * few_calls, (few_calls, many_calls)
    assert cpu < 3, f"{cpu:.2f} s of CPU to open and scroll the list"
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(f"{MANY} 处问题" in text for text in labels), labels


def test_forty_thousand_problems_through_the_window(qtbot, window, desk):
    before = len(desk.applicant_rows(None))
    started = time.process_time()
    window.ops.import_refused.emit(_report(MANY), "名单.csv")
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.table.scrollToBottom()
    qtbot.wait(50)
    assert time.process_time() - started < 5
    assert dialog.table.model().rowCount() == MANY
    dialog.close()
    assert window.isVisible() and len(desk.applicant_rows(None)) == before
