"""Tool access keeps its meaning across exports: all tools, no tools, MCP servers, other readers'
names, the seed, a Claude Code subagent. Every expected front matter here is written out by hand
from the readers' documentation (reference §5, §9; G1), never computed with the catalog."""

from __future__ import annotations

import pytest

from _shared import SEED
from persona_studio.core.document import parse
from persona_studio.core.files.fileio import read_text
from persona_studio.core.formats import export

BODY = "Body.\n"


def front(text: str) -> str:
    """The front matter block of an exported text, its fences included."""
    head, _, rest = text.partition("\n---\n")
    assert rest == BODY or rest.startswith("\n# Persona"), rest[:40]
    return head + "\n---\n"


def exported(source: str, path: str, target: str) -> str:
    result = export(parse(source), path, target)
    assert result.source_target != target
    assert not result.blocked, result.errors
    return front(result.text)


# -- all tools ----------------------------------------------------------------------------------

STAR_AGENT = "---\nname: Helper\ndescription: Helps\ntools: ['*']\n---\nBody.\n"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # Claude Code: no `tools` key inherits every tool; there is no `*`.
        ("claude-code", "---\nname: helper\ndescription: Helps\n---\n"),
        # GitHub: ["*"] is all tools (G1).
        (
            "github-copilot",
            "---\nname: Helper\ndescription: Helps\ntools: ['*']\ntarget: github-copilot\n---\n",
        ),
        # VS Code has no `*`: no key gives every tool the user has enabled.
        ("vscode-chatmode", "---\ndescription: Helps\n---\n"),
    ],
)
def test_all_tools_is_written_as_each_target_says_all(target: str, expected: str) -> None:
    assert exported(STAR_AGENT, "helper.agent.md", target) == expected


def test_all_tools_is_never_written_as_no_tools() -> None:
    for target in ("claude-code", "vscode-chatmode", "github-copilot"):
        result = export(parse(STAR_AGENT), "helper.agent.md", target)
        assert result.tools is not None and result.tools.written.startswith(
            ("all tools", "the default tools")
        )
        assert "tools: []" not in result.text


def test_github_all_tools_to_vscode_drops_the_star_and_the_github_target() -> None:
    source = (
        "---\nname: Helper\ndescription: Helps\ntarget: github-copilot\ntools: ['*']\n---\nBody.\n"
    )
    path = ".github/agents/helper.agent.md"
    assert exported(source, path, "vscode-agent") == "---\nname: Helper\ndescription: Helps\n---\n"
    assert exported(source, path, "claude-code") == "---\nname: helper\ndescription: Helps\n---\n"


# -- no tools -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("claude-code", "---\nname: helper\ndescription: Helps\ntools: []\n---\n"),
        (
            "github-copilot",
            "---\nname: Helper\ndescription: Helps\ntools: []\ntarget: github-copilot\n---\n",
        ),
        ("vscode-chatmode", "---\ndescription: Helps\ntools: []\n---\n"),
    ],
)
def test_no_tools_stays_no_tools(target: str, expected: str) -> None:
    source = "---\nname: Helper\ndescription: Helps\ntools: []\n---\nBody.\n"
    assert exported(source, "helper.agent.md", target) == expected


def test_claude_without_tools_key_stays_without_and_says_what_vscode_gives() -> None:
    source = "---\nname: helper\ndescription: Helps\n---\nBody.\n"
    path = ".claude/agents/helper.md"
    assert exported(source, path, "vscode-agent") == "---\nname: helper\ndescription: Helps\n---\n"
    result = export(parse(source), path, "vscode-agent")
    assert result.tools is not None and not result.tools.same
    assert any("gives the default tools" in note.message for note in result.notes)


# -- MCP only -----------------------------------------------------------------------------------

MCP_AGENT = (
    "---\nname: Helper\ndescription: Helps\n"
    "tools: ['github/*', 'playwright/browser_navigate', 'microsoft.docs.mcp']\n---\nBody.\n"
)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "claude-code",
            "---\nname: helper\ndescription: Helps\n"
            "tools: mcp__github__*, mcp__playwright__browser_navigate, mcp__microsoft.docs.mcp__*\n"
            "---\n",
        ),
        (
            "github-copilot",
            "---\nname: Helper\ndescription: Helps\n"
            "tools: ['github/*', 'playwright/browser_navigate', 'microsoft.docs.mcp/*']\n"
            "target: github-copilot\n---\n",
        ),
        (
            "vscode-chatmode",
            "---\ndescription: Helps\n"
            "tools: ['github', 'playwright/browser_navigate', 'microsoft.docs.mcp']\n---\n",
        ),
    ],
)
def test_mcp_only_tools_keep_their_servers(target: str, expected: str) -> None:
    result = export(parse(MCP_AGENT), "helper.agent.md", target)
    assert front(result.text) == expected
    assert result.tool_losses == []


def test_claude_mcp_tools_to_vscode_and_back() -> None:
    source = (
        "---\nname: helper\ndescription: Helps\ntools: mcp__github__*, mcp__sentry__get_issue\n"
        "---\nBody.\n"
    )
    path = ".claude/agents/helper.md"
    agent = exported(source, path, "vscode-agent")
    assert agent == (
        "---\nname: helper\ndescription: Helps\ntools: ['github/*', 'sentry/get_issue']\n---\n"
    )


# -- Claude Code names in an agent --------------------------------------------------------------

CLAUDE_NAMES_AGENT = (
    "---\nname: Helper\ndescription: Helps\ntools: [Read, Edit, Bash, Grep, Task]\n---\nBody.\n"
)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # Task is the old name of Agent.
        (
            "claude-code",
            "---\nname: helper\ndescription: Helps\ntools: Read, Edit, Bash, Grep, Agent\n---\n",
        ),
        (
            "github-copilot",
            "---\nname: Helper\ndescription: Helps\ntools: [read, edit, execute, search, agent]\n"
            "target: github-copilot\n---\n",
        ),
    ],
)
def test_claude_names_in_an_agent_are_read_as_claude_code_names(target: str, expected: str) -> None:
    assert exported(CLAUDE_NAMES_AGENT, "helper.agent.md", target) == expected


# -- the seed -----------------------------------------------------------------------------------

SEED_FRONT = {
    "vscode-agent": (
        "---\nname: Backend\n"
        "tools: ['search/changes', 'search/codebase', 'edit/editFiles', 'vscode/extensions', "
        "'web/fetch', 'web/githubRepo', 'vscode/newWorkspace', 'vscode/getProjectSetupInfo', "
        "'vscode/installExtension', 'vscode/runCommand', 'vscode/openIntegratedBrowser', "
        "'read/problems', 'execute/runInTerminal', 'execute/getTerminalOutput', "
        "'read/terminalLastCommand', 'read/terminalSelection', 'execute/runTask', "
        "'execute/createAndRunTask', 'execute/getTaskOutput', 'execute/runTests', 'search', "
        "'search/searchResults', 'execute/testFailure', 'search/usages', 'vscode/vscodeAPI', "
        "'microsoft.docs.mcp/*', 'github/*']\n"
        "description: 'Backend specialist focused on reliability, scalability, and compliance "
        "(C#/.NET, OCI)'\n---\n"
    ),
    # Edit needs Read; runCommands, runTasks and runTests run through Bash; both MCP servers are
    # whole servers.
    "claude-code": (
        "---\nname: backend\n"
        "tools: Read, Edit, WebFetch, Bash, Grep, Glob, mcp__microsoft.docs.mcp__*, "
        "mcp__github__*\n"
        "description: 'Backend specialist focused on reliability, scalability, and compliance "
        "(C#/.NET, OCI)'\n---\n"
    ),
    "github-copilot": (
        "---\n"
        "tools: ['search', 'edit', 'web', 'read', 'execute', 'microsoft.docs.mcp/*', 'github/*']\n"
        "description: 'Backend specialist focused on reliability, scalability, and compliance "
        "(C#/.NET, OCI)'\ntarget: github-copilot\n---\n"
    ),
}


@pytest.mark.parametrize("target", sorted(SEED_FRONT))
def test_the_seed_to_each_target(target: str) -> None:
    loaded = read_text(SEED)
    result = export(parse(loaded.text), SEED, target, loaded=loaded)
    assert front(result.text) == SEED_FRONT[target]
    assert not result.blocked


def test_the_seed_to_its_own_format_is_unchanged() -> None:
    loaded = read_text(SEED)
    result = export(parse(loaded.text), SEED, "vscode-chatmode", loaded=loaded)
    assert result.text == loaded.text


def test_the_seed_to_claude_reports_each_lost_tool_with_its_reason() -> None:
    loaded = read_text(SEED)
    result = export(parse(loaded.text), SEED, "claude-code", loaded=loaded)
    fates = {fate.tool: fate for fate in result.tool_losses}
    assert fates["findTestFiles"].reason.startswith("'findTestFiles' can no longer be referenced")
    assert fates["codebase"].reason == (
        "no Claude Code subagent tool does what 'search/codebase' does"
    )
    partly = fates["runCommands"]
    assert (partly.status, partly.written) == ("partly", ("Bash",))
    assert partly.lost == ("read/terminalLastCommand", "read/terminalSelection")
    assert "editFiles" not in fates and "github" not in fates


# -- a Claude Code subagent ---------------------------------------------------------------------

CLAUDE = (
    "---\nname: helper\ndescription: Helps\n"
    "tools: Read, Edit, Write, Bash, Grep, Glob, WebFetch, WebSearch, Agent, TodoWrite, "
    "AskUserQuestion, mcp__github__create_issue\nmodel: sonnet\n---\nBody.\n"
)


@pytest.mark.parametrize(
    ("target", "expected", "lost"),
    [
        (
            "vscode-agent",
            "---\nname: helper\ndescription: Helps\n"
            "tools: ['read/readFile', 'read/getNotebookSummary', 'read/readNotebookCellOutput', "
            "'edit/editFiles', 'edit/createFile', 'execute', "
            "'search/textSearch', 'search/fileSearch', 'search/listDirectory', 'web/fetch', "
            "'agent', 'todo', "
            "'vscode/askQuestions', 'github/create_issue']\n"
            "model: Claude Sonnet 4.5\n---\n",
            ["WebSearch"],
        ),
        (
            "github-copilot",
            "---\nname: helper\ndescription: Helps\n"
            "tools: ['read', 'edit', 'execute', 'search', 'web', 'agent', 'todo', "
            "'github/create_issue']\n"
            "model: Claude Sonnet 4.5\ntarget: github-copilot\n---\n",
            ["AskUserQuestion"],
        ),
    ],
)
def test_a_claude_subagent_to_vscode_and_github(
    target: str, expected: str, lost: list[str]
) -> None:
    result = export(parse(CLAUDE), ".claude/agents/helper.md", target)
    assert result.source_target == "claude-code"
    assert front(result.text) == expected
    assert [fate.tool for fate in result.tool_losses] == lost


def test_a_claude_model_id_is_not_passed_to_vscode() -> None:
    source = "---\nname: helper\ndescription: Helps\nmodel: claude-opus-4-1\n---\nBody.\n"
    result = export(parse(source), ".claude/agents/helper.md", "vscode-agent")
    assert front(result.text) == "---\nname: helper\ndescription: Helps\n---\n"
    assert any("'claude-opus-4-1'" in n.message for n in result.notes if n.kind == "dropped")


def test_tools_a_claude_subagent_takes_away_are_reported_where_the_target_cannot() -> None:
    source = "---\nname: helper\ndescription: Helps\ndisallowedTools: Bash, Write\n---\nBody.\n"
    result = export(parse(source), ".claude/agents/helper.md", "github-copilot")
    assert front(result.text) == (
        "---\nname: helper\ndescription: Helps\ntarget: github-copilot\n---\n"
    )
    assert result.tools is not None and not result.tools.same
    assert result.tools.source == "all tools (no 'tools' key) minus Bash, Write ('disallowedTools')"
    assert [fate.tool for fate in result.tool_losses] == [
        "disallowedTools: Bash",
        "disallowedTools: Write",
    ]


def test_a_tool_github_can_only_grant_with_its_whole_set_is_reported_wider() -> None:
    source = "---\nname: A\ndescription: d\ntools: ['edit/editFiles', 'search']\n---\nBody.\n"
    result = export(parse(source), "a.agent.md", "github-copilot")
    assert front(result.text) == (
        "---\nname: A\ndescription: d\ntools: ['edit', 'search']\ntarget: github-copilot\n---\n"
    )
    assert result.tools is not None and not result.tools.same
    fates = {fate.tool: fate for fate in result.tools.fates}
    assert fates["edit/editFiles"].widened == ("edit/editFiles",)
    assert not fates["search"].widened
    assert any("names whole tool sets only: edit/editFiles" in n.message for n in result.notes)


# -- GitHub keys --------------------------------------------------------------------------------


def test_github_drops_handoffs_and_vscode_only_keys_and_requires_a_description() -> None:
    source = (
        "---\nname: Planner\nargument-hint: a task\ntools: ['search/codebase']\n"
        "handoffs:\n  - label: Go\n    agent: Agent\n    prompt: Start.\n---\nBody.\n"
    )
    result = export(parse(source), "planner.agent.md", "github-copilot")
    assert front(result.text) == (
        "---\nname: Planner\ntools: ['search']\ntarget: github-copilot\n---\n"
    )
    dropped = [n.message for n in result.notes if n.kind == "dropped"]
    assert any(m.startswith("'handoffs'") and "ignored on GitHub.com" in m for m in dropped)
    assert any(m.startswith("'argument-hint'") for m in dropped)
    assert result.blocked  # no description: GitHub requires one
    assert result.relative_path == ".github/agents/planner.agent.md"


# -- the README ---------------------------------------------------------------------------------


def test_the_readme_lists_every_target_and_its_example_is_what_export_writes() -> None:
    from _shared import ROOT
    from persona_studio.core.formats import FORMATS
    from persona_studio.core.formats.skills import SKILL_TARGETS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Export\n") :]
    section = section[: section.index("\n## ", 1)]
    for target in (*FORMATS, *SKILL_TARGETS):
        assert f"`{target}`" in section, target
    source = (
        "---\ndescription: d\ntools: ['editFiles', 'runCommands', 'codebase', 'github']\n---\nx\n"
    )
    result = export(parse(source), "a.chatmode.md", "claude-code")
    line = next(line for line in result.text.splitlines() if line.startswith("tools:"))
    assert f"```yaml\n{line}\n```" in section
    fates = {fate.tool: fate.status for fate in result.tools.fates}
    assert fates == {
        "editFiles": "kept",
        "github": "kept",
        "runCommands": "partly",
        "codebase": "lost",
    }


def test_github_writes_retired_infer_false_as_disable_model_invocation() -> None:
    source = "---\nname: A\ndescription: d\ninfer: false\n---\nBody.\n"
    result = export(parse(source), "a.agent.md", "github-copilot")
    assert front(result.text) == (
        "---\nname: A\ndescription: d\ntarget: github-copilot\n"
        "disable-model-invocation: true\n---\n"
    )
    assert not result.blocked
