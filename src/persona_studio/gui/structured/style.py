"""The structured view's style sheet, made from a theme and the font's metrics (no fixed pixel
sizes: radii and paddings scale with the text)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QWidget

from persona_studio.gui.theme import Theme


def mix(first: str, second: str, amount: float) -> str:
    """`first` blended towards `second` by `amount` (0..1), as #rrggbb."""
    a, b = QColor(first), QColor(second)
    channels = (
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )
    return "#{:02x}{:02x}{:02x}".format(*channels)


def style_sheet(theme: Theme, widget: QWidget) -> str:
    unit = QFontMetrics(widget.font()).height()
    radius = max(2, unit // 3)
    small = max(2, unit // 5)
    pad = max(1, unit // 6)
    notice = {
        kind: (
            mix(theme.base, getattr(theme, kind), 0.12),
            mix(theme.base, getattr(theme, kind), 0.5),
        )
        for kind in ("error", "warning", "info")
    }
    # Light: white cards on a grey page, white fields. Dark: raised cards on the darkest
    # background, fields inset in the darkest colour again.
    page, card = (theme.base, theme.window) if theme.dark else (theme.window, theme.base)
    field = theme.base
    sheet = f"""
#formContent {{ background: {page}; }}
#formContent QLineEdit, #formContent QPlainTextEdit, #formContent QTreeWidget,
#formContent QListWidget {{
    background: {field};
    color: {theme.text};
    border: 1px solid {theme.border};
    border-radius: {small}px;
    selection-background-color: {theme.selection};
    selection-color: {theme.text};
}}
#formContent QLineEdit {{ padding: {pad}px {pad * 2}px; }}
#formContent QPlainTextEdit {{ padding: 0px {pad}px; }}
#formContent QLineEdit:focus, #formContent QPlainTextEdit:focus,
#formContent QTreeWidget:focus, #formContent QListWidget:focus {{
    border: 1px solid {theme.accent};
}}
#formContent QLineEdit:disabled, #formContent QPlainTextEdit:disabled {{
    color: {theme.muted};
    background: {card};
}}
#formContent QTreeWidget::item, #formContent QListWidget::item {{ padding: {pad}px 0px; }}
QFrame#card {{
    background: {card};
    border: 1px solid {theme.border};
    border-radius: {radius}px;
}}
QFrame#addRow {{
    background: transparent;
    border: 1px dashed {theme.border};
    border-radius: {radius}px;
}}
QLabel#pageHeading {{ color: {theme.text}; }}
QLabel#cardTitle {{ color: {theme.heading}; }}
QLabel#subheading {{ color: {theme.muted}; font-weight: bold; }}
QLabel#note {{ color: {theme.muted}; }}
QLabel#marker, QLabel#quote {{ color: {theme.muted}; }}
QLabel#rank {{ color: {theme.accent}; font-weight: bold; }}
QLabel#rawKey {{ color: {theme.yaml_key}; }}
QLabel#rawValue {{
    color: {theme.text};
    background: {theme.code_background};
    border-radius: {small}px;
    padding: {pad}px {pad * 2}px;
}}
QLabel#chip {{
    background: {theme.chip_background};
    color: {theme.chip_text};
    border-radius: {small}px;
    padding: 0px {pad * 3}px;
}}
QLabel#requiredChip {{
    color: {theme.muted};
    border: 1px solid {theme.border};
    border-radius: {small}px;
    padding: 0px {pad * 3}px;
}}
"""
    for kind, (background, border) in notice.items():
        sheet += f"""
QFrame#notice-{kind} {{
    background: {background};
    border: 1px solid {border};
    border-radius: {radius}px;
}}
QFrame#notice-{kind} QLabel {{ color: {theme.text}; background: transparent; border: none; }}
"""
    return sheet
