"""The 成绩 workspace: the current batch's score sheets, the entry grid of the chosen one (double entry,
核对, 锁定, 更正, 复核), statistics with histograms, 发布成绩 with the pass list, results export and score
import.  Everything goes through :class:`~eligibility_desk.services.scores.score_service.ScoreService`; exports and imports
run off the GUI thread through the window's :class:`TaskRunner`.

Without a final plan for the batch there are no sheets: an empty state points to 「编排」.

Entries, locks and corrections are recorded as the account logged in (the desk's actor, named above the
sheets); there is no free-text operator.  The second entry of a blind double entry is made by another account:
账户 → 切换账户… — the window hands the workspace a desk for that account and the sheets are read again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QPushButton, QSplitter, QStackedWidget,
    QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from eligibility_desk.documents.fonts import FontNotFoundError
from eligibility_desk.scoring import ScoreError
from eligibility_desk.services.scores.score_views import error_text
from eligibility_desk.ui.common import desk_settings, role_gate
from eligibility_desk.ui.common.refusal_text import permission_denied, refusal_text
from eligibility_desk.ui.common.font_errors import font_error_text
from eligibility_desk.ui.scores.score_reports import LOCKED, export_results, import_sheet_scores, summarise_sheet, summarise_sheets
from eligibility_desk.ui.common.column_fitter import ColumnFitter
from eligibility_desk.ui.scores.score_sheet_list_model import COL_PART, COL_SESSION, COL_STATUS, SHEET_ID_ROLE, ScoreSheetListModel
from eligibility_desk.ui.common import file_dialogs
from eligibility_desk.ui.scores.score_sheet_panel import ScoreSheetPanel
from eligibility_desk.ui.scores.score_statistics_panel import ScoreStatisticsPanel

OP_EXPORT, OP_IMPORT, OP_PUBLISH = "export_results", "import_scores", "publish"
_ERROR, _OK = "color:#c62828", "color:#2e7d32"
_KEEP_LEFT = 300    # px the sheet list and statistics keep when the sheet being entered widens


class ScoresWorkspace(QWidget):
    planning_requested = Signal()      # the empty state's 「转到编排」
    sheets_shown = Signal(int)         # the sheet list was (re)filled with this many sheets
    followed = Signal()                # list rows and statistics caught up with the entries typed
    published = Signal(int)            # a publication was stored; its pass count
    exported = Signal(str)             # results written to this path
    undo_stack_changed = Signal(object)   # the entry grid shown changed: its QUndoStack (or None) for 撤销 / 重做

    def __init__(self, runner, parent: QWidget | None = None, lang: str = "zh", settings=None):
        """``settings``: the window's QSettings, for the font the results PDF embeds (None: automatic)."""
        super().__init__(parent)
        self.runner = runner
        self.lang = lang
        self.settings = settings
        self.desk = None
        self.batch_id: int | None = None
        self.scores = None
        self._loaded_for = None
        #: the shown grid's entries (the window's 撤销 / 重做 act on it while this tab is shown)
        self.undo_stack = None
        self.recorder_label = QLabel(self)
        self.recorder_label.setObjectName("scores_account")
        self.recorder_label.setToolTip(self.tr("录入、锁定与更正均以登录的账户记录；第二遍录入须由另一账户完成"
                                               "（账户 → 切换账户…）"))
        buttons = {}
        for key, text in (("import", self.tr("从 Excel 导入…")), ("publish", self.tr("发布成绩")),
                          ("export_xlsx", self.tr("导出 Excel…")), ("export_pdf", self.tr("导出 PDF…")),
                          ("reload", self.tr("刷新"))):
            buttons[key] = QPushButton(text, self)
            buttons[key].setObjectName(f"scores_{key}")
        buttons["import"].clicked.connect(lambda: self.import_scores())
        buttons["publish"].clicked.connect(self.publish)
        buttons["export_xlsx"].clicked.connect(lambda: self.export_results(suffix=".xlsx"))
        buttons["export_pdf"].clicked.connect(lambda: self.export_results(suffix=".pdf"))
        buttons["reload"].clicked.connect(lambda: self.reload(force=True))
        self.buttons = buttons
        self.message = QLabel(self)
        self.message.setObjectName("scores_message")
        self.message.setWordWrap(True)

        self.list_model = ScoreSheetListModel(self, lang)
        self.sheet_table = QTableView(self)
        self.sheet_table.setObjectName("score_sheets")
        self.sheet_table.setModel(self.list_model)
        self.sheet_table.verticalHeader().hide()
        self.sheet_table.setSelectionBehavior(QTableView.SelectRows)
        self.sheet_table.setSelectionMode(QTableView.SingleSelection)
        # every column whole at 1280 px in both languages: the long English words wrap rather than scroll
        self.sheet_fitter = ColumnFitter(self.sheet_table, wrap=(COL_PART, COL_SESSION, COL_STATUS))
        self.sheet_table.selectionModel().currentRowChanged.connect(lambda current, _p: self._sheet_chosen(current.row()))
        self.sheet_panel = ScoreSheetPanel(self, lang)
        self.sheet_panel.entries_changed.connect(self._sheet_changed_soon)
        self.sheet_panel.sheet_changed.connect(self._sheet_changed)
        self.sheet_panel.wants_width.connect(self._widen_sheet_panel)
        self.sheet_panel.grid_changed.connect(self._grid_changed)
        # typing stays fast: the list row and the statistics follow once the recorder pauses
        self._changed_sheets: set[int] = set()
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(400)
        self._follow.timeout.connect(self._follow_changes)
        self.statistics = ScoreStatisticsPanel(self, lang)
        self.pass_list = QListWidget(self)
        self.pass_list.setObjectName("pass_list")
        self.publication_label = QLabel(self.tr("尚未发布。所有成绩单锁定后可发布成绩。"), self)
        self.publication_label.setWordWrap(True)
        publication = QWidget(self)
        pub_layout = QVBoxLayout(publication)
        pub_layout.addWidget(self.publication_label)
        pub_layout.addWidget(self.pass_list, 1)
        self.right = QTabWidget(self)
        self.right.addTab(self.statistics, self.tr("统计"))
        self.right.addTab(publication, self.tr("合格名单"))
        # the sheet list above the statistics on the left, the sheet being entered on the right: at 1280 px the
        # entry grid and its side pane get the width they need (four columns side by side cut them)
        left = QSplitter(Qt.Vertical, self)
        left.setObjectName("scores_left")
        left.addWidget(self.sheet_table)
        left.addWidget(self.right)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.sheet_panel)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setChildrenCollapsible(False)
        split.setSizes([440, 840])
        self.splitter, self.left_split = split, left

        self.empty = QWidget(self)
        self.empty_text = QLabel(self.empty)
        self.empty_text.setObjectName("scores_empty_text")
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignCenter)
        self.empty_text.setFixedWidth(520)
        self.to_planning = QPushButton(self.tr("转到「编排」"), self.empty)
        self.to_planning.setObjectName("scores_to_planning")
        self.to_planning.clicked.connect(self.planning_requested)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(2)
        empty_layout.addWidget(self.empty_text, 0, Qt.AlignHCenter)
        empty_layout.addWidget(self.to_planning, 0, Qt.AlignHCenter)
        empty_layout.addStretch(3)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(split)

        top = QHBoxLayout()
        top.addWidget(self.recorder_label)
        top.addStretch(1)
        for key in ("import", "publish", "export_xlsx", "export_pdf", "reload"):
            top.addWidget(buttons[key])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self._show_empty(self.tr("请选择一个批次。"), planning=False)

    def _widen_sheet_panel(self, extra: int) -> None:
        """Give the sheet being entered up to ``extra`` pixels (the 考评组评分 table shown whole), taken from the
        sheet list and statistics column, which keeps a usable width; never narrows the sheet."""
        sizes = self.splitter.sizes()
        give = max(0, min(extra, sizes[0] - _KEEP_LEFT))
        sizes[0] -= give
        sizes[1] += give
        self.splitter.setSizes(sizes)

    def _grid_changed(self, grid) -> None:
        self.undo_stack = grid.undo_stack if grid is not None else None
        self.undo_stack_changed.emit(self.undo_stack)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(_OK if ok else _ERROR)
        self.message.setText(text)

    # --- batch ------------------------------------------------------------------------------------------
    def set_batch(self, desk, batch_id: int | None) -> None:
        """Show this desk's batch; the sheets load now if the workspace is visible, else when it is shown."""
        self.desk, self.batch_id = desk, batch_id
        self.recorder_label.setText(self.tr("录入账户：{who}").format(who=self._who()) if desk is not None else "")
        self._gate()
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802
        """Coming back to the tab re-reads the sheets: a plan may have been finalised meanwhile."""
        super().showEvent(event)
        self.reload(force=True)

    def _gate(self) -> None:
        """发布成绩 needs a 复核人, 从 Excel 导入 a 录分员: disabled, naming the role, for other accounts (the
        score service refuses anyway); the sheet panel gates entry, 锁定 and 更正 the same way."""
        actor = getattr(self.desk, "actor", None)
        shown = self.stack.currentWidget() is self.splitter      # no sheets: nothing to import, publish, export
        for key, need in (("publish", "publish"), ("import", "import_scores")):
            self.buttons[key].setEnabled(shown)
            self.buttons[key].setToolTip("")
            if actor is not None and shown:
                role_gate.gate(self.buttons[key], actor, need, lang=self.lang)
        for key in ("export_xlsx", "export_pdf"):
            self.buttons[key].setEnabled(shown)
        self.sheet_panel.actor = actor

    def _user(self) -> str:
        return self.desk.user if self.desk is not None else ""

    def _who(self) -> str:
        """The account as shown: 「display name（account）」, or the account name alone."""
        actor = getattr(self.desk, "actor", None)
        shown = getattr(actor, "display_name", "") or ""
        return self.tr("{display}（{account}）").format(display=shown, account=self._user()) \
            if shown and shown != self._user() else self._user()

    def reload(self, force: bool = False) -> None:
        from eligibility_desk.services.scores.score_service import ScoreService

        key = (id(self.desk), self.batch_id, self._user())
        if not force and key == self._loaded_for:
            return
        self._loaded_for = key
        if self.desk is None or self.batch_id is None:
            self.scores = None
            self._show_empty(self.tr("请选择一个批次（成绩按批次登记）。") + "\n"
                             + self.tr("请在上方「批次」中选择一个，或用「批次 → 新建批次…」建立一个。"), planning=False)
            return
        self.scores = ScoreService.from_desk(self.desk)      # as the desk's account (its roles are checked)
        try:
            rows = summarise_sheets(self.scores, self.batch_id)
        except permission_denied() as exc:    # the sheets are not made yet and this account may not make them
            self._show_empty(self.tr("本批次的成绩登记表尚未建立：{reason}").format(reason=refusal_text(exc, self.lang)),
                             planning=False)
            return
        except ScoreError as exc:
            if exc.code != "plan_not_final":
                raise
            self._show_empty(self.tr("本批次还没有定稿的编排方案，因此没有成绩登记表。\n"
                                     "请先在「编排」中为本批次编排考场并定稿，成绩单随后按场次、考场和考核项目生成。"))
            return
        rules = self.scores.rules_for(self.batch_id)
        self.list_model.part_label = lambda part: rules.part_label(part, self.lang)
        current = self.sheet_panel.sheet_id
        self.list_model.set_rows(rows)
        self.stack.setCurrentWidget(self.splitter)
        self._gate()
        self.statistics.set_batch(self.scores, self.batch_id)
        self._show_publication(self.scores.publication(self.batch_id))
        row = self.list_model.row_of(current) if current is not None else -1
        if rows:
            self.sheet_table.selectRow(max(row, 0))
            self._sheet_chosen(max(row, 0))
        self.sheets_shown.emit(len(rows))

    def _show_empty(self, text: str, planning: bool = True) -> None:
        self.empty_text.setText(text)
        self.to_planning.setVisible(planning)
        self.list_model.set_rows([])
        self.sheet_panel.set_sheet(None, None)
        self.stack.setCurrentWidget(self.empty)
        self._gate()
        self.sheets_shown.emit(0)

    def select_sheet(self, sheet_id: int) -> None:
        row = self.list_model.row_of(sheet_id)
        if row >= 0:
            self.sheet_table.selectRow(row)
            self._sheet_chosen(row)

    def _sheet_chosen(self, row: int) -> None:
        if self._follow.isActive():
            self._follow.stop()
            self._follow_changes()
        if 0 <= row < self.list_model.rowCount():
            sheet_id = self.list_model.index(row, 0).data(SHEET_ID_ROLE)
            if sheet_id != self.sheet_panel.sheet_id or self.sheet_panel.scores is not self.scores:
                self.sheet_panel.set_sheet(self.scores, sheet_id)

    def _sheet_changed_soon(self, sheet_id: int) -> None:
        self._changed_sheets.add(sheet_id)
        self._follow.start()

    def _follow_changes(self) -> None:
        """Bring the list rows of the changed sheets and the statistics up to date."""
        if self.scores is None:
            return
        for sheet_id in sorted(self._changed_sheets):
            self.list_model.replace(summarise_sheet(self.scores, self.scores.sheet(sheet_id)))
        self._changed_sheets.clear()
        self.statistics.refresh()
        self.followed.emit()

    def _sheet_changed(self, sheet_id: int) -> None:
        self._changed_sheets.add(sheet_id)
        self._follow.stop()
        self._follow_changes()

    # --- publication ------------------------------------------------------------------------------------
    def publish(self) -> None:
        if self.scores is None:
            return
        scores, batch_id = self.scores, self.batch_id
        self.runner.run(OP_PUBLISH, lambda progress, cancelled: scores.publish(batch_id, progress, cancelled),
                        label=self.tr("正在发布成绩…"), on_done=self._published, on_failed=self._failed)

    def _published(self, publication) -> None:
        self._show_publication(publication)
        self.right.setCurrentIndex(1)
        self.say(self.tr("已发布第 {n} 次：合格 {p} 人，不合格 {f} 人，成绩不全 {i} 人。").format(
            n=publication.number, p=publication.counts.get("pass", 0), f=publication.counts.get("fail", 0),
            i=publication.counts.get("incomplete", 0)), ok=True)
        self.published.emit(len(publication.pass_list))

    def _show_publication(self, publication) -> None:
        self.pass_list.clear()
        if publication is None:
            self.publication_label.setText(self.tr("尚未发布。所有成绩单锁定后可发布成绩。"))
            return
        self.publication_label.setText(self.tr("第 {n} 次发布（{by}，{at}）：合格 {p} 人").format(
            n=publication.number, by=publication.published_by, at=f"{publication.published_at:%Y-%m-%d %H:%M}",
            p=len(publication.pass_list)))
        names = {r["candidate"]: (r.get("name", ""), r["level"]) for r in publication.results}
        for admission in publication.pass_list:
            name, level = names.get(admission, ("", ""))
            self.pass_list.addItem(self.tr("{admission}  {name}  {level} 级").format(admission=admission, name=name, level=level))

    # --- export and import ------------------------------------------------------------------------------
    def export_results(self, path: str | None = None, suffix: str = ".xlsx") -> None:
        if self.scores is None:
            return
        if not path:
            kinds = self.tr("PDF 文件 (*.pdf)") if suffix == ".pdf" else self.tr("Excel 工作簿 (*.xlsx)")
            path = file_dialogs.save_file(self, self.settings, file_dialogs.SCORES, self.tr("导出成绩"), f"results{suffix}", kinds)
        if not path:
            return
        scores, batch_id, lang = self.scores, self.batch_id, self.lang
        title, font = self.tr("成绩与合格名单"), desk_settings.pdf_font(self.settings)    # 设置 → 打印字体
        self.runner.run(OP_EXPORT, lambda progress, cancelled: export_results(scores, batch_id, path, title, lang, progress,
                                                                              cancelled, font),
                        label=self.tr("正在导出成绩…"), on_done=self._exported, on_failed=self._failed)

    def _exported(self, path: str) -> None:
        self.say(self.tr("已导出：{path}").format(path=path), ok=True)
        self.exported.emit(path)

    def import_scores(self, path: str | None = None, recorder: int | None = None) -> None:
        """Enter a score-sheet workbook into the chosen sheet as the recorder chosen in the grid."""
        sheet_id = self.sheet_panel.sheet_id
        if self.scores is None or sheet_id is None:
            return
        recorder = recorder or (self.sheet_panel.grid.model.recorder if self.sheet_panel.grid is not None else None)
        if recorder is None:
            self.say(self.tr("请先在「录入」中选择第一录入或第二录入，再导入。"))
            return
        if not path:
            path = file_dialogs.open_file(self, self.settings, file_dialogs.SCORES, self.tr("导入成绩"),
                                          self.tr("成绩登记表 (*.xlsx)"))
        if not path:
            return
        scores = self.scores
        self.runner.run(OP_IMPORT, lambda progress, cancelled: import_sheet_scores(scores, sheet_id, recorder, path),
                        label=self.tr("正在导入成绩…"), on_done=lambda result: self._imported(result, path, sheet_id),
                        on_failed=self._failed)

    def _imported(self, result, path: str, sheet_id: int) -> None:
        if not isinstance(result, int):
            from eligibility_desk.ui.common.import_report_dialog import ImportReportDialog

            self.say(self.tr("导入未完成：{n} 处问题，未写入任何成绩。").format(n=len(result.problems)))
            self.import_report = ImportReportDialog(result, path, self, self.lang)
            self.import_report.open()
            return
        self.say(self.tr("已导入 {n} 个座位的成绩。").format(n=result), ok=True)
        self.sheet_panel.set_sheet(self.scores, sheet_id)
        self._sheet_changed(sheet_id)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FontNotFoundError):      # e.g. the font chosen in 设置 → 打印字体 was deleted since
            text = font_error_text(exc)
        else:
            text = error_text(exc, self.lang) if isinstance(exc, ScoreError) else refusal_text(exc, self.lang)
        self.say(self.tr("未完成：{reason}").format(reason=text))

    def locked_count(self) -> int:
        return sum(1 for row in self.list_model.rows if row.status == LOCKED)
