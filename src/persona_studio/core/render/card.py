"""The header card: the front matter shown from the loaded data, escaped, never through Markdown."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from persona_studio.core.document import Document

CARD_KEYS = ("description", "tools", "model")


def header_card(document: Document, em: float = 16.0) -> str:
    """The front matter as a card: description, tools as chips, model, then the other keys.
    Empty when there is no front matter; a notice when it could not be read."""
    front = document.front_matter
    if front is None:
        return ""
    padding = round(em * 0.75)
    rows: list[str] = []
    if front.error is not None:
        error = front.error
        rows.append(
            '<p class="card-error"><b>\u26a0 Front matter problem</b> '
            f"(line {error.span.line}): {html.escape(error.message)}</p>"
            '<p class="card-muted">The header is not shown until the YAML is fixed.</p>'
        )
    else:
        rows.append(_card_body(document.data))
    return (
        f'<table class="card" width="100%" border="1" cellspacing="0" cellpadding="{padding}">'
        f"<tr><td>{''.join(rows)}</td></tr></table>"
    )


def _card_body(data: Mapping[str, Any]) -> str:
    parts: list[str] = []
    description = data.get("description")
    if description is not None and str(description).strip():
        parts.append(f'<p class="card-description">{html.escape(_text(description))}</p>')
    else:
        parts.append('<p class="card-muted"><i>No description</i></p>')
    rows: list[tuple[str, str]] = []
    if "tools" in data:
        rows.append(("tools", _chips(data["tools"])))
    if "model" in data:
        rows.append(("model", html.escape(_text(data["model"]))))
    for key, value in data.items():
        if key not in CARD_KEYS:
            rows.append((str(key), html.escape(_text(value))))
    if rows:
        cells = "".join(
            f'<tr><td class="card-key" valign="top" nowrap>{html.escape(key)}</td>'
            f'<td class="card-value">{value}</td></tr>'
            for key, value in rows
        )
        parts.append(f'<table class="card-rows" cellspacing="0" cellpadding="3">{cells}</table>')
    return "".join(parts)


def _chips(value: Any) -> str:
    if isinstance(value, list | tuple):
        if not value:
            return '<span class="card-muted">none</span>'
        names = [_text(item) for item in value]
        return " ".join(
            f'<span class="chip">\u00a0{html.escape(name)}\u00a0</span>' for name in names
        )
    return html.escape(_text(value))


def _text(value: Any, limit: int = 300) -> str:
    """A front matter value as one line of text."""
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        separator = "; " if any(isinstance(item, Mapping) for item in value) else ", "
        text = separator.join(_text(item, limit) for item in value)
    elif isinstance(value, Mapping):
        text = ", ".join(f"{key}: {_text(item, limit)}" for key, item in value.items())
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
