"""The screening desk's main window — the frame around the workspaces 审核 / 编排 / 打印 / 成绩 (one module each,
e.g. :mod:`.screening_workspace`): menus and toolbar, the status bar, and the batch operations of 审核.  Long
batch work goes through :class:`DeskOperations`.

The rest of the window lives beside this module, one concern each (mixins of :class:`MainWindow`):
:mod:`.window_workspaces` (the tabs, the toolbar following the tab, one 撤销 / 重做 over the stack of the tab
shown), :mod:`.window_batches` (the desk and the batch shown) and :mod:`.window_lifecycle` (opening the
database, accounts, 设置 and restarting, the unsaved-work question before the batch changes or the window
closes).

Who works at the desk is :class:`AccountSession`'s business (ui/accounts): once the database is open it logs
someone in (first run, login dialog, or this computer's login), the desk is built for that account, and the
账户 menu switches accounts; actions the account's roles do not allow are disabled, saying which role is
missing (:mod:`.role_gate`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QTabWidget, QWidget

from eligibility_desk.ui.accounts.account_session import AccountSession
from eligibility_desk.ui.common import desk_settings, file_dialogs, role_gate
from eligibility_desk.ui.common.backup_operations import BackupOperations
from eligibility_desk.ui.screening.desk_operations import DeskOperations
from eligibility_desk.ui.common.import_report_dialog import ImportReportDialog
from eligibility_desk.ui.screening.screening_workspace import DETAIL_FORM, DETAIL_REVIEW, DETAIL_VERDICT, ScreeningWorkspace
from eligibility_desk.ui.common.task_runner import TaskRunner
from eligibility_desk.ui.window_batches import ALL_BATCHES, BatchSwitching
from eligibility_desk.ui.window_lifecycle import WindowLifecycle
from eligibility_desk.ui.window_workspaces import WORKSPACES, WorkspaceTabs

__all__ = ["ALL_BATCHES", "DETAIL_FORM", "DETAIL_REVIEW", "DETAIL_VERDICT", "MainWindow", "WORKSPACES"]


class MainWindow(WindowLifecycle, BatchSwitching, WorkspaceTabs, QMainWindow):
    desk_ready = Signal()            # a database is open and the list is filled
    rows_shown = Signal(int)         # the list was (re)filled with this many applicants

    def __init__(self, settings, lang: str = "zh", pool=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.lang = lang
        self.desk = None
        self.rules_dir: str | None = None
        self.batch_id: int | None = None
        self.all_batches = False
        self.batches: list = []
        self.runner = TaskRunner(self, pool)
        self.ops = DeskOperations(self.runner, self, lang)
        self.ops.data_changed.connect(self.refresh)
        self.ops.import_refused.connect(self._show_import_report)
        self.ops.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.backups = BackupOperations(self.runner, self, settings)
        self.backups.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.session = AccountSession(self, settings, lang)
        self.session.actor_changed.connect(self._actor_changed)
        self.account_label = QLabel(self)
        self.account_label.setObjectName("account_label")
        self.statusBar().addPermanentWidget(self.account_label)
        #: the database opened, before anyone logged in (the --quit-after smoke test reports it)
        self.database_url: str | None = None
        self.setWindowTitle(self.title())

        # made first, so its search box is first in the focus chain (it has the focus when the window opens);
        # ``ask``: the window's question, looked up when asked (tests answer it by replacing ``ask_unsaved``)
        self.screening = ScreeningWorkspace(self.ops, lambda text: self.ask_unsaved(text), self, lang)
        self.workspaces = QTabWidget(self)
        self.workspaces.setObjectName("workspaces")
        self.workspaces.setDocumentMode(True)
        self.undo_group = QUndoGroup(self)        # 编辑 → 撤销 / 重做 act on the stack of the tab shown
        self._undo_stacks: dict[QWidget, object] = {}
        self.workspaces.currentChanged.connect(lambda _i: self._activate_undo_stack())
        titles = {"screening": self.tr("审核"), "planning": self.tr("编排"), "printing": self.tr("打印"), "scores": self.tr("成绩")}
        for key in WORKSPACES:
            self.workspaces.addTab(self._placeholder(titles[key]), titles[key])
        self.setCentralWidget(self.workspaces)
        self.set_workspace("screening", self.screening)
        self.screening.rows_shown.connect(self.rows_shown)
        self.screening.rows_shown.connect(lambda _n: self.desk_ready.emit())
        self.screening.show_requested.connect(lambda: self.workspaces.setCurrentIndex(WORKSPACES.index("screening")))
        self.screening.import_requested.connect(self.import_file)
        self.screening.demo_requested.connect(self.open_demo)
        self.screening.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        from eligibility_desk.ui.planning.planning_workspace import PlanningWorkspace
        from eligibility_desk.ui.printing.printing_workspace import PrintingWorkspace

        self.planning = PlanningWorkspace(self.runner, self, lang)
        self.set_workspace("planning", self.planning)
        self.printing = PrintingWorkspace(self.runner, self, lang, settings)
        self.set_workspace("printing", self.printing)
        self.planning.plans_changed.connect(self.printing.reload)
        for workspace in (self.planning, self.printing):
            workspace.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        from eligibility_desk.ui.scores.scores_workspace import ScoresWorkspace

        self.scores_workspace = ScoresWorkspace(self.runner, self, lang, settings)
        self.set_workspace("scores", self.scores_workspace)
        self.scores_workspace.planning_requested.connect(lambda: self.workspaces.setCurrentIndex(WORKSPACES.index("planning")))
        self.desk_ready.connect(lambda: self.scores_workspace.set_batch(self.desk, self.batch_id))

        self.batch_combo = QComboBox(self)
        self.batch_combo.setObjectName("batch_combo")
        self.batch_combo.setMinimumWidth(220)
        self.batch_combo.activated.connect(lambda i: self.choose_batch(self.batch_combo.itemData(i)))
        self._build_actions()
        if not desk_settings.restore_window(self.settings, self, self.screening.splitter):
            self.resize(1280, 800)
        if desk_settings.last_tab(self.settings) in WORKSPACES:
            self.workspaces.setCurrentIndex(WORKSPACES.index(desk_settings.last_tab(self.settings)))

    # --- title ---------------------------------------------------------------------------------------
    def title(self, db: str | None = None) -> str:
        """The version and how this copy was built (bundle build date, or from source), then the database."""
        from eligibility_desk.ui.common.window_title import window_title

        return window_title(db)

    # --- actions and shortcuts -------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.triggered.connect(slot)
        action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_template = a(self.tr("下载考生导入模板…"), self.save_applicant_template, None, "applicant_template")
        self.act_import = a(self.tr("导入考生名单…"), self.import_file, "Ctrl+I", "import")
        self.act_export = a(self.tr("导出本批…"), self.export_batch, "Ctrl+E", "export")
        self.act_import_photos = a(self.tr("导入照片文件夹…"), lambda: self.import_photos(), None, "import_photos")
        self.act_resources_template = a(self.tr("下载考务资源模板…"), self.save_resources_template, None,
                                        "resources_template")
        self.act_resources = a(self.tr("考务资源…"), self.open_resources, None, "resources")
        self.act_new_batch = a(self.tr("新建批次…"), self.new_batch, "Ctrl+Shift+N", "new_batch")
        self.act_demo = a(self.tr("打开演示数据"), self.open_demo, None, "demo")
        self.act_backup = a(self.tr("备份…"), lambda: self.backups.ask_and_back_up(self.desk), None, "backup")
        self.act_settings = a(self.tr("设置…"), self.open_settings, "Ctrl+,", "settings")
        self.act_quit = a(self.tr("退出"), self.close, "Ctrl+Q", "quit")
        self.act_quit.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)   # quits from any tab or panel
        self.act_screen = a(self.tr("审核本批"), self.screen_batch, "F5", "screen")
        self.act_reload = a(self.tr("刷新"), self.refresh, "Ctrl+F5", "reload")
        self.act_search = a(self.tr("搜索"), self.focus_search, "Ctrl+F", "search")
        self.act_new_applicant = a(self.tr("新建考生"), self.new_applicant, "Ctrl+N", "new_applicant")
        self.act_save = a(self.tr("保存"), self.screening.form.save, "Ctrl+S", "save")
        # the only actions on Ctrl+Z / Ctrl+Shift+Z: their text names the edit (「撤销 移动 张三 到 …」)
        self.act_undo = self.undo_group.createUndoAction(self, self.tr("撤销"))
        self.act_undo.setShortcuts(QKeySequence.Undo)
        self.act_undo.setObjectName("undo")
        self.act_redo = self.undo_group.createRedoAction(self, self.tr("重做"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.Redo)])
        self.act_redo.setObjectName("redo")
        self.addActions([self.act_undo, self.act_redo])
        self.act_show_verdict = a(self.screening.detail_title(DETAIL_VERDICT), lambda: self.show_detail(DETAIL_VERDICT), "Ctrl+1", "show_verdict")
        self.act_show_form = a(self.screening.detail_title(DETAIL_FORM), lambda: self.show_detail(DETAIL_FORM), "Ctrl+2", "show_form")
        self.act_show_review = a(self.screening.detail_title(DETAIL_REVIEW), lambda: self.show_detail(DETAIL_REVIEW), "Ctrl+R", "show_review")
        self.act_guide = a(self.tr("用户指南"), self.open_user_guide, "F1", "user_guide")
        self.act_shortcuts = a(self.tr("键盘快捷键"), self.show_shortcuts, "Ctrl+/", "shortcuts")
        self.act_about = a(self.tr("关于 Eligibility Desk"), self.show_about, None, "about")
        menus = (
            (self.tr("文件(&F)"), (self.act_template, self.act_import, self.act_import_photos, self.act_export, None,
                                  self.act_resources_template, self.act_resources, None, self.act_new_batch, self.act_demo, None,
                                  self.act_backup, self.act_settings, None, self.act_quit)),
            (self.tr("编辑(&E)"), (self.act_new_applicant, self.act_save, None, self.act_undo, self.act_redo)),
            (self.tr("批次(&B)"), (self.act_screen, self.act_reload)),
            (self.tr("查看(&V)"), (self.act_search, None, self.act_show_verdict, self.act_show_form, self.act_show_review)),
            (self.tr("账户(&A)"), tuple(self.session.actions())),
            (self.tr("帮助(&H)"), (self.act_guide, self.act_shortcuts, None, self.act_about)),
        )
        for title, actions in menus:
            menu = self.menuBar().addMenu(title)
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        # the batch selector belongs to every workspace; the 审核 actions only to 审核 (each other workspace keeps
        # its own buttons inside it), so the toolbar shown follows the tab
        batch_bar = self.addToolBar(self.tr("批次"))
        batch_bar.setObjectName("main_toolbar")
        batch_bar.addWidget(QLabel(self.tr(" 批次："), self))
        batch_bar.addWidget(self.batch_combo)
        self.workspace_toolbars = {"screening": self.addToolBar(self.tr("审核"))}
        self.workspace_toolbars["screening"].setObjectName("screening_toolbar")
        for action in (self.act_import, self.act_screen, self.act_export, None, self.act_new_applicant, self.act_save,
                       self.act_show_review):
            bar = self.workspace_toolbars["screening"]
            bar.addSeparator() if action is None else bar.addAction(action)
        self.workspaces.currentChanged.connect(lambda _i: self._show_workspace_toolbar())
        self._show_workspace_toolbar()
        self._update_enabled()

    def _update_enabled(self) -> None:
        """Enable what can be done now; a disabled action's tooltip says why (the shortcut is named too)."""
        has_desk, has_batch = self.desk is not None, self.batch_id is not None
        no_desk = self.tr("数据库尚未打开")
        no_batch = self.tr("请先在工具栏选择一个批次，或用「新建批次」建立一个")
        why = {
            self.act_new_batch: (has_desk, no_desk), self.act_demo: (has_desk, no_desk),
            self.act_backup: (has_desk, no_desk),
            self.act_reload: (has_desk, no_desk), self.act_template: (True, ""),
            self.act_resources_template: (True, ""),
            self.act_import: (has_desk and not self.all_batches,
                              no_desk if not has_desk else self.tr("「全部批次」下不能导入：请先选择一个批次")),
            self.act_screen: (has_batch, no_batch), self.act_export: (has_batch, no_batch),
            self.act_import_photos: (has_batch, no_batch),
            self.act_new_applicant: (has_batch, no_batch), self.act_save: (has_batch, no_batch),
            self.act_show_review: (has_batch, no_batch), self.act_resources: (has_batch, no_batch),
        }
        actor = self.desk.actor if self.desk is not None else None
        for action, (enabled, reason) in why.items():
            lacking = role_gate.missing(actor, action.objectName(), self.lang) if has_desk else ""
            if enabled and lacking:              # the account's roles do not allow it (the services refuse anyway)
                enabled, reason = False, lacking
            action.setEnabled(enabled)
            keys = action.shortcut().toString(QKeySequence.NativeText)
            tip = f"{action.text()} ({keys})" if keys else action.text()
            action.setToolTip(tip if enabled or not reason else f"{tip} — {reason}")
            action.setStatusTip(action.toolTip())

    # --- 审核 ---------------------------------------------------------------------------------------
    def new_applicant(self) -> None:
        self.screening.new_applicant()     # (shows 审核 unless the clerk keeps the form's edits)

    # --- batch operations ------------------------------------------------------------------------
    def import_file(self, path: str | None = None) -> None:
        if self.desk is None:
            return
        if self.batch_id is None and not self.new_batch():
            return
        if not path:
            path = file_dialogs.open_file(self, self.settings, file_dialogs.APPLICANTS, self.tr("导入考生名单"),
                                          self.tr("考生名单 (*.xlsx *.csv *.json)"))
        if path:
            self.ops.import_file(path, self.batch_id)

    def import_photos(self, folder: str | None = None) -> None:
        """导入照片文件夹 into the batch shown (:class:`PhotoFolderImport`)."""
        from eligibility_desk.ui.common.photo_folder_import import PhotoFolderImport

        if getattr(self, "photo_import", None) is None:
            self.photo_import = PhotoFolderImport(self.runner, self, self.lang)
            self.photo_import.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
            # the applicant shown may have a new photo: the form shows what slips will print
            self.photo_import.finished.connect(lambda _report: self.screening.form.show_photo(self.screening.form.draft.pk))
        self.photo_import.start(self.desk, self.batch_id, folder)

    def screen_batch(self) -> None:
        if self.batch_id is not None:
            self.ops.screen_batch(self.batch_id)

    def export_batch(self, path: str | None = None) -> None:
        if self.batch_id is None:
            return
        if not path:
            path = file_dialogs.save_file(self, self.settings, file_dialogs.EXPORT, self.tr("导出本批"), "export.xlsx",
                                          self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.ops.export_batch(self.batch_id, path)

    def save_applicant_template(self, path: str | None = None) -> None:
        """文件 → 下载考生导入模板…: the workbook 导入考生名单 reads (written off the GUI thread)."""
        if not path:
            path = file_dialogs.save_file(self, self.settings, file_dialogs.TEMPLATE, self.tr("下载考生导入模板"),
                                          self.tr("考生导入模板.xlsx"), self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            batch = next((b for b in self.batches if b.id == self.batch_id), None)
            self.ops.write_applicant_template(path, list(batch.levels) if batch is not None else None)

    def save_resources_template(self, path: str | None = None) -> None:
        """文件 → 下载考务资源模板…: the workbook 考务资源 → 从 Excel 导入 reads."""
        if not path:
            path = file_dialogs.save_file(self, self.settings, file_dialogs.TEMPLATE, self.tr("下载考务资源模板"),
                                          self.tr("考务资源模板.xlsx"), self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            batch = next((b for b in self.batches if b.id == self.batch_id), None)
            self.ops.write_resources_template(path, batch.standard if batch is not None else None, self.rules_dir)

    def open_resources(self) -> None:
        """文件 → 考务资源…: rooms, staff and the batch's slots (the 编排 workspace's dialog)."""
        if self.batch_id is not None:
            self.planning.open_resources()

    # --- 帮助 ---------------------------------------------------------------------------------------
    def open_user_guide(self) -> None:
        from eligibility_desk.ui.help_dialogs import open_user_guide

        open_user_guide(self)

    def show_shortcuts(self) -> None:
        from eligibility_desk.ui.help_dialogs import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog([a for a in self.actions() if not a.shortcut().isEmpty()], self)
        self.shortcuts_dialog.open()

    def show_about(self) -> None:
        from eligibility_desk.ui.help_dialogs import show_about

        show_about(self, self.desk)

    def _show_import_report(self, report, path: str) -> None:
        self.import_report = ImportReportDialog(report, path, self, self.lang)
        self.import_report.open()
