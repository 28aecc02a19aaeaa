"""Finding text the window cuts off: table headers and visible cells narrower than their text, combo boxes
and one-line labels narrower than what they show.

Used by tests (every workspace at 1280×800 and 1600×1000 shows no cut header or cell) and by
docs/screenshots/make_workspace_screenshots.py.  A column whose header stretches is the table's long-text
column: it elides with "…" by design and is not reported; everything else must fit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView, QWidget

#: room the style needs around a cell's or header's text (margins, the sort arrow on a header)
CELL_MARGIN = 4
HEADER_MARGIN = 6


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _table(view: QTableView, name: str) -> list[str]:
    found: list[str] = []
    model, header = view.model(), view.horizontalHeader()
    if model is None:
        return found
    metrics_header = header.fontMetrics()
    metrics = view.fontMetrics()
    left, right = header.visualIndexAt(0), header.visualIndexAt(view.viewport().width() - 1)
    columns = [header.logicalIndex(v) for v in range(max(left, 0), (right if right >= 0 else header.count() - 1) + 1)]
    first = max(view.rowAt(0), 0)
    last = view.rowAt(view.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    for column in columns:
        if header.isSectionHidden(column):
            continue
        size = header.sectionSize(column)
        elides = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch or (
            header.stretchLastSection() and column == header.logicalIndex(header.count() - 1))
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(title, str) and title and metrics_header.horizontalAdvance(title) + HEADER_MARGIN > size:
            found.append(f"{name}: header 「{title}」 ({size}px)")
        if elides or view.wordWrap() and view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents:
            continue
        for row in range(first, min(last, first + 60) + 1):
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                continue
            icon = 20 if model.index(row, column).data(Qt.ItemDataRole.DecorationRole) is not None else 0
            if metrics.horizontalAdvance(text.split("\n")[0]) + CELL_MARGIN + icon > size:
                found.append(f"{name}: row {row + 1} column 「{title}」: 「{text}」 ({size}px)")
                break
    return found


def clipped_texts(root: QWidget) -> list[str]:
    """Where visible text under ``root`` is cut: one line per place (empty when everything fits)."""
    found: list[str] = []
    for view in root.findChildren(QTableView):
        if _shown(view) and view.window().isVisible():
            found.extend(_table(view, view.objectName() or type(view.model()).__name__))
    for combo in root.findChildren(QComboBox):
        if _shown(combo) and combo.currentText():
            room = combo.width() - 32          # the arrow and the frame
            if combo.fontMetrics().horizontalAdvance(combo.currentText()) > room:
                found.append(f"{combo.objectName() or 'combo'}: 「{combo.currentText()}」 ({combo.width()}px)")
    for label in root.findChildren(QLabel):
        if _shown(label) and not label.wordWrap() and label.text() and "<" not in label.text():
            line = max(label.text().split("\n"), key=lambda s: label.fontMetrics().horizontalAdvance(s))
            if label.fontMetrics().horizontalAdvance(line) > label.contentsRect().width() + 1:
                found.append(f"label {label.objectName()}: 「{line[:40]}」 ({label.width()}px)")
    return found


__all__ = ["clipped_texts", "QAbstractItemView"]
