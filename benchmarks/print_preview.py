"""Benchmark: the 打印 preview and 打印… on a 1,000-slip PDF (goal: the window never freezes).

    QT_QPA_PLATFORM=offscreen python benchmarks/print_preview.py [--count 1000] [--keep DIR] [--print-pages 20]

Makes COUNT slips with photos and QR codes (``benchmarks/slips.py``'s inputs; not timed), then, in a
:class:`PrintPreviewPane` with the app's real thread pools:

* open: from ``show_pdf`` to the page count shown (PDFium opens the file on a worker thread);
* first page: from ``show_pdf`` to page 1's pixels on screen;
* paging: 200 × PgDn as fast as the keys come, then a jump to the last page, with a 5 ms timer on the GUI
  thread measuring the longest time it was kept from running (a freeze shows as a long gap);
* printing: PRINT_PAGES pages into a PDF file through a 300-dpi ``QPrinter`` (the task runner's worker).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_slips(folder: Path, count: int) -> Path:
    from slips import make_inputs

    from eligibility_desk.documents import DocumentOptions, render_slips

    out = folder / f"slips{count}.pdf"
    if not out.exists():
        plan, scenario = make_inputs(folder, count, same_photo=False)
        render_slips(plan, scenario, out, DocumentOptions(secret=b"benchmark-secret-0123456789abcdef"))
    return out


def wait(app, done, seconds: float = 60) -> float:
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < seconds:
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--print-pages", type=int, default=20)
    parser.add_argument("--grey", action="store_true", help="print in 灰度 (the colour mode of a mono printer)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    pdf_path = make_slips(folder, args.count)
    print(f"{pdf_path.name}: {pdf_path.stat().st_size / 1e6:.1f} MB")

    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from eligibility_desk.ui.common.task_runner import TaskRunner
    from eligibility_desk.ui.printing.print_preview_pane import FIT_PAGE, PrintPreviewPane

    app = QApplication([])
    host = QWidget()
    runner = TaskRunner(host)
    pane = PrintPreviewPane(runner, host)
    host.resize(1000, 800)
    pane.resize(1000, 800)
    host.show()
    gaps = {"longest": 0.0}
    clock = QElapsedTimer()
    clock.start()
    last = {"t": clock.elapsed()}

    def tick():
        now = clock.elapsed()
        gaps["longest"] = max(gaps["longest"], now - last["t"])
        last["t"] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)

    start = time.perf_counter()
    pane.show_pdf(pdf_path)
    wait(app, lambda: pane.count() == args.count)
    opened = time.perf_counter() - start
    pane.set_fit(FIT_PAGE)
    wait(app, lambda: pane.canvas.is_rendered(0))
    first = time.perf_counter() - start
    print(f"open {opened * 1000:.0f} ms, first page on screen {first * 1000:.0f} ms, "
          f"longest GUI-thread gap {gaps['longest']:.0f} ms")

    gaps["longest"] = 0.0
    last["t"] = clock.elapsed()
    start = time.perf_counter()
    pane.scroll.setFocus()
    for _ in range(200):
        QTest.keyClick(pane.scroll, Qt.Key_PageDown)
        app.processEvents()
    QTest.keyClick(pane.scroll, Qt.Key_End, Qt.ControlModifier)
    paged = time.perf_counter() - start
    wait(app, lambda: pane.canvas.is_rendered(args.count - 1))
    shown = time.perf_counter() - start
    pane.canvas.wait()
    rendered = len(pane.canvas._cache)
    print(f"200 x PgDn + Ctrl+End: keys handled in {paged * 1000:.0f} ms, last page on screen after "
          f"{shown * 1000:.0f} ms; pages rendered and cached: {rendered}; longest GUI-thread gap "
          f"{gaps['longest']:.0f} ms")

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(folder / "printed.pdf"))
    printer.setResolution(300)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, args.print_pages)
    if args.grey:
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
    gaps["longest"] = 0.0
    last["t"] = clock.elapsed()
    done = []
    pane.printed.connect(done.append)
    start = time.perf_counter()
    pane.print_to(printer)
    wait(app, lambda: bool(done), 600)
    took = time.perf_counter() - start
    print(f"print {done[0]} pages at 300 dpi{' in grey' if args.grey else ''} into a PDF: {took:.1f} s ({done[0] / took:.1f} pages/s), "
          f"longest GUI-thread gap {gaps['longest']:.0f} ms")
    pane.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
