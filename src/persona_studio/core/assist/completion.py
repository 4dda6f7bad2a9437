"""What the Source view offers at the cursor: front-matter keys of the file's reader, tool names
and tool sets (with what they do), the agents a handoff or `agents:` list may name, models,
a key's values, handoff properties, and tool names after `#tool:` in the body."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from persona_studio.core.assist.place import HANDOFF_HELP, TOOL_KEYS, place_of
from persona_studio.core.catalog import Catalog, Target
from persona_studio.core.catalog.descriptions import model_names, tool_description

__all__ = ["Completion", "Offer", "complete"]

_KEY_WORD = re.compile(r"[A-Za-z][\w-]*\Z")
_NAME_WORD = re.compile(r"[\w./*-]*\Z")
_VALUE_WORD = re.compile(r"[^'\",\[\]{}#]*\Z")
_TOOL_REF = re.compile(r"#tool:([\w./*-]*)\Z")
_HANDOFF_KEY = re.compile(r"[ \t]+(?:-[ \t]+)?([A-Za-z]*)\Z")
_HANDOFF_AGENT = re.compile(r"[ \t]+(?:-[ \t]+)?agent:[ \t]*['\"]?([^'\"#]*)\Z")
_HANDOFF_MODEL = re.compile(r"[ \t]+(?:-[ \t]+)?model:[ \t]*['\"]?([^'\"#]*)\Z")
_AFTER_COLON = re.compile(r"[^:]*:[ \t]*['\"]?")
_PRESENT = re.compile(r"(?m)^([A-Za-z][\w-]*)[ \t]*:")


@dataclass(frozen=True)
class Completion:
    """One thing to offer: the text written in place of the word, what it is, and a line about
    it."""

    text: str
    label: str
    kind: str  # "key", "tool", "tool-set", "agent", "model", "value", "property"
    detail: str = ""


@dataclass(frozen=True)
class Offer:
    """The completions for the word that runs from `start` to the cursor (`prefix`)."""

    start: int
    prefix: str
    items: tuple[Completion, ...]


def complete(
    text: str,
    offset: int,
    target: Target,
    catalog: Catalog,
    agents: Sequence[str] = (),
) -> Offer | None:
    """What to offer at `offset` (None where nothing fits)."""
    place = place_of(text, offset)
    before = place.before
    if not place.in_header:
        found = _TOOL_REF.search(before)
        if found is None:
            return None
        return _offer(offset, found.group(1), _tools(target))
    if _KEY_WORD.fullmatch(before) or before == "":
        line_end = text.find("\n", offset)
        rest = text[offset : line_end if line_end != -1 else len(text)]
        if ":" not in rest:
            present = set(_PRESENT.findall(text, 0, place.line_start))
            present |= set(_PRESENT.findall(text, offset, place.header_end))
            return _offer(offset, before, _keys(target, present - {before}))
    key = place.key
    if key is None:
        return None
    if key in TOOL_KEYS:
        if place.key_line and ":" not in before:
            return None
        word = _NAME_WORD.search(before)
        assert word is not None
        return _offer(offset, word.group(0), _tools(target))
    if key == "handoffs" and not place.key_line:
        found = _HANDOFF_AGENT.match(before)
        if found is not None:
            return _offer(offset, found.group(1), _agents(agents, target))
        found = _HANDOFF_MODEL.match(before)
        if found is not None:
            return _offer(offset, found.group(1), _models(catalog, target))
        found = _HANDOFF_KEY.fullmatch(before)
        if found is not None:
            items = tuple(
                Completion(f"{name}: ", name, "property", help_text)
                for name, help_text in HANDOFF_HELP.items()
            )
            return _offer(offset, found.group(1), items)
        return None
    if key == "agents":
        word = _VALUE_WORD.search(before.rsplit(",", 1)[-1].lstrip(" -[\t'\""))
        return _offer(offset, word.group(0) if word else "", _agents(agents, target))
    if place.key_line and not _AFTER_COLON.match(before):
        return None
    if key == "model":
        word = _VALUE_WORD.search(_after_separator(before))
        return _offer(offset, word.group(0) if word else "", _models(catalog, target))
    spec = target.key(key)
    if spec is not None and place.key_line:
        values = list(spec.values)
        if spec.base_type == "boolean":
            values = ["true", "false"]
        if values:
            word = _VALUE_WORD.search(_after_separator(before))
            items = tuple(Completion(value, value, "value", spec.help) for value in values)
            return _offer(offset, word.group(0) if word else "", items)
    return None


def _after_separator(before: str) -> str:
    """The text after the colon, the last comma, bracket, dash or quote."""
    text = before.split(":", 1)[1] if ":" in before else before
    for mark in (",", "[", "- ", "'", '"'):
        text = text.rsplit(mark, 1)[-1]
    return text.lstrip()


def _offer(offset: int, prefix: str, items: Sequence[Completion]) -> Offer | None:
    if not items:
        return None
    return Offer(offset - len(prefix), prefix, tuple(items))


def _keys(target: Target, present: set[str]) -> tuple[Completion, ...]:
    return tuple(
        Completion(f"{name}: ", name, "key", spec.help)
        for name, spec in target.keys.items()
        if not spec.hidden and not spec.removed and name not in present
    )


def _tools(target: Target) -> tuple[Completion, ...]:
    items: list[Completion] = []
    seen: set[str] = set()
    for name in target.tool_sets:
        seen.add(name)
        items.append(Completion(name, name, "tool-set", tool_description(name, target)))
    for _group, members in target.tool_groups():
        for name in members:
            if name not in seen:
                seen.add(name)
                items.append(Completion(name, name, "tool", tool_description(name, target)))
    return tuple(items)


def _agents(agents: Sequence[str], target: Target) -> tuple[Completion, ...]:
    names = list(agents) + [name for name in target.builtin_agents if name not in agents]
    return tuple(
        Completion(
            name,
            name,
            "agent",
            f"Built into {_reader(target)}" if name in target.builtin_agents else "Workspace agent",
        )
        for name in names
    )


def _reader(target: Target) -> str:
    return target.reader.name if target.reader is not None else target.label


def _models(catalog: Catalog, target: Target) -> tuple[Completion, ...]:
    return tuple(
        Completion(name, name, "model", f"A model {target.label} knows")
        for name in model_names(catalog, target.id)
    )
