"""Text <-> document: the parsed, immutable snapshot of one persona's text.

`parse(text)` finds the front matter exactly as VS Code does, the title and the outline of the
body, the newline style, a BOM and whether the text ends with a newline. Every part carries its
span into the text. The document never changes the text: `doc.text` is what was parsed, so
serializing gives back the same characters; every change is an edit (see `edits`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from persona_studio.core.frontmatter import FrontMatter, parse_front_matter
from persona_studio.core.outline import Section, parse_outline
from persona_studio.core.text.spans import NEWLINE_RE, LineIndex, Span

BOM = "\ufeff"


@dataclass(frozen=True, eq=False)
class Document:
    text: str
    front_matter: FrontMatter | None
    sections: tuple[Section, ...]
    newline: str
    bom: bool
    ends_with_newline: bool
    mixed_newlines: bool
    body_start: int
    lines: LineIndex = field(repr=False)

    # -- whole-document facts -------------------------------------------------------------
    def serialize(self) -> str:
        return self.text

    @property
    def title(self) -> Section | None:
        """The first level-1 heading."""
        for section in self.sections:
            if section.level == 1:
                return section
        return None

    @property
    def data(self) -> Mapping[str, Any]:
        """The loaded front matter mapping ({} when there is none or it could not be loaded)."""
        if self.front_matter is None or self.front_matter.data is None:
            return {}
        return self.front_matter.data

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    # -- positions ------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return self.lines.span(start, end)

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of a 1-based line and column (clamped to the text)."""
        line = max(1, min(line, self.lines.line_count))
        return min(self.lines.line_start(line) + column - 1, len(self.text))

    # -- sections -------------------------------------------------------------------------
    def section(self, title: str, level: int | None = None) -> Section | None:
        """The first section with this title (case-insensitive, surrounding blanks ignored)."""
        wanted = title.strip().casefold()
        for section in self.sections:
            if section.title.strip().casefold() == wanted and level in (None, section.level):
                return section
        return None

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose text holds the offset."""
        found = None
        for section in self.sections:
            if section.span.start <= offset < section.span.end or (
                offset == len(self.text) == section.span.end
            ):
                found = section
        return found


def parse(text: str, *, outline: bool = True) -> Document:
    """Parse a persona's text into a document. Never raises for any text. With ``outline=False``
    the body is not outlined (``sections`` is empty): cheaper where only the header is read."""
    bom = text.startswith(BOM)
    start = 1 if bom else 0
    lines = LineIndex(text)
    newline, mixed = _newline_style(text)
    front_matter = parse_front_matter(text, lines, start)
    if front_matter is None:
        body_start = start
    elif not front_matter.terminated:
        body_start = len(text)
    else:
        body_start = front_matter.span.end
    sections = parse_outline(text, lines, body_start) if outline and body_start < len(text) else ()
    return Document(
        text=text,
        front_matter=front_matter,
        sections=sections,
        newline=newline,
        bom=bom,
        ends_with_newline=text.endswith(("\n", "\r")),
        mixed_newlines=mixed,
        body_start=body_start,
        lines=lines,
    )


def _newline_style(text: str) -> tuple[str, bool]:
    """The first line break's style, and whether other styles occur too."""
    if "\r" not in text:  # the usual case: \n alone, or no line break at all
        return "\n", False
    first = NEWLINE_RE.search(text)
    if first is None:
        return "\n", False
    style = first.group(0)
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kinds = sum(1 for count in (crlf, lone_cr, lone_lf) if count)
    return style, kinds > 1
