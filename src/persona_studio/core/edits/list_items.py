"""Edits of the list items inside a section; an ordered list that counts up by one still does after
the edit."""

from __future__ import annotations

import re
from collections.abc import Sequence

from persona_studio.core.document import Document, parse
from persona_studio.core.edits.edit import Edit, matched, move_unit
from persona_studio.core.edits.sections import BREAK_BEFORE, find_section, replace_section_body
from persona_studio.core.errors import EditError
from persona_studio.core.outline import ListItem, Section


def add_list_item(
    document: Document, section: Section | str, text: str, index: int | None = None
) -> Edit:
    section = find_section(document, section)
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
    section = find_section(document, section)
    item = _list_item(section, index)
    content = " ".join(text.split())
    start = item.text_span.start
    if content and start > 0 and not document.text[start - 1].isspace():
        content = " " + content  # an empty item written as a bare marker ("-") gets its space
    return Edit(start, item.text_span.end, content, f"edit {section.title}")


def remove_list_item(document: Document, section: Section | str, index: int) -> Edit:
    """Remove an item's lines; in a list with blank lines between items, one blank gap goes
    with it, so the list keeps its spacing."""
    section = find_section(document, section)
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
            start = span.start - len(matched(BREAK_BEFORE.search(text, 0, span.start)))
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
    section = find_section(document, section)
    units = [(item.span.start, item.span.end) for item in section.items]
    edit = move_unit(document.text, units, from_index, to_index, f"move item in {section.title}")
    return _renumbered(document, section, edit)


def _list_item(section: Section, index: int) -> ListItem:
    if not 0 <= index < len(section.items):
        raise EditError(f"'{section.title}' has no item {index + 1}")
    return section.items[index]


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
