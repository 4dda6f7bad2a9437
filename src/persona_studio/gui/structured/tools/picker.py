"""The tool picker: the catalog's tools for the document's target, grouped by tool set, with a
search box; the document's tools in their order (drag to reorder); legacy names with a one-click
migrate; MCP, extension and unknown names in groups of their own; a field to add any name.

Every tick, untick, move and migrate is one core edit on the `tools` value.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.document import Document
from persona_studio.core.edits import (
    add_tool,
    move_list_value,
    remove_list_value,
    replace_list_value,
    set_tools,
)
from persona_studio.core.errors import EditError
from persona_studio.core.structured.tools import (
    LEGACY_GROUP,
    ToolEntry,
    extra_group,
    migrate_all,
    migration,
    picker_names,
    single_move,
    tool_entries,
    tool_names,
)
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.style import FIELD
from persona_studio.gui.structured.tools.selected import SelectedTools
from persona_studio.gui.structured.tools.tree import EXTRA_ORDER, NAME_ROLE, ToolTree
from persona_studio.gui.structured.undo import local_first
from persona_studio.gui.structured.widgets import Notice, set_accessible_text, set_glyph, set_tone
from persona_studio.gui.theme import Theme

__all__ = ["NAME_ROLE", "ToolPicker"]


class ToolPicker(QWidget):
    """Catalog tree on the left, the document's tools in order on the right."""

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tree_key: tuple = ()
        self._entries: list[ToolEntry] = []
        theme = context.theme
        gap = QFontMetrics(self.font()).height() // 2

        self.no_tools = Notice("info", theme, self)
        self.legacy_notice = Notice("warning", theme, self)
        self.migrate_all_button = QPushButton("Migrate all", self.legacy_notice)
        set_accessible_text(
            self.migrate_all_button,
            "Migrate all legacy tool names",
            "Replace every legacy name with its current name (one undo step)",
        )
        self.migrate_all_button.clicked.connect(self.migrate_all)
        self.legacy_notice.buttons.addWidget(self.migrate_all_button)

        self.search = QLineEdit(self)
        set_tone(self.search, FIELD, theme)
        set_accessible_text(
            self.search, "Search tools", "Show only the tools whose name contains this text"
        )
        self.search.setPlaceholderText("Search tools")
        self.search.setClearButtonEnabled(True)
        search_icon = self.search.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
        search_icon.setText("Search")
        set_glyph(search_icon, "search", theme, "muted")

        self.tree = ToolTree(theme, self)
        self.search.textChanged.connect(self.tree.filter)
        self.tree.toggled.connect(self._toggled)
        self.tree.migrateRequested.connect(self._migrate_name)

        self.custom = QLineEdit(self)
        set_tone(self.custom, FIELD, theme)
        set_accessible_text(
            self.custom,
            "Custom tool name",
            "Any tool name, such as an MCP server's tools (server/*) or an extension's tool",
        )
        self.custom.setPlaceholderText("Add a custom tool: server/*, server/tool, publisher.tool")
        self.custom.returnPressed.connect(self._add_custom)
        local_first(self.custom)  # its typing undoes here; once added, Undo takes the add
        self.custom_button = QPushButton("Add tool", self)
        set_accessible_text(
            self.custom_button, "Add custom tool", "Add the name typed beside to the tools"
        )
        self.custom_button.clicked.connect(self._add_custom)

        self.order = SelectedTools(theme, self)
        self.order.moveRequested.connect(self._move)
        self.order.reordered.connect(self._reordered)
        self.order.removeRequested.connect(self._remove_at)
        self.selected = self.order.list

        left = QVBoxLayout()
        left.setSpacing(gap)
        left.addWidget(self.search)
        left.addWidget(self.tree, 1)
        custom_row = QHBoxLayout()
        custom_row.setSpacing(gap)
        custom_row.addWidget(self.custom, 1)
        custom_row.addWidget(self.custom_button)
        left.addLayout(custom_row)
        # Side by side where there is room, the selected tools below the catalog where not
        # (`set_narrow`, from the form's width).
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(gap * 2)
        columns.addLayout(left, 3)
        columns.addWidget(self.order, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(gap)
        layout.addWidget(self.no_tools)
        layout.addWidget(self.legacy_notice)
        layout.addLayout(columns)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    # -- public ---------------------------------------------------------------------------------
    def set_narrow(self, narrow: bool) -> None:
        """Stack the selected tools below the catalog (True) or show them beside it."""
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def is_narrow(self) -> bool:
        return self.columns.direction() == QBoxLayout.Direction.TopToBottom

    def set_checked(self, name: str, checked: bool) -> None:
        """Tick or untick a tool exactly as a click on its box does."""
        item = self.tree.find(name)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        else:
            self._toggled(name, checked)

    def is_checked(self, name: str) -> bool:
        item = self.tree.find(name)
        return item is not None and item.checkState(0) == Qt.CheckState.Checked

    def item(self, name: str) -> QTreeWidgetItem | None:
        return self.tree.find(name)

    def selected_names(self) -> list[str]:
        return self.order.names()

    def migrate(self, index: int) -> None:
        """Replace the legacy name at `index` of the tools list with its current names."""

        def make(document: Document):
            names = tool_names(document) or []
            if index >= len(names):
                raise EditError("That tool is no longer in the list")
            values = migration(names, index, self.context.target)
            return replace_list_value(document, "tools", index, values)

        self.context.apply(make)

    def migrate_all(self) -> None:
        """Replace every legacy name (one undo step)."""

        def make(document: Document):
            names = tool_names(document) or []
            new = migrate_all(names, self.context.target)
            return None if new == names else set_tools(document, new)

        self.context.apply(make)

    def apply_theme(self, theme: Theme) -> None:
        """Icons are themed: the tree and the list are rebuilt on the next refresh."""
        self.tree.apply_theme(theme)
        self.order.apply_theme(theme)
        self._tree_key = ()

    # -- refresh --------------------------------------------------------------------------------
    def refresh(self, document: Document) -> None:
        target = self.context.target
        self._entries = tool_entries(document, target)
        shown = picker_names(target)
        extras: dict[str, list[ToolEntry]] = {group: [] for group in EXTRA_ORDER}
        for entry in self._entries:
            group = extra_group(entry, shown)
            if group is not None and all(e.key != entry.key for e in extras[group]):
                extras[group].append(entry)
        tree_key = (
            target.id,
            tuple((g, tuple((e.index, e.label) for e in extras[g])) for g in EXTRA_ORDER),
        )
        if tree_key != self._tree_key:
            self.tree.rebuild(target, extras)
            self._tree_key = tree_key
        self._show_checks()
        self.order.show_entries(self._entries, self.context.target)
        legacy = sum(1 for entry in self._entries if entry.status.kind == "renamed")
        if extras[LEGACY_GROUP]:
            names, verb = ("name", "is") if legacy == 1 else ("names", "are")
            self.legacy_notice.show_text(
                f"{legacy} tool {names} in this file {verb} legacy for {target.label}. "
                "Migrate writes the current names instead."
            )
        else:
            self.legacy_notice.hide()
        front = document.front_matter
        if tool_names(document) is None and (front is None or front.error is None):
            self.no_tools.show_text(
                f"This file has no 'tools' key, so {target.label} gives the persona its default "
                "tools. Tick a tool to write a list of your own."
            )
        else:
            self.no_tools.hide()

    def _show_checks(self) -> None:
        present = {entry.key for entry in self._entries}
        self.tree.show_checks(present, present & set(self.context.target.tool_sets))

    # -- edits ----------------------------------------------------------------------------------
    def _toggled(self, name: str, checked: bool) -> None:
        def add(document: Document):
            entries = tool_entries(document, self.context.target)
            if any(name in (entry.key, entry.name) for entry in entries):
                return None
            return add_tool(document, name)

        def remove(document: Document):
            for entry in tool_entries(document, self.context.target):
                if name in (entry.key, entry.name):
                    return remove_list_value(document, "tools", entry.index)
            return None

        if not self.context.apply(add if checked else remove):
            self._show_checks()  # nothing changed: show the text's state again

    def _migrate_name(self, name: str) -> None:
        for entry in self._entries:
            if entry.name == name:
                self.migrate(entry.index)
                return

    def _add_custom(self) -> None:
        name = self.custom.text().strip()
        if not name:
            return
        if any(name in (entry.name, entry.key) for entry in self._entries):
            self.context.message.emit(f"'{name}' is already in the tools list")
            return
        if self.context.apply(lambda document: add_tool(document, name)):
            self.custom.setText("")  # (not clear(): its undo would bring the name back)

    def _move(self, source: int, destination: int) -> None:
        if self.context.apply(
            lambda document: move_list_value(document, "tools", source, destination)
        ):
            self.selected.setCurrentRow(destination)

    def _remove_at(self, row: int) -> None:
        if self.context.apply(lambda document: remove_list_value(document, "tools", row)):
            self.selected.setCurrentRow(min(row, self.selected.count() - 1))

    def _reordered(self, order: list[int]) -> None:
        """After a drag: move the dragged name in the text to where it was dropped."""
        move = single_move(order)

        def make(document: Document):
            names = tool_names(document) or []
            if sorted(order) != list(range(len(names))):
                return None
            if move is not None:
                return move_list_value(document, "tools", *move)
            return set_tools(document, [names[index] for index in order])

        if not self.context.apply(make):
            self.selected.clear()  # show the text's order again
            self.order.show_entries(self._entries, self.context.target)
        elif move is not None:
            self.selected.setCurrentRow(move[1])
