"""The `Edit` (a span of the text and its replacement), applying edits, and the moves and
line-break helpers every kind of edit shares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from persona_studio.core.document import Document, parse
from persona_studio.core.errors import EditError


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `text`. A `note` tells the user something they would not
    expect (a value written in another style than it had, say)."""

    start: int
    end: int
    text: str
    label: str = ""
    note: str = ""

    def __reduce__(self) -> tuple[type[Edit], tuple[object, ...]]:
        # Pickled as its fields: cheaper both ways than the dataclass's own slot state.
        return Edit, (self.start, self.end, self.text, self.label, self.note)

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


_TRAILING_BREAKS = re.compile(r"(?:\r\n|\r|\n)*\Z")


def matched(found: re.Match[str] | None) -> str:
    """What a pattern matched where it cannot fail to match."""
    assert found is not None
    return found.group(0)


def move_unit(
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
        trail = matched(_TRAILING_BREAKS.search(chunk))
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


def with_newlines(text: str, newline: str) -> str:
    return re.sub(r"\r\n|\r|\n", newline.replace("\\", "\\\\"), text)
