"""Handoff edits: each changes one property or one handoff, and nothing else of the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from persona_studio.core.document import parse
from persona_studio.core.edits import EditError
from persona_studio.core.edits.handoffs import (
    add_handoff,
    handoffs,
    move_handoff,
    remove_handoff,
    set_handoff_property,
)

TEXT = """---
name: Planner  # shown in the picker
handoffs:
  - label: Start Implementation
    agent: implementation
    prompt: Now implement the plan outlined above.
    send: false
  - label: 'Review'
    agent: reviewer
    prompt: |
      Review this.
      Carefully.
tools: ['read']
---
# Body
"""


def run(text: str, function, *args):
    edit = function(parse(text), *args)
    result = edit.apply(text)
    assert result == text[: edit.start] + edit.text + text[edit.end :]
    return result


def test_handoffs_read_each_property_and_its_style() -> None:
    found = handoffs(parse(TEXT))
    assert [h.value("label") for h in found] == ["Start Implementation", "Review"]
    assert found[0].value("send") is False
    assert found[1].properties["label"].style == "'"
    assert found[1].properties["prompt"].style == "|"
    assert handoffs(parse("---\nname: a\n---\n")) == []


def test_set_a_property_keeps_its_quotes_and_the_rest() -> None:
    result = run(TEXT, set_handoff_property, 1, "label", "Re: view")
    assert result == TEXT.replace("label: 'Review'", "label: 'Re: view'")
    result = run(TEXT, set_handoff_property, 0, "send", True)
    assert result == TEXT.replace("send: false", "send: true")


def test_a_missing_property_is_added_at_the_handoffs_indentation() -> None:
    result = run(TEXT, set_handoff_property, 0, "showContinueOn", True)
    assert result == TEXT.replace("send: false\n", "send: false\n    showContinueOn: true\n")
    assert parse(result).data["handoffs"][0]["showContinueOn"] is True


def test_a_literal_prompt_stays_a_literal_block() -> None:
    result = run(TEXT, set_handoff_property, 1, "prompt", "First.\nSecond.\n")
    assert "    prompt: |\n      First.\n      Second.\ntools:" in result
    assert parse(result).data["handoffs"][1]["prompt"] == "First.\nSecond.\n"


def test_removing_properties() -> None:
    result = run(TEXT, set_handoff_property, 0, "send", None)
    assert result == TEXT.replace("    send: false\n", "")
    # The first key shares the dash's line: the next key moves up.
    result = run(TEXT, set_handoff_property, 0, "label", None)
    assert "  - agent: implementation\n    prompt:" in result
    assert parse(result).data["handoffs"][0] == {
        "agent": "implementation",
        "prompt": "Now implement the plan outlined above.",
        "send": False,
    }


def test_add_handoff_in_the_lists_style() -> None:
    result = run(TEXT, add_handoff, {"label": "Test", "agent": "tester", "prompt": "Write tests."})
    assert result == TEXT.replace(
        "      Carefully.\n",
        "      Carefully.\n  - label: 'Test'\n    agent: 'tester'\n    prompt: 'Write tests.'\n",
    )
    plain = "---\nname: a\ntools: []\n---\n"
    result = run(plain, add_handoff, {"label": "Go", "agent": "b", "prompt": ""})
    assert (
        result
        == "---\nname: a\ntools: []\nhandoffs:\n  - label: Go\n    agent: b\n    prompt: ''\n---\n"
    )
    flow = "---\nhandoffs: [{label: a, agent: b, prompt: c}]\n---\n"
    result = run(flow, add_handoff, {"label": "X", "agent": "Y", "prompt": "p"})
    assert result == flow.replace("c}]", "c}, {label: X, agent: Y, prompt: p}]")
    empty = "---\nname: a\nhandoffs: []\n---\n"
    result = run(empty, add_handoff, {"label": "X", "agent": "Y", "prompt": "p"})
    assert parse(result).data["handoffs"] == [{"label": "X", "agent": "Y", "prompt": "p"}]


def test_flow_handoff_properties() -> None:
    flow = "---\nhandoffs: [{label: a, agent: b, prompt: c}]\n---\n"
    assert run(flow, set_handoff_property, 0, "send", True) == flow.replace("c}", "c, send: true}")
    assert run(flow, set_handoff_property, 0, "agent", None) == flow.replace(" agent: b,", "")


def test_remove_and_move_whole_handoffs() -> None:
    result = run(TEXT, remove_handoff, 0)
    assert [h["label"] for h in parse(result).data["handoffs"]] == ["Review"]
    assert result.startswith(
        "---\nname: Planner  # shown in the picker\nhandoffs:\n  - label: 'Review'"
    )
    result = run(TEXT, move_handoff, 1, 0)
    assert [h["label"] for h in parse(result).data["handoffs"]] == [
        "Review",
        "Start Implementation",
    ]
    assert sorted(result.splitlines()) == sorted(TEXT.splitlines())


def test_impossible_edits_say_why() -> None:
    with pytest.raises(EditError, match="no handoff 3"):
        set_handoff_property(parse(TEXT), 2, "label", "x")
    one = "---\nhandoffs:\n  - label: a\n---\n"
    with pytest.raises(EditError, match="at least one property"):
        set_handoff_property(parse(one), 0, "label", None)


def test_a_literal_prompt_set_to_one_line_stays_a_literal_block() -> None:
    result = run(TEXT, set_handoff_property, 1, "prompt", "Only this.")
    assert "    prompt: |-\n      Only this.\ntools:" in result
    assert parse(result).data["handoffs"][1]["prompt"] == "Only this."
    # A value a literal block cannot hold falls back to quotes.
    result = run(TEXT, set_handoff_property, 1, "prompt", "  indented")
    assert parse(result).data["handoffs"][1]["prompt"] == "  indented"


@settings(max_examples=150, deadline=None)
@given(value=st.text(st.characters(codec="utf-8"), max_size=40), index=st.integers(0, 1))
def test_any_prompt_or_label_reads_back_exactly(value: str, index: int) -> None:
    for key in ("prompt", "label"):
        edit = set_handoff_property(parse(TEXT), index, key, value)
        result = edit.apply(TEXT)
        assert parse(result).data["handoffs"][index][key] == value
        # Only the value changed: the text around the edit is as it was.
        assert result[: edit.start] == TEXT[: edit.start]
        assert result[edit.start + len(edit.text) :] == TEXT[edit.end :]
