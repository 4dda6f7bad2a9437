"""One reading of a document's tool list, in every shape readers accept."""

from __future__ import annotations

import pytest

from persona_studio.core.document import parse
from persona_studio.core.readers.toollist import (
    LIST,
    OTHER,
    STRING,
    tool_entries,
    tool_form,
    tool_names,
)


@pytest.mark.parametrize(
    ("header", "names", "form"),
    [
        ("tools: [a, 1, b]", ("a", "b"), LIST),
        ("tools:\n  - 'a'\n  - \"b\"", ("a", "b"), LIST),
        ("tools: Read, Grep", ("Read", "Grep"), STRING),
        ("tools: 'Read,  Grep ,'", ("Read", "Grep"), STRING),
        ("tools: []", (), LIST),
        ("tools: {a: true}", (), OTHER),
        ("name: x", None, None),
    ],
)
def test_every_shape_gives_the_same_names(header, names, form):
    document = parse(f"---\n{header}\n---\n# Body\n")
    assert tool_names(document) == names
    assert tool_form(document) == form


def test_no_header_means_no_tools_key():
    assert tool_names(parse("# no header\n")) is None


def test_spans_point_at_the_names_without_quotes():
    text = "---\ntools: ['codebase', Read]\n---\n"
    entries = tool_entries(parse(text))
    assert [(t.name, t.index, text[t.span.start : t.span.end]) for t in entries] == [
        ("codebase", 0, "codebase"),
        ("Read", 1, "Read"),
    ]
    text = "---\ntools: Read, Grep\n---\n"
    entries = tool_entries(parse(text))
    assert [text[t.span.start : t.span.end] for t in entries] == ["Read", "Grep"]
