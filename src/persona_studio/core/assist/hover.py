"""What the Source view says about the name under the mouse: a front-matter key (its help, and
whether the file's reader reads it), a tool name in a tools list or a `#tool:` reference (what it
does, and what the reader makes of the name), a handoff property."""

from __future__ import annotations

import re

from persona_studio.core.assist.place import HANDOFF_HELP, TOOL_KEYS, place_of
from persona_studio.core.catalog import Target
from persona_studio.core.catalog.descriptions import tool_description

__all__ = ["hover"]

_NAME = re.compile(r"[\w./*@-]+")
_TOOL_REF = re.compile(r"#tool:([\w\-./]+)")


def hover(text: str, offset: int, target: Target) -> str:
    """Plain text about the word at `offset` ("" when there is nothing to say)."""
    place = place_of(text, offset)
    if not place.in_header:
        line_end = text.find("\n", offset)
        line = text[place.line_start : line_end if line_end != -1 else len(text)]
        for found in _TOOL_REF.finditer(line):
            if found.start() <= offset - place.line_start <= found.end():
                return _tool(found.group(1).rstrip("."), target)
        return ""
    word, start = _word_at(text, offset)
    if not word:
        return ""
    column = start - place.line_start
    if place.key_line and column == 0 and place.key == word:
        return _key(word, target)
    if place.key in TOOL_KEYS and not (place.key_line and column == 0):
        return _tool(word, target)
    if place.key == "handoffs" and word in HANDOFF_HELP:
        after = text[start + len(word) : start + len(word) + 1]
        if after == ":":
            return f"{word} (handoff property)\n{HANDOFF_HELP[word]}"
    return ""


def _word_at(text: str, offset: int) -> tuple[str, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    for found in _NAME.finditer(line):
        if found.start() <= offset - line_start < found.end():
            return found.group(0), line_start + found.start()
    return "", offset


def _key(key: str, target: Target) -> str:
    spec = target.key(key)
    if spec is None:
        return f"{key}\n{target.label} does not read this key."
    lines = [f"{key} ({spec.type})"]
    if spec.help:
        lines.append(spec.help)
    if spec.removed:
        lines.append(spec.removed)
    elif spec.ignored:
        lines.append(spec.ignored)
    elif spec.deprecated:
        lines.append(spec.deprecated)
    if spec.values and spec.type == "enum":
        lines.append("Values: " + ", ".join(spec.values))
    return "\n".join(lines)


def _tool(name: str, target: Target) -> str:
    status = target.classify_tool(name)
    about = tool_description(name, target)
    kind = "tool set" if status.name in target.tool_sets else "tool"
    lines = [f"{name} ({kind})" if status.kind == "known" else name]
    if about:
        lines.append(about)
    if status.kind == "renamed" or status.kind == "unverified":
        lines.append(status.note)
    elif status.kind == "unknown":
        lines.append(
            f"{target.label} does not know this tool." + (f" {status.note}" if status.note else "")
        )
    elif status.note and not about:
        lines.append(status.note)
    return "\n".join(lines)
