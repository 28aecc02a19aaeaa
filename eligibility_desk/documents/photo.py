"""ID photos: any photo a clerk is given, made into the small upright JPEG the database keeps and slips print.

    photo = normalise_photo(data)        # a Photo, or PhotoError(code, params) naming what is wrong

Every photo is decoded in full before it is accepted: ``verify()`` (structure, PNG checksums) and then
``load()`` on a fresh copy, so a truncated or corrupt file is refused instead of printing half blank.  Pillow's
decompression-bomb limit (``Image.MAX_IMAGE_PIXELS``) is checked from the header before any pixel is decoded.
JPEGs are decoded at a reduced scale (``draft``) — a 6000×8000 phone photo costs a fraction of a full decode.
The EXIF orientation is applied (``ImageOps.exif_transpose``: phones store portraits sideways with a tag),
transparency goes onto white, and the result is downscaled to fit ID-photo size (358×441 px, never enlarged)
and written as a baseline JPEG (quality 85, no metadata; 75 or 65 for the rare photo over
:data:`PHOTO_BUDGET`), which the PDF embeds as is.

Codes (worded in :mod:`eligibility_desk.domain.errors`): ``photo_empty``, ``photo_not_image``,
``photo_format`` (a format we do not take), ``photo_too_large`` (pixels), ``photo_corrupt`` (truncated or
damaged; ``detail`` says Pillow's reason).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

#: ID-photo size (pixels, width × height): 358×441 is the size of the photo on a resident ID card
PHOTO_SIZE = (358, 441)
JPEG_QUALITY = 85
#: a stored photo aims at this many bytes at most: a busier photo is written again at 75, then 65, so 1,000
#: slips with photos stay under 15 MB (tests/services/printing/test_photos.py); ID photos are rarely over it
PHOTO_BUDGET = 13_000
STEP_DOWN = (75, 65)
#: formats accepted (Pillow's names); others are refused as ``photo_format``
FORMATS = frozenset({"JPEG", "PNG", "BMP", "WEBP", "TIFF", "GIF", "MPO"})
#: file extensions looked at when importing a folder
EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".gif"})
#: files larger than this are not read at all (a photo is a few MB at most)
MAX_FILE_BYTES = 64 * 1024 * 1024


class PhotoError(ValueError):
    """A file that cannot be an applicant's photo: ``code`` and ``params`` (worded at the edge)."""

    def __init__(self, code: str, params: dict | None = None):
        self.code = code
        self.params = dict(params or {})
        super().__init__(f"{code} {self.params}" if self.params else code)


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    sha256: str
    width: int
    height: int

    @property
    def size(self) -> int:
        return len(self.jpeg)


def max_pixels() -> int:
    """The decompression-bomb limit: Pillow's own ``Image.MAX_IMAGE_PIXELS`` (never switched off here)."""
    from PIL import Image

    return int(Image.MAX_IMAGE_PIXELS or 89_478_485)


def read_photo_file(path) -> Photo:
    """:func:`normalise_photo` of a file; an unreadable file is ``photo_unreadable`` with the OS reason."""
    import os

    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise PhotoError("photo_file_too_big", {"mb": MAX_FILE_BYTES // (1024 * 1024)})
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise PhotoError("photo_unreadable", {"detail": exc.strerror or str(exc)}) from None
    return normalise_photo(data)


def normalise_photo(data: bytes, size: tuple[int, int] = PHOTO_SIZE, quality: int = JPEG_QUALITY) -> Photo:
    from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

    if not data:
        raise PhotoError("photo_empty")
    assert not ImageFile.LOAD_TRUNCATED_IMAGES, "truncated photos must be refused, not padded with grey"
    try:
        with warnings.catch_warnings():   # over the warning limit: refused below by our own check, no stderr noise
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise PhotoError("photo_not_image") from None
    except Image.DecompressionBombError:
        raise PhotoError("photo_too_large", {"pixels": "?", "limit": max_pixels()}) from None
    except Exception as exc:  # noqa: BLE001 - Pillow's plugins raise many kinds for a damaged header
        raise PhotoError("photo_corrupt", {"detail": _reason(exc)}) from None
    if probe.format not in FORMATS:
        raise PhotoError("photo_format", {"format": probe.format or "?"})
    width, height = probe.size
    if width < 1 or height < 1 or width * height > max_pixels():
        raise PhotoError("photo_too_large", {"pixels": f"{width}x{height}", "limit": max_pixels()})
    try:
        probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format == "JPEG" or image.format == "MPO":
            # decode at 1/2, 1/4 or 1/8 scale where that still covers twice the target: same pixels out, far less work
            image.draft("RGB", (size[0] * 2, size[1] * 2))
        image.load()
        image = ImageOps.exif_transpose(image)
        image = _rgb(image)
    except PhotoError:
        raise
    except Exception as exc:  # noqa: BLE001 - truncated data, bad checksums, broken streams: all "corrupt"
        raise PhotoError("photo_corrupt", {"detail": _reason(exc)}) from None
    image.thumbnail(size, Image.LANCZOS)
    for q in (quality, *(q for q in STEP_DOWN if q < quality)):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=q, optimize=True)
        jpeg = out.getvalue()
        if len(jpeg) <= PHOTO_BUDGET:
            break
    return Photo(jpeg, hashlib.sha256(jpeg).hexdigest(), image.width, image.height)


def _rgb(image):
    from PIL import Image

    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text[:200] if text else type(exc).__name__
