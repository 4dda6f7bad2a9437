"""The line gutters beside a plain-text editor.

`LineGutter`, shared by the Source view and the diff panes, is the widget beside a
`QPlainTextEdit`: it paints the frame (the theme's gutter background and a right border), walks
the lines in view and hands each to `paint_line`, which a subclass fills with its numbers and
marks (`draw_number` right-aligns one). The editor keeps it placed (`place`, on resize) and in
step with scrolling and edits (`follow`, on updateRequest).

`SourceGutter` is the Source view's: line numbers, and a marker per line with problems (a shape
per severity, so colour is not the only cue). Hover a marker for the line's problems; click a
line number to move the cursor there. The editor tells it when to repaint (see `SourceEditor`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QTextBlock
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from persona_studio.core.lint import Diagnostic, Severity
from persona_studio.gui.icons import paint_severity
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


MARKER_SIZE = 0.7  # of the line height: the painter insets the shape, so it spans about 0.62


def diagnostic_tooltip(diagnostic: Diagnostic) -> str:
    """One line of a tooltip: "severity rule-name: message"."""
    return f"{diagnostic.severity.label} {diagnostic.name}: {diagnostic.message}"


def tooltip_html(diagnostics: Sequence[Diagnostic]) -> str:
    rows = (
        f"<b>{html.escape(d.severity.label)}</b> {html.escape(d.name)}: {html.escape(d.message)}"
        for d in diagnostics
    )
    return "<qt>" + "<br>".join(rows) + "</qt>"


class SourceGutter(LineGutter):
    """Line numbers and problem markers beside a `SourceEditor`."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._parts = (0, 0, 0)
        self._severities: dict[int, Severity] = {}
        self._current = -1
        self._fonts = (QFont(), QFont())
        self._line_height = 0
        self.shown: tuple[object, ...] = ()  # the editor's `gutter_shows()` at the last paint
        self.setAccessibleName("Line numbers and problem markers")
        self.setToolTip("Line numbers; a marker shows a problem on its line (hover for details)")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._editor.show_gutter_tooltip(event)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            line = self._editor.line_at_y(event.position().y())
            if line is not None:
                self._editor.go_to_line(line)
                self._editor.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def parts(self) -> tuple[int, int, int]:
        """(padding, marker column width, digits width), all from the font's metrics."""
        editor = self._editor
        metrics = editor.fontMetrics()
        padding = max(1, metrics.horizontalAdvance(" ") // 2)
        digits = max(2, len(str(max(1, editor.blockCount()))))
        return padding, metrics.height(), metrics.horizontalAdvance("9") * digits

    def width_needed(self) -> int:
        padding, marker, digits = self.parts()
        return padding + marker + digits + 3 * padding

    def theme(self) -> Theme:
        return self._editor.theme

    def begin_lines(self, painter: QPainter) -> None:
        editor = self._editor
        self.shown = editor.gutter_shows()
        self._parts = self.parts()
        self._severities = editor.line_severities()
        self._current = editor.textCursor().blockNumber()
        bold = QFont(editor.font())
        bold.setBold(True)
        self._fonts = (editor.font(), bold)
        self._line_height = editor.fontMetrics().height()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def paint_line(self, painter: QPainter, block: QTextBlock, geometry: QRectF) -> None:
        theme = self._editor.theme
        padding, marker_width, digits_width = self._parts
        top, line_height = geometry.top(), self._line_height
        number = block.blockNumber()
        is_current = number == self._current
        painter.setFont(self._fonts[is_current])
        painter.setPen(theme.color("text" if is_current else "gutter_text"))
        draw_number(painter, QRectF(padding + marker_width, top, digits_width, line_height), number)
        severity = self._severities.get(number)
        if severity is not None:
            box = QRectF(padding, top, marker_width, line_height)
            self._paint_marker(painter, box, severity, theme)

    @staticmethod
    def _paint_marker(painter: QPainter, box: QRectF, severity: Severity, theme: Theme) -> None:
        """The severity's shape, drawn by the one severity painter (`icons.paint_severity`), the
        same as the problem list's icons: colour is not the only cue."""
        side = box.height() * MARKER_SIZE
        square = QRectF(0, 0, side, side)
        square.moveCenter(box.center())
        paint_severity(painter, square, severity, theme.color(severity.label), theme.color("base"))
