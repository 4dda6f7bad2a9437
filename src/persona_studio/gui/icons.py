"""Severity icons drawn with QPainter from the theme's colours.

Each severity has its own shape, so the icons never rely on colour alone: an error is a filled
circle with a cross, a warning a triangle with an exclamation mark, an info a circle with an "i".
The icons are vector-drawn by `PaintedIconEngine`, the one engine of the program's drawn icons
(the form's glyphs use it too), at whatever size and device pixel ratio Qt asks for, and cached.
"""

from __future__ import annotations

import atexit
import functools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QStyle, QWidget

from persona_studio.core.lint import Severity
from persona_studio.gui.theme import Theme

_COLOR_NAMES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def paint_severity(
    painter: QPainter, rect: QRectF, severity: Severity, fill: QColor, glyph: QColor
) -> None:
    """Draw one severity's shape into ``rect`` (a square is best)."""
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    inset = side * 0.06
    box.adjust(inset, inset, -inset, -inset)
    s = box.width()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    pen = QPen(glyph, max(1.0, s * 0.13), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    x, y = box.left(), box.top()
    if severity == Severity.WARNING:
        path = QPainterPath()
        path.moveTo(x + s / 2, y + s * 0.04)
        path.lineTo(x + s, y + s * 0.94)
        path.lineTo(x, y + s * 0.94)
        path.closeSubpath()
        outline = QPen(fill, max(1.0, s * 0.08))
        outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(outline)
        painter.drawPath(path)
        painter.setPen(pen)
        painter.drawLine(QPointF(x + s / 2, y + s * 0.36), QPointF(x + s / 2, y + s * 0.62))
        painter.drawPoint(QPointF(x + s / 2, y + s * 0.79))
    elif severity == Severity.ERROR:
        painter.drawEllipse(box)
        painter.setPen(pen)
        a, b = s * 0.33, s * 0.67
        painter.drawLine(QPointF(x + a, y + a), QPointF(x + b, y + b))
        painter.drawLine(QPointF(x + b, y + a), QPointF(x + a, y + b))
    else:
        painter.drawEllipse(box)
        painter.setPen(pen)
        painter.drawPoint(QPointF(x + s / 2, y + s * 0.29))
        painter.drawLine(QPointF(x + s / 2, y + s * 0.47), QPointF(x + s / 2, y + s * 0.74))
    painter.restore()


# An icon painter: draws the icon into a rect for a mode (normal, disabled, active, selected).
IconPainter = Callable[[QPainter, QRectF, QIcon.Mode], None]


class PaintedIconEngine(QIconEngine):
    """The one engine of the program's drawn icons (severities, form glyphs): it calls an
    `IconPainter` at whatever size and device pixel ratio Qt asks for, so HiDPI screens get
    sharp pixels and the icons follow the theme (no image files)."""

    def __init__(self, paint: IconPainter, key: str) -> None:
        super().__init__()
        self._paint = paint
        self._key = key

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._paint(painter, QRectF(rect), mode)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale if scale > 1 else size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        finally:  # a painter left open on a dying pixmap crashes Qt
            painter.end()
        if scale > 1:
            pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return _kept(PaintedIconEngine(self._paint, self._key))  # Qt owns the copy

    def key(self) -> str:
        return self._key


# Every engine made, kept alive here: PySide does not hand an engine's ownership to the QIcon
# (or, for a clone, to Qt), so Python must not collect it. Callers cache their icons.
_ENGINES: list[PaintedIconEngine] = []


def _kept(engine: PaintedIconEngine) -> PaintedIconEngine:
    _ENGINES.append(engine)
    return engine


def painted_icon(paint: IconPainter, key: str) -> QIcon:
    """An icon drawn by ``paint`` at any size (cache it: each call makes a new engine)."""
    return QIcon(_kept(PaintedIconEngine(paint, key)))


def _paint_severity_icon(
    severity: Severity,
    colors: tuple[str, str, str, str],
    painter: QPainter,
    rect: QRectF,
    mode: QIcon.Mode,
) -> None:
    fill, glyph, disabled, on = colors
    if mode == QIcon.Mode.Selected:  # inverted, so the shape stands out on the highlight
        fill, glyph = on, fill
    elif mode == QIcon.Mode.Disabled:
        fill = disabled
    paint_severity(painter, rect, severity, QColor(fill), QColor(glyph))


# The caches of painted icons (and of what holds them), emptied before Python tears the modules
# down: a painted icon's engine is deleted by the last QIcon that holds it, and also by Python
# when `_ENGINES` goes. Left to the end of the process, that list may be cleared before a cached
# icon, whose destructor then finds its engine gone: a crash at exit, depending on the order in
# which Python happens to clear the modules.
_ICON_CACHES: list[Callable[[], None]] = []
_Cached = TypeVar("_Cached", bound=Callable[..., Any])


def icon_cache(maxsize: int) -> Callable[[_Cached], _Cached]:
    """`functools.lru_cache` for functions that return painted icons: emptied at exit, first."""

    def decorate(function: _Cached) -> _Cached:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _ICON_CACHES.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return decorate


def release_cached_icons() -> None:
    """Let go of every cached painted icon (at exit, before the modules go)."""
    for clear in _ICON_CACHES:
        clear()


atexit.register(release_cached_icons)


@icon_cache(maxsize=64)
def _cached_icon(severity: Severity, fill: str, glyph: str, disabled: str, on: str) -> QIcon:
    paint = functools.partial(_paint_severity_icon, severity, (fill, glyph, disabled, on))
    return painted_icon(paint, "persona-studio-severity")


def severity_icon(severity: Severity, theme: Theme) -> QIcon:
    """The icon of a severity in a theme (cached per severity and colours). Disabled: muted;
    selected (on the highlight): inverted."""
    fill = getattr(theme, _COLOR_NAMES[severity])
    return _cached_icon(severity, fill, theme.base, theme.muted, theme.accent_text)


def severity_pixmap(severity: Severity, theme: Theme, size: int, ratio: float = 1.0) -> QPixmap:
    """A pixmap of ``size`` logical pixels at a device pixel ratio (for labels and HTML)."""
    return severity_icon(severity, theme).pixmap(QSize(size, size), ratio)


def icon_size(widget: QWidget) -> QSize:
    """A small icon that matches the widget's text: its font height, at least the style's."""
    height = QFontMetrics(widget.font()).height()
    small = widget.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, widget)
    side = max(height, small)
    return QSize(side, side)
