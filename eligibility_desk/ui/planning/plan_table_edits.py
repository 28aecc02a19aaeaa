"""Drag and drop in :class:`~eligibility_desk.ui.planning.plan_table_model.PlanTableModel`, and the edits it makes:
a drag (or the timetable's drop, :meth:`move_members`) moves people between sessions as one command on the
model's ``undo_stack``; undo and redo put the touched sessions back exactly (:meth:`restore_sessions`) and
re-check.  After an edit of many sessions, or many undo / redo steps at once, the whole plan is checked again.

A mixin of the model (not a Qt class of its own), only to keep the model's modules small by concern; the edit's
name (「移动 张三 到 …」) is worded by the model.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, QTimer

from eligibility_desk.planning import edits
from eligibility_desk.ui.common.snapshot_command import SnapshotCommand

MIME_TYPE = "application/x-eligibility-desk-plan-member"
#: an edit, undo or redo touching more sessions than this, or this many undo / redo steps at once (the 编辑
#: menu's history, Ctrl+Z held down), is followed by a full check — when in doubt, everything is checked again
FULL_CHECK_SESSIONS = 200
FULL_CHECK_STEPS = 20


class PlanTableEdits:
    def flags(self, index):
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemIsDropEnabled
        return base | Qt.ItemIsDragEnabled | Qt.ItemIsDropEnabled

    def supportedDropActions(self):  # noqa: N802
        return Qt.MoveAction

    def supportedDragActions(self):  # noqa: N802
        return Qt.MoveAction

    def mimeTypes(self):  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes):  # noqa: N802
        members = []
        for index in indexes:
            session, kind, person, _seat = self._rows[self._visible[index.row()]]
            item = {"kind": kind, "id": person, "session": session.id}
            if item not in members:
                members.append(item)
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(json.dumps(members).encode("utf-8")))
        return mime

    def canDropMimeData(self, data, action, row, column, parent):  # noqa: N802
        return data.hasFormat(MIME_TYPE) and self._target_session(row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent):  # noqa: N802
        """Move the dragged people into the session of the row dropped on; re-check; True if anything moved."""
        if action == Qt.IgnoreAction:
            return True
        target = self._target_session(row, parent)
        if target is None or not data.hasFormat(MIME_TYPE):
            return False
        members = json.loads(bytes(data.data(MIME_TYPE)).decode("utf-8"))
        return self.move_members(members, target)

    def move_members(self, members: list[dict], target: str) -> bool:
        """Move the people into session ``target`` as one undoable edit; True if anyone moved."""
        touched = {m.get("session") for m in members} | {target}
        before = edits.session_states(self.plan, touched)
        moved = edits.move_members(self.plan, members, target)
        if not moved:
            return False
        after = edits.session_states(self.plan, touched)
        self._pushing = True                   # a new edit, not a step through the history
        try:
            self.undo_stack.push(SnapshotCommand(self.restore_sessions, before, after, self.edit_text(moved, target)))
        finally:
            self._pushing = False
        return True

    def restore_sessions(self, states: dict) -> None:
        """Put sessions back as :func:`planning.edits.session_states` saw them and re-check (undo / redo)."""
        self.beginResetModel()
        try:
            edits.restore_sessions(self.plan, states)
            self._build_rows(set(states))
            self._recheck(set(states))
        finally:
            self.endResetModel()
        self.last_touched = set(states)       # the timetable redraws only what this edit can have changed
        self._emit_counts()
        self.last_touched = None
        if not self._pushing:
            self._steps += 1
            if self._steps == 1:
                QTimer.singleShot(0, self, self._steps_done)   # (not after the model is gone)
        if len(states) > FULL_CHECK_SESSIONS:
            self.recheck_all()

    def _target_session(self, row: int, parent: QModelIndex) -> str | None:
        if parent.isValid():
            r = parent.row()
        elif 0 <= row < len(self._visible):
            r = row
        else:
            return None
        return self._rows[self._visible[r]][0].id

    def _steps_done(self) -> None:
        """Many undo / redo steps at once (the history jumped): check everything again, when in doubt."""
        steps, self._steps = self._steps, 0
        if steps >= FULL_CHECK_STEPS:
            self.recheck_all()

