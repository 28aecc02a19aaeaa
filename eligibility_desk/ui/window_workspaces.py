"""The window's workspace tabs: plugging each workspace in place of its placeholder, the toolbar that follows
the tab shown, and one 撤销 / 重做 (the window's QUndoGroup) over the stack of the tab shown.

A mixin of :class:`~eligibility_desk.ui.main_window.MainWindow` (not a Qt class of its own), only to keep the
window's modules small; its strings are in the window's translation context ("MainWindow")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

#: workspace keys in tab order; each is filled by set_workspace() when the window is built
WORKSPACES = ("screening", "planning", "printing", "scores")


class WorkspaceTabs:
    def _placeholder(self, title: str) -> QWidget:
        text = QCoreApplication.translate("MainWindow", "「{title}」工作区将在这里显示。")
        label = QLabel(text.format(title=title), self)
        label.setAlignment(Qt.AlignCenter)
        label.setStyleSheet("color:#757575")
        return label

    def set_workspace(self, key: str, widget: QWidget) -> None:
        """Plug a workspace widget in (planner view, printing, score entry) in place of its placeholder."""
        i, shown = WORKSPACES.index(key), self.workspaces.currentIndex()
        title = self.workspaces.tabText(i)
        old = self.workspaces.widget(i)
        self.workspaces.removeTab(i)
        self.workspaces.insertTab(i, widget, title)
        self.workspaces.setCurrentIndex(shown)        # the same tab stays shown
        old.deleteLater()
        if hasattr(widget, "undo_stack"):             # a workspace with edits to undo (the form, the plan)
            self.register_undo_stack(widget, widget.undo_stack)
        if hasattr(widget, "undo_stack_changed"):     # … that puts other edits on screen (another plan)
            widget.undo_stack_changed.connect(lambda stack: self.register_undo_stack(widget, stack))

    def register_undo_stack(self, page: QWidget, stack) -> None:
        """``stack`` (a QUndoStack, or None) holds the edits of workspace ``page``: the window's 撤销 / 重做 act
        on it while ``page`` is the tab shown.  A workspace calls this again when it shows other work."""
        old = self._undo_stacks.get(page)
        if old is not None and old is not stack:
            self.undo_group.removeStack(old)
        self._undo_stacks[page] = stack
        if stack is not None:
            self.undo_group.addStack(stack)
        self._activate_undo_stack()

    def _activate_undo_stack(self) -> None:
        self.undo_group.setActiveStack(self._undo_stacks.get(self.workspaces.currentWidget()))

    def _show_workspace_toolbar(self) -> None:
        shown = WORKSPACES[self.workspaces.currentIndex()] if self.workspaces.currentIndex() >= 0 else ""
        for key, bar in self.workspace_toolbars.items():
            bar.setVisible(key == shown)

    def show_detail(self, index: int) -> None:
        """Show 审核 and in it 审核结论, 考生资料 or 复核队列 (``DETAIL_*``)."""
        self.workspaces.setCurrentIndex(WORKSPACES.index("screening"))
        self.screening.show_detail(index)

    def focus_search(self) -> None:
        self.workspaces.setCurrentIndex(WORKSPACES.index("screening"))
        self.screening.focus_search()
