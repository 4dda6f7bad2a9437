"""The Source view: the persona's one text as a plain-text editor.

It shows the session's QTextDocument itself, so typing edits the one text and undo/redo is the
document's stack. Around the text: a gutter with line numbers and a marker per line with
problems (its shape tells the severity: a filled circle for an error, a triangle for a warning,
an "i" for information), a current-line highlight, and a wavy underline under each diagnostic's
span; hovering a marked span or its marker shows the problems there.

The underlines are extra selections whose cursors follow the text as the user types, so marks
stay on their characters until the next lint replaces them. Positions on the public API are
code-point offsets, as in the core; Qt positions (UTF-16) stay inside this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from persona_studio.core.lint import Diagnostic, Severity
from persona_studio.gui import keep_viewport
from persona_studio.gui.editor.gutter import SourceGutter, diagnostic_tooltip, tooltip_html
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.editor.underlines import Mark, marks_match, widen, worst_by_line
from persona_studio.gui.theme import Theme, apply_text_palette

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent, QTextBlock

    from persona_studio.gui.editor.completion import SourceAssist
    from persona_studio.gui.editor.highlighter import PersonaHighlighter

MIN_POINT_SIZE = 6.0
MAX_POINT_SIZE = 72.0
ZOOM_STEP = 1.0
TAB_WIDTH = 4  # in spaces


class SourceEditor(QPlainTextEdit):
    """A plain-text editor over a session's text, with highlighting and diagnostics."""

    cursorPositionChangedTo = Signal(int, int)  # 1-based line and column (code points)
    zoomChanged = Signal(float)  # the font's point size

    def __init__(
        self, session: DocumentSession, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        keep_viewport(self)
        self._session = session
        self._theme = theme
        self._marks: list[Mark] = []
        self._severities: dict[int, Severity] | None = None  # block number -> worst, cached
        self._marks_version = 0  # counts changes of the markers
        self._lines_moved = 0  # counts edits that may move markers to other lines
        self._last_block = -1

        self.setAccessibleName("Source")
        self.setAccessibleDescription(
            "The persona's text: YAML front matter and Markdown body. "
            "Problems are underlined; hover them or their line marker for details."
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setDocument(session.text_document)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setCenterOnScroll(False)

        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setFixedPitch(True)
        self._base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        self.setFont(font)

        self._gutter = SourceGutter(self)
        # Highlighting and the help while writing (completion, hovers, Ctrl+.) are made when the
        # view first shows (or is asked for them): a window opens on the Structured view, and
        # a Source view never shown costs neither their memory nor a pass over the text.
        self._highlighter: PersonaHighlighter | None = None
        self._assist: SourceAssist | None = None
        self._in_code_block: Callable[[QTextBlock], bool] | None = None

        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        session.text_document.contentsChange.connect(self._forget_line_severities)
        session.diagnosticsChanged.connect(self.set_diagnostics)

        self._apply_font_metrics()
        self.apply_theme(theme)
        self.set_diagnostics(session.diagnostics)
        self._on_cursor_moved()

    # -- made when first needed ---------------------------------------------------------
    @property
    def highlighter(self) -> PersonaHighlighter:
        """The syntax highlighting of the text, attached (and run over the text) at once."""
        if self._highlighter is None:
            from persona_studio.gui.editor.highlighter import PersonaHighlighter, in_code_block

            self._highlighter = PersonaHighlighter(self, self._theme)
            self._highlighter.setDocument(self._session.text_document)
            self._highlighter.rehighlight()  # now, not a turn of the event loop later
            self._in_code_block = in_code_block
        return self._highlighter

    @property
    def assist(self) -> SourceAssist:
        """Completion, hovers over keys and tools, Ctrl+. fixes."""
        if self._assist is None:
            from persona_studio.gui.editor.completion import SourceAssist

            self._assist = SourceAssist(self)
        return self._assist

    def showEvent(self, event: QShowEvent) -> None:
        self.highlighter  # noqa: B018 - made now: the view paints highlighted from the first
        self.assist  # noqa: B018
        super().showEvent(event)

    # -- properties ---------------------------------------------------------------------
    @property
    def session(self) -> DocumentSession:
        return self._session

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def gutter(self) -> QWidget:
        return self._gutter

    # -- theme --------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        """Colour the text area, gutter, current line, underlines and highlighting."""
        self._theme = theme
        apply_text_palette(self, theme)
        for mark in self._marks:
            mark.selection.format = self._underline_format(mark.diagnostic.severity)
        if self._highlighter is not None:
            self._highlighter.apply_theme(theme)
        self.setExtraSelections([mark.selection for mark in self._marks])
        self._gutter.update()
        self.viewport().update()

    def _underline_format(self, severity: Severity) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(self._theme.color(severity.label))
        return fmt

    # -- diagnostics --------------------------------------------------------------------
    def set_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Underline each diagnostic's span and mark its first line in the gutter.

        A zero-width span underlines the character after it (or before it at a line's end),
        so it stays visible; on an empty line only the gutter marker shows.
        """
        document = self.document()
        last = max(0, document.characterCount() - 1)
        ranges = []
        for diagnostic in diagnostics:
            start = min(max(self._session.to_qt(diagnostic.span.start), 0), last)
            end = min(max(self._session.to_qt(diagnostic.span.end), start), last)
            if start == end:
                start, end = widen(document, start)
            ranges.append((diagnostic, start, end))
        if marks_match(self._marks, ranges):
            # The usual case while typing: the underlines already followed the edit (their
            # cursors move with the text), so nothing is repainted.
            for mark, (diagnostic, _, _) in zip(self._marks, ranges, strict=True):
                mark.diagnostic = diagnostic
            return
        marks = []
        for diagnostic, start, end in ranges:
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = self._underline_format(diagnostic.severity)
            marks.append(Mark(diagnostic, selection))
        self._marks = marks
        self._marks_version += 1
        self._severities = None
        self.setExtraSelections([mark.selection for mark in self._marks])
        self._gutter.update()

    def diagnostics(self) -> list[Diagnostic]:
        """The diagnostics shown, in the order they were given."""
        return [mark.diagnostic for mark in self._marks]

    def diagnostic_ranges(self) -> list[tuple[Diagnostic, int, int]]:
        """Each diagnostic with the code-point range it underlines now."""
        from_qt = self._session.from_qt
        return [(m.diagnostic, from_qt(m.start), from_qt(m.end)) for m in self._marks]

    def diagnostics_at(self, offset: int) -> list[Diagnostic]:
        """The diagnostics whose underline holds the character at a code-point offset."""
        return self._diagnostics_at_position(self._session.to_qt(offset))

    def _diagnostics_at_position(self, position: int) -> list[Diagnostic]:
        return [mark.diagnostic for mark in self._marks if mark.covers(position)]

    def diagnostics_on_line(self, line: int) -> list[Diagnostic]:
        """The diagnostics whose gutter marker is on a 1-based line (their first line)."""
        document = self.document()
        return [
            mark.diagnostic
            for mark in self._marks
            if document.findBlock(mark.start).blockNumber() == line - 1
        ]

    def tooltip_for(self, offset: int) -> str:
        """The tooltip text over the character at a code-point offset ("" when none)."""
        return "\n".join(diagnostic_tooltip(d) for d in self.diagnostics_at(offset))

    def tooltip_for_line(self, line: int) -> str:
        """The tooltip text of a line's gutter marker ("" when the line has none)."""
        return "\n".join(diagnostic_tooltip(d) for d in self.diagnostics_on_line(line))

    def line_severities(self) -> dict[int, Severity]:
        """Block number -> the worst severity whose marker is on it (cached until an edit)."""
        if self._severities is None:
            self._severities = worst_by_line(self.document(), self._marks)
        return self._severities

    def _forget_line_severities(self, position: int, _removed: int, added: int) -> None:
        self._severities = None
        if added:
            document = self.document()
            if document.findBlock(position) != document.findBlock(position + added):
                self._lines_moved += 1  # text with line breaks came in: markers may move

    # -- tooltips ------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self._position_at(event.pos())
            found = [] if position is None else self._diagnostics_at_position(position)
            if found:
                QToolTip.showText(event.globalPos(), tooltip_html(found), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _position_at(self, point: QPoint) -> int | None:
        """The Qt position of the character under a viewport point (None over no text)."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if not rect.top() <= point.y() <= rect.bottom():
            return None
        block = cursor.block()
        position = cursor.position()
        if point.x() < rect.left() and position > block.position():
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
            return cursor.position()
        if position >= block.position() + block.length() - 1:
            # Past the end of the line: only a mark widened onto the last character counts.
            width = self.fontMetrics().horizontalAdvance(" ")
            if point.x() > rect.right() + width or position == block.position():
                return None
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
            return cursor.position()
        return position

    def show_gutter_tooltip(self, event: QHelpEvent) -> None:
        line = self.line_at_y(event.pos().y())
        found = self.diagnostics_on_line(line) if line is not None else []
        if found:
            QToolTip.showText(event.globalPos(), tooltip_html(found), self._gutter)
        elif line is not None:
            tip = f"Line {line}: click to move the cursor here"
            QToolTip.showText(event.globalPos(), tip, self._gutter)
        else:
            QToolTip.hideText()

    # -- navigation ----------------------------------------------------------------------
    def go_to_offset(self, start: int, end: int | None = None) -> None:
        """Place the cursor at a code-point offset (selecting up to `end`) and centre it."""
        if end is not None and end < start:
            start, end = end, start
        last = max(0, self.document().characterCount() - 1)
        qt_start = min(max(self._session.to_qt(start), 0), last)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qt_start)
        self.setTextCursor(cursor)
        self.centerCursor()
        if end is not None and end != start:
            qt_end = min(max(self._session.to_qt(end), 0), last)
            cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self._keep_visible(qt_start)

    def _keep_visible(self, position: int) -> None:
        """After selecting, scroll back if the selection's start left the top of the view."""
        block = self.document().findBlock(position)
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        if top < 0:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (1 + int(-top // max(1, self.fontMetrics().height()))))

    def go_to_line(self, line: int) -> None:
        """Place the cursor at the start of a 1-based line and centre it."""
        document = self.document()
        number = min(max(line, 1), document.blockCount()) - 1
        cursor = QTextCursor(document.findBlockByNumber(number))
        self.setTextCursor(cursor)
        self.centerCursor()

    def current_offset(self) -> int:
        """The cursor's code-point offset into the text."""
        return self._session.from_qt(self.textCursor().position())

    def cursor_line_column(self) -> tuple[int, int]:
        """The cursor's 1-based line and column (the column counts code points)."""
        cursor = self.textCursor()
        block = cursor.block()
        column = cursor.positionInBlock()
        text = block.text()
        if not text.isascii():
            prefix = text.encode("utf-16-le")[: 2 * column]
            column = len(prefix.decode("utf-16-le", errors="ignore"))
        return block.blockNumber() + 1, column + 1

    def line_at_y(self, y: float) -> int | None:
        """The 1-based line shown at a y coordinate of the viewport or gutter."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > y:
                return None
            if block.isVisible() and y < geometry.bottom():
                return block.blockNumber() + 1
            block = block.next()
        return None

    def _on_cursor_moved(self) -> None:
        line, column = self.cursor_line_column()
        if line - 1 != self._last_block:
            self._last_block = line - 1
            self._gutter.update()
            self.viewport().update()  # the current-line band moves
        self.cursorPositionChangedTo.emit(line, column)

    # -- wrapping and zoom ---------------------------------------------------------------
    def set_wrap(self, wrap: bool) -> None:
        """Wrap long lines at the window's width, or scroll sideways (the default)."""
        mode = QPlainTextEdit.LineWrapMode
        self.setLineWrapMode(mode.WidgetWidth if wrap else mode.NoWrap)

    def is_wrapping(self) -> bool:
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    def point_size(self) -> float:
        return self.font().pointSizeF()

    def set_point_size(self, size: float) -> None:
        size = min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE)
        if size == self.point_size():
            return
        font = self.font()
        font.setPointSizeF(size)
        self.setFont(font)
        self._apply_font_metrics()
        self.zoomChanged.emit(size)

    def zoom_in(self) -> None:
        self.set_point_size(self.point_size() + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_point_size(self.point_size() - ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_point_size(self._base_point_size)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in()
            elif delta < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def _apply_font_metrics(self) -> None:
        metrics = self.fontMetrics()
        self.setTabStopDistance(TAB_WIDTH * metrics.horizontalAdvance(" "))
        self._gutter.setFont(self.font())
        self._update_gutter_width()
        self._gutter.update()

    # -- gutter --------------------------------------------------------------------------
    def gutter_width(self) -> int:
        return self._gutter.width_needed()

    def _update_gutter_width(self, *_: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        whole = rect.contains(self.viewport().rect())
        if dy or not whole:
            self._gutter.follow(rect, dy)
        elif self.gutter_shows() != self._gutter.shown:
            # Qt asks for the whole view on every key press; the gutter is repainted only when
            # what it shows (lines, scrolling, current line, markers) has changed.
            self._gutter.update()
        if whole:
            self._update_gutter_width()

    def gutter_shows(self) -> tuple[object, ...]:
        """What the gutter's picture depends on, but the theme and font (which update it)."""
        first = self.firstVisibleBlock()
        return (
            first.blockNumber(),
            self.contentOffset().y(),
            self.blockCount(),
            self.textCursor().blockNumber(),
            self._marks_version,
            self._lines_moved,
            self.viewport().height(),
            self.document().documentLayout().documentSize().height(),  # lines, wrapped
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._gutter.place()

    # -- backgrounds: code blocks and the current line ------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the code-block bands and the current-line band under the text.

        The current line is painted here rather than as an extra selection, so moving the
        cursor never re-sends the (possibly many) diagnostic underlines to Qt. Qt repaints the
        whole view on every key press, so this looks up geometry only for the bands it paints.
        """
        painter = QPainter(self.viewport())
        width = self.viewport().width()
        offset = self.contentOffset()
        rect = event.rect()
        first = self.firstVisibleBlock()
        last = self.cursorForPosition(QPoint(0, rect.bottom())).block()
        in_code_block = self._in_code_block  # None: not highlighted, no code blocks known
        if first.isValid() and last.isValid() and in_code_block is not None:
            code = self._theme.color("code_background")
            block = first
            stop = last.blockNumber()
            while block.isValid() and block.blockNumber() <= stop:
                if in_code_block(block) and block.isVisible():
                    geometry = self.blockBoundingGeometry(block).translated(offset)
                    painter.fillRect(QRectF(0, geometry.top(), width, geometry.height()), code)
                block = block.next()
        current = self.textCursor().block()
        if current.isVisible():
            geometry = self.blockBoundingGeometry(current).translated(offset)
            if geometry.bottom() >= rect.top() and geometry.top() <= rect.bottom():
                band = QRectF(0, geometry.top(), width, geometry.height())
                painter.fillRect(band, self._theme.color("current_line"))
        painter.end()
        super().paintEvent(event)
