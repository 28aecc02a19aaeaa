"""One stored edit of a 考务资源 cell as an undo step: 撤销 stores the row's cells as they were, 重做 stores the
edit again — each through the same check and versioned save as a typed cell, so undoing a change someone
else has meanwhile overwritten is refused with the usual conflict message instead of overwriting theirs (the
step is then dropped from the history)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class ResourceEditCommand(QUndoCommand):
    def __init__(self, model, code: str, before: list[str], after: list[str], text: str):
        super().__init__(text)
        self.model, self.code = model, code
        self.before, self.after = list(before), list(after)
        self._done = True            # pushed after the edit was stored: the first redo() does nothing

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.before, self.after)

    def undo(self) -> None:
        self._apply(self.after, self.before)

    def _apply(self, expected: list[str], cells: list[str]) -> None:
        """Store ``cells`` if the row still reads ``expected``; else (changed since, gone, or refused — the
        reason is shown) the step is dropped: there is nothing left to walk back to."""
        row = self.model.row_of(self.code)
        if row < 0 or self.model.lines[row].cells != expected or not self.model.store(row, cells, record=False):
            self.setObsolete(True)
