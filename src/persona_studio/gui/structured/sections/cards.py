"""A section's card in the form: a header (title, kind, required, move and remove) over the
editor of the section's kind."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.document import Document
from persona_studio.core.edits import move_section, remove_section
from persona_studio.core.outline import Section
from persona_studio.core.structured.sections import (
    KIND_LABELS,
    MARKDOWN,
    SectionView,
    siblings,
)
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.frames import title_label
from persona_studio.gui.structured.sections.editors import SectionBody, make_body
from persona_studio.gui.structured.style import Box
from persona_studio.gui.structured.widgets import Chip, GlyphButton, set_tone


class SectionCard(Box):
    """One section: header (title, kind, required, move and remove) and its editor."""

    reveal = Signal(QWidget)  # this card, moved: scroll it into view
    removed = Signal(int)  # the section was removed; its ordinal

    def __init__(self, context: FormContext, view: SectionView, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.view = view
        self.signature = (view.title, view.mode)
        theme = self.context.theme
        set_tone(self, "card", theme)
        unit = QFontMetrics(self.font()).height()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(unit, unit * 3 // 4, unit * 3 // 4, unit)
        layout.setSpacing(unit // 2)

        header = QHBoxLayout()
        header.setSpacing(unit // 2)
        # The title and its chips side by side, or the chips below the title on a narrow form
        # (`set_narrow`); the move and remove buttons stay at the right either way.
        self.title_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.title_box.setSpacing(unit // 2)
        chips = QHBoxLayout()
        chips.setSpacing(unit // 2)
        spec = view.spec
        self.title = title_label(view.title or "(untitled)", self, theme, 1.08)
        self.title.setToolTip(spec.help if spec is not None else "A section outside the schema")
        self.title.setAccessibleName(f"Section {view.title}")
        # A title stays on one line beside its chips (a wrapped label's second line had no room
        # in the header row and was cut off); on a narrow form, with the chips below it, a long
        # title wraps rather than push the buttons out of reach (`set_narrow`).
        self.title.setWordWrap(False)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title_box.addWidget(self.title)
        kind = KIND_LABELS[view.mode]
        if spec is None:
            chip = Chip(
                "Custom",
                "This section is not in the persona schema: edited as Markdown",
                theme,
                self,
            )
        else:
            chip = Chip(kind, f"Edited as a {kind.lower()}", theme, self)
        chips.addWidget(chip)
        if spec is not None and spec.required:
            chips.addWidget(
                Chip(
                    "Required",
                    "The persona schema expects this section",
                    theme,
                    self,
                    kind="requiredChip",
                )
            )
        chips.addStretch(1)
        self.title_box.addLayout(chips, 1)
        header.addLayout(self.title_box, 1)
        self.up = GlyphButton("up", f"Move {view.title} up", "Move this section up", theme, self)
        self.down = GlyphButton(
            "down", f"Move {view.title} down", "Move this section down", theme, self
        )
        self.remove = GlyphButton(
            "delete",
            f"Remove {view.title}",
            "Remove this section (Undo brings it back)",
            theme,
            self,
        )
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        header.addLayout(buttons)
        header.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.note = QLabel(self)
        set_tone(self.note, "note", theme)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.body: SectionBody = make_body(self.context, self._locate, view, self)
        layout.addWidget(self.body)

    def set_narrow(self, narrow: bool) -> None:
        """Put the chips below the title (True) or beside it."""
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.title_box.direction() != direction:
            self.title_box.setDirection(direction)
            self.title.setWordWrap(narrow)

    def _locate(self, document: Document) -> Section:
        return self.context.section(document, self.view.ordinal, self.view.title)

    def update_view(self, view: SectionView, document: Document, own_edit: bool, count: int):
        self.view = view
        note = view.reason
        if view.spec is None:
            note = "Not a section of the persona schema; edited as Markdown."
        elif view.mode == MARKDOWN and not note:
            note = "Edited as Markdown."
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.body.update_view(view, document, own_edit)
        self._update_moves(document)

    def _update_moves(self, document: Document) -> None:
        group = siblings(document, self.context.schema, self.view.section)
        index = next(
            (i for i, other in enumerate(group) if other.span == self.view.section.span), 0
        )
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < len(group) - 1)

    def _move(self, delta: int) -> None:
        def make(document: Document):
            section = self._locate(document)
            group = siblings(document, self.context.schema, section)
            index = next(i for i, other in enumerate(group) if other.span == section.span)
            if not 0 <= index + delta < len(group):
                return None
            return move_section(document, section, index + delta)

        if self.context.apply(make):
            button = self.up if delta < 0 else self.down
            (button if button.isEnabled() else (self.down if delta < 0 else self.up)).setFocus()
            self.reveal.emit(self)

    def _remove(self) -> None:
        ordinal = self.view.ordinal
        if self.context.apply(lambda document: remove_section(document, self._locate(document))):
            self.removed.emit(ordinal)
