"""The persona's sections in the form: the title and introduction, one card per section in
document order (moved, removed and added through core edits), and a row to add a section."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.document import Document
from persona_studio.core.edits import add_section
from persona_studio.core.errors import EditError
from persona_studio.core.structured.sections import (
    SectionView,
    insertion_anchor,
    missing_sections,
    section_views,
)
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.sections.cards import SectionCard
from persona_studio.gui.structured.sections.intro import IntroCard
from persona_studio.gui.structured.style import FIELD, Box
from persona_studio.gui.structured.undo import local_first
from persona_studio.gui.structured.widgets import set_accessible_text, set_glyph, set_tone

CUSTOM = "Custom section…"


class SectionsPanel(QWidget):
    """The title card, one card per section, and the add-section row."""

    reveal = Signal(QWidget)  # a card to scroll into view

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cards: list[SectionCard] = []
        self._narrow = False
        self._narrow_pending = False
        unit = QFontMetrics(self.font()).height()
        self.intro = IntroCard(context, self)
        self.cards_layout = QVBoxLayout()
        self.cards_layout.setSpacing(unit * 3 // 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(unit * 3 // 4)
        layout.addWidget(self.intro)
        layout.addLayout(self.cards_layout)
        layout.addWidget(self._add_row())

    def _add_row(self) -> QWidget:
        theme = self.context.theme
        frame = Box(self)
        set_tone(frame, "addRow", theme)
        unit = QFontMetrics(frame.font()).height()
        row = QGridLayout(frame)
        row.setContentsMargins(unit, unit // 2, unit, unit // 2)
        row.setSpacing(unit // 2)
        self._add_layout = row
        label = QLabel("Add a section", frame)
        self.add_combo = QComboBox(frame)
        set_accessible_text(
            self.add_combo,
            "Section to add",
            "A schema section the persona lacks (it goes to its place in the schema order), "
            "or a custom section",
        )
        self.add_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.add_combo.currentIndexChanged.connect(self._combo_changed)
        self.custom_title = QLineEdit(frame)
        set_tone(self.custom_title, FIELD, theme)
        set_accessible_text(
            self.custom_title, "Custom section title", "The heading of the new section"
        )
        self.custom_title.setPlaceholderText("Section title")
        self.custom_title.returnPressed.connect(self.add_chosen)
        local_first(self.custom_title)
        self.custom_title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_button = QPushButton("Add section", frame)
        set_glyph(self.add_button, "add", theme)
        set_accessible_text(self.add_button, "Add section", "Add the chosen section to the persona")
        self.add_button.clicked.connect(self.add_chosen)
        label.setBuddy(self.add_combo)
        self._add_label = label
        self._add_frame = frame
        self._place_add_row(narrow=False)
        return frame

    def _place_add_row(self, narrow: bool) -> None:
        """Wide: label, choice, title and button on one line. Narrow: the title and the button
        on a line of their own, so the title field keeps room to type in."""
        row = self._add_layout
        for widget in (self._add_label, self.add_combo, self.custom_title, self.add_button):
            row.removeWidget(widget)
        for column in range(4):
            row.setColumnStretch(column, 0)
        row.addWidget(self._add_label, 0, 0)
        if narrow:
            row.addWidget(self.add_combo, 0, 1, 1, 2)
            row.addWidget(self.custom_title, 1, 0, 1, 2)
            row.addWidget(self.add_button, 1, 2)
            row.setColumnStretch(1, 1)
        else:
            row.addWidget(self.add_combo, 0, 1)
            row.addWidget(self.custom_title, 0, 2)
            row.addWidget(self.add_button, 0, 3)
            row.setColumnStretch(2, 1)

    # -- refresh --------------------------------------------------------------------------------
    def refresh(self, document: Document) -> None:
        own = self.context.own_edit
        self.intro.update_document(document, own)
        views = section_views(document, self.context.schema)
        pool: dict[tuple[str, str], list[SectionCard]] = {}
        for card in self.cards:
            pool.setdefault(card.signature, []).append(card)
        cards = []
        for view in views:
            reusable = pool.get((view.title, view.mode))
            card = reusable.pop(0) if reusable else self._new_card(view)
            cards.append(card)
        for leftovers in pool.values():
            for card in leftovers:
                self.cards_layout.removeWidget(card)
                card.deleteLater()
        if cards != self.cards:
            for position, card in enumerate(cards):
                if self.cards_layout.indexOf(card) != position:
                    self.cards_layout.removeWidget(card)
                    self.cards_layout.insertWidget(position, card)
        self.cards = cards
        for card, view in zip(cards, views, strict=True):
            card.update_view(view, document, own, len(views))
        self._update_add_row(document)

    def make_if_near(self) -> None:
        """Make the parts that wait to be seen (list cards, list rows) near the screen now."""
        for card in self.cards:
            card.make_if_near()

    def set_narrow(self, narrow: bool) -> None:
        """Reflow the cards' headers for a narrow form (True) or a wide one. A card that waits
        to be reached hears of it once the width has settled (a window that opens goes through
        a few widths, narrow ones among them, and a narrow card is made at once)."""
        if narrow != self._narrow:
            self._place_add_row(narrow)
        self._narrow = narrow
        for card in self.cards:
            if card.made:
                card.set_narrow(narrow)
        if not self._narrow_pending:
            self._narrow_pending = True
            QTimer.singleShot(0, self, self._narrow_waiting)

    def _narrow_waiting(self) -> None:
        self._narrow_pending = False
        for card in self.cards:
            if not card.made:
                card.set_narrow(self._narrow)

    def _new_card(self, view: SectionView) -> SectionCard:
        card = SectionCard(self.context, view, self)
        card.set_narrow(self._narrow)
        card.reveal.connect(self.reveal)
        card.removed.connect(self.focus_after_removal)
        return card

    def _update_add_row(self, document: Document) -> None:
        missing = missing_sections(document, self.context.schema)
        wanted = [
            (spec.title + (" (required)" if spec.required else ""), spec.title) for spec in missing
        ]
        wanted.append((CUSTOM, None))
        current = [
            (self.add_combo.itemText(i), self.add_combo.itemData(i))
            for i in range(self.add_combo.count())
        ]
        if current != wanted:
            chosen = self.add_combo.currentData()
            self.add_combo.blockSignals(True)
            self.add_combo.clear()
            for text, data in wanted:
                self.add_combo.addItem(text, data)
            index = self.add_combo.findData(chosen) if chosen is not None else -1
            self.add_combo.setCurrentIndex(max(0, index))
            self.add_combo.blockSignals(False)
        self._combo_changed()

    def _combo_changed(self, *_: object) -> None:
        self.custom_title.setVisible(self.add_combo.currentData() is None)

    # -- actions --------------------------------------------------------------------------------
    def card(self, title: str) -> SectionCard | None:
        wanted = title.strip().casefold()
        return next((c for c in self.cards if c.view.title.strip().casefold() == wanted), None)

    def add_chosen(self) -> None:
        chosen = self.add_combo.currentData()
        title = chosen if chosen is not None else " ".join(self.custom_title.text().split())
        if not title:
            self.context.message.emit("Type a title for the new section first")
            self.custom_title.setFocus()
            return
        self.add(title)

    def add(self, title: str) -> bool:
        """Add a section: a schema section at its place in the schema order, any other at the
        end. Returns True when added."""
        schema = self.context.schema

        def make(document: Document):
            if any(
                v.title.strip().casefold() == title.casefold()
                for v in section_views(document, schema)
            ):
                raise EditError(f"The persona already has a section '{title}'")
            before = insertion_anchor(document, schema, title)
            return add_section(document, title, level=schema.section_level, before=before)

        if not self.context.apply(make):
            return False
        self.custom_title.setText("")  # (not clear(): its undo would bring the title back)
        card = self.card(title)
        if card is not None:
            card.body.focus_first()
            self.reveal.emit(card)
        return True

    def focus_after_removal(self, ordinal: int) -> None:
        if self.cards:
            card = self.cards[min(ordinal, len(self.cards) - 1)]
            card.remove.setFocus()
            self.reveal.emit(card)
        else:
            self.add_combo.setFocus()
