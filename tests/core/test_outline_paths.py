"""The outline of a body is found by searching for heading lines and fence lines rather than
splitting every line (issue 20, batch lint): it gives the same sections and fenced blocks as
reading line by line, and the spans a user jumps to (heading, title, content, whole section)
point at the same lines and columns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from persona_studio.core import outline
from persona_studio.core.document import parse
from persona_studio.core.text.spans import LineIndex

PIECES = [
    "```",
    "~~~~",
    "\n```\n",
    "```py\n",
    "``` `",
    "    ```",
    " ~~~ \n",
    "#",
    "# ",
    "## Goal",
    "\n",
    " ",
    "text",
    "   #",
    " #\n",
    "\n# Heading\n",
    "#\n",
    "\t#",
    "- item\n",
]


def sections_by_line(text: str) -> list[tuple]:
    document = parse(text)
    headings, line_count = outline._headings_by_line(text, document.body_start)
    return [h[:5] for h in headings], line_count


def sections_by_search(text: str) -> list[tuple]:
    document = parse(text)
    headings, line_count = outline._headings_by_search(text, document.body_start)
    return [h[:5] for h in headings], line_count


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), st.integers(0, 40))
def test_search_and_line_by_line_find_the_same_headings_and_fences(text: str, cut: int) -> None:
    start = min(cut, len(text))
    headings, line_count = outline._headings_by_search(text, start)
    if not outline._fence_free(text, start):
        headings = outline._outside(headings, outline._fence_blocks(text, start)[0])
    assert (headings, line_count) == outline._headings_by_line(text, start)
    lines, in_fence, fence = outline._scan(text, start)
    fenced = [line.start for line, inside in zip(lines, in_fence, strict=True) if inside]
    found = [
        line.start
        for line in lines
        if any(a <= line.start < b for a, b in outline.fenced_ranges(text, start))
    ]
    assert found == fenced
    assert outline.unclosed_fence(text, start) == (None if fence is None else fence[0] * fence[1])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "\ufeff", "# A #", "## B ##  ", "#\tC"]), max_size=14))
def test_heading_lines_from_the_line_index_are_the_counted_ones(pieces: list[str]) -> None:
    """Where the search starts at a line's start, each heading's line is looked up in the
    text's line index rather than counted: the same headings, lines and line count."""
    text = "".join(pieces).replace("\r", "")
    lines = LineIndex(text)
    for start in lines.line_starts:
        base = lines.position(start)[0] - 1
        if lines.line_starts[base] == start:
            assert outline._headings_by_search(
                text, start, lines.line_starts, base
            ) == outline._headings_by_search(text, start)


def test_a_persona_without_fences_has_its_sections_where_the_lines_say() -> None:
    text = (
        "---\ndescription: x\n---\n# Persona\n\nIntro.\n\n"
        "## Goals\n- ship\n- test\n### Deep\nx\n## Last"
    )
    document = parse(text)
    titles = [
        (s.title, s.level, s.heading_span.line, s.content_span.line) for s in document.sections
    ]
    assert titles == [
        ("Persona", 1, 4, 5),
        ("Goals", 2, 8, 9),
        ("Deep", 3, 11, 12),
        ("Last", 2, 13, 13),
    ]
    goals = document.sections[1]
    assert goals.content(text) == "- ship\n- test\n"
    assert [item.text for item in goals.items] == ["ship", "test"]
    assert text[goals.span.start : goals.span.end] == "## Goals\n- ship\n- test\n### Deep\nx\n"
    assert sections_by_line(text) == sections_by_search(text)


ITEM_PIECES = [
    "- a\n",
    "* b\n",
    "1. c\n",
    "  - d\n",
    "    - deep\n",
    "\t- tab\n",
    "-\n",
    "   lazy\n",
    "lazy\n",
    "\n",
    "  more\n",
    "# H\n",
    "## H2\n",
    "```\n",
    "~~~\n",
    "- - -\n",
    "___\n",
    "\xa0\n",
    "-      five\n",
    "- last",
]


def item_view(text: str) -> list[list[tuple]]:
    """Each section's items as a reader sees them: marker, text, indent, and where their text
    and their whole lines start and end (lines and columns, not offsets)."""
    return [
        [
            (item.marker, item.text, item.indent, item.text_span[2:], item.span[2:])
            for item in section.items
        ]
        for section in parse(text).sections
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ITEM_PIECES), max_size=20).map("".join))
def test_list_items_read_per_section_match_the_items_read_line_by_line(body: str) -> None:
    """A section's items are read from its own lines (a text with \\n alone) or from the whole
    text's lines (a text with \\r\\n): both give the same items at the same lines and columns, and
    each span's offsets hold the item's text."""
    text = "---\ndescription: x\n---\n# Title\n" + body
    crlf = text.replace("\n", "\r\n")
    assert item_view(text) == item_view(crlf)
    for section in parse(text).sections:
        for item in section.items:
            held = text[item.text_span.start : item.text_span.end]
            assert all(piece in held for piece in item.text.split("\n"))
            assert text[item.span.start : item.span.end].endswith(("\n", "last"))
