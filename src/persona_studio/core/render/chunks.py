"""The body cut into chunks at its headings, and what a render returns: the page, its chunks and
its pieces."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from persona_studio.core.document import Document

ANCHOR_PREFIX = "ps-line-"


@dataclass(frozen=True, slots=True)
class Chunk:
    """One rendered piece of the body: a section (heading and own text) or the text before the
    first heading. `line` is its first source line (1-based); `anchor` names its place in the
    HTML, for scrolling the preview to a source line."""

    line: int
    end_line: int
    start: int
    end: int
    anchor: str
    title: str | None


@dataclass(frozen=True, slots=True)
class RenderStats:
    rendered: int  # chunks converted by Markdown this time
    cached: int  # chunks taken from the cache

    @property
    def total(self) -> int:
        return self.rendered + self.cached


@dataclass(frozen=True, slots=True)
class Piece:
    """One part of the page's body that a view can replace on its own: the header card, one
    chunk, or the empty-page notice. `body` is its HTML without anchors; `anchors` name the
    chunks it shows (none for the card and the notice). They are kept apart because a new line
    above a chunk renames its anchor while its body stays the same. A chunk whose HTML shows
    nothing (an intro of only a comment) is no piece: its anchor joins the next piece's."""

    body: str
    anchors: tuple[str, ...] = ()

    @property
    def html(self) -> str:
        return "".join(f'<a name="{name}"></a>' for name in self.anchors) + self.body


@dataclass(frozen=True, slots=True)
class RenderResult:
    """The page (`html`: a whole document with its style sheet) and the same page in parts: the
    style sheet (`style`) and the body as `pieces`, in order (their HTML joined is the body of
    `html`, but for the white space of chunks that show nothing)."""

    html: str
    chunks: tuple[Chunk, ...]
    stats: RenderStats
    style: str = ""
    pieces: tuple[Piece, ...] = field(default=())

    def chunk_index(self, line: int) -> int | None:
        """The index of the chunk holding a 1-based source line (the first chunk for lines
        above it, such as the front matter); None when there are no chunks."""
        if not self.chunks:
            return None
        lines = [chunk.line for chunk in self.chunks]
        return max(0, bisect.bisect_right(lines, line) - 1)

    def chunk_at_line(self, line: int) -> Chunk | None:
        index = self.chunk_index(line)
        return None if index is None else self.chunks[index]


def split_chunks(document: Document, *, commonmark: bool = False) -> tuple[Chunk, ...]:
    """The body cut at its headings; a blank text before the first heading is no chunk.

    With `commonmark`, a cut is made only where CommonMark would start a heading whatever came
    before: a chunk joins the one before it when its heading line is indented (it may belong to
    a list item above) or when the one before ends inside a raw HTML block (the heading line
    is then part of that block)."""
    chunks = _split(document)
    return _join_open(document.text, chunks) if commonmark and len(chunks) > 1 else chunks


def _join_open(text: str, chunks: tuple[Chunk, ...]) -> tuple[Chunk, ...]:
    joined: list[Chunk] = [chunks[0]]
    for chunk in chunks[1:]:
        last = joined[-1]
        if text[chunk.start : chunk.start + 1] in (" ", "\t") or ends_in_html_block(
            text[last.start : last.end]
        ):
            joined[-1] = Chunk(
                last.line, chunk.end_line, last.start, chunk.end, last.anchor, last.title
            )
        else:
            joined.append(chunk)
    return tuple(joined)


def ends_in_html_block(source: str) -> bool:
    """Whether CommonMark would still be inside a raw HTML block at the end of `source` (so
    that a heading line after it belongs to the block). Fenced code is skipped; a block
    that could not interrupt a paragraph is taken as one all the same (one cut fewer is only
    a larger chunk)."""
    if "<" not in source:
        return False
    end: re.Pattern[str] | None = None  # what closes the open block; BLANK: a blank line
    fence = ""
    for line in source.splitlines():
        if end is not None:
            if end is BLANK_RE:
                if not line.strip():
                    end = None
            elif end.search(line):
                end = None
            continue
        if fence:
            if FENCE_CLOSE_RE.match(line) and line.strip().startswith(fence):
                fence = ""
            continue
        opened = FENCE_START_RE.match(line)
        if opened:
            fence = opened.group(1)[0] * 3
            continue
        if "<" not in line[:4]:
            continue
        for start, closing in _html_starts():
            match = start.match(line)
            if match:
                if closing is not BLANK_RE and closing.search(line, match.end()):
                    break  # closed on its own line
                end = closing
                break
    return end is not None


FENCE_START_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
FENCE_CLOSE_RE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*$")
BLANK_RE = re.compile(r"^[ \t]*$")


@lru_cache(maxsize=1)
def _html_starts() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """CommonMark's seven kinds of HTML block: how each starts and what ends it."""
    from markdown_it.common.html_blocks import block_names

    names = "|".join(block_names)
    return (
        (re.compile(r" {0,3}<(?:script|pre|style|textarea)(?=\s|>|$)", re.I),
         re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
        (re.compile(r" {0,3}<!--"), re.compile(r"-->")),
        (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
        (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")),
        (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
        (re.compile(rf" {{0,3}}</?(?:{names})(?=\s|/?>|$)", re.I), BLANK_RE),
        (re.compile(r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)"
                    r"[ \t]*$"), BLANK_RE),
    )  # fmt: skip


def _split(document: Document) -> tuple[Chunk, ...]:
    text = document.text
    sections = document.sections
    starts = [section.heading_span.start for section in sections]
    lines = [section.heading_span.line for section in sections]
    last_line = document.lines.line_count
    chunks: list[Chunk] = []
    body_start = document.body_start
    first_heading = starts[0] if starts else len(text)
    if body_start < first_heading and text[body_start:first_heading].strip():
        line = document.position(body_start)[0]
        end_line = lines[0] - 1 if lines else last_line
        chunks.append(Chunk(line, end_line, body_start, first_heading, _anchor(line), None))
    if not sections:
        return tuple(chunks)
    ends = [*starts[1:], len(text)]
    end_lines = [line - 1 for line in lines[1:]] + [last_line]
    chunks.extend(
        Chunk(line, end_line, start, end, f"{ANCHOR_PREFIX}{line}", section.title)
        for section, start, end, line, end_line in zip(
            sections, starts, ends, lines, end_lines, strict=True
        )
    )
    return tuple(chunks)


def _anchor(line: int) -> str:
    return f"{ANCHOR_PREFIX}{line}"
