"""A widget's tone in the structured view: the palette, font, box or proxy style that gives it
its look in a theme (the looks themselves are in `style`)."""

from __future__ import annotations

import functools

from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QPlainTextEdit, QWidget

from persona_studio.gui import keep_viewport
from persona_studio.gui.structured.style import (
    FIELD,
    GROUPS,
    ROLE,
    TONES,
    Box,
    BoxLabel,
    BoxLook,
    ItemDelegate,
    Metrics,
    ViewStyle,
    colour,
    field_palette,
    field_style,
    view_palette,
    view_style,
)
from persona_studio.gui.theme import Theme, palette_for


@functools.lru_cache(maxsize=64)
def text_palette(ink: str) -> QPalette:
    palette = QPalette()
    for group in GROUPS:  # the same colour when disabled, as the sheet's `color` was
        palette.setColor(group, ROLE.WindowText, QColor(ink))
        palette.setColor(group, ROLE.Text, QColor(ink))
    return palette


def apply_tone(widget: QWidget, name: str, theme: Theme) -> None:
    """Give a widget the look of its tone (`TONES`, or `FIELD`) in `theme`."""
    metrics = Metrics.of(QFontMetrics(widget.font()))
    if name == FIELD:
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            _set_palette(widget, field_palette(theme))
            fields = field_style()
            if widget.style() is not fields:
                widget.setStyle(fields)
                if isinstance(widget, QPlainTextEdit):  # as its frame was: set with the style
                    fields.pad_text_box(widget)
            if isinstance(widget, QLineEdit):  # in its current font
                fields.pad_line_edit(widget)
        else:  # an item view: the tool tree (its own ViewStyle, with check boxes) or a list
            _set_palette(widget, view_palette(theme))
            style = widget.style()
            if not isinstance(style, ViewStyle) or (style.shared and style.theme != theme):
                widget.setStyle(view_style(theme))
            if not isinstance(widget.itemDelegate(), ItemDelegate):
                widget.setItemDelegate(ItemDelegate(widget))
            # The box drawn by the style shows behind the items, its rounded corners too (the
            # viewport met first: see keep_viewport).
            keep_viewport(widget)
            widget.viewport().setAutoFillBackground(False)
        if isinstance(widget, QAbstractScrollArea):
            # A palette reaches a widget's children (a style sheet's did not): the scroll bars
            # keep the window's colours.
            for bar in (widget.verticalScrollBar(), widget.horizontalScrollBar()):
                _set_palette(bar, palette_for(theme))
        return
    tone = TONES[name]
    if tone.text is not None:
        _set_palette(widget, text_palette(colour(theme, tone.text)))
    if tone.bold and not widget.font().bold():
        font = QFont(widget.font())
        font.setBold(True)
        widget.setFont(font)
    if tone.fill is not None or tone.border is not None:
        assert isinstance(widget, (Box, BoxLabel)), f"{name}: only a Box paints a box"
        border = 1 if tone.border is not None else 0
        down, across = (border + metrics.pad * p for p in tone.padding)
        left = right = across
        if isinstance(widget, BoxLabel):
            # A label in a styled frame indents its text by half an "x" and asks for a whole "x"
            # more room (Qt's rule for framed labels): kept, so chips keep their size.
            x = widget.fontMetrics().horizontalAdvance("x")
            left, right = across + x // 2, across + x - x // 2
        widget.setContentsMargins(left, down, right, down)
        widget.look = BoxLook(
            fill=QColor(colour(theme, tone.fill)) if tone.fill is not None else None,
            border=QColor(colour(theme, tone.border)) if tone.border is not None else None,
            dotted=tone.dotted,
            radius=getattr(metrics, tone.radius) if tone.radius else 0,
        )
        widget.update()


def _set_palette(widget: QWidget, palette: QPalette) -> None:
    if widget.palette() != palette.resolve(widget.palette()):
        widget.setPalette(palette)
