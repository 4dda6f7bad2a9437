"""Rules about agents working together and their models (PS601-PS605): a file that triggers each
one, with the exact span and message, and a file that does not."""

from __future__ import annotations

import pytest

from persona_studio.core.lint import lint_text

HANDOFFS = (
    "---\ndescription: x\nhandoffs:\n"
    "  - label: Plan it\n    agent: Plan\n    prompt: Plan this.\n"
    "  - label: Plan it\n    agent: Ask\n    prompt: Ask.\n    sendd: true\n"
    "  - label: '🚀'\n    agent: Edit\n    prompt: ''\n    model: GPT-5 (copilot)\n"
    "---\nBody.\n"
)


def found(text: str, rule: str, target: str = "vscode-agent") -> list[tuple[int, str, str]]:
    return [
        (d.span.line, d.severity.label, d.message)
        for d in lint_text(text, target=target)
        if d.name == rule
    ]


def test_handoff_labels_must_differ_and_name_the_button():
    assert found(HANDOFFS, "handoff-label") == [
        (7, "error", "The label 'Plan it' is already used by handoff 1"),
        (11, "error", "The label '🚀' has no letter or digit; name the button in words"),
    ]


def test_unknown_handoff_properties_are_named():
    assert found(HANDOFFS, "unknown-handoff-property") == [
        (
            7,
            "warning",
            "Handoff 2: unknown property 'sendd'. "
            "Supported: label, agent, prompt, send, showContinueOn, model.",
        )
    ]


def test_good_handoffs_give_nothing():
    text = (
        "---\ndescription: x\nhandoffs:\n  - label: Review\n    agent: Plan\n"
        "    prompt: Review it.\n    send: true\n    model: GPT-5 (copilot)\n---\nBody.\n"
    )
    assert [d.name for d in lint_text(text, target="vscode-agent")] == []


def test_handoffs_are_not_read_for_claude_code():
    text = HANDOFFS.replace("description: x", "name: a\ndescription: x")
    assert found(text, "handoff-label", "claude-code") == []


@pytest.mark.parametrize(
    ("tools", "expected"),
    [
        ("tools: ['edit']", [(3, "warning")]),
        ("tools: ['edit', 'agent']", []),
        ("tools: ['agent/runSubagent']", []),
        ("tools: ['runSubagent']", []),  # an old name of the agent tool still enables it
        ("", []),  # no tools key: the default tools include the agent tool
    ],
)
def test_agents_need_the_agent_tool_when_tools_are_listed(tools, expected):
    text = f"---\ndescription: x\nagents: ['Reviewer']\n{tools}\n---\nBody.\n"
    assert [(line, level) for line, level, _ in found(text, "agents-need-agent-tool")] == expected


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("\"GPT-4.1 | 'gpt-5' | 'Claude Sonnet 4.5'\"", 1),
        ("'GPT-5, Claude Sonnet 4'", 1),
        ("['GPT-5 (copilot)', 'GPT-4.1 | x']", 1),
        ("GPT-5 (copilot)", 0),
        ("['GPT-5 (copilot)', 'Claude Sonnet 4.5']", 0),
    ],
)
def test_a_model_string_that_names_several_models(model, expected):
    text = f"---\ndescription: x\nmodel: {model}\n---\nBody.\n"
    assert len(found(text, "malformed-model")) == expected


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("GPT-4.1", ["Unknown model 'GPT-4.1' for Claude Code subagents"]),
        ("sonet", ["Unknown model 'sonet' for Claude Code subagents"]),
        ("sonnet", []),
        ("inherit", []),
        ("claude-opus-4-5", []),
    ],
)
def test_claude_code_models(model, expected):
    text = f"---\nname: r\ndescription: x\nmodel: {model}\n---\nBody.\n"
    messages = [m.split(";")[0] for _, _, m in found(text, "unknown-model", "claude-code")]
    assert messages == expected
    # VS Code checks models against those installed, which an offline check cannot see.
    assert found(text.replace("name: r\n", ""), "unknown-model") == []
