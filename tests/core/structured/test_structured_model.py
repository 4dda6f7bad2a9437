"""What the Structured view shows, without the view: each section's editor kind (Markdown
when the kind's editor could not show it all), where a missing section goes, the parts of a
ranking and a quoted question, and a move in the selected tools' list."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.core.document import parse
from persona_studio.core.schema import load_schema
from persona_studio.core.structured.sections import (
    BULLETS,
    MARKDOWN,
    PARAGRAPH,
    PRIORITY,
    QUESTION,
    insertion_anchor,
    join_ranks,
    missing_sections,
    requote,
    section_views,
    split_ranks,
    unquote,
)
from persona_studio.core.structured.tools import single_move, tool_names

SEED = (Path(__file__).resolve().parents[3] / "personas" / "backend.chatmode.md").read_text(
    encoding="utf-8"
)
SCHEMA = load_schema()


def test_each_schema_section_gets_the_editor_of_its_kind():
    modes = {view.title: view.mode for view in section_views(parse(SEED), SCHEMA)}
    assert modes["Core Belief"] == PARAGRAPH
    assert modes["Primary Question"] == QUESTION
    assert modes["Decision Pattern"] == PRIORITY
    assert modes["Focus Areas"] == BULLETS


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("Intro line.\n\n- one\n- two\n", "It has text besides its list"),
        ("- one\n\n### Detail\n\nMore.\n", "It has subsections"),
    ],
)
def test_a_list_the_list_editor_cannot_show_is_markdown(body, reason):
    text = SEED.replace(
        SEED[SEED.index("## Focus Areas") : SEED.index("## Key Practices")],
        f"## Focus Areas\n\n{body}\n",
    )
    [view] = [v for v in section_views(parse(text), SCHEMA) if v.title == "Focus Areas"]
    assert view.mode == MARKDOWN
    assert view.reason.startswith(reason)


def test_a_missing_section_goes_before_the_next_one_of_the_schema():
    focus = SEED[SEED.index("## Focus Areas") : SEED.index("## Key Practices")]
    document = parse(SEED.replace(focus, ""))
    assert [spec.title for spec in missing_sections(document, SCHEMA)] == ["Focus Areas"]
    assert insertion_anchor(document, SCHEMA, "Focus Areas").title == "Key Practices"
    assert insertion_anchor(document, SCHEMA, "Not in the schema") is None


def test_rankings_and_questions_keep_what_they_were_written_with():
    assert split_ranks("Speed > cost -> risk >= x > y") == ["Speed", "cost -> risk >= x", "y"]
    assert join_ranks([" a", "b "]) == "a > b"
    assert unquote('  "Is it safe?" ') == ('"', "Is it safe?", '"')
    assert requote("“Old?”", "New?") == "“New?”"
    assert requote("Old?", "New?") == "New?"


def test_tools_and_a_single_move():
    assert tool_names(parse(SEED))[:2] == ["changes", "codebase"]
    assert tool_names(parse("# Persona: X\n")) is None
    assert single_move([0, 2, 1]) == (2, 1)
    assert single_move([2, 0, 1]) == (2, 0)
    assert single_move([1, 0, 3, 2]) is None
