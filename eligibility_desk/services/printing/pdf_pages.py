"""Pages of a generated PDF as pixels — what the 打印 preview shows and 打印… sends to a printer.  No Qt.

    with PdfPages.open("准考证.pdf") as pdf:
        pdf.count                     # 1000
        pdf.page_size(0)              # (595.3, 841.9) in points (1/72 inch)
        raster = pdf.render(0, dpi=96)                          # the whole page
        band = pdf.render(0, dpi=600, rows=(0, 1024))          # rows 0-1023 of the 600-dpi page

PDFium (through pypdfium2) does the rasterising.  PDFium is not thread-safe — no two of its calls may run at
once, not even on different documents — so every call here holds :data:`PDFIUM_LOCK`; the preview's worker
and a print run may then share the library safely.  A :class:`Raster` holds BGRx pixels (4 bytes a pixel, the
4th unused), which is Qt's ``QImage.Format_RGB32`` on little-endian machines.
"""

from __future__ import annotations

import atexit
import math
import threading
import weakref
from pathlib import Path

#: one PDFium call at a time, across every document of the process
PDFIUM_LOCK = threading.RLock()
POINTS_PER_INCH = 72.0
_OPEN: "weakref.WeakSet[PdfPages]" = weakref.WeakSet()




def _close_all() -> None:
    """Documents a window still shows at exit are closed quietly (pypdfium2 would warn about each).
    Registered after pypdfium2 is imported, so it runs before pypdfium2's own exit hook."""
    for pdf in list(_OPEN):
        pdf.close()


class Raster:
    """Pixels of a page (or a band of it), in memory PDFium allocated: read ``data`` (a buffer of
    ``stride * height`` bytes, BGRx or one grey byte a pixel if ``grey``) before :meth:`close`."""

    def __init__(self, bitmap, grey: bool):
        bitmap.warn_on_close = False    # closed only through close() below, after the last use of ``data``
        self._bitmap = bitmap
        self.width, self.height, self.stride, self.grey = bitmap.width, bitmap.height, bitmap.stride, grey
        self.data = bitmap.buffer

    def close(self) -> None:
        """Free the pixels now (under the lock) rather than whenever the garbage collector runs."""
        if self._bitmap is not None:
            with PDFIUM_LOCK:
                self._bitmap.close()
            self._bitmap = self.data = None

    def __enter__(self) -> "Raster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class PdfPages:
    """One open PDF; page sizes are read once at open (cheap: PDFium does not parse the pages for them)."""

    def __init__(self, document, path: Path):
        self._document = document
        self.path = path
        with PDFIUM_LOCK:
            self.count = len(document)
            self._sizes = [tuple(document.get_page_size(i)) for i in range(self.count)]
        _OPEN.add(self)

    @classmethod
    def open(cls, path: str | Path) -> "PdfPages":
        """Opens ``path``; raises ``OSError`` for a missing file and ``ValueError`` for one that is not a PDF."""
        import pypdfium2

        if not _OPEN:
            atexit.unregister(_close_all)
            atexit.register(_close_all)
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(path)
        with PDFIUM_LOCK:
            try:
                document = pypdfium2.PdfDocument(str(path))
            except pypdfium2.PdfiumError as exc:
                raise ValueError(f"{path}: not a readable PDF ({exc})") from exc
        return cls(document, path)

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` (from 0) in points."""
        return self._sizes[index]

    def pixel_size(self, index: int, dpi: float, rotation: int = 0) -> tuple[int, int]:
        """The size in pixels of page ``index`` rendered at ``dpi`` (rotated by ``rotation`` degrees)."""
        width, height = self._sizes[index]
        scale = dpi / POINTS_PER_INCH
        size = (math.ceil(width * scale), math.ceil(height * scale))
        return size[::-1] if rotation in (90, 270) else size

    def render(self, index: int, dpi: float, rotation: int = 0, rows: tuple[int, int] | None = None,
               grey: bool = False) -> Raster:
        """Page ``index`` at ``dpi`` on white, turned clockwise by ``rotation`` (0/90/180/270) degrees; in
        shades of grey (one byte a pixel, a quarter of the data) if ``grey``.

        ``rows=(top, bottom)`` renders only those pixel rows of the page (bottom excluded): a print run at
        600 dpi renders an A4 page in bands instead of holding 140 MB of it at once."""
        import pypdfium2

        scale = dpi / POINTS_PER_INCH
        crop = (0, 0, 0, 0)
        if rows is not None:
            height = self.pixel_size(index, dpi, rotation)[1]
            top, bottom = max(0, rows[0]), min(height, rows[1])
            if top >= bottom:
                raise ValueError(f"rows {rows} are outside the page's {height} rows")
            # pypdfium2 crops ceil(points * scale) pixels: half a pixel less lands exactly on the row wanted
            crop = (0, max(height - bottom - 0.5, 0) / scale, 0, max(top - 0.5, 0) / scale)
        with PDFIUM_LOCK:
            page = self._document[index]
            try:
                # memory PDFium allocates: pypdfium2's default is a zeroed ctypes array, made holding the GIL
                # (~100 ms for a 300-dpi page, during which the window could not repaint)
                bitmap = page.render(scale=scale, rotation=rotation, crop=crop, prefer_bgrx=not grey, grayscale=grey,
                                     optimize_mode="print" if dpi >= 200 else None,
                                     bitmap_maker=pypdfium2.PdfBitmap.new_foreign)
                return Raster(bitmap, grey)
            finally:
                page.close()

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._document is not None:
                self._document.close()
                self._document = None

    def __enter__(self) -> "PdfPages":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
