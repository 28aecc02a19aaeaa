"""Small drawing helpers shared by every document: fitted text, grids, atomic output, progress."""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

PAGE_W, PAGE_H = A4
MM = 72 / 25.4

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class RenderCancelled(Exception):
    """The caller's ``cancelled()`` said stop; no output file was written."""


def no_progress(done: int, total: int) -> None:
    pass


def never_cancelled() -> bool:
    return False


def fitted_size(text: str, font: str, size: float, width: float, min_size: float = 5.0) -> float:
    """The largest size <= ``size`` at which ``text`` fits ``width`` (never below ``min_size``)."""
    w = stringWidth(text, font, size)
    if w <= width or w == 0:
        return size
    return max(min_size, size * width / w)


def text_ops(c, text: str, x: float, y: float, font: str, size: float, align: str = "left") -> str:
    """Content-stream operators for one line of text in a TrueType font.

    The operators reportlab's ``drawString`` writes for a TrueType font (subsets chosen by its
    ``splitString``), without building a text object per string.  Together with :func:`draw_in_cell`'s
    cache this is a third of the drawing time of 10,000 slips.
    """
    face = getFont(font)
    if not getattr(face, "_dynamicFont", False):
        raise TypeError(f"{font} is not a TrueType font; documents draw with the embedded CJK font only")
    if align != "left":
        width = stringWidth(text, font, size)
        x -= width / 2 if align == "center" else width
    doc = c._doc
    ops = [f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm"]
    for subset, chunk in face.splitString(text, doc):
        ops.append(f"{face.getSubsetInternalName(subset, doc)} {size:.2f} Tf ({escapePDF(chunk)}) Tj")
    ops.append("ET")
    return " ".join(ops)


def put_text(c, text: str, x: float, y: float, font: str, size: float, align: str = "left") -> None:
    if text:
        c.addLiteral(text_ops(c, text, x, y, font, size, align))


def fitted_ops(c, text: str, x: float, y: float, width: float, font: str, size: float,
               align: str = "left", min_size: float = 5.0) -> str:
    size = fitted_size(text, font, size, width, min_size)
    anchor = {"center": x + width / 2, "right": x + width}.get(align, x)
    return text_ops(c, text, anchor, y, font, size, align)


def draw_fitted(c, text: str, x: float, y: float, width: float, font: str, size: float,
                align: str = "left", min_size: float = 5.0) -> None:
    """Draw ``text`` on the baseline ``y`` within ``width`` from ``x``, shrinking it to fit."""
    if text:
        c.addLiteral(fitted_ops(c, text, x, y, width, font, size, align, min_size))


def draw_in_cell(c, text: str, x: float, y: float, w: float, h: float, font: str, size: float,
                 align: str = "center", pad: float = 3.0) -> None:
    """Text centred vertically in the cell whose bottom-left corner is (x, y); text that would have to shrink
    below 85 % on one line wraps to two lines (three if needed) before it shrinks, never below 8 pt.

    The operators are remembered per canvas: slips repeat most of their texts (part names, dates, rooms)
    at the same places, and a font's subset assignment never changes within a document.
    """
    if not text:
        return
    cache = c.__dict__.setdefault("_eligibility_desk_cells", {})
    key = (text, x, y, w, h, font, size, align, pad)
    ops = cache.get(key)
    if ops is None:
        ops = cache[key] = _cell_ops(c, text, x, y, w, h, font, size, align, pad)
    c.addLiteral(ops)


#: the smallest type a cell's text is set in: a long name or school wraps to two (three) lines first
MIN_CELL_SIZE = 8.0


def _cell_ops(c, text, x, y, w, h, font, size, align, pad) -> str:
    width = w - 2 * pad
    single = fitted_size(text, font, size, width, 0.0)
    lines, small = [text], single
    if single < size * 0.85:          # noticeably smaller on one line: wrap before shrinking
        wrapped = _wrapped(text, font, size, width, h)
        if wrapped is not None and (wrapped[0] > single or single < MIN_CELL_SIZE):
            small, lines = wrapped
    small = max(small, MIN_CELL_SIZE)
    if len(lines) == 1:
        anchor = {"center": x + w / 2, "right": x + w - pad}.get(align, x + pad)
        return text_ops(c, text, anchor, y + (h - small * 0.72) / 2, font, small, align)
    lead = small * 1.05
    first = y + h / 2 + lead * (len(lines) - 1) / 2 - small * 0.36
    return "\n".join(fitted_ops(c, line, x + pad, first - i * lead, width, font, small, align, MIN_CELL_SIZE)
                     for i, line in enumerate(lines))


def _wrapped(text: str, font: str, size: float, width: float, h: float) -> tuple[float, list[str]] | None:
    """The largest size (down to MIN_CELL_SIZE, in steps of 0.25 pt) at which ``text`` takes two lines — or
    three when two cannot hold it at 8 pt — that fit the cell's height; None when even that fails.  A name
    in parts (``·``) is broken between parts when that keeps at least 80 % of the size."""
    for count in (2, 3):
        top = min(size, (h - 1) / (count * 1.05))
        best = _largest(top, lambda s: _fits(wrap(text, font, s, width), count, font, s, width))
        if best is None:
            continue
        if count == 2:
            by_parts = _largest(top, lambda s: _name_halves(text, font, s, width))
            if by_parts is not None and by_parts[0] >= best[0] * 0.8:
                return by_parts
        return best
    return None


def _largest(top: float, attempt) -> tuple[float, list[str]] | None:
    s = top
    while s >= MIN_CELL_SIZE:
        lines = attempt(s)
        if lines:
            return s, lines
        s -= 0.25
    return None


def _fits(lines: list[str], count: int, font: str, size: float, width: float) -> list[str] | None:
    ok = len(lines) <= count and all(stringWidth(line, font, size) <= width + 0.01 for line in lines)
    return lines if ok else None


def _name_halves(text: str, font: str, size: float, width: float) -> list[str] | None:
    """A name like 阿依古丽·买买提依明·阿不都克热木 broken after the ``·`` nearest its middle, when both halves
    fit: names are read in their parts."""
    cuts = [i + 1 for i, ch in enumerate(text) if ch == "·" and 0 < i < len(text) - 1]
    for cut in sorted(cuts, key=lambda i: abs(2 * i - len(text))):
        halves = [text[:cut], text[cut:]]
        if all(stringWidth(half, font, size) <= width for half in halves):
            return halves
    return None


def grid(c, x: float, y_top: float, widths: list[float], heights: list[float]) -> None:
    """Ruled table: column ``widths``, row ``heights`` from ``y_top`` down."""
    total_w, total_h = sum(widths), sum(heights)
    p = c.beginPath()
    yy = y_top
    for h in [0.0, *heights]:
        yy -= h
        p.moveTo(x, yy)
        p.lineTo(x + total_w, yy)
    xx = x
    for w in [0.0, *widths]:
        xx += w
        p.moveTo(xx, y_top)
        p.lineTo(xx, y_top - total_h)
    c.drawPath(p, stroke=1, fill=0)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break Chinese (or mixed) text into lines no wider than ``width``; Latin words stay whole."""
    lines, line, line_w = [], "", 0.0
    tokens = _tokens(text)
    for token in tokens:
        tw = stringWidth(token, font, size)
        if line and line_w + tw > width and token != " ":
            if token in _NO_LINE_START and line:  # keep 。，、 etc. at the end of a line
                line, line_w = line + token, line_w + tw
                continue
            lines.append(line.rstrip())
            line, line_w = token.lstrip(), stringWidth(token.lstrip(), font, size)
        else:
            line, line_w = line + token, line_w + tw
    if line.strip():
        lines.append(line.rstrip())
    return lines


_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)")


def _tokens(text: str) -> Iterator[str]:
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            yield word
            word = ""
        yield ch
    if word:
        yield word


@contextmanager
def atomic_output(out_path: Path | str):
    """Yields a temporary path beside ``out_path``; renamed over it only when the block succeeds."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp's 0600 would make the PDF private; 0644 under umask 022
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


_umask_lock = threading.Lock()


def _umask() -> int:
    """The process's umask: from /proc on Linux, else by setting and restoring it (under a lock)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def new_canvas(path: Path | str, title: str, font: str):
    """An A4 canvas; binary (not ASCII85) streams: a quarter smaller and no pure-Python encoding pass."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0

    c = Canvas(str(path), pagesize=A4, pageCompression=1, initialFontName=font, initialFontSize=10)
    c.setTitle(title)
    c.setCreator("Eligibility Desk")
    c.setAuthor("Eligibility Desk")
    return c
