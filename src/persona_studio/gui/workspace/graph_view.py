"""The agent graph view: the scene in a QGraphicsView that pans (drag) and zooms (wheel, or the
toolbar), filtered by kind, exported as SVG (the core's drawing of the same filtered graph) or
PNG (the scene rendered)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.files.fileio import atomic_write
from persona_studio.core.workspace.graph import Graph
from persona_studio.core.workspace.render import to_svg
from persona_studio.gui.workspace.graph_scene import GraphScene

KIND_LABELS = {
    "agent": "Agents",
    "chatmode": "Chat modes",
    "claude-subagent": "Claude subagents",
    "skill": "Skills",
    "builtin": "Built-in",
    "file": "Files",
    "missing": "Missing",
}
MAX_PNG_SIDE = 8000


class _View(QGraphicsView):
    def __init__(self, scene: GraphScene, parent: QWidget) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAccessibleName("Agent graph")

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.zoom(factor)

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.05 <= scale <= 8:
            self.scale(factor, factor)


class GraphView(QWidget):
    """``openRequested(path, line)`` when a node or an edge is clicked."""

    openRequested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full: Graph | None = None
        self.scene = GraphScene(self)
        self.scene.openRequested.connect(self.openRequested)
        self.view = _View(self.scene, self)
        self.filters: dict[str, QCheckBox] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for kind, label in KIND_LABELS.items():
            box = QCheckBox(label, self)
            box.setChecked(True)
            box.toggled.connect(self._refilter)
            self.filters[kind] = box
            bar.addWidget(box)
        bar.addStretch(1)
        self.summary = QLabel(self)
        bar.addWidget(self.summary)
        for text, slot in (
            ("Fit", self.fit),
            ("+", lambda: self.view.zoom(1.25)),
            ("-", lambda: self.view.zoom(0.8)),
        ):
            button = QPushButton(text, self)
            button.setMaximumWidth(48)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def set_graph(self, graph: Graph) -> None:
        self.full = graph
        self._refilter()

    def kinds(self) -> list[str]:
        return [kind for kind, box in self.filters.items() if box.isChecked()]

    def set_kinds(self, kinds: list[str]) -> None:
        for kind, box in self.filters.items():
            box.blockSignals(True)
            box.setChecked(kind in kinds)
            box.blockSignals(False)
        self._refilter()

    def shown(self) -> Graph | None:
        return self.full.filtered(self.kinds()) if self.full is not None else None

    def _refilter(self) -> None:
        graph = self.shown()
        if graph is None:
            return
        self.scene.set_graph(graph)
        self.summary.setText(
            f"{len(graph.nodes)} nodes, {len(graph.edges)} references, {len(graph.broken)} broken"
        )
        self.fit()

    def fit(self) -> None:
        rect = self.scene.sceneRect()
        if rect.isEmpty():
            return
        self.view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.view.transform().m11() > 1.5:  # a small graph: not blown up
            self.view.resetTransform()
            self.view.scale(1.5, 1.5)

    # -- export ---------------------------------------------------------------------------------
    def export_svg(self, path: str) -> None:
        graph = self.shown()
        if graph is not None:
            atomic_write(path, to_svg(graph, self.scene.placed).encode("utf-8"))

    def render_image(self, scale: float = 1.0) -> QImage:
        rect = self.scene.sceneRect()
        scale = min(scale, MAX_PNG_SIDE / max(rect.width(), rect.height(), 1.0))
        image = QImage(
            max(1, int(rect.width() * scale)),
            max(1, int(rect.height() * scale)),
            QImage.Format.Format_ARGB32,
        )
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.scene.render(painter, QRectF(image.rect()), rect)
        painter.end()
        return image

    def export_png(self, path: str, scale: float = 2.0) -> None:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.render_image(scale).save(buffer, "PNG")
        buffer.close()
        atomic_write(path, bytes(data.data()))
