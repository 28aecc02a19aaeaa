"""Photos made for the tests: portrait-like pictures (sky-blue background, a face, a dark coat, some noise —
what makes JPEG sizes realistic), one stored sideways with an EXIF orientation tag, one huge, one cut short."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

RED, BLUE = (220, 30, 30), (30, 30, 220)


def portrait(w: int = 600, h: int = 800, seed: int = 0) -> Image.Image:
    """A camera-like portrait; above 1200 px high it is drawn small and scaled up (as fast, still a full
    w×h image to decode)."""
    if h > 1200:
        return portrait(w * 1200 // h, 1200, seed).resize((w, h), Image.Resampling.BILINEAR)
    r = random.Random(seed)
    ramp = Image.linear_gradient("L").resize((w, h))
    im = Image.merge("RGB", [ramp.point(lambda v: 170 + v // 6), ramp.point(lambda v: 195 + v // 10),
                             Image.new("L", (w, h), 235)])
    d = ImageDraw.Draw(im)
    d.ellipse([w * 0.3, h * 0.18, w * 0.7, h * 0.6], fill=(r.randint(170, 230), r.randint(140, 180), 130))
    d.ellipse([w * 0.28, h * 0.12, w * 0.72, h * 0.3], fill=(r.randint(10, 60),) * 3)   # hair
    d.rectangle([w * 0.15, h * 0.66, w * 0.85, h], fill=(r.randint(0, 80), 40, r.randint(60, 120)))
    noise = Image.effect_noise((w, h), 24).convert("RGB")
    return Image.blend(im, noise, 0.12).filter(ImageFilter.GaussianBlur(0.8))


def upright_marker(w: int = 300, h: int = 400) -> Image.Image:
    """Red top half, blue bottom half: upright when red is above blue."""
    im = Image.new("RGB", (w, h), BLUE)
    ImageDraw.Draw(im).rectangle([0, 0, w, h // 2], fill=RED)
    return im


def encode(im: Image.Image, fmt: str = "JPEG", **kwargs) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **kwargs)
    return out.getvalue()


def sideways_jpeg() -> bytes:
    """The upright marker stored turned 90° anticlockwise, with orientation 6 ("rotate 90° clockwise to show")."""
    raw = upright_marker().transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    return encode(raw, "JPEG", quality=90, exif=exif.tobytes())


def truncated_jpeg(seed: int = 1) -> bytes:
    data = encode(portrait(seed=seed), "JPEG", quality=90)
    return data[: len(data) // 2]


def is_upright(im: Image.Image) -> bool:
    im = im.convert("RGB")
    w, h = im.size
    top, bottom = im.getpixel((w // 2, h // 5)), im.getpixel((w // 2, 4 * h // 5))
    return h > w and top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
