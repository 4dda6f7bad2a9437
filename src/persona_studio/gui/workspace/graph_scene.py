"""The agent graph as a QGraphicsScene: one item per node and per edge, placed by the core's
layered layout (core/workspace/layout.py), coloured as the command line's SVG is.

Node and edge items are cheap (no per-item shadows or effects; the scene uses no index, edges
are plain line items with a small arrow head): 500 nodes and their edges pan and zoom without a
stall. Clicking a node asks to open its file; clicking an edge, its source at the reference.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from persona_studio.core.workspace.graph import Edge, Graph, Node
from persona_studio.core.workspace.layout import Layout, layout
from persona_studio.core.workspace.render import (
    BROKEN_COLOR,
    EDGE_STYLE,
    KIND_COLORS,
    edge_routes,
    label_point,
)

_DASHES = {"6 3": [6.0, 3.0], "2 3": [2.0, 3.0], "1 3": [1.0, 3.0], "5 4": [5.0, 4.0]}


class NodeItem(QGraphicsRectItem):
    def __init__(self, node: Node, rect: QRectF, font: QFont) -> None:
        super().__init__(rect)
        self.node = node
        fill = QColor(KIND_COLORS.get(node.kind, "#ffffff"))
        self.setBrush(QBrush(fill))
        pen = QPen(QColor(BROKEN_COLOR if node.kind == "missing" else "#374151"))
        pen.setWidthF(1.2)
        if node.kind in ("missing", "builtin"):
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setToolTip(f"{node.kind}: {node.id}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        label = QGraphicsSimpleTextItem(node.name, self)  # plain text, never rich text
        label.setFont(font)
        label.setBrush(QBrush(QColor("#111827")))
        box = label.boundingRect()
        if box.width() > rect.width() - 8:
            label.setScale((rect.width() - 8) / box.width())
            box = QRectF(0, 0, rect.width() - 8, box.height() * label.scale())
        label.setPos(
            rect.x() + (rect.width() - box.width()) / 2,
            rect.y() + (rect.height() - box.height()) / 2,
        )


class EdgeItem(QGraphicsLineItem):
    def __init__(self, edge: Edge, line: QLineF) -> None:
        super().__init__(line)
        self.edge = edge
        color, dash = EDGE_STYLE.get(edge.kind, ("#000000", ""))
        if edge.broken:
            color, dash = BROKEN_COLOR, "5 4"
        pen = QPen(QColor(color))
        pen.setWidthF(1.4)
        pen.setCosmetic(True)
        if dash:
            pen.setDashPattern(_DASHES.get(dash, [4.0, 3.0]))
        self.setPen(pen)
        where = f"line {edge.line}"
        self.setToolTip(f"{edge.kind} '{edge.label}' ({where}){' - broken' if edge.broken else ''}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        head = QGraphicsPathItem(_arrow(line), self)
        head.setBrush(QBrush(QColor(color)))
        head.setPen(QPen(Qt.PenStyle.NoPen))

    def shape(self) -> QPainterPath:  # a wider target to click
        path = QPainterPath()
        line = self.line()
        path.moveTo(line.p1())
        path.lineTo(line.p2())
        stroker_path = QPainterPath(path)
        from PySide6.QtGui import QPainterPathStroker

        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(stroker_path)


def _arrow(line: QLineF) -> QPainterPath:
    angle = math.atan2(line.dy(), line.dx())
    tip = line.p2()
    size = 8.0
    left = QPointF(
        tip.x() - size * math.cos(angle - math.pi / 7),
        tip.y() - size * math.sin(angle - math.pi / 7),
    )
    right = QPointF(
        tip.x() - size * math.cos(angle + math.pi / 7),
        tip.y() - size * math.sin(angle + math.pi / 7),
    )
    path = QPainterPath()
    path.addPolygon(QPolygonF([tip, left, right, tip]))
    return path


class GraphScene(QGraphicsScene):
    """The scene of one graph. ``openRequested(path, line)``: a node (line 1) or an edge (its
    source file at the reference's line) was clicked."""

    openRequested = Signal(str, int)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.graph: Graph | None = None
        self.placed: Layout | None = None
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: list[EdgeItem] = []

    def set_graph(self, graph: Graph) -> None:
        self.clear()
        self.node_items.clear()
        self.edge_items.clear()
        self.graph = graph
        self.placed = placed = layout(graph)
        font = QFont()
        font.setPointSizeF(9)
        small = QFont(font)
        small.setPointSizeF(8)
        for edge, points in zip(graph.edges, edge_routes(graph, placed), strict=True):
            if points is None:
                continue
            item = EdgeItem(edge, QLineF(*points))
            item.setZValue(0)
            self.addItem(item)
            self.edge_items.append(item)
            if edge.kind == "handoff":
                text = QGraphicsSimpleTextItem(edge.label)
                text.setFont(small)
                text.setBrush(
                    QBrush(QColor(BROKEN_COLOR if edge.broken else EDGE_STYLE["handoff"][0]))
                )
                x, y = label_point(points)
                width = text.boundingRect().width()
                text.setPos(x - width / 2, y - 12)
                text.setZValue(2)
                self.addItem(text)
        for node in graph.nodes:
            box = placed.boxes.get(node.id)
            if box is None:
                continue
            item = NodeItem(node, QRectF(box.x, box.y, box.width, box.height), font)
            item.setZValue(1)
            self.addItem(item)
            self.node_items[node.id] = item
        margin = 30.0
        self.setSceneRect(
            QRectF(-margin, -margin, placed.width + 2 * margin, placed.height + 2 * margin)
        )

    def _source_path(self, edge: Edge) -> str | None:
        node = self.graph.node(edge.source) if self.graph is not None else None
        return node.path if node is not None else None

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if (
            event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)
        ).manhattanLength() > 4:
            return  # a drag, not a click
        self.activate_at(event.scenePos())

    def activate_at(self, point: QPointF) -> bool:
        """Open what is at ``point``: a node's file, or an edge's source at its line."""
        for item in self.items(point):
            while item is not None and not isinstance(item, (NodeItem, EdgeItem)):
                item = item.parentItem()
            if isinstance(item, NodeItem) and item.node.path is not None:
                self.openRequested.emit(item.node.path, 1)
                return True
            if isinstance(item, EdgeItem):
                path = self._source_path(item.edge)
                if path is not None:
                    self.openRequested.emit(path, item.edge.line)
                    return True
        return False
