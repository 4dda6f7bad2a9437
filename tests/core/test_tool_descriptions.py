"""Tool descriptions and the models a target knows."""

from __future__ import annotations

from persona_studio.core.catalog import load_catalog
from persona_studio.core.catalog.descriptions import model_names, tool_description


def test_tool_descriptions_by_full_name_bare_name_and_old_name() -> None:
    catalog = load_catalog()
    agent = catalog.target("vscode-agent")
    assert tool_description("read/readFile", agent) == "Reads the contents of a file."
    assert "semantic search" in tool_description("search/codebase", agent)
    assert tool_description("edit", agent).startswith("Tool set;")
    assert tool_description("no-such-tool", agent) == ""
    # Claude Code's names speak only for Claude Code.
    assert tool_description("Read", agent) == ""
    assert "file" in tool_description("Read", catalog.target("claude-code"))


def test_every_picker_tool_has_a_description() -> None:
    catalog = load_catalog()
    for target_id in ("vscode-agent", "claude-code"):
        target = catalog.target(target_id)
        missing = [
            name
            for _group, members in target.tool_groups()
            for name in members
            if not tool_description(name, target)
        ]
        assert missing == [], (target_id, missing)


def test_model_names_per_target() -> None:
    catalog = load_catalog()
    assert model_names(catalog, "claude-code")[:4] == ["sonnet", "opus", "haiku", "inherit"]
    assert "Claude Sonnet 4.5" in model_names(catalog, "vscode-agent")
    assert model_names(catalog, "agent-skill") == []
