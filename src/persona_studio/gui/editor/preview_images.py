"""Inline images in the preview (`data:image/...`), within a budget of decoded pixels.

An image's size is read from its header before anything is decoded (QImageReader); one larger
than `IMAGE_PIXELS`, or one that would take the page past `PAGE_PIXELS`, is not decoded: a small
placeholder saying its size shows instead. So fifteen 7900×7900 PNGs of 243 KB each (3.7 GB
decoded) cost next to nothing. Qt's own allocation limit is set too, as a second fence.
"""

from __future__ import annotations

import base64
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

MAX_DATA_IMAGE_BYTES = 4 * 1024 * 1024  # the encoded image
IMAGE_PIXELS = 16_000_000  # one image decoded (64 MB at 4 bytes a pixel)
PAGE_PIXELS = 48_000_000  # all the images of a page decoded
ALLOCATION_LIMIT_MB = 256  # Qt refuses to decode anything larger (QImageReader)


class ImageBudget:
    """The decoded pixels a page's images may still take."""

    def __init__(self) -> None:
        self.left = PAGE_PIXELS

    def reset(self) -> None:
        self.left = PAGE_PIXELS

    def load(self, url: QUrl, color: str = "#808080") -> QImage | None:
        """The image of a `data:image/...` URL, a placeholder naming its size when it is over
        the budget, or None for anything else (not an image, undecodable, too many bytes)."""
        data = _payload(url)
        if data is None:
            return None
        QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        size = reader.size()
        if not size.isValid() or size.isEmpty():
            return None
        pixels = size.width() * size.height()
        if pixels > IMAGE_PIXELS or pixels > self.left:
            return placeholder(size.width(), size.height(), color)
        image = reader.read()
        if image.isNull():
            return None
        self.left -= pixels
        return image


def placeholder(width: int, height: int, color: str) -> QImage:
    """A small framed picture that says an image of this size is not shown."""
    text = f"Image not shown: {width} \u00d7 {height} pixels is too large to preview"
    image = QImage(440, 36, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setPen(QColor(color))
        painter.drawRect(QRect(0, 0, 439, 35))
        painter.drawText(QRect(8, 0, 424, 36), Qt.AlignmentFlag.AlignVCenter, text)
    finally:
        painter.end()
    return image


def _payload(url: QUrl) -> bytes | None:
    """The bytes of `data:image/...;base64,...` (None for anything else, or too many)."""
    text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    header, _, payload = text.partition(",")
    if not header.lower().startswith("data:image/") or len(payload) > MAX_DATA_IMAGE_BYTES * 2:
        return None
    try:
        raw = unquote_to_bytes(payload)
        data = base64.b64decode(raw) if header.lower().endswith(";base64") else raw
    except ValueError:
        return None
    return None if len(data) > MAX_DATA_IMAGE_BYTES else data
