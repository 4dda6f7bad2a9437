"""The change overview beside the diff's scroll bar.

Every change is a mark at its place in the text: removed lines in the left half, added lines in
the right half (so the halves, not only the colours, tell them apart). The part of the text in
view is outlined; a click or a drag asks the window to go there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QStyle, QWidget

from persona_studio.core.diffview.layout import REMOVED
from persona_studio.gui.compare.diff_pane import DiffColors
from persona_studio.gui.theme import Theme


class ChangeOverview(QWidget):
    """Every change as a mark beside the scroll bar, at its place in the text: removed lines
    in the left half, added lines in the right half. The part in view is outlined."""

    jumpRequested = Signal(int)  # row

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._colors = DiffColors.from_theme(theme)
        self._rows = 0
        self._marks: list[tuple[int, int, str]] = []
        self._view = (0, 0)
        self.setAccessibleName("Change overview")
        self.setToolTip("Where the changes are: removed lines left, added lines right. Click to go")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(max(extent, self.fontMetrics().horizontalAdvance("MM")), 0)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    @property
    def marks(self) -> list[tuple[int, int, str]]:
        return list(self._marks)

    def set_marks(self, row_count: int, marks: Sequence[tuple[int, int, str]]) -> None:
        """``marks`` are (first row, last row exclusive, REMOVED or ADDED)."""
        self._rows = row_count
        self._marks = list(marks)
        self.update()

    def set_view(self, first: int, count: int) -> None:
        if (first, count) != self._view:
            self._view = (first, count)
            self.update()

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._colors = DiffColors.from_theme(theme)
        self.update()

    def _y(self, row: float) -> float:
        return row / max(1, self._rows) * self.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._theme.color("gutter"))
        half = self.width() / 2
        least = max(2.0, self.fontMetrics().height() / 6)
        for first, last, state in self._marks:
            top = self._y(first)
            height = max(least, self._y(last) - top)
            x = 0.0 if state == REMOVED else half
            color = self._colors.removed_mark if state == REMOVED else self._colors.added_mark
            painter.fillRect(QRectF(x + 1, top, half - 2, height), color)
        if self._rows:
            first, count = self._view
            view = QRectF(0.5, self._y(first), self.width() - 1.0, self._y(first + count))
            view.setBottom(min(self.height() - 0.5, self._y(first + count)))
            shade = QColor(self._theme.color("text"))
            shade.setAlphaF(0.08)
            painter.fillRect(view, shade)
            pen = QPen(self._theme.color("muted"))
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawRect(view)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._jump(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event.position().y())

    def _jump(self, y: float) -> None:
        if self._rows and self.height() > 0:
            row = int(min(max(y, 0.0), self.height() - 1) / self.height() * self._rows)
            self.jumpRequested.emit(min(row, self._rows - 1))
