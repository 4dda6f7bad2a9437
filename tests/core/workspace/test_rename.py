"""Renaming an agent follows its references: every handoff, `agents:` entry and (when the file
moves) link that names it is updated, and nothing else; the plan is a diff before anything is
written; a file changed meanwhile stops the whole rename."""

from __future__ import annotations

from pathlib import Path

import pytest

from _team import CODER as CODER_TEXT
from _team import PLANNER as PLANNER_TEXT
from _team import make_team
from persona_studio.cli import main
from persona_studio.core.workspace.graph import build_graph
from persona_studio.core.workspace.rename import (
    RenameError,
    apply_plan,
    plan_follow,
    plan_rename,
)

PLANNER = ".github/agents/planner.agent.md"
CODER = ".github/agents/coder.agent.md"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return make_team(tmp_path / "team")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_renaming_the_planner_updates_its_name_and_the_coders_handoff_only(team):
    before = _snapshot(team)
    plan = plan_rename(str(team / PLANNER), "Architect")
    assert plan.diff() == (
        f"--- a/{CODER}\n+++ b/{CODER}\n@@ -3,7 +3,7 @@\n"
        " tools: ['edit', 'search/codebase']\n handoffs:\n   - label: Back to planning\n"
        "-    agent: Planner\n+    agent: Architect\n     prompt: Plan again.\n ---\n # Coder\n"
        f"--- a/{PLANNER}\n+++ b/{PLANNER}\n@@ -1,5 +1,5 @@\n ---\n"
        "-name: Planner\n+name: Architect\n description: Plans the work\n"
        " tools: ['agent', 'search/codebase']\n agents: ['coder', 'Plan']\n"
    )
    assert _snapshot(team) == before  # planning writes nothing
    apply_plan(plan)
    after = _snapshot(team)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {PLANNER, CODER}
    assert (team / CODER).read_text() == CODER_TEXT.replace("agent: Planner", "agent: Architect")
    assert (team / PLANNER).read_text() == PLANNER_TEXT.replace("name: Planner", "name: Architect")
    assert len(build_graph([str(team)]).broken) == 3  # the same three broken references


def test_an_agent_named_by_its_file_gets_a_name_key_and_quoted_entries_stay_quoted(team):
    plan = plan_rename(str(team / CODER), "Code Writer")
    apply_plan(plan)
    planner = (team / PLANNER).read_text()
    assert "agents: ['Code Writer', 'Plan']" in planner
    assert "    agent: Code Writer\n" in planner
    assert "and ask coder." in planner  # prose is not a reference
    coder = (team / CODER).read_text()
    assert coder.startswith("---\nname: Code Writer\ndescription: Writes the code\n")
    edges = build_graph([str(team)]).edges
    assert {e.target for e in edges if e.ref == "Code Writer"} == {CODER}


def test_a_name_that_yaml_would_misread_is_quoted(team):
    apply_plan(plan_rename(str(team / PLANNER), "Lead: planning"))
    assert "    agent: 'Lead: planning'\n" in (team / CODER).read_text()
    graph = build_graph([str(team)])
    handoff = next(e for e in graph.edges if e.source == CODER and e.kind == "handoff")
    assert (handoff.target, handoff.broken) == (PLANNER, False)


def test_renaming_the_file_moves_it_and_updates_links_to_it(team):
    plan = plan_rename(str(team / PLANNER), "architect", rename_file=True)
    assert plan.files() == [str(team / CODER), str(team / ".github/agents/architect.agent.md")]
    apply_plan(plan)
    assert not (team / PLANNER).exists()
    moved = (team / ".github/agents/architect.agent.md").read_text()
    assert "name: architect\n" in moved
    coder = (team / CODER).read_text()
    assert "Follow [the planner](architect.agent.md)." in coder
    assert "    agent: architect\n" in coder


def test_the_inverse_plan_restores_every_byte(team):
    before = _snapshot(team)
    plan = plan_rename(str(team / PLANNER), "architect", rename_file=True)
    apply_plan(plan)
    apply_plan(plan.inverse())
    assert _snapshot(team) == before


def test_a_file_changed_after_planning_stops_the_rename_before_any_write(team):
    plan = plan_rename(str(team / PLANNER), "Architect")
    (team / PLANNER).write_text(PLANNER_TEXT + "\nMore.\n")
    before = _snapshot(team)
    with pytest.raises(RenameError, match="changed on disk"):
        apply_plan(plan)
    assert _snapshot(team) == before


def test_a_taken_name_is_refused(team):
    with pytest.raises(RenameError, match="already named 'coder'"):
        plan_rename(str(team / PLANNER), "coder")


def test_the_command_shows_the_diff_with_dry_run_and_writes_without(team, capsys):
    before = _snapshot(team)
    assert main(["rename-agent", str(team / PLANNER), "Architect", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "-    agent: Planner\n+    agent: Architect\n" in out
    assert _snapshot(team) == before
    assert main(["rename-agent", str(team / PLANNER), "Architect"]) == 0
    assert "2 files changed" in capsys.readouterr().out
    assert "agent: Architect" in (team / CODER).read_text()


def test_after_a_rename_by_hand_the_references_follow(team):
    planner = team / PLANNER
    planner.write_text(PLANNER_TEXT.replace("name: Planner", "name: Architect"))
    before = _snapshot(team)
    plan = plan_follow(str(planner), "Planner")
    assert (plan.old_name, plan.new_name) == ("Planner", "Architect")
    assert plan.files() == [str(team / CODER)]
    apply_plan(plan)
    after = _snapshot(team)
    assert {name for name in after if after[name] != before[name]} == {CODER}
    assert "    agent: Architect\n" in (team / CODER).read_text()
    assert len(build_graph([str(team)]).broken) == 3


def test_following_a_name_that_did_not_change_is_refused(team):
    with pytest.raises(RenameError, match="still named 'Planner'"):
        plan_follow(str(team / PLANNER), "Planner")
