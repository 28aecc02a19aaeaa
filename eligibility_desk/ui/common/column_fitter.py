"""Columns sized by their content to the width a table has, wrapping long text rather than scrolling sideways.

A small table in a narrow pane (the 成绩 sheet list, its statistics) shows every column on one line when the
pane is wide enough; the free width then goes to the widest text column (``wrap`` columns, the first of them),
so no short column is stretched.  When one line is too wide — English words are longer than Chinese ones — the
``wrap`` columns narrow down to their longest word and their cells wrap onto more lines (the rows grow to fit);
the other columns keep their one-line width.  Only when even that does not fit does the table scroll sideways.

The fit follows the view's width and the model's rows (reset, rows changed, header texts).  Cells wrap at
spaces and between Chinese characters; a text that must stay together (a date with its time) uses a no-break
space.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView


#: where a line may break: at spaces, and between Chinese characters (as Qt's line breaking does)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_WORDS = re.compile(f"[{_CJK}][\u3000-\u303f\uff0c\uff1a\uff1b\uff09]*|[^ {_CJK}]+")


def cell_margin(view: QTableView) -> int:
    """The width a cell adds around its text (the delegate's margins and the grid line)."""
    frame = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * frame + (1 if view.showGrid() else 0)


def one_line_width(view: QTableView, column: int) -> int:
    """The width ``column`` shows its title and every cell whole in, each on one line."""
    return max(view.horizontalHeader().sectionSizeHint(column), view.sizeHintForColumn(column))


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted (see the module's text); ``wrap``: the columns that may wrap."""

    def __init__(self, view: QTableView, wrap: tuple[int, ...]):
        super().__init__(view)
        self.view, self.wrap = view, tuple(wrap)
        view.setWordWrap(True)
        view.setHorizontalScrollMode(QTableView.ScrollPerPixel)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged, model.rowsInserted,
                       model.rowsRemoved, model.headerDataChanged):
            signal.connect(lambda *_: self._later.start())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._later.start()
        return False

    def one_line_widths(self) -> list[int]:
        view = self.view
        return [one_line_width(view, c) for c in range(view.horizontalHeader().count())]

    def word_width(self, column: int) -> int:
        """The narrowest width the column's cells and title are whole in, wrapped where lines may break."""
        view, model = self.view, self.view.model()
        metrics = view.fontMetrics()
        widest = 0
        for row in range(model.rowCount()):
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if text is not None:
                widest = max([widest] + [metrics.horizontalAdvance(word) for word in _WORDS.findall(str(text))])
        return max(view.horizontalHeader().sectionSizeHint(column), widest + cell_margin(view) + 2)

    def fit(self) -> None:
        view = self.view
        if view.model() is None or view.horizontalHeader().count() == 0:
            return
        room = view.viewport().width()
        self._fit(room)
        view.updateGeometries()        # the scroll bars now, not at the view's next layout pass
        if view.viewport().width() != room:       # rows grew or shrank: the vertical scroll bar came or went
            self._fit(view.viewport().width())
            view.updateGeometries()

    def _fit(self, room: int) -> None:
        view, header = self.view, self.view.horizontalHeader()
        widths = self.one_line_widths()
        wrap = [c for c in self.wrap if c < len(widths)]
        for column in wrap:     # text is laid out in fractions of a pixel: at the rounded width it may wrap
            widths[column] += 2
        if sum(widths) > room:
            fixed = sum(w for c, w in enumerate(widths) if c not in wrap)
            least = {c: min(widths[c], self.word_width(c)) for c in wrap}
            spare = max(0, room - fixed - sum(least.values()))
            waiting = sorted(wrap, key=lambda c: widths[c] - least[c])
            while waiting and widths[waiting[0]] - least[waiting[0]] <= spare:   # the shortest kept on one line
                column = waiting.pop(0)
                spare -= widths[column] - least[column]
            for n, column in enumerate(waiting):      # the others share what is left
                give = spare // (len(waiting) - n)
                widths[column], spare = least[column] + give, spare - give
        elif wrap:
            widths[wrap[0]] += room - sum(widths)
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        rows = view.verticalHeader()
        for row in range(view.model().rowCount()):     # a wrapped row grows; none is lower than usual
            height = max(rows.defaultSectionSize(), view.sizeHintForRow(row))
            if rows.sectionSize(row) != height:
                rows.resizeSection(row, height)


__all__ = ["ColumnFitter", "cell_margin", "one_line_width"]
