"""The 2026 corpus (../shared/corpus/2026: 30 custom agents, 15 skill folders and 24 Claude Code
subagents, laid out as a repository holds them), linted as one folder: every finding pinned.

The expectations are literal, checked by hand against the reference's section 9 (what VS Code
1.140, GitHub and Claude Code do in late 2026), not computed from the catalog:

- the agents' old tool names are infos ("renamed"), with VS Code's own replacements
  (`vscode/openSimpleBrowser` -> `vscode/openIntegratedBrowser`, `shell` -> `execute`,
  `memory` -> `vscode/memory` in `#tool:` references);
- `terminalCommand` and `findTestFiles` are unknown tools, and an unknown tool or key is an info
  (a Hint in VS Code 1.140): `mode` and `hidden` are not agent keys;
- MCP names (`server/*`, `server/tool`, `microsoft.docs.mcp`) cannot be checked offline;
- `mcp-servers` is ignored when the agent runs in VS Code;
- two subagents have descriptions that are not valid YAML (an unquoted `: `): Claude Code cannot
  read their headers;
- the skills, and every other subagent, are clean: their names match their folders, their
  models are Claude Code models, their tools are Claude Code tools of 2026.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from _shared import shared_path
from persona_studio.core.lint import collect_files, lint_paths

FINDINGS = [
    (".claude/agents/backlog-grooming.md", 3, 98, "yaml-syntax", "error"),
    (".claude/agents/first-principles-thinking.md", 3, 173, "yaml-syntax", "error"),
    (".github/agents/apify-integration-expert.agent.md", 4, 1, "ignored-key", "info"),
    (".github/agents/azure-iac-generator.agent.md", 5, 73, "unverified-tool", "info"),
    (".github/agents/azure-iac-generator.agent.md", 5, 114, "unverified-tool", "info"),
    (".github/agents/azure-iac-generator.agent.md", 5, 139, "unverified-tool", "info"),
    (".github/agents/azure-iac-generator.agent.md", 5, 159, "unverified-tool", "info"),
    (".github/agents/azure-iac-generator.agent.md", 5, 182, "renamed-tool", "info"),
    (".github/agents/devops-expert.agent.md", 4, 10, "renamed-tool", "info"),
    (".github/agents/devops-expert.agent.md", 4, 40, "unknown-tool", "info"),
    (".github/agents/devops-expert.agent.md", 4, 69, "renamed-tool", "info"),
    (".github/agents/devops-expert.agent.md", 4, 83, "renamed-tool", "info"),
    (".github/agents/devops-expert.agent.md", 4, 98, "renamed-tool", "info"),
    (".github/agents/diffblue-cover.agent.md", 4, 11, "unverified-tool", "info"),
    (".github/agents/diffblue-cover.agent.md", 5, 1, "ignored-key", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 10, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 50, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 65, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 77, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 89, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 101, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 112, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 122, "unknown-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 139, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 154, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 177, "renamed-tool", "info"),
    (".github/agents/dotnet-upgrade.agent.md", 4, 211, "unverified-tool", "info"),
    (".github/agents/elasticsearch-observability.agent.md", 8, 5, "renamed-tool", "info"),
    (".github/agents/elasticsearch-observability.agent.md", 10, 5, "unverified-tool", "info"),
    (".github/agents/elasticsearch-observability.agent.md", 11, 1, "ignored-key", "info"),
    (".github/agents/gem-devops.agent.md", 7, 1, "unknown-key", "info"),
    (".github/agents/gem-devops.agent.md", 8, 1, "unknown-key", "info"),
    (".github/agents/gem-planner.agent.md", 7, 1, "unknown-key", "info"),
    (".github/agents/gem-planner.agent.md", 8, 1, "unknown-key", "info"),
    (".github/agents/gitmoji-setup.agent.md", 4, 10, "renamed-tool", "info"),
    (".github/agents/gitmoji-setup.agent.md", 4, 32, "renamed-tool", "info"),
    (".github/agents/gitmoji-setup.agent.md", 4, 45, "renamed-tool", "info"),
    (".github/agents/implementation-plan.agent.md", 4, 160, "renamed-tool", "info"),
    (".github/agents/linkedin-post-writer.agent.md", 4, 10, "renamed-tool", "info"),
    (".github/agents/linkedin-post-writer.agent.md", 4, 22, "renamed-tool", "info"),
    (".github/agents/octopus-deploy-release-notes-mcp.agent.md", 4, 1, "ignored-key", "info"),
    (".github/agents/platform-sre-kubernetes.agent.md", 4, 10, "renamed-tool", "info"),
    (".github/agents/platform-sre-kubernetes.agent.md", 4, 40, "unknown-tool", "info"),
    (".github/agents/platform-sre-kubernetes.agent.md", 4, 69, "renamed-tool", "info"),
    (".github/agents/react18-dep-surgeon.agent.md", 17, 7, "renamed-tool", "info"),
    (".github/agents/react18-dep-surgeon.agent.md", 23, 7, "renamed-tool", "info"),
    (".github/agents/react19-migrator.agent.md", 17, 7, "renamed-tool", "info"),
    (".github/agents/react19-migrator.agent.md", 23, 7, "renamed-tool", "info"),
    (".github/agents/react19-migrator.agent.md", 223, 7, "renamed-tool", "info"),
    (".github/agents/stackhawk-security-onboarding.agent.md", 4, 36, "renamed-tool", "info"),
    (".github/agents/stackhawk-security-onboarding.agent.md", 4, 45, "unverified-tool", "info"),
    (".github/agents/stackhawk-security-onboarding.agent.md", 5, 1, "ignored-key", "info"),
    (".github/agents/tdd-refactor.agent.md", 4, 10, "unverified-tool", "info"),
    (".github/agents/terraform-azure-implement.agent.md", 4, 244, "unverified-tool", "info"),
    (".github/agents/terraform-iac-reviewer.agent.md", 4, 10, "renamed-tool", "info"),
    (".github/agents/terraform-iac-reviewer.agent.md", 4, 40, "unknown-tool", "info"),
    (".github/agents/terraform-iac-reviewer.agent.md", 4, 69, "renamed-tool", "info"),
]


@pytest.fixture(scope="module")
def results():
    folder = shared_path("corpus", "2026")
    files = collect_files([str(folder)])
    found = list(lint_paths(files, jobs=1, roots=(str(folder),)))
    return folder, found


def test_every_file_is_found_with_its_kind_and_profile(results):
    _, found = results
    kinds = Counter((result.kind, result.target) for result in found)
    assert kinds == {
        ("agent", "vscode-agent"): 30,
        ("claude-subagent", "claude-code"): 24,
        ("skill", "agent-skill"): 15,
    }
    # A skill folder's other files (scripts, references) are not skills.
    names = {Path(result.path).name for result in found if result.kind == "skill"}
    assert names == {"SKILL.md"}


def test_every_finding_is_pinned(results):
    folder, found = results
    actual = [
        (
            Path(result.path).relative_to(folder).as_posix(),
            d.span.line,
            d.span.column,
            d.name,
            d.severity.label,
        )
        for result in found
        for d in result.diagnostics
    ]
    assert sorted(actual) == sorted(FINDINGS)


def test_counts_per_rule(results):
    _, found = results
    counts = Counter(d.name for result in found for d in result.diagnostics)
    assert counts == {
        "renamed-tool": 32,
        "unverified-tool": 10,
        "ignored-key": 5,
        "unknown-tool": 4,
        "unknown-key": 4,
        "yaml-syntax": 2,
    }
