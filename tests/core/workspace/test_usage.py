"""Where used: the files and lines of the team that name a tool, a skill or an agent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _team import make_team
from persona_studio.cli import main
from persona_studio.core.workspace.usage import where_used

PLANNER = ".github/agents/planner.agent.md"
CODER = ".github/agents/coder.agent.md"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return make_team(tmp_path / "team")


def _places(uses):
    return [(use.file, use.line, use.what, use.how) for use in uses]


def test_a_tool_is_found_in_every_tools_list_and_a_tool_set_finds_its_members(team):
    assert _places(where_used([str(team)], "search/codebase", ["tool"])) == [
        (CODER, 3, "tool", "tools"),
        (PLANNER, 4, "tool", "tools"),
    ]
    assert _places(where_used([str(team)], "search", ["tool"])) == [
        (CODER, 3, "tool", "tools"),
        (PLANNER, 4, "tool", "tools"),
    ]
    assert where_used([str(team)], "sear", ["tool"]) == []


def test_an_agent_is_found_in_handoffs_subagent_lists_and_links(team):
    uses = where_used([str(team)], "Planner")
    assert _places(uses) == [
        (CODER, 6, "agent", "handoff"),
        (CODER, 11, "agent", "link"),
    ]
    assert uses[0].text == "agent: Planner"
    assert _places(where_used([str(team)], "coder")) == [
        (PLANNER, 5, "agent", "subagent"),
        (PLANNER, 8, "agent", "handoff"),
    ]


def test_a_skill_is_found_in_skills_lists(team):
    assert _places(where_used([str(team)], "testing")) == [
        (".claude/agents/tester.md", 6, "skill", "skill")
    ]


def test_a_tool_reference_in_the_body_counts(team):
    coder = team / CODER
    coder.write_text(coder.read_text() + "\nUse #tool:edit to change files.\n")
    assert _places(where_used([str(team)], "edit", ["tool"])) == [
        (CODER, 3, "tool", "tools"),
        (CODER, 13, "tool", "tool-reference"),
    ]


def test_the_command_lists_the_uses_and_exits_1_when_there_are_none(team, capsys):
    assert main(["uses", "Planner", str(team), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(use["file"], use["line"], use["how"]) for use in data["uses"]] == [
        (CODER, 6, "handoff"),
        (CODER, 11, "link"),
    ]
    assert main(["uses", "nobody", str(team)]) == 1
    assert capsys.readouterr().out == "nobody: not used\n"
    assert main(["uses", "coder", str(team), "--as", "tool"]) == 1
