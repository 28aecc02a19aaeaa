"""Nothing typed is lost: when a table's model refuses what was typed into a cell (a score out of range, a
bad format, a version another desk changed meanwhile), the cell opens again with exactly that text, so the
recorder corrects it instead of typing it anew.  Esc gives up as usual.

Shared by the score-entry grid and the 考评组评分 table.  A model needs a signal it emits when it refuses an
edit (``setData`` returning False after emitting it) and a ``last_refused_text`` attribute holding what was
typed — the editor itself may no longer hold it: a model that re-reads its rows on a conflict emits
``dataChanged``, and Qt then writes the stored value into every open editor in that range.

    reopener = RefusedCellReopener(view, model.entryRefused)
    reopener.submitted.connect(go_down)      # an edit was accepted with Enter
    new_model.refused.connect(reopener.note_refusal)     # a view that gets another model later
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QLineEdit


def edit_with_text(view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Open ``index``'s editor with ``text`` in it (not the stored value) and the cursor at its end."""
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.focusWidget()
    if isinstance(editor, QLineEdit):
        editor.setText(text)
        editor.deselect()
        editor.end(False)


class RefusedCellReopener(QObject):
    submitted = Signal()           # an editor closed with Enter and the model took its text

    def __init__(self, view: QAbstractItemView, refused=None):
        super().__init__(view)
        self.view = view
        self._refused = False
        if refused is not None:
            refused.connect(self.note_refusal)
        # connected after the view's own closeEditor slot, which has closed the editor when this runs
        view.itemDelegate().closeEditor.connect(self._editor_closed)

    def note_refusal(self, *_args) -> None:
        """The model refused the edit being committed: reopen the cell when its editor closes."""
        self._refused = True

    def _editor_closed(self, _editor, hint) -> None:
        refused, self._refused = self._refused, False
        if hint != QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            return
        if refused and self.view.currentIndex().isValid():
            edit_with_text(self.view, self.view.currentIndex(), getattr(self.view.model(), "last_refused_text", ""))
        elif not refused:
            self.submitted.emit()
