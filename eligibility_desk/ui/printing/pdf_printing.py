"""打印…: a generated PDF onto a ``QPrinter`` — the pages PDFium rasterises, painted at the printer's resolution.

:func:`print_pdf` is the long work (a module-level function taking ``progress`` and ``cancelled``, run on a
worker thread by the preview's :class:`~eligibility_desk.ui.common.task_runner.TaskRunner`).  Qt supports
painting on a ``QPrinter`` from a thread other than the GUI thread ("QPainter can be used in a thread to paint
onto QImage, QPrinter, and QPicture paint devices", Qt's *Thread-Support in Qt Modules*); the GUI thread does
not touch the printer while the run lasts.

Each page is rendered at the printer's resolution (at most :data:`MAX_PRINT_DPI`), in shades of grey when the
dialog's colour mode is 灰度 (a mono printer's default), in horizontal bands of at most :data:`BAND_BYTES`, and
each band is painted straight onto the page.  The page is centred on the paper and scaled to fit it (an A4
document on A4 paper: 1:1); a landscape page on portrait paper is turned.  Copies: the printer driver makes them when it can
(``supportsMultipleCopies``); otherwise — e.g. printing into a PDF file — the pages are sent that many times,
collated or not as the dialog said.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from eligibility_desk.services.printing.pdf_pages import PdfPages, Raster

#: 300 dpi, the usual resolution for office printing of text and photos; 600 dpi quadruples the pixels and took ~2 s a
#: page instead of ~0.5 s (mostly Qt compressing the image into the print stream; docs/benchmarks.md)
MAX_PRINT_DPI = 300
#: the largest band of a page held in memory while printing (BGRx)
BAND_BYTES = 16 * 1024 * 1024


class PrintCancelled(Exception):
    """The print run was cancelled; the printer was told to abort."""


class PrinterNotReady(RuntimeError):
    """``QPainter.begin`` refused the printer (no such printer, an output file that cannot be written…)."""


def raster_image(raster: Raster) -> QImage:
    """A QImage over the raster's pixels (BGRx = ``Format_RGB32``, grey = ``Format_Grayscale8``); it shares
    them: use it before ``raster.close()`` or ``copy()`` it."""
    form = QImage.Format_Grayscale8 if raster.grey else QImage.Format_RGB32
    return QImage(raster.data, raster.width, raster.height, raster.stride, form)


def chosen_pages(printer: QPrinter, count: int, current: int = 0) -> list[int]:
    """The page indexes (from 0) the print dialog asked for: all, a range such as ``1-3,7``, or the page on
    screen (``current``); in the order the dialog asked (``LastPageFirst`` reverses them)."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        pages = [min(max(current, 0), count - 1)] if count else []
    elif mode == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            pages = [i for i in range(count) if ranges.contains(i + 1)]
        else:
            first, last = printer.fromPage() or 1, printer.toPage() or count
            pages = list(range(max(first, 1) - 1, min(last, count)))
    else:
        pages = list(range(count))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def print_sequence(printer: QPrinter, pages: Sequence[int]) -> list[int]:
    """The pages in the order they go to the printer, with the copies the driver cannot make itself."""
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if copies == 1:
        return list(pages)
    if printer.collateCopies():
        return [page for _ in range(copies) for page in pages]
    return [page for page in pages for _ in range(copies)]


def print_pdf(pdf: PdfPages, printer: QPrinter, pages: Sequence[int], progress: Callable[[int, int], None],
              cancelled: Callable[[], bool]) -> int:
    """Paint ``pages`` (indexes from 0) of ``pdf`` onto ``printer``; returns the number of sheets sent.
    Raises :class:`PrintCancelled` (after aborting the job) or :class:`PrinterNotReady`."""
    sequence = print_sequence(printer, pages)
    printer.setFullPage(True)       # the documents carry their own margins: place the page on the whole paper
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    grey = printer.colorMode() == QPrinter.ColorMode.GrayScale     # a mono printer: a quarter of the data
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterNotReady(printer.printerName() or printer.outputFileName())
    try:
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        progress(0, len(sequence))
        for done, index in enumerate(sequence):
            if done:
                printer.newPage()
            _paint_page(painter, pdf, index, dpi, paper, cancelled, grey)
            progress(done + 1, len(sequence))
    except PrintCancelled:
        printer.abort()
        raise
    finally:
        painter.end()
    return len(sequence)


def _paint_page(painter: QPainter, pdf: PdfPages, index: int, dpi: float, paper: QRectF, cancelled,
                grey: bool) -> None:
    width, height = pdf.page_size(index)
    rotation = 90 if (width > height) != (paper.width() > paper.height()) else 0
    if rotation:
        width, height = height, width
    fit = min(paper.width() / width, paper.height() / height)      # device pixels per point
    target = QRectF(0, 0, width * fit, height * fit)
    target.moveCenter(QRectF(0, 0, paper.width(), paper.height()).center())
    pixels_wide, pixels_high = pdf.pixel_size(index, dpi, rotation)
    band = max(16, BAND_BYTES // ((1 if grey else 4) * pixels_wide))
    per_row = target.height() / pixels_high
    for top in range(0, pixels_high, band):
        if cancelled():
            raise PrintCancelled()
        bottom = min(top + band, pixels_high)
        # whole device rows, computed from the band's edges, so neighbouring bands meet without a gap
        y0, y1 = round(target.top() + top * per_row), round(target.top() + bottom * per_row)
        with pdf.render(index, dpi, rotation, rows=(top, bottom), grey=grey) as raster:
            painter.drawImage(QRect(round(target.left()), y0, round(target.width()), max(y1 - y0, 1)),
                              raster_image(raster))
