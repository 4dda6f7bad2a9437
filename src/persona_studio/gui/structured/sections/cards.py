"""A section's card in the form: a header (title, kind, required, move and remove) over the
editor of the section's kind.

A list section's card is made when the user gets to it, as a list's rows are (`row_slot`): the
cards below the first screen are most of the form (some 95 KB each), and nobody has seen them
yet. Until then the card is an empty box that takes exactly the room the made card would take,
measured on a sample card made and let go at once, so the form's height, its scroll bar and
every card's place are the same. It is made when it comes near the screen, when Tab reaches it,
or when anything asks for its parts (`title`, `body`, ...). A card whose height would follow its
width (a wrapped title or note) is made at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics
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
    BULLETS,
    KIND_LABELS,
    MARKDOWN,
    PRIORITY,
    QUESTION,
    SectionView,
    siblings,
)
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.frames import title_label
from persona_studio.gui.structured.sections.editors import SectionBody, make_body, room_key
from persona_studio.gui.structured.sections.waiting import (
    Waiting,
    focusables,
    near_view,
    order_tabs,
    show_made,
    tab_stop_before,
    tab_stops,
)
from persona_studio.gui.structured.style import Box
from persona_studio.gui.structured.widgets import Chip, GlyphButton, set_tone

# The kinds whose card waits to be reached: a list's or a question's height does not follow the
# card's width. (A text box fits its height to its wrapped text once laid out: made at once.)
WAITING_MODES: tuple[str, ...] = (PRIORITY, BULLETS, QUESTION)


@dataclass
class _Parts:
    title_box: QBoxLayout
    title: QLabel
    up: GlyphButton
    down: GlyphButton
    remove: GlyphButton
    note: QLabel
    body: SectionBody


T = TypeVar("T")


class _Part(Generic[T]):
    """One of a card's parts, by name: asking for it makes the card."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, card: SectionCard, owner: type | None = None) -> T:
        part: T = getattr(card._made_parts(), self.name)
        return part


@dataclass
class _Room:
    """A waiting card's size hints, measured on a sample made from the same inputs."""

    key: tuple[object, ...]
    hint: QSize
    minimum: QSize


class SectionCard(Waiting, Box):
    """One section: header (title, kind, required, move and remove) and its editor."""

    reveal = Signal(QWidget)  # this card, moved: scroll it into view
    removed = Signal(int)  # the section was removed; its ordinal

    def __init__(
        self, context: FormContext, view: SectionView, parent: QWidget, *, wait: bool = True
    ) -> None:
        super().__init__(parent)
        self._narrow = False
        self._parts: _Parts | None = None
        self._shown: tuple[Document, bool, int] | None = None  # the last update_view's
        self._room: _Room | None = None
        self.context = context
        self.view = view
        self.signature = (view.title, view.mode)
        set_tone(self, "card", context.theme)
        if wait and view.mode in WAITING_MODES:
            self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab comes here, and on to the parts
        else:
            self.make()

    # -- the parts, made when the user gets to them -------------------------------------------
    @property
    def made(self) -> bool:
        return self._parts is not None

    title_box = _Part[QBoxLayout]()
    title = _Part[QLabel]()
    up = _Part[GlyphButton]()
    down = _Part[GlyphButton]()
    remove = _Part[GlyphButton]()
    note = _Part[QLabel]()
    body = _Part[SectionBody]()

    def _made_parts(self) -> _Parts:
        self.make()
        assert self._parts is not None
        return self._parts

    def make(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        """Make the card's parts now, in the room it held (nothing moves). Should the card have
        the keyboard focus, it goes on to the first control (the last, for Shift+Tab: `reason`)."""
        if self._parts is not None:
            return
        late = self.focusPolicy() != Qt.FocusPolicy.NoFocus  # it stood in the Tab order
        self._parts = self._make_parts()
        self._room = None
        self._apply_narrow()
        if self._shown is not None:
            self.update_view(self.view, *self._shown)
        if late:  # its parts take its place in the Tab order
            order_tabs(tab_stop_before(self), tab_stops(self))
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if self.isVisible():
            show_made(self)
        if self.hasFocus():
            controls = focusables(self)
            if controls:
                backwards = reason == Qt.FocusReason.BacktabFocusReason
                controls[-1 if backwards else 0].setFocus(reason)
        self.updateGeometry()

    def make_if_near(self) -> None:
        """Make the card if it is on screen or about to be, then what its editor keeps waiting
        (a list's rows)."""
        if self._parts is None and near_view(self):
            self.make()
        if self._parts is not None:
            self._parts.body.make_if_near()

    def _make_parts(self) -> _Parts:
        view = self.view
        theme = self.context.theme
        unit = QFontMetrics(self.font()).height()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(unit, unit * 3 // 4, unit * 3 // 4, unit)
        layout.setSpacing(unit // 2)

        header = QHBoxLayout()
        header.setSpacing(unit // 2)
        # The title and its chips side by side, or the chips below the title on a narrow form
        # (`set_narrow`); the move and remove buttons stay at the right either way.
        title_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        title_box.setSpacing(unit // 2)
        chips = QHBoxLayout()
        chips.setSpacing(unit // 2)
        spec = view.spec
        title = title_label(view.title or "(untitled)", self, theme, 1.08)
        title.setToolTip(spec.help if spec is not None else "A section outside the schema")
        title.setAccessibleName(f"Section {view.title}")
        # A title stays on one line beside its chips (a wrapped label's second line had no room
        # in the header row and was cut off); on a narrow form, with the chips below it, a long
        # title wraps rather than push the buttons out of reach (`set_narrow`).
        title.setWordWrap(False)
        title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        title_box.addWidget(title)
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
        title_box.addLayout(chips, 1)
        header.addLayout(title_box, 1)
        up = GlyphButton("up", f"Move {view.title} up", "Move this section up", theme, self)
        down = GlyphButton("down", f"Move {view.title} down", "Move this section down", theme, self)
        remove = GlyphButton(
            "delete",
            f"Remove {view.title}",
            "Remove this section (Undo brings it back)",
            theme,
            self,
        )
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        for button in (up, down, remove):
            buttons.addWidget(button)
        header.addLayout(buttons)
        header.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        note = QLabel(self)
        set_tone(note, "note", theme)
        note.setWordWrap(True)
        layout.addWidget(note)
        body = make_body(self.context, self._locate, view, self)
        layout.addWidget(body)
        return _Parts(title_box, title, up, down, remove, note, body)

    # -- the room of a card not made yet -------------------------------------------------------
    def _hold_room(self) -> None:
        """Measure the room of the made card on a sample made from the same inputs (once per
        inputs that change it); a card whose height would follow its width is made instead."""
        if self._parts is not None or self._shown is None:
            return
        key = self._room_key()
        if self._room is not None and self._room.key == key:
            return
        sample = SectionCard(self.context, self.view, self.parentWidget() or self, wait=False)
        try:
            sample.set_narrow(self._narrow)
            sample.update_view(self.view, *self._shown)
            sample.ensurePolished()
            follows_width = sample.hasHeightForWidth()
            room = _Room(key, sample.sizeHint(), sample.minimumSizeHint())
        finally:
            sample._parts = None  # (its parts go with it; nothing holds the sample)
            shiboken6.delete(sample)
        if follows_width:
            self.make()
            return
        self._room = room
        self.updateGeometry()

    def _room_key(self) -> tuple[object, ...]:
        """What the made card's size depends on (besides the font): its title, kind and note,
        the form's width class, and its editor's (`editors.room_key`)."""
        view = self.view
        spec = view.spec
        assert self._shown is not None
        return (
            view.title,
            view.mode,
            spec is not None,
            spec is not None and spec.required,
            _note_text(view),
            self._narrow,
            self.font().key(),
            self.style().name(),
            room_key(view, self._shown[0]),
        )

    def sizeHint(self) -> QSize:
        if self._parts is None and self._room is not None:
            return QSize(self._room.hint)
        return super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        if self._parts is None and self._room is not None:
            return QSize(self._room.minimum)
        return super().minimumSizeHint()

    # -- what may bring it into view ----------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._parts is None:
            self.make(event.reason())

    def changeEvent(self, event: QEvent) -> None:
        """Another font or style: a card not made yet takes another room."""
        super().changeEvent(event)
        kinds = (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        if self._parts is None and event.type() in kinds:
            self._hold_room()

    def waiting(self) -> bool:
        return self._parts is None

    def came_near(self) -> None:
        self.make_if_near()

    # -- showing the section --------------------------------------------------------------------
    def set_narrow(self, narrow: bool) -> None:
        """Put the chips below the title (True) or beside it."""
        self._narrow = narrow
        if self._parts is None and narrow:
            self.make()  # a wrapped title: its height would follow the width
        elif self._parts is None:
            self._hold_room()
        else:
            self._apply_narrow()

    def _apply_narrow(self) -> None:
        assert self._parts is not None
        title_box, title = self._parts.title_box, self._parts.title
        direction = (
            QBoxLayout.Direction.TopToBottom if self._narrow else QBoxLayout.Direction.LeftToRight
        )
        if title_box.direction() != direction:
            title_box.setDirection(direction)
            title.setWordWrap(self._narrow)

    def _locate(self, document: Document) -> Section:
        return self.context.section(document, self.view.ordinal, self.view.title)

    def update_view(self, view: SectionView, document: Document, own_edit: bool, count: int):
        self.view = view
        self._shown = (document, own_edit, count)
        if self._parts is None:
            self._hold_room()
            return
        note = _note_text(view)
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


def _note_text(view: SectionView) -> str:
    """The note above a section's editor: why it is edited as it is."""
    if view.spec is None:
        return "Not a section of the persona schema; edited as Markdown."
    if view.mode == MARKDOWN and not view.reason:
        return "Edited as Markdown."
    return view.reason
