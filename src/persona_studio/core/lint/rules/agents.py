"""Rules about how agents work together and which model they run: handoffs, subagents, models.

Each rule runs only where the profile reads the key it checks (a Claude Code subagent has no
handoffs), so the same file gives the findings its reader would give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from persona_studio.core.lint.context import LintContext
from persona_studio.core.lint.define import rule
from persona_studio.core.lint.model import Diagnostic, Severity
from persona_studio.core.readers import toollist
from persona_studio.core.text.spans import Span

GROUP = "agents"

HANDOFF_KEYS = ("label", "agent", "prompt", "send", "showContinueOn", "model")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # any Unicode letter or digit


def _handoffs(ctx: LintContext) -> list[tuple[int, dict[str, Any], Span]]:
    """(index, handoff, span of its list item) for each mapping item of `handoffs`."""
    if ctx.target.key("handoffs") is None:
        return []
    entry = ctx.entry("handoffs")
    if entry is None or not isinstance(entry.value, list):
        return []
    found = []
    for index, value in enumerate(entry.value):
        if isinstance(value, dict):
            span = entry.items[index].span if index < len(entry.items) else entry.value_span
            found.append((index, value, span))
    return found


@rule(
    "PS601",
    "handoff-label",
    Severity.ERROR,
    GROUP,
    "A handoff label that is repeated or has no letter or digit.",
    """Each handoff is a button under the agent's answer, named by its label. VS Code reports a
    label used twice, and a label made only of symbols or emoji, as errors: the buttons could not
    be told apart, or read by a screen reader.""",
)
def handoff_label(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: dict[str, int] = {}
    for index, handoff, span in _handoffs(ctx):
        label = handoff.get("label")
        if not isinstance(label, str) or not label.strip():
            continue  # invalid-type reports a missing or empty label
        key = label.strip()
        if key in seen:
            yield handoff_label.diagnostic(
                span, f"The label '{key}' is already used by handoff {seen[key] + 1}"
            )
        else:
            seen[key] = index
        if not _LETTER_OR_DIGIT.search(key):
            yield handoff_label.diagnostic(
                span, f"The label '{key}' has no letter or digit; name the button in words"
            )


@rule(
    "PS602",
    "unknown-handoff-property",
    Severity.WARNING,
    GROUP,
    "A handoff property VS Code does not read.",
    """A handoff takes label, agent, prompt, send, showContinueOn and model. VS Code warns about
    any other property and ignores it, often a misspelling (sendd, Label).""",
)
def unknown_handoff_property(ctx: LintContext) -> Iterator[Diagnostic]:
    for index, handoff, span in _handoffs(ctx):
        for key in handoff:
            if key not in HANDOFF_KEYS:
                yield unknown_handoff_property.diagnostic(
                    span,
                    f"Handoff {index + 1}: unknown property '{key}'. "
                    f"Supported: {', '.join(HANDOFF_KEYS)}.",
                )


@rule(
    "PS603",
    "agents-need-agent-tool",
    Severity.WARNING,
    GROUP,
    "Subagents are listed but the tools do not include the agent tool.",
    """An agent calls the agents in its `agents:` list through the agent tool. When the header
    lists tools, VS Code warns unless 'agent' (or agent/runSubagent) is among them: without it
    the list has no effect.""",
)
def agents_need_agent_tool(ctx: LintContext) -> Iterator[Diagnostic]:
    if ctx.target.key("agents") is None:
        return
    entry = ctx.entry("agents")
    if entry is None or not isinstance(entry.value, list) or not entry.value:
        return
    names = toollist.tool_names(ctx.document)
    if names is None:
        return  # default tools: the agent tool is among them
    for name in names:
        status = ctx.target.classify_tool(name)
        current = status.replacements if status.kind == "renamed" else (status.name,)
        if any(item == "agent" or item.startswith("agent/") for item in current):
            return
    yield agents_need_agent_tool.diagnostic(
        entry.key_span,
        "When 'agents' and 'tools' are specified, the 'agent' tool must be included in 'tools'",
    )


# Several models in one string: "GPT-4.1 | 'gpt-5'", "GPT-5, Claude Sonnet 4".
_MODEL_SEPARATORS = re.compile(r"\s\|\s|\||,|['\"]")


def _model_values(ctx: LintContext) -> list[tuple[str, Span]]:
    entry = ctx.entry("model")
    if entry is None:
        return []
    if isinstance(entry.value, str):
        return [(entry.value, entry.value_span)]
    if isinstance(entry.value, list):
        return [(item.value, item.span) for item in entry.items if isinstance(item.value, str)]
    return []


@rule(
    "PS604",
    "malformed-model",
    Severity.WARNING,
    GROUP,
    "A model string that names several models, or carries quotes.",
    """A model is one name such as 'GPT-5 (copilot)'. A string like "GPT-4.1 | 'gpt-5'" is
    read as one unknown model, so the agent runs on the default one. For a fallback list, use a
    YAML list: model: ['GPT-5', 'Claude Sonnet 4.5'].""",
)
def malformed_model(ctx: LintContext) -> Iterator[Diagnostic]:
    if ctx.target.key("model") is None:
        return
    for value, span in _model_values(ctx):
        if _MODEL_SEPARATORS.search(value):
            yield malformed_model.diagnostic(
                span,
                f"'{value}' is not one model name; write one name, or a list of names",
            )


@rule(
    "PS605",
    "unknown-model",
    Severity.WARNING,
    GROUP,
    "A model value the reader does not know.",
    """Claude Code takes sonnet, opus, haiku, inherit or a full model id (claude-...). Any other
    value, such as a VS Code model name, is not a Claude model. VS Code checks model names only
    against the models installed, which an offline check cannot see.""",
)
def unknown_model(ctx: LintContext) -> Iterator[Diagnostic]:
    spec = ctx.target.key("model")
    if spec is None or spec.type != "claude-model":
        return
    for value, span in _model_values(ctx):
        text = value.strip()
        if not text or text in spec.values or text.startswith("claude-"):
            continue
        if _MODEL_SEPARATORS.search(text):
            continue  # malformed-model says more
        yield unknown_model.diagnostic(
            span,
            f"Unknown model '{text}' for {ctx.target.label}s; use "
            f"{', '.join(spec.values)} or a full model id such as claude-sonnet-4-5",
        )
