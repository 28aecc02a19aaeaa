"""The PDF rasteriser behind the 打印 preview and 打印… (pypdfium2), without Qt."""

from __future__ import annotations

import threading

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from eligibility_desk.services.printing.pdf_pages import PdfPages


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for i in range(3):
        pdf.setPageSize(landscape(A4) if i == 2 else A4)
        pdf.rect(100, 100, 200, 400 + 100 * i, stroke=0, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def dark_rows(raster) -> int:
    column = round(200 * raster.width / (A4[0] if raster.width < raster.height else A4[1]))
    return sum(1 for y in range(raster.height) if raster.data[y * raster.stride + 4 * column] < 128)


def test_sizes_and_whole_pages(sample):
    with PdfPages.open(sample) as pdf:
        assert pdf.count == 3
        assert pdf.page_size(0) == pytest.approx(A4, abs=0.01)
        assert pdf.page_size(2) == pytest.approx(landscape(A4), abs=0.01)
        raster = pdf.render(0, 72)
        assert (raster.width, raster.height) == pdf.pixel_size(0, 72) == (596, 842)
        assert raster.stride >= 4 * raster.width and len(raster.data) == raster.stride * raster.height
        assert dark_rows(raster) == pytest.approx(400, abs=2)            # the 400-point bar at 72 dpi
        assert dark_rows(pdf.render(1, 144)) == pytest.approx(1000, abs=2)
        turned = pdf.render(2, 72, rotation=90)
        assert (turned.width, turned.height) == pdf.pixel_size(2, 72, rotation=90) == (596, 842)


def test_bands_put_together_are_the_whole_page(sample):
    with PdfPages.open(sample) as pdf:
        whole = pdf.render(1, 150)
        bands = [pdf.render(1, 150, rows=(top, top + 97)) for top in range(0, whole.height, 97)]
        assert sum(b.height for b in bands) == whole.height
        joined = b"".join(b.data for b in bands)
        differing = sum(1 for a, b in zip(joined[::4], whole.data[::4]) if abs(a - b) > 64)
        assert differing <= whole.width // 50       # at most anti-aliasing at a band's edge
        with pytest.raises(ValueError):
            pdf.render(1, 150, rows=(whole.height, whole.height + 10))


def test_threads_may_share_the_library(sample):
    """PDFium is not thread-safe; the module's lock lets several threads render at once without crashing."""
    errors, results = [], []

    def work():
        try:
            with PdfPages.open(sample) as pdf:
                results.extend(dark_rows(pdf.render(i % 2, 72)) for i in range(6))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(results) == 24 and set(results) <= set(range(398, 503))


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        PdfPages.open(tmp_path / "none.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(ValueError, match="not a readable PDF"):
        PdfPages.open(tmp_path / "broken.pdf")
