"""The body cut into chunks at its headings, and what a render returns: the page, its chunks and
its pieces."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

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


def split_chunks(document: Document) -> tuple[Chunk, ...]:
    """The body cut at its headings; a blank text before the first heading is no chunk."""
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
