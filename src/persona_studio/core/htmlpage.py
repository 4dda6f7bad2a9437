"""The head of the standalone HTML pages the program writes (diff and comparison reports):
nothing loaded from elsewhere and no script, by the page's own Content-Security-Policy."""

from __future__ import annotations

import html


def page_start(title: str, style: str) -> list[str]:
    """The lines of a page up to and including its <h1>; `title` is escaped here."""
    escaped = html.escape(title, quote=True)
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{escaped}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        f"<h1>{escaped}</h1>",
    ]
