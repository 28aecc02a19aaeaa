"""Reading generated PDFs back: text (pypdf), fonts, images, rendered pages (pdftoppm) and QR codes
(zxing-cpp); plus the small batch in data/."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

DATA = Path(__file__).parent / "data"
SECRET = bytes.fromhex("5e" * 32)


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def save(path: Path, data: dict) -> Path:
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return Path(path)


def page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(pdf)).pages]


def fonts_of(pdf: Path) -> dict[str, dict]:
    """Every font used on any page or in any form: base name -> {subtype, file} (file: FontFile2 etc. or None)."""
    from pypdf import PdfReader

    found: dict[str, dict] = {}
    seen: set[int] = set()

    def walk(resources):
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for child in font.get("/DescendantFonts") or []:
                descriptors.append(child.get_object().get("/FontDescriptor"))
            file = None
            for d in descriptors:
                if d is not None:
                    d = d.get_object()
                    file = next((k for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in d), file)
            found[str(font["/BaseFont"])] = {"subtype": str(font["/Subtype"]), "file": file}
        for xobject in (resources.get("/XObject") or {}).values():
            ref = xobject.indirect_reference if hasattr(xobject, "indirect_reference") else None
            obj = xobject.get_object()
            key = id(obj) if ref is None else ref.idnum
            if key in seen or obj.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            walk(obj.get("/Resources"))

    for page in PdfReader(str(pdf)).pages:
        walk(page.get("/Resources"))
    return found


def image_count(pdf: Path) -> int:
    """Distinct image XObjects in the file."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    images = set()
    for page in reader.pages:
        xobjects = (page["/Resources"].get_object().get("/XObject") or {})
        for ref in xobjects.values():
            if ref.get_object().get("/Subtype") == "/Image":
                images.add(ref.idnum)
    return len(images)


def render_png(pdf: Path, page: int, out_dir: Path, dpi: int = 150) -> Path:
    prefix = out_dir / f"page{page}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(prefix)], check=True)
    return prefix.with_suffix(".png")


def decode_qr(png: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.QRCode]


def text_runs(pdf: Path, page: int = 0) -> list[tuple[str, float, float, float]]:
    """(text, x, y, size in pt) of every text run on a page (forms included), in page coordinates."""
    from pypdf import PdfReader

    runs = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text, x, y, size * abs(tm[0]) * abs(cm[0])))

    PdfReader(str(pdf)).pages[page].extract_text(visitor_text=visit)
    return runs
