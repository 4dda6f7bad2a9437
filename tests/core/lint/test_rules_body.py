"""Body rules (PS301-PS304): `#tool:` references, length and heading levels."""

from __future__ import annotations

import pytest

from persona_studio.core.lint import Diagnostic, all_rules, lint_text

GROUP = "body"
HEAD = "---\ndescription: x\n---\n"


def at(diagnostic: Diagnostic) -> tuple[int, int, int, int]:
    span = diagnostic.span
    return span.line, span.column, span.end_line, span.end_column


def found(text: str, name: str, target: str = "vscode-agent") -> list[Diagnostic]:
    return [d for d in lint_text(text, target=target) if d.name == name]


def covered(text: str, diagnostics: list[Diagnostic]) -> list[str]:
    return [text[d.span.start : d.span.end] for d in diagnostics]


LONG_BODY = "x" * 30_005 + "\n"

#  rule, target, bad text, spans, covered text, good text
CASES = [
    (
        "tool-reference-unknown",
        "vscode-agent",
        HEAD + "First use #tool:nope.\nThen #tool:search/nothing, and #tool:read.\n",
        [(4, 17, 4, 21), (5, 12, 5, 26)],
        ["nope", "search/nothing"],
        HEAD + "First use #tool:read/readFile.\nThen #tool:search.\n",
    ),
    (
        "tool-reference-disabled",
        "vscode-agent",
        "---\ndescription: x\ntools: ['read', 'search/codebase']\n---\n"
        "Read with #tool:read/problems, search with #tool:search/usages and #tool:web/fetch.\n",
        [(5, 50, 5, 63), (5, 74, 5, 83)],
        ["search/usages", "web/fetch"],
        "---\ndescription: x\ntools: ['read', 'search/codebase', 'web']\n---\n"
        "Use #tool:read/problems, #tool:codebase and #tool:web/fetch.\n",
    ),
    (
        "body-too-long",
        "github-copilot",
        HEAD + LONG_BODY,
        [(4, 30_001, 5, 1)],
        ["xxxxx\n"],
        HEAD + "x" * 30_000,
    ),
    (
        "heading-increment",
        "vscode-agent",
        HEAD + "# Title\n\n### Deep\n\n## Fine\n\n#### Deeper\n",
        [(6, 1, 6, 9), (10, 1, 10, 12)],
        ["### Deep", "#### Deeper"],
        HEAD + "# Title\n\n## One\n\n### Two\n\n## Three\n",
    ),
]


def test_every_body_rule_has_a_case() -> None:
    group = {made.name for made in all_rules() if made.group == GROUP}
    assert {case[0] for case in CASES} == group


@pytest.mark.parametrize(
    ("rule", "target", "bad", "spans", "texts", "good"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_triggers_with_exact_span(
    rule: str, target: str, bad: str, spans: list, texts: list, good: str
) -> None:
    diagnostics = found(bad, rule, target)
    assert [at(d) for d in diagnostics] == spans
    assert covered(bad, diagnostics) == texts


@pytest.mark.parametrize(
    ("rule", "target", "bad", "spans", "texts", "good"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_quiet_on_good_body(
    rule: str, target: str, bad: str, spans: list, texts: list, good: str
) -> None:
    assert found(good, rule, target) == []


def test_body_limit_only_applies_to_github() -> None:
    assert found(HEAD + LONG_BODY, "body-too-long", "vscode-agent") == []


def test_references_are_enabled_by_every_tool_when_there_is_no_tools_list() -> None:
    assert found(HEAD + "Use #tool:web/fetch.\n", "tool-reference-disabled") == []


def test_a_renamed_reference_is_an_info_with_a_fix() -> None:
    text = HEAD + "Look with #tool:codebase, then run #tool:runCommands.\n"
    one, many = found(text, "renamed-tool")
    assert (at(one), at(many)) == ((4, 17, 4, 25), (4, 42, 4, 53))
    assert (
        one.message == "Tool or toolset 'codebase' has been renamed, use 'search/codebase' instead."
    )
    assert one.fix is not None
    assert [(e.start, e.end, e.text) for e in one.fix.edits] == [
        (one.span.start, one.span.end, "search/codebase")
    ]
    assert many.fix is None  # an old tool set is several tools: no single name to write
    assert "use the following tools instead: execute/runInTerminal" in many.message


def test_renamed_references_survive_ignoring_unknown_references() -> None:
    """renamed-tool is its own rule: switching off tool-reference-unknown keeps it."""
    from persona_studio.core.lint.config import LintConfig, PathSettings, rule_names

    config = LintConfig(PathSettings(ignore=rule_names(["tool-reference-unknown"], None)))
    text = HEAD + "Look with #tool:codebase and #tool:nope.\n"
    names = [d.name for d in lint_text(text, target="vscode-agent", config=config)]
    assert names == ["renamed-tool"]


def test_references_in_front_matter_are_not_body_references() -> None:
    text = "---\ndescription: 'Use #tool:nope'\n---\nBody.\n"
    assert found(text, "tool-reference-unknown") == []


def test_a_chat_mode_knows_its_own_reference_names() -> None:
    text = "---\ndescription: x\ntools: [codebase]\n---\nUse #tool:codebase and #tool:fetch.\n"
    (disabled,) = found(text, "tool-reference-disabled", "vscode-chatmode")
    assert covered(text, [disabled]) == ["fetch"]
    assert found(text, "renamed-tool", "vscode-chatmode") == []
