"""A document's tool list, read the one way every part of the program reads it.

`tools` comes in three shapes: a YAML list (block or flow, `[a, b]`), and a comma-separated
string (`tools: Read, Grep`), which Claude Code, GitHub and newer VS Code builds all accept.
`tool_entries` gives each name with its index and its span in the text (for rules and edits);
`tool_names` gives the names alone. Both return None when there is no `tools` key, which means
"the reader's default tools" and is not the same as an empty list ("no tools").

Standard library and core only; never Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from persona_studio.core.text.spans import Span

if TYPE_CHECKING:  # annotations only: the document module does not need this one
    from persona_studio.core.document import Document
    from persona_studio.core.frontmatter import Entry

__all__ = ["LIST", "OTHER", "STRING", "ToolName", "tool_entries", "tool_form", "tool_names"]

LIST = "list"  # a YAML sequence, block or flow
STRING = "comma-string"  # one string, names separated by commas
OTHER = "other"  # a mapping, a number, null: not a tool list a reader takes


@dataclass(frozen=True, slots=True)
class ToolName:
    """One name of the tools value: its text, its index in the list and the span of the name
    itself (inside the quotes when the item is quoted)."""

    name: str
    index: int
    span: Span


def tool_form(document: Document) -> str | None:
    """LIST, STRING or OTHER; None without a readable `tools` key."""
    entry = _entry(document)
    if entry is None:
        return None
    if entry.kind == "sequence":
        return LIST
    if entry.kind == "scalar" and isinstance(entry.value, str):
        return STRING
    return OTHER


def tool_entries(document: Document) -> list[ToolName] | None:
    """The string names of the tools value, each with its index and span; None without `tools`.
    Non-string items and empty parts of a comma string are skipped (readers drop them)."""
    entry = _entry(document)
    if entry is None:
        return None
    text = document.text
    if entry.kind == "sequence":
        found = []
        for index, item in enumerate(entry.items):
            if not isinstance(item.value, str):
                continue
            span = item.span
            style = item.style
            if style in ("'", '"') and text[span.start : span.end] == f"{style}{item.value}{style}":
                if span.line == span.end_line:  # inside the quotes, on the same line
                    start, end, line = span.start + 1, span.end - 1, span.line
                    span = Span(start, end, line, span.column + 1, line, span.end_column - 1)
                else:
                    span = document.span(span.start + 1, span.end - 1)
            found.append(ToolName(item.value, index, span))
        return found
    if entry.kind == "scalar" and isinstance(entry.value, str):
        raw = text[entry.value_span.start : entry.value_span.end]
        offset = 1 if entry.style in ("'", '"') else 0
        found, position = [], 0
        for index, name in enumerate(part.strip() for part in entry.value.split(",")):
            if not name:
                continue
            where = raw.find(name, position)
            start = entry.value_span.start + (where if where >= 0 else offset)
            position = where + len(name) if where >= 0 else position
            found.append(ToolName(name, index, document.span(start, start + len(name))))
        return found
    return []


def tool_names(document: Document) -> tuple[str, ...] | None:
    """The names alone, in order, repeats kept; None without a `tools` key."""
    entries = tool_entries(document)
    if entries is None:
        return None
    return tuple(tool.name.strip() for tool in entries if tool.name.strip())


def _entry(document: Document) -> Entry | None:
    front = document.front_matter
    if front is None or front.error is not None:
        return None
    return front.entry("tools")
