"""The catalog side of the tool picker: the target's tools grouped by tool set, each with a check
box, plus groups for the document's names the catalog groups do not list (legacy names with a
Migrate button, MCP and extension tools, unknown names). It only shows; the picker edits."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QStyleFactory,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QWidget,
)

from persona_studio.core.catalog import Target
from persona_studio.core.catalog.descriptions import tool_description
from persona_studio.core.lint import Severity
from persona_studio.core.structured.tools import (
    ACCEPTED_GROUP,
    LEGACY_GROUP,
    MCP_GROUP,
    UNKNOWN_GROUP,
    ToolEntry,
)
from persona_studio.gui import keep_viewport
from persona_studio.gui.icons import severity_icon
from persona_studio.gui.structured.glyphs import CheckStyle
from persona_studio.gui.structured.style import FIELD
from persona_studio.gui.structured.widgets import (
    icon_extent,
    set_accessible_text,
    set_glyph,
    set_tone,
)
from persona_studio.gui.theme import Theme, palette_for

NAME_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
TIP_ROLE = Qt.ItemDataRole.UserRole + 3
EXTRA_ORDER = (LEGACY_GROUP, ACCEPTED_GROUP, MCP_GROUP, UNKNOWN_GROUP)
EXTRA_TIPS = {
    LEGACY_GROUP: "Names the target has renamed; Migrate writes the current names in their place",
    ACCEPTED_GROUP: "Names the target accepts that the catalog groups do not list",
    MCP_GROUP: "MCP server and extension tools: they can only be checked where they are installed",
    UNKNOWN_GROUP: "Names the target does not know: it will ignore them or warn about them",
}
TREE_LINES = 16

Member = tuple[str, str, ToolEntry | None]  # (name, label, the document's entry)


class ToolTree(QTreeWidget):
    """Emits `toggled(name, checked)` when the user ticks or unticks a tool, and
    `migrateRequested(name)` when a legacy name's Migrate button is pressed."""

    toggled = Signal(str, bool)
    migrateRequested = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_accessible_text(
            self,
            "Available tools",
            "Tick a tool to add it to the persona's tools; untick it to remove it",
        )
        self.theme = theme
        self._updating = False
        self._expanded: dict[str, bool] = {}  # the user's choice per group
        self._needle = ""
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setAnimated(False)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(QFontMetrics(self.font()).lineSpacing() * TREE_LINES)
        self._check_style = CheckStyle(QStyleFactory.create(self.style().name()), theme)
        keep_viewport(self)  # the style draws on it: met before, without a search
        self.setStyle(self._check_style)
        set_tone(self, FIELD, theme)
        self.setIconSize(icon_extent(self))
        self.itemChanged.connect(self._item_changed)
        self.itemExpanded.connect(lambda item: self._remember(item, True))
        self.itemCollapsed.connect(lambda item: self._remember(item, False))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._check_style.theme = theme
        for button in self.findChildren(QToolButton):
            button.setPalette(palette_for(theme))

    # -- showing -----------------------------------------------------------------------------
    def rebuild(self, target: Target, extras: dict[str, list[ToolEntry]]) -> None:
        """Build the groups: legacy names first, then the catalog's groups, then the rest."""
        groups: list[tuple[str, list[Member]]] = []
        if extras[LEGACY_GROUP]:
            groups.append((LEGACY_GROUP, [(e.name, e.label, e) for e in extras[LEGACY_GROUP]]))
        for group, members in target.tool_groups():
            groups.append((group, [(name, name, None) for name in members]))
        for group in EXTRA_ORDER[1:]:
            if extras[group]:
                groups.append((group, [(e.key, e.label, e) for e in extras[group]]))
        scroll = self.verticalScrollBar().value()
        self._updating = True
        try:
            self._retire_items()
            for group, members in groups:
                self._add_group(target, group, members)
        finally:
            self._updating = False
        self.filter(self._needle)
        self.verticalScrollBar().setValue(scroll)

    def _retire_items(self) -> None:
        """Take every item out, freed a turn of the event loop later: a tick on an item can be
        what rebuilds the tree (its name moves to another group), and that item is still inside
        its own setCheckState then (freed at once, as `clear` would, it is used after)."""
        retired = [self.takeTopLevelItem(0) for _ in range(self.topLevelItemCount())]
        QTimer.singleShot(0, retired.clear)

    def _add_group(self, target: Target, group: str, members: list[Member]) -> None:
        warning = severity_icon(Severity.WARNING, self.theme)
        info = severity_icon(Severity.INFO, self.theme)
        header = QTreeWidgetItem(self, [group])
        header.setData(0, GROUP_ROLE, group)
        bold = QFont(self.font())
        bold.setBold(True)
        header.setFont(0, bold)
        if group in target.tool_sets:
            header.setData(0, NAME_ROLE, group)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            header.setCheckState(0, Qt.CheckState.Unchecked)
            tip = f"Tool set '{group}': ticking it gives the persona all {len(members)} tools"
            about = tool_description(group, target)
            tip += f"\n{about}" if about else ""
        else:
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            tip = EXTRA_TIPS.get(group, f"{group}: tools that are not in a tool set")
        header.setData(0, TIP_ROLE, tip)
        header.setToolTip(0, tip)
        if group in (LEGACY_GROUP, UNKNOWN_GROUP):
            header.setIcon(0, warning)
        elif group == MCP_GROUP:
            header.setIcon(0, info)
        for name, label, entry in members:
            child = QTreeWidgetItem(header, [label])
            child.setData(0, NAME_ROLE, name)
            child.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            child.setCheckState(0, Qt.CheckState.Unchecked)
            status = entry.status if entry is not None else target.classify_tool(name)
            about = tool_description(name, target)
            tip = "\n".join(
                [name]
                + ([about] if about else [])
                + ([f"In the tool set '{status.tool_set}'."] if status.tool_set else [])
                + ([status.note] if status.note else [])
            )
            child.setData(0, TIP_ROLE, tip)
            child.setToolTip(0, tip)
            if status.kind in ("renamed", "unknown"):
                child.setIcon(0, warning)
            elif status.kind == "unverified":
                child.setIcon(0, info)
            if entry is not None and status.kind == "renamed":
                self.setItemWidget(child, 1, self._migrate_button(entry))
        header.setExpanded(self._expanded.get(group, group in EXTRA_ORDER))

    def _migrate_button(self, entry: ToolEntry) -> QToolButton:
        button = QToolButton(self)
        # The window's colours, not the tree's (a palette reaches the children of its widget).
        button.setPalette(palette_for(self.theme))
        button.setText("Migrate")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        set_glyph(button, "migrate", self.theme)
        set_accessible_text(
            button,
            f"Migrate {entry.name}",
            f"Write {', '.join(entry.status.replacements)} in place of {entry.name}",
        )
        button.clicked.connect(lambda _=False, name=entry.name: self.migrateRequested.emit(name))
        return button

    def show_checks(self, present: set[str], sets: set[str]) -> None:
        """Tick the names in `present`; members of a ticked tool set are shown as included."""
        self._updating = True
        try:
            muted, text = self.theme.color("muted"), self.theme.color("text")
            for top in range(self.topLevelItemCount()):
                header = self.topLevelItem(top)
                total = header.childCount()
                whole = header.data(0, NAME_ROLE) in sets  # the set itself is named
                chosen = (
                    total
                    if whole
                    else sum(
                        1 for i in range(total) if header.child(i).data(0, NAME_ROLE) in present
                    )
                )
                header.setText(1, f"{chosen} of {total}" if chosen else "")
                header.setToolTip(1, f"{chosen} of the {total} tools in this group are selected")
                header.setForeground(1, muted)
            for item in self._items():
                name = item.data(0, NAME_ROLE)
                if name is None:
                    continue
                state = Qt.CheckState.Checked if name in present else Qt.CheckState.Unchecked
                if item.parent() is None and name not in present and _some_members(item, present):
                    state = Qt.CheckState.PartiallyChecked  # a tool set with some tools chosen
                if item.checkState(0) != state:
                    item.setCheckState(0, state)
                parent = item.parent()
                via = parent is not None and parent.data(0, NAME_ROLE) in sets
                item.setForeground(0, muted if via and name not in present else text)
                tip = item.data(0, TIP_ROLE)
                if via and name not in present:
                    tip += f"\nIncluded through the tool set '{parent.data(0, NAME_ROLE)}'."
                item.setToolTip(0, tip)
        finally:
            self._updating = False

    def filter(self, text: str) -> None:
        """Show only the tools whose name (or group name) contains `text`."""
        self._needle = needle = text.strip().casefold()
        self._updating = True
        try:
            for top in range(self.topLevelItemCount()):
                header = self.topLevelItem(top)
                group_hit = bool(needle) and needle in header.text(0).casefold()
                visible = 0
                for index in range(header.childCount()):
                    child = header.child(index)
                    hit = not needle or group_hit or needle in child.text(0).casefold()
                    child.setHidden(not hit)
                    visible += hit
                header.setHidden(bool(needle) and not group_hit and not visible)
                group = header.data(0, GROUP_ROLE)
                default = self._expanded.get(group, group in EXTRA_ORDER)
                header.setExpanded(bool(visible) if needle else default)
        finally:
            self._updating = False

    def find(self, name: str) -> QTreeWidgetItem | None:
        return next((item for item in self._items() if item.data(0, NAME_ROLE) == name), None)

    def _items(self):
        iterator = QTreeWidgetItemIterator(self)
        while iterator.value():
            yield iterator.value()
            iterator += 1

    # -- user actions ---------------------------------------------------------------------------
    def _remember(self, item: QTreeWidgetItem, expanded: bool) -> None:
        if not self._updating and not self._needle and item.parent() is None:
            self._expanded[item.data(0, GROUP_ROLE)] = expanded

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        name = item.data(0, NAME_ROLE)
        if self._updating or column != 0 or name is None:
            return
        self.toggled.emit(name, item.checkState(0) == Qt.CheckState.Checked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete (or Backspace) unticks the current tool, as a click on its box does."""
        item = self.currentItem()
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and item is not None
            and item.data(0, NAME_ROLE) is not None
            and item.checkState(0) != Qt.CheckState.Unchecked
        ):
            item.setCheckState(0, Qt.CheckState.Unchecked)
            event.accept()
            return
        super().keyPressEvent(event)


def _some_members(header: QTreeWidgetItem, present: set[str]) -> bool:
    return any(header.child(i).data(0, NAME_ROLE) in present for i in range(header.childCount()))
