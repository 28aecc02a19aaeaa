"""QR codes drawn as vector runs: one ``re`` per horizontal run of dark modules, a single fill.

segno encodes; mask pattern 2 is fixed because choosing the best of eight masks is ~80% of segno's time
and every reader decodes any mask (ISO/IEC 18004 makes the choice an encoder's optimisation only).  The
result is a PDF content-stream fragment in module units, placed and scaled by the caller with ``cm``.
"""

from __future__ import annotations

import segno

QUIET_ZONE = 2  # modules; the slip leaves white space around the code as well


def qr_runs(content: str) -> tuple[int, str]:
    """(modules per side, content-stream path of the dark modules with (0, 0) at the bottom left)."""
    qr = segno.make_qr(content, error="m", mask=2, boost_error=False)
    matrix = qr.matrix
    size = len(matrix)
    ops = []
    for y, row in enumerate(matrix):
        yy = size - 1 - y
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                ops.append(f"{start} {yy} {x - start} 1 re")
            else:
                x += 1
    return size, "\n".join(ops)


def qr_runs_many(contents: list[str]) -> list[tuple[int, str]]:
    """:func:`qr_runs` of each; what a worker process computes for a run of slips."""
    return [qr_runs(content) for content in contents]


def qr_literal(runs: tuple[int, str], x: float, y: float, side: float) -> str:
    """Content-stream operators drawing the code (``qr_runs`` output) in a ``side`` square at (x, y),
    quiet zone included."""
    size, path = runs
    scale = side / (size + 2 * QUIET_ZONE)
    ox, oy = x + QUIET_ZONE * scale, y + QUIET_ZONE * scale
    return f"q 0 g {scale:.4f} 0 0 {scale:.4f} {ox:.2f} {oy:.2f} cm\n{path}\nf Q"
