"""The pages of a PDF one under the other, drawn lazily: only the pages on screen are rendered.

The canvas sits in a ``QScrollArea``; its height is the sum of the pages' heights at the zoom shown, so the
scroll bar is right from the start even for 1,000 pages.  A page that comes into view and is not in the cache
gets a grey placeholder with its number and a render request: a :class:`ServiceTask` on the canvas's own
one-thread pool (PDFium runs one call at a time anyway) turns it into a QImage off the GUI thread.  A request
whose page has scrolled out of view by the time its turn comes is skipped, so paging quickly through a long
document never queues up hundreds of renders.  Rendered pages are kept in a cache bounded by
:data:`CACHE_BYTES` (the least recently drawn go first).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict

from PySide6.QtCore import QRect, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from eligibility_desk.services.printing.pdf_pages import POINTS_PER_INCH, PdfPages
from eligibility_desk.ui.common.service_task import ServiceTask
from eligibility_desk.ui.printing.pdf_printing import raster_image

MARGIN = 16     # pixels around the pages and between them
CACHE_BYTES = 192 * 1024 * 1024


class PdfPageCanvas(QWidget):
    page_rendered = Signal(int)      # index of a page whose pixels just arrived

    def __init__(self, parent: QWidget | None = None, pool=None):
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
        self.pool = pool
        self.pdf: PdfPages | None = None
        self.zoom = 1.0                  # screen pixels per point
        self._generation = 0             # a new document or zoom: results of older requests are dropped
        self._tops: list[int] = []       # y of each page's top edge
        self._cache: OrderedDict[tuple[int, int], object] = OrderedDict()
        self._cache_bytes = 0
        self._stale: dict[int, object] = {}     # pages at the previous zoom, drawn scaled until re-rendered
        self._pending: set[int] = set()
        self._failed: set[int] = set()          # pages PDFium could not render: a note instead of a retry
        self._wanted: frozenset[int] = frozenset()    # pages on screen at the last paint (read by the workers)
        self._tasks: dict[object, ServiceTask] = {}
        self.setAttribute(Qt.WA_OpaquePaintEvent)

    # --- document and zoom -------------------------------------------------------------------------
    def set_pdf(self, pdf: PdfPages | None) -> None:
        self.pdf = pdf
        self._cache.clear()
        self._stale = {}
        self._relayout()

    def set_zoom(self, zoom: float) -> None:
        if abs(zoom - self.zoom) > 1e-6:
            self.zoom = zoom
            self._relayout()

    def _relayout(self) -> None:
        self._generation += 1
        self._pending.clear()
        self._failed = set()
        newest = {**self._stale, **{index: image for (index, _generation), image in self._cache.items()}}
        self._stale = {index: image for index, image in newest.items() if index in self._wanted}   # on screen
        self._cache.clear()
        self._cache_bytes = 0
        self._tops = []
        y = MARGIN
        width = 0
        for index in range(self.pdf.count if self.pdf else 0):
            w, h = self.page_pixels(index)
            self._tops.append(y)
            y += h + MARGIN
            width = max(width, w)
        self.setMinimumSize(width + 2 * MARGIN, y if self._tops else 0)
        self.updateGeometry()
        self.update()

    def page_pixels(self, index: int) -> tuple[int, int]:
        width, height = self.pdf.page_size(index)
        return max(1, round(width * self.zoom)), max(1, round(height * self.zoom))

    def page_rect(self, index: int) -> QRect:
        w, h = self.page_pixels(index)
        return QRect(max(MARGIN, (self.width() - w) // 2), self._tops[index], w, h)

    def page_top(self, index: int) -> int:
        return self._tops[index] - MARGIN // 2 if self._tops else 0

    def page_at(self, y: int) -> int:
        """The page shown at height ``y`` of the canvas (the one above it in the gap between two)."""
        if not self._tops:
            return 0
        return max(0, bisect.bisect_right(self._tops, y) - 1)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return self.minimumSize()

    # --- drawing -------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8a8a8a"))
        if not self._tops:
            return
        area = event.rect()
        first, last = self.page_at(area.top()), self.page_at(area.bottom())
        shown = self.visibleRegion().boundingRect()     # an update of one page still knows what is on screen
        self._wanted = frozenset(range(max(0, self.page_at(shown.top()) - 1),
                                       min(len(self._tops), self.page_at(shown.bottom()) + 2)))
        dpr = self.devicePixelRatioF()
        for index in range(first, last + 1):
            rect = self.page_rect(index)
            if not rect.intersects(area):
                continue
            painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 60))
            image = self._cache.get((index, self._generation))
            if image is not None:
                self._cache.move_to_end((index, self._generation))
                painter.drawImage(rect, image)
            elif index in self._stale and index not in self._failed:
                painter.drawImage(rect, self._stale[index])       # zoom changed: blurred for a moment
                self._request(index, self.zoom * dpr)
            else:
                painter.fillRect(rect, Qt.white)
                painter.setPen(QColor("#9e9e9e"))
                text = self.tr("第 {n} 页无法显示") if index in self._failed else self.tr("第 {n} 页")
                painter.drawText(rect, Qt.AlignCenter, text.format(n=index + 1))
                if index not in self._failed:
                    self._request(index, self.zoom * dpr)
            painter.setPen(QPen(QColor("#616161"), 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()

    # --- rendering off the GUI thread ---------------------------------------------------------------
    def _request(self, index: int, pixels_per_point: float) -> None:
        if index in self._pending:
            return
        self._pending.add(index)
        pdf, generation, dpi = self.pdf, self._generation, pixels_per_point * POINTS_PER_INCH
        ratio = pixels_per_point / self.zoom if self.zoom else 1.0     # the screen's device pixel ratio

        def render(progress, cancelled):
            if generation != self._generation or index not in self._wanted:
                return generation, index, None      # scrolled away (or a new document) before its turn
            try:
                with pdf.render(index, dpi) as raster:
                    image = raster_image(raster).copy()
            except Exception as exc:  # noqa: BLE001 — a damaged page shows as such, the others still render
                return generation, index, exc
            image.setDevicePixelRatio(ratio)
            return generation, index, image

        task = ServiceTask("render_page", render)
        task.signals.succeeded.connect(self._rendered)
        self._tasks[task.signals] = task
        self.pool.start(task)

    @Slot(object)
    def _rendered(self, result) -> None:
        self._tasks.pop(self.sender(), None)
        generation, index, image = result
        if generation != self._generation:
            return
        self._pending.discard(index)
        if isinstance(image, Exception):
            self._failed.add(index)
            self.update(self.page_rect(index))
            return
        if image is None:   # skipped while off screen: if it is back on screen, the repaint asks again
            self.update(self.page_rect(index))
            return
        self._cache[(index, generation)] = image
        self._stale.pop(index, None)
        self._cache_bytes += image.sizeInBytes()
        while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
            _key, old = self._cache.popitem(last=False)
            self._cache_bytes -= old.sizeInBytes()
        self.update(self.page_rect(index))
        self.page_rendered.emit(index)

    def is_rendered(self, index: int) -> bool:
        return (index, self._generation) in self._cache

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
