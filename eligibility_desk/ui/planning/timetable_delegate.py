"""Paints a timetable cell: the session's block — four lines of text on the colour of its worst problem,
with an icon, so the colour is never the only signal (the words say 「✗ 2 处违规」, 「监考人员 1/2 ✗」).

While a person is dragged over a block the view sets :attr:`drop_hint` and the block gets a green (the move
breaks nothing) or red (it would) frame.  A day off (holiday, weekend not made up) is a blue band on top of
the block and 「☾ 周末」 in its status line.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from eligibility_desk.ui.common import verdict_style
from eligibility_desk.ui.planning.timetable_model import BLOCK_ROLE

#: kind -> (fill, frame): the legend shows the same colours (timetable_legend.py)
KIND_COLOURS = {
    "capacity": ("#e9d5f5", "#7b1fa2"),   # over capacity: purple
    "staff": ("#ffd9b3", "#c75000"),      # staff short or an even panel: orange
    "hard": ("#f8c9c4", "#b3261e"),       # any other violation: red
    "soft": ("#fcefc7", "#a07800"),       # warnings only: yellow
    "ok": ("#e3f1e5", "#2e7d32"),         # nothing to say: green
}
#: the verdict icon drawn beside the status line (verdict_style paints it, no font glyph needed)
KIND_ICONS = {"capacity": "ineligible", "staff": "ineligible", "hard": "ineligible", "soft": "review", "ok": "eligible"}
DAY_OFF_COLOUR = "#3f6fb5"
PAD = 6
ICON = 14


@lru_cache(maxsize=None)
def _icon(verdict: str) -> QImage:
    return verdict_style.verdict_image(verdict, ICON)


class TimetableDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.drop_hint: tuple[int, int, bool] | None = None     # (row, column, the move is fine) while dragging

    def paint(self, painter, option, index) -> None:
        block = index.data(BLOCK_ROLE)
        painter.save()
        cell = option.rect.adjusted(2, 2, -2, -2)
        if block is None:
            painter.setPen(QPen(QColor("#d0d0d0"), 1, Qt.DashLine))
            painter.drawRoundedRect(cell, 4, 4)
            self._paint_hint(painter, cell, index)
            painter.restore()
            return
        fill, frame = KIND_COLOURS[block.kind]
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        painter.setBrush(QColor(fill))
        selected = bool(option.state & QStyle.State_Selected)
        painter.setPen(QPen(QColor("#1a56c4") if selected else QColor(frame), 3 if selected else 1))
        painter.drawRoundedRect(cell, 4, 4)
        if block.day_off:
            painter.fillRect(QRect(cell.left() + 1, cell.top() + 1, cell.width() - 1, 4), QColor(DAY_OFF_COLOUR))
        lines = index.model().block_lines(block)
        metrics = option.fontMetrics
        step = metrics.lineSpacing()
        x, y = cell.left() + PAD, cell.top() + PAD
        width = cell.width() - 2 * PAD
        bold = QFont(option.font)
        bold.setBold(True)
        colours = [QColor("#202020"), QColor("#202020"), QColor("#202020"), QColor(frame)]
        if block.capacity is not None and block.seated > block.capacity:
            colours[1] = QColor(KIND_COLOURS["capacity"][1])
        if not block.staff_ok:
            colours[2] = QColor(KIND_COLOURS["staff"][1])
        for i, text in enumerate(lines):
            painter.setFont(bold if i == 0 else option.font)
            painter.setPen(colours[i])
            left = x
            if i == len(lines) - 1:
                icon = _icon(KIND_ICONS[block.kind])
                painter.drawImage(x, y + (step - ICON) // 2, icon)
                left = x + ICON + 4
            shown = metrics.elidedText(text, Qt.ElideRight, width - (left - x)) if i else \
                painter.fontMetrics().elidedText(text, Qt.ElideRight, width)
            painter.drawText(QRect(left, y, width - (left - x), step), Qt.AlignLeft | Qt.AlignVCenter, shown)
            y += step
        self._paint_hint(painter, cell, index)
        painter.restore()

    def _paint_hint(self, painter, cell, index) -> None:
        hint = self.drop_hint
        if hint is None or (hint[0], hint[1]) != (index.row(), index.column()):
            return
        painter.setBrush(Qt.NoBrush)
        painter.setPen(QPen(QColor("#2e7d32" if hint[2] else "#c62828"), 4, Qt.SolidLine if hint[2] else Qt.DashLine))
        painter.drawRoundedRect(cell.adjusted(1, 1, -1, -1), 4, 4)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        """Wide enough for the longest line (the title in bold), tall enough for four lines."""
        block = index.data(BLOCK_ROLE)
        metrics = option.fontMetrics
        lines = index.model().block_lines(block) if block is not None else [""]
        bold = QFont(option.font)
        bold.setBold(True)
        widths = [QFontMetrics(bold).horizontalAdvance(lines[0])]
        widths += [metrics.horizontalAdvance(t) for t in lines[1:-1]]
        widths += [metrics.horizontalAdvance(lines[-1]) + ICON + 4] if len(lines) > 1 else []
        return QSize(max(widths) + 2 * PAD + 6, 4 * metrics.lineSpacing() + 2 * PAD + 6)
