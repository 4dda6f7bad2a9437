"""Structured changes expressed as span edits.

Each function takes a document and returns one `Edit`: a span of the text and its replacement.
Bytes outside the span never change, so comments, quoting and layout elsewhere survive, and an
editor can apply the edit as one undo step. List values keep their style: a flow list stays a flow
list with the same quote character and separator; a block list keeps its indentation and dashes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from persona_studio.core.document import Document, parse
from persona_studio.core.errors import EditError
from persona_studio.core.frontmatter import Entry, FrontMatter, Item
from persona_studio.core.outline import ListItem, Section, unclosed_fence
from persona_studio.core.text.yamlscalar import flow_list, quote, scalar

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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str
    label: str = ""

    def apply(self, text: str) -> str:
        return text[: self.start] + self.text + text[self.end :]

    def apply_to(self, document: Document) -> Document:
        return parse(self.apply(document.text))

    def is_noop(self, text: str) -> bool:
        return text[self.start : self.end] == self.text


def apply(document: Document, *edits: Edit) -> Document:
    """Apply edits made against the same text, from the last span to the first."""
    text = document.text
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end), reverse=True):
        text = edit.apply(text)
    return parse(text)


# -- front matter: scalars ---------------------------------------------------------------------


def set_field(document: Document, key: str, value: object) -> Edit:
    """Set a key to a string, number, boolean or list of strings; `None` removes the key."""
    if value is None:
        return remove_field(document, key)
    if isinstance(value, (list, tuple)):
        return set_list(document, key, [str(item) for item in value])
    front = _front(document, create=True)
    entry = front.entry(key) if front is not None else None
    if entry is None:
        style = "'" if key == "description" else None
        return _insert_key(document, key, scalar(value, style))
    style = entry.style if entry.kind == "scalar" and entry.style in ("'", '"') else None
    if entry.kind == "scalar" and entry.style is None and isinstance(value, str):
        style = None
    return replace_value(document, entry, scalar(value, style), f"set {key}")


def remove_field(document: Document, key: str) -> Edit:
    """Remove a key's lines; a key written twice loses every occurrence (else the other one
    would take effect)."""
    front = _front(document)
    assert front is not None
    _require_block_root(document, front)
    occurrences = [entry for entry in front.entries if entry.key == key]
    if not occurrences:
        raise EditError(f"The front matter has no '{key}' key")
    pieces = []
    for entry, following in itertools.pairwise(occurrences):
        pieces.append(document.text[entry.line_span.end : following.line_span.start])
    start, end = occurrences[0].line_span.start, occurrences[-1].line_span.end
    return Edit(start, end, "".join(pieces), f"remove {key}")


# -- front matter: lists -------------------------------------------------------------------------


def set_tools(document: Document, names: Sequence[str]) -> Edit:
    return set_list(document, "tools", names)


def set_list(document: Document, key: str, values: Sequence[str]) -> Edit:
    """Set a key to a list of strings, keeping the style of the list already there."""
    values = list(values)
    front = _front(document, create=True)
    entry = front.entry(key) if front is not None else None
    label = f"set {key}"
    if entry is None:
        return _insert_key(document, key, flow_list(values))
    if _comma_values(entry) is not None:
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
    entry = _list_entry(document, "tools")
    names = _values(entry)
    if name not in names:
        raise EditError(f"'{name}' is not in the tools list")
    return remove_list_value(document, "tools", names.index(name))


def rename_tool(document: Document, old: str, new: str) -> Edit:
    """Rename every occurrence's text in place: only the names' characters change."""
    entry = _list_entry(document, "tools")
    if entry.kind != "sequence":
        names = _values(entry)
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
    entry = _list_entry(document, "tools")
    names = _values(entry)
    if name not in names:
        raise EditError(f"'{name}' is not in the tools list")
    return move_list_value(document, "tools", names.index(name), to_index)


def add_list_value(document: Document, key: str, value: str, index: int | None = None) -> Edit:
    front = _front(document, create=True)
    entry = front.entry(key) if front is not None else None
    if entry is None or entry.kind != "sequence" or not entry.items:
        if entry is None:
            current: list[str] = []
        elif entry.kind == "sequence":
            current = list(entry.value)
        else:
            current = _comma_values(entry) or []
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
    entry = _list_entry(document, key)
    if entry.kind != "sequence":
        values = _values(entry)
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
    entry = _list_entry(document, key)
    if entry.kind != "sequence":
        names = _values(entry)
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
    entry = _list_entry(document, key)
    if entry.kind != "sequence":
        values = _values(entry)
        if not 0 <= from_index < len(values):
            raise EditError(f"There is no item {from_index + 1} to move")
        values.insert(max(0, min(to_index, len(values) - 1)), values.pop(from_index))
        return set_list(document, key, values)
    units = [
        (item.span.start, item.span.end) if entry.style == "flow" else _line_bounds(item)
        for item in entry.items
    ]
    return _move_unit(document.text, units, from_index, to_index, f"move {key} item")


# -- sections ---------------------------------------------------------------------------------


def replace_section_body(document: Document, section: Section | str, body: str) -> Edit:
    """Replace the text under a heading (down to the next heading of any level)."""
    section = _section(document, section)
    span = section.content_span
    source = document.text
    nl = document.newline
    old = source[span.start : span.end]
    # Blank lines before and after the old text stay (a last line's missing break too).
    lead = _matched(_LEADING_BLANK_LINES.match(old)) if old.strip() else ""
    trailing = _TRAILING_BLANK_LINES.search(old) if old.strip() else None
    trail = trailing.group(0) if trailing is not None else ""
    text = _with_newlines(body.strip("\r\n"), nl)
    at_end = span.end == len(source)
    start = span.start
    if text:
        if not old.strip():
            trail = (nl if document.ends_with_newline else "") if at_end else nl + nl
        new = lead + text + trail
        if start == len(source) and not source.endswith(("\n", "\r")):
            new = nl + new  # the heading is the last line and has no line break
    elif at_end:
        new = ""
        if not document.ends_with_newline:
            # Keep the file ending without a line break: drop the heading's break too.
            start -= len(_matched(_BREAK_BEFORE.search(source, 0, start)))
    else:
        new = nl
    return Edit(start, span.end, new, f"edit {section.title}")


def add_section(
    document: Document,
    title: str,
    body: str = "",
    *,
    level: int = 2,
    before: Section | str | None = None,
) -> Edit:
    """Add a section before another one, or at the end of the document."""
    nl = document.newline
    heading = "#" * level + " " + title.strip()
    content = _with_newlines(body.strip("\r\n"), nl)
    block = heading + nl + (content + nl if content else "")
    if before is not None:
        target = _section(document, before)
        return Edit(target.span.start, target.span.start, block + nl, f"add {title}")
    front = document.front_matter
    if front is not None and not front.terminated:
        raise EditError(
            "The front matter has no closing '---' line, so the whole file is front matter; "
            "add the closing '---' line first"
        )
    text = document.text
    end = len(text)
    fence = unclosed_fence(text, document.body_start) if end > document.body_start else None
    if fence is not None:
        # The body ends inside fenced code that never closes (it runs to the end of the file):
        # close it, or the new heading would be code. What is there already reads the same.
        if not text.endswith(("\n", "\r")):
            fence = nl + fence
        return Edit(end, end, fence + nl + nl + block, f"add {title}")
    if end == document.body_start:
        # No body yet: start on a line of its own (the closing fence may lack its break).
        lead = nl if end > (1 if document.bom else 0) and not text.endswith(("\n", "\r")) else ""
    elif text.endswith((nl + nl, "\n\n", "\r\n\r\n", "\r\r")):
        lead = ""
    elif text.endswith(("\n", "\r")):
        lead = nl
    else:
        lead = nl + nl
    return Edit(end, end, lead + block, f"add {title}")


def remove_section(document: Document, section: Section | str) -> Edit:
    """Remove a section with its subsections."""
    section = _section(document, section)
    start, end = section.span.start, section.span.end
    if end == len(document.text):
        # The last section: also drop the blank lines that separated it from the one before.
        while start > document.body_start and document.text[start - 1] in "\r\n":
            start -= 1
        if start > document.body_start and document.ends_with_newline:
            start += len(_matched(_LINE_BREAK.match(document.text, start)))
            start = min(start, section.span.start)
    return Edit(start, end, "", f"remove {section.title}")


def move_section(document: Document, section: Section | str, to_index: int) -> Edit:
    """Move a section (with its subsections) to another place among its siblings."""
    section = _section(document, section)
    siblings = _siblings(document, section)
    units = [(sibling.span.start, sibling.span.end) for sibling in siblings]
    index = next(i for i, sibling in enumerate(siblings) if sibling.span == section.span)
    text = document.text
    label = f"move {section.title}"
    last = siblings[-1].span
    fence = unclosed_fence(text, last.start) if last.end == len(text) else None
    final = len(siblings) - 1
    target = max(0, min(to_index, final))
    if fence is not None and index != target and final in (index, target):
        # The last section ends in fenced code that never closes: once another section comes
        # after it, that one would be code. Close the fence as part of the move.
        closed = text + ("" if text.endswith(("\n", "\r")) else document.newline)
        closed += fence + document.newline
        units[-1] = (last.start, len(closed))
        edit = _move_unit(closed, units, index, to_index, label)
        return Edit(edit.start, len(text), edit.text, label)
    return _move_unit(text, units, index, to_index, label)


def _siblings(document: Document, section: Section) -> list[Section]:
    """Sections of the same level under the same parent (or all without one), in order."""
    parent = _parent(document, section)
    return [
        candidate
        for candidate in document.sections
        if candidate.level == section.level and _parent(document, candidate) == parent
    ]


def _parent(document: Document, section: Section) -> int | None:
    """The heading offset of the innermost higher-level section holding `section`, or None."""
    parent = None
    for candidate in document.sections:
        if candidate.span.start >= section.span.start:
            break
        if candidate.level < section.level and section.span.start < candidate.span.end:
            parent = candidate.span.start
    return parent


# -- list items inside sections -------------------------------------------------------------------


def add_list_item(
    document: Document, section: Section | str, text: str, index: int | None = None
) -> Edit:
    section = _section(document, section)
    items = section.items
    nl = document.newline
    content = " ".join(text.split())
    if not items:
        old = section.content(document.text).strip("\r\n")
        body = (old + nl + nl if old else "") + f"- {content}"
        return replace_section_body(document, section, body)
    position = len(items) if index is None or index >= len(items) else max(0, index)
    template = items[min(position, len(items) - 1)]
    marker = template.marker
    if marker[:-1].isdigit() and _numbering(items) != "same":
        marker = f"{position + 1}{marker[-1]}"  # renumbered below when the list counts up
    line = f"{template.indent}{marker} {content}"
    label = f"add item to {section.title}"
    if position < len(items):
        at = items[position].span.start
        edit = Edit(at, at, line + nl, label)
    else:
        last = items[-1].span
        if document.text[last.start : last.end].endswith(("\n", "\r")):
            edit = Edit(last.end, last.end, line + nl, label)
        else:
            edit = Edit(last.end, last.end, nl + line, label)
    return _renumbered(document, section, edit)


def set_list_item(document: Document, section: Section | str, index: int, text: str) -> Edit:
    section = _section(document, section)
    item = _list_item(section, index)
    return Edit(
        item.text_span.start, item.text_span.end, " ".join(text.split()), f"edit {section.title}"
    )


def remove_list_item(document: Document, section: Section | str, index: int) -> Edit:
    """Remove an item's lines; in a list with blank lines between items, one blank gap goes
    with it, so the list keeps its spacing."""
    section = _section(document, section)
    item = _list_item(section, index)
    items = section.items
    text = document.text
    span = item.span
    label = f"remove item from {section.title}"
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    if span.end == len(text) and not document.ends_with_newline:
        # The last line of the file: the line break before it goes (there is none after it).
        if previous is not None:
            start = previous.text_span.end
        else:
            start = span.start - len(_matched(_BREAK_BEFORE.search(text, 0, span.start)))
        edit = Edit(start, span.end, "", label)
    elif following is not None and not text[span.end : following.span.start].strip():
        edit = Edit(span.start, following.span.start, "", label)
    elif previous is not None and not text[previous.span.end : span.start].strip():
        edit = Edit(previous.span.end, span.end, "", label)
    else:
        edit = Edit(span.start, span.end, "", label)
    return _renumbered(document, section, edit)


def move_list_item(
    document: Document, section: Section | str, from_index: int, to_index: int
) -> Edit:
    section = _section(document, section)
    units = [(item.span.start, item.span.end) for item in section.items]
    edit = _move_unit(document.text, units, from_index, to_index, f"move item in {section.title}")
    return _renumbered(document, section, edit)


def _numbering(items: Sequence[ListItem]) -> tuple[int, str] | str | None:
    """How an ordered list is numbered: (first number, delimiter) when it counts up by one,
    "same" when every item has the same number (`1.` `1.` `1.`), None otherwise."""
    if not items or not all(item.marker[:-1].isdigit() for item in items):
        return None
    delimiter = items[0].marker[-1]
    if any(item.marker[-1] != delimiter for item in items):
        return None
    numbers = [int(item.marker[:-1]) for item in items]
    if len(numbers) > 1 and len(set(numbers)) == 1:
        return "same"
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return numbers[0], delimiter
    return None


def _renumbered(document: Document, section: Section, edit: Edit) -> Edit:
    """`edit`, widened so that an ordered list that counted up by one still does after it."""
    numbering = _numbering(section.items)
    if not isinstance(numbering, tuple):
        return edit
    first, delimiter = numbering
    text = edit.apply(document.text)
    after = next(
        (
            candidate
            for candidate in parse(text).sections
            if candidate.heading_span.start == section.heading_span.start
        ),
        None,
    )
    if after is None:
        return edit
    pieces, position = [], 0
    for number, item in enumerate(after.items, start=first):
        if not item.marker[:-1].isdigit() or item.marker[-1] != delimiter:
            continue
        marker_start = item.span.start + len(item.indent)
        marker = f"{number}{delimiter}"
        pieces.append(text[position:marker_start])
        pieces.append(marker)
        position = marker_start + len(item.marker)
        shift = len(marker) - len(item.marker)
        if shift:
            # `9.` -> `10.` moves the content column: the item's other lines move with it, or
            # a nested list under it would fall out of the item.
            lines = _LINES.findall(text, position, item.span.end)
            pieces.append(lines[0] if lines else "")
            pieces.extend(_shifted(line, shift) for line in lines[1:])
            position = item.span.end
    pieces.append(text[position:])
    renumbered = "".join(pieces)
    if renumbered == text:
        return edit
    return _difference(document.text, renumbered, edit.label)


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _shifted(line: str, shift: int) -> str:
    if not line.strip():
        return line
    if shift > 0:
        return " " * shift + line
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, -shift) :]


def _difference(old: str, new: str, label: str) -> Edit:
    """The one edit that turns `old` into `new`: the span between their common prefix and
    suffix (never splitting a \\r\\n pair)."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    if 0 < prefix < len(old) and old[prefix - 1] == "\r" and old[prefix] == "\n":
        prefix -= 1
    end = len(old) - suffix
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end += 1
    return Edit(prefix, end, new[prefix : len(new) - (len(old) - end)], label)


# -- helpers ----------------------------------------------------------------------------------


def _front(document: Document, *, create: bool = False) -> FrontMatter | None:
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


def _list_entry(document: Document, key: str) -> Entry:
    """The entry of a list value: a YAML sequence, or a comma-separated string."""
    front = _front(document)
    entry = front.entry(key) if front is not None else None
    if entry is None or (entry.kind != "sequence" and _comma_values(entry) is None):
        raise EditError(f"The front matter has no '{key}' list")
    return entry


def _comma_values(entry: Entry) -> list[str] | None:
    """The names of a comma-separated string (Claude Code's `tools: Read, Grep`), else None."""
    if entry.kind != "scalar" or not isinstance(entry.value, str) or not entry.value.strip():
        return None
    if entry.key not in COMMA_LIST_KEYS and "," not in entry.value:
        return None  # `model: GPT-4.1` is one name, not a list of one
    return [part.strip() for part in entry.value.split(",") if part.strip()]


def _values(entry: Entry) -> list[Any]:
    if entry.kind == "sequence":
        return [item.value for item in entry.items]
    return _comma_values(entry) or []


def _require_block_root(document: Document, front: FrontMatter) -> None:
    """Adding or removing whole key lines needs a block mapping (`key: value` lines)."""
    content = document.text[front.content_span.start : front.content_span.end]
    if _FLOW_ROOT.match(content):
        raise EditError(
            "The front matter is written as one {...} mapping; rewrite it as 'key: value' "
            "lines to add or remove keys here"
        )


_FLOW_ROOT = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*[ \t]*\{")


def _section(document: Document, section: Section | str) -> Section:
    if isinstance(section, Section):
        for candidate in document.sections:
            if candidate.span == section.span and candidate.title == section.title:
                return candidate
        found = document.section(section.title, section.level)
    else:
        found = document.section(section)
    if found is None:
        name = section.title if isinstance(section, Section) else section
        raise EditError(f"The document has no section '{name}'")
    return found


def _list_item(section: Section, index: int) -> ListItem:
    if not 0 <= index < len(section.items):
        raise EditError(f"'{section.title}' has no item {index + 1}")
    return section.items[index]


def _insert_key(document: Document, key: str, value_text: str) -> Edit:
    nl = document.newline
    line = f"{key}: {value_text}"
    front = document.front_matter
    if front is None:
        at = document.body_start
        return Edit(at, at, f"---{nl}{line}{nl}---{nl}", f"add {key}")
    _require_block_root(document, front)
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


def _item_style(entry: Entry) -> str | None:
    styles = [item.style for item in entry.items if item.style in (None, "'", '"')]
    if not styles:
        return "'"
    # The most common style; on a tie, the one the list ends with.
    return max(reversed(styles), key=styles.count)


def _flow_separator(entry: Entry, text: str) -> str:
    """The text between items: the list's own when all gaps agree (`, `, `,` or one item per
    line), else the first gap if it stays on one line, else `, `."""
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


_TRAILING_BREAKS = re.compile(r"(?:\r\n|\r|\n)*\Z")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))*")
_TRAILING_BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)[ \t\r\n]*\Z")
_BREAK_BEFORE = re.compile(r"(?:\r\n|\r|\n)?\Z")


def _matched(found: re.Match[str] | None) -> str:
    """What a pattern matched where it cannot fail to match."""
    assert found is not None
    return found.group(0)


def _move_unit(
    text: str, units: list[tuple[int, int]], from_index: int, to_index: int, label: str
) -> Edit:
    """Move one unit to another position; the gaps between units and each position's trailing
    line breaks stay where they are, so layout survives the move."""
    count = len(units)
    if not 0 <= from_index < count:
        raise EditError(f"There is no item {from_index + 1} to move")
    to_index = max(0, min(to_index, count - 1))
    if from_index == to_index:
        start, end = units[from_index]
        return Edit(start, end, text[start:end], label)
    low, high = min(from_index, to_index), max(from_index, to_index)
    bodies, trails = [], []
    for start, end in units[low : high + 1]:
        chunk = text[start:end]
        trail = _matched(_TRAILING_BREAKS.search(chunk))
        bodies.append(chunk[: len(chunk) - len(trail)])
        trails.append(trail)
    order = list(range(len(bodies)))
    moved = order.pop(from_index - low)
    order.insert(to_index - low, moved)
    pieces = []
    for position, source in enumerate(order):
        pieces.append(bodies[source] + trails[position])
        if position < len(order) - 1:
            gap_start = units[low + position][1]
            gap_end = units[low + position + 1][0]
            pieces.append(text[gap_start:gap_end])
    return Edit(units[low][0], units[high][1], "".join(pieces), label)


def _with_newlines(text: str, newline: str) -> str:
    return re.sub(r"\r\n|\r|\n", newline.replace("\\", "\\\\"), text)
