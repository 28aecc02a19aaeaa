"""One undoable edit kept as the state before and after it: redo puts ``after`` back, undo ``before``.

Used where the edited state is small or the touched part can be copied cheaply — the applicant being edited
(a dict of one person), a hand edit of the plan (the few sessions a drag touched,
:func:`eligibility_desk.planning.edits.session_states`).  Restoring a copy is exact where an inverse
operation would not be (a moved candidate takes the next seat at the end of the target session).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class SnapshotCommand(QUndoCommand):
    def __init__(self, restore: Callable[[object], None], before, after, text: str):
        super().__init__(text)
        self._restore = restore
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._restore(self._after)

    def undo(self) -> None:
        self._restore(self._before)
