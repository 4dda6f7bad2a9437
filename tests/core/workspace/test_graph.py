"""The workspace graph of a small team made in a temporary folder: every agent, subagent and
skill is a node; handoffs (labelled), `agents:` and `skills:` entries and body links are edges
with their lines; a reference nothing answers to is broken and points at a `missing` node."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from _team import make_team
from persona_studio.cli import main
from persona_studio.core.jobs import Cancelled, CancelToken
from persona_studio.core.workspace.graph import build_graph
from persona_studio.core.workspace.layout import layout
from persona_studio.core.workspace.render import to_dot, to_svg

PLANNER = ".github/agents/planner.agent.md"
CODER = ".github/agents/coder.agent.md"
TESTER = ".claude/agents/tester.md"
TESTING = ".claude/skills/testing/SKILL.md"


def _edge(source, target, kind, ref, label, line, broken=False):
    return {
        "source": source,
        "target": target,
        "kind": kind,
        "ref": ref,
        "label": label,
        "line": line,
        "broken": broken,
    }


EXPECTED = {
    "nodes": [
        {"id": TESTER, "kind": "claude-subagent", "name": "tester"},
        {"id": TESTING, "kind": "skill", "name": "testing"},
        {"id": CODER, "kind": "agent", "name": "coder"},
        {"id": PLANNER, "kind": "agent", "name": "Planner"},
        {"id": "docs/guide.md", "kind": "file", "name": "guide.md"},
        {"id": "builtin:Plan", "kind": "builtin", "name": "Plan"},
        {"id": "missing:agent:Reviewer", "kind": "missing", "name": "Reviewer"},
        {
            "id": "missing:file:.github/agents/notes/missing.md",
            "kind": "missing",
            "name": "missing.md",
        },
        {"id": "missing:skill:fuzzing", "kind": "missing", "name": "fuzzing"},
    ],
    "edges": [
        _edge(TESTER, TESTING, "skill", "testing", "testing", 6),
        _edge(TESTER, "missing:skill:fuzzing", "skill", "fuzzing", "fuzzing", 7, True),
        _edge(CODER, PLANNER, "handoff", "Planner", "Back to planning", 6),
        _edge(CODER, PLANNER, "link", "planner.agent.md", "planner.agent.md", 11),
        _edge(PLANNER, CODER, "subagent", "coder", "coder", 5),
        _edge(PLANNER, "builtin:Plan", "subagent", "Plan", "Plan", 5),
        _edge(PLANNER, CODER, "handoff", "coder", "Start coding", 8),
        _edge(PLANNER, "missing:agent:Reviewer", "handoff", "Reviewer", "Review it", 11, True),
        _edge(PLANNER, "docs/guide.md", "link", "../../docs/guide.md", "../../docs/guide.md", 16),
        _edge(
            PLANNER,
            "missing:file:.github/agents/notes/missing.md",
            "link",
            "notes/missing.md",
            "notes/missing.md",
            16,
            True,
        ),
    ],
    "counts": {"agent": 2, "builtin": 1, "claude-subagent": 1, "file": 1, "missing": 3, "skill": 1},
    "broken": 3,
    "errors": [],
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return make_team(tmp_path / "team")


def test_the_graph_json_is_exactly_the_team(team):
    assert build_graph([str(team)]).to_dict() == EXPECTED


def test_the_command_prints_the_same_json(team, capsys):
    assert main(["graph", str(team), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_fail_on_broken_exits_1_and_a_missing_path_exits_2(team, capsys):
    assert main(["graph", str(team), "--fail-on-broken"]) == 1
    assert "line 11: handoff 'Review it' Reviewer -> (broken)" in capsys.readouterr().out
    assert main(["graph", str(team / "nowhere")]) == 2
    assert "nowhere: no such file or folder" in capsys.readouterr().err


def test_renaming_the_planner_breaks_the_coders_handoff(team):
    planner = team / PLANNER
    planner.write_text(planner.read_text().replace("name: Planner", "name: Architect"))
    edges = build_graph([str(team)]).to_dict()["edges"]
    handoff = next(edge for edge in edges if edge["source"] == CODER and edge["kind"] == "handoff")
    assert handoff["target"] == "missing:agent:Planner"
    assert handoff["broken"] is True


def test_a_claude_subagent_has_no_handoffs_and_a_skill_no_subagents(tmp_path):
    root = tmp_path / "w"
    subagent = root / ".claude" / "agents" / "one.md"
    subagent.parent.mkdir(parents=True)
    subagent.write_text(
        "---\nname: one\ndescription: d\nhandoffs:\n  - label: x\n    agent: two\n"
        "    prompt: p\n---\n# One\n"
    )
    graph = build_graph([str(root)])
    assert [node.id for node in graph.nodes] == [".claude/agents/one.md"]
    assert graph.edges == ()


def test_a_file_given_alone_finds_its_targets_in_its_workspace(team):
    graph = build_graph([str(team / CODER)])
    assert [edge.target for edge in graph.edges] == [
        "planner.agent.md",
        "planner.agent.md",
    ]  # ids are relative to the file's folder
    assert graph.node("planner.agent.md").name == "Planner"


def test_filtering_by_kind_keeps_the_edges_between_kept_nodes(team):
    graph = build_graph([str(team)]).filtered(["agent"])
    assert [node.id for node in graph.nodes] == [CODER, PLANNER]
    assert {(edge.source, edge.target, edge.kind) for edge in graph.edges} == {
        (CODER, PLANNER, "handoff"),
        (CODER, PLANNER, "link"),
        (PLANNER, CODER, "subagent"),
        (PLANNER, CODER, "handoff"),
    }


def test_a_cancelled_build_stops(team):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        build_graph([str(team)], cancel=token)


def test_progress_reaches_the_total(team):
    calls = []
    build_graph([str(team)], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (4, 4)


def test_an_unreadable_file_is_a_node_with_an_error(team):
    (team / ".github" / "agents" / "broken.agent.md").write_bytes(b"\xff\xfe\x00bad\x00" * 10)
    graph = build_graph([str(team)])
    assert graph.node(".github/agents/broken.agent.md") is not None
    assert [node_id for node_id, _ in graph.errors] == [".github/agents/broken.agent.md"]


def test_the_layout_puts_sources_above_targets_and_no_boxes_overlap(team):
    graph = build_graph([str(team)])
    placed = layout(graph)
    boxes = placed.boxes
    assert set(boxes) == {node.id for node in graph.nodes}
    assert boxes[TESTER].y < boxes[TESTING].y
    assert boxes[PLANNER].y < boxes["missing:agent:Reviewer"].y
    items = list(boxes.values())
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            apart = a.x + a.width <= b.x or b.x + b.width <= a.x or a.y != b.y
            assert apart, (a, b)


def test_a_long_chain_and_a_cycle_are_laid_out(tmp_path):
    agents = tmp_path / "w" / ".github" / "agents"
    agents.mkdir(parents=True)
    count = 1500  # deeper than Python's recursion limit
    for number in range(count):
        nxt = (number + 1) % count  # the last hands back to the first: a cycle
        agents.joinpath(f"a{number}.agent.md").write_text(
            f"---\ndescription: d\nhandoffs:\n  - label: go\n    agent: a{nxt}\n"
            "    prompt: p\n---\n# A\n"
        )
    placed = layout(build_graph([str(tmp_path / "w")]), max_per_row=10_000)
    layers = {box.layer for box in placed.boxes.values()}
    assert len(layers) == count


def test_dot_and_svg_draw_every_node_and_the_broken_edges_red(team):
    graph = build_graph([str(team)])
    dot = to_dot(graph)
    assert dot.startswith("digraph workspace {")
    assert f'"{PLANNER}" -> "missing:agent:Reviewer" [color="#dc2626", label="Review it"' in dot
    tree = ET.fromstring(to_svg(graph))
    ns = "{http://www.w3.org/2000/svg}"
    groups = [g for g in tree.iter(f"{ns}g") if g.get("class", "").startswith("node ")]
    assert sorted(g.get("data-id") for g in groups) == sorted(n.id for n in graph.nodes)
    broken = [line for line in tree.iter(f"{ns}line") if "broken" in line.get("class", "")]
    assert len(broken) == 3
    assert all(line.get("stroke") == "#dc2626" for line in broken)
    labels = [text.text for text in tree.iter(f"{ns}text")]
    assert {"Start coding", "Back to planning", "Review it"} <= set(labels)


def test_svg_escapes_names(tmp_path):
    agents = tmp_path / "w" / ".github" / "agents"
    agents.mkdir(parents=True)
    (agents / "x.agent.md").write_text('---\nname: "<b>&co"\ndescription: d\n---\n# X\n')
    tree = ET.fromstring(to_svg(build_graph([str(tmp_path / "w")])))
    assert "<b>&co" in [t.text for t in tree.iter("{http://www.w3.org/2000/svg}text")]
