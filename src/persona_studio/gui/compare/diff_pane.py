"""The panes of the diff window: a read-only text view per side, and the change overview.

A ``DiffPane`` shows rows of a ``core.diffview.layout.Layout``: removed and added lines get a line
background, the changed words inside a pair of lines a stronger background (character formats
in the pane's own document, so they can be read back), and filler rows a hatched band. The
gutter shows line numbers and a "−" or "+" sign, so a change never relies on colour alone.
The current change is framed.

Colours come from the theme: removed from ``error``, added from ``info``, blended into ``base``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QMenu, QPlainTextEdit, QWidget

from persona_studio.core.diffview.layout import ADDED, EQUAL_ROW, FILLER, REMOVED, Row
from persona_studio.gui.editor.gutter import LineGutter, draw_number
from persona_studio.gui.theme import Theme, apply_text_palette

TAB_WIDTH = 4


def blend(color: QColor, base: QColor, amount: float) -> QColor:
    """``amount`` of ``color`` over ``base`` (0 gives base, 1 gives color)."""
    keep = 1.0 - amount
    return QColor.fromRgbF(
        color.redF() * amount + base.redF() * keep,
        color.greenF() * amount + base.greenF() * keep,
        color.blueF() * amount + base.blueF() * keep,
    )


@dataclass(frozen=True)
class DiffColors:
    """The diff's colours, derived from a theme."""

    removed_line: QColor
    removed_word: QColor
    added_line: QColor
    added_word: QColor
    removed_mark: QColor
    added_mark: QColor
    filler: QColor
    frame: QColor

    @classmethod
    def from_theme(cls, theme: Theme) -> DiffColors:
        base = theme.color("base")
        line, word = (0.20, 0.42) if theme.dark else (0.13, 0.32)
        return cls(
            removed_line=blend(theme.color("error"), base, line),
            removed_word=blend(theme.color("error"), base, word),
            added_line=blend(theme.color("info"), base, line),
            added_word=blend(theme.color("info"), base, word),
            removed_mark=theme.color("error"),
            added_mark=theme.color("info"),
            filler=blend(theme.color("border"), base, 0.9),
            frame=theme.color("accent"),
        )

    def line(self, state: str) -> QColor | None:
        return {REMOVED: self.removed_line, ADDED: self.added_line}.get(state)

    def word(self, state: str) -> QColor | None:
        return {REMOVED: self.removed_word, ADDED: self.added_word}.get(state)


def qt_offset(text: str, offset: int) -> int:
    """A code-point offset into ``text`` as Qt counts it (UTF-16 units)."""
    if text.isascii():
        return offset
    return len(text[:offset].encode("utf-16-le")) // 2


def code_offset(text: str, position: int) -> int:
    """A UTF-16 position in ``text`` as a code-point offset."""
    if text.isascii():
        return position
    return len(text.encode("utf-16-le")[: 2 * position].decode("utf-16-le", errors="ignore"))


class _Gutter(LineGutter):
    """Line numbers of one or both sides, and a "−" or "+" sign."""

    def __init__(self, pane: DiffPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self._bold = QFont()
        self.setAccessibleName(f"{pane.accessibleName()} line numbers")
        self.setToolTip("Line numbers; − marks a removed line, + an added line")

    def width_needed(self) -> int:
        return self._pane.gutter_width()

    def theme(self) -> Theme:
        return self._pane.theme

    def begin_lines(self, painter: QPainter) -> None:
        self._bold = QFont(self._pane.font())
        self._bold.setBold(True)

    def paint_line(self, painter: QPainter, block: QTextBlock, geometry: QRectF) -> None:
        pane = self._pane
        number = block.blockNumber()
        if number >= len(pane.rows):
            return
        row = pane.rows[number]
        padding, digits, sign_width = pane.gutter_parts()
        x = padding
        painter.setFont(pane.font())
        painter.setPen(pane.theme.color("gutter_text"))
        for column in pane.columns:
            line = row.line_a if column == "a" else row.line_b
            if row.state == FILLER:
                line = None
            if row.state == REMOVED and column == "b":
                line = None
            if row.state == ADDED and column == "a":
                line = None
            if line is not None:
                draw_number(painter, QRectF(x, geometry.top(), digits, geometry.height()), line)
            x += digits + 2 * padding
        colors = pane.colors
        mark = {REMOVED: ("−", colors.removed_mark), ADDED: ("+", colors.added_mark)}
        if pane.signs and row.state in mark:
            text, color = mark[row.state]
            painter.setFont(self._bold)
            painter.setPen(color)
            painter.drawText(
                QRectF(x - padding, geometry.top(), sign_width, geometry.height()),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )


class DiffPane(QPlainTextEdit):
    """One side of the diff (or the unified diff): rows with line states and word highlights.

    ``columns`` names the line numbers the gutter shows: ``("a",)``, ``("b",)`` or both.
    """

    def __init__(
        self,
        theme: Theme,
        name: str,
        columns: tuple[str, ...],
        *,
        signs: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._colors = DiffColors.from_theme(theme)
        self._columns = columns
        self._signs = signs
        self._rows: tuple[Row, ...] = ()
        self._frame: tuple[int, int] | None = None
        self.menu_hook: Callable[[QMenu, int], None] | None = None
        self.setAccessibleName(name)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setUndoRedoEnabled(False)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setFixedPitch(True)
        self.setFont(font)
        self.setTabStopDistance(TAB_WIDTH * self.fontMetrics().horizontalAdvance(" "))
        self._gutter = _Gutter(self)
        self._gutter.setFont(font)
        self.updateRequest.connect(self._gutter.follow)
        self.apply_theme(theme)

    # -- content --------------------------------------------------------------------------
    @property
    def rows(self) -> tuple[Row, ...]:
        return self._rows

    @property
    def colors(self) -> DiffColors:
        return self._colors

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def columns(self) -> tuple[str, ...]:
        """The line numbers the gutter shows: ("a",), ("b",) or both."""
        return self._columns

    @property
    def signs(self) -> bool:
        """Whether the gutter shows a "−" or "+" sign on a changed line."""
        return self._signs

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show the rows: their text, line backgrounds and word highlights."""
        self._rows = tuple(rows)
        self._frame = None
        document = self.document()
        document.setPlainText("\n".join(row.text for row in self._rows))
        self._paint_rows()
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self._gutter.update()

    def _paint_rows(self) -> None:
        document = self.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setCharFormat(QTextCharFormat())
        block = document.begin()
        colors = self._colors
        filler = QBrush(colors.filler, Qt.BrushStyle.BDiagPattern)
        for row in self._rows:
            if row.state != EQUAL_ROW:
                line = colors.line(row.state)
                block_format = QTextBlockFormat()
                block_format.setBackground(filler if row.state == FILLER else QBrush(line))
                cursor.setPosition(block.position())
                cursor.setBlockFormat(block_format)
                word = colors.word(row.state)
                if row.spans and word is not None:
                    char_format = QTextCharFormat()
                    char_format.setBackground(word)
                    for start, end in row.spans:
                        cursor.setPosition(block.position() + qt_offset(row.text, start))
                        cursor.setPosition(
                            block.position() + qt_offset(row.text, end),
                            QTextCursor.MoveMode.KeepAnchor,
                        )
                        cursor.mergeCharFormat(char_format)
            block = block.next()
        cursor.endEditBlock()

    def highlighted_ranges(self, row: int) -> list[tuple[int, int]]:
        """The code-point ranges of a row that carry a word highlight, read from the view."""
        block = self.document().findBlockByNumber(row)
        text = block.text()
        ranges: list[tuple[int, int]] = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.charFormat().background().style() != (
                Qt.BrushStyle.NoBrush
            ):
                start = fragment.position() - block.position()
                end = start + fragment.length()
                start, end = code_offset(text, start), code_offset(text, end)
                if ranges and ranges[-1][1] == start:
                    ranges[-1] = (ranges[-1][0], end)
                else:
                    ranges.append((start, end))
            iterator += 1
        return ranges

    def row_background(self, row: int) -> QBrush:
        """The line background the view shows for a row."""
        return self.document().findBlockByNumber(row).blockFormat().background()

    # -- navigation ------------------------------------------------------------------------
    def current_row(self) -> int:
        return self.textCursor().blockNumber()

    def go_to_row(self, row: int, *, center: bool = True) -> None:
        """Put the cursor on a row, at its first changed word if it has one (so a change at the
        end of a long line scrolls into view), and bring it into view."""
        document = self.document()
        row = min(max(row, 0), max(0, document.blockCount() - 1))
        block = document.findBlockByNumber(row)
        cursor = QTextCursor(block)
        if row < len(self._rows) and self._rows[row].spans:
            text = self._rows[row].text
            cursor.setPosition(block.position() + qt_offset(text, self._rows[row].spans[0][0]))
        self.setTextCursor(cursor)
        if center:
            self.centerCursor()

    def set_frame(self, first: int | None, last: int | None = None) -> None:
        """Frame rows ``[first, last)`` as the current change (None: no frame)."""
        self._frame = None if first is None or last is None else (first, max(first + 1, last))
        self.viewport().update()

    def first_visible_row(self) -> int:
        return self.firstVisibleBlock().blockNumber()

    def visible_row_count(self) -> int:
        height = max(1.0, self.blockBoundingRect(self.document().begin()).height())
        return max(1, int(self.viewport().height() / height))

    def row_at_y(self, y: float) -> int | None:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > y:
                return None
            if y < geometry.bottom():
                return block.blockNumber()
            block = block.next()
        return None

    # -- theme -----------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._colors = DiffColors.from_theme(theme)
        apply_text_palette(self, theme)
        if self._rows:
            bar = self.verticalScrollBar()
            value = bar.value()
            self._paint_rows()
            bar.setValue(value)
        self._gutter.update()
        self.viewport().update()

    # -- gutter ----------------------------------------------------------------------------
    def gutter_parts(self) -> tuple[int, int, int]:
        """(padding, digits width per column, sign width), from the font's metrics."""
        metrics = self.fontMetrics()
        padding = max(2, metrics.horizontalAdvance(" ") // 2)
        digits = max(2, len(str(max(1, len(self._rows)))))
        sign = metrics.horizontalAdvance("+") + 2 * padding if self._signs else 0
        return padding, metrics.horizontalAdvance("9") * digits, sign

    def gutter_width(self) -> int:
        padding, digits, sign = self.gutter_parts()
        return padding + len(self._columns) * (digits + 2 * padding) + sign

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._gutter.place()

    # -- painting and menus -----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._frame is None:
            return
        first, last = self._frame
        document = self.document()
        top_block = document.findBlockByNumber(first)
        bottom_block = document.findBlockByNumber(min(last, document.blockCount()) - 1)
        if not top_block.isValid() or not bottom_block.isValid():
            return
        offset = self.contentOffset()
        top = self.blockBoundingGeometry(top_block).translated(offset).top()
        bottom = self.blockBoundingGeometry(bottom_block).translated(offset).bottom()
        painter = QPainter(self.viewport())
        pen = QPen(self._colors.frame, max(1.0, self.fontMetrics().height() / 9))
        painter.setPen(pen)
        width = float(self.viewport().width())
        painter.drawLine(QPointF(0, top), QPointF(width, top))
        painter.drawLine(QPointF(0, bottom - 1), QPointF(width, bottom - 1))
        painter.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        row = self.row_at_y(event.pos().y())
        if self.menu_hook is not None and row is not None:
            self.menu_hook(menu, row)
        menu.exec(event.globalPos())
        menu.deleteLater()
