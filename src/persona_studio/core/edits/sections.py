"""Edits of the body's sections: replace the text under a heading, add, remove or move a section."""

from __future__ import annotations

import re

from persona_studio.core.document import Document
from persona_studio.core.edits.edit import Edit, matched, move_unit, with_newlines
from persona_studio.core.errors import EditError
from persona_studio.core.outline import Section, unclosed_fence


def replace_section_body(document: Document, section: Section | str, body: str) -> Edit:
    """Replace the text under a heading (down to the next heading of any level)."""
    section = find_section(document, section)
    span = section.content_span
    source = document.text
    nl = document.newline
    old = source[span.start : span.end]
    # Blank lines before and after the old text stay (a last line's missing break too).
    lead = matched(_LEADING_BLANK_LINES.match(old)) if old.strip() else ""
    trailing = _TRAILING_BLANK_LINES.search(old) if old.strip() else None
    trail = trailing.group(0) if trailing is not None else ""
    text = with_newlines(body.strip("\r\n"), nl)
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
            start -= len(matched(BREAK_BEFORE.search(source, 0, start)))
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
    content = with_newlines(body.strip("\r\n"), nl)
    block = heading + nl + (content + nl if content else "")
    if before is not None:
        target = find_section(document, before)
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
    section = find_section(document, section)
    start, end = section.span.start, section.span.end
    if end == len(document.text):
        # The last section: also drop the blank lines that separated it from the one before.
        while start > document.body_start and document.text[start - 1] in "\r\n":
            start -= 1
        if start > document.body_start and document.ends_with_newline:
            start += len(matched(_LINE_BREAK.match(document.text, start)))
            start = min(start, section.span.start)
    return Edit(start, end, "", f"remove {section.title}")


def move_section(document: Document, section: Section | str, to_index: int) -> Edit:
    """Move a section (with its subsections) to another place among its siblings."""
    section = find_section(document, section)
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
        edit = move_unit(closed, units, index, to_index, label)
        return Edit(edit.start, len(text), edit.text, label)
    return move_unit(text, units, index, to_index, label)


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


def find_section(document: Document, section: Section | str) -> Section:
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


_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))*")

_TRAILING_BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)[ \t\r\n]*\Z")

BREAK_BEFORE = re.compile(r"(?:\r\n|\r|\n)?\Z")
