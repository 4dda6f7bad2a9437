"""The block lines of a Markdown body that the outline reads: ATX headings, list items and
thematic breaks, and the top-level list items of a run of lines (``core.outline`` gives each
section its items from here); never Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from persona_studio.core.text.fences import FENCE_OPEN_RE
from persona_studio.core.text.spans import Span

HEADING_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
ITEM_RE = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
# `* * *`, `- - -`, `___`: a thematic break (a rule), not a list item.
THEMATIC_RE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")


@dataclass(frozen=True, slots=True)
class ListItem:
    marker: str  # "-", "*", "+", "1." ...
    text: str  # the item's text without its marker; continuation lines joined with "\n"
    text_span: Span  # the text on the marker's line through the last content line
    span: Span  # whole lines, from the marker line's start through the last line's line break
    indent: str


def list_items(
    texts: list[str],
    starts: list[int],
    nexts: list[int],
    in_fence: list[bool] | None,
    line0: int,
) -> tuple[ListItem, ...]:
    """Top-level list items of a run of lines: ``texts`` without their line breaks, each line's
    start offset and the next line's start (the text's end for the last line of a text), which
    of them are fenced code (None: none), and ``line0``, the 0-based line of ``texts[0]`` in the
    whole text."""
    items: list[ListItem] = []
    last = len(texts)
    item_match = ITEM_RE.match
    thematic = THEMATIC_RE.match
    new_span = partial(tuple.__new__, Span)
    number = 0
    while number < last:
        body = texts[number]
        if in_fence is not None and in_fence[number]:
            number += 1
            continue
        match = item_match(body)
        # `- - -` and `* * *` are rules, not items.
        if match is None or (match.group(2) in ("-", "*") and thematic(body)):
            number += 1
            continue
        lead = match.group(1)
        if lead and len(lead.expandtabs(4)) > 3:
            # A marker line that no earlier item took in is a new top-level item (CommonMark:
            # a marker indented less than the previous item's content starts a sibling).
            number += 1
            continue
        # The item runs on over continuation lines: indented deeper than its marker, or lazy
        # (non-blank, not a new item); a blank line ends it unless an indented line follows.
        content_indent = _content_indent(match)
        end = number
        probe = number + 1
        while probe < last:
            text = texts[probe]
            first_char = text[:1]
            if first_char and not first_char.isspace():
                # Not indented (content_indent is at least 2): a new item, a heading, a fence or
                # a rule ends the item; other text is a lazy continuation line.
                if item_match(text) or _ends_item(text):
                    break
                end = probe
                probe += 1
                continue
            if not text.strip():
                following = probe + 1
                while following < last and not texts[following].strip():
                    following += 1
                if following < last and _indent(texts[following]) >= content_indent:
                    probe = following
                    continue
                break
            if _indent(text) < content_indent and (item_match(text) or _ends_item(text)):
                break
            end = probe
            probe += 1
        # The spans, made here rather than searched for: every line of the run starts after a
        # line break, where the text's line index starts a line too.
        start = starts[number]
        column = match.end() + 1
        end_length = len(texts[end])
        text_end = starts[end] + end_length
        first_line = line0 + number + 1  # 1-based
        last_line = line0 + end + 1
        after = nexts[end]
        text_span = new_span(
            (start + column - 1, text_end, first_line, column, last_line, end_length + 1)
        )
        if after > text_end:  # the span ends at the start of the next line
            span = new_span((start, after, first_line, 1, last_line + 1, 1))
        else:  # the last line of a text without a final line break
            span = new_span((start, after, first_line, 1, last_line, end_length + 1))
        if end == number:
            item_text = body[match.end() :].rstrip()
        else:
            pieces = [body[match.end() :].rstrip()]
            pieces.extend(texts[i].strip() for i in range(number + 1, end + 1))
            item_text = "\n".join(piece for piece in pieces if piece)
        items.append(ListItem(match.group(2), item_text, text_span, span, lead))
        number = end + 1
    return tuple(items)


def _ends_item(text: str) -> bool:
    """A line indented less than an item's content that ends it: a heading, a fence or a rule."""
    return bool(HEADING_RE.match(text) or FENCE_OPEN_RE.match(text) or THEMATIC_RE.match(text))


def _content_indent(match: re.Match[str]) -> int:
    """The column where an item's content starts: after the marker and the spaces that follow
    it, or one past the marker when the line is empty after it or an indented code block
    follows (five or more spaces)."""
    if "\t" in match.group(0):
        marker_end = len(match.string[: match.end(2)].expandtabs(4))
        full = len(match.group(0).expandtabs(4))
    else:  # no tab: columns are offsets
        marker_end, full = match.end(2), match.end()
    if match.end() == len(match.string) or full - marker_end > 4:
        return marker_end + 1
    return full


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t")) if text.strip() else 0
