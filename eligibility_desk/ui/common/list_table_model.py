"""The base of the flat tables: one row per item of a Python list, one column per horizontal header."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class ListTableModel(QAbstractTableModel):
    """A table over the list :meth:`shown_items` returns, under the header texts ``self._headers`` (set in
    the subclass's ``__init__`` with its own ``self.tr``).  Subclasses add ``data`` and whatever else they
    serve; rows and columns have no children."""

    _headers: tuple[str, ...] = ()

    def shown_items(self) -> Sequence:
        """The items shown, one per row, in order."""
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.shown_items())

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        # the title as its tooltip too: a narrow column elides its title (ui/common/width_share.py)
        if role in (Qt.DisplayRole, Qt.ToolTipRole) and orientation == Qt.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
