"""The 审核 workspace: the batch's applicant list (search and filters) beside the verdict panel, the applicant
form and the review queue; before a database is open a 「正在打开数据库…」 line, and on an empty database the
empty state (导入考生名单… / 打开演示数据).

The window (the frame) chooses the batch and runs the batch operations; this workspace shows what they load.
Like 编排 it takes part in the window's unsaved-work protocol (:mod:`.unsaved_work`, for the applicant form)
and offers its edit history (``undo_stack``: the form's) to the window's QUndoGroup.  Within the workspace it
asks itself — through ``ask`` — before another applicant (or a new one) replaces the form's edits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from eligibility_desk.ui.common import unsaved_work
from eligibility_desk.ui.screening.applicant_form import ApplicantForm
from eligibility_desk.ui.screening.applicant_list_panel import ApplicantListPanel
from eligibility_desk.ui.screening.clause_texts import ClauseTexts
from eligibility_desk.ui.screening.desk_operations import DeskOperations
from eligibility_desk.ui.common.empty_state_panel import EmptyStatePanel
from eligibility_desk.ui.screening.review_queue_panel import ReviewQueuePanel
from eligibility_desk.ui.screening.verdict_panel import VerdictPanel

DETAIL_VERDICT, DETAIL_FORM, DETAIL_REVIEW = 0, 1, 2


class ScreeningWorkspace(QWidget):
    rows_shown = Signal(int)         # the list was (re)filled with this many applicants
    show_requested = Signal()        # this workspace should be the tab shown (a refused save shows why)
    import_requested = Signal()      # the empty state's 导入考生名单…
    demo_requested = Signal()        # the empty state's 打开演示数据
    message = Signal(str)            # one line for the status bar

    def __init__(self, ops: DeskOperations, ask: Callable[[str], str], parent: QWidget | None = None,
                 lang: str = "zh"):
        """``ops`` loads the list (its ``rows_loaded`` fills it); ``ask(text)`` is the window's 保存 / 放弃 / 取消."""
        super().__init__(parent)
        self.ops = ops
        self.ask = ask
        self.lang = lang
        self.desk = None
        self.batch_id: int | None = None            # None: no batch, or every batch (全部批次)
        self._select_after_load: int | None = None
        self._shown_pk: int | None = None           # the applicant the verdict panel (and, unless new, the form) shows
        self._switching_to: int | None = None       # the applicant picked while the form's edits are being saved
        ops.rows_loaded.connect(self._rows_loaded)

        self.list_panel = ApplicantListPanel(self, lang)
        self.list_panel.current_changed.connect(self.show_applicant)
        self.verdict_panel = VerdictPanel(ClauseTexts(None), self, lang)
        self.verdict_panel.history_requested.connect(self.show_decision_history)
        self.form = ApplicantForm(self, lang)
        self.form.saved.connect(self._applicant_saved)
        self.form.save_refused.connect(lambda _why: self._show_form())     # show the clerk why
        self.review_panel = ReviewQueuePanel(ClauseTexts(None), self, lang)
        self.review_panel.detail.history_requested.connect(self.show_decision_history)   # its 复核历史… link too
        self.review_panel.decided.connect(lambda _rid, _ok: self.ops.load_rows(self.batch_id))
        self.review_panel.queue_changed.connect(self._review_count)
        self.details = QTabWidget(self)
        for page in (self.verdict_panel, self.form, self.review_panel):   # DETAIL_* order
            self.details.addTab(page, self.detail_title(self.details.count()))
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 5)       # the list shows every column through 复核 at 1280 px
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([800, 480])
        self.empty_state = EmptyStatePanel(self)
        self.empty_state.import_requested.connect(self.import_requested)
        self.empty_state.demo_requested.connect(self.demo_requested)
        self.loading = QLabel(self.tr("正在打开数据库…"), self)
        self.loading.setAlignment(Qt.AlignCenter)
        self.stack = QStackedWidget(self)
        for page in (self.loading, self.empty_state, self.splitter):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def detail_title(self, index: int) -> str:
        """The name of detail tab ``index`` (``DETAIL_*``), also that of the window's action showing it."""
        return (self.tr("审核结论"), self.tr("考生资料"), self.tr("复核队列"))[index]

    @property
    def undo_stack(self):
        """The form's edit history (a QUndoStack): the window's 撤销 / 重做 act on it while 审核 is shown."""
        return self.form.draft.undo_stack

    # --- the database and the batch ----------------------------------------------------------------
    def set_desk(self, desk) -> None:
        self.desk = desk
        self.list_panel.model.set_actor(desk.actor)     # 身份证号 masked for 查看 / 考务 (ui/common/id_numbers)
        self.form.set_desk(desk)
        texts = ClauseTexts(desk.library)
        self.verdict_panel.clause_texts = texts
        self.review_panel.detail.clause_texts = texts

    def show_no_batch(self) -> None:
        """The database holds no batch (or none is chosen): the empty state."""
        self.batch_id = None
        self.stack.setCurrentWidget(self.empty_state)
        self.list_panel.set_rows([])

    def show_batch(self, batch_id: int | None, levels, entry_levels=(), names: dict | None = None) -> None:
        """List ``batch_id`` (None: every applicant on file); ``levels``: the list's level filter, ``entry_levels``:
        the levels a new applicant is entered for (none from 全部批次), or None to leave both as they are;
        ``names``: level code -> (Chinese, English) names from the batch's standard."""
        self.batch_id = batch_id
        if levels is not None:
            self.list_panel.set_levels(levels, names)
            self.form.set_batch_levels(entry_levels, names)
        self.stack.setCurrentWidget(self.splitter)
        self.review_panel.set_desk(self.desk, batch_id)
        self.ops.load_rows(batch_id)

    def show_open_failed(self, text: str) -> None:
        self.loading.setText(text)
        self.loading.setStyleSheet("color:#c62828")
        self.loading.setWordWrap(True)

    def _rows_loaded(self, rows, keys, _seconds: float) -> None:
        self.list_panel.set_rows(rows, keys)
        if self._select_after_load is not None:
            self.list_panel.select_pk(self._select_after_load)
            self._select_after_load = None
        pk = self.list_panel.selected_pk()
        if pk is not None:
            self.show_applicant(pk, refresh=True)
        elif rows and self.list_panel.model.rowCount() and not self.form.unsaved_work():
            self.list_panel.view.selectRow(0)   # (not over a new applicant being entered: that would ask)
        self.rows_shown.emit(len(rows))

    def _review_count(self, n: int) -> None:
        self.details.setTabText(DETAIL_REVIEW, self.tr("复核队列 ({n})").format(n=n) if n else self.detail_title(DETAIL_REVIEW))

    # --- the selected applicant ------------------------------------------------------------------
    def show_applicant(self, pk, refresh: bool = False) -> None:
        """Show ``pk`` in the verdict panel and the form.  Unsaved edits in the form are never dropped
        silently: a refresh of the list leaves them alone, and choosing another applicant asks 保存 / 放弃 /
        取消 first — 取消 (or a refused save) puts the list's selection back on the applicant shown."""
        if pk is None or self.desk is None:
            self._shown_pk = None
            self.verdict_panel.clear()
            return
        if not refresh and pk not in (self.form.draft.pk, self._shown_pk) and not self._may_leave_form_for(pk):
            # back to the one being edited, once the list has finished selecting ``pk`` (done inside its
            # selection change, the view would still highlight ``pk`` while the current row is the old one)
            QTimer.singleShot(0, lambda shown=self._shown_pk: self._select_in_list(shown))
            return
        applicant, version = self.desk.load_applicant(pk)
        if not self.form.unsaved_work():        # (a field still being typed in counts)
            row = self.list_panel.model.row_of_pk(pk)
            levels = self.list_panel.model.row_at(row).levels if row >= 0 else ()
            self.form.load(applicant, pk, version, levels)
        self._shown_pk = pk
        self.verdict_panel.show_results(applicant.name, applicant.id, self.desk.results(pk, self.batch_id))

    def show_decision_history(self, result_id: int):
        """复核历史: every decision on the level ``result_id`` belongs to (who, when, old → new, the reason)."""
        from eligibility_desk.services.history import decision_history
        from eligibility_desk.ui.common.history_dialog import HistoryDialog

        if self.desk is None:
            return None
        result = self.desk.result(result_id)
        applicant, _version = self.desk.load_applicant(result.applicant_pk)
        subject = self.tr("{name}（{code}）· {level} 级").format(name=applicant.name, code=applicant.id, level=result.level)
        self.history_dialog = HistoryDialog(self.tr("复核历史"), subject, decision_history(self.desk.db, result_id),
                                            self.tr("这一等级还没有复核决定。"), self, self.lang)
        self.history_dialog.open()
        return self.history_dialog

    def _may_leave_form_for(self, pk) -> bool:
        """Ask about the form's unsaved work before ``pk`` replaces it; after 保存 the list, reloaded for the
        applicant just stored, selects ``pk`` (the one the clerk picked), not the applicant saved."""
        self._switching_to = pk
        try:
            return unsaved_work.may_proceed([self.form], self.ask)
        finally:
            self._switching_to = None

    def _select_in_list(self, pk) -> None:
        """Select ``pk`` in the list, or nothing when it is not there (a new applicant is being entered)."""
        if not self.list_panel.select_pk(pk):
            self.list_panel.view.clearSelection()
            self.list_panel.view.setCurrentIndex(QModelIndex())

    def new_applicant(self) -> None:
        if not self._may_leave_form_for(None):
            return
        self.form.new_applicant()
        self._show_form()

    def _applicant_saved(self, pk: int, created: bool) -> None:
        if created and self.batch_id is not None:  # a new applicant enters the batch for the levels ticked
            self.desk.apply(pk, self.batch_id, self.form.chosen_levels())
        if self._switching_to is not None:
            self._select_after_load = self._switching_to
        elif created and self.batch_id is not None:
            self._select_after_load = pk
        self.message.emit(self.tr("已保存；按 F5 重新审核本批次以更新结论。"))
        self.ops.load_rows(self.batch_id)

    def _show_form(self) -> None:
        self.show_requested.emit()
        self.show_detail(DETAIL_FORM)

    def show_detail(self, index: int) -> None:
        self.details.setCurrentIndex(index)
        if index == DETAIL_REVIEW:
            self.review_panel.setFocus(Qt.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.list_panel.focus_search()

    # --- unsaved work (the form's; see unsaved_work.py) --------------------------------------------
    def unsaved_work(self) -> str:
        return self.form.unsaved_work()

    def save_unsaved_work(self) -> bool:
        return self.form.save_unsaved_work()

    def discard_unsaved_work(self) -> None:
        self.form.discard_unsaved_work()
