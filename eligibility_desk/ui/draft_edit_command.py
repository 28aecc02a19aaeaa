"""One undoable edit of the applicant being edited: the draft before and after."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class DraftEditCommand(QUndoCommand):
    """Snapshots are small dicts (one applicant), so storing both sides is simpler than inverse operations."""

    def __init__(self, draft, before: dict, after: dict, text: str):
        super().__init__(text)
        self._draft = draft
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._draft.restore(self._after)

    def undo(self) -> None:
        self._draft.restore(self._before)
