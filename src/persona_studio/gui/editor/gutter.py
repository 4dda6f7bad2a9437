"""The one line gutter, shared by the Source view and the diff panes.

`LineGutter` is the widget beside a `QPlainTextEdit`: it paints the frame (the theme's gutter
background and a right border), walks the lines in view and hands each to `paint_line`, which a
subclass fills with its numbers and marks (`draw_number` right-aligns one). The editor keeps it
placed (`place`, on resize) and in step with scrolling and edits (`follow`, on updateRequest).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QTextBlock
from PySide6.QtWidgets import QPlainTextEdit, QWidget

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


def draw_number(painter: QPainter, rect: QRectF, number: int) -> None:
    """A 1-based line number, right-aligned and centred vertically in ``rect``."""
    painter.drawText(
        rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(number + 1)
    )


class LineGutter(QWidget):
    """Line numbers (and whatever marks a subclass adds) beside a plain-text editor."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor

    # -- what a subclass tells ------------------------------------------------------------
    def width_needed(self) -> int:
        """The gutter's width for the editor's font and line count."""
        raise NotImplementedError

    def theme(self) -> Theme:
        raise NotImplementedError

    def begin_lines(self, painter: QPainter) -> None:
        """Called once a paint, before the lines (to look up what every line needs)."""

    def paint_line(self, painter: QPainter, block: QTextBlock, geometry: QRectF) -> None:
        """Paint one line's numbers and marks; ``geometry`` is its block, in gutter pixels."""
        raise NotImplementedError

    # -- the frame and the walk -----------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(self.width_needed(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = begin_gutter(self, event, self.theme())
        try:
            self.begin_lines(painter)
            editor = self._editor
            area = event.rect()
            block = editor.firstVisibleBlock()
            offset = editor.contentOffset()
            while block.isValid():
                geometry = editor.blockBoundingGeometry(block).translated(offset)
                if geometry.top() > area.bottom():
                    break
                if block.isVisible() and geometry.bottom() >= area.top():
                    self.paint_line(painter, block, geometry)
                block = block.next()
        finally:  # a painter left open crashes Qt
            painter.end()

    # -- keeping in step with the editor --------------------------------------------------
    def place(self) -> None:
        """Put the gutter along the editor's left edge (call it from the editor's resize)."""
        contents = self._editor.contentsRect()
        self.setGeometry(
            QRect(contents.left(), contents.top(), self.width_needed(), contents.height())
        )

    def follow(self, rect: QRect, dy: int) -> None:
        """Follow the editor's updateRequest: scroll with the text, or repaint the lines that
        changed."""
        if dy:
            self.scroll(0, dy)
        else:
            self.update(0, rect.y(), self.width(), rect.height())
