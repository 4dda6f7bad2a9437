"""`persona-studio compare FOLDER` on a workspace: the agents, the Claude subagent and the skill of
the folder are the matrix's columns (the same personas the workspace panel lists), nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _team import make_team
from persona_studio.cli import main


def test_compare_takes_a_workspace_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    team = make_team(tmp_path / "team")
    code = main(["compare", "--format", "json", str(team)])
    out, err = capsys.readouterr()
    assert code == 0, err
    personas = json.loads(out)["personas"]
    assert sorted(Path(p["path"]).relative_to(team).as_posix() for p in personas) == [
        ".claude/agents/tester.md",
        ".claude/skills/testing/SKILL.md",
        ".github/agents/coder.agent.md",
        ".github/agents/planner.agent.md",
    ]  # docs/guide.md, linked from the planner, is no persona
    planner = next(p for p in personas if p["path"].endswith("planner.agent.md"))
    assert planner["tools"] == ["agent", "search/codebase"]


def test_compare_text_of_a_workspace_names_every_persona(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    team = make_team(tmp_path / "team")
    assert main(["compare", "--width", "120", str(team)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Personas (4)")
    for label in ("tester", "testing", "coder", "planner"):
        assert label in out
