"""Editors of the front-matter keys that are not one line of text: booleans with a "not set"
state, choices, ordered lists of names (models, agents, skills), and handoff cards. `editor_kind`
says which editor a key gets from its type in the catalog."""

from __future__ import annotations

from typing import Any

from persona_studio.core.catalog import KeySpec

BOOLEAN, CHOICE, LIST, HANDOFFS, TEXT = "boolean", "choice", "list", "handoffs", "text"

_LIST_TYPES = ("string-list", "string-list-or-comma-string", "string-or-string-list")
_TEXT_TYPES = ("string", "claude-model", "skill-name", "integer")


def editor_kind(key: str, spec: KeySpec | None) -> str | None:
    """The editor a key of this type gets (None: kept as written, shown read-only)."""
    if spec is None or key == "tools" or spec.removed:
        return None
    if spec.type == "handoffs":
        return HANDOFFS
    if spec.base_type == "boolean":
        return BOOLEAN
    if spec.type == "enum":
        return CHOICE
    if spec.type in _LIST_TYPES:
        return LIST
    if spec.type in _TEXT_TYPES:
        return TEXT
    return None


def fits(kind: str | None, value: Any) -> bool:
    """True when the editor of `kind` can show `value` as the file has it."""
    if kind is None:
        return False
    if value is None:
        return True
    if kind == BOOLEAN:
        return isinstance(value, bool)
    if kind == HANDOFFS:
        return isinstance(value, list) and all(isinstance(item, dict) for item in value)
    if kind == LIST:
        return isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(item, str) for item in value)
        )
    return not isinstance(value, (list, dict))


def key_label(key: str) -> str:
    """`user-invocable` -> "User invocable", `disallowedTools` -> "Disallowed tools"."""
    words: list[str] = []
    current = ""
    for char in key.replace("-", " ").replace("_", " "):
        if char.isupper() and current and not current[-1].isupper():
            words.append(current)
            current = char.lower()
        elif char == " ":
            if current:
                words.append(current)
            current = ""
        else:
            current += char
    if current:
        words.append(current)
    text = " ".join(words)
    return text[:1].upper() + text[1:]
