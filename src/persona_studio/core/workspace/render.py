"""The workspace graph as Graphviz DOT and as SVG (drawn from the core's own layered layout, so
that the command line needs neither Qt nor Graphviz).

Standard library and core only; never Qt.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from persona_studio.core.workspace.graph import Edge, Graph
from persona_studio.core.workspace.layout import Layout, layout

__all__ = [
    "EDGE_STYLE",
    "KIND_COLORS",
    "edge_routes",
    "label_point",
    "to_dot",
    "to_json",
    "to_svg",
    "to_text",
]

# Fill colours per node kind, shared with the window's graph view.
KIND_COLORS = {
    "agent": "#dbeafe",
    "chatmode": "#e0e7ff",
    "claude-subagent": "#fde68a",
    "skill": "#d1fae5",
    "builtin": "#e5e7eb",
    "file": "#f3f4f6",
    "missing": "#fee2e2",
}
# Line colour and dash pattern per edge kind; a broken edge is red and dashed.
EDGE_STYLE = {
    "handoff": ("#2563eb", ""),
    "subagent": ("#7c3aed", "6 3"),
    "skill": ("#059669", "2 3"),
    "link": ("#6b7280", "1 3"),
}
BROKEN_COLOR = "#dc2626"
MARGIN = 20.0


def to_text(graph: Graph) -> str:
    """One line per node, its references indented under it; broken ones marked."""
    out: list[str] = []
    by_source: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        by_source.setdefault(edge.source, []).append(edge)
    for node in graph.nodes:
        if node.path is None:
            continue
        out.append(f"{node.id}  [{node.kind}] {node.name}")
        for edge in by_source.get(node.id, ()):
            what = f"{edge.kind} '{edge.label}'" if edge.kind == "handoff" else edge.kind
            target = "(broken)" if edge.broken else edge.target
            out.append(f"  line {edge.line}: {what} {edge.ref} -> {target}")
    counts = ", ".join(f"{count} {kind}" for kind, count in graph.to_dict()["counts"].items())
    out.append(f"{len(graph.edges)} references, {len(graph.broken)} broken; nodes: {counts}")
    return "\n".join(out) + "\n"


def to_json(graph: Graph) -> str:
    return json.dumps(graph.to_dict(), indent=2, ensure_ascii=False)


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: Graph) -> str:
    """Graphviz DOT: nodes filled by kind, handoffs labelled, broken references red, dashed."""
    lines = ["digraph workspace {", "  rankdir=TB;", '  node [shape=box, style="rounded,filled"];']
    for node in graph.nodes:
        color = KIND_COLORS.get(node.kind, "#ffffff")
        lines.append(
            f"  {_dot_id(node.id)} [label={_dot_id(node.name)}, fillcolor={_dot_id(color)},"
            f" tooltip={_dot_id(node.kind + ': ' + node.id)}];"
        )
    for edge in graph.edges:
        color, dash = EDGE_STYLE.get(edge.kind, ("#000000", ""))
        attributes = [f"color={_dot_id(BROKEN_COLOR if edge.broken else color)}"]
        if edge.kind == "handoff":
            attributes.append(f"label={_dot_id(edge.label)}")
        if edge.broken or dash:
            attributes.append(
                'style="dashed"' if edge.broken or edge.kind != "link" else 'style="dotted"'
            )
        attributes.append(f"tooltip={_dot_id(edge.kind + ' at line ' + str(edge.line))}")
        lines.append(
            f"  {_dot_id(edge.source)} -> {_dot_id(edge.target)} [{', '.join(attributes)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


Points = tuple[float, float, float, float]


def edge_routes(graph: Graph, placed: Layout) -> list[Points | None]:
    """Where each edge's line starts and ends (None when a node is not placed): the bottom of
    the source and the top of the target, or the sides when both sit in one row. Edges between
    the same two nodes (either way) are spread apart, so that each line and label shows."""
    bundles: dict[frozenset[str], list[int]] = {}
    for number, edge in enumerate(graph.edges):
        bundles.setdefault(frozenset((edge.source, edge.target)), []).append(number)
    shift: dict[int, float] = {}
    for members in bundles.values():
        for place, number in enumerate(members):
            shift[number] = (place - (len(members) - 1) / 2) * 14.0
    return [_points(edge, placed, shift[number]) for number, edge in enumerate(graph.edges)]


def _points(edge: Edge, placed: Layout, shift: float) -> Points | None:
    a = placed.boxes.get(edge.source)
    b = placed.boxes.get(edge.target)
    if a is None or b is None:
        return None
    (ax, ay), (bx, by) = a.center, b.center
    if abs(a.y - b.y) < 1:
        if ax < bx:
            return a.x + a.width, ay + shift / 2, b.x, by + shift / 2
        return a.x, ay + shift / 2, b.x + b.width, by + shift / 2
    if ay < by:
        return ax + shift, a.y + a.height, bx + shift, b.y
    return ax + shift, a.y, bx + shift, b.y + b.height


def label_point(points: Points) -> tuple[float, float]:
    """Where a handoff's label goes: a third of the way from the source, so that the labels of
    two handoffs between the same agents, one each way, do not meet in the middle."""
    x1, y1, x2, y2 = points
    return x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3 - 3


def to_svg(graph: Graph, placed: Layout | None = None) -> str:
    """An SVG picture of the graph in its layered layout, with a legend of the kinds."""
    placed = placed or layout(graph)
    kinds = sorted({node.kind for node in graph.nodes})
    legend = sum(30 + len(kind) * 7 for kind in kinds)
    width = max(placed.width, legend) + 2 * MARGIN
    height = placed.height + 2 * MARGIN + 30
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}"'
        f' viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="12">',
        "<defs>",
    ]
    for name, color in [
        *((kind, style[0]) for kind, style in EDGE_STYLE.items()),
        ("broken", BROKEN_COLOR),
    ]:
        out.append(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"'
            f' markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"'
            f' fill="{color}"/></marker>'
        )
    out.append("</defs>")
    out.append('<rect width="100%" height="100%" fill="#ffffff"/>')
    out.append(f'<g transform="translate({MARGIN},{MARGIN})">')
    for edge, points in zip(graph.edges, edge_routes(graph, placed), strict=True):
        if points is None:
            continue
        x1, y1, x2, y2 = points
        color, dash = EDGE_STYLE.get(edge.kind, ("#000000", ""))
        marker = "broken" if edge.broken else edge.kind
        if edge.broken:
            color, dash = BROKEN_COLOR, "5 4"
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line class="edge {edge.kind}{" broken" if edge.broken else ""}" x1="{x1:.1f}"'
            f' y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" stroke-width="1.4"'
            f'{dash_attribute} marker-end="url(#arrow-{marker})">'
            f"<title>{escape(f'{edge.kind}: {edge.source} -> {edge.ref} (line {edge.line})')}"
            "</title></line>"
        )
        if edge.kind == "handoff":
            lx, ly = label_point(points)
            out.append(
                f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle"'
                f' fill="{color}" font-size="11">{escape(edge.label)}</text>'
            )
    for node in graph.nodes:
        box = placed.boxes.get(node.id)
        if box is None:
            continue
        fill = KIND_COLORS.get(node.kind, "#ffffff")
        stroke = BROKEN_COLOR if node.kind == "missing" else "#374151"
        dash = ' stroke-dasharray="4 3"' if node.kind in ("missing", "builtin") else ""
        label = (
            node.name
            if len(node.name) * 7 + 20 <= box.width
            else node.name[: int((box.width - 20) / 7) - 1] + "…"
        )
        out.append(
            f'<g class="node {node.kind}" data-id={quoteattr(node.id)}>'
            f"<title>{escape(node.kind + ': ' + node.id)}</title>"
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}"'
            f' height="{box.height:.1f}"'
            f' rx="6" fill="{fill}" stroke="{stroke}"{dash}/>'
            f'<text x="{box.x + box.width / 2:.1f}" y="{box.y + box.height / 2 + 4:.1f}"'
            f' text-anchor="middle">{escape(label)}</text></g>'
        )
    out.append("</g>")
    x = MARGIN
    y = height - 12
    for kind in kinds:
        out.append(
            f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="12" height="12"'
            f' fill="{KIND_COLORS.get(kind, "#ffffff")}"'
            f' stroke="#374151"/><text x="{x + 16:.0f}" y="{y:.0f}">{escape(kind)}</text>'
        )
        x += 30 + len(kind) * 7
    out.append("</svg>")
    return "\n".join(out) + "\n"
