"""考务资源: the centre's rooms and staff and the batch's time slots, edited in place and imported from .xlsx.

Every edit is checked with the resources workbook's rules and saved at once through
:class:`~eligibility_desk.services.sessions.resources.ResourceService` with the version it was read at; a refused
edit leaves the row as it was and the reason is shown under the table.  撤销 / 重做 (Ctrl+Z / Ctrl+Shift+Z)
walk back and forth over the stored cell edits of the table shown, each step stored again the same way (a
row changed elsewhere meanwhile is refused, not overwritten); 新增 / 停用 / 删除 and an import are not steps
and start the history afresh.  从 Excel 导入 runs off the GUI thread and is all or nothing: a workbook with
any bad cell writes nothing and its problems are listed.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableView, QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from eligibility_desk.planning.scenario import Room, Slot, StaffMember
from eligibility_desk.ui.common.import_problem_model import ImportProblemModel
from eligibility_desk.ui.planning.resource_columns import ROOMS, SLOTS, STAFF, cells_of, problems_of, refusal_text
from eligibility_desk.ui.planning.resource_delegate import ResourceDelegate
from eligibility_desk.ui.planning.resource_table_model import ResourceLine, ResourceTableModel

OP_IMPORT_RESOURCES = "import_resources"
#: the widest a column is made to fit its longest cell (a long 不可用时间 list is not shown in full)
MAX_COLUMN_WIDTH = 380


class ResourcesDialog(QDialog):
    changed = Signal()          # something was stored: the next 生成编排 / 重新编排 sees it

    def __init__(self, desk, batch_id: int, runner, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        from eligibility_desk.services.sessions.resources import ResourceService
        from eligibility_desk.services.sessions.session_service import SessionService

        self.setWindowTitle(self.tr("考务资源：考场、人员、时段"))
        self.batch_id = batch_id
        self.runner = runner
        self.lang = lang
        self.rules = SessionService.from_desk(desk).rules_for(batch_id)
        self.service = ResourceService(desk.db, desk.actor, self.rules)
        self.models: dict[str, ResourceTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self.tabs = QTabWidget(self)
        titles = {ROOMS: self.tr("考场"), STAFF: self.tr("人员"), SLOTS: self.tr("时段（本批次）")}
        self.undo_group = QUndoGroup(self)
        for kind in (ROOMS, STAFF, SLOTS):
            self.tabs.addTab(self._table_page(kind), titles[kind])
            self.undo_group.addStack(self.models[kind].undo_stack)
        self.tabs.currentChanged.connect(
            lambda i: self.undo_group.setActiveStack(self.models[(ROOMS, STAFF, SLOTS)[i]].undo_stack))
        self.undo_group.setActiveStack(self.models[ROOMS].undo_stack)
        self.act_undo = self.undo_group.createUndoAction(self, self.tr("撤销"))
        self.act_undo.setObjectName("undo_resource_edit")
        self.act_undo.setShortcuts(QKeySequence.Undo)
        self.act_redo = self.undo_group.createRedoAction(self, self.tr("重做"))
        self.act_redo.setObjectName("redo_resource_edit")
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.Redo) if k not in redo_keys]   # + Ctrl+Y
        self.act_redo.setShortcuts(redo_keys)
        for action in (self.act_undo, self.act_redo):
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.message = QLabel(self)
        self.message.setObjectName("resources_message")
        self.message.setWordWrap(True)
        self.problem_model = ImportProblemModel([], self, lang)
        self.problem_view = QTableView(self)
        self.problem_view.setModel(self.problem_model)
        self.problem_view.horizontalHeader().setStretchLastSection(True)
        self.problem_view.hide()
        self.import_button = QPushButton(self.tr("从 Excel 导入…"), self)
        self.import_button.setObjectName("import_resources")
        self.import_button.clicked.connect(lambda: self.import_xlsx())
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        for action in (self.act_undo, self.act_redo):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(self.message)
        layout.addWidget(self.problem_view, 1)
        layout.addLayout(bottom)
        self.resize(980, 620)
        self.reload()

    def _table_page(self, kind: str) -> QWidget:
        page = QWidget(self)
        model = ResourceTableModel(kind, self.rules, self._save, self, self.lang)
        model.problem.connect(self.show_problem)
        model.saved.connect(self._saved)
        view = QTableView(page)
        view.setObjectName(f"{kind}_table")
        view.setModel(model)
        view.setItemDelegate(ResourceDelegate(kind, self.default_interval, view))   # times are picked
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        # widths fitted once per reload (_fit_columns), not ResizeToContents: that asks the model for every
        # row again on each edit, selection and reset — 0.1–0.5 s per edit with 500 staff
        # (benchmarks/resources_dialog.py)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        # the free width stays an empty trailing area: stretched, the last column (时段's 结束, the 状态 of
        # rooms and staff) ran across the dialog, far from the cells it belongs beside
        view.horizontalHeader().setStretchLastSection(False)
        view.verticalHeader().setVisible(False)
        self.models[kind], self.views[kind] = model, view
        add = QPushButton(self.tr("新增"), page)
        add.setObjectName(f"add_{kind}")
        add.clicked.connect(lambda: self.add(kind))
        remove = QPushButton(self.tr("删除") if kind == SLOTS else self.tr("停用"), page)
        remove.setObjectName(f"remove_{kind}")
        remove.clicked.connect(lambda: self.remove_selected(kind))
        hint = QLabel(self.tr("双击或按 F2 修改单元格，编号不可改；不可用时间用日历选择。停用的考场和人员不再参加编排"
                              "（已有编排仍保留其名称）。") if kind == STAFF
                      else self.tr("双击单元格修改；编号不可改。停用的考场和人员不再参加编排（已有编排仍保留其名称）。")
                      if kind == ROOMS
                      else self.tr("双击或按 F2 修改；开始、结束用日历选择（F4 打开日历），或用方向键调整年月日时分，回车保存，Esc 取消。"),
                      page)
        hint.setStyleSheet("color:#616161")
        hint.setWordWrap(True)     # one line, the English hint made the dialog 1,345 px wide (wider than 1280)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addWidget(hint, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(view)
        return page

    # --- reading and saving ----------------------------------------------------------------------
    def reload(self) -> None:
        s = self.service
        self.models[ROOMS].set_lines([ResourceLine(r.room.id, r.version, r.active, cells_of(ROOMS, r.room))
                                      for r in s.rooms()])
        self.models[STAFF].set_lines([ResourceLine(m.member.id, m.version, m.active, cells_of(STAFF, m.member))
                                      for m in s.staff()])
        self.models[SLOTS].set_lines([ResourceLine(t.slot.id, t.version, True, cells_of(SLOTS, t.slot))
                                      for t in s.slots(self.batch_id)])
        for kind in self.views:
            self._fit_columns(kind)
            self.models[kind].undo_stack.clear()   # rows may have changed under the steps: start afresh

    def default_interval(self):
        """Where a new 不可用时间 starts: the batch's first slot (else tomorrow 09:00–12:00), as QDateTimes."""
        from PySide6.QtCore import QDate, QDateTime, QTime

        slots = sorted(self.models[SLOTS].lines, key=lambda line: line.cells[1]) if SLOTS in self.models else []
        if slots:
            from eligibility_desk.ui.planning.unavailability_editor import parse_cell_time

            start, end = parse_cell_time(slots[0].cells[1]), parse_cell_time(slots[0].cells[2])
            if start.isValid() and end.isValid():
                return start, end
        day = datetime.now().date() + timedelta(days=1)
        start = QDateTime(QDate(day.year, day.month, day.day), QTime(9, 0))
        return start, start.addSecs(3 * 3600)

    def _fit_columns(self, kind: str) -> None:
        """Each column as wide as its longest text (header included), measured on the plain cells."""
        view, model = self.views[kind], self.models[kind]
        metrics = view.fontMetrics()
        for col in range(model.columnCount()):
            texts = [str(model.headerData(col, Qt.Horizontal) or "")]
            texts += [line.cells[col] for line in model.lines if col < len(line.cells)]
            width = max(metrics.horizontalAdvance(text) for text in texts) + 2 * metrics.averageCharWidth() + 8
            view.setColumnWidth(col, min(width, MAX_COLUMN_WIDTH))

    def _save(self, kind: str, code: str, version: int | None, item) -> ResourceLine:
        if kind == ROOMS:
            stored = self.service.save_room(item, version)
            return ResourceLine(stored.room.id, stored.version, stored.active, cells_of(ROOMS, stored.room))
        if kind == STAFF:
            stored = self.service.save_staff(item, version)
            return ResourceLine(stored.member.id, stored.version, stored.active, cells_of(STAFF, stored.member))
        stored = self.service.save_slot(self.batch_id, item, version)
        return ResourceLine(stored.slot.id, stored.version, True, cells_of(SLOTS, stored.slot))

    def _saved(self, code: str) -> None:
        self.message.setStyleSheet("color:#2e7d32")
        self.message.setText(self.tr("已保存 {code}。").format(code=code))
        self.changed.emit()

    def show_problem(self, text: str) -> None:
        self.message.setStyleSheet("color:#c62828")
        self.message.setText(self.tr("未保存：{reason}").format(reason=text))

    def add(self, kind: str) -> int:
        """A new row with a free code and sensible values, stored at once; then edit its cells."""
        model = self.models[kind]
        codes = {line.code for line in model.lines}
        prefix = {ROOMS: "R", STAFF: "S", SLOTS: "T"}[kind]
        code = next(f"{prefix}{n}" for n in range(len(codes) + 1, len(codes) + 10000) if f"{prefix}{n}" not in codes)
        if kind == ROOMS:
            item = Room(code, self.tr("新考场"), "classroom", 30)
        elif kind == STAFF:
            item = StaffMember(code, self.tr("新人员"), frozenset({"invigilator"}))
        else:
            slots = self.service.slots(self.batch_id)
            day = (slots[-1].slot.start.date() + timedelta(days=1)) if slots else datetime.now().date() + timedelta(days=30)
            item = Slot(code, datetime.combine(day, time(9)), datetime.combine(day, time(12)))
        row = model.append(ResourceLine(code, None, True, cells_of(kind, item)))
        if not model.store(row, model.lines[row].cells):
            model.remove_row(row)
            return -1
        self.views[kind].selectRow(row)
        return row

    def remove_selected(self, kind: str) -> None:
        rows = sorted({i.row() for i in self.views[kind].selectionModel().selectedRows()}, reverse=True)
        model = self.models[kind]
        try:
            for row in rows:
                line = model.lines[row]
                if kind == ROOMS:
                    self.service.remove_room(line.code, line.version)
                elif kind == STAFF:
                    self.service.remove_staff(line.code, line.version)
                else:
                    self.service.delete_slot(self.batch_id, line.code, line.version)
        except (ValueError, LookupError, RuntimeError) as exc:
            self.show_problem(refusal_text(exc, self.lang))
        self.reload()
        if rows:
            self.changed.emit()

    # --- import ------------------------------------------------------------------------------------
    def import_xlsx(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入考务资源"), "", self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        service, batch_id, rules = self.service, self.batch_id, self.rules
        self.runner.run(OP_IMPORT_RESOURCES, lambda progress, cancelled: service.import_xlsx(path, batch_id, rules),
                        label=self.tr("正在导入考务资源…"), on_done=self._imported, on_failed=self._import_failed)

    def _imported(self, summary) -> None:
        self.problem_model.beginResetModel()
        self.problem_model.problems = []
        self.problem_model.endResetModel()
        self.problem_view.hide()
        self.message.setStyleSheet("color:#2e7d32")
        self.message.setText(self.tr("导入完成：考场 新增 {rc}、更新 {ru}；人员 新增 {sc}、更新 {su}；时段 新增 {tc}、更新 {tu}；"
                                     "未变 {same}。").format(
            rc=summary.rooms_created, ru=summary.rooms_updated, sc=summary.staff_created, su=summary.staff_updated,
            tc=summary.slots_created, tu=summary.slots_updated, same=summary.unchanged))
        self.reload()
        self.changed.emit()

    def _import_failed(self, exc: BaseException) -> None:
        from eligibility_desk.planning.xlsx_import import ResourceImportError

        problems = problems_of(exc) if isinstance(exc, ResourceImportError) else []
        self.problem_model.beginResetModel()
        self.problem_model.problems = problems
        self.problem_model.endResetModel()
        self.problem_view.setVisible(bool(problems))
        self.show_problem(self.tr("工作簿有 {n} 处问题，未导入任何内容。").format(n=len(problems)) if problems
                          else refusal_text(exc, self.lang))
