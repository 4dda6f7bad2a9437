"""What the Source view says about the name under the mouse: a front-matter key (its help, and
whether the file's reader reads it), a tool name in a tools list or a `#tool:` reference (what it
does, and what the reader makes of the name), a handoff property."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from persona_studio.core.assist.place import HANDOFF_HELP, TOOL_KEYS, place_of
from persona_studio.core.catalog import Target
from persona_studio.core.catalog.descriptions import tool_description

__all__ = ["hover"]

_NAME = re.compile(r"[\w./*@-]+")
_TOOL_REF = re.compile(r"#tool:([\w\-./]+)")


def hover(text: str, offset: int, target: Target, agents: Mapping[str, str] | None = None) -> str:
    """Plain text about the word at `offset` ("" when there is nothing to say). `agents` maps
    the workspace's agents' display names to their files: a handoff's agent or an `agents:`
    entry under the mouse says which file it names (only when it is given)."""
    place = place_of(text, offset)
    if not place.in_header:
        line_end = text.find("\n", offset)
        line = text[place.line_start : line_end if line_end != -1 else len(text)]
        for found in _TOOL_REF.finditer(line):
            if found.start() <= offset - place.line_start <= found.end():
                return _tool(found.group(1).rstrip("."), target)
        return ""
    if agents is not None and place.key in ("handoffs", "agents"):
        named = _agent_at(text, offset, place.line_start, place.key == "agents")
        if named:
            return _agent(named, target, agents)
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


_HANDOFF_AGENT = re.compile(r"[ \t]*(?:-[ \t]+)?agent:[ \t]*(.*?)[ \t]*(?:#.*)?$")
_LIST_ITEM = re.compile(r"'[^']*'|\"[^\"]*\"|[^,\[\]\s'\"#][^,\[\]#]*")


def _agent_at(text: str, offset: int, line_start: int, listed: bool) -> str:
    """The agent name under `offset`: a handoff's `agent:` value, or an item of `agents:`."""
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    column = offset - line_start
    if not listed:
        found = _HANDOFF_AGENT.match(line)
        if found is None or not found.start(1) <= column <= found.end(1):
            return ""
        return found.group(1).strip("'\"")
    head = line.find(":") + 1 if line[:1] not in " \t-" else 0
    for found in _LIST_ITEM.finditer(line, head):
        if found.start() <= column <= found.end():
            name = found.group(0).strip()
            return name.lstrip("- ").strip("'\"") if name != "-" else ""
    return ""


def _agent(name: str, target: Target, agents: Mapping[str, str]) -> str:
    if name == "*":
        return "*\nEvery agent of the workspace may be called."
    if name in agents:
        return f"{name}\nWorkspace agent: {os.path.basename(agents[name])}"
    if name.casefold() in {agent.casefold() for agent in target.builtin_agents}:
        reader = target.reader.name if target.reader is not None else target.label
        return f"{name}\nAn agent built into {reader}."
    return (
        f"{name}\nNo agent of the workspace has this name: handoffs and agents: lists match "
        "the display name (the agent's name: key)."
    )


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
