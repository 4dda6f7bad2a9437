"""Edits of `handoffs`: the list of buttons that hand the conversation to another agent.

Each handoff is a mapping (`label`, `agent`, `prompt`, `send`, `showContinueOn`, `model`) inside
the `handoffs` list. `handoffs(document)` reads where each handoff and each of its properties is
written; the edits change one property's value in place (its quoting kept), add a property line
at the handoff's own indentation, remove one, or add, remove and move whole handoffs, so the bytes
outside the change stay as written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from persona_studio.core.document import Document
from persona_studio.core.edits.edit import Edit
from persona_studio.core.edits.fields import move_list_value, remove_list_value
from persona_studio.core.edits.keys import front_of, insert_key
from persona_studio.core.errors import EditError
from persona_studio.core.text.yamlscalar import quote, scalar

__all__ = [
    "HANDOFF_KEYS",
    "Handoff",
    "HandoffProperty",
    "add_handoff",
    "handoffs",
    "move_handoff",
    "remove_handoff",
    "set_handoff_property",
]

# The properties a handoff takes, in the order a new one is written.
HANDOFF_KEYS = ("label", "agent", "prompt", "send", "showContinueOn", "model")
_PLACEHOLDER = "\x00handoffs\x00"
# Characters a literal block cannot hold raw (it has no escapes): controls, CR, NEL, LS, PS, BOM.
_LITERAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


@dataclass(frozen=True)
class HandoffProperty:
    """One `key: value` of a handoff, with offsets into the document's text."""

    key: str
    value: Any
    key_start: int
    value_start: int
    value_end: int
    style: str | None  # a scalar's: None, "'", '"', "|", ">"; "flow"/"block" for collections


@dataclass(frozen=True)
class Handoff:
    """One handoff: its place in the list, where it is written, and its properties."""

    index: int
    start: int
    end: int
    flow: bool  # written `{label: ..., agent: ...}`
    properties: Mapping[str, HandoffProperty] = field(default_factory=dict)
    is_mapping: bool = True

    def value(self, key: str) -> Any:
        found = self.properties.get(key)
        return None if found is None else found.value


def handoffs(document: Document) -> list[Handoff]:
    """The handoffs of the front matter, in list order ([] when there is no handoffs list)."""
    front = document.front_matter
    if front is None or front.error is not None:
        return []
    entry = front.entry("handoffs")
    if entry is None or entry.kind != "sequence":
        return []
    base = front.content_span.start
    content = document.text[base : front.content_span.end]
    return list(_read(content, base, entry.key_span.start - base))


@functools.lru_cache(maxsize=16)
def _read(content: str, base: int, key_offset: int) -> tuple[Handoff, ...]:
    try:
        root = yaml.compose(content, Loader=yaml.SafeLoader)  # aliases were refused already
    except yaml.YAMLError:
        return ()
    if not isinstance(root, MappingNode):
        return ()
    sequence: Node | None = None
    for key_node, value_node in root.value:
        if key_node.start_mark.index == key_offset:
            sequence = value_node
    if not isinstance(sequence, SequenceNode):
        return ()
    found = []
    loader = yaml.SafeLoader("")
    for index, node in enumerate(sequence.value):
        start, end = _node_bounds(content, node)
        if not isinstance(node, MappingNode):
            found.append(Handoff(index, base + start, base + end, False, {}, is_mapping=False))
            continue
        properties: dict[str, HandoffProperty] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            value_start, value_end = _node_bounds(content, value_node)
            if (
                isinstance(value_node, ScalarNode)
                and value_node.value == ""
                and not value_node.style
            ):
                colon = content.find(":", key_node.end_mark.index)
                value_start = value_end = colon + 1
            style = (
                ("flow" if value_node.flow_style else "block")
                if isinstance(value_node, (SequenceNode, MappingNode))
                else (value_node.style or None)
            )
            properties.setdefault(
                key_node.value,
                HandoffProperty(
                    key_node.value,
                    loader.construct_object(value_node, deep=True),
                    base + key_node.start_mark.index,
                    base + value_start,
                    base + value_end,
                    style,
                ),
            )
        found.append(Handoff(index, base + start, base + end, bool(node.flow_style), properties))
    loader.dispose()
    return tuple(found)


def _node_bounds(content: str, node: Node) -> tuple[int, int]:
    start, end = node.start_mark.index, node.end_mark.index
    while end > start and content[end - 1] in " \t\r\n":
        end -= 1
    if isinstance(node, (SequenceNode, MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        last_node = last[1] if isinstance(last, tuple) else last
        end = max(_node_bounds(content, last_node)[1], start)
    return start, end


def _handoff(document: Document, index: int) -> Handoff:
    front_of(document)
    found = handoffs(document)
    if not 0 <= index < len(found):
        raise EditError(f"There is no handoff {index + 1}")
    handoff = found[index]
    if not handoff.is_mapping:
        raise EditError(f"Handoff {index + 1} is not a 'key: value' mapping; fix it in the source")
    return handoff


# -- one property ----------------------------------------------------------------------------------


def set_handoff_property(document: Document, index: int, key: str, value: object) -> Edit:
    """Set one property of handoff `index` (a string or a boolean); `None` removes it."""
    handoff = _handoff(document, index)
    if value is None:
        return _remove_property(document, handoff, key)
    present = handoff.properties.get(key)
    label = f"set handoff {key}"
    if present is not None:
        return Edit(
            present.value_start,
            present.value_end,
            _value_text(document, handoff, present, value),
            label,
        )
    text = document.text
    if handoff.flow:
        written = f"{key}: {scalar(value, None, flow=True)}"
        close = text.rindex("}", handoff.start, handoff.end)
        inside = text[handoff.start + 1 : close]
        if not inside.strip():
            return Edit(handoff.start + 1, close, written, label)
        last = max(p.value_end for p in handoff.properties.values())
        return Edit(last, last, ", " + written, label)
    if not handoff.properties:
        raise EditError(f"Handoff {index + 1} has no properties to place '{key}' beside")
    indent = _key_indent(document, handoff)
    last_end = max(p.value_end for p in handoff.properties.values())
    line = f"{document.newline}{indent}{key}: {scalar(value, _quote_style(handoff))}"
    return Edit(last_end, last_end, line, label)


def _value_text(
    document: Document, handoff: Handoff, present: HandoffProperty, value: object
) -> str:
    if not isinstance(value, str):
        return scalar(value)
    style = present.style
    if style in ("|", ">") and _literal_can_hold(value):
        return _literal_block(document, handoff, present, value)
    if style not in ("'", '"'):
        style = None if not handoff.flow or style is None else "'"
    return quote(value, style, flow=handoff.flow)


def _literal_can_hold(value: str) -> bool:
    """A literal block reads back as `value` (no leading blank, no stray control characters,
    at most one trailing line break)."""
    body = value[:-1] if value.endswith("\n") else value
    return (
        bool(body.strip())
        and body[:1] not in " \t"
        and not body.endswith(("\n", " ", "\t"))
        and not _LITERAL_UNSAFE.search(body)
    )


def _literal_block(
    document: Document, handoff: Handoff, present: HandoffProperty, value: str
) -> str:
    """A multi-line value as a literal block, at the indentation the block had."""
    text = document.text
    header_end = text.find("\n", present.value_start)
    old_body = text[header_end + 1 : present.value_end] if header_end != -1 else ""
    found = re.match(r"[ \t]*", old_body)
    indent = found.group(0) if found and found.group(0) else _key_indent(document, handoff) + "  "
    chomp = "" if value.endswith("\n") else "-"
    nl = document.newline
    lines = value.rstrip("\n").split("\n")
    body = nl.join(indent + line if line else "" for line in lines)
    return f"|{chomp}{nl}{body}"


def _remove_property(document: Document, handoff: Handoff, key: str) -> Edit:
    present = handoff.properties.get(key)
    if present is None:
        raise EditError(f"Handoff {handoff.index + 1} has no '{key}'")
    ordered = sorted(handoff.properties.values(), key=lambda p: p.key_start)
    if len(ordered) == 1:
        raise EditError("A handoff needs at least one property; remove the handoff instead")
    position = ordered.index(present)
    label = f"remove handoff {key}"
    text = document.text
    if handoff.flow:
        if position + 1 < len(ordered):
            return Edit(present.key_start, ordered[position + 1].key_start, "", label)
        return Edit(ordered[position - 1].value_end, present.value_end, "", label)
    if position == 0:
        # The first key shares its line with the dash: the next key moves up onto it.
        return Edit(present.key_start, ordered[1].key_start, "", label)
    line_start = text.rfind("\n", 0, present.key_start) + 1
    line_end = _line_end(text, present.value_end)
    return Edit(line_start, line_end, "", label)


def _line_end(text: str, position: int) -> int:
    """Just after the line break that ends the line holding `position` (or the text's end)."""
    found = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?").match(text, position)
    return found.end() if found else len(text)


def _key_indent(document: Document, handoff: Handoff) -> str:
    """The column of the handoff's keys, as spaces (the dash's line counts as indentation)."""
    text = document.text
    first = min(p.key_start for p in handoff.properties.values())
    line_start = text.rfind("\n", 0, first) + 1
    return " " * (first - line_start)


def _quote_style(handoff: Handoff) -> str | None:
    styles = [p.style for p in handoff.properties.values() if p.style in ("'", '"')]
    return max(styles, key=styles.count) if styles else None


# -- whole handoffs --------------------------------------------------------------------------------


def add_handoff(document: Document, values: Mapping[str, object]) -> Edit:
    """Add a handoff at the end of the list (the list is created when there is none), written
    in the style of the handoffs already there."""
    front = front_of(document, create=True)
    entry = front.entry("handoffs") if front is not None else None
    nl = document.newline
    ordered = [(k, values[k]) for k in HANDOFF_KEYS if values.get(k) is not None]
    ordered += [(k, v) for k, v in values.items() if k not in HANDOFF_KEYS and v is not None]
    if not ordered:
        raise EditError("A handoff needs at least a label, an agent and a prompt")
    present = handoffs(document)
    mapped = [h for h in present if h.is_mapping and h.properties and not h.flow]
    if entry is not None and entry.kind == "sequence" and entry.style == "block" and mapped:
        model = mapped[-1]
        indent = _key_indent(document, model)
        text = document.text
        first_key = min(p.key_start for p in model.properties.values())
        dash_line = text[text.rfind("\n", 0, first_key) + 1 : first_key]
        style = _quote_style(model)
        lines = [dash_line + f"{ordered[0][0]}: {scalar(ordered[0][1], style)}"]
        lines += [f"{indent}{k}: {scalar(v, style)}" for k, v in ordered[1:]]
        last = present[-1]
        end = max([last.end, *(p.value_end for p in last.properties.values())])
        return Edit(end, end, nl + nl.join(lines), "add handoff")
    block = nl.join(
        ("  - " if position == 0 else "    ") + f"{k}: {scalar(v, None)}"
        for position, (k, v) in enumerate(ordered)
    )
    if entry is None:
        made = insert_key(document, "handoffs", _PLACEHOLDER)
        written = made.text.replace(f"handoffs: {_PLACEHOLDER}", f"handoffs:{nl}{block}")
        return Edit(made.start, made.end, written, "add handoff")
    if entry.kind == "sequence" and entry.style == "flow" and entry.items:
        inner = ", ".join(f"{k}: {scalar(v, None, flow=True)}" for k, v in ordered)
        at = entry.items[-1].span.end
        return Edit(at, at, ", {" + inner + "}", "add handoff")
    # An empty list (`[]`), an empty value or a value that is not a list: a block list.
    end = max(entry.value_span.end, entry.colon + 1)
    return Edit(entry.colon + 1, end, nl + block, "add handoff")


def remove_handoff(document: Document, index: int) -> Edit:
    return remove_list_value(document, "handoffs", index)


def move_handoff(document: Document, from_index: int, to_index: int) -> Edit:
    return move_list_value(document, "handoffs", from_index, to_index)
