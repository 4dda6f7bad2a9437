"""The head of the standalone HTML pages the program writes (diff and comparison reports, the
rendered preview): nothing loaded from elsewhere and no script, by the page's own
Content-Security-Policy."""

from __future__ import annotations

import html


def page_start(title: str, style: str) -> list[str]:
    """The lines of a page up to and including its <h1>; `title` is escaped here."""
    escaped = html.escape(title, quote=True)
    return [*page_head(title, style), f"<h1>{escaped}</h1>"]


def page_head(title: str, style: str, *, data_images: bool = False) -> list[str]:
    """The lines of a page up to and including <body>; `title` is escaped here. With
    `data_images`, images written inline in the page (`data:` sources) show too."""
    escaped = html.escape(title, quote=True)
    images = "; img-src data:" if data_images else ""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        f"content=\"default-src 'none'; style-src 'unsafe-inline'{images}\">",
        f"<title>{escaped}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]
