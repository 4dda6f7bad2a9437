"""Rules that look beyond the file (PS701-PS706): its kind, the files it links to, and the agents
and skills of its workspace. Each is checked on a small repository made in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from persona_studio.core.lint import lint_file, lint_paths
from persona_studio.core.lint.fixes import apply_fixes


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(path: Path, rule: str) -> list[tuple[int, str, str]]:
    return [
        (d.span.line, d.severity.label, d.message)
        for d in lint_file(str(path)).diagnostics
        if d.name == rule
    ]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / ".github" / "agents" / "planner.agent.md", "---\nname: Planner\n---\nPlans.\n")
    write(root / ".github" / "agents" / "coder.md", "---\ndescription: Codes\n---\nCodes.\n")
    write(root / ".github" / "agents" / "sub" / "hidden.md", "---\nname: Hidden\n---\n")
    write(root / ".claude" / "skills" / "pdf-tools" / "SKILL.md", "---\nname: pdf-tools\n---\n")
    write(root / "docs" / "guide.md", "# Guide\n")
    return root


# -- kind-renamed ----------------------------------------------------------------------------------


def test_a_chat_mode_is_asked_to_become_an_agent(repo: Path):
    path = write(repo / ".github" / "chatmodes" / "old.chatmode.md", "---\ndescription: x\n---\n")
    (diagnostic,) = [d for d in lint_file(str(path)).diagnostics if d.name == "kind-renamed"]
    assert (diagnostic.span.line, diagnostic.severity.label) == (1, "warning")
    assert diagnostic.message == (
        "Chat modes have been renamed to custom agents. "
        "Please move this file to ../../.github/agents/old.agent.md."
    )
    assert diagnostic.fix is not None and not diagnostic.fix.safe
    assert diagnostic.fix.rename_to == "../../.github/agents/old.agent.md"
    # A text fix run (lint --fix, even with unsafe fixes) never moves a file.
    assert apply_fixes("x", [diagnostic], unsafe=True) == ("x", 0)


def test_a_chat_mode_elsewhere_keeps_its_folder(tmp_path: Path):
    path = write(tmp_path / "old.chatmode.md", "---\ndescription: x\n---\n")
    assert found(path, "kind-renamed")[0][2].endswith("Please move this file to old.agent.md.")
    assert (
        found(write(tmp_path / "new.agent.md", "---\ndescription: x\n---\n"), "kind-renamed") == []
    )


# -- skill-name ----------------------------------------------------------------------------------


def test_a_skill_is_named_as_its_folder_in_lower_case(repo: Path):
    path = write(repo / ".claude" / "skills" / "pdf" / "SKILL.md", "---\nname: PDF\n---\n")
    assert found(path, "skill-name") == [
        (2, "error", "The skill name 'PDF' may hold only lower-case letters, digits and hyphens"),
        (2, "error", "The skill name 'PDF' differs from its folder 'pdf'; they must match"),
    ]
    good = write(
        repo / ".github" / "skills" / "md-to-docx" / "SKILL.md", "---\nname: md-to-docx\n---\n"
    )
    assert found(good, "skill-name") == []


def test_a_skill_needs_a_name_and_a_description_but_no_persona_sections(repo: Path):
    path = write(repo / ".github" / "skills" / "notes" / "SKILL.md", "# Notes\n\nJust notes.\n")
    result = lint_file(str(path))
    assert (result.kind, result.target) == ("skill", "agent-skill")
    assert [(d.name, d.message) for d in result.diagnostics] == [
        (
            "missing-description",
            "The persona has no description: add 'description:' to the front matter",
        ),
        ("missing-key", "agent skill files need 'name' in the front matter"),
    ]


# -- missing-file-reference ---------------------------------------------------------------------


def test_links_and_file_references_to_missing_files(repo: Path):
    body = (
        "See [the guide](../../docs/guide.md), [gone](../../docs/gone.md#part) and "
        "#file:../../docs/missing.md.\n"
        "[site](https://example.com) [anchor](#top) ![logo](logo.png) [root](/docs/guide.md)\n"
        "```\n[in code](nowhere.md)\n```\n"
    )
    path = write(
        repo / ".github" / "agents" / "linker.agent.md", f"---\ndescription: x\n---\n{body}"
    )
    assert found(path, "missing-file-reference") == [
        (4, "warning", "File '../../docs/gone.md' not found"),
        (4, "warning", "File '../../docs/missing.md' not found"),
    ]


# -- agents and skills of the workspace -----------------------------------------------------------


def test_handoffs_name_agents_by_their_display_name(repo: Path):
    text = (
        "---\nname: Lead\ndescription: x\nhandoffs:\n"
        "  - {label: Plan, agent: Planner, prompt: p}\n"
        "  - {label: Code, agent: coder, prompt: p}\n"
        "  - {label: Ask, agent: ask, prompt: p}\n"
        "  - {label: Old, agent: planner, prompt: p}\n"
        "  - {label: Sub, agent: Hidden, prompt: p}\n"
        "---\n"
    )
    path = write(repo / ".github" / "agents" / "lead.agent.md", text)
    available = "Available agents: Agent, Ask, Edit, Plan, coder, Lead, Planner."
    assert found(path, "unknown-handoff-agent") == [
        (
            8,
            "warning",
            "Unknown agent 'planner' (names are matched exactly: did you mean 'Planner'?). "
            + available,
        ),
        (9, "warning", "Unknown agent 'Hidden'. " + available),
    ]


def test_subagents_are_checked_as_hints(repo: Path):
    text = "---\ndescription: x\nagents: ['Planner', '*', 'Nobody']\ntools: ['agent']\n---\n"
    path = write(repo / ".github" / "agents" / "boss.agent.md", text)
    assert [(line, level) for line, level, _ in found(path, "unknown-subagent")] == [(3, "info")]


def test_claude_skills_name_skill_folders(repo: Path):
    text = "---\nname: rev\ndescription: x\nskills: [pdf-tools, docx]\n---\n"
    path = write(repo / ".claude" / "agents" / "rev.md", text)
    assert found(path, "unknown-skill") == [
        (4, "warning", "No skill folder is named 'docx'. Skills here: pdf-tools.")
    ]


def test_a_file_outside_any_workspace_is_not_checked_against_one(tmp_path: Path):
    text = "---\ndescription: x\nhandoffs:\n  - {label: Go, agent: Nobody, prompt: p}\n---\n"
    path = write(tmp_path / "loose" / "a.agent.md", text)
    if any((parent / marker).exists() for parent in path.parents for marker in (".git", ".github")):
        pytest.skip("the temporary folder lies inside a repository")
    assert found(path, "unknown-handoff-agent") == []
    # Linting the folder makes it the workspace.
    results = list(lint_paths([str(path)], roots=(str(tmp_path / "loose"),)))
    assert [d.name for d in results[0].diagnostics] == ["unknown-handoff-agent"]


def test_a_renamed_agent_is_seen_at_once(repo: Path):
    text = "---\ndescription: x\nhandoffs:\n  - {label: Go, agent: Planner, prompt: p}\n---\n"
    path = write(repo / ".github" / "agents" / "lead.agent.md", text)
    assert found(path, "unknown-handoff-agent") == []
    planner = repo / ".github" / "agents" / "planner.agent.md"
    planner.write_text("---\nname: Strategist\n---\n", encoding="utf-8")
    os.utime(planner, ns=(1, 1))  # a different stamp even on a coarse clock
    assert [line for line, _, _ in found(path, "unknown-handoff-agent")] == [4]
