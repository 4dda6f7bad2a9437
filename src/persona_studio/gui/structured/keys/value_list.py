"""An ordered list of names for one key (a model fallback list, the agents a persona may call,
skills, disallowed tools): add from the names the profile knows, remove, move up and down. Each
change is one span edit of the list as it is written; a single name stays a plain value until a
second one is added."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.document import Document
from persona_studio.core.edits import (
    COMMA_LIST_KEYS,
    add_list_value,
    move_list_value,
    remove_field,
    remove_list_value,
    set_field,
    set_list,
)
from persona_studio.core.errors import EditError
from persona_studio.gui.structured import undo
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.style import FIELD
from persona_studio.gui.structured.widgets import GlyphButton, set_accessible_text, set_tone


def list_of(key: str, value: Any) -> list[str]:
    """The names a value holds: a list's items, a comma-separated string's parts, or one name."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    text = str(value)
    if key in COMMA_LIST_KEYS or "," in text:
        return [part.strip() for part in text.split(",") if part.strip()]
    return [text] if text.strip() else []


class ValueListEditor(QWidget):
    """The names of `key` in order, with a box to add one (offered names complete it)."""

    def __init__(
        self,
        key: str,
        name: str,
        tooltip: str,
        context: FormContext,
        parent: QWidget | None = None,
        *,
        describe: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.context = context
        self.describe = describe or (lambda _name: "")
        self.setAccessibleName(name)
        self.setToolTip(tooltip)
        theme = context.theme
        self.list = _KeyedList(self)
        set_accessible_text(self.list, name, tooltip)
        set_tone(self.list, FIELD, theme)  # a list view takes the field look (`ViewStyle`)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.up = GlyphButton("up", f"Move up ({name})", "Move the selected name up", theme, self)
        self.down = GlyphButton(
            "down", f"Move down ({name})", "Move the selected name down", theme, self
        )
        self.remove = GlyphButton(
            "remove", f"Remove ({name})", "Remove the selected name (Delete)", theme, self
        )
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.remove.clicked.connect(self.remove_selected)
        self.input = QComboBox(self)
        self.input.setEditable(True)
        # Long names must not widen the form: the box takes the width the layout gives it.
        self.input.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.input.setMinimumContentsLength(12)
        self.input.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        set_accessible_text(self.input, f"Add to {name}", f"Type or pick a name to add to {key}")
        line = self.input.lineEdit()
        assert line is not None
        line.setPlaceholderText("Type or pick a name, then Add")
        undo.local_first(line)  # its typing first, then Undo takes back an Add in the document
        line.returnPressed.connect(self.add_typed)
        self.add = QPushButton("Add", self)
        set_accessible_text(self.add, f"Add to {name}", f"Add the name to {key}")
        self.add.clicked.connect(self.add_typed)

        # The move and remove buttons stand beside the list, the entry box and Add below it: two
        # short rows, so the editor fits a narrow form.
        buttons = self._buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(0)
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.list, 1)
        top.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.input, 1)
        bottom.addWidget(self.add)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(bottom)
        self._values: list[str] = []
        self._suggestions: list[str] = []
        self._update_buttons()

    # -- showing --------------------------------------------------------------------------------
    def values(self) -> list[str]:
        return list(self._values)

    def set_values(self, values: list[str], suggestions: list[str]) -> None:
        if values != self._values:
            row = self.list.currentRow()
            self.list.clear()
            for value in values:
                item = QListWidgetItem(value)
                about = self.describe(value)
                if about:
                    item.setToolTip(f"{value}\n{about}")
                self.list.addItem(item)
            self._values = list(values)
            if 0 <= row < len(values):
                self.list.setCurrentRow(row)
        # An empty list shows only its entry box and Add: one row, not an empty box as tall as
        # the move and remove buttons beside it.
        for part in (self.list, self.up, self.down, self.remove):
            part.setHidden(not values)
        if values:
            rows = min(len(values), 6)
            # As tall as its rows, and at least as tall as the buttons beside it.
            fitted = self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 2
            self.list.setFixedHeight(max(fitted, self._buttons.sizeHint().height()))
        offered = [name for name in suggestions if name not in values]
        if offered != self._suggestions:
            text = self.input.currentText()
            self.input.clear()
            for name in offered:
                self.input.addItem(name)
                about = self.describe(name)
                if about:
                    self.input.setItemData(
                        self.input.count() - 1, about, Qt.ItemDataRole.ToolTipRole
                    )
            self.input.setEditText(text)
            self._suggestions = offered
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < self.list.count() - 1)
        self.remove.setEnabled(row >= 0)

    # -- edits ----------------------------------------------------------------------------------
    def add_typed(self) -> None:
        text = self.input.currentText().strip()
        if not text:
            return
        if self.add_value(text):
            self.input.setEditText("")

    def add_value(self, text: str) -> bool:
        key = self.key

        def make(document: Document):
            value = document.data.get(key)
            current = list_of(key, value)
            if text in current:
                raise EditError(f"'{text}' is already in {key}")
            if value is None or value == "" or value == []:
                spec = self.context.target.key(key)
                if spec is not None and spec.type == "string-or-string-list":
                    return set_field(document, key, text)  # one name stays a plain value
                return set_list(document, key, [text])
            if isinstance(value, str) and key not in COMMA_LIST_KEYS:
                return set_list(document, key, [*current, text])
            return add_list_value(document, key, text)

        added = self.context.apply(make)
        if added:
            self.list.setCurrentRow(self.list.count() - 1)
        return added

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        key = self.key

        def make(document: Document):
            value = document.data.get(key)
            current = list_of(key, value)
            if not 0 <= row < len(current):
                return None
            if len(current) == 1:
                return remove_field(document, key)
            if isinstance(value, str) and key not in COMMA_LIST_KEYS:
                return set_list(document, key, current[:row] + current[row + 1 :])
            return remove_list_value(document, key, row)

        if self.context.apply(make) and self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self.list.setFocus()

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        key = self.key
        if self.context.apply(lambda document: move_list_value(document, key, row, target)):
            self.list.setCurrentRow(target)


class _KeyedList(QListWidget):
    """Delete removes the selected name; Alt+Up and Alt+Down move it."""

    def __init__(self, editor: ValueListEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.editor.remove_selected()
        elif alt and key == Qt.Key.Key_Up:
            self.editor.move_selected(-1)
        elif alt and key == Qt.Key.Key_Down:
            self.editor.move_selected(1)
        else:
            super().keyPressEvent(event)
