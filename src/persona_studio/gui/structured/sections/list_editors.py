"""The editors of list sections: a bullet list (add, remove, move items) and a priority list
(each item a ranking `A > B > C`, edited as ranked parts or as one line of text)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from persona_studio.core.document import Document
from persona_studio.core.edits import (
    add_list_item,
    move_list_item,
    remove_list_item,
    set_list_item,
)
from persona_studio.core.outline import ListItem, Section
from persona_studio.core.structured.sections import (
    PRIORITY,
    SectionView,
    join_ranks,
    split_ranks,
)
from persona_studio.core.text.showable import long_list
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.sections.body import Locate, SectionBody, gap, views_of
from persona_studio.gui.structured.sections.item_row import ItemRow, marker_text
from persona_studio.gui.structured.sections.row_slot import RowSlot
from persona_studio.gui.structured.widgets import set_accessible_text, set_glyph, set_tone

__all__ = ["ItemRow", "ListEditor"]

# A sample row's size hint and minimum, by what they depend on (`_row_key`, the font, the style).
_ROW_ROOMS: dict[tuple[object, ...], tuple[QSize, QSize]] = {}


class ListEditor(SectionBody):
    """A bullet list, or a priority list (ranked parts, or whole items as text)."""

    def __init__(
        self, context: FormContext, locate: Locate, title: str, kind: str, parent=None
    ) -> None:
        super().__init__(context, locate, parent)
        self.kind = kind
        self.as_text = kind != PRIORITY
        self._rows: list[ItemRow] = []
        self._made = False  # the rows are made when the user gets to them (`row_slot`)
        theme = context.theme
        spacing = gap(self)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(spacing // 2)
        # Made first: its place in the Tab order is the rows' (after the card's header).
        self.slot = RowSlot(self.make_rows, self.make_if_near, self)
        self.rows_layout.addWidget(self.slot)
        self.empty = QLabel("No items yet.", self)
        set_tone(self.empty, "note", theme)
        self.add_button = QPushButton("Add item", self)
        set_glyph(self.add_button, "add", theme)
        set_accessible_text(
            self.add_button, f"Add item to {title}", f"Add an item at the end of '{title}'"
        )
        self.add_button.clicked.connect(self.add_item)
        footer = QHBoxLayout()
        footer.setSpacing(spacing)
        footer.addWidget(self.add_button)
        self.text_toggle: QPushButton | None = None
        if kind == PRIORITY:
            self.text_toggle = QPushButton("Edit as text", self)
            set_glyph(self.text_toggle, "text", theme)
            self.text_toggle.setCheckable(True)
            set_accessible_text(
                self.text_toggle,
                "Edit rankings as text",
                "Edit each ranking as one line of text (A > B > C) instead of ranked parts",
            )
            self.text_toggle.toggled.connect(self._toggle_text)
            footer.addWidget(self.text_toggle)
        footer.addStretch(1)
        # A list too long for one row per item: a note and a way to the Source view.
        self.too_long = QLabel(self)
        self.too_long.setTextFormat(Qt.TextFormat.PlainText)
        self.too_long.setWordWrap(True)
        set_tone(self.too_long, "note", theme)
        self.to_source = QPushButton("Edit in Source", self)
        set_glyph(self.to_source, "text", theme)
        set_accessible_text(
            self.to_source, f"Edit {title} in Source", f"Show '{title}' in the Source view"
        )
        self.to_source.clicked.connect(self._edit_in_source)
        footer.insertWidget(0, self.to_source)
        self.too_long.hide()
        self.to_source.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        layout.addLayout(self.rows_layout)
        layout.addWidget(self.empty)
        layout.addWidget(self.too_long)
        layout.addLayout(footer)
        self._document: Document | None = None

    def update_view(self, view: SectionView, document: Document, own_edit: bool) -> None:
        super().update_view(view, document, own_edit)
        self._document = document
        items = view.section.items
        long = long_list(len(items))
        self.too_long.setVisible(long)
        self.to_source.setVisible(long)
        self.add_button.setVisible(not long)
        if self.text_toggle is not None:
            self.text_toggle.setVisible(not long)
        if long:  # one row per item would take the GUI thread for minutes
            self._clear_rows()
            self.slot.release()
            self.too_long.setText(
                f"This list has {len(items):,} items, too many to edit here: edit this long"
                " list in Source."
            )
            self.empty.setVisible(False)
            return
        self.empty.setVisible(not items)
        if self._made:
            self._show_items(items, own_edit)
        elif items:
            self._hold_room(items)
        else:
            self.slot.release()

    # -- rows, made when the user gets to them ------------------------------------------------
    @property
    def rows(self) -> list[ItemRow]:
        """The item rows, in order (made now if they were waiting to be seen)."""
        self.make_rows()
        return self._rows

    def make_rows(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        """Make the rows now (they take the room their slot held, so nothing moves). Should
        the slot have the keyboard focus, it goes on to the first row's first control (the
        last row's last, for Shift+Tab: `reason`)."""
        if self._made:
            return
        self._made = True
        view = self.view
        layout = self.layout()
        # Laid out once, when the slot is gone (showing a row would lay the list out with
        # both, and the card around it would grow and shrink back a moment later).
        layout.setEnabled(False)
        try:
            if view is not None and not long_list(len(view.section.items)):
                self._show_items(view.section.items, own_edit=False)
        finally:
            if self.slot.hasFocus():  # before the slot hides (that would pass the focus on)
                controls = [widget for row in self._rows for widget in row.focusables()]
                controls = [widget for widget in controls if widget.isEnabled()]
                if controls:
                    backwards = reason == Qt.FocusReason.BacktabFocusReason
                    controls[-1 if backwards else 0].setFocus(reason)
            self.slot.release()
            layout.setEnabled(True)
            layout.activate()  # the rows in place before anything paints or scrolls to them

    def make_if_near(self) -> None:
        """Make the rows if they are on screen or about to be (see `RowSlot.near_view`)."""
        if not self._made and self.slot.near_view():
            self.make_rows()

    def changeEvent(self, event: QEvent) -> None:
        """Another font or style: the rows not made yet take another room."""
        super().changeEvent(event)
        kinds = (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        waiting = not self._made and self.slot.isVisibleTo(self) and self.view is not None
        if event.type() in kinds and waiting:
            assert self.view is not None
            self._hold_room(self.view.section.items)

    def _hold_room(self, items: list[ListItem]) -> None:
        """Let the slot take the rows' room, measured on a sample row as wide as the widest."""
        ranked = not self.as_text
        widest = _widest(items, ranked)
        ranked, parts, marker = _row_key(items, ranked)
        key = (ranked, parts, marker, self.font().key(), self.style().name())
        if key not in _ROW_ROOMS:  # (the same for every list of the form: measured once)
            sample = ItemRow(self, ranked, self)
            sample.set_item(0, widest, 1, own_edit=False)
            sample.marker.setText(marker)
            _ROW_ROOMS[key] = (sample.sizeHint(), sample.minimumSizeHint())
            shiboken6.delete(sample)
        hint, minimum = _ROW_ROOMS[key]
        self.slot.hold(len(items), self.rows_layout.spacing(), hint, minimum)

    def _show_items(self, items: list[ListItem], own_edit: bool) -> None:
        ranked = not self.as_text
        if self._rows and self._rows[0].ranked != ranked:
            self._clear_rows()
        while len(self._rows) > len(items):
            row = self._rows.pop()
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        made = len(self._rows) < len(items)
        while len(self._rows) < len(items):
            row = ItemRow(self, ranked, self)
            self.rows_layout.addWidget(row)
            self._rows.append(row)
        for index, (row, item) in enumerate(zip(self._rows, items, strict=True)):
            row.set_item(index, item, len(items), own_edit)
        if made or ranked:  # (new rows, or new ranked parts)
            self._order_tabs()
        for row in self._rows:
            if row.isHidden():
                row.show()  # now, not when the layout would (rows made late are seen at once)

    def _order_tabs(self) -> None:
        """Tab goes through the rows top to bottom, each row left to right, between the card's
        header and the list's buttons (where the slot stands), however late a row was made."""
        previous: QWidget = self.slot
        for row in self._rows:
            for widget in row.focusables():
                QWidget.setTabOrder(previous, widget)
                previous = widget

    def _edit_in_source(self) -> None:
        if self.view is not None:
            self.context.sourceWanted.emit(self.view.section.content_span.start)

    def _clear_rows(self) -> None:
        for row in self._rows:
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self._rows = []

    def _toggle_text(self, checked: bool) -> None:
        self.as_text = checked
        self._clear_rows()
        self._reload_view()

    def _reload_view(self) -> None:
        """Re-read the section from the current snapshot (after a toggle)."""
        document = self.context.session.snapshot
        for view in views_of(self.context, document):
            if self.view is not None and view.ordinal == self.view.ordinal:
                self.update_view(view, document, False)

    def focus_first(self) -> None:
        if self.rows:
            self.rows[0].focus_text()
        else:
            self.add_button.setFocus()

    # -- edits (called by the rows) ----------------------------------------------------------
    def commit_item(self, index: int, text: str) -> None:
        def make(document: Document, section: Section):
            if index >= len(section.items) or section.items[index].text == " ".join(text.split()):
                return None
            return set_list_item(document, section, index, text)

        self._apply(make)

    def commit_part(self, index: int, part: int, text: str, final: bool) -> None:
        def make(document: Document, section: Section):
            if index >= len(section.items):
                return None
            parts = split_ranks(section.items[index].text)
            value = text.strip()
            if part >= len(parts):
                parts.append(value)
            elif not value and final and len(parts) > 1:
                del parts[part]
            else:
                parts[part] = value
            new = join_ranks(parts)
            if new == section.items[index].text:
                return None
            return set_list_item(document, section, index, new)

        self._apply(make)

    def add_part(self, index: int) -> None:
        def make(document: Document, section: Section):
            parts = split_ranks(section.items[index].text)
            return set_list_item(document, section, index, join_ranks([*parts, ""]))

        if self._apply(make) and index < len(self.rows):
            self.rows[index].focus_text(len(self.rows[index].parts) - 1)

    def remove_part(self, index: int, part: int) -> None:
        def make(document: Document, section: Section):
            parts = split_ranks(section.items[index].text)
            if len(parts) < 2 or part >= len(parts):
                return None
            del parts[part]
            return set_list_item(document, section, index, join_ranks(parts))

        if self._apply(make) and index < len(self.rows):
            self.rows[index].focus_text(max(0, part - 1))

    def add_item(self) -> None:
        if (
            self._apply(lambda document, section: add_list_item(document, section, ""))
            and self.rows
        ):
            self.rows[-1].focus_text()

    def remove_item(self, index: int) -> None:
        if not self._apply(lambda document, section: remove_list_item(document, section, index)):
            return
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].remove.setFocus()
        else:
            self.add_button.setFocus()

    def move_item(self, index: int, delta: int) -> None:
        destination = index + delta

        def make(document: Document, section: Section):
            if not 0 <= destination < len(section.items):
                return None
            return move_list_item(document, section, index, destination)

        if self._apply(make) and 0 <= destination < len(self.rows):
            row = self.rows[destination]
            button = row.up if delta < 0 else row.down
            (button if button.isEnabled() else row.remove).setFocus()


def list_room_key(view: SectionView) -> tuple[object, ...]:
    """What the room of a list section's editor, as first shown, depends on (besides the font):
    how many items, and the sample row its rows are measured on."""
    items = view.section.items
    count = len(items)
    if not items or long_list(count):
        return (count, long_list(count))
    return (count, False, *_row_key(items, ranked=view.mode == PRIORITY))


def _widest(items: list[ListItem], ranked: bool) -> ListItem:
    """The item whose row is the widest: the one with the most ranked parts (or the first)."""
    return max(items, key=lambda item: len(split_ranks(item.text))) if ranked else items[0]


def _row_key(items: list[ListItem], ranked: bool) -> tuple[bool, int, str]:
    """What a sample row's size depends on (besides the font): ranked or not, the widest item's
    number of parts, and the longest marker."""
    parts = len(split_ranks(_widest(items, ranked).text)) if ranked else 0
    marker = max((marker_text(item) for item in items), key=len)
    return (ranked, parts, marker)
