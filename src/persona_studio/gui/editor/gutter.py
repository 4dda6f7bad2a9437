"""The line-number gutter's frame, shared by the source editor and the diff panes."""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from persona_studio.gui.theme import Theme


def begin_gutter(gutter: QWidget, event: QPaintEvent, theme: Theme) -> QPainter:
    """Fill the gutter and draw its right border; returns the painter for the line numbers."""
    painter = QPainter(gutter)
    painter.fillRect(event.rect(), theme.color("gutter"))
    pen = QPen(theme.color("border"))
    pen.setCosmetic(True)
    painter.setPen(pen)
    right = gutter.width() - 1
    painter.drawLine(right, event.rect().top(), right, event.rect().bottom())
    return painter
