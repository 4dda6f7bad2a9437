"""The preview as a standalone HTML page (`persona-studio render`): the preview's body with its
style sheet inlined, nothing loaded from elsewhere and no script (the page's own
Content-Security-Policy says so), in the light or dark colours of the window's themes."""

from __future__ import annotations

from persona_studio.core.document import Document
from persona_studio.core.htmlpage import page_head
from persona_studio.core.render.renderer import Renderer

# The window's theme colours that the preview uses (gui/theme.py holds the same; that module
# imports Qt, this one may not).
PAGE_PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "base": "#ffffff", "alternate": "#f8fafc", "text": "#1f2328", "muted": "#656d76",
        "accent": "#2563eb", "border": "#d0d7de", "error": "#cf222e", "warning": "#9a6700",
        "info": "#0969da", "heading": "#0b4f9c", "emphasis": "#6e3fbf",
        "code_background": "#f3f4f6", "link": "#0969da", "chip_background": "#e7efff",
        "chip_text": "#1d4ed8", "yaml_key": "#953800", "yaml_string": "#0a7b3e",
        "yaml_comment": "#6e7781", "fence": "#8250df",
    },
    "dark": {
        "base": "#16191d", "alternate": "#1b1f24", "text": "#e6edf3", "muted": "#9198a1",
        "accent": "#4493f8", "border": "#30363d", "error": "#ff7b72", "warning": "#d29922",
        "info": "#58a6ff", "heading": "#79c0ff", "emphasis": "#d2a8ff",
        "code_background": "#22272e", "link": "#58a6ff", "chip_background": "#1f3a5f",
        "chip_text": "#a5d6ff", "yaml_key": "#ffa657", "yaml_string": "#7ee787",
        "yaml_comment": "#8b949e", "fence": "#d2a8ff",
    },
}  # fmt: skip

# What a browser needs beyond the preview's style sheet (Qt sets these from the widget).
PAGE_STYLE = (
    "body { max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; "
    "font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif, "
    "'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji'; }\n"
    "pre { white-space: pre-wrap; } table.code { border-radius: 4px; }\n"
    "table.md { border-collapse: collapse; }\n"
)


def standalone_page(
    document: Document, title: str, *, engine: str | None = None, theme: str = "light"
) -> str:
    """The whole page for a document, as the preview shows it in `theme` ("light" or "dark")."""
    renderer = Renderer(engine=engine) if engine else Renderer()
    result = renderer.render(document, PAGE_PALETTES[theme])
    body = "\n".join(piece.html for piece in result.pieces)
    lines = [
        *page_head(title, PAGE_STYLE + result.style, data_images=True),
        body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)
