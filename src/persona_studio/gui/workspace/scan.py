"""The work of a workspace scan, run on the panel's worker: the graph, then each persona's
problems (errors and warnings of the same lint as the Problems panel). Plain data in and out."""

from __future__ import annotations

from dataclasses import dataclass, field

from persona_studio.core.jobs import CancelToken
from persona_studio.core.lint.model import Severity
from persona_studio.core.lint.runner import lint_file
from persona_studio.core.readers import workspace
from persona_studio.core.workspace.graph import Graph, build_graph

PERSONA_KINDS = ("agent", "chatmode", "claude-subagent", "skill")


@dataclass
class Scan:
    root: str
    graph: Graph
    problems: dict[str, int] = field(default_factory=dict)  # node id -> errors + warnings


def scan(root: str, token: CancelToken, report: object = None) -> Scan:
    """The graph of ``root`` and the problem count of each of its persona files; ``report`` is
    called with (phase, done, total)."""

    def progress(phase: str, done: int, total: int) -> None:
        if callable(report):
            report((phase, done, total))

    graph = build_graph(
        [root], cancel=token, progress=lambda done, total: progress("Reading", done, total)
    )
    result = Scan(root, graph)
    personas = [n for n in graph.nodes if n.kind in PERSONA_KINDS and n.path is not None]
    with workspace.frozen():  # the workspace's agents are listed once, not once per file
        for number, node in enumerate(personas):
            token.raise_if_cancelled()
            if number % 20 == 0:
                progress("Checking", number, len(personas))
            assert node.path is not None
            diagnostics = lint_file(node.path, roots=(root,)).diagnostics
            result.problems[node.id] = sum(
                1 for d in diagnostics if d.severity in (Severity.ERROR, Severity.WARNING)
            )
    return result
