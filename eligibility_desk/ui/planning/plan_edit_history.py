"""The 编排 workspace's edit history: 撤销 / 重做 follow the undo stack of the plan on screen (their tooltips name
the edit), and the unsaved hand edits — what would be lost, 保存 / 放弃 / 取消 before another plan replaces them
(the window asks the same before switching batch or closing).

A mixin of :class:`~eligibility_desk.ui.planning.planning_workspace.PlanningWorkspace` (not a Qt class of its own),
only to keep the workspace's modules small; its strings are in the workspace's context ("PlanningWorkspace")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from eligibility_desk.ui.common import unsaved_work


class PlanEditHistory:
    def _name_edit(self, action: QAction, edit: str) -> None:
        """The tooltip of 撤销 / 重做 names the edit it would undo / redo: 「撤销：移动 张三 到 第3考场 …」."""
        keys = action.property("keys")
        action.setToolTip(f"{action.text()}：{edit} ({keys})" if edit else f"{action.text()} ({keys})")

    def _undo_text_changed(self, text: str) -> None:
        self._name_edit(self.act_undo, text)

    def _redo_text_changed(self, text: str) -> None:
        self._name_edit(self.act_redo, text)

    @property
    def undo_stack(self):
        """The hand edits of the plan on screen (a QUndoStack), or None when no plan is shown."""
        return self.view.model.undo_stack if self.view is not None else None

    def _follow_stack(self, stack) -> None:
        """撤销 / 重做 and the 「有未保存的调整」 mark follow ``stack`` (the new plan's); the window is told."""
        if stack is not None:
            stack.canUndoChanged.connect(self.act_undo.setEnabled)
            stack.canRedoChanged.connect(self.act_redo.setEnabled)
            stack.undoTextChanged.connect(self._undo_text_changed)    # methods, not lambdas: disconnected when
            stack.redoTextChanged.connect(self._redo_text_changed)    # the workspace goes before the stack
            stack.cleanChanged.connect(self._clean_changed)
        self.act_undo.setEnabled(stack is not None and stack.canUndo())
        self.act_redo.setEnabled(stack is not None and stack.canRedo())
        self._name_edit(self.act_undo, stack.undoText() if stack is not None else "")
        self._name_edit(self.act_redo, stack.redoText() if stack is not None else "")
        self.undo_stack_changed.emit(stack)

    @property
    def edited(self) -> bool:
        """The plan on screen has hand edits not stored as a version (its undo stack is not clean)."""
        return self.view is not None and self.view.model.is_modified()

    # --- unsaved hand edits -------------------------------------------------------------------------
    def unsaved_work(self) -> str:
        """What would be lost if another plan were put on screen: "" unless the stored plan shown has hand
        edits (a scenario file's plan cannot be stored, so its edits are not asked about)."""
        if not self.edited or self.shown is None:
            return ""
        return QCoreApplication.translate("PlanningWorkspace", "「编排」有未保存的手工调整（基于第 {n} 版）。").format(
            n=self.shown.stored.number)

    def save_unsaved_work(self) -> bool:
        """保存修改: store the edited plan as a new version; False if declined or refused (edits kept)."""
        self.save_edits()
        return not self.edited

    def _may_drop_edits(self) -> bool:
        return unsaved_work.may_proceed([self], self.ask_unsaved)

    def ask_unsaved(self, text: str) -> str:
        """保存 / 放弃 / 取消 before the hand edits would be lost; tests replace it."""
        return unsaved_work.ask_save_discard_cancel(self, text)
