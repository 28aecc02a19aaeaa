"""预览 and 打印… (issue 11, point 6): the generated PDF's pages on screen, rendered lazily off the GUI thread,
with page navigation, zoom and keys; and printing through a QPrinter — here into a PDF file
(``QPrinter.OutputFormat.PdfFormat``), read back and rendered to prove the pages arrived, in the right order."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from eligibility_desk.services.printing.pdf_pages import PdfPages
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
from eligibility_desk.ui.common.task_runner import TaskRunner
from eligibility_desk.ui.printing import pdf_printing
from eligibility_desk.ui.printing.print_preview_pane import FIT_PAGE, FIT_WIDTH, PrintPreviewPane

A4 = (595.2756, 841.8898)


def bar_x(index: int) -> float:
    """Each test page carries one black bar; where it stands (in points from the left) tells the page apart."""
    return 60 + (index % 8) * 60


def make_pdf(path, pages: int, landscape_at: tuple[int, ...] = ()):
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for i in range(pages):
        pdf.setPageSize(A4[::-1] if i in landscape_at else A4)
        pdf.rect(bar_x(i), 200, 40, 400, stroke=0, fill=1)
        pdf.drawString(60, 150, f"page {i + 1}")
        pdf.showPage()
    pdf.save()
    return path


def dark(image_or_raster, x: int, y: int) -> bool:
    """Is the pixel at (x, y) dark?  Works on a QImage and on a pdf_pages.Raster."""
    if hasattr(image_or_raster, "pixelColor"):
        return image_or_raster.pixelColor(x, y).lightness() < 100
    raster = image_or_raster
    offset = y * raster.stride + 4 * x
    return sum(raster.data[offset:offset + 3]) < 300


def bar_page(raster, dpi: float) -> int:
    """Which of the 8 bar positions is dark at the page's middle height (-1: none — a blank page)."""
    scale = dpi / 72
    hits = [k for k in range(8) if dark(raster, round((60 + k * 60 + 20) * scale), round(A4[1] / 2 * scale))]
    return hits[0] if len(hits) == 1 else -1


@pytest.fixture
def pane(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    runner = TaskRunner(host, pool=SynchronousPool())
    pane = PrintPreviewPane(runner, host)
    host.resize(900, 700)
    pane.resize(900, 700)
    host.show()
    yield pane
    pane.canvas.wait(10000)
    pane.clear()


def show(qtbot, pane, path):
    with qtbot.waitSignal(pane.document_shown, timeout=10000):
        pane.show_pdf(path)


def test_without_a_document_the_pane_says_how_to_get_one(pane):
    assert pane.stack.currentWidget() is pane.empty
    assert "生成" in pane.empty.text() and "打印" in pane.empty.text()
    assert not pane.print_button.isEnabled() and not pane.next_button.isEnabled()
    pane.open_print_dialog()      # nothing to print: no dialog
    assert pane.print_dialog is None


def test_pages_are_shown_and_rendered_off_the_gui_thread(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 5))
    assert pane.stack.currentWidget() is pane.scroll
    assert pane.count() == 5 and "共 5 页" in pane.page_count.text() and "doc.pdf" in pane.title.text()
    with qtbot.waitSignal(pane.canvas.page_rendered, check_params_cb=lambda i: i == 0, timeout=10000):
        pane.canvas.repaint()
    image = pane.canvas._cache[(0, pane.canvas._generation)]
    ratio = image.width() / A4[0]
    assert dark(image, round((bar_x(0) + 20) * ratio), round(A4[1] / 2 * ratio))
    assert not dark(image, round((bar_x(1) + 20) * ratio), round(A4[1] / 2 * ratio))


def test_page_keys_buttons_and_the_page_box(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 12))
    pane.set_fit(FIT_PAGE)
    pane.scroll.setFocus()
    assert pane.current_page() == 0 and not pane.previous_button.isEnabled()
    with qtbot.waitSignal(pane.page_changed, check_params_cb=lambda i: i == 1):
        qtbot.keyClick(pane.scroll, Qt.Key_PageDown)
    qtbot.keyClick(pane.scroll, Qt.Key_PageDown)
    assert pane.current_page() == 2 and pane.page_box.value() == 3
    qtbot.keyClick(pane.scroll, Qt.Key_PageUp)
    assert pane.current_page() == 1
    qtbot.keyClick(pane.scroll, Qt.Key_End, Qt.ControlModifier)
    assert pane.current_page() == 11 and not pane.next_button.isEnabled()
    qtbot.keyClick(pane.scroll, Qt.Key_PageDown)      # past the end: stays on the last page
    assert pane.current_page() == 11
    pane.page_box.setValue(5)
    assert pane.current_page() == 4
    # the view really shows page 5 at its top: scrolling by hand reads back the same page
    pane._track_page(pane.scroll.verticalScrollBar().value())
    assert pane.current_page() == 4
    pane.previous_button.click()
    assert pane.current_page() == 3 and pane.page_box.value() == 4
    qtbot.keyClick(pane.scroll, Qt.Key_Home, Qt.ControlModifier)
    assert pane.current_page() == 0


def test_zoom_fit_width_fit_page_and_steps(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 3))
    viewport = pane.scroll.viewport()
    pane.set_fit(FIT_WIDTH)
    width = pane.canvas.page_rect(0).width()
    assert viewport.width() - 60 <= width <= viewport.width() and pane.fit_width_button.isChecked()
    qtbot.waitUntil(lambda: pane.scroll.verticalScrollBar().isVisible())
    assert not pane.scroll.horizontalScrollBar().isVisible()      # fit width: the page never needs one
    pane.set_fit(FIT_PAGE)
    assert pane.canvas.page_rect(0).height() <= viewport.height() and pane.fit_page_button.isChecked()
    zoom = pane.canvas.zoom
    pane.scroll.setFocus()
    qtbot.keyClick(pane.scroll, Qt.Key_Plus, Qt.ControlModifier)
    assert pane.canvas.zoom == pytest.approx(zoom * 1.25) and pane.fit is None
    assert not pane.fit_page_button.isChecked() and pane.zoom_label.text().endswith("%")
    pane.zoom_out_button.click()
    pane.zoom_out_button.click()
    assert pane.canvas.zoom == pytest.approx(zoom / 1.25)
    qtbot.keyClick(pane.scroll, Qt.Key_0, Qt.ControlModifier)
    assert pane.fit == FIT_WIDTH and pane.canvas.page_rect(0).width() == width


def test_a_long_document_renders_only_the_pages_on_screen(qtbot, pane, tmp_path):
    """1,000 pages: opening reads no page, and only the pages in view (and a neighbour) are rendered."""
    show(qtbot, pane, make_pdf(tmp_path / "long.pdf", 1000))
    pane.set_fit(FIT_PAGE)
    qtbot.waitUntil(lambda: pane.canvas.is_rendered(0), timeout=10000)
    pane.go_to(700)
    qtbot.waitUntil(lambda: pane.canvas.is_rendered(700), timeout=10000)
    pane.canvas.wait(10000)
    rendered = sorted(index for index, _generation in pane.canvas._cache)
    assert len(rendered) <= 8, rendered
    assert not any(pane.canvas.is_rendered(i) for i in range(5, 690))
    image = pane.canvas._cache[(700, pane.canvas._generation)]
    ratio = image.width() / A4[0]
    assert dark(image, round((bar_x(700) + 20) * ratio), round(A4[1] / 2 * ratio))


def test_a_file_that_is_not_a_pdf_is_said_so(qtbot, pane, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    pane.show_pdf(bad)
    assert pane.stack.currentWidget() is pane.empty and "无法预览" in pane.empty.text()


# --- 打印… -------------------------------------------------------------------------------------------------

def pdf_printer(path, dpi: int = 100) -> QPrinter:
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


def printed_bars(path) -> list[int]:
    """The bar position of every page of a printed PDF, rendered back (-1 marks a blank or wrong page)."""
    with PdfPages.open(path) as printed:
        return [bar_page(printed.render(i, 50), 50) for i in range(printed.count)]


def test_printing_into_a_pdf_file_sends_every_page(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 4))
    out = tmp_path / "printed.pdf"
    with qtbot.waitSignal(pane.printed, timeout=30000) as signal:
        pane.print_to(pdf_printer(out))
    assert signal.args == [4] and "4 页" in pane.status.text()
    assert len(PdfReader(str(out)).pages) == 4
    assert printed_bars(out) == [0, 1, 2, 3]


def test_a_page_range_copies_and_the_current_page(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 6))
    ranged = pdf_printer(tmp_path / "range.pdf")
    ranged.setPrintRange(QPrinter.PrintRange.PageRange)
    ranged.setFromTo(2, 4)
    ranged.setCopyCount(2)
    ranged.setCollateCopies(True)     # a PDF file cannot hold copies of its own: the pages are sent twice
    with qtbot.waitSignal(pane.printed, timeout=30000):
        pane.print_to(ranged)
    assert printed_bars(tmp_path / "range.pdf") == [1, 2, 3, 1, 2, 3]
    pane.go_to(4)
    current = pdf_printer(tmp_path / "current.pdf")
    current.setPrintRange(QPrinter.PrintRange.CurrentPage)
    with qtbot.waitSignal(pane.printed, timeout=30000):
        pane.print_to(current)
    assert printed_bars(tmp_path / "current.pdf") == [4]


def test_a_landscape_page_is_turned_onto_portrait_paper(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 2, landscape_at=(1,)))
    out = tmp_path / "turned.pdf"
    with qtbot.waitSignal(pane.printed, timeout=30000):
        pane.print_to(pdf_printer(out))
    with PdfPages.open(out) as printed:
        width, height = printed.page_size(1)
        assert height > width                        # still portrait paper
        raster = printed.render(1, 50)
        assert sum(1 for x in range(0, raster.width, 2) for y in range(0, raster.height, 8)
                   if dark(raster, x, y)) > 50       # and the page is on it, not blank


def test_banded_printing_prints_the_same_page_as_one_band(qtbot, pane, tmp_path, monkeypatch):
    """At printer resolution a page is rendered in bands; the bands meet without gaps or shifts."""
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 1))
    with qtbot.waitSignal(pane.printed, timeout=30000):
        pane.print_to(pdf_printer(tmp_path / "whole.pdf", dpi=150))
    monkeypatch.setattr(pdf_printing, "BAND_BYTES", 40 * 1024)        # ~8 rows per band at 150 dpi
    with qtbot.waitSignal(pane.printed, timeout=60000):
        pane.print_to(pdf_printer(tmp_path / "banded.pdf", dpi=150))
    with PdfPages.open(tmp_path / "whole.pdf") as whole, PdfPages.open(tmp_path / "banded.pdf") as banded:
        a, b = whole.render(0, 150), banded.render(0, 150)
        assert (a.width, a.height) == (b.width, b.height)
        column = round((bar_x(0) + 20) * 150 / 72)
        top, bottom = round((A4[1] - 600) * 150 / 72), round((A4[1] - 200) * 150 / 72)
        assert all(dark(b, column, y) for y in range(top + 1, bottom - 1))     # no white seam between bands
        differ = [y for y in range(a.height) if dark(a, column, y) != dark(b, column, y)]
        assert all(min(abs(y - top), abs(y - bottom)) <= 1 for y in differ), differ   # at most the bar's edges
        assert bar_page(b, 150) == 0


def test_a_cancelled_print_leaves_no_half_written_file(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 5))
    out = tmp_path / "cancelled.pdf"
    pane.runner.progressed.connect(lambda name, done, total: done >= 2 and pane.runner.cancel_all())
    with qtbot.waitSignal(pane.print_cancelled, timeout=30000):
        pane.print_to(pdf_printer(out))
    assert not out.exists() and "取消" in pane.status.text()


def test_a_printer_that_cannot_start_is_a_clear_error(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 1))
    with qtbot.waitSignal(pane.print_failed, timeout=30000) as signal:
        pane.print_to(pdf_printer(tmp_path / "no such folder" / "x.pdf"))
    assert "无法开始打印" in signal.args[0]


def test_the_print_dialog_offers_the_documents_pages(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 7))
    pane.scroll.setFocus()
    qtbot.keyClick(pane.scroll, Qt.Key_P, Qt.ControlModifier)
    dialog = pane.print_dialog
    assert dialog.isVisible() and "doc.pdf" in dialog.windowTitle()
    assert (dialog.minPage(), dialog.maxPage()) == (1, 7)
    dialog.reject()


def test_a_new_document_shown_while_printing_does_not_pull_the_old_one_away(qtbot, pane, tmp_path):
    """The print run keeps reading its document even when the preview moves on to another one."""
    show(qtbot, pane, make_pdf(tmp_path / "first.pdf", 3))
    first = pane.pdf
    other = make_pdf(tmp_path / "second.pdf", 2)

    def switch(name, done, total):
        if done == 1 and pane.pdf is first:
            pane.clear()                     # what switching batch does (a new document would too)

    pane.runner.progressed.connect(switch)
    out = tmp_path / "printed.pdf"
    with qtbot.waitSignal(pane.printed, timeout=30000):
        pane.print_to(pdf_printer(out))
    assert printed_bars(out) == [0, 1, 2]
    assert first._document is None             # closed once the run was over
    show(qtbot, pane, other)
    assert pane.count() == 2


def test_after_a_zoom_the_old_pixels_stand_in_until_the_new_ones_arrive(qtbot, pane, tmp_path):
    show(qtbot, pane, make_pdf(tmp_path / "doc.pdf", 3))
    qtbot.waitUntil(lambda: pane.canvas.is_rendered(0), timeout=10000)
    old_width = pane.canvas._cache[(0, pane.canvas._generation)].width()
    pane.zoom_in()
    assert 0 in pane.canvas._stale and not pane.canvas.is_rendered(0)
    qtbot.waitUntil(lambda: pane.canvas.is_rendered(0), timeout=10000)
    assert pane.canvas._cache[(0, pane.canvas._generation)].width() > old_width and 0 not in pane.canvas._stale
