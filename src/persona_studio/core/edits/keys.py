"""The front matter as edits see it: finding a key and its list, adding a key line in its place,
replacing a key's value."""

from __future__ import annotations

import re
from typing import Any

from persona_studio.core.document import Document
from persona_studio.core.edits.edit import Edit
from persona_studio.core.errors import EditError
from persona_studio.core.frontmatter import Entry, FrontMatter

# Keys whose list may be written as one comma-separated string (`tools: Read, Grep`).
COMMA_LIST_KEYS = ("tools", "disallowedTools", "globs", "applyTo")

# Where a key that is missing goes: before the first present key that comes later in this order.
KEY_ORDER = (
    "name",
    "description",
    "argument-hint",
    "tools",
    "model",
    "target",
    "agents",
    "handoffs",
)


def front_of(document: Document, *, create: bool = False) -> FrontMatter | None:
    front = document.front_matter
    if front is None:
        if create:
            return None
        raise EditError("The document has no front matter")
    if front.error is not None:
        raise EditError(
            f"The front matter has a problem on line {front.error.span.line} "
            f"({front.error.message}); fix it in the source first"
        )
    return front


def list_entry(document: Document, key: str) -> Entry:
    """The entry of a list value: a YAML sequence, or a comma-separated string."""
    front = front_of(document)
    entry = front.entry(key) if front is not None else None
    if entry is None or (entry.kind != "sequence" and comma_values(entry) is None):
        raise EditError(f"The front matter has no '{key}' list")
    return entry


def comma_values(entry: Entry) -> list[str] | None:
    """The names of a comma-separated string (Claude Code's `tools: Read, Grep`), else None."""
    if entry.kind != "scalar" or not isinstance(entry.value, str) or not entry.value.strip():
        return None
    if entry.key not in COMMA_LIST_KEYS and "," not in entry.value:
        return None  # `model: GPT-4.1` is one name, not a list of one
    return [part.strip() for part in entry.value.split(",") if part.strip()]


def list_values(entry: Entry) -> list[Any]:
    if entry.kind == "sequence":
        return [item.value for item in entry.items]
    return comma_values(entry) or []


def require_block_root(document: Document, front: FrontMatter) -> None:
    """Adding or removing whole key lines needs a block mapping (`key: value` lines)."""
    content = document.text[front.content_span.start : front.content_span.end]
    if _FLOW_ROOT.match(content):
        raise EditError(
            "The front matter is written as one {...} mapping; rewrite it as 'key: value' "
            "lines to add or remove keys here"
        )


_FLOW_ROOT = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*[ \t]*\{")


def insert_key(
    document: Document, key: str, value_text: str, *, key_text: str | None = None
) -> Edit:
    nl = document.newline
    line = f"{key if key_text is None else key_text}: {value_text}"
    front = document.front_matter
    if front is None:
        at = document.body_start
        return Edit(at, at, f"---{nl}{line}{nl}---{nl}", f"add {key}")
    require_block_root(document, front)
    rank = KEY_ORDER.index(key) if key in KEY_ORDER else len(KEY_ORDER)
    for entry in front.entries:
        other = KEY_ORDER.index(entry.key) if entry.key in KEY_ORDER else len(KEY_ORDER)
        if other > rank:
            at = entry.line_span.start
            return Edit(at, at, line + nl, f"add {key}")
    at = front.content_span.end
    before = document.text[front.content_span.start : at]
    if before and not before.endswith(("\n", "\r")):
        return Edit(at, at, nl + line + nl, f"add {key}")
    return Edit(at, at, line + nl, f"add {key}")


def replace_value(document: Document, entry: Entry, value_text: str, label: str) -> Edit:
    """Replace a key's whole value with ``value_text`` (a scalar turned into a list, say)."""
    span = entry.value_span
    if entry.is_inline and span.start != span.end:
        return Edit(span.start, span.end, value_text, label)
    # An empty value, or one that starts on a later line: rewrite from just after the colon.
    end = max(span.end, entry.colon + 1)
    return Edit(entry.colon + 1, end, " " + value_text, label)
