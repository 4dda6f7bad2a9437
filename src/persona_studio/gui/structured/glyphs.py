"""Small line icons for the form's buttons, drawn with QPainter in a theme colour.

Drawn by `gui.icons.PaintedIconEngine` (the engine of the severity icons too) at whatever size and
device pixel ratio Qt asks for, so they stay sharp on HiDPI screens and follow the theme (no
image files, no hard-coded pixel sizes).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyleOption, QWidget

from persona_studio.gui.icons import icon_cache, painted_icon
from persona_studio.gui.structured.style import ViewStyle

GLYPHS = ("up", "down", "remove", "add", "delete", "migrate", "text", "search", "close")


def _paint(painter: QPainter, rect: QRectF, name: str, color: QColor) -> None:
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    s = side
    x, y = box.left(), box.top()

    def at(u: float, v: float) -> QPointF:
        return QPointF(x + u * s, y + v * s)

    pen = QPen(color, max(1.0, s * 0.09), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if name in ("up", "down"):
        top, bottom = (0.36, 0.64) if name == "up" else (0.64, 0.36)
        path = QPainterPath(at(0.25, bottom))
        path.lineTo(at(0.5, top))
        path.lineTo(at(0.75, bottom))
        painter.drawPath(path)
    elif name in ("remove", "close"):
        a, b = (0.3, 0.7) if name == "remove" else (0.28, 0.72)
        painter.drawLine(at(a, a), at(b, b))
        painter.drawLine(at(b, a), at(a, b))
    elif name == "add":
        painter.drawLine(at(0.5, 0.22), at(0.5, 0.78))
        painter.drawLine(at(0.22, 0.5), at(0.78, 0.5))
    elif name == "delete":
        painter.drawLine(at(0.22, 0.3), at(0.78, 0.3))
        painter.drawLine(at(0.42, 0.3), at(0.44, 0.2))
        painter.drawLine(at(0.44, 0.2), at(0.56, 0.2))
        painter.drawLine(at(0.56, 0.2), at(0.58, 0.3))
        path = QPainterPath(at(0.3, 0.3))
        path.lineTo(at(0.34, 0.8))
        path.lineTo(at(0.66, 0.8))
        path.lineTo(at(0.7, 0.3))
        painter.drawPath(path)
        painter.drawLine(at(0.45, 0.42), at(0.46, 0.68))
        painter.drawLine(at(0.55, 0.42), at(0.54, 0.68))
    elif name == "migrate":
        painter.drawLine(at(0.2, 0.5), at(0.78, 0.5))
        path = QPainterPath(at(0.56, 0.3))
        path.lineTo(at(0.78, 0.5))
        path.lineTo(at(0.56, 0.7))
        painter.drawPath(path)
    elif name == "text":
        painter.drawLine(at(0.24, 0.26), at(0.76, 0.26))
        painter.drawLine(at(0.5, 0.26), at(0.5, 0.78))
        painter.drawLine(at(0.38, 0.78), at(0.62, 0.78))
    elif name == "search":
        painter.drawEllipse(QRectF(at(0.2, 0.2), at(0.62, 0.62)))
        painter.drawLine(at(0.58, 0.58), at(0.8, 0.8))
    painter.restore()


def _paint_glyph(
    name: str, color: str, disabled: str, painter: QPainter, rect: QRectF, mode: QIcon.Mode
) -> None:
    _paint(painter, rect, name, QColor(disabled if mode == QIcon.Mode.Disabled else color))


@icon_cache(maxsize=128)  # an lru_cache emptied at exit before the icons' engines go
def glyph_icon(name: str, color: str, disabled: str) -> QIcon:
    """A line icon (`GLYPHS`) in a colour, greyed to `disabled` when its button is disabled."""
    if name not in GLYPHS:
        raise ValueError(f"unknown glyph {name!r}")
    paint = functools.partial(_paint_glyph, name, color, disabled)
    return painted_icon(paint, "persona-studio-glyph")


class CheckStyle(ViewStyle):
    """The tool tree's style: draws item-view check boxes in the theme's colours (a hollow box, or
    a filled box with a tick), so they stay visible on dark backgrounds; the frame and items as
    every list's (`ViewStyle`), everything else as the base style."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element != QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck:
            super().drawPrimitive(element, option, painter, widget)
            return
        theme = self.theme
        rect = QRectF(option.rect)
        side = min(rect.width(), rect.height()) * 0.8
        box = QRectF(0, 0, side, side)
        box.moveCenter(rect.center())
        checked = bool(option.state & QStyle.StateFlag.State_On)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        accent = QColor(theme.accent if enabled else theme.muted)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = side * 0.2
        if checked:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(box, radius, radius)
            pen = QPen(QColor(theme.accent_text), max(1.0, side * 0.14))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            x, y, s = box.left(), box.top(), side
            path = QPainterPath(QPointF(x + s * 0.24, y + s * 0.52))
            path.lineTo(QPointF(x + s * 0.43, y + s * 0.7))
            path.lineTo(QPointF(x + s * 0.76, y + s * 0.32))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        else:
            painter.setPen(QPen(QColor(theme.muted), max(1.0, side * 0.08)))
            painter.setBrush(QColor(theme.base))
            inset = side * 0.04
            painter.drawRoundedRect(box.adjusted(inset, inset, -inset, -inset), radius, radius)
        painter.restore()
