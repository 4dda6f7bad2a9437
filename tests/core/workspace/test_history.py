"""`persona-studio log` and core.workspace.history on a scripted git history: each commit's
semantic summary (tools, keys, sections with word count deltas), newest first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from persona_studio.cli import main
from persona_studio.core.git.revision import NotInWorkTreeError
from persona_studio.core.workspace.history import history, summary_lines

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

V1 = """\
---
description: Reviews code
tools: ['search/codebase', 'fetch']
---
# Reviewer

## Core Belief
Tests come first.

## Decision Pattern
Read, then judge.
"""

# Commit 2: a tool added and one removed, a model key added, a section added.
V2 = """\
---
description: Reviews code
tools: ['search/codebase', 'edit']
model: GPT-5
---
# Reviewer

## Core Belief
Tests come first.

## Decision Pattern
Read, then judge.

## Testing
Run every test before saying yes.
"""

# Commit 3: a section edited (three words more), two sections swapped, the model changed.
V3 = """\
---
description: Reviews code
tools: ['search/codebase', 'edit']
model: Claude Sonnet 4
---
# Reviewer

## Decision Pattern
Read, then judge.

## Core Belief
Tests come first, types come second.

## Testing
Run every test before saying yes.
"""

# Commit 4: only blank lines moved.
V4 = V3.replace("# Reviewer\n\n", "# Reviewer\n\n\n")


def git(folder: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
        "HOME": str(folder),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    done = subprocess.run(
        ["git", "-C", str(folder), *args], check=True, capture_output=True, text=True, env=env
    )
    return done.stdout.strip()


@pytest.fixture
def persona(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    path = root / ".github" / "agents" / "reviewer.agent.md"
    path.parent.mkdir(parents=True)
    (root / "README.md").write_text("readme\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Start")
    for number, (text, subject) in enumerate(
        [
            (V1, "Add the reviewer"),
            (V2, "Reviewer: edit tool, tests"),
            (V3, "Reviewer: types"),
            (V4, "Spacing"),
        ],
        start=1,
    ):
        path.write_text(text)
        (root / "other.txt").write_text(f"{number}\n")  # a commit may change other files too
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", subject)
    (root / "other.txt").write_text("unrelated\n")
    git(root, "commit", "-q", "-am", "Unrelated")
    return path


def test_each_commit_says_what_it_changed_in_meaning(persona):
    changes = history(str(persona))
    assert [c.revision.subject for c in changes] == [
        "Spacing",
        "Reviewer: types",
        "Reviewer: edit tool, tests",
        "Add the reviewer",
    ]
    assert [summary_lines(c) for c in changes] == [
        ["no change in meaning (layout or whitespace only)"],
        [
            "+3 words (21 in all)",
            "keys: ~model",
            "sections: ~Core Belief (+3 words); moved Core Belief",
        ],
        [
            "+7 words (18 in all)",
            "tools: +edit, -fetch",
            "keys: +model",
            "sections: +Testing (6 words)",
        ],
        [
            "added, 11 words",
            "tools: +search/codebase, +fetch",
            "sections: +Core Belief (3 words); +Decision Pattern (3 words)",
        ],
    ]


def test_limit_keeps_the_newest_and_compares_the_oldest_with_its_parent(persona):
    changes = history(str(persona), limit=2)
    assert [c.revision.subject for c in changes] == ["Spacing", "Reviewer: types"]
    assert changes[1].sections_moved == ("Core Belief",)
    assert [s.to_dict() for s in changes[1].sections_edited] == [
        {"title": "Core Belief", "before": 3, "after": 6, "delta": 3}
    ]


def test_log_json(persona, capsys):
    assert main(["log", str(persona), "--format", "json", "-n", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [commit["subject"] for commit in data["commits"]] == [
        "Spacing",
        "Reviewer: types",
        "Reviewer: edit tool, tests",
    ]
    third = data["commits"][2]
    assert third["tools"] == {"added": ["edit"], "removed": ["fetch"]}
    assert third["keys"] == {"added": ["model"], "removed": [], "changed": []}
    assert third["sections"]["added"] == [{"title": "Testing", "before": 0, "after": 6, "delta": 6}]
    assert third["words"] == {"before": 11, "after": 18, "delta": 7}
    assert third["author"] == "Ada"


def test_log_text_prints_a_header_line_per_commit(persona, capsys):
    assert main(["log", str(persona)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("  Ada  Spacing")
    assert out[1] == "    no change in meaning (layout or whitespace only)"
    assert "    tools: +edit, -fetch" in out


def test_a_file_outside_git_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "a.agent.md"
    path.write_text(V1)
    with pytest.raises(NotInWorkTreeError):
        history(str(path))
    assert main(["log", str(path)]) == 2
    assert "not in a git work tree" in capsys.readouterr().err
