"""Quick fixes added for writing help: "did you mean" for keys and tools written with other case
or separators or a little further off, and "insert section" at the schema's place."""

from __future__ import annotations

from persona_studio.core.lint import apply_fixes, lint_text
from persona_studio.core.lint.near import nearest

AGENT = "/tmp/x/.github/agents/a.agent.md"
PERSONA = """---
description: 'Backend'
{extra}---

# Persona: Backend

A backend persona.

## Core Belief
Reliability first.

## Decision Pattern
- Reliability > features

## Communication Style
- Short answers

## Focus Areas
- APIs

## Problem Solving Approach
- Measure first

## When to Use This Persona
- For APIs
"""


def diagnostics(text: str, name: str):
    return [d for d in lint_text(text, path=AGENT) if d.name == name]


def test_nearest_name() -> None:
    keys = ["user-invocable", "disable-model-invocation", "argument-hint", "agents"]
    assert nearest("userInvocable", keys) == "user-invocable"
    assert nearest("argument_hint", keys) == "argument-hint"
    assert nearest("disable-model-invokation", keys) == "disable-model-invocation"
    assert nearest("invocable", ["user-invocable", "model-invocable"]) is None  # two fit
    assert nearest("agent", keys) == "agents"
    assert nearest("zzz", keys) is None


def test_unknown_key_written_in_camel_case_gets_a_fix() -> None:
    text = PERSONA.format(extra="userInvocable: false\n")
    [found] = diagnostics(text, "unknown-key")
    assert "Did you mean 'user-invocable'?" in found.message
    assert found.fix is not None and found.fix.description == "Write 'user-invocable'"
    fixed, count = apply_fixes(text, [found], unsafe=True)
    assert count == 1 and fixed == text.replace("userInvocable:", "user-invocable:")


def test_unknown_tool_with_other_separators_gets_a_fix() -> None:
    text = PERSONA.format(extra="tools: ['search_codebase']\n")
    [found] = diagnostics(text, "unknown-tool")
    assert "Did you mean 'search/codebase'?" in found.message
    fixed, _ = apply_fixes(text, [found], unsafe=True)
    assert "tools: ['search/codebase']" in fixed


def test_missing_section_is_inserted_where_the_schema_puts_it() -> None:
    text = PERSONA.format(extra="")
    [found] = diagnostics(text, "missing-section")
    assert "'Primary Question'" in found.message
    assert found.fix is not None and not found.fix.safe
    assert found.fix.description == "Insert a 'Primary Question' section"
    fixed, count = apply_fixes(text, [found])
    assert count == 0 and fixed == text  # unsafe: `lint --fix` leaves it
    fixed, count = apply_fixes(text, [found], unsafe=True)
    # After Core Belief, before Decision Pattern: the schema's order.
    assert fixed == text.replace(
        "## Decision Pattern", "## Primary Question\n\n## Decision Pattern", 1
    )
    assert not diagnostics(fixed, "missing-section")


def test_a_handoff_naming_an_agents_file_gets_its_display_name(tmp_path) -> None:
    agents = tmp_path / ".github" / "agents"
    agents.mkdir(parents=True)
    (agents / "reviewer.agent.md").write_text("---\nname: Code Reviewer\n---\nx\n")
    path = agents / "planner.agent.md"
    text = (
        "---\nname: Planner\nagents: ['reviewer']\nhandoffs:\n  - label: Review\n"
        "    agent: reviewer\n    prompt: Go.\n---\nBody.\n"
    )
    found = [
        d
        for d in lint_text(text, path=str(path))
        if d.name in ("unknown-handoff-agent", "unknown-subagent")
    ]
    assert len(found) == 2
    assert all("did you mean 'Code Reviewer'?" in d.message for d in found)
    fixed, count = apply_fixes(text, found, unsafe=True)
    assert count == 2
    assert fixed == text.replace("['reviewer']", "['Code Reviewer']").replace(
        "agent: reviewer", "agent: Code Reviewer"
    )
