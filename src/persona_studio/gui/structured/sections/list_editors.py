"""The editors of list sections: a bullet list (add, remove, move items) and a priority list
(each item a ranking `A > B > C`, edited as ranked parts or as one line of text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

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
from persona_studio.gui.structured.widgets import (
    CommitLineEdit,
    GlyphButton,
    set_accessible_text,
    set_glyph,
    set_tone,
)


class ItemRow(QWidget):
    """One list item: its text (one field, or ranked parts) and move/remove buttons."""

    def __init__(self, editor: ListEditor, ranked: bool) -> None:
        super().__init__(editor)
        self.editor = editor
        self.ranked = ranked
        self.index = 0
        theme = editor.context.theme
        spacing = gap(self)
        self.marker = QLabel(self)
        set_tone(self.marker, "marker", theme)
        self.marker.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.marker.setMinimumWidth(QFontMetrics(self.font()).horizontalAdvance("00."))
        self.content = QHBoxLayout()
        self.content.setSpacing(spacing // 2)
        self.line: CommitLineEdit | None = None
        self.parts: list[CommitLineEdit] = []
        self._remove_actions: list = []
        self._hovered: QObject | None = None
        self.add_part: GlyphButton | None = None
        if ranked:
            self.add_part = GlyphButton(
                "add", "Add a ranked part", "Add a part at the end of this ranking", theme, self
            )
            self.add_part.clicked.connect(lambda: editor.add_part(self.index))
        else:
            self.line = CommitLineEdit("Item", "The item's text", theme, self)
            self.line.committed.connect(lambda text, final: editor.commit_item(self.index, text))
            self.content.addWidget(self.line, 1)
        self.up = GlyphButton("up", "Move item up", "Move this item up", theme, self)
        self.down = GlyphButton("down", "Move item down", "Move this item down", theme, self)
        self.remove = GlyphButton("delete", "Remove item", "Remove this item", theme, self)
        self.up.clicked.connect(lambda: editor.move_item(self.index, -1))
        self.down.clicked.connect(lambda: editor.move_item(self.index, 1))
        self.remove.clicked.connect(lambda: editor.remove_item(self.index))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing // 2)
        layout.addWidget(self.marker)
        layout.addLayout(self.content, 1)
        if self.add_part is not None:
            layout.addWidget(self.add_part)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        layout.addSpacing(spacing // 2)
        layout.addLayout(buttons)

    def set_item(self, index: int, item: ListItem, count: int, own_edit: bool) -> None:
        self.index = index
        self.marker.setText("•" if item.marker in "-*+" else item.marker)
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < count - 1)
        number = f"item {index + 1}"
        if self.line is not None:
            self.line.setAccessibleName(f"Item {index + 1}")
            self.line.set_value(item.text, own_edit=own_edit)
            return
        parts = split_ranks(item.text)
        if len(parts) != len(self.parts):
            self._build_parts(len(parts))
        for position, (field, part) in enumerate(zip(self.parts, parts, strict=True)):
            field.setAccessibleName(f"Rank {position + 1} of {number}")
            field.set_value(part, own_edit=own_edit)
        self._update_actions()

    def _update_actions(self) -> None:
        """A part's remove button shows while the part is hovered or has the focus."""
        several = len(self.parts) > 1
        for field, action in zip(self.parts, self._remove_actions, strict=True):
            action.setVisible(several and (field is self._hovered or field.hasFocus()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Enter:
            self._hovered = watched
            self._update_actions()
        elif kind == QEvent.Type.Leave:
            self._hovered = None
            self._update_actions()
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._update_actions()
        return False

    def _build_parts(self, count: int) -> None:
        while self.content.count():
            widget = self.content.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.parts = []
        self._remove_actions = []
        self._hovered = None
        theme = self.editor.context.theme
        for position in range(count):
            if position:
                arrow = QLabel(">", self)
                set_tone(arrow, "rank", theme)
                arrow.setToolTip(
                    "Ranked above: the part on the left wins over the part on the right"
                )
                self.content.addWidget(arrow)
            field = CommitLineEdit(
                f"Rank {position + 1}",
                "One ranked choice; the ones on the left win. Clear it to remove it.",
                theme,
                self,
            )
            field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            field.committed.connect(
                lambda text, final, p=position: self.editor.commit_part(self.index, p, text, final)
            )
            action = field.addAction(QIcon(), QLineEdit.ActionPosition.TrailingPosition)
            set_glyph(action, "remove", theme, "muted")
            action.setText("Remove this part")
            action.setToolTip("Remove this part")
            action.triggered.connect(
                lambda _=False, p=position: self.editor.remove_part(self.index, p)
            )
            self._remove_actions.append(action)
            field.installEventFilter(self)
            self.content.addWidget(field, 1)
            self.parts.append(field)

    def focus_text(self, part: int = 0) -> None:
        if self.line is not None:
            self.line.setFocus()
        elif self.parts:
            self.parts[min(part, len(self.parts) - 1)].setFocus()


class ListEditor(SectionBody):
    """A bullet list, or a priority list (ranked parts, or whole items as text)."""

    def __init__(
        self, context: FormContext, locate: Locate, title: str, kind: str, parent=None
    ) -> None:
        super().__init__(context, locate, parent)
        self.kind = kind
        self.as_text = kind != PRIORITY
        self.rows: list[ItemRow] = []
        theme = context.theme
        spacing = gap(self)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(spacing // 2)
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
            self.too_long.setText(
                f"This list has {len(items):,} items, too many to edit here: edit this long"
                " list in Source."
            )
            self.empty.setVisible(False)
            return
        ranked = not self.as_text
        if self.rows and self.rows[0].ranked != ranked:
            self._clear_rows()
        while len(self.rows) > len(items):
            row = self.rows.pop()
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        while len(self.rows) < len(items):
            row = ItemRow(self, ranked)
            self.rows_layout.addWidget(row)
            self.rows.append(row)
        for index, (row, item) in enumerate(zip(self.rows, items, strict=True)):
            row.set_item(index, item, len(items), own_edit)
        self.empty.setVisible(not items)

    def _edit_in_source(self) -> None:
        if self.view is not None:
            self.context.sourceWanted.emit(self.view.section.content_span.start)

    def _clear_rows(self) -> None:
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []

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
