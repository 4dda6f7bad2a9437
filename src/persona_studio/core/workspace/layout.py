"""A layered layout of the workspace graph: who hands off to whom, top to bottom.

The classic steps of a layered (Sugiyama-style) drawing, kept simple and linear enough for
10,000 nodes: cycles are broken by reversing the edges a depth-first search finds going back;
each node goes one layer below the deepest node pointing at it (longest path); nodes are ordered
inside their layer by a few sweeps of the barycentre of their neighbours; a layer wider than
``max_per_row`` wraps onto several rows. Nodes without any edge are put in rows of their own
at the bottom, each kind starting a row of its own. Sizes are estimated from the label's
length, so that the drawing is the same in the command line's SVG and in the window.

Standard library and core only; never Qt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from persona_studio.core.workspace.graph import Graph

__all__ = ["Box", "Layout", "layout"]

CHAR_WIDTH = 7.0
NODE_HEIGHT = 34.0
PADDING = 20.0
H_GAP = 28.0
V_GAP = 70.0
MIN_WIDTH = 80.0
MAX_WIDTH = 260.0


@dataclass(frozen=True, slots=True)
class Box:
    """A node's rectangle: top-left corner, width and height, and its layer."""

    x: float
    y: float
    width: float
    height: float
    layer: int

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    width: float
    height: float


def node_width(name: str) -> float:
    return max(MIN_WIDTH, min(MAX_WIDTH, len(name) * CHAR_WIDTH + PADDING))


def layout(graph: Graph, *, max_per_row: int = 12, sweeps: int = 4) -> Layout:
    """Where each node of ``graph`` goes (only the nodes it holds; filter the graph first)."""
    ids = [node.id for node in graph.nodes]
    known = set(ids)
    successors: dict[str, list[str]] = defaultdict(list)
    pairs: set[tuple[str, str]] = set()
    for edge in graph.edges:
        if edge.source == edge.target or edge.source not in known or edge.target not in known:
            continue
        if (edge.source, edge.target) not in pairs:
            pairs.add((edge.source, edge.target))
            successors[edge.source].append(edge.target)
    linked = {node for pair in pairs for node in pair}
    forward = _acyclic(ids, successors, linked)
    layers = _layers(ids, forward, linked)
    rows = _order(layers, forward, sweeps)
    names = {node.id: node.name for node in graph.nodes}
    kinds = {node.id: node.kind for node in graph.nodes}
    loose = sorted((node for node in ids if node not in linked), key=lambda n: (kinds[n], n))
    grid: list[list[str]] = []
    for row in rows:
        grid.extend(row[i : i + max_per_row] for i in range(0, len(row), max_per_row))
    for kind in sorted({kinds[node] for node in loose}):  # each kind on rows of its own
        group = [node for node in loose if kinds[node] == kind]
        grid.extend(group[i : i + max_per_row] for i in range(0, len(group), max_per_row))
    boxes: dict[str, Box] = {}
    widths = [sum(node_width(names[node]) for node in row) + H_GAP * (len(row) - 1) for row in grid]
    total_width = max(widths, default=0.0)
    y = 0.0
    for number, row in enumerate(grid):
        x = (total_width - widths[number]) / 2
        for node in row:
            width = node_width(names[node])
            boxes[node] = Box(x, y, width, NODE_HEIGHT, number)
            x += width + H_GAP
        y += NODE_HEIGHT + V_GAP
    height = y - V_GAP if grid else 0.0
    return Layout(boxes, total_width, height)


def _acyclic(
    ids: list[str], successors: dict[str, list[str]], linked: set[str]
) -> dict[str, list[str]]:
    """The edges with each back edge of a depth-first search reversed (iterative: no recursion
    limit on long chains)."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    forward: dict[str, list[str]] = defaultdict(list)
    for start in ids:
        if start in state or start not in linked:
            continue
        state[start] = 1
        stack = [(start, iter(successors.get(start, ())))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                continue
            if state.get(child) == 1:
                forward[child].append(node)  # a back edge: reversed
                continue
            forward[node].append(child)
            if child not in state:
                state[child] = 1
                stack.append((child, iter(successors.get(child, ()))))
    return forward


def _layers(ids: list[str], forward: dict[str, list[str]], linked: set[str]) -> list[list[str]]:
    """Longest-path layers over the acyclic edges, by a topological order (Kahn)."""
    incoming: dict[str, int] = {node: 0 for node in ids if node in linked}
    for children in forward.values():
        for child in children:
            incoming[child] += 1
    ready = [node for node in ids if node in incoming and incoming[node] == 0]
    layer_of: dict[str, int] = {node: 0 for node in ready}
    while ready:
        node = ready.pop()
        for child in forward.get(node, ()):
            layer_of[child] = max(layer_of.get(child, 0), layer_of[node] + 1)
            incoming[child] -= 1
            if incoming[child] == 0:
                ready.append(child)
    layers: list[list[str]] = []
    for node in ids:
        if node in layer_of:
            number = layer_of[node]
            while len(layers) <= number:
                layers.append([])
            layers[number].append(node)
    return layers


def _order(layers: list[list[str]], forward: dict[str, list[str]], sweeps: int) -> list[list[str]]:
    """Order each layer by the mean position of its neighbours in the layer above (downward
    sweeps) and below (upward sweeps)."""
    parents: dict[str, list[str]] = defaultdict(list)
    for node, children in forward.items():
        for child in children:
            parents[child].append(node)
    position = {node: index for layer in layers for index, node in enumerate(layer)}

    def sort(layer: list[str], neighbours: dict[str, list[str]]) -> list[str]:
        def key(node: str) -> float:
            near = neighbours.get(node)
            if not near:
                return float(position[node])
            return sum(position[other] for other in near) / len(near)

        ordered = sorted(layer, key=key)
        for index, node in enumerate(ordered):
            position[node] = index
        return ordered

    for _ in range(sweeps):
        for number in range(1, len(layers)):
            layers[number] = sort(layers[number], parents)
        for number in range(len(layers) - 2, -1, -1):
            layers[number] = sort(layers[number], forward)
    return layers
