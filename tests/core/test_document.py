"""Parse facts of persona_studio.core.document: front matter, spans, outline, newlines, safety."""

from __future__ import annotations

import time

import pytest

from persona_studio.core.document import parse
from persona_studio.core.frontmatter import (
    NOT_MAPPING,
    TOO_DEEP,
    UNTERMINATED,
    YAML_ALIAS,
    YAML_SYNTAX,
)
from persona_studio.core.text.spans import Span


def where(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.column, span.end_line, span.end_column


# -- finding the front matter the way VS Code does -------------------------------------------------


def test_front_matter_is_found_between_line_one_and_the_next_fence_line() -> None:
    text = "---\nname: x\n---\n# Title\n"
    doc = parse(text)
    fm = doc.front_matter
    assert fm is not None and fm.error is None
    assert (fm.span.start, fm.span.end) == (0, 16)
    assert fm.open_fence.text(text) == "---"
    assert fm.close_fence is not None and (fm.close_fence.start, fm.close_fence.line) == (12, 3)
    assert fm.content_span.text(text) == "name: x\n"
    assert doc.data == {"name": "x"}
    assert doc.body_start == 16
    assert doc.body == "# Title\n"
    assert [s.title for s in doc.sections] == ["Title"]


@pytest.mark.parametrize(
    "text",
    [
        "\n---\nname: x\n---\n",  # line 1 is blank
        "x\n---\nname: x\n---\n",
        " ---\nname: x\n---\n",  # indented fence
        "----\nname: x\n---\n",  # four dashes
        "--- name: x\n---\n",  # something after the dashes
        "",
    ],
)
def test_no_front_matter_unless_line_one_is_exactly_a_fence(text: str) -> None:
    doc = parse(text)
    assert doc.front_matter is None
    assert doc.data == {}
    assert doc.body_start == 0
    assert doc.body == text


def test_fences_may_carry_trailing_blanks() -> None:
    doc = parse("--- \nname: x\n---\t\nbody")
    assert doc.data == {"name": "x"}
    assert doc.body == "body"


def test_header_closes_at_the_first_fence_line_only() -> None:
    text = "---\na: 1\n---\nb: 2\n---\n"
    doc = parse(text)
    assert doc.data == {"a": 1}
    assert doc.body == "b: 2\n---\n"


def test_indented_or_longer_dash_lines_do_not_close_the_header() -> None:
    text = "---\ndescription: >\n  --- not a fence\n  ----\nname: n\n---\nbody\n"
    doc = parse(text)
    assert doc.data == {"description": "--- not a fence ----\n", "name": "n"}
    assert doc.body == "body\n"


@pytest.mark.parametrize("text", ["---\nname: x\n# Title\nbody\n", "---", "---\n", "---\r\n"])
def test_unterminated_header_is_the_whole_file_and_there_is_no_body(text: str) -> None:
    doc = parse(text)
    fm = doc.front_matter
    assert fm is not None
    assert not fm.terminated
    assert fm.close_fence is None
    assert fm.error is not None and fm.error.kind == UNTERMINATED
    assert "no closing '---'" in fm.error.message
    assert where(fm.error.span) == (1, 1, 1, 4)
    assert (fm.span.start, fm.span.end) == (0, len(text))
    assert fm.data is None and fm.entries == ()
    assert doc.body_start == len(text)
    assert doc.body == ""
    assert doc.sections == ()
    assert doc.title is None


def test_empty_and_comment_only_headers_load_as_empty_mappings() -> None:
    for text in ("---\n---\nbody\n", "---\n# just a comment\n---\nbody\n"):
        doc = parse(text)
        assert doc.front_matter is not None and doc.front_matter.error is None
        assert doc.data == {}
        assert doc.front_matter.entries == ()
        assert doc.body == "body\n"


def test_bom_before_the_fence() -> None:
    text = "\ufeff---\nname: x\n---\n# T\n"
    doc = parse(text)
    assert doc.bom is True
    fm = doc.front_matter
    assert fm is not None and fm.error is None
    assert fm.open_fence.start == 1
    # The BOM is invisible: the fence starts at line 1, column 1.
    assert where(fm.open_fence) == (1, 1, 1, 4)
    assert doc.data == {"name": "x"}
    assert doc.title is not None and doc.title.title == "T"
    assert doc.offset(1, 1) == 1
    assert doc.position(0) == (1, 1)


def test_bom_without_front_matter_keeps_the_first_heading() -> None:
    doc = parse("\ufeff# Title\ntext\n")
    assert doc.front_matter is None
    assert doc.bom is True
    assert doc.body_start == 1
    assert doc.title is not None
    assert doc.title.title == "Title"
    assert where(doc.title.heading_span) == (1, 1, 1, 8)


def test_crlf_front_matter_and_body() -> None:
    text = "---\r\nname: x\r\ntools:\r\n  - a\r\n  - 'b'\r\n---\r\n# T\r\nbody\r\n"
    doc = parse(text)
    assert doc.newline == "\r\n"
    assert not doc.mixed_newlines
    fm = doc.front_matter
    assert fm is not None and fm.error is None
    assert fm.content_span.text(text) == "name: x\r\ntools:\r\n  - a\r\n  - 'b'\r\n"
    assert doc.data == {"name": "x", "tools": ["a", "b"]}
    tools = fm.entry("tools")
    assert tools is not None
    assert [item.line_span.text(text) for item in tools.items if item.line_span] == [
        "  - a\r\n",
        "  - 'b'\r\n",
    ]
    assert where(tools.items[1].span) == (5, 5, 5, 8)
    assert doc.sections[0].content(text) == "body\r\n"
    assert where(doc.sections[0].heading_span) == (7, 1, 7, 4)


def test_lone_cr_line_breaks() -> None:
    text = "---\rname: x\r---\r# T\rbody\r"
    doc = parse(text)
    assert doc.newline == "\r"
    assert doc.data == {"name": "x"}
    assert doc.sections[0].title == "T"
    assert doc.sections[0].content(text) == "body\r"
    assert doc.position(text.index("body")) == (5, 1)


# -- spans of keys, values and list items ----------------------------------------------------------

SPANS = (
    "---\n"  # 1
    "name: 'Reviewer'\n"  # 2
    'description: "Checks code"  # why\n'  # 3
    "tools: ['read', \"edit\", search]\n"  # 4
    "model: GPT-4.1\n"  # 5
    "tags:\n"  # 6
    "  - one\n"  # 7
    "  - 'two'\n"  # 8
    "empty:\n"  # 9
    "multi: >\n"  # 10
    "  folded\n"  # 11
    "  text\n"  # 12
    "---\n"  # 13
)


def test_span_of_every_key_and_value() -> None:
    fm = parse(SPANS).front_matter
    assert fm is not None and fm.error is None
    got = {
        entry.key: (
            entry.key_span.text(SPANS),
            where(entry.key_span),
            entry.value_span.text(SPANS),
            where(entry.value_span),
            entry.kind,
            entry.style,
        )
        for entry in fm.entries
    }
    assert got == {
        "name": ("name", (2, 1, 2, 5), "'Reviewer'", (2, 7, 2, 17), "scalar", "'"),
        "description": (
            "description",
            (3, 1, 3, 12),
            '"Checks code"',
            (3, 14, 3, 27),
            "scalar",
            '"',
        ),
        "tools": (
            "tools",
            (4, 1, 4, 6),
            "['read', \"edit\", search]",
            (4, 8, 4, 32),
            "sequence",
            "flow",
        ),
        "model": ("model", (5, 1, 5, 6), "GPT-4.1", (5, 8, 5, 15), "scalar", None),
        "tags": ("tags", (6, 1, 6, 5), "- one\n  - 'two'", (7, 3, 8, 10), "sequence", "block"),
        "empty": ("empty", (9, 1, 9, 6), "", (9, 7, 9, 7), "scalar", None),
        "multi": ("multi", (10, 1, 10, 6), ">\n  folded\n  text", (10, 8, 12, 7), "scalar", ">"),
    }
    assert fm.data == {
        "name": "Reviewer",
        "description": "Checks code",
        "tools": ["read", "edit", "search"],
        "model": "GPT-4.1",
        "tags": ["one", "two"],
        "empty": None,
        "multi": "folded text\n",
    }
    for entry in fm.entries:
        assert SPANS[entry.colon] == ":"
        assert entry.colon == entry.key_span.end
    assert fm.keys() == ["name", "description", "tools", "model", "tags", "empty", "multi"]


def test_line_span_covers_whole_lines_of_an_entry() -> None:
    fm = parse(SPANS).front_matter
    assert fm is not None
    line_spans = {entry.key: entry.line_span.text(SPANS) for entry in fm.entries}
    assert line_spans["description"] == 'description: "Checks code"  # why\n'
    assert line_spans["tags"] == "tags:\n  - one\n  - 'two'\n"
    assert line_spans["empty"] == "empty:\n"
    assert line_spans["multi"] == "multi: >\n  folded\n  text\n"
    inline = {entry.key: entry.is_inline for entry in fm.entries}
    assert inline == {
        "name": True,
        "description": True,
        "tools": True,
        "model": True,
        "tags": False,
        "empty": True,
        "multi": True,
    }


def test_span_of_each_list_item() -> None:
    fm = parse(SPANS).front_matter
    assert fm is not None
    tools = fm.entry("tools")
    assert tools is not None
    assert [(i.value, i.span.text(SPANS), where(i.span), i.style) for i in tools.items] == [
        ("read", "'read'", (4, 9, 4, 15), "'"),
        ("edit", '"edit"', (4, 17, 4, 23), '"'),
        ("search", "search", (4, 25, 4, 31), None),
    ]
    assert all(item.line_span is None for item in tools.items)
    tags = fm.entry("tags")
    assert tags is not None
    assert [(i.value, i.span.text(SPANS), where(i.span)) for i in tags.items] == [
        ("one", "one", (7, 5, 7, 8)),
        ("two", "'two'", (8, 5, 8, 10)),
    ]
    assert [i.line_span.text(SPANS) for i in tags.items if i.line_span] == [
        "  - one\n",
        "  - 'two'\n",
    ]


def test_spans_count_characters_not_bytes() -> None:
    text = "---\nname: é😀x\ntools: ['ä', b]\n---\n"
    fm = parse(text).front_matter
    assert fm is not None
    name = fm.entry("name")
    tools = fm.entry("tools")
    assert name is not None and tools is not None
    assert name.value_span.text(text) == "é😀x"
    assert where(name.value_span) == (2, 7, 2, 10)
    assert [where(item.span) for item in tools.items] == [(3, 9, 3, 12), (3, 14, 3, 15)]


def test_indentless_block_list() -> None:
    text = "---\ntools:\n- a\n- b # note\nname: n\n---\n"
    fm = parse(text).front_matter
    assert fm is not None
    tools = fm.entry("tools")
    assert tools is not None
    assert [i.line_span.text(text) for i in tools.items if i.line_span] == ["- a\n", "- b # note\n"]
    assert tools.line_span.text(text) == "tools:\n- a\n- b # note\n"


# -- title and headings ----------------------------------------------------------------------------


def test_title_is_the_first_level_one_heading() -> None:
    doc = parse("## Intro\ntext\n# Real Title\n# Second\n")
    assert doc.title is not None
    assert doc.title.title == "Real Title"
    assert doc.title.line == 3
    assert parse("## Only level two\n").title is None


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("# Title", (1, "Title")),
        ("###### Six", (6, "Six")),
        ("   # Three spaces", (1, "Three spaces")),
        ("# Closing hashes ##", (1, "Closing hashes")),
        ("# Hash#inside#", (1, "Hash#inside#")),
        ("#   Padded   ", (1, "Padded")),
        ("#", (1, "")),
        ("### ###", (3, "")),
        ("#\tTab", (1, "Tab")),
        ("#5 not a heading", None),
        ("#hashtag", None),
        ("####### seven", None),
        ("    # indented code", None),
        ("\t# tab-indented code", None),
        ("text # not at start", None),
    ],
)
def test_atx_headings(line: str, heading: tuple[int, str] | None) -> None:
    doc = parse(f"intro\n{line}\nafter\n")
    found = [(s.level, s.title) for s in doc.sections]
    assert found == ([heading] if heading else [])
    if heading:
        section = doc.sections[0]
        assert section.line == 2
        assert section.heading_span.text(doc.text) == line
        assert section.title_span.text(doc.text) == heading[1]


FENCES = """# Top
```python
# comment in code
```
~~~
# tilde fenced
~~~
````md
```
# inside a longer fence
```
````
```` longer close
# still code
`````
## After Fences
``` info with ` backtick is not a fence
## Heading Too
   ~~~
   ```
# code in tilde
   ~~~
### Last
"""


def test_headings_inside_fenced_code_are_not_headings() -> None:
    doc = parse(FENCES)
    assert [(s.level, s.title, s.line) for s in doc.sections] == [
        (1, "Top", 1),
        (2, "After Fences", 16),
        (2, "Heading Too", 18),
        (3, "Last", 23),
    ]


def test_unclosed_fence_runs_to_the_end() -> None:
    doc = parse("# A\n```\n# not\n## nor this\n")
    assert [s.title for s in doc.sections] == ["A"]
    assert doc.sections[0].content(doc.text) == "```\n# not\n## nor this\n"


def test_four_space_fence_does_not_open() -> None:
    doc = parse("# A\n    ```\n# B\n")
    assert [s.title for s in doc.sections] == ["A", "B"]


def test_lines_in_the_front_matter_are_not_headings() -> None:
    doc = parse("---\n# a yaml comment\nname: x\n---\n# Body Title\n")
    assert [s.title for s in doc.sections] == ["Body Title"]
    assert doc.sections[0].line == 5


def test_unterminated_front_matter_hides_headings() -> None:
    assert parse("---\nname: x\n# Title\n").sections == ()


# -- sections --------------------------------------------------------------------------------------

OUTLINE = "# T\nintro\n## A\na text\n### A1\na1 text\n\n## B\nb text"


def test_section_content_span_stops_at_any_heading_span_at_same_or_higher() -> None:
    doc = parse(OUTLINE)
    got = [(s.title, s.level, s.content(OUTLINE), s.span.text(OUTLINE)) for s in doc.sections]
    assert got == [
        ("T", 1, "intro\n", OUTLINE),
        ("A", 2, "a text\n", "## A\na text\n### A1\na1 text\n\n"),
        ("A1", 3, "a1 text\n\n", "### A1\na1 text\n\n"),
        ("B", 2, "b text", "## B\nb text"),
    ]
    a = doc.section("a")
    assert a is not None
    assert a.heading_span.text(OUTLINE) == "## A"
    assert where(a.heading_span) == (3, 1, 3, 5)
    assert a.title_span.text(OUTLINE) == "A"
    assert where(a.content_span) == (4, 1, 5, 1)


def test_section_lookup_and_section_at() -> None:
    doc = parse(OUTLINE)
    assert doc.section("  a1 ") is doc.sections[2]
    assert doc.section("A", level=3) is None
    assert doc.section("missing") is None
    at = doc.section_at(OUTLINE.index("a1 text"))
    assert at is not None and at.title == "A1"
    at = doc.section_at(len(OUTLINE))
    assert at is not None and at.title == "B"
    assert parse("preamble\n# T\n").section_at(0) is None


def test_heading_at_end_without_line_break_has_empty_content() -> None:
    text = "# A\ntext\n## B"
    doc = parse(text)
    b = doc.sections[1]
    assert b.content(text) == ""
    assert (b.content_span.start, b.content_span.end) == (len(text), len(text))


# -- list items ------------------------------------------------------------------------------------

ITEMS = """## L
- one
  continued
- two
lazy line

  indented after blank
- three
  - nested
* star
* * *
Paragraph.

1. first
2) second

```
- in code
```
    - indented code
"""


def test_list_items_with_continuation_lines() -> None:
    section = parse(ITEMS).sections[0]
    got = [(i.marker, i.text, i.indent) for i in section.items]
    assert got == [
        ("-", "one\ncontinued", ""),
        ("-", "two\nlazy line\nindented after blank", ""),
        ("-", "three\n- nested", ""),
        ("*", "star", ""),
        ("1.", "first", ""),
        ("2)", "second", ""),
    ]
    two = section.items[1]
    assert two.span.text(ITEMS) == "- two\nlazy line\n\n  indented after blank\n"
    assert two.text_span.text(ITEMS) == "two\nlazy line\n\n  indented after blank"
    assert where(two.span) == (4, 1, 8, 1)
    assert where(two.text_span) == (4, 3, 7, 23)


def test_list_items_stop_at_the_next_heading() -> None:
    doc = parse("## A\n- a1\n- a2\n## B\n- b1\n")
    assert [[i.text for i in s.items] for s in doc.sections] == [["a1", "a2"], ["b1"]]
    assert doc.sections[0].items[1].span.text(doc.text) == "- a2\n"


def test_list_item_at_end_without_line_break() -> None:
    text = "## A\n- a\n- b"
    item = parse(text).sections[0].items[1]
    assert item.span.text(text) == "- b"
    assert item.text == "b"


def test_indented_list_and_empty_item() -> None:
    text = "## A\n  - a\n  -\n   - b\n"
    items = parse(text).sections[0].items
    # An empty item's content column is one past its marker, so `   - b` starts a sibling.
    assert [(i.indent, i.marker, i.text) for i in items] == [
        ("  ", "-", "a"),
        ("  ", "-", ""),
        ("   ", "-", "b"),
    ]


# -- newline style, BOM, final newline -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "newline", "mixed", "ends"),
    [
        ("a\nb\n", "\n", False, True),
        ("a\r\nb\r\n", "\r\n", False, True),
        ("a\rb\r", "\r", False, True),
        ("a\r\nb\nc", "\r\n", True, False),
        ("a\nb\r\n", "\n", True, True),
        ("a\rb\n", "\r", True, True),
        ("no break", "\n", False, False),
        ("", "\n", False, False),
    ],
)
def test_newline_style(text: str, newline: str, mixed: bool, ends: bool) -> None:
    doc = parse(text)
    assert (doc.newline, doc.mixed_newlines, doc.ends_with_newline) == (newline, mixed, ends)
    assert doc.bom is False
    assert doc.serialize() == text


def test_positions_and_offsets_round_trip() -> None:
    text = "ab\r\ncd\ref\ngh"
    doc = parse(text)
    assert [doc.position(i) for i in (0, 1, 4, 7, 10, 12)] == [
        (1, 1),
        (1, 2),
        (2, 1),
        (3, 1),
        (4, 1),
        (4, 3),
    ]
    assert doc.offset(3, 2) == 8
    assert doc.offset(99) == 10  # clamped to the last line
    assert doc.offset(4, 99) == len(text)


# -- safety ----------------------------------------------------------------------------------------


def test_anchors_and_aliases_are_rejected_with_a_span() -> None:
    text = "---\nbase: &b x\nother: *b\n---\nbody\n"
    doc = parse(text)
    fm = doc.front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == YAML_ALIAS
    assert fm.error.message == "YAML anchors (&b) are not allowed"
    assert where(fm.error.span) == (2, 7, 2, 8)
    assert fm.data is None and fm.entries == ()
    assert doc.data == {}
    assert doc.body == "body\n"


def test_alias_without_anchor_is_rejected() -> None:
    fm = parse("---\na: 1\nb: *nowhere\n---\n").front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == YAML_ALIAS
    assert "*nowhere" in fm.error.message
    assert where(fm.error.span)[:2] == (3, 4)


def test_billion_laughs_returns_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        name, previous = chr(97 + i), chr(96 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "---\n" + "\n".join(lines) + "\n---\n# Body\n"
    started = time.perf_counter()
    doc = parse(text)
    assert time.perf_counter() - started < 1.0
    assert doc.front_matter is not None and doc.front_matter.error is not None
    assert doc.front_matter.error.kind == YAML_ALIAS
    assert doc.data == {}
    assert [s.title for s in doc.sections] == ["Body"]


@pytest.mark.parametrize(
    "value",
    ["[" * 10_000 + "]" * 10_000, "{a: " * 10_000 + "}" * 10_000, "- " * 10_000 + "x"],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_ten_thousand_deep_nesting_returns_an_error_quickly(value: str) -> None:
    text = f"---\nkey:\n  {value}\n---\n"
    started = time.perf_counter()
    doc = parse(text)
    assert time.perf_counter() - started < 1.0
    fm = doc.front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == TOO_DEEP
    assert fm.error.message == "the YAML is nested more than 64 deep"
    assert fm.error.span.line == 3


def test_sixty_four_levels_are_fine() -> None:
    doc = parse("---\nkey: " + "[" * 63 + "]" * 63 + "\n---\n")
    assert doc.front_matter is not None and doc.front_matter.error is None


def test_sixty_five_levels_are_refused_at_the_first_node_too_deep() -> None:
    # libyaml composes this without a complaint: the depth is checked on its nodes too.
    doc = parse("---\nkey: " + "[" * 64 + "]" * 64 + "\n---\n")
    fm = doc.front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == TOO_DEEP
    assert (fm.error.span.line, fm.error.span.column) == (2, len("key: ") + 64)


def test_duplicate_keys_are_found() -> None:
    text = "---\nname: a\ntools: [x]\nname: b\n---\n"
    fm = parse(text).front_matter
    assert fm is not None and fm.error is None
    assert [(d.key, d.value, d.key_span.line) for d in fm.duplicates] == [("name", "b", 4)]
    entry = fm.entry("name")
    assert entry is not None and entry.value == "b"  # YAML keeps the last
    assert fm.data == {"name": "b", "tools": ["x"]}
    assert fm.keys() == ["name", "tools"]
    assert [e.key for e in fm.entries] == ["name", "tools", "name"]


def test_yaml_1_1_surprises_are_recorded() -> None:
    text = (
        "---\n"
        "user-invocable: yes\n"
        "disable-model-invocation: on\n"
        "model: 012\n"
        "name: 1:20\n"
        "tools: [yes, read, 'no', Off]\n"
        "infer: true\n"
        "target: 'on'\n"
        "argument-hint: 12\n"
        "---\n"
    )
    fm = parse(text).front_matter
    assert fm is not None and fm.error is None
    got = [(s.key, s.source, s.value, s.span.line, s.span.column) for s in fm.surprises]
    assert got == [
        ("user-invocable", "yes", "true", 2, 17),
        ("disable-model-invocation", "on", "true", 3, 27),
        ("model", "012", "an octal number", 4, 8),
        ("name", "1:20", "a base-60 number", 5, 7),
        ("tools", "yes", "true", 6, 9),
        ("tools", "Off", "false", 6, 26),
    ]
    assert fm.data is not None
    assert fm.data["model"] == 10
    assert fm.data["name"] == 80
    assert (
        fm.surprises[0].message == "YAML reads 'yes' as true; quote it ('yes') if you mean the text"
    )


@pytest.mark.parametrize(
    ("yaml_text", "found", "where_"),
    [
        ("- a\n- b\n", "a list", (2, 1)),
        ("just text\n", "a single value", (2, 1)),
    ],
)
def test_header_that_is_not_a_mapping(yaml_text: str, found: str, where_: tuple) -> None:
    fm = parse(f"---\n{yaml_text}---\nbody\n").front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == NOT_MAPPING
    assert fm.error.message == f"Invalid header: expecting 'key: value' pairs, found {found}"
    assert (fm.error.span.line, fm.error.span.column) == where_
    assert fm.data is None


def test_syntax_error_position() -> None:
    text = "---\nname: x\ntools: ['a', 'b'\nmodel: y\n---\n"
    fm = parse(text).front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == YAML_SYNTAX
    assert fm.error.message.startswith("YAML syntax error: ")
    assert "flow sequence" in fm.error.message
    # libyaml notices the missing `]` when it meets the next key.
    assert (fm.error.span.line, fm.error.span.column) == (4, 1)


def test_tab_indentation_is_a_syntax_error_on_its_line() -> None:
    fm = parse("---\nname: x\ntools:\n\t- a\n---\n").front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == YAML_SYNTAX
    assert fm.error.span.line == 4


def test_control_character_error_points_at_the_character() -> None:
    text = "---\nname: 'ééé\x93x'\n---\n"
    fm = parse(text).front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == YAML_SYNTAX
    assert "#x0093" in fm.error.message
    assert "\n" not in fm.error.message
    assert text[fm.error.span.start] == "\x93"
    assert where(fm.error.span) == (2, 11, 2, 12)


@pytest.mark.parametrize(
    "yaml_text",
    [
        "a: !!python/object:os.system x\n",
        "a: !custom x\n",
        "date: 2024-13-45\n",
        "? [a, b]\n: value\nnested: {[1]: 2}\n",
        "a: b\n...\nc: d\n",
    ],
)
def test_other_yaml_problems_are_errors_not_exceptions(yaml_text: str) -> None:
    doc = parse(f"---\n{yaml_text}---\n# Body\n")
    fm = doc.front_matter
    assert fm is not None and fm.error is not None
    assert fm.error.kind == YAML_SYNTAX
    assert [s.title for s in doc.sections] == ["Body"]


def test_non_string_keys_keep_their_source_text() -> None:
    fm = parse("---\n1: one\ntrue: yes-key\n---\n").front_matter
    assert fm is not None and fm.error is None
    assert fm.keys() == ["1", "true"]
