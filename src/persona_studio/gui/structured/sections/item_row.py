"""One row of a list section's editor: the item's marker, its text (one field, or the ranked
parts of a priority) and its move and remove buttons. The list editor (`list_editors`) makes
the rows and makes the edits they ask for."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from persona_studio.core.outline import ListItem
from persona_studio.core.structured.sections import split_ranks
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.sections.body import gap
from persona_studio.gui.structured.widgets import CommitLineEdit, GlyphButton, set_glyph, set_tone


class RowOwner(Protocol):
    """What a row asks of its list editor (`list_editors.ListEditor`)."""

    context: FormContext

    def commit_item(self, index: int, text: str) -> None: ...
    def commit_part(self, index: int, part: int, text: str, final: bool) -> None: ...
    def add_part(self, index: int) -> None: ...
    def remove_part(self, index: int, part: int) -> None: ...
    def move_item(self, index: int, delta: int) -> None: ...
    def remove_item(self, index: int) -> None: ...


class ItemRow(QWidget):
    """One list item: its text (one field, or ranked parts) and move/remove buttons."""

    def __init__(self, editor: RowOwner, ranked: bool, parent: QWidget) -> None:
        super().__init__(parent)
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
        self.marker.setText(marker_text(item))
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

    def focusables(self) -> list[QWidget]:
        """The row's controls in the order they stand: the text (or the ranked parts), the
        add-part button, then move up, move down and remove."""
        text: list[QWidget] = [self.line] if self.line is not None else list(self.parts)
        extra = [self.add_part] if self.add_part is not None else []
        return [*text, *extra, self.up, self.down, self.remove]


def marker_text(item: ListItem) -> str:
    """What a row shows before an item: a bullet, or the item's number as written."""
    return "•" if item.marker in "-*+" else item.marker
