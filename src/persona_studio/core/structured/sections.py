"""What the section editors show, read off a document snapshot. Pure Python, no Qt.

The structured view shows one editor per section at the schema's section level, in document
order. The schema's kind of a section picks its editor, unless the section holds text that editor
could not show (a paragraph above a list, a subsection, an item that runs over several lines):
then the section is edited as Markdown, so nothing is ever hidden or lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from persona_studio.core.document import Document
from persona_studio.core.edits import Edit, replace_section_body
from persona_studio.core.outline import Section
from persona_studio.core.schema import Schema, SectionSpec

PARAGRAPH, QUESTION, PRIORITY, BULLETS, MARKDOWN = (
    "paragraph",
    "question",
    "priority-list",
    "bullet-list",
    "markdown",
)
KIND_LABELS = {
    PARAGRAPH: "Paragraph",
    QUESTION: "Question",
    PRIORITY: "Priority list",
    BULLETS: "Bullet list",
    MARKDOWN: "Markdown",
}

# A ranking separator: ">" with optional blanks around it, but not part of "->", "=>", ">=" or ">>".
_RANK = re.compile(r"\s*(?<![-=<>])>(?![>=])\s*")
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»"}


@dataclass(frozen=True)
class SectionView:
    """One section as the structured view shows it."""

    ordinal: int  # position among the sections at the schema's level
    section: Section
    spec: SectionSpec | None
    mode: str  # the editor: a schema kind, or "markdown"
    reason: str  # why a schema section is edited as Markdown ("" otherwise)
    region: tuple[int, int]  # the body including subsections: after the heading to the span end

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def has_subsections(self) -> bool:
        return self.region[1] > self.section.content_span.end


def top_sections(document: Document, schema: Schema) -> list[Section]:
    """The sections at the schema's section level, in document order."""
    return [section for section in document.sections if section.level == schema.section_level]


def section_views(document: Document, schema: Schema) -> list[SectionView]:
    views = []
    for ordinal, section in enumerate(top_sections(document, schema)):
        spec = schema.spec(section.title)
        region = (section.content_span.start, section.span.end)
        mode, reason = _mode(document, section, spec, region)
        views.append(SectionView(ordinal, section, spec, mode, reason, region))
    return views


def _mode(
    document: Document, section: Section, spec: SectionSpec | None, region: tuple[int, int]
) -> tuple[str, str]:
    if spec is None:
        return MARKDOWN, ""
    if region[1] > section.content_span.end:
        return MARKDOWN, "It has subsections, so it is edited as Markdown."
    content = section.content(document.text)
    if spec.kind == PARAGRAPH:
        return PARAGRAPH, ""
    if spec.kind == QUESTION:
        if "\n" in trim_blank_lines(content):
            return MARKDOWN, "It has more than one line, so it is edited as Markdown."
        return QUESTION, ""
    # A list kind: the content must be list items and blank lines only, one line per item.
    rest, position = [], section.content_span.start
    for item in section.items:
        rest.append(document.text[position : item.span.start])
        position = item.span.end
    rest.append(document.text[position : section.content_span.end])
    if "".join(rest).strip():
        return MARKDOWN, "It has text besides its list, so it is edited as Markdown."
    if any("\n" in item.text for item in section.items):
        return MARKDOWN, "An item runs over several lines, so it is edited as Markdown."
    return spec.kind, ""


def trim_blank_lines(text: str) -> str:
    """The text without the blank lines before and after it (and without trailing blanks)."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        lines[-1] = lines[-1].rstrip()
    return "\n".join(lines)


def body_text(document: Document, section: Section) -> str:
    """What a paragraph or question editor shows: the body without its surrounding blank lines."""
    return trim_blank_lines(section.content(document.text))


def region_text(document: Document, view: SectionView) -> str:
    """What the Markdown editor shows: the body with its subsections."""
    return trim_blank_lines(document.text[view.region[0] : view.region[1]])


def region_edit(document: Document, view: SectionView, text: str) -> Edit:
    """The edit that replaces what `region_text` shows with `text`."""
    if not view.has_subsections:
        return replace_section_body(document, view.section, text)
    start, end = view.region
    old = document.text[start:end]
    shown = trim_blank_lines(old)
    lead = len(old) - len(old.lstrip("\n \t"))
    # The shown text starts at the first non-blank line: back up to its line start.
    lead = old.rfind("\n", 0, lead) + 1
    inner_start = start + lead
    inner_end = inner_start + len(shown)
    return Edit(inner_start, inner_end, text.strip("\n"), f"edit {view.title}")


# -- priority lists ------------------------------------------------------------------------------


def split_ranks(text: str) -> list[str]:
    """The ranked parts of a priority item: "A > B > C" -> ["A", "B", "C"]."""
    return [part.strip() for part in _RANK.split(text)]


def join_ranks(parts: list[str]) -> str:
    return " > ".join(part.strip() for part in parts)


# -- questions -----------------------------------------------------------------------------------


def unquote(body: str) -> tuple[str, str, str]:
    """(opening quote, question, closing quote) of a question body; quotes may be empty."""
    text = body.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]:
        return text[0], text[1:-1], text[-1]
    return "", text, ""


def requote(body: str, question: str) -> str:
    """The new body for `question`, keeping the quotes the old body was written with."""
    opening, _, closing = unquote(body)
    text = question.strip()
    if not opening or (text.startswith(opening) and text.endswith(closing) and len(text) > 1):
        return text
    return f"{opening}{text}{closing}" if text else ""


# -- adding a section ----------------------------------------------------------------------------


def missing_sections(document: Document, schema: Schema) -> list[SectionSpec]:
    present = {section.title.strip().casefold() for section in top_sections(document, schema)}
    return [spec for spec in schema.sections if spec.title.casefold() not in present]


def insertion_anchor(document: Document, schema: Schema, title: str) -> Section | None:
    """The section a new schema section goes before: the next schema section present in the
    document (None: at the end)."""
    titles = [spec.title.casefold() for spec in schema.sections]
    wanted = title.strip().casefold()
    if wanted not in titles:
        return None
    later = titles[titles.index(wanted) + 1 :]
    sections = top_sections(document, schema)
    for name in later:
        for section in sections:
            if section.title.strip().casefold() == name:
                return section
    return None


def siblings(document: Document, schema: Schema, section: Section) -> list[Section]:
    """The sections a section moves among: those at its level under the same parent heading."""

    def parent_of(other: Section) -> int | None:
        found = None
        for candidate in document.sections:
            if candidate.span.start >= other.span.start:
                break
            if candidate.level < other.level and other.span.start < candidate.span.end:
                found = candidate.span.start
        return found

    parent = parent_of(section)
    return [
        other
        for other in top_sections(document, schema)
        if other.level == section.level and parent_of(other) == parent
    ]
