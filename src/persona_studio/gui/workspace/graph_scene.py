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
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QToolTip,
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

FAR = 0.5  # below this scale, edges are drawn plainly (no dashes, no arrow heads)
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


class EdgeItem:
    """One edge as the scene holds it: not a graphics item of its own (a thousand items that each
    paint in Python stall a zoom), but a line in the layer of its style, found again for clicks
    and tooltips by its distance to the pointer."""

    __slots__ = ("_line", "_pen", "edge")

    def __init__(self, edge: Edge, line: QLineF, pen: QPen) -> None:
        self.edge = edge
        self._line = line
        self._pen = pen

    def line(self) -> QLineF:
        return self._line

    def pen(self) -> QPen:
        return self._pen

    def tooltip(self) -> str:
        edge = self.edge
        broken = " - broken" if edge.broken else ""
        return f"{edge.kind} '{edge.label}' (line {edge.line}){broken}"

    def distance(self, point: QPointF) -> float:
        a, b = self._line.p1(), self._line.p2()
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else ((point.x() - a.x()) * dx + (point.y() - a.y()) * dy) / length
        t = max(0.0, min(1.0, t))
        return math.hypot(point.x() - (a.x() + t * dx), point.y() - (a.y() + t * dy))


def edge_pen(edge: Edge) -> QPen:
    color, dash = EDGE_STYLE.get(edge.kind, ("#000000", ""))
    if edge.broken:
        color, dash = BROKEN_COLOR, "5 4"
    pen = QPen(QColor(color))
    pen.setWidthF(1.2)
    pen.setCosmetic(True)
    if dash:
        pen.setDashPattern(_DASHES.get(dash, [4.0, 3.0]))
    return pen


class EdgeLayer(QGraphicsPathItem):
    """Every edge of one style (kind, broken or not) as one path, and their arrow heads as
    another: drawn by Qt in one call each. Zoomed far out, the lines are drawn solid (dashes
    cost much and show little) and the heads left out."""

    def __init__(self, pen: QPen, lines: list[QLineF]) -> None:
        path = QPainterPath()
        heads = QPainterPath()
        for line in lines:
            path.moveTo(line.p1())
            path.lineTo(line.p2())
            heads.addPath(_arrow(line))
        super().__init__(path)
        self.setPen(pen)
        self.heads = heads
        self.head_brush = QBrush(pen.color())
        self.plain = QPen(pen)
        self.plain.setStyle(Qt.PenStyle.SolidLine)
        self.plain.setWidthF(1.0)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().united(self.heads.boundingRect())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: object = None
    ) -> None:
        detail = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        painter.setPen(self.pen() if detail >= FAR else self.plain)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        if detail >= FAR:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.head_brush)
            painter.drawPath(self.heads)


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


class LabelLayer(QGraphicsItem):
    """The handoffs' labels, drawn by one item (left out when zoomed too far out to read)."""

    def __init__(self, labels: list[tuple[QPointF, str, QColor]], font: QFont) -> None:
        super().__init__()
        self.labels = labels
        self.font = font
        metrics = QFontMetricsF(font)
        self.rects = [
            QRectF(
                point.x() - metrics.horizontalAdvance(text) / 2,
                point.y() - metrics.ascent(),
                metrics.horizontalAdvance(text),
                metrics.height(),
            )
            for point, text, _ in labels
        ]
        self._bounds = QRectF()
        for rect in self.rects:
            self._bounds = self._bounds.united(rect)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: object = None
    ) -> None:
        detail = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if detail * self.font.pointSizeF() < 3.5:
            return
        painter.setFont(self.font)
        exposed = option.exposedRect
        for rect, (_, text, color) in zip(self.rects, self.labels, strict=True):
            if rect.intersects(exposed):
                painter.setPen(color)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


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
        styles: dict[tuple[str, bool], list[QLineF]] = {}
        pens: dict[tuple[str, bool], QPen] = {}
        labels: list[tuple[QPointF, str, QColor]] = []
        for edge, points in zip(graph.edges, edge_routes(graph, placed), strict=True):
            if points is None:
                continue
            line = QLineF(*points)
            key = (edge.kind, edge.broken)
            pens.setdefault(key, edge_pen(edge))
            styles.setdefault(key, []).append(line)
            self.edge_items.append(EdgeItem(edge, line, pens[key]))
            if edge.kind == "handoff":
                x, y = label_point(points)
                color = QColor(BROKEN_COLOR if edge.broken else EDGE_STYLE["handoff"][0])
                labels.append((QPointF(x, y), edge.label, color))
        for key, lines in styles.items():
            layer = EdgeLayer(pens[key], lines)
            layer.setZValue(0)
            self.addItem(layer)
        if labels:
            layer = LabelLayer(labels, small)
            layer.setZValue(2)
            self.addItem(layer)
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

    def edge_at(self, point: QPointF, reach: float = 5.0) -> EdgeItem | None:
        """The edge whose line passes nearest ``point``, within ``reach`` (in view pixels)."""
        views = self.views()
        scale = views[0].transform().m11() if views else 1.0
        best, distance = None, reach / max(scale, 1e-6)
        for item in self.edge_items:
            gap = item.distance(point)
            if gap <= distance:
                best, distance = item, gap
        return best

    def activate_at(self, point: QPointF) -> bool:
        """Open what is at ``point``: a node's file, or an edge's source at its line."""
        for item in self.items(point):
            if isinstance(item, NodeItem) and item.node.path is not None:
                self.openRequested.emit(item.node.path, 1)
                return True
        edge = self.edge_at(point)
        if edge is not None:
            path = self._source_path(edge.edge)
            if path is not None:
                self.openRequested.emit(path, edge.edge.line)
                return True
        return False

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips: a node's own, else the edge under the pointer."""
        point = event.scenePos()
        if not any(isinstance(item, NodeItem) for item in self.items(point)):
            edge = self.edge_at(point)
            if edge is not None:
                QToolTip.showText(event.screenPos(), edge.tooltip())
                event.accept()
                return
        super().helpEvent(event)
