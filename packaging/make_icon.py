"""Draw the application icon with Pillow: a blue tile with a white form and a green tick.

Writes ``resources/icons/eligibility-desk.png`` (512 px: the window icon and the Linux .desktop icon),
``eligibility-desk.ico`` (Windows: 16-256 px) and ``eligibility-desk.icns`` (macOS).  The files are checked
in; run this again only to change the drawing::

    python packaging/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAME = "eligibility-desk"
SIZE = 512


def draw(size: int = SIZE) -> Image.Image:
    s = size / 512  # drawn on a 512 grid
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([16 * s, 16 * s, 496 * s, 496 * s], radius=96 * s, fill=(21, 101, 192, 255))
    # the application form
    d.rounded_rectangle([120 * s, 84 * s, 392 * s, 428 * s], radius=20 * s, fill=(255, 255, 255, 255))
    for y in (150, 200, 250):
        d.rounded_rectangle([160 * s, y * s, 352 * s, (y + 18) * s], radius=9 * s, fill=(144, 164, 174, 255))
    # the tick: eligible
    d.ellipse([250 * s, 280 * s, 430 * s, 460 * s], fill=(46, 125, 50, 255))
    d.line([(290 * s, 372 * s), (328 * s, 410 * s), (394 * s, 330 * s)], fill=(255, 255, 255, 255),
           width=max(1, round(22 * s)), joint="curve")
    return img


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    img = draw()
    img.save(ICONS / f"{NAME}.png", optimize=True)
    img.save(ICONS / f"{NAME}.ico", sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    img.save(ICONS / f"{NAME}.icns")
    for ext in ("png", "ico", "icns"):
        print(f"make_icon: wrote {ICONS / f'{NAME}.{ext}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
