"""The workspace room on the team made in a temporary folder: the panel lists the personas by
kind with their problems and follows files that appear; the graph view draws every node,
filters by kind, opens a file at a reference and exports SVG and PNG; the history timeline
shows each commit's summary; the rename dialog previews the diff."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage

from _team import make_team
from persona_studio.gui.workspace.graph_scene import EdgeItem, NodeItem
from persona_studio.gui.workspace.panel import WorkspacePanel
from persona_studio.gui.workspace.rename_dialog import RenameDialog
from persona_studio.gui.workspace.timeline import HistoryTimeline

PLANNER = ".github/agents/planner.agent.md"
CODER = ".github/agents/coder.agent.md"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return make_team(tmp_path / "team")


@pytest.fixture
def panel(qtbot, team):
    made = WorkspacePanel()
    qtbot.addWidget(made)
    made.resize(1000, 700)
    made.show()
    made.open_folder(str(team))
    assert made.wait_until_scanned()
    return made


def _tree(panel):
    rows = []
    for i in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(i)
        rows.append((group.text(0), group.text(1)))
        for j in range(group.childCount()):
            child = group.child(j)
            rows.append(("  " + child.text(0), child.text(1)))
    return rows


def test_the_files_are_grouped_by_kind_with_their_problems(panel):
    rows = _tree(panel)
    assert [name for name, _ in rows] == [
        "Agents (2)",
        "  coder",
        "  Planner",
        "Claude subagents (1)",
        "  tester",
        "Skills (1)",
        "  testing",
    ]
    problems = dict(rows)
    assert int(problems["  Planner"]) >= 2  # the broken handoff and the missing file at least
    assert int(problems["  tester"]) >= 1  # the missing skill
    assert "3 broken references" in panel.progress.text()


def test_a_new_agent_appears_without_asking(panel, team, qtbot):
    new = team / ".github" / "agents" / "reviewer.agent.md"
    new.write_text("---\nname: Reviewer\ndescription: Reviews\n---\n# Reviewer\n")
    qtbot.waitUntil(lambda: "  Reviewer" in [name for name, _ in _tree(panel)], timeout=10_000)
    assert "2 broken references" in panel.progress.text()  # the planner's handoff now resolves


def test_the_graph_draws_every_node_and_filters_by_kind(panel):
    view = panel.graph_view
    scene = view.scene
    assert set(scene.node_items) == {node.id for node in panel.result.graph.nodes}
    assert len(scene.edge_items) == 10
    broken = [item for item in scene.edge_items if item.edge.broken]
    assert {item.pen().color().name() for item in broken} == {"#dc2626"}
    view.set_kinds(["agent"])
    assert set(scene.node_items) == {PLANNER, CODER}
    assert len(scene.edge_items) == 4
    assert view.summary.text() == "2 nodes, 4 references, 0 broken"


def test_clicking_a_node_or_an_edge_opens_the_file_at_the_reference(panel, team, qtbot):
    scene = panel.graph_view.scene
    node = scene.node_items[CODER]
    with qtbot.waitSignal(scene.openRequested) as opened:
        assert scene.activate_at(node.sceneBoundingRect().center())
    assert opened.args == [str(team / CODER), 1]
    edge = next(
        item for item in scene.edge_items if item.edge.kind == "handoff" and item.edge.broken
    )
    middle = edge.line().pointAt(0.6)
    with qtbot.waitSignal(scene.openRequested) as opened:
        assert scene.activate_at(QPointF(middle))
    assert opened.args == [str(team / PLANNER), 11]
    assert isinstance(node, NodeItem) and isinstance(edge, EdgeItem)
    assert edge.tooltip() == "handoff 'Review it' (line 11) - broken"


def test_export_svg_and_png(panel, tmp_path):
    view = panel.graph_view
    view.set_kinds(["agent", "missing"])
    svg = tmp_path / "graph.svg"
    view.export_svg(str(svg))
    tree = ET.parse(svg)
    ids = {g.get("data-id") for g in tree.iter("{http://www.w3.org/2000/svg}g") if g.get("data-id")}
    assert ids == {node.id for node in view.shown().nodes}
    png = tmp_path / "graph.png"
    view.export_png(str(png), scale=1.0)
    image = QImage(str(png))
    rect = view.scene.sceneRect()
    assert (image.width(), image.height()) == (int(rect.width()), int(rect.height()))


def test_500_nodes_are_drawn(qtbot, tmp_path):
    agents = tmp_path / "big" / ".github" / "agents"
    agents.mkdir(parents=True)
    for number in range(500):
        agents.joinpath(f"a{number}.agent.md").write_text(
            "---\ndescription: d\nhandoffs:\n  - label: next\n"
            f"    agent: a{(number * 7 + 1) % 500}\n    prompt: p\n---\n# A\n"
        )
    made = WorkspacePanel()
    qtbot.addWidget(made)
    made.open_folder(str(tmp_path / "big"))
    assert made.wait_until_scanned(60_000)
    assert len(made.graph_view.scene.node_items) == 500
    assert len(made.graph_view.scene.edge_items) == 500


def test_the_rename_dialog_previews_the_diff_and_refuses_a_taken_name(qtbot, team):
    dialog = RenameDialog(str(team / PLANNER), "Planner", str(team))
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Architect")
    assert "-    agent: Planner\n+    agent: Architect\n" in dialog.diff.toPlainText()
    assert dialog.buttons.buttons()[0].isEnabled()
    dialog.name_edit.setText("coder")
    assert dialog.plan is None
    assert dialog.message.text() == "Another agent is already named 'coder'."
    assert (team / CODER).read_text().count("agent: Planner") == 1  # nothing written


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_timeline_lists_commits_with_their_summaries(qtbot, team):
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Ada",
        GIT_AUTHOR_EMAIL="a@x",
        GIT_COMMITTER_NAME="Ada",
        GIT_COMMITTER_EMAIL="a@x",
        HOME=str(team),
    )

    def git(*args):
        subprocess.run(["git", "-C", str(team), *args], check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "Team")
    coder = team / CODER
    coder.write_text(coder.read_text().replace("['edit', ", "['edit', 'runTests', "))
    git("commit", "-q", "-am", "Coder runs tests")
    timeline = HistoryTimeline()
    qtbot.addWidget(timeline)
    timeline.set_file(str(coder))
    assert timeline.wait_until_loaded()
    top = [timeline.tree.topLevelItem(i) for i in range(timeline.tree.topLevelItemCount())]
    assert [item.text(3) for item in top] == ["Coder runs tests", "Team"]
    assert [top[0].child(i).text(3) for i in range(top[0].childCount())] == ["tools: +runTests"]
    top[0].setSelected(True)
    with qtbot.waitSignal(timeline.compareRequested) as asked:
        timeline.compare_selected()
    commit = timeline.changes[0].revision.commit
    assert asked.args == [str(coder), f"{commit}^", commit]


def test_where_used_lists_the_lines_and_opens_one(panel, team, qtbot):
    uses = panel.uses
    uses.search("Planner", "Agent")
    assert uses.wait_until_found()
    rows = [
        [uses.tree.topLevelItem(i).text(c) for c in range(3)]
        for i in range(uses.tree.topLevelItemCount())
    ]
    assert rows == [[CODER, "6", "agent (handoff)"], [CODER, "11", "agent (link)"]]
    assert uses.label.text() == "Planner: 2 uses in 1 file"
    with qtbot.waitSignal(panel.openRequested) as opened:
        uses._activated(uses.tree.topLevelItem(0))
    assert opened.args == [str(team / CODER), 6]
