"""Colours and icons of the four verdicts, drawn with QPainter so they never depend on a font's glyphs."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap

COLOURS = {
    "eligible": "#2e7d32",    # green
    "ineligible": "#c62828",  # red
    "review": "#e65100",      # amber
    "error": "#616161",       # grey
}
BACKGROUNDS = {"eligible": "#e8f5e9", "ineligible": "#ffebee", "review": "#fff3e0", "error": "#eeeeee"}


def colour(verdict: str | None) -> QColor:
    return QColor(COLOURS.get(verdict or "", "#9e9e9e"))


def background(verdict: str | None) -> QColor:
    return QColor(BACKGROUNDS.get(verdict or "", "#ffffff"))


def verdict_image(verdict: str, size: int = 16) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(Qt.NoPen)
    p.setBrush(colour(verdict))
    p.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    pen = QPen(Qt.white, max(1.5, size / 8), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.NoBrush)
    s = size
    if verdict == "eligible":        # a tick
        p.drawPolyline([QPointF(s * .27, s * .52), QPointF(s * .44, s * .70), QPointF(s * .74, s * .33)])
    elif verdict == "ineligible":    # a cross
        p.drawLine(QPointF(s * .32, s * .32), QPointF(s * .68, s * .68))
        p.drawLine(QPointF(s * .68, s * .32), QPointF(s * .32, s * .68))
    elif verdict == "review":        # an exclamation mark
        p.drawLine(QPointF(s * .5, s * .25), QPointF(s * .5, s * .58))
        p.drawPoint(QPointF(s * .5, s * .75))
    else:                            # a dash
        p.drawLine(QPointF(s * .3, s * .5), QPointF(s * .7, s * .5))
    p.end()
    return image


@lru_cache(maxsize=None)
def verdict_icon(verdict: str) -> QIcon:
    return QIcon(QPixmap.fromImage(verdict_image(verdict, 32)))
