"""`persona-studio graph PATH...`: the workspace graph (agents, chat modes, Claude subagents,
skills, and their handoffs, subagent lists, skills and links) as JSON, DOT or SVG."""

from __future__ import annotations

import argparse
import os
import sys

from persona_studio.cli.formats import GRAPH, choices
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.workspace.graph import Graph, build_graph


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "graph",
        help="the graph of a workspace's agents and skills and how they refer to each other",
        description="Nodes: the persona files of PATH (folders are walked), the built-in agents "
        "and files they name, and the names no file answers to (broken). Edges: handoffs, "
        "agents: entries, skills: entries and body links, each with its line.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", **choices(GRAPH))
    parser.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="keep only nodes of this kind (agent, chatmode, claude-subagent, skill, builtin, "
        "file, missing); may be repeated",
    )
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--fail-on-broken",
        action="store_true",
        help="exit 1 when a reference names nothing (a handoff, subagent, skill or link)",
    )


def run(args: argparse.Namespace) -> int:
    for path in args.paths:
        if not os.path.exists(path):
            raise PersonaStudioError(f"{path}: no such file or folder")
    graph: Graph = build_graph(args.paths)
    if args.kind:
        graph = graph.filtered(args.kind)
    text = GRAPH[args.format](graph)
    if args.out:
        from persona_studio.core.files.fileio import atomic_write

        atomic_write(args.out, text.encode("utf-8"))
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    for node_id, message in graph.errors:
        print(f"persona-studio: {node_id}: {message}", file=sys.stderr)
    return 1 if args.fail_on_broken and graph.broken else 0
