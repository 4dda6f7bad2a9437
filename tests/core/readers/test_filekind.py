"""What a file is and which profile reads it: one answer, from catalog data only."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.core.catalog import load_catalog
from persona_studio.core.document import parse
from persona_studio.core.lint import lint_document, lint_file
from persona_studio.core.readers import filekind
from persona_studio.core.readers.filekind import (
    identify,
    kind_of_path,
    persona_stem,
    workspace_root,
)
from persona_studio.core.resources import resource_path


@pytest.mark.parametrize(
    ("path", "kind", "target"),
    [
        ("backend.chatmode.md", "chatmode", "vscode-agent"),
        ("/home/u/project/.github/chatmodes/backend.chatmode.md", "chatmode", "vscode-agent"),
        ("somewhere/backend.agent.md", "agent", "vscode-agent"),
        (".github/agents/backend.md", "agent", "vscode-agent"),
        (".github/agents/backend.chatmode.md", "chatmode", "vscode-agent"),
        (".claude/agents/backend.md", "claude-subagent", "claude-code"),
        ("/home/u/.claude/agents/reviewer.md", "claude-subagent", "claude-code"),
        (".github/skills/pdf-tools/SKILL.md", "skill", "agent-skill"),
        (".claude/skills/pdf-tools/SKILL.md", "skill", "agent-skill"),
        (".agents/skills/pdf-tools/SKILL.md", "skill", "agent-skill"),
        ("skills/pdf-tools/SKILL.md", "skill", "agent-skill"),
        # Not agents: VS Code reads only the .md files directly in .github/agents, and no README.
        ("repo/.github/agents/sub/backend.md", None, "vscode-agent"),
        (".github/agents/README.md", None, "vscode-agent"),
        (".claude/agents/README.md", None, "vscode-agent"),
        (".github/chatmodes/notes.md", None, "vscode-agent"),
        (".github/skills/pdf-tools/reference.md", None, "vscode-agent"),
        ("README.md", None, "vscode-agent"),
        ("docs/agents/backend.md", None, "vscode-agent"),
    ],
)
def test_kind_and_profile_by_name_and_place(path, kind, target):
    found = identify(path)
    assert (found.kind, found.target) == (kind, target)
    assert identify(Path(path)).kind == kind
    assert filekind.is_persona_file(path) is (kind is not None)


def test_a_file_of_no_kind_says_so_plainly():
    found = identify("notes/README.md")
    assert found.label == "not a file any reader picks up"
    assert found.reason.startswith("Not an agent, chat mode, subagent or skill")


@pytest.mark.parametrize(
    ("text", "target", "why"),
    [
        ("---\nname: x\ntools: Read, Grep\n---\n", "claude-code", "comma-separated"),
        ("---\nname: x\nmodel: haiku\n---\n", "claude-code", "model 'haiku'"),
        ("---\nname: x\npermissionMode: plan\n---\n", "claude-code", "'permissionMode'"),
        ("---\nname: x\nlicense: MIT\n---\n", "agent-skill", "'license'"),
        ("---\nname: helper\ntools: ['search/codebase']\n---\n", "vscode-agent", "know most"),
        ("---\nname: helper\ntools: ['codebase']\n---\n", "vscode-agent", "the default"),
        ("# Nothing to go by\n", "vscode-agent", "the default"),
    ],
)
def test_a_file_of_no_kind_is_read_by_its_front_matter(text, target, why):
    found = identify("notes/helper.md", parse(text).data)
    assert found.target == target
    assert why in found.reason


def test_the_cli_and_the_window_read_helper_md_alike(tmp_path: Path):
    """The issue's example: `helper.md` with `name:` and `tools: ['codebase']` is an agent."""
    path = tmp_path / "helper.md"
    path.write_text("---\nname: helper\ntools: ['codebase']\n---\n# Helper\n", encoding="utf-8")
    result = lint_file(str(path))
    assert result.target == "vscode-agent"
    assert [d.name for d in result.diagnostics] == ["missing-description", "renamed-tool"]


def test_the_front_matter_target_selects_the_github_profile():
    data = {"target": "github-copilot"}
    assert identify("a.agent.md", data).target == "github-copilot"
    assert identify("a.chatmode.md", data).target == "github-copilot"
    assert identify(".claude/agents/a.md", data).target == "claude-code"  # no such switch there


def test_choices_beat_the_file_and_say_so():
    found = identify("a.agent.md", override="claude-code")
    assert found.target == "claude-code" and found.kind == "agent"
    assert found.reason.endswith("as chosen")
    found = identify("a.agent.md", path_target="vscode-chatmode")
    assert found.target == "vscode-chatmode" and "as the config sets" in found.reason
    found = identify("a.chatmode.md", profiles={"chatmode": "vscode-chatmode"})
    assert found.target == "vscode-chatmode"
    assert identify("notes/x.md", default_target="claude-code").target == "claude-code"
    assert identify("a.agent.md", default_target="claude-code").target == "vscode-agent"


def test_the_legacy_chat_mode_profile_is_one_setting_away(tmp_path: Path):
    text = "---\ndescription: Old mode\ntools: ['codebase', 'runCommands']\n---\nBody.\n"
    for folder in ("today", "legacy"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "old.chatmode.md").write_text(text, encoding="utf-8")
    today = lint_file(str(tmp_path / "today" / "old.chatmode.md"))
    assert today.target == "vscode-agent"
    assert [d.name for d in today.diagnostics] == ["kind-renamed", "renamed-tool", "renamed-tool"]
    (tmp_path / "legacy" / ".persona-studio.toml").write_text(
        'profiles = { chatmode = "vscode-chatmode" }\n', encoding="utf-8"
    )
    legacy = lint_file(str(tmp_path / "legacy" / "old.chatmode.md"))
    assert legacy.target == "vscode-chatmode"
    assert legacy.diagnostics == []


def test_names_without_the_kind_suffix():
    assert persona_stem("a/backend.chatmode.md") == "backend"
    assert persona_stem("a/Backend.Agent.md") == "Backend"
    assert persona_stem(".claude/agents/rev.md") == "rev"
    assert persona_stem(".github/skills/pdf-tools/SKILL.md") == "pdf-tools"
    assert persona_stem("notes.txt") == "notes.txt"


def test_dialog_patterns_cover_every_kind():
    assert filekind.dialog_patterns() == ["*.chatmode.md", "*.agent.md", "*.md", "SKILL.md"]


def test_one_walk_finds_every_kind(tmp_path: Path):
    for name in (
        "a.chatmode.md",
        ".github/agents/b.md",
        ".github/agents/README.md",
        ".github/agents/sub/c.md",
        ".claude/agents/d.md",
        ".claude/skills/e/SKILL.md",
        ".claude/skills/e/scripts/notes.md",
        ".vscode/f.agent.md",
        "node_modules/g.agent.md",
        "docs/h.md",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in filekind.find_files(tmp_path)]
    assert sorted(found) == [
        ".claude/agents/d.md",
        ".claude/skills/e/SKILL.md",
        ".github/agents/b.md",
        "a.chatmode.md",
    ]


def test_the_workspace_is_the_nearest_repository_or_agents_folder(tmp_path: Path):
    (tmp_path / "repo" / ".github" / "agents").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    assert workspace_root(tmp_path / "repo" / ".github" / "agents" / "a.md") == str(
        tmp_path / "repo"
    )
    assert workspace_root(tmp_path / "repo" / "sub" / "x.agent.md") == str(tmp_path / "repo")
    (tmp_path / "loose").mkdir()
    assert workspace_root(tmp_path / "loose" / "x.agent.md", [tmp_path / "loose"]) == str(
        tmp_path / "loose"
    )


# -- a kind and a target added by data alone ------------------------------------------------------

MADE_UP = """
  cursor-rules:
    label: Cursor rule
    versions: Cursor, 2026
    reader:
      name: Cursor
      version: "2026"
      sources:
        "*": a made-up source for the test
    suffix: .mdc
    default_folder: .cursor/rules
    tools_form: list
    body_limit: null
    mcp_style: slash
    keys:
      description:
        type: string
      globs:
        type: string-list-or-comma-string
      alwaysApply:
        type: boolean
    tools:
      validation: false
      sets: {}
      groups: {}
      top_level: []
"""


def test_a_target_and_a_kind_come_from_the_catalog_file_alone(tmp_path: Path):
    text = resource_path("catalog.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "\nkinds:\n",
        "\nkinds:\n  cursor-rule:\n    label: Cursor rule\n    suffix: .mdc\n"
        "    folders: [.cursor/rules]\n    profile: cursor-rules\n",
        1,
    )
    text = text.replace("\ntargets:\n", "\ntargets:\n" + MADE_UP, 1)
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(path)

    assert kind_of_path(".cursor/rules/style.mdc", catalog).id == "cursor-rule"
    found = identify(".cursor/rules/style.mdc", catalog=catalog)
    assert (found.kind, found.target) == ("cursor-rule", "cursor-rules")
    assert ".mdc" not in filekind.dialog_patterns(load_catalog())
    assert "*.mdc" in filekind.dialog_patterns(catalog)

    document = parse("---\ndescription: Style\nglobs: src/**\ncolour: red\n---\nBody.\n")
    found = lint_document(document, path=".cursor/rules/style.mdc", catalog=catalog)
    assert [(d.name, d.message.split(".")[0]) for d in found] == [
        ("unknown-key", "Attribute 'colour' is not supported in Cursor rule files")
    ]
