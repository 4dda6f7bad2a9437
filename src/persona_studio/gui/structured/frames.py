"""The card frame and the card title that every part of the form shares (the details, the tools,
the title and introduction, each section)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from persona_studio.gui.structured.style import Box
from persona_studio.gui.structured.widgets import set_tone
from persona_studio.gui.theme import Theme


def card_frame(parent: QWidget, theme: Theme) -> tuple[Box, QVBoxLayout]:
    """A rounded card with padding from the font's metrics."""
    frame = Box(parent)
    set_tone(frame, "card", theme)
    layout = QVBoxLayout(frame)
    unit = QFontMetrics(frame.font()).height()
    layout.setContentsMargins(unit, unit * 3 // 4, unit, unit)
    layout.setSpacing(unit // 2)
    return frame, layout


def title_label(text: str, parent: QWidget, theme: Theme, scale: float = 1.12) -> QLabel:
    label = QLabel(text, parent)
    set_tone(label, "cardTitle", theme)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
