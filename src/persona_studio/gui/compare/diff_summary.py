"""The semantic summary beside the diff: keys, tools and sections added, removed, moved and
changed, as a tree. Each entry says what happened in words (never by colour alone); clicking an
entry that has a place in the text (a key, a section, the title) asks the window to go there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from persona_studio.core.document import Document
from persona_studio.core.semantic_diff import SemanticDiff
from persona_studio.gui.theme import Theme

TargetRole = Qt.ItemDataRole.UserRole + 1  # ("a" | "b", 0-based line) or None
KindRole = Qt.ItemDataRole.UserRole + 2  # "added", "removed", "changed", "moved", "renamed"

_COLOR_OF = {
    "added": "info",
    "removed": "error",
    "changed": "warning",
    "moved": "emphasis",
    "renamed": "emphasis",
    "reordered": "emphasis",
}


def _one_line(value: Any, limit: int = 90) -> str:
    text = "(none)" if value is None else " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key_line(document: Document, key: str) -> int | None:
    front = document.front_matter
    entry = front.entry(key) if front is not None else None
    return entry.key_span.line - 1 if entry is not None else None


def _section_line(document: Document, title: str) -> int | None:
    wanted = " ".join(title.split()).casefold()
    for section in document.sections:
        if " ".join(section.title.split()).casefold() == wanted:
            return section.heading_span.line - 1
    return None


class DiffSummary(QTreeWidget):
    """What changed in meaning. ``jumpRequested(side, line)``: side "a" or "b", 0-based line."""

    jumpRequested = Signal(str, int)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setAccessibleName("Summary of changes")
        self.setToolTip("What changed in meaning; click a key or section to go to it")
        self.setColumnCount(2)
        self.setHeaderLabels(["Item", "Change"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)

    # -- content --------------------------------------------------------------------------
    def set_summary(self, semantic: SemanticDiff, a: Document, b: Document) -> None:
        """Fill the tree from a semantic diff of documents ``a`` and ``b``."""
        self.clear()
        if semantic.equal:
            item = QTreeWidgetItem(self, ["No change in meaning", ""])
            item.setToolTip(0, "Keys, tools and sections are the same on both sides")
            item.setForeground(0, self._theme.color("muted"))
            return

        general = self._group("Title and description")
        if semantic.title is not None:
            before, after = semantic.title
            line = b.title.heading_span.line - 1 if b.title is not None else None
            self._entry(general, "Title", "changed", ("b", line), f"{before!s} → {after!s}")
        if semantic.intro_changed:
            line = b.title.heading_span.line - 1 if b.title is not None else None
            self._entry(general, "Text under the title", "changed", ("b", line))
        if semantic.description is not None:
            before, after = semantic.description
            detail = f"Before: {_one_line(before, 400)}\nAfter: {_one_line(after, 400)}"
            self._entry(
                general, "description", "changed", ("b", _key_line(b, "description")), detail
            )

        keys = self._group("Keys")
        for key in semantic.keys_added:
            self._entry(keys, key, "added", ("b", _key_line(b, key)))
        for key in semantic.keys_removed:
            self._entry(keys, key, "removed", ("a", _key_line(a, key)))
        for change in semantic.keys_changed:
            if change.key in ("description", "tools"):
                continue
            detail = f"Before: {_one_line(change.before)}\nAfter: {_one_line(change.after)}"
            self._entry(keys, change.key, "changed", ("b", _key_line(b, change.key)), detail)

        tools = self._group("Tools")
        tools_line_a, tools_line_b = _key_line(a, "tools"), _key_line(b, "tools")
        for name in semantic.tools_added:
            self._entry(tools, name, "added", ("b", tools_line_b))
        for name in semantic.tools_removed:
            self._entry(tools, name, "removed", ("a", tools_line_a))
        for old, new in semantic.tools_renamed:
            self._entry(tools, f"{old} → {new}", "renamed", ("b", tools_line_b))

        sections = self._group("Sections")
        for title in semantic.sections_added:
            self._entry(sections, title, "added", ("b", _section_line(b, title)))
        for title in semantic.sections_removed:
            self._entry(sections, title, "removed", ("a", _section_line(a, title)))
        for title in semantic.sections_moved:
            self._entry(sections, title, "moved", ("b", _section_line(b, title)))
        for change in semantic.sections_changed:
            target = ("b", _section_line(b, change.title))
            detail = None
            if change.level_before != change.level_after:
                detail = f"Heading level {change.level_before} → {change.level_after}"
            item = self._entry(sections, change.title, "changed", target, detail)
            for text in change.items.added:
                self._entry(item, _one_line(text), "added", target, f"Item added: {text}")
            for text in change.items.removed:
                self._entry(item, _one_line(text), "removed", target, f"Item removed: {text}")
            for text in change.items.reordered:
                self._entry(item, _one_line(text), "reordered", target, f"Item moved: {text}")

        for index in reversed(range(self.topLevelItemCount())):
            group = self.topLevelItem(index)
            if group.childCount() == 0:
                self.takeTopLevelItem(index)
            else:
                group.setText(0, f"{group.text(0)} ({group.childCount()})")
        self.expandAll()

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title, ""])
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _entry(
        self,
        parent: QTreeWidgetItem,
        name: str,
        kind: str,
        target: tuple[str, int | None],
        detail: str | None = None,
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [name, kind])
        item.setData(0, KindRole, kind)
        side, line = target
        item.setData(0, TargetRole, (side, line) if line is not None else None)
        where = "" if line is None else f" (line {line + 1} of {'A' if side == 'a' else 'B'})"
        tip = f"{name}: {kind}{where}"
        if detail:
            tip += "\n" + detail
        if line is not None:
            tip += "\nClick to go there"
        item.setToolTip(0, tip)
        item.setToolTip(1, tip)
        item.setForeground(1, self._theme.color(_COLOR_OF.get(kind, "text")))
        return item

    # -- reading back ---------------------------------------------------------------------
    def entries(self) -> list[tuple[str, str, str]]:
        """(group, name, change) of every entry, groups without their counts, depth first."""
        found: list[tuple[str, str, str]] = []

        def walk(item: QTreeWidgetItem, group: str) -> None:
            for index in range(item.childCount()):
                child = item.child(index)
                found.append((group, child.text(0), child.text(1)))
                walk(child, group)

        for index in range(self.topLevelItemCount()):
            top = self.topLevelItem(index)
            walk(top, top.text(0).rsplit(" (", 1)[0])
        return found

    def find(self, name: str, kind: str | None = None) -> QTreeWidgetItem | None:
        """The first entry with this name (and change kind)."""
        for item in self.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive):
            if kind is None or item.text(1) == kind:
                return item
        return None

    # -- theme and clicks -----------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        for index in range(self.topLevelItemCount()):
            self._recolor(self.topLevelItem(index))

    def _recolor(self, item: QTreeWidgetItem) -> None:
        kind = item.data(0, KindRole)
        if kind:
            item.setForeground(1, self._theme.color(_COLOR_OF.get(kind, "text")))
        for index in range(item.childCount()):
            self._recolor(item.child(index))

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TargetRole)
        if target:
            side, line = target
            self.jumpRequested.emit(side, int(line))
