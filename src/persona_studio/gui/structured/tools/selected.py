"""The document's tools in the order the file lists them: drag one to move it, or use the move and
remove buttons. It only shows and asks; the picker makes the edits."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.catalog import Target
from persona_studio.core.catalog.descriptions import tool_description
from persona_studio.core.lint import Severity
from persona_studio.core.structured.tools import ToolEntry
from persona_studio.gui.icons import severity_icon
from persona_studio.gui.structured.style import FIELD
from persona_studio.gui.structured.widgets import (
    GlyphButton,
    icon_extent,
    set_accessible_text,
    set_tone,
)
from persona_studio.gui.theme import Theme

NAME_ROLE = Qt.ItemDataRole.UserRole
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
LIST_LINES = 14


def tool_tip(entry: ToolEntry, target: Target | None) -> str:
    """A row's tooltip: the tool's name, what it does, its tool set and any note on its name."""
    about = tool_description(entry.name, target) if target is not None else ""
    status = entry.status
    return "\n".join(
        [entry.name]
        + ([about] if about else [])
        + ([f"In the tool set '{status.tool_set}'."] if status.tool_set else [])
        + ([status.note] if status.note else [])
    )


class SelectedTools(QWidget):
    """`moveRequested(from, to)` for the buttons, `reordered(order)` after a drag (the old
    indices in their new order), `removeRequested(index)`."""

    moveRequested = Signal(int, int)
    reordered = Signal(list)
    removeRequested = Signal(int)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        metrics = QFontMetrics(self.font())
        self.label = QLabel("Selected tools", self)
        set_tone(self.label, "subheading", theme)
        self.list = QListWidget(self)
        set_tone(self.list, FIELD, theme)
        set_accessible_text(
            self.list,
            "Selected tools, in order",
            "The persona's tools in the order the file lists them; drag a tool to move it",
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(metrics.lineSpacing() * LIST_LINES)
        self.list.setIconSize(icon_extent(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # A drop moves the row in the list's model; the text follows once the drop is over.
        self.list.model().rowsMoved.connect(lambda *_: QTimer.singleShot(0, self._dropped))
        self.list.currentRowChanged.connect(self._update_buttons)
        self.up = GlyphButton("up", "Move tool up", "Move the selected tool up", theme, self)
        self.down = GlyphButton(
            "down", "Move tool down", "Move the selected tool down", theme, self
        )
        self.remove = GlyphButton(
            "delete", "Remove tool", "Remove the selected tool from the list (Delete)", theme, self
        )
        for key in (QKeySequence.StandardKey.Delete, QKeySequence(Qt.Key.Key_Backspace)):
            delete = QShortcut(QKeySequence(key), self.list, self._remove)
            delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.up.clicked.connect(lambda: self._step(-1))
        self.down.clicked.connect(lambda: self._step(1))
        self.remove.clicked.connect(self._remove)
        hint = QLabel("Drag to reorder.", self)
        set_tone(hint, "note", theme)

        heading = QHBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.label, 1)
        for button in (self.up, self.down, self.remove):
            heading.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(metrics.height() // 2)
        layout.addLayout(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self._update_buttons()

    def names(self) -> list[str]:
        return [self.list.item(row).data(NAME_ROLE) for row in range(self.list.count())]

    def show_entries(self, entries: list[ToolEntry], target: Target | None = None) -> None:
        """Show the document's tools; each row's tooltip says what the tool does (as the
        picker's tree does) when `target`'s catalog knows it."""
        rows = [
            (entry.index, entry.label, entry.status.kind, tool_tip(entry, target))
            for entry in entries
        ]
        current = [
            (item.data(INDEX_ROLE), item.text(), item.data(KIND_ROLE), item.toolTip())
            for item in map(self.list.item, range(self.list.count()))
        ]
        self.label.setText(f"Selected tools ({len(entries)})")
        if rows == current:
            return
        row = self.list.currentRow()
        self.list.clear()
        for entry, (_index, _label, _kind, tip) in zip(entries, rows, strict=True):
            item = QListWidgetItem(entry.label)
            item.setData(NAME_ROLE, entry.name)
            item.setData(INDEX_ROLE, entry.index)
            item.setData(KIND_ROLE, entry.status.kind)
            item.setToolTip(tip)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            if entry.status.kind in ("renamed", "unknown"):
                item.setIcon(severity_icon(Severity.WARNING, self.theme))
            elif entry.status.kind == "unverified":
                item.setIcon(severity_icon(Severity.INFO, self.theme))
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self._update_buttons()

    def apply_theme(self, theme: Theme) -> None:
        """Severity icons are themed: the rows are rebuilt on the next `show_entries`."""
        self.theme = theme
        self.list.clear()

    def _update_buttons(self, *_: object) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < count - 1)
        self.remove.setEnabled(0 <= row < count)

    def _step(self, delta: int) -> None:
        row = self.list.currentRow()
        if row >= 0 and 0 <= row + delta < self.list.count():
            self.moveRequested.emit(row, row + delta)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.removeRequested.emit(row)

    def _dropped(self) -> None:
        order = [self.list.item(row).data(INDEX_ROLE) for row in range(self.list.count())]
        if order != sorted(order):
            self.reordered.emit(order)
