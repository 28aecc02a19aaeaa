"""A score histogram painted with QPainter (QtCharts is not part of PySide6-Essentials).

Bars below the pass mark are red, bars at or above it green; a dashed line marks the pass mark; the
caption gives candidates, absent, pass rate, mean and median.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from eligibility_desk.scoring import GroupStatistics

_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)


class ScoreHistogram(QWidget):
    PASS_COLOUR = QColor("#3a8f5c")
    FAIL_COLOUR = QColor("#c0504d")
    AXIS_COLOUR = QColor("#606060")

    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self._stats: GroupStatistics | None = None
        self._pass_mark: Decimal | None = None
        self._title = ""
        self._lang = lang
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def set_statistics(self, stats: GroupStatistics | None, pass_mark: Decimal | None, title: str = "") -> None:
        self._stats, self._pass_mark, self._title = stats, pass_mark, title
        self.update()

    def statistics(self) -> GroupStatistics | None:
        return self._stats

    def caption(self) -> str:
        s = self._stats
        en = self._lang.startswith("en")
        if s is None:
            return "No scores" if en else "暂无成绩"
        rate = f"{s.pass_rate:.1%}" if s.pass_rate is not None else "—"
        mean = s.mean if s.mean is not None else "—"
        median = s.median if s.median is not None else "—"
        if en:
            return f"{s.candidates} candidates · absent {s.absent} · pass rate {rate} · mean {mean} · median {median}"
        return f"{s.candidates} 人 · 缺考 {s.absent} · 合格率 {rate} · 平均 {mean} · 中位数 {median}"

    def text_layout(self) -> list[tuple[QRectF, str, QFont]]:
        """Where the title and the caption go: each wraps at spaces to the widget's width, whole (on one line
        the English caption's median was cut off in the 440 px statistics pane)."""
        bold = QFont(self.font())
        bold.setBold(True)
        blocks, top, room = [], 6, max(1, self.width() - 16)
        for text, font, gap in ((self._title, bold, 2), (self.caption(), self.font(), 8)):
            if not text:
                continue
            shown = QFontMetrics(font).boundingRect(QRect(0, 0, room, 10_000), _WRAP, text)
            blocks.append((QRectF(8, top, room, shown.height()), text, font))
            top += shown.height() + gap
        return blocks

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = painter.fontMetrics()
        line = metrics.height()
        width, height = self.width(), self.height()
        painter.setPen(self.palette().text().color())
        top = 6 + line + 8
        for rect, text, font in self.text_layout():
            painter.setFont(font)
            painter.drawText(rect, _WRAP, text)
            top = int(rect.bottom()) + 8
        painter.setFont(self.font())
        s = self._stats
        if s is None or not s.histogram:
            painter.end()
            return
        left, right, bottom = 10, 10, height - line - 8
        plot = QRectF(left, top + 2 * line, width - left - right, max(10, bottom - top - 2 * line))   # headroom: counts, pass-mark label
        bins = s.histogram
        peak = max(bins) or 1
        bar_w = plot.width() / len(bins)
        for i, (count, edge) in enumerate(zip(bins, s.bin_edges)):
            x = plot.left() + i * bar_w
            h = plot.height() * count / peak
            colour = self.PASS_COLOUR if self._pass_mark is None or edge >= self._pass_mark else self.FAIL_COLOUR
            painter.fillRect(QRectF(x + 2, plot.bottom() - h, bar_w - 4, h), colour)
            painter.setPen(self.palette().text().color())
            if count:
                painter.drawText(QRectF(x, plot.bottom() - h - line, bar_w, line), Qt.AlignmentFlag.AlignCenter, str(count))
            painter.setPen(self.AXIS_COLOUR)
            painter.drawText(QRectF(x, plot.bottom() + 2, bar_w, line), Qt.AlignmentFlag.AlignCenter, f"{edge:g}")
        painter.setPen(QPen(self.AXIS_COLOUR, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if self._pass_mark is not None and s.bin_edges:
            low = s.bin_edges[0]
            span = (s.bin_edges[-1] - low) + (s.bin_edges[1] - s.bin_edges[0] if len(s.bin_edges) > 1 else 1)
            x = plot.left() + float((self._pass_mark - low) / span) * plot.width()
            pen = QPen(self.AXIS_COLOUR, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(x, plot.top() - 2 * line, x, plot.bottom())
            label = f"合格线 {self._pass_mark:g}" if not self._lang.startswith("en") else f"pass mark {self._pass_mark:g}"
            painter.drawText(QRectF(x + 4, plot.top() - 2 * line, 160, line), Qt.AlignmentFlag.AlignLeft, label)
        painter.end()
