"""Edits of front-matter keys: scalars, and lists (the tools above all) in the style they are
written in: a flow list keeps its quote character and separator, a block list its indentation and
dashes, a comma-separated string stays one."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from persona_studio.core.document import Document
from persona_studio.core.edits.edit import Edit, move_unit
from persona_studio.core.edits.keys import (
    comma_values,
    front_of,
    insert_key,
    list_entry,
    list_values,
    replace_value,
    require_block_root,
)
from persona_studio.core.edits.scalars import set_string
from persona_studio.core.errors import EditError
from persona_studio.core.frontmatter import Entry, Item
from persona_studio.core.text.yamlscalar import flow_list, quote, scalar

# -- scalars ---------------------------------------------------------------------------------------


def set_field(
    document: Document,
    key: str,
    value: object,
    *,
    keep_ending: bool = False,
    key_text: str | None = None,
) -> Edit:
    """Set a key to a string, number, boolean or list of strings; `None` removes the key.

    A string keeps the style of the value it replaces (`scalars.set_string`; the edit's `note`
    says when the style could not hold it). With `keep_ending`, a block's final line break(s)
    stay whatever the new words. `key_text` is how a key that is not there yet is written
    (quoted, say); by default the key itself.
    """
    if value is None:
        return remove_field(document, key)
    if isinstance(value, (list, tuple)):
        return set_list(document, key, [str(item) for item in value])
    front = front_of(document, create=True)
    entry = front.entry(key) if front is not None else None
    if entry is None:
        style = "'" if key == "description" else None
        return insert_key(document, key, scalar(value, style), key_text=key_text)
    if entry.kind == "scalar" and isinstance(value, str):
        return set_string(document, entry, value, f"set {key}", keep_ending=keep_ending)
    style = entry.style if entry.kind == "scalar" and entry.style in ("'", '"') else None
    if entry.kind == "scalar" and entry.style is None and isinstance(value, str):
        style = None
    return replace_value(document, entry, scalar(value, style), f"set {key}")


def remove_field(document: Document, key: str) -> Edit:
    """Remove a key's lines; a key written twice loses every occurrence (else the other one
    would take effect)."""
    front = front_of(document)
    assert front is not None
    require_block_root(document, front)
    occurrences = [entry for entry in front.entries if entry.key == key]
    if not occurrences:
        raise EditError(f"The front matter has no '{key}' key")
    pieces = []
    for entry, following in itertools.pairwise(occurrences):
        pieces.append(document.text[entry.line_span.end : following.line_span.start])
    start, end = occurrences[0].line_span.start, occurrences[-1].line_span.end
    return Edit(start, end, "".join(pieces), f"remove {key}")


# -- lists -----------------------------------------------------------------------------------------


def set_tools(document: Document, names: Sequence[str]) -> Edit:
    return set_list(document, "tools", names)


def set_list(document: Document, key: str, values: Sequence[str]) -> Edit:
    """Set a key to a list of strings, keeping the style of the list already there."""
    values = list(values)
    front = front_of(document, create=True)
    entry = front.entry(key) if front is not None else None
    label = f"set {key}"
    if entry is None:
        return insert_key(document, key, flow_list(values))
    if comma_values(entry) is not None:
        # A comma-separated string (Claude Code's form) stays one.
        style = entry.style if entry.style in ("'", '"') else None
        return replace_value(document, entry, quote(", ".join(values), style), label)
    if entry.kind != "sequence":
        return replace_value(document, entry, flow_list(values), label)
    style = _item_style(entry)
    if entry.style == "flow":
        if not entry.items:
            # `[]`, `[ ]` or a tagged `!!seq []`: write between the brackets.
            inside = document.text.index("[", entry.value_span.start, entry.value_span.end) + 1
            close = document.text.rindex("]", inside, entry.value_span.end)
            return Edit(inside, close, _flow_items(entry, values, document.text), label)
        first, last = entry.items[0].span, entry.items[-1].span
        return Edit(first.start, last.end, _flow_items(entry, values, document.text), label)
    if not values:
        return replace_value(document, entry, "[]", label)
    prefix = _block_prefix(document, entry)
    first_line = entry.items[0].line_span
    last_line = entry.items[-1].line_span
    assert first_line is not None and last_line is not None
    text = "".join(f"{prefix}{quote(value, style)}{document.newline}" for value in values)
    if not document.text[last_line.start : last_line.end].endswith(("\n", "\r")):
        text = text[: -len(document.newline)]
    return Edit(first_line.start, last_line.end, text, label)


def add_tool(document: Document, name: str, index: int | None = None) -> Edit:
    return add_list_value(document, "tools", name, index)


def remove_tool(document: Document, name: str) -> Edit:
    """Remove the first occurrence of a tool."""
    entry = list_entry(document, "tools")
    names = list_values(entry)
    if name not in names:
        raise EditError(f"'{name}' is not in the tools list")
    return remove_list_value(document, "tools", names.index(name))


def rename_tool(document: Document, old: str, new: str) -> Edit:
    """Rename every occurrence's text in place: only the names' characters change."""
    entry = list_entry(document, "tools")
    if entry.kind != "sequence":
        names = list_values(entry)
        if old not in names:
            raise EditError(f"'{old}' is not in the tools list")
        return set_list(document, "tools", [new if name == old else name for name in names])
    found = [item for item in entry.items if item.value == old]
    if not found:
        raise EditError(f"'{old}' is not in the tools list")
    flow = entry.style == "flow"
    pieces = []
    for position, item in enumerate(found):
        style = item.style if item.style in ("'", '"') else None
        pieces.append(quote(new, style, flow=flow))
        if position + 1 < len(found):
            pieces.append(document.text[item.span.end : found[position + 1].span.start])
    return Edit(found[0].span.start, found[-1].span.end, "".join(pieces), "rename tool")


def move_tool(document: Document, name: str, to_index: int) -> Edit:
    entry = list_entry(document, "tools")
    names = list_values(entry)
    if name not in names:
        raise EditError(f"'{name}' is not in the tools list")
    return move_list_value(document, "tools", names.index(name), to_index)


def add_list_value(document: Document, key: str, value: str, index: int | None = None) -> Edit:
    front = front_of(document, create=True)
    entry = front.entry(key) if front is not None else None
    if entry is None or entry.kind != "sequence" or not entry.items:
        if entry is None:
            current: list[str] = []
        elif entry.kind == "sequence":
            current = list(entry.value)
        else:
            current = comma_values(entry) or []
        position = len(current) if index is None else max(0, index)
        current.insert(position, value)
        return set_list(document, key, current)
    items = entry.items
    position = len(items) if index is None or index >= len(items) else max(0, index)
    style = _item_style(entry)
    label = f"add {value}"
    if entry.style == "flow":
        written = quote(value, style, flow=True)
        separator = _flow_separator(entry, document.text)
        if position == len(items):
            return Edit(items[-1].span.end, items[-1].span.end, separator + written, label)
        at = items[position].span.start
        return Edit(at, at, written + separator, label)
    prefix = _block_prefix(document, entry)
    line = f"{prefix}{quote(value, style)}{document.newline}"
    if position == len(items):
        last = items[-1].line_span
        assert last is not None
        if not document.text[last.start : last.end].endswith(("\n", "\r")):
            return Edit(
                last.end, last.end, document.newline + line[: -len(document.newline)], label
            )
        return Edit(last.end, last.end, line, label)
    target = items[position].line_span
    assert target is not None
    return Edit(target.start, target.start, line, label)


def remove_list_value(document: Document, key: str, index: int) -> Edit:
    entry = list_entry(document, key)
    if entry.kind != "sequence":
        values = list_values(entry)
        if not 0 <= index < len(values):
            raise EditError(f"'{key}' has no item {index + 1}")
        del values[index]
        return set_list(document, key, values)
    items = entry.items
    if not 0 <= index < len(items):
        raise EditError(f"'{key}' has no item {index + 1}")
    label = f"remove {items[index].value}"
    if entry.style == "flow":
        if len(items) == 1:
            return Edit(entry.value_span.start, entry.value_span.end, "[]", label)
        if index < len(items) - 1:
            return Edit(items[index].span.start, items[index + 1].span.start, "", label)
        return Edit(items[index - 1].span.end, items[index].span.end, "", label)
    if len(items) == 1:
        return replace_value(document, entry, "[]", label)
    line = items[index].line_span
    assert line is not None
    if index == len(items) - 1 and not document.text[line.start : line.end].endswith(("\n", "\r")):
        previous = items[index - 1].line_span
        assert previous is not None
        return Edit(previous.end - len(document.newline), line.end, "", label)
    return Edit(line.start, line.end, "", label)


def replace_list_value(document: Document, key: str, index: int, values: Sequence[str]) -> Edit:
    """Replace one item of a list with one or more values, touching only that item (a rename
    that expands to several names, for example). No values removes the item."""
    entry = list_entry(document, key)
    if entry.kind != "sequence":
        names = list_values(entry)
        if not 0 <= index < len(names):
            raise EditError(f"'{key}' has no item {index + 1}")
        names[index : index + 1] = list(values)
        return set_list(document, key, names)
    if not 0 <= index < len(entry.items):
        raise EditError(f"'{key}' has no item {index + 1}")
    if not values:
        return remove_list_value(document, key, index)
    item = entry.items[index]
    label = f"replace {item.value}"
    style = item.style if item.style in ("'", '"') else (None if item.style is None else "'")
    if entry.style == "flow":
        separator = _flow_separator(entry, document.text)
        text = separator.join(quote(value, style, flow=True) for value in values)
        return Edit(item.span.start, item.span.end, text, label)
    prefix = _block_prefix(document, entry)
    line_break = document.newline
    text = (line_break + prefix).join(quote(value, style) for value in values)
    return Edit(item.span.start, item.span.end, text, label)


def move_list_value(document: Document, key: str, from_index: int, to_index: int) -> Edit:
    entry = list_entry(document, key)
    if entry.kind != "sequence":
        values = list_values(entry)
        if not 0 <= from_index < len(values):
            raise EditError(f"There is no item {from_index + 1} to move")
        values.insert(max(0, min(to_index, len(values) - 1)), values.pop(from_index))
        return set_list(document, key, values)
    units = [
        (item.span.start, item.span.end) if entry.style == "flow" else _line_bounds(item)
        for item in entry.items
    ]
    return move_unit(document.text, units, from_index, to_index, f"move {key} item")


def _item_style(entry: Entry) -> str | None:
    styles = [item.style for item in entry.items if item.style in (None, "'", '"')]
    if not styles:
        return "'"
    # The most common style; on a tie, the one the list ends with.
    return max(reversed(styles), key=styles.count)


# The last answer of _flow_separator, with the text (held, so compared by identity) and the
# list's span it was for: lint's rename fixes ask about the same list once per old name.
_last_separator: tuple[str, int, int, str] | None = None


def _flow_separator(entry: Entry, text: str) -> str:
    """The text between items: the list's own when all gaps agree (`, `, `,` or one item per
    line), else the first gap if it stays on one line, else `, `."""
    global _last_separator
    span = entry.value_span
    last = _last_separator
    if last is not None and last[0] is text and last[1] == span.start and last[2] == span.end:
        return last[3]
    separator = _gaps_separator(entry, text)
    _last_separator = (text, span.start, span.end, separator)
    return separator


def _gaps_separator(entry: Entry, text: str) -> str:
    items = entry.items
    gaps = [text[a.span.end : b.span.start] for a, b in itertools.pairwise(items)]
    if gaps and all(gap == gaps[0] for gap in gaps):
        return gaps[0]
    if gaps and "\n" not in gaps[0] and "\r" not in gaps[0]:
        return gaps[0]
    return ", "


def _flow_items(entry: Entry, values: list[str], text: str) -> str:
    separator = _flow_separator(entry, text)
    style = _item_style(entry)
    return separator.join(quote(value, style, flow=True) for value in values)


def _block_prefix(document: Document, entry: Entry) -> str:
    item: Item = entry.items[0]
    assert item.line_span is not None
    return document.text[item.line_span.start : item.span.start]


def _line_bounds(item: Item) -> tuple[int, int]:
    assert item.line_span is not None
    return item.line_span.start, item.line_span.end
