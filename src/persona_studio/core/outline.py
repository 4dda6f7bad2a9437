"""The outline of a Markdown body: ATX headings outside fenced code, sections and their list items.

A section is a heading and the body under it. Two ranges matter:
- `content_span`: the section's own text, from the line after the heading to the next heading of
  any level (what a section editor shows and replaces);
- `span`: the whole section, heading line included, down to the next heading of the same or a
  higher level (what moving or removing a section takes along).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import accumulate
from typing import NamedTuple

from persona_studio.core.text.blocks import HEADING_RE, ListItem, list_items
from persona_studio.core.text.fences import (
    FENCE_OPEN_RE,
    _fence_blocks,
    _fence_free,
    _fence_step,
    _fences_of,
    _outside,
)
from persona_studio.core.text.spans import NEWLINE_RE, LineIndex, Span

__all__ = [
    "FENCE_OPEN_RE",
    "HEADING_RE",
    "ListItem",
    "Section",
    "fenced_ranges",
    "parse_outline",
    "unclosed_fence",
]


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    heading_span: Span  # the heading line without its line break
    title_span: Span
    content_span: Span
    span: Span
    # The list items are found when first asked for: most sections of most documents are
    # never asked (a lint run reads a few; a folder scan reads none).
    _find_items: Callable[[], tuple[ListItem, ...]] = field(repr=False, compare=False)

    @cached_property
    def items(self) -> tuple[ListItem, ...]:
        return self._find_items()

    @property
    def line(self) -> int:
        return self.heading_span.line

    def content(self, text: str) -> str:
        return text[self.content_span.start : self.content_span.end]


class _Line(NamedTuple):
    start: int
    end: int  # without the line break
    next: int  # start of the next line
    text: str


def _lines(text: str, start: int) -> list[_Line]:
    lines: list[_Line] = []
    make = tuple.__new__  # a _Line without the named tuple's keyword-taking constructor
    position = start
    length = len(text)
    if "\r" not in text:  # the common case: split on \n alone, no regular expression
        for piece in text[start:].split("\n"):
            end = position + len(piece)
            if end == length:
                if piece:
                    lines.append(make(_Line, (position, end, end, piece)))
                break
            lines.append(make(_Line, (position, end, end + 1, piece)))
            position = end + 1
        return lines
    for match in NEWLINE_RE.finditer(text, start):
        lines.append(
            make(_Line, (position, match.start(), match.end(), text[position : match.start()]))
        )
        position = match.end()
    if position < length:
        lines.append(make(_Line, (position, length, length, text[position:])))
    return lines


@functools.lru_cache(maxsize=2)
def _scan(text: str, start: int) -> tuple[list[_Line], list[bool], tuple[str, int] | None]:
    """The lines of ``text[start:]``, which of them are fenced code, and the fence left open.
    Parsing a document and finding its links both ask for the same text in turn: it is split
    once (the lists are shared: read them, never change them)."""
    lines = _lines(text, start)
    in_fence, fence = _fences(lines, text, start)
    return lines, in_fence, fence


# A heading found: its 0-based line (counted from the line of `start`), level, title, the
# title's offsets, and its line's start, end (without the line break) and next line's start.
_Heading = tuple[int, int, str, int, int, int, int, int]
# A heading line after a line break, found in the whole text from its line break (a literal,
# which `re` looks for fast; `^` in MULTILINE mode is tried at every character): the marks, and
# the rest of the line after the blanks that follow them. `$` in MULTILINE mode matches before a
# line break as at the end of a line alone, and no part of the pattern matches a line break. The
# title is then cut out of the rest as HEADING_RE's lazy group would (``_title``): that group,
# tried here at every character of every title, costs more than all the rest of the search.
_HEADING_LINE = re.compile(r"\n {0,3}(#{1,6})(?:[ \t]+([^\n]*))?$", re.MULTILINE)


def _title(rest: str) -> str:
    """HEADING_RE's title out of the rest of a heading line after the blanks that follow its
    marks: without the blanks that end it, nor a closing sequence of #s after a blank."""
    title = rest.rstrip(" \t")
    if title.endswith("#"):
        before = title.rstrip("#")
        if before[-1:] in (" ", "\t"):
            title = before.rstrip(" \t")
    return title


def _heading(
    body: str, number: int, line_start: int, line_end: int, line_next: int
) -> _Heading | None:
    heading = HEADING_RE.match(body)
    if heading is None:
        return None
    title = heading.group(2) or ""
    if title and not title.strip("#"):
        title = ""  # `### ###`: only a closing sequence, an empty heading
    title_start = line_start + (heading.start(2) if heading.group(2) is not None else len(body))
    level = len(heading.group(1))
    return (
        number,
        level,
        title,
        title_start,
        title_start + len(title),
        line_start,
        line_end,
        line_next,
    )


def _headings_by_search(
    text: str, start: int, line_starts: list[int] | None = None, base: int = 0
) -> tuple[list[_Heading], int]:
    """The headings of a text with neither a fence nor a \r, found without splitting it into
    lines, and its number of lines: the same answer as `_headings_by_line`. ``line_starts``:
    the text's (``LineIndex.line_starts``) when ``start`` is the start of its line ``base``:
    each heading's line is looked up there rather than the line breaks counted."""
    headings: list[_Heading] = []
    length = len(text)
    if text.startswith(("#", " #", "  #", "   #"), start):  # no line break before it
        line_end = text.find("\n", start)
        if line_end < 0:
            line_end = line_next = length
        else:
            line_next = line_end + 1
        found = _heading(text[start:line_end], 0, start, line_end, line_next)
        if found is not None:
            headings.append(found)
    number = 0
    counted = start  # line breaks are counted up to here
    count = text.count
    append = headings.append
    for match in _HEADING_LINE.finditer(text, start):
        line_start = match.start() + 1
        if line_starts is None:
            number += count("\n", counted, line_start)
            counted = line_start
        else:
            number = bisect_right(line_starts, line_start) - 1 - base
        line_end = match.end()
        rest = match.group(2)
        if rest is None:
            title = ""
            title_start = line_end
        else:
            title = _title(rest)
            title_start = match.start(2)
            if title and not title.strip("#"):
                title = ""  # `### ###`: only a closing sequence, an empty heading
        append(
            (
                number,
                len(match.group(1)),
                title,
                title_start,
                title_start + len(title),
                line_start,
                line_end,
                line_end + 1 if line_end < length else length,
            )
        )
    # The line breaks from `start` on: every line of the index but the first starts after one.
    line_count = count("\n", start) if line_starts is None else len(line_starts) - 1 - base
    if length > start and not text.endswith("\n"):
        line_count += 1
    return headings, line_count


def _headings_by_line(text: str, start: int) -> tuple[list[_Heading], int]:
    lines, in_fence, _ = _scan(text, start)
    headings: list[_Heading] = []
    for number, line in enumerate(lines):
        body = line.text
        if in_fence[number] or "#" not in body[:4]:
            continue
        found = _heading(body, number, line.start, line.end, line.next)
        if found is not None:
            headings.append(found)
    return headings, len(lines)


def parse_outline(text: str, index: LineIndex, start: int) -> tuple[Section, ...]:
    base = index.position(start)[0] - 1  # the 0-based line of the line `start` is on
    if "\r" in text:
        headings, line_count = _headings_by_line(text, start)
    else:
        starts = index.line_starts
        if starts[base] == start:  # where a line starts, as usual: its lines are known
            headings, line_count = _headings_by_search(text, start, starts, base)
        else:
            headings, line_count = _headings_by_search(text, start)
        if not _fence_free(text, start):
            headings = _outside(headings, _fence_blocks(text, start)[0])

    sections = []
    end_of_text = len(text)
    count = len(headings)
    # Where each section ends: at the next heading of the same or a higher level (index into
    # `headings`, or `count` for the end of the text), found in one pass from the last heading.
    ends = [count] * count
    open_: list[int] = []  # headings whose end is not found yet (their levels rise to the top)
    for position, heading in enumerate(headings):
        level = heading[1]
        while open_ and headings[open_[-1]][1] >= level:
            ends[open_.pop()] = position
        open_.append(position)
    starts = index.line_starts
    lines = len(starts)
    spans = index.span_near
    new_span = partial(tuple.__new__, Span)
    new_section = object.__new__
    set_attribute = object.__setattr__
    for position, heading in enumerate(headings):
        number, level, title, title_start, title_end, line_start, line_end, line_next = heading
        following = headings[position + 1] if position + 1 < count else None
        content_end = following[5] if following is not None else end_of_text
        later = headings[ends[position]] if ends[position] < count else None
        span_end = later[5] if later is not None else end_of_text
        last_line = following[0] if following is not None else line_count
        # The lines are known: spans near them skip the search for each offset's line.
        here = base + number
        content_line = base + last_line
        span_line = base + (later[0] if later is not None else line_count)
        if (
            here + 1 < lines
            and starts[here] == line_start
            and line_end < starts[here + 1] == line_next
            and content_line < lines
            and starts[content_line] == content_end
            and span_line < lines
            and starts[span_line] == span_end
        ):
            # The usual case, checked above: the heading is the whole line `here`, and the
            # content and the section end where a line starts (or the text ends after a line
            # break): each span is made here, not searched for.
            line = here + 1
            width = line_end - line_start
            heading_span = new_span((line_start, line_end, line, 1, line, width + 1))
            title_span = new_span(
                (
                    title_start,
                    title_end,
                    line,
                    title_start - line_start + 1,
                    line,
                    title_end - line_start + 1,
                )
            )
            content_span = new_span((line_next, content_end, line + 1, 1, content_line + 1, 1))
            span = new_span((line_start, span_end, line, 1, span_line + 1, 1))
        else:
            heading_span = spans(line_start, line_end, here, here)
            title_span = spans(title_start, title_end, here, here)
            content_span = spans(line_next, content_end, here + 1, content_line)
            span = spans(line_start, span_end, here, span_line)
        # Section(...) made without the frozen dataclass's __init__, which sets each field
        # through object.__setattr__ (twice the cost of the rest of a section): the same fields
        # in the instance's dict, as __init__ leaves them.
        section = new_section(Section)
        set_attribute(
            section,
            "__dict__",
            {
                "title": title,
                "level": level,
                "heading_span": heading_span,
                "title_span": title_span,
                "content_span": content_span,
                "span": span,
                "_find_items": partial(
                    _items_of, text, start, number + 1, last_line, base, line_next, content_end
                ),
            },
        )
        sections.append(section)
    return tuple(sections)


def _items_of(
    text: str,
    start: int,
    first: int,
    last: int,
    base: int,
    content_start: int,
    content_end: int,
) -> tuple[ListItem, ...]:
    """A section's list items, when first asked for. Only the section's own lines are split: its
    content starts after a heading and ends at one (or at the end of the text), so no fenced
    block crosses its bounds and its fences are read from its first line on."""
    if "\r" in text:
        lines, in_fence, _ = _scan(text, start)
        part = lines[first:last]
        return list_items(
            [line.text for line in part],
            [line.start for line in part],
            [line.next for line in part],
            in_fence[first:last],
            base + first,
        )
    body = text[content_start:content_end]
    texts = body.split("\n")
    if texts[-1] == "" and len(texts) > 1:
        texts.pop()  # the line break that ends the last line; no line after it
    starts = list(accumulate(map((1).__add__, map(len, texts)), initial=content_start))
    nexts = starts[1:]
    if nexts and nexts[-1] > len(text):
        nexts[-1] = len(text)  # the last line of a text without a final line break
    fenced = None if _fence_free(body, 0) else _fences_of(texts)
    return list_items(texts, starts, nexts, fenced, base + first)


def fenced_ranges(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The (start, end) offsets of the fenced code blocks of ``text[start:]``, fences included;
    a block still open at the end runs to the end of the text."""
    if _fence_free(text, start):
        return []
    ranges: list[tuple[int, int]] = []
    if "\r" not in text:
        for _, _, block_start, block_end in _fence_blocks(text, start)[0]:
            if ranges and ranges[-1][1] == block_start:  # one block right after another
                ranges[-1] = (ranges[-1][0], block_end)
            else:
                ranges.append((block_start, block_end))
        return ranges
    lines, in_fence, _ = _scan(text, start)
    for line, inside in zip(lines, in_fence, strict=True):
        if not inside:
            continue
        if ranges and ranges[-1][1] == line.start:
            ranges[-1] = (ranges[-1][0], line.next)
        else:
            ranges.append((line.start, line.next))
    return ranges


def unclosed_fence(text: str, start: int = 0) -> str | None:
    """The fence (such as "```" or "~~~~") of a fenced code block still open at the end of the
    text read from `start`, or None. Text added after it would be code, not Markdown."""
    if _fence_free(text, start):
        return None
    fence = _fence_blocks(text, start)[1] if "\r" not in text else _scan(text, start)[2]
    return None if fence is None else fence[0] * fence[1]


def _fences(lines: list[_Line], text: str, start: int) -> tuple[list[bool], tuple[str, int] | None]:
    """For each line, whether it belongs to fenced code (fences included), and the fence still
    open after the last line."""
    if _fence_free(text, start):
        return [False] * len(lines), None
    in_fence: list[bool] = []
    fence: tuple[str, int] | None = None
    for line in lines:
        inside, fence = _fence_step(line.text, fence)
        in_fence.append(inside)
    return in_fence, fence
