"""`persona-studio show` says what a file is and reads its tools in every shape; `edit` adds a
tool only once, whatever the shape of the list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from persona_studio.cli import main

SUBAGENT = "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\n# Reviewer\n"


@pytest.fixture
def subagent(tmp_path: Path) -> Path:
    path = tmp_path / "repo" / ".claude" / "agents" / "reviewer.md"
    path.parent.mkdir(parents=True)
    path.write_text(SUBAGENT, encoding="utf-8")
    return path


def test_show_json_gives_the_kind_the_target_and_every_tool(subagent, capsys):
    assert main(["show", str(subagent), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kind"], data["kind_label"], data["target"]) == (
        "claude-subagent",
        "Claude Code subagent",
        "claude-code",
    )
    assert data["tools"] == ["Read", "Grep"]
    assert data["read_as"] == (
        "A Claude Code subagent (a .md file in .claude/agents); today's reader: "
        "Claude Code subagent"
    )


def test_show_text_says_what_the_file_is(subagent, capsys):
    assert main(["show", str(subagent)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "  kind:     Claude Code subagent; read as claude-code"
    assert "  tools:    Read, Grep" in out


def test_adding_a_tool_that_is_there_adds_nothing_and_says_so(subagent, capsys):
    assert main(["edit", str(subagent), "--add-tool", "Read", "--write"]) == 0
    captured = capsys.readouterr()
    assert subagent.read_text(encoding="utf-8") == SUBAGENT
    assert captured.err == f"{subagent}: 'Read' is already in the tools list; nothing added\n"
    assert main(["edit", str(subagent), "--add-tool", "Bash", "--write"]) == 0
    assert "tools: Read, Grep, Bash\n" in subagent.read_text(encoding="utf-8")
