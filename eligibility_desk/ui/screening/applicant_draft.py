"""The applicant being edited: an interchange-shaped dict, its undo stack and its current field errors.

Every change goes through a :class:`~eligibility_desk.ui.common.snapshot_command.SnapshotCommand` on the
:class:`QUndoStack`, so Ctrl+Z / Ctrl+Shift+Z walk back and forth over every edit, including added and
removed records.  After each change the draft is validated (:mod:`.applicant_validation`) and ``changed``
is emitted; views read the errors by field path (``"work[0].end"``).
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.errors import FieldError
from eligibility_desk.ui.screening.applicant_validation import draft_of, empty_draft, validate_draft
from eligibility_desk.ui.screening.record_columns import empty_record
from eligibility_desk.ui.common.snapshot_command import SnapshotCommand

Path = tuple  # ("name",) or ("work", 0, "end")


def field_name(path: Path) -> str:
    if len(path) == 1:
        return path[0]
    return f"{path[0]}[{path[1]}]" + "".join(f".{p}" for p in path[2:])


class ApplicantDraft(QObject):
    changed = Signal()          # data or errors changed (after every edit, undo, redo, load)
    loaded = Signal()           # a different applicant was loaded

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.pk: int | None = None
        self.version: int | None = None
        self.data: dict = empty_draft()
        self._clean: dict = copy.deepcopy(self.data)   # as last loaded or saved: what 放弃 goes back to
        self.applicant: Applicant | None = None
        self.errors: dict[str, FieldError] = {}
        self._validate()

    # --- loading ---------------------------------------------------------------------------------
    def load(self, applicant: Applicant | None, pk: int | None = None, version: int | None = None) -> None:
        self.pk, self.version = pk, version
        self.data = draft_of(applicant) if applicant is not None else empty_draft()
        self._clean = copy.deepcopy(self.data)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._validate()
        self.loaded.emit()
        self.changed.emit()

    def mark_saved(self, pk: int, version: int) -> None:
        self.pk, self.version = pk, version
        self._clean = copy.deepcopy(self.data)
        self.undo_stack.setClean()
        self.changed.emit()

    def discard_changes(self) -> None:
        """Back to the applicant as last loaded or saved (放弃); the undo history of the dropped edits goes too."""
        if self.undo_stack.isClean():
            return
        self.data = copy.deepcopy(self._clean)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._validate()
        self.changed.emit()

    def is_modified(self) -> bool:
        """True when the form holds something other than the applicant as last loaded or saved.  The undo
        stack's clean index says the same while edits are only walked back and forth; comparing the content
        also covers an edit that restores the stored value by hand (typing the old name back)."""
        return not self.undo_stack.isClean() and self.data != self._clean

    # --- reading -----------------------------------------------------------------------------------
    def get(self, path: Path) -> Any:
        value: Any = self.data
        for part in path:
            value = value[part]
        return value

    def records(self, kind: str) -> list[dict]:
        return self.data[kind]

    def error_at(self, path: Path) -> FieldError | None:
        return self.errors.get(field_name(path))

    # --- editing (undoable) ------------------------------------------------------------------------
    def set(self, path: Path, value: Any, text: str = "") -> bool:
        if self.get(path) == value:
            return False
        after = copy.deepcopy(self.data)
        target = after
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        self._push(after, text or self.tr("修改 {field}").format(field=field_name(path)))
        return True

    def add_record(self, kind: str) -> int:
        after = copy.deepcopy(self.data)
        after[kind].append(empty_record(kind))
        self._push(after, self.tr("添加记录"))
        return len(self.data[kind]) - 1

    def remove_record(self, kind: str, row: int) -> None:
        if not 0 <= row < len(self.data[kind]):
            return
        after = copy.deepcopy(self.data)
        del after[kind][row]
        self._push(after, self.tr("删除记录"))

    def _push(self, after: dict, text: str) -> None:
        self.undo_stack.push(SnapshotCommand(self.restore, copy.deepcopy(self.data), after, text))

    def restore(self, snapshot: dict) -> None:
        """Called by the undo commands only."""
        self.data = copy.deepcopy(snapshot)
        self._validate()
        self.changed.emit()

    def _validate(self) -> None:
        self.applicant, errors = validate_draft(self.data)
        self.errors = {}
        for error in errors:
            self.errors.setdefault(error.field, error)
