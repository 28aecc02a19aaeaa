"""Batch operations for the window (Anki-style "operations"): each runs one services call off the GUI thread
through the :class:`TaskRunner` and reports back with a signal saying what changed.

Import, screening and export show a progress dialog with a cancel button; the services layer rolls back
on cancel, so a cancelled operation leaves the database as it was.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from eligibility_desk.ui.screening.applicant_filter import search_keys
from eligibility_desk.ui.common.refusal_text import refusal_text
from eligibility_desk.ui.common.task_runner import TaskRunner

OP_LOAD_ROWS = "load_rows"
OP_IMPORT = "import"
OP_SCREEN = "screen"
OP_EXPORT = "export"
OP_OPEN = "open"
OP_TEMPLATE = "template"


class DeskOperations(QObject):
    rows_loaded = Signal(object, object, float)  # list[ApplicantListItem], their search keys, seconds
    data_changed = Signal()               # applicants or results changed: reload the list and the batch
    import_refused = Signal(object, str)  # ImportReport with problems, file name
    message = Signal(str)                 # one line for the status bar
    template_written = Signal(str)        # an import template was saved at this path

    def __init__(self, runner: TaskRunner, parent: QObject | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.runner = runner
        self.lang = lang
        self.desk = None
        self._generation = 0
        runner.failed.connect(self._failed)
        runner.cancelled.connect(self._cancelled)

    def load_rows(self, batch_id: int | None) -> None:
        """Load the list on a worker; only the newest request's rows are shown (batches switched quickly)."""
        desk = self.desk
        started = time.perf_counter()
        self._generation += 1
        generation = self._generation

        def load(progress, cancelled):
            rows = desk.applicant_rows(batch_id)
            return rows, search_keys(rows)  # the keys too: the first keystroke then only filters

        def done(loaded) -> None:
            if generation == self._generation:
                self.rows_loaded.emit(loaded[0], loaded[1], time.perf_counter() - started)

        self.runner.run(OP_LOAD_ROWS, load, show_progress=False, on_done=done)

    def import_file(self, path: str, batch_id: int) -> None:
        desk = self.desk
        self.runner.run(OP_IMPORT, lambda progress, cancelled: desk.import_file(path, batch_id, progress, cancelled),
                        label=self.tr("正在导入考生名单…"), on_done=lambda report: self._imported(report, path))

    def _imported(self, report, path: str) -> None:
        if not report.ok:
            self.import_refused.emit(report, path)
            return
        self.message.emit(self.tr("导入完成：读入 {read} 人，新增 {created} 人，更新 {updated} 人（同一身份证号码的记录已更新）。").format(
            read=report.applicants_read, created=report.created, updated=report.updated))
        self.data_changed.emit()

    def screen_batch(self, batch_id: int) -> None:
        desk = self.desk
        self.runner.run(OP_SCREEN, lambda progress, cancelled: desk.screen_batch(batch_id, progress, cancelled),
                        label=self.tr("正在审核本批次…"), on_done=self._screened)

    def _screened(self, summary) -> None:
        c = summary.counts
        self.message.emit(self.tr("审核完成（规则版本 {version}）：符合 {eligible}，不符合 {ineligible}，待人工审核 {review}，记录有误 {error}；用时 {seconds:.1f} 秒。").format(
            version=summary.rule_version, eligible=c.eligible, ineligible=c.ineligible, review=c.review, error=c.error,
            seconds=summary.seconds))
        self.data_changed.emit()

    def export_batch(self, batch_id: int, path: str) -> None:
        desk = self.desk
        lang = self.lang
        self.runner.run(OP_EXPORT, lambda progress, cancelled: desk.export_batch(batch_id, path, progress, cancelled, lang),
                        label=self.tr("正在导出…"),
                        on_done=lambda s: self.message.emit(self.tr("已导出 {rows} 行到 {path}").format(rows=s.rows, path=s.path)))

    def write_applicant_template(self, path: str, levels=None) -> None:
        """The applicant import template (services/records/template.py), written off the GUI thread; ``levels``:
        what its 申报等级 drop-down offers (the shown batch's levels), else the national 5 … 1."""
        from eligibility_desk.services.records.template import write_template

        self.runner.run(OP_TEMPLATE, lambda progress, cancelled: write_template(path, levels), show_progress=False,
                        on_done=self._template_written)

    def write_resources_template(self, path: str, standard: str | None, rules_dir: str | None = None) -> None:
        """The 考务资源 template (planning/xlsx_template.py) for the room kinds of ``standard`` (all kinds the
        planner knows when None)."""
        from eligibility_desk.planning.xlsx_template import write_resources_template

        def write(progress, cancelled):
            from eligibility_desk.planning import load_planning_rules

            return write_resources_template(path, load_planning_rules(standard, rules_dir) if standard else None)

        self.runner.run(OP_TEMPLATE, write, show_progress=False, on_done=self._template_written)

    def _template_written(self, path) -> None:
        self.message.emit(self.tr("模板已保存：{path}（填写后用「导入」读入）").format(path=path))
        self.template_written.emit(str(path))

    def _failed(self, name: str, exc: BaseException) -> None:
        self.message.emit(self.tr("操作失败：{error}").format(error=refusal_text(exc, self.lang)))

    def _cancelled(self, name: str) -> None:
        if name in (OP_IMPORT, OP_SCREEN, OP_EXPORT):
            self.message.emit(self.tr("已取消，数据库未作任何改动。"))
