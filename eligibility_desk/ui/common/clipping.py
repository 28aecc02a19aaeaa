"""Finding text the window cuts off: table headers and visible cells narrower than their text, combo boxes
and one-line labels narrower than what they show.

Used by tests (every workspace at 1280×800 and 1600×1000 shows no cut header or cell) and by
docs/screenshots/make_workspace_screenshots.py.  A column whose header stretches, or one the view names in its
``elideColumns`` property, is a long-text column: it elides with "…" by design (its tooltip shows the whole
text) and is not reported; everything else must fit — on one line, or wrapped within its row when the view
wraps words.  A table that scrolls sideways is reported too, unless it says its columns run on
(``scrollsSideways``: the timetable, one column per slot).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableView, QWidget

from eligibility_desk.ui.common.column_fitter import cell_margin


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _table(view: QTableView, name: str) -> list[str]:
    """Qt's own size hints decide (the delegate's for a cell, the header's for a title), so the check measures
    exactly what the view would need to show the text whole."""
    found: list[str] = []
    model, header = view.model(), view.horizontalHeader()
    if model is None or not header.isVisible():
        return found
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
            header.stretchLastSection() and column == header.logicalIndex(header.count() - 1)) or (
            column in (view.property("elideColumns") or ()))
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(title, str) and title and header.sectionSizeHint(column) > size + 1:
            found.append(f"{name}: header 「{title}」 ({size}px < {header.sectionSizeHint(column)}px)")
        if elides:
            continue
        for row in range(first, min(last, first + 60) + 1):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and text and view.sizeHintForIndex(index).width() > size + 1 and not (
                    view.wordWrap() and _wraps_whole(view, text, size, view.rowHeight(row))):
                found.append(f"{name}: row {row + 1} column 「{title}」: 「{text}」 ({size}px)")
                break
    return found


def _wraps_whole(view: QTableView, text: str, width: int, height: int) -> bool:
    """Whether ``text`` wrapped at spaces in a cell ``width`` × ``height`` shows whole: no word wider than the
    cell, every line within its height."""
    room = width - cell_margin(view)
    shown = view.fontMetrics().boundingRect(QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), text)
    return shown.width() <= room and shown.height() <= height


def _scrolls_sideways(view: QTableView, name: str) -> list[str]:
    """A table that scrolls sideways hides columns (the check above sees only the shown ones); a view whose
    columns are meant to run on (the timetable's slots) says so with its ``scrollsSideways`` property."""
    if view.horizontalScrollBar().maximum() > 0 and not view.property("scrollsSideways"):
        return [f"{name}: scrolls sideways"]
    return []


def clipped_texts(root: QWidget) -> list[str]:
    """Where visible text under ``root`` is cut: one line per place (empty when everything fits)."""
    found: list[str] = []
    views = ([root] if isinstance(root, QTableView) else []) + root.findChildren(QTableView)
    for view in views:
        if _shown(view) and view.window().isVisible():
            name = view.objectName() or type(view.model()).__name__
            found.extend(_table(view, name) + _scrolls_sideways(view, name))
    for combo in root.findChildren(QComboBox):
        if _shown(combo) and combo.currentText():
            room = combo.width() - 24          # the arrow and the frame
            if combo.fontMetrics().horizontalAdvance(combo.currentText()) > room:
                found.append(f"{combo.objectName() or 'combo'}: 「{combo.currentText()}」 ({combo.width()}px)")
    for label in root.findChildren(QLabel):
        if _shown(label) and not label.wordWrap() and label.text() and "<" not in label.text():
            line = max(label.text().split("\n"), key=lambda s: label.fontMetrics().horizontalAdvance(s))
            if label.fontMetrics().horizontalAdvance(line) > label.contentsRect().width() + 1:
                found.append(f"label {label.objectName()}: 「{line[:40]}」 ({label.width()}px)")
    return found


__all__ = ["clipped_texts"]
