"""A list of the people of one session (its staff, or its seats) that can be dragged onto a timetable block.

Each item carries ``{"kind": "candidate"|"staff", "id", "session"}`` in ``Qt.UserRole`` — the member the
planner's edit path (:func:`eligibility_desk.planning.edits.move_members`) moves; a drag carries the selected
items in the list view's MIME type, so a block and the list table accept the same drag.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QAbstractItemView, QListWidget

from eligibility_desk.ui.planning.plan_table_edits import MIME_TYPE


class TimetableMemberList(QListWidget):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.ElideRight)            # a long institution ends in …; the tooltip has it all
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

    def mimeTypes(self):  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, items):  # noqa: N802
        mime = QMimeData()
        members = [item.data(Qt.UserRole) for item in items if item.data(Qt.UserRole)]
        mime.setData(MIME_TYPE, QByteArray(json.dumps(members).encode("utf-8")))
        return mime

    def startDrag(self, _actions) -> None:  # noqa: N802
        """Start the drag without Qt's 'remove the items after a move': the plan's model decides what moved and
        the panel is refilled from the plan after the drop."""
        items = self.selectedItems()
        if items:
            drag = QDrag(self)
            drag.setMimeData(self.mimeData(items))
            drag.exec(Qt.MoveAction)

    def selected_members(self) -> list[dict]:
        return [item.data(Qt.UserRole) for item in self.selectedItems() if item.data(Qt.UserRole)]
