"""The agent graph as a QGraphicsScene: one item per node and per edge, placed by the core's
layered layout (core/workspace/layout.py), coloured as the command line's SVG is.

Node and edge items are cheap (no per-item shadows or effects; edges are plain line items with
a cosmetic pen and a small arrow head; the scene keeps its BSP index, as nothing moves): 500
nodes and their edges pan and zoom without a stall. Clicking a node asks to open its file;
clicking an edge, its source at the reference.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
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
    """A node: its box and its name, painted in one go (no child items); the name is left out
    when zoomed out so far that it would be a smudge."""

    def __init__(self, node: Node, rect: QRectF, font: QFont) -> None:
        super().__init__(rect)
        self.node = node
        self.font = font
        self.setBrush(QBrush(QColor(KIND_COLORS.get(node.kind, "#ffffff"))))
        pen = QPen(QColor(BROKEN_COLOR if node.kind == "missing" else "#374151"))
        pen.setWidthF(1.2)
        pen.setCosmetic(True)
        if node.kind in ("missing", "builtin"):
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setToolTip(f"{node.kind}: {node.id}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label = node.name  # plain text, drawn with drawText: never rich text

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: object = None
    ) -> None:
        rect = self.rect()
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRoundedRect(rect, 5, 5)
        detail = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if detail * self.font.pointSizeF() < 3.5:
            return
        painter.setFont(self.font)
        painter.setPen(QColor("#111827"))
        text = painter.fontMetrics().elidedText(
            self.label, Qt.TextElideMode.ElideMiddle, int(rect.width() - 8)
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class EdgeItem(QGraphicsLineItem):
    def __init__(self, edge: Edge, line: QLineF) -> None:
        super().__init__(line)
        self.edge = edge
        self._shape: QPainterPath | None = None
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
        self.head = _arrow(line)
        self.head_brush = QBrush(QColor(color))

    def boundingRect(self) -> QRectF:
        return super().boundingRect().united(self.head.boundingRect())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: object = None
    ) -> None:
        painter.setPen(self.pen())
        painter.drawLine(self.line())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.head_brush)
        painter.drawPath(self.head)

    def shape(self) -> QPainterPath:  # a wider target to click, made once
        if self._shape is None:
            path = QPainterPath()
            path.moveTo(self.line().p1())
            path.lineTo(self.line().p2())
            stroker = QPainterPathStroker()
            stroker.setWidth(8)
            self._shape = stroker.createStroke(path)
        return self._shape


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
