"""Tools list rules (PS201-PS204): each triggered with the exact span of the tool name inside
the list (not the line, not the quotes), and quiet on a good list."""

from __future__ import annotations

import pytest

from persona_studio.core.lint import Diagnostic, Severity, all_rules, lint_text

GROUP = "tools"


def at(diagnostic: Diagnostic) -> tuple[int, int, int, int]:
    span = diagnostic.span
    return span.line, span.column, span.end_line, span.end_column


def found(text: str, name: str, target: str) -> list[Diagnostic]:
    return [d for d in lint_text(text, target=target) if d.name == name]


def covered(text: str, diagnostics: list[Diagnostic]) -> list[str]:
    return [text[d.span.start : d.span.end] for d in diagnostics]


#  rule, target, bad text, spans, covered text, good text
CASES = [
    (
        "unknown-tool",
        "vscode-agent",
        "---\ndescription: x\ntools: ['read', 'readFiel', \"bogus\", terminalCommand]\n---\n",
        [(3, 18, 3, 26), (3, 30, 3, 35), (3, 38, 3, 53)],
        ["readFiel", "bogus", "terminalCommand"],
        "---\ndescription: x\ntools: ['read', 'read/readFile']\n---\n",
    ),
    (
        "renamed-tool",
        "vscode-agent",
        "---\ndescription: x\ntools:\n  - codebase\n  - 'runCommands'\n  - edit\n---\n",
        [(4, 5, 4, 13), (5, 6, 5, 17)],
        ["codebase", "runCommands"],
        "---\ndescription: x\ntools:\n  - search/codebase\n  - execute\n  - edit\n---\n",
    ),
    (
        "duplicate-tool",
        "vscode-agent",
        "---\ndescription: x\ntools: [read, edit, 'read', edit]\n---\n",
        [(3, 22, 3, 26), (3, 29, 3, 33)],
        ["read", "edit"],
        "---\ndescription: x\ntools: [read, edit]\n---\n",
    ),
    (
        "unverified-tool",
        "vscode-agent",
        "---\ndescription: x\ntools: ['read', 'context7/*', 'microsoft.docs.mcp', github]\n---\n",
        [(3, 18, 3, 28), (3, 32, 3, 50), (3, 53, 3, 59)],
        ["context7/*", "microsoft.docs.mcp", "github"],
        "---\ndescription: x\ntools: ['read', 'web/fetch']\n---\n",
    ),
]


def test_every_tools_rule_has_a_case() -> None:
    group = {made.name for made in all_rules() if made.group == GROUP}
    assert {case[0] for case in CASES} == group


@pytest.mark.parametrize(
    ("rule", "target", "bad", "spans", "texts", "good"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_triggers_on_the_name_inside_the_list(
    rule: str, target: str, bad: str, spans: list, texts: list, good: str
) -> None:
    diagnostics = found(bad, rule, target)
    assert [at(d) for d in diagnostics] == spans
    assert covered(bad, diagnostics) == texts


@pytest.mark.parametrize(
    ("rule", "target", "bad", "spans", "texts", "good"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_quiet_on_good_list(
    rule: str, target: str, bad: str, spans: list, texts: list, good: str
) -> None:
    assert found(good, rule, target) == []


def test_unknown_tool_explains_a_removed_tool() -> None:
    text = "---\ndescription: x\ntools: [findTestFiles]\n---\n"
    (diagnostic,) = found(text, "unknown-tool", "vscode-agent")
    assert diagnostic.severity is Severity.INFO  # a Hint in VS Code 1.140
    assert diagnostic.message.startswith("Unknown tool 'findTestFiles'.")
    assert "can no longer be referenced" in diagnostic.message


def test_renamed_tool_messages_follow_vscode() -> None:
    text = "---\ndescription: x\ntools: [fetch, runTasks]\n---\n"
    one, many = found(text, "renamed-tool", "vscode-agent")
    assert one.severity is Severity.INFO
    assert one.message == "Tool or toolset 'fetch' has been renamed, use 'web/fetch' instead."
    assert many.message == (
        "Tool or toolset 'runTasks' has been renamed, use the following tools instead: "
        "execute/runTask, execute/createAndRunTask, execute/getTaskOutput"
    )
    assert one.fix is not None and one.fix.safe
    assert many.fix is not None and many.fix.safe


def test_old_names_are_current_for_a_chat_mode() -> None:
    text = "---\ndescription: x\ntools: [codebase, runCommands, editFiles, search/codebase]\n---\n"
    assert lint_text(text, target="vscode-chatmode") == []


def test_names_with_escapes_keep_their_quoted_span() -> None:
    text = '---\ndescription: x\ntools: ["b\\u0061d"]\n---\n'
    (diagnostic,) = found(text, "unknown-tool", "vscode-agent")
    assert diagnostic.message.startswith("Unknown tool 'bad'.")
    assert covered(text, [diagnostic]) == ['"b\\u0061d"']


def test_duplicate_in_a_comma_string_points_at_the_repeat() -> None:
    text = "---\nname: r\ndescription: x\ntools: Read, Grep, Read\n---\n"
    (diagnostic,) = found(text, "duplicate-tool", "claude-code")
    assert at(diagnostic) == (4, 20, 4, 24)
    assert diagnostic.fix is None  # only lists are rewritten item by item


def test_duplicates_ignore_case_where_the_target_does() -> None:
    text = "---\ndescription: x\ntools: [Bash, bash]\n---\n"
    assert [at(d) for d in found(text, "duplicate-tool", "github-copilot")] == [(3, 15, 3, 19)]
    assert found(text, "duplicate-tool", "vscode-agent") == []


def test_the_github_target_reports_no_tool_name() -> None:
    # GitHub ignores names it does not know, and VS Code skips tool validation for that target.
    text = "---\nname: r\ndescription: x\ntools: [whatever, codebase, server/tool, '*']\n---\n"
    names = {d.name for d in lint_text(text, target="github-copilot")}
    assert not names & {"unknown-tool", "renamed-tool", "unverified-tool"}


def test_claude_code_tool_names_of_2026() -> None:
    text = "---\nname: r\ndescription: x\ntools: Read, MultiEdit, Task, Agent, LSP, Grepp\n---\n"
    found_here = [
        (d.name, d.severity.label, d.message)
        for d in lint_text(text, target="claude-code")
        if d.name in ("unknown-tool", "renamed-tool")
    ]
    assert found_here == [
        (
            "unknown-tool",
            "info",
            "Unknown tool 'MultiEdit'. No longer a Claude Code tool (2026); "
            "'Edit' makes several changes.",
        ),
        ("renamed-tool", "info", "Tool or toolset 'Task' has been renamed, use 'Agent' instead."),
        ("unknown-tool", "info", "Unknown tool 'Grepp'. Did you mean 'Grep'?"),
    ]


def test_an_agent_that_declares_the_github_target_is_checked_as_one() -> None:
    text = "---\ndescription: x\ntarget: github-copilot\ntools: [whatever]\n---\n"
    assert lint_text(text, path="a.agent.md") == []
    assert [d.name for d in lint_text(text, path="a.agent.md", target="vscode-agent")] == [
        "unknown-tool"
    ]


# -- what VS Code 1.140 says about tool names (reference, section 9) ------------------------------


@pytest.mark.parametrize(
    ("name", "rule", "message"),
    [
        (
            "openSimpleBrowser",
            "renamed-tool",
            "Tool or toolset 'openSimpleBrowser' has been renamed, use "
            "'vscode/openIntegratedBrowser' instead.",
        ),
        (
            "vscode/openSimpleBrowser",
            "renamed-tool",
            "Tool or toolset 'vscode/openSimpleBrowser' has been renamed, use "
            "'vscode/openIntegratedBrowser' instead.",
        ),
        (
            "edit/newJupyterNotebook",
            "renamed-tool",
            "Tool or toolset 'edit/newJupyterNotebook' has been renamed, use "
            "'edit/createJupyterNotebook' instead.",
        ),
        (
            "runNotebooks/readNotebookCellOutput",
            "renamed-tool",
            "Tool or toolset 'runNotebooks/readNotebookCellOutput' has been renamed, use "
            "'read/readNotebookCellOutput' instead.",
        ),
        (
            "readCellOutput",
            "unknown-tool",
            "Unknown tool 'readCellOutput'. 'readCellOutput' was never kept as an old name; use "
            "'read/readNotebookCellOutput'.",
        ),
        (
            "notebooks",
            "unknown-tool",
            "Unknown tool 'notebooks'. 'notebooks' was a tool set for one week; use "
            "'execute/runNotebookCell' and the 'read' notebook tools.",
        ),
        (
            "renderMermaidDiagram",
            "renamed-tool",
            "Tool or toolset 'renderMermaidDiagram' has been renamed, use "
            "'vscode.mermaid-chat-features/renderMermaidDiagram' instead.",
        ),
    ],
)
def test_names_vscode_renamed_or_dropped(name, rule, message):
    text = f"---\ndescription: x\ntools: ['{name}']\n---\n"
    found_here = [
        (d.name, d.message)
        for d in lint_text(text, target="vscode-agent")
        if d.name in ("renamed-tool", "unknown-tool", "unverified-tool")
    ]
    assert found_here == [(rule, message)]


@pytest.mark.parametrize(
    "name",
    [
        "execute/awaitTerminal",
        "execute/killTerminal",
        "vscode/resolveMemoryFileUri",
        "vscode/openIntegratedBrowser",
        "vscode.mermaid-chat-features/renderMermaidDiagram",
    ],
)
def test_current_tools_are_known(name):
    text = f"---\ndescription: x\ntools: ['{name}']\n---\n"
    assert lint_text(text, target="vscode-agent") == []


def test_a_server_set_enables_its_tools_in_the_body():
    text = (
        "---\ndescription: x\ntools: ['edit', 'github/*', 'upstash/context7/*']\n---\n"
        "Use #tool:github/get_issue and #tool:upstash/context7/query-docs, not #tool:web/fetch.\n"
    )
    found_here = [
        (d.name, d.message)
        for d in lint_text(text, target="vscode-agent")
        if d.name == "tool-reference-disabled"
    ]
    assert found_here == [
        (
            "tool-reference-disabled",
            "The body uses #tool:web/fetch, which also needs to be enabled in the header's tools",
        )
    ]


def test_the_body_of_an_agent_for_github_is_not_checked():
    text = (
        "---\ndescription: x\ntarget: github-copilot\ntools: ['edit']\n---\nUse #tool:web/fetch.\n"
    )
    assert lint_text(text, path="a.agent.md") == []
