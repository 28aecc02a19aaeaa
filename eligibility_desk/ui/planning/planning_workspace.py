"""The 编排 workspace: the current batch's newest stored plan in the planner view, and the actions on it —
生成编排 (plan the batch off the GUI thread, seed recorded), 重新编排 (repair after a change, listing what moved),
保存修改 (store the hand-edited plan as a new version), 定稿 (finalise), 考务资源 (rooms, staff, slots), and
撤销 / 重做 (Ctrl+Z / Ctrl+Shift+Z) over the hand edits of the plan on screen.
打开编排场景… still plans a scenario JSON file (``eligibility-desk plan``'s input) without the database.

The edit history belongs to the plan on screen (its model's ``undo_stack``, announced by ``undo_stack_changed``
so the main window's QUndoGroup — the 编辑 menu and Ctrl+Z / Ctrl+Shift+Z — acts on it while 编排 is shown).
Saving keeps it and marks the saved point clean — 撤销 after 保存 goes back past the save and the plan then
differs from the stored version again; anything that puts another plan on screen (生成编排, 重新编排, another
batch, a scenario file) starts an empty history."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QListWidget, QMessageBox, QPushButton, QStackedWidget, QToolButton,
    QVBoxLayout, QWidget,
)

from eligibility_desk.ui.common import role_gate
from eligibility_desk.ui.common.refusal_text import refusal_text
from eligibility_desk.ui.common.task_runner import TaskRunner
from eligibility_desk.ui.planning import plan_texts
from eligibility_desk.ui.planning.advanced_plan_options import AdvancedPlanOptions
from eligibility_desk.ui.planning.plan_edit_history import PlanEditHistory
from eligibility_desk.ui.planning.plan_loading import plan_scenario_file, sessions_service, with_check

OP_PLAN = "plan"
OP_PLAN_BATCH, OP_REPLAN, OP_LOAD_PLAN = "plan_batch", "replan_batch", "load_plan"


class PlanningWorkspace(PlanEditHistory, QWidget):
    """The toolbar, the plan on screen and the actions here; the edit history and unsaved edits in
    :class:`PlanEditHistory` (a mixin), the worker functions in ``plan_loading``, the plan's words in ``plan_texts``."""

    plan_shown = Signal(int)      # sessions in the plan now shown
    plans_changed = Signal()      # a plan version was stored or finalised (the 打印 tab reloads)
    message = Signal(str)         # one line for the status bar
    undo_stack_changed = Signal(object)   # the QUndoStack of the plan now on screen, or None (no plan)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.runner = runner
        self.lang = lang
        self.rules_dir: str | None = None
        self.desk = None
        self.batch_id: int | None = None
        self.shown = None                          # ShownPlan   # the stored plan in the view (None: a scenario file)
        self.view = None
        self._source_text = ""
        self._generation = 0

        self.act_plan = self._button_action(self.tr("生成编排"), self.plan_batch, "F9", "plan_batch")
        self.act_replan = self._button_action(self.tr("重新编排…"), self.replan, "Shift+F9", "replan_batch")
        self.act_save = self._button_action(self.tr("保存修改"), self.save_edits, "Ctrl+Shift+S", "save_plan")
        self.act_final = self._button_action(self.tr("定稿"), self.finalise, "Ctrl+Shift+F", "finalise_plan")
        self.act_resources = self._button_action(self.tr("考务资源…"), self.open_resources, "Ctrl+Shift+R", "resources")
        self.act_open = self._button_action(self.tr("打开编排场景…"), lambda: self.open_scenario(), None, "open_scenario")
        # the buttons only: the keys are the window's 撤销 / 重做 (one QUndoGroup), which act on this plan's stack
        # while 编排 is shown — two live actions on one key would make Qt run neither
        self.act_undo = self._button_action(self.tr("撤销"), lambda: self.undo_stack and self.undo_stack.undo(),
                                            None, "undo_plan_edit", QKeySequence(QKeySequence.Undo))
        self.act_redo = self._button_action(self.tr("重做"), lambda: self.undo_stack and self.undo_stack.redo(),
                                            None, "redo_plan_edit", QKeySequence("Ctrl+Shift+Z"))
        self._follow_stack(None)
        # 种子 is for whoever must reproduce a plan, not for the planner: under 高级, collapsed
        self.advanced = AdvancedPlanOptions(self)
        self.seed = self.advanced.seed
        self.source = QLabel(self)
        self.source.setObjectName("plan_info")
        self.source.setTextInteractionFlags(Qt.TextSelectableByMouse)
        # the version line wraps rather than widen the window: in English it alone is ~570 px, and at 1280 px the
        # toolbar beside it would push the window past the screen (its seed and 编排记录 are in its tooltip)
        self.source.setWordWrap(True)
        self.report = QListWidget(self)
        self.report.setObjectName("plan_report")
        self.report.setMaximumHeight(120)
        self.report.hide()
        self.hint = QLabel(self.tr("打开一个考试批次后，在这里按「生成编排」(F9) 把已通过审核的考生编入考场，"
                                   "再拖动考生或考务人员调整，违规之处即时标出。\n"
                                   "也可以打开编排场景文件（与 eligibility-desk plan 相同的 JSON）。"), self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.hint)
        top = QHBoxLayout()
        for action in (self.act_plan, None, self.act_replan, self.act_save, self.act_final, None, self.act_undo,
                       self.act_redo, None, self.act_resources):
            if action is None:
                top.addSpacing(12)
                continue
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            top.addWidget(button)
        top.addWidget(self.source, 1)
        open_button = QPushButton(self.tr("打开编排场景…"), self)
        open_button.setObjectName("open_scenario")
        open_button.clicked.connect(lambda: self.open_scenario())
        top.addWidget(open_button)
        top.addWidget(self.advanced.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.advanced)
        layout.addWidget(self.report)
        layout.addWidget(self.stack, 1)
        self._update_enabled()

    def _button_action(self, text: str, slot, shortcut, name: str, shown_keys: QKeySequence | None = None) -> QAction:
        """A workspace action; ``shortcut``: a key string or a standard key, live only while 编排 is the open tab;
        ``shown_keys``: keys named in the tooltip that another action (the window's) handles."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        keys = shown_keys or action.shortcut()
        action.setProperty("keys", keys.toString(QKeySequence.NativeText))
        if not keys.isEmpty():
            action.setToolTip(f"{text} ({action.property('keys')})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _update_enabled(self) -> None:
        has_batch = self.desk is not None and self.batch_id is not None
        stored = self.shown.stored if self.shown is not None else None
        self.act_plan.setEnabled(has_batch)
        self.act_resources.setEnabled(has_batch)
        self.act_replan.setEnabled(has_batch and stored is not None)
        self.act_save.setEnabled(has_batch and stored is not None and self.edited)
        self.act_final.setEnabled(has_batch and stored is not None and not self.edited and stored.status != "final")
        actor = getattr(self.desk, "actor", None)
        if actor is not None:     # plans, 定稿 and resources need the 考务 role (the services refuse anyway)
            for action in (self.act_plan, self.act_resources, self.act_replan, self.act_save, self.act_final):
                keys = action.property("keys")
                role_gate.gate(action, actor, "plan", f"{action.text()} ({keys})" if keys else action.text(), self.lang)

    # --- the batch ---------------------------------------------------------------------------------
    def set_desk(self, desk, batch_id: int | None) -> None:
        """Show the newest stored plan of ``batch_id`` (loaded on a worker), or the empty state.  Unsaved
        hand edits of the same batch are kept (the window re-binds after every refresh)."""
        if self.edited and desk is self.desk and batch_id == self.batch_id:
            return
        self.desk, self.batch_id = desk, batch_id
        self.shown = None
        self.report.hide()
        if desk is None or batch_id is None:
            self._clear(self.tr("未选择考试批次。"))
            return
        self._generation += 1
        generation = self._generation    # batches switched quickly: only the newest load is shown
        self.runner.run(OP_LOAD_PLAN, lambda progress, cancelled: with_check(sessions_service().latest_shown(desk, batch_id)),
                        show_progress=False, on_failed=self._failed,
                        on_done=lambda shown: generation == self._generation and self._loaded(shown))

    def reload(self) -> None:
        self.set_desk(self.desk, self.batch_id)

    def _loaded(self, shown) -> None:
        if shown is None:
            self._clear(self.tr("本批次还没有编排。先在「考务资源」里确认考场、人员和时段，再按「生成编排」(F9)。"))
            return
        self._show_stored(shown)

    def _clear(self, text: str) -> None:
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
            self._follow_stack(None)
        self.stack.setCurrentWidget(self.hint)
        self.source.setToolTip(self.advanced.show_record(None, None))
        self._show_source(text)
        self._update_enabled()

    def _show_stored(self, shown, report: list[str] = (), keep_view: bool = False) -> None:
        """Show a stored version; ``keep_view``: it is the plan already on screen (just saved or finalised),
        so the view and its edit history stay and the stored point becomes the clean state."""
        self.shown = shown
        if keep_view and self.view is not None:
            self.view.model.undo_stack.setClean()
        else:
            self._show_view(shown.scenario, shown.rules, shown.plan, shown.weekend_hint, shown.checked)
        s = shown.stored
        kinds = {"plan": self.tr("生成"), "replan": self.tr("重新编排"), "edit": self.tr("手工调整")}
        status = self.tr("定稿") if s.status == "final" else self.tr("草稿")
        summary = s.summary
        self._show_source(self.tr("第 {n} 版（{status}，{kind}）· {who} {when:%Y-%m-%d %H:%M} · "
                                  "{cands} 名考生 {sessions} 场 · 未安排 {unplaced}").format(
            n=s.number, status=status, kind=kinds.get(s.kind, s.kind),
            who=s.operator, when=s.created_at, cands=summary.get("candidates", 0),
            sessions=summary.get("sessions", 0), unplaced=summary.get("unplaced", 0)))
        self.source.setToolTip(self.advanced.show_record(s.number, s.seed))
        lines = list(report) + [self.tr("未安排：{who} {why}").format(who=u.get("candidate"), why=plan_texts.unplaced_text(u, self.lang))
                                for u in s.plan_json.get("unplaced") or ()]
        self.report.clear()
        self.report.addItems(lines)
        self.report.setVisible(bool(lines))
        self._update_enabled()
        self.plan_shown.emit(len(shown.plan.sessions))

    def _show_view(self, scenario, rules, plan, weekend_hint: bool = True, checked=None) -> None:
        """``checked``: the plan's full check made on the worker (None: the view makes it)."""
        from eligibility_desk.ui.planning.planner_view import PlannerView

        view = PlannerView(scenario, rules, plan, self, self.lang, weekend_hint=weekend_hint, runner=self.runner,
                           checked=checked)
        view.weekendHintToggled.connect(self.store_weekend_hint)
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        self.view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.model.undo_stack.indexChanged.connect(self._edited)   # after set_plan: edits, undo, redo
        self._follow_stack(view.model.undo_stack)

    def store_weekend_hint(self, on: bool) -> None:
        """「提示周末场次」 switched: the centre's setting is stored (audited); refused — the account's role —
        the switch goes back.  A scenario file's plan (no database) only changes what the view shows."""
        if self.desk is None or self.shown is None:
            return
        from eligibility_desk.services.accounts import PermissionDenied
        from eligibility_desk.services.sessions.plan_settings import set_weekend_hint

        try:
            set_weekend_hint(self.desk.db, self.desk.actor, on)
        except (PermissionDenied, ValueError, RuntimeError) as exc:
            if self.view is not None:
                self.view.set_weekend_hint(not on)
            self.message.emit(self.tr("未保存：{error}").format(error=exc))
            return
        self.message.emit(self.tr("已设置：周末的场次给出提示（本中心所有电脑）。") if on
                          else self.tr("已设置：周末的场次不再提示，法定节假日仍提示（本中心所有电脑）。"))

    def _edited(self, _index: int) -> None:
        """After every edit, undo and redo (the stack's index has moved; the model has re-checked the plan)."""
        if self.edited:
            self.message.emit(self.tr("编排已手工调整（{hard} 处违规），按「保存修改」存为新版本。").format(
                hard=self.view.model.hard_count()))
        elif self.shown is not None:
            self.message.emit(self.tr("编排与第 {n} 版保存时相同。").format(n=self.shown.stored.number))

    def _clean_changed(self, _clean: bool) -> None:
        self._show_source(self._source_text)
        self._update_enabled()

    def _show_source(self, text: str, style: str = "") -> None:
        """The line above the plan: which version is shown and, in orange, whether it has unsaved edits."""
        self._source_text = text
        if self.edited:
            text = self.tr("{source} · 有未保存的调整").format(source=text)
            style = style or "color:#b26a00"
        self.source.setStyleSheet(style)
        self.source.setText(text)

    # --- actions -------------------------------------------------------------------------------------
    def plan_batch(self, seed: int | None = None) -> None:
        if self.desk is None or self.batch_id is None or not self._may_drop_edits():
            return
        if seed is None and self.advanced.seed_text():
            try:
                seed = int(self.advanced.seed_text())
            except ValueError:
                self._failed(ValueError(self.tr("种子应为整数：{text}").format(text=self.seed.text())))
                return
        desk, batch_id = self.desk, self.batch_id
        self.runner.run(OP_PLAN_BATCH, lambda progress, cancelled: with_check(sessions_service().plan_batch_shown(
                            desk, batch_id, seed, progress, cancelled)),
                        label=self.tr("正在编排本批次…"), on_done=self._stored_new, on_failed=self._failed,
                        on_cancelled=lambda: self.message.emit(self.tr("已取消编排，未保存任何内容。")))

    def replan(self, lost_rooms: list[str] | None = None) -> None:
        """Re-plan from the version shown; ``lost_rooms`` given (tests, scripts) skips the dialog."""
        if self.shown is None or not self._may_drop_edits():
            return
        if lost_rooms is None:
            from eligibility_desk.ui.planning.replan_dialog import ReplanDialog

            rooms = self.shown.scenario.room_map()
            used = sorted({s.room for s in self.shown.plan.sessions})
            dialog = ReplanDialog([(code, rooms[code].name if code in rooms else "") for code in used], self)
            if not dialog.exec():
                return
            lost_rooms = dialog.lost_rooms()
        desk, batch_id, number = self.desk, self.batch_id, self.shown.stored.number
        self.runner.run(OP_REPLAN, lambda progress, cancelled: with_check(sessions_service().replan_batch_shown(
                            desk, batch_id, lost_rooms, number, progress, cancelled)),
                        label=self.tr("正在重新编排…"), on_done=self._stored_new, on_failed=self._failed,
                        on_cancelled=lambda: self.message.emit(self.tr("已取消重新编排，未保存任何内容。")))

    def save_edits(self) -> None:
        if self.shown is None or self.view is None or not self.edited:
            return
        hard = self.view.model.hard_count()
        if hard and not self.ask(self.tr("保存修改"), self.tr("调整后的编排有 {n} 处违规。仍保存为新版本吗？"
                                                          "（有违规的编排不能定稿，打印前须改正。）").format(n=hard)):
            return
        try:
            shown = sessions_service().store_edited_shown(self.desk, self.batch_id, self.view.model.plan,
                                                self.shown.stored.number)
        except (ValueError, LookupError, RuntimeError) as exc:
            self._failed(exc)
            return
        self._stored_new(shown, keep_view=True)

    def finalise(self) -> None:
        if self.shown is None or self.edited:
            return
        hard = [v for v in self.shown.stored.violations if v.get("code")]
        if not hard and not self.ask(self.tr("定稿"), self.finalise_question()):
            return                                    # (with violations the service refuses and says why)
        try:
            shown = sessions_service().finalise_shown(self.desk, self.shown.stored.id, self.shown.stored.version)
        except (ValueError, LookupError, RuntimeError) as exc:   # PlanNotFinal, StaleRecordError
            self._failed(exc)
            return
        self._show_stored(shown, keep_view=True)
        self.message.emit(self.tr("第 {n} 版编排已定稿，可打印准考证等材料。").format(n=shown.stored.number))
        self.plans_changed.emit()

    def finalise_question(self) -> str:
        """定稿 asks first, naming what the plan leaves out (:func:`plan_texts.finalise_question`)."""
        return plan_texts.finalise_question(self.shown, self.lang)

    def _stored_new(self, shown, keep_view: bool = False) -> None:
        moves = shown.stored.moves
        report = [plan_texts.move_text(m, self.lang) for m in moves]
        if shown.stored.kind == "replan":
            report.insert(0, self.tr("重新编排：{n} 处变动").format(n=len(moves)))
        self._show_stored(shown, report, keep_view)
        self.message.emit(self.tr("已保存第 {n} 版编排：{v} 处违规。").format(
            n=shown.stored.number, v=len(shown.stored.violations)))
        self.plans_changed.emit()

    def open_resources(self) -> None:
        if self.desk is None or self.batch_id is None:
            return
        from eligibility_desk.ui.planning.resources_dialog import ResourcesDialog

        self.resources_dialog = ResourcesDialog(self.desk, self.batch_id, self.runner, self, self.lang)
        self.resources_dialog.changed.connect(
            lambda: self.message.emit(self.tr("考务资源已修改；按「生成编排」或「重新编排」使其生效。")))
        self.resources_dialog.open()

    def ask(self, title: str, text: str) -> bool:
        """A modal yes/no question; tests replace it."""
        return QMessageBox.question(self, title, text) == QMessageBox.Yes

    # --- a scenario file (no database) -------------------------------------------------------------
    def open_scenario(self, path: str | None = None) -> None:
        if not self._may_drop_edits():
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("打开编排场景"), "", self.tr("编排场景 (*.json)"))
        if not path:
            return
        rules_dir = self.rules_dir
        self.runner.run(OP_PLAN, lambda progress, cancelled: plan_scenario_file(path, rules_dir, progress, cancelled),
                        label=self.tr("正在编排…"), on_done=lambda result: self._show_file(path, *result),
                        on_failed=self._failed)

    def _show_file(self, path: str, scenario, rules, plan) -> None:
        self.shown = None
        self._show_view(scenario, rules, plan)
        self.source.setToolTip(self.advanced.show_record(None, None))
        self.report.hide()
        self._show_source(os.path.basename(path))
        self._update_enabled()
        self.plan_shown.emit(len(plan.sessions))

    def _failed(self, exc: BaseException) -> None:
        self._show_source(self.tr("无法编排：{error}").format(error=refusal_text(exc, self.lang)), "color:#c62828")
        self.message.emit(self.source.text())
