"""The card of a list or question section is made when the user gets to it (scrolling, Tab, a
jump to the section, anything that asks for its parts), not when the form opens: until then it
takes exactly the room the made card would take. What the user sees and can do is the same as
with every card made at once: the form's height and scroll range, each card's place, the pixels
at any scroll position, the Tab order, and what each card holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from _form_layout import layout_of, open_form, settle, steady, type_in_source
from _shared import LIBRARY
from _shared import SEED as SEED_PATH
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.sections import cards
from persona_studio.gui.structured.sections.cards import SectionCard
from persona_studio.gui.theme import DARK

SEED = SEED_PATH.read_text(encoding="utf-8")
PERSONAS = sorted(LIBRARY.glob("*.md"))
WIDE, NARROW = (700, 900), (300, 500)


@pytest.fixture
def eager_form(qtbot, monkeypatch):
    """A form whose cards are all made as it opens (as before cards waited to be reached)."""

    def make(text: str, width: int, height: int) -> StructuredEditor:
        with monkeypatch.context() as patch:
            patch.setattr(cards, "WAITING_MODES", ())
            editor = open_form(qtbot, text, width, height)
        assert _waiting(editor) == []
        return editor

    return make


def _waiting(editor: StructuredEditor) -> list[str]:
    return [card.view.title for card in editor.sections.cards if not card.made]


def _card(editor: StructuredEditor, title: str) -> SectionCard:
    card = editor.sections.card(title)
    assert card is not None
    return card


def _seen(qtbot, editor: StructuredEditor) -> dict:
    """The settled layout without the list editors' own rectangles (a card not made has none)."""
    steady(qtbot, editor)
    return {key: value for key, value in layout_of(editor).items() if key != "lists"}


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_the_form_stands_as_with_every_card_made(qtbot, eager_form, persona, size):
    text = persona.read_text(encoding="utf-8")
    lazy = open_form(qtbot, text, *size)
    eager = eager_form(text, *size)
    if size == NARROW:
        assert _waiting(lazy) == []  # a narrow card's wrapped title follows the width: made
    assert _seen(qtbot, lazy) == _seen(qtbot, eager)
    for card in lazy.sections.cards:  # made now: nothing moves
        card.make()
    assert steady(qtbot, lazy) == steady(qtbot, eager)


def test_the_seed_waits_for_the_cards_below_its_first_screen(qtbot):
    editor = open_form(qtbot, SEED, *WIDE)
    waiting = _waiting(editor)
    assert "When to Use This Persona" in waiting and "Focus Areas" in waiting
    assert "Core Belief" not in waiting  # a text box fits its wrapped text: made at once
    for title in waiting:
        assert not _card(editor, title).made  # (asking the form for a card does not make it)


def test_scrolling_shows_the_same_pixels_as_with_every_card_made(qtbot, eager_form):
    lazy, eager = open_form(qtbot, SEED, 700, 600), eager_form(SEED, 700, 600)
    assert _waiting(lazy)
    assert lazy.grab().toImage() == eager.grab().toImage()
    bar = lazy.scroll.verticalScrollBar()
    assert bar.maximum() > 3 * bar.pageStep()
    for value in range(bar.pageStep() // 2, bar.maximum() + bar.pageStep(), bar.pageStep() // 2):
        for editor in (lazy, eager):
            editor.scroll.verticalScrollBar().setValue(value)
        # No wait: the cards come as the form scrolls, before anything paints.
        assert lazy.grab().toImage() == eager.grab().toImage(), f"at {value}"
    assert _waiting(lazy) == []


def _walk(qtbot, editor: StructuredEditor, start: QWidget, key: Qt.Key, count: int) -> list[str]:
    """Where `count` presses of `key` take the focus from `start`: each stop's card and name."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is start
    stops = []
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), key)
        focus = QApplication.focusWidget()
        assert not isinstance(focus, SectionCard)  # a card passes the focus on at once
        card = next((c for c in editor.sections.cards if c.isAncestorOf(focus)), None)
        stops.append(f"{card.view.title if card else '-'}: {focus.accessibleName()}")
    return stops


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab], ids=["tab", "shift-tab"])
def test_tab_goes_through_cards_not_made_yet_as_through_made_ones(qtbot, eager_form, key):
    lazy, eager = open_form(qtbot, SEED, 700, 600), eager_form(SEED, 700, 600)
    waiting = _waiting(lazy)
    assert waiting
    walks = []
    for editor in (lazy, eager):
        start = _card(editor, "Core Belief").remove
        walks.append(_walk(qtbot, editor, start, key, 300))
    assert walks[0] == walks[1]
    for title in waiting:  # each card was reached, and Tab went on through its parts
        assert f"{title}: Remove {title}" in walks[0]
    assert "Decision Pattern: Rank 1 of item 1" in walks[0]


def test_a_card_not_made_follows_the_text_and_comes_up_to_date(qtbot, eager_form):
    lazy, eager = open_form(qtbot, SEED, 700, 600), eager_form(SEED, 700, 600)
    card = _card(lazy, "Tech Stack Focus")
    assert not card.made
    height = card.sizeHint().height()
    for editor in (lazy, eager):
        type_in_source(editor, "- PostgreSQL", "- Caches: Valkey\n")
    settle(qtbot)
    assert not card.made
    assert card.sizeHint().height() > height  # room for one row more
    assert _seen(qtbot, lazy) == _seen(qtbot, eager)
    texts = [row.line.text() for row in card.body.rows]
    assert texts[texts.index("Caches: Valkey") + 1].startswith("PostgreSQL")


def test_a_jump_to_a_section_makes_its_card_and_puts_the_cursor_in_it(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    editor.activateWindow()
    card = _card(editor, "Key Practices")
    assert not card.made
    assert editor.focus_section("Key Practices")
    assert card.made
    assert QApplication.focusWidget() is card.body.rows[0].line
    qtbot.waitUntil(lambda: not card.body.rows[0].line.visibleRegion().isEmpty())


def test_a_card_made_late_works_like_one_made_at_once(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    card = _card(editor, "Communication Style")
    assert not card.made
    editor.scroll.ensureWidgetVisible(card)  # scrolled to
    assert card.made and card.isVisible() and card.title.isVisible()
    assert card.title.text() == "Communication Style"
    assert not card.note.isVisible()  # hidden on purpose: no note for this section
    qtbot.mouseClick(card.up, Qt.MouseButton.LeftButton)  # moved above Problem Solving Approach
    titles = [c.view.title for c in editor.sections.cards]
    assert titles.index("Communication Style") < titles.index("Problem Solving Approach")
    assert editor.session.text().index("## Communication Style") < editor.session.text().index(
        "## Problem Solving Approach"
    )


def test_a_card_made_after_a_theme_change_looks_as_one_made_before_it(qtbot, eager_form):
    lazy, eager = open_form(qtbot, SEED, 700, 600), eager_form(SEED, 700, 600)
    last = "When to Use This Persona"
    assert last in _waiting(lazy)
    for editor in (lazy, eager):
        editor.apply_theme(DARK)
        bar = editor.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
    settle(qtbot)
    assert last not in _waiting(lazy)  # made now, in the dark theme
    assert lazy.grab().toImage() == eager.grab().toImage()
