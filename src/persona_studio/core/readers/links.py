"""The files a persona's body points at: Markdown links and ``#file:`` references, as VS Code
finds them (image links and code blocks left out), and where each resolves on disk.

Standard library and core only; never Qt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from persona_studio.core.document import Document
from persona_studio.core.outline import FENCE_OPEN_RE, fenced_ranges

__all__ = ["Link", "body_links", "resolve"]

# `[text](target "title")`, not `![image](...)`; VS Code's parser skips image links. The `[`
# comes first and the look back for `!` after it: a pattern that starts with a literal is
# searched for that literal (ten times faster over a long body than trying every position).
MARKDOWN_LINK = re.compile(
    r"\[(?<!!\[)[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)"
)
FILE_REFERENCE = re.compile(r"#file:([\w\-./]+)")
_SCHEME = re.compile(r"^[A-Za-z][\w+.-]*:")


@dataclass(frozen=True, slots=True)
class Link:
    """A link's target as written, the file path it names (no anchor, no query, %-decoded),
    and the span of the target in the text."""

    written: str
    relative: str
    start: int
    end: int


def body_links(document: Document) -> Iterator[Link]:
    """Links to files in the body: Markdown links and #file: references, outside fenced code,
    without web addresses, anchors and template placeholders."""
    text = document.text
    start = document.body_start
    fences: list[tuple[int, int]] | None = None  # found once a link needs them
    for pattern in (MARKDOWN_LINK, FILE_REFERENCE):
        for match in pattern.finditer(text, start):
            if fences is None:
                # A fence takes three backticks or tildes: a body without them has no code.
                fenced = "```" in text or "~~~" in text
                fences = _fences(text, start) if fenced else []
            if any(a <= match.start() < b for a, b in fences):
                continue
            target = match.group(1)
            if pattern is FILE_REFERENCE:
                target = target.rstrip(".")  # a sentence's final period is not part of it
            if not target or _SCHEME.match(target) or target.startswith(("#", "{", "$")):
                continue
            relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if relative:
                yield Link(target, relative, match.start(1), match.start(1) + len(target))


_FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[^\n]*", re.MULTILINE)
# The same lines after a line break: searched for from the break, a literal (`^` in MULTILINE
# mode is tried at every character).
_FENCE_LINE_AFTER_BREAK = re.compile(r"\n( {0,3}(?:`{3,}|~{3,})[^\n]*)")


def _fence_lines(text: str, start: int) -> Iterator[tuple[str, int, int]]:
    """Each line from ``start`` on that may open or close a fence (``_FENCE_LINE`` at a line's
    start): its text, start and end."""
    first = _FENCE_LINE.match(text, start)  # `^` matches there only at a line's start
    if first is not None:
        yield first.group(), first.start(), first.end()
    for match in _FENCE_LINE_AFTER_BREAK.finditer(text, start):
        yield match.group(1), match.start(1), match.end(1)


def _fences(text: str, start: int) -> list[tuple[int, int]]:
    """``outline.fenced_ranges``, looking only at the lines that can open or close a fence
    (several times faster on long bodies); texts with lone CR line breaks take the full way."""
    if "\r" in text.replace("\r\n", ""):
        return fenced_ranges(text, start)
    ranges: list[tuple[int, int]] = []
    fence: tuple[str, int, int] | None = None  # char, length, where the block starts
    for line, line_start, line_end in _fence_lines(text, start):
        body = line.rstrip("\r")
        stripped = body.strip()
        if fence is not None:
            char, size, begin = fence
            if set(stripped) == {char} and len(stripped) >= size:
                end = line_end + 1 if line_end < len(text) else line_end
                ranges.append((begin, end))
                fence = None
            continue
        opening = FENCE_OPEN_RE.match(body)
        if opening is not None and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = (opening.group(1)[0], len(opening.group(1)), line_start)
    if fence is not None:
        ranges.append((fence[2], len(text)))
    merged: list[tuple[int, int]] = []
    for begin, end in ranges:
        if merged and merged[-1][1] == begin:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return merged


def resolve(link: Link, path: str, root: str | None) -> str | None:
    """The absolute path a link names, for the file at ``path``: relative to the file's folder,
    or to the workspace ``root`` when it starts with / (None when there is no workspace)."""
    if link.relative.startswith("/"):
        if root is None:
            return None
        return os.path.normpath(os.path.join(root, link.relative.lstrip("/")))
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), link.relative))
