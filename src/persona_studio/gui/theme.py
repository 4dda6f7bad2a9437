"""One theme object colours the editor, the highlighter and the preview alike.

Light and dark, following the operating system by default (Qt's colour scheme hint).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractScrollArea


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    window: str
    base: str  # editor and preview background
    alternate: str
    text: str
    muted: str
    accent: str
    accent_text: str
    selection: str
    current_line: str
    gutter: str
    gutter_text: str
    border: str
    error: str
    warning: str
    info: str
    heading: str
    emphasis: str
    code_background: str
    link: str
    chip_background: str
    chip_text: str
    yaml_key: str
    yaml_string: str
    yaml_punctuation: str
    yaml_comment: str
    fence: str

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def as_dict(self) -> dict[str, str | bool]:
        return asdict(self)


LIGHT = Theme(
    name="light",
    dark=False,
    window="#f3f4f6",
    base="#ffffff",
    alternate="#f8fafc",
    text="#1f2328",
    muted="#656d76",
    accent="#2563eb",
    accent_text="#ffffff",
    selection="#b6d4fe",
    current_line="#f1f5fb",
    gutter="#f6f8fa",
    gutter_text="#8c959f",
    border="#d0d7de",
    error="#cf222e",
    warning="#9a6700",
    info="#0969da",
    heading="#0b4f9c",
    emphasis="#6e3fbf",
    code_background="#f3f4f6",
    link="#0969da",
    chip_background="#e7efff",
    chip_text="#1d4ed8",
    yaml_key="#953800",
    yaml_string="#0a7b3e",
    yaml_punctuation="#8c959f",
    yaml_comment="#6e7781",
    fence="#8250df",
)

DARK = Theme(
    name="dark",
    dark=True,
    window="#1e2227",
    base="#16191d",
    alternate="#1b1f24",
    text="#e6edf3",
    muted="#9198a1",
    accent="#4493f8",
    accent_text="#0d1117",
    selection="#264f78",
    current_line="#1f242b",
    gutter="#16191d",
    gutter_text="#6e7681",
    border="#30363d",
    error="#ff7b72",
    warning="#d29922",
    info="#58a6ff",
    heading="#79c0ff",
    emphasis="#d2a8ff",
    code_background="#22272e",
    link="#58a6ff",
    chip_background="#1f3a5f",
    chip_text="#a5d6ff",
    yaml_key="#ffa657",
    yaml_string="#7ee787",
    yaml_punctuation="#6e7681",
    yaml_comment="#8b949e",
    fence="#d2a8ff",
)

THEMES = {"light": LIGHT, "dark": DARK}


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def palette_for(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    palette.setColor(roles.Window, QColor(theme.window))
    palette.setColor(roles.WindowText, QColor(theme.text))
    palette.setColor(roles.Base, QColor(theme.base))
    palette.setColor(roles.AlternateBase, QColor(theme.alternate))
    palette.setColor(roles.Text, QColor(theme.text))
    palette.setColor(roles.Button, QColor(theme.window))
    palette.setColor(roles.ButtonText, QColor(theme.text))
    palette.setColor(roles.Highlight, QColor(theme.accent))
    palette.setColor(roles.HighlightedText, QColor(theme.accent_text))
    palette.setColor(roles.ToolTipBase, QColor(theme.base))
    palette.setColor(roles.ToolTipText, QColor(theme.text))
    palette.setColor(roles.PlaceholderText, QColor(theme.muted))
    palette.setColor(roles.Link, QColor(theme.link))
    palette.setColor(roles.Mid, QColor(theme.border))
    palette.setColor(roles.Midlight, QColor(theme.border))
    # Fusion draws check box and frame outlines from these: on a dark window they must be light
    # enough to see.
    outline = QColor(theme.muted) if theme.dark else QColor(theme.border).darker(115)
    palette.setColor(roles.Dark, outline)
    palette.setColor(roles.Shadow, outline)
    palette.setColor(roles.Light, QColor(theme.alternate))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(disabled, role, QColor(theme.muted))
    return palette


def apply_text_palette(view: QAbstractScrollArea, theme: Theme) -> None:
    """Colour a text view (editor, diff pane) and its viewport from the theme."""
    palette = view.palette()
    roles = QPalette.ColorRole
    palette.setColor(roles.Base, theme.color("base"))
    palette.setColor(roles.Text, theme.color("text"))
    palette.setColor(roles.Window, theme.color("base"))
    palette.setColor(roles.Highlight, theme.color("selection"))
    palette.setColor(roles.HighlightedText, theme.color("text"))
    palette.setColor(roles.ToolTipBase, theme.color("base"))
    palette.setColor(roles.ToolTipText, theme.color("text"))
    view.setPalette(palette)
    view.viewport().setPalette(palette)


class ThemeManager(QObject):
    """Holds the current theme ("system", "light" or "dark" preference) and announces changes."""

    changed = Signal(object)  # Theme

    def __init__(self, preference: str = "system", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preference = preference
        self._theme = self._resolve()
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._system_changed)

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def preference(self) -> str:
        return self._preference

    def set_preference(self, preference: str) -> None:
        self._preference = preference if preference in ("system", *THEMES) else "system"
        self._update()

    def apply_to_application(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            QGuiApplication.setPalette(palette_for(self._theme))

    def _resolve(self) -> Theme:
        if self._preference in THEMES:
            return THEMES[self._preference]
        return DARK if system_prefers_dark() else LIGHT

    def _system_changed(self, *_: object) -> None:
        if self._preference == "system":
            self._update()

    def _update(self) -> None:
        theme = self._resolve()
        if theme != self._theme:
            self._theme = theme
            self.apply_to_application()
            self.changed.emit(theme)
