"""The rows of a list section are made when the user gets to them (scrolling, Tab, a jump to the
section), not when the form opens: until then a slot takes exactly their room. What the user sees
and can do is the same as with every row made at once: the form's height and scroll range, each
card's place, the pixels at any scroll position, and every row's fields and buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from _form_layout import open_form, settle, steady, type_in_source
from _shared import LIBRARY
from _shared import SEED as SEED_PATH
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.sections import cards
from persona_studio.gui.structured.sections.list_editors import ListEditor
from persona_studio.gui.structured.sections.row_slot import RowSlot

SEED = SEED_PATH.read_text(encoding="utf-8")
PERSONAS = sorted(LIBRARY.glob("*.md"))


@pytest.fixture
def eager(monkeypatch):
    """Every list makes its rows as the form opens (as before rows waited to be reached)."""
    monkeypatch.setattr(ListEditor, "_hold_room", lambda self, _items: self.make_rows())
    monkeypatch.setattr(cards, "WAITING_MODES", ())  # cards made at once too


def _lists(editor: StructuredEditor) -> list[ListEditor]:
    """Every list editor (a card not made yet is made: these tests are about the rows)."""
    return [card.body for card in editor.sections.cards if isinstance(card.body, ListEditor)]


def _waiting(editor: StructuredEditor) -> list[str]:
    return [body.view.title for body in _lists(editor) if not body._made]


@pytest.mark.parametrize("size", [(700, 900), (300, 500)], ids=["wide", "narrow"])
@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_the_form_stands_as_with_every_row_made(qtbot, monkeypatch, persona, size):
    text = persona.read_text(encoding="utf-8")
    lazy = open_form(qtbot, text, *size)
    assert _waiting(lazy), "the lists below the first screen wait to be reached"
    with monkeypatch.context() as patch:
        patch.setattr(ListEditor, "_hold_room", lambda self, _items: self.make_rows())
        patch.setattr(cards, "WAITING_MODES", ())  # cards made at once too
        eager = open_form(qtbot, text, *size)
    assert _waiting(eager) == []
    assert steady(qtbot, lazy) == steady(qtbot, eager)
    for body in _lists(lazy):  # made now: nothing moves
        body.make_rows()
    assert steady(qtbot, lazy) == steady(qtbot, eager)


def test_scrolling_shows_the_same_pixels_as_with_every_row_made(qtbot, eager_form):
    lazy, eager = open_form(qtbot, SEED, 700, 600), eager_form(700, 600)
    assert lazy.grab().toImage() == eager.grab().toImage()
    waiting = _waiting(lazy)
    assert waiting
    for editor in (lazy, eager):
        bar = editor.scroll.verticalScrollBar()
        assert bar.maximum() > 3 * bar.pageStep()
    bar = lazy.scroll.verticalScrollBar()
    for value in range(bar.pageStep(), bar.maximum() + bar.pageStep(), bar.pageStep()):
        for editor in (lazy, eager):
            editor.scroll.verticalScrollBar().setValue(value)
        # No wait: the rows come as the form scrolls, before anything paints.
        assert lazy.grab().toImage() == eager.grab().toImage(), f"at {value}"
    assert _waiting(lazy) == []


@pytest.fixture
def eager_form(qtbot, monkeypatch):
    def make(width: int, height: int) -> StructuredEditor:
        with monkeypatch.context() as patch:
            patch.setattr(ListEditor, "_hold_room", lambda self, _items: self.make_rows())
            patch.setattr(cards, "WAITING_MODES", ())  # cards made at once too
            return open_form(qtbot, SEED, width, height)

    return make


def _card(editor: StructuredEditor, title: str):
    card = editor.sections.card(title)
    assert card is not None
    return card


def test_a_row_scrolled_to_works(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    body = _card(editor, "Tech Stack Focus").body
    assert not body._made and body.slot.isVisible()
    editor.scroll.verticalScrollBar().setValue(editor.scroll.verticalScrollBar().maximum())
    assert body._made and not body.slot.isVisible()
    row = body._rows[1]
    assert row.isVisible() and not row.visibleRegion().isEmpty()  # on screen
    removed = row.line.text()
    assert removed in editor.session.text()
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    assert removed not in editor.session.text()
    assert [r.line.text() for r in body._rows].count(removed) == 0
    editor.session.undo()
    assert removed in editor.session.text()
    assert body._rows[1].line.text() == removed


def test_tab_walks_into_rows_not_made_yet_and_through_them_in_order(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    editor.activateWindow()
    card = _card(editor, "Key Practices")
    body = card.body
    assert not body._made
    card.remove.setFocus(Qt.FocusReason.TabFocusReason)
    walked = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert not isinstance(focus, RowSlot)  # the slot passes the focus on at once
        walked.append(focus.accessibleName())
        if focus is body.add_button:
            break
    rows = body._rows
    assert body._made and len(rows) == len(body.view.section.items) > 2
    expected = []
    for index in range(len(rows)):
        expected += [f"Item {index + 1}"] + ["Move item up"] * (index > 0)
        expected += ["Move item down"] * (index < len(rows) - 1) + ["Remove item"]
    assert walked == [*expected, "Add item to Key Practices"]
    # The field that has the focus is scrolled into view.
    focus_row = rows[0]
    top = focus_row.mapTo(editor.scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < editor.scroll.viewport().height()
    # And back: Shift+Tab from the list's button goes to the last row's remove button.
    qtbot.keyClick(body.add_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is rows[-1].remove


def test_shift_tab_into_rows_not_made_yet_lands_on_the_last_row(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    editor.activateWindow()
    body = _card(editor, "Tech Stack Focus").body
    assert not body._made
    body.add_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(body.add_button, Qt.Key.Key_Backtab)
    assert body._made
    assert QApplication.focusWidget() is body._rows[-1].remove
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is body._rows[-1].up


def test_tab_through_a_ranked_list_goes_part_by_part(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    editor.activateWindow()
    card = _card(editor, "Decision Pattern")
    card.remove.setFocus(Qt.FocusReason.TabFocusReason)
    first = card.body.rows[0]
    names = []
    for _ in range(len(first.parts) + 2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        names.append(QApplication.focusWidget().accessibleName())
    parts = [f"Rank {i + 1} of item 1" for i in range(len(first.parts))]
    assert names == [*parts, "Add a ranked part", "Move item down"]


def test_a_jump_to_a_section_makes_its_rows_and_puts_the_cursor_in_the_first(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    editor.activateWindow()
    body = _card(editor, "Key Practices").body
    assert not body._made
    assert editor.focus_section("Key Practices")
    assert body._made
    assert QApplication.focusWidget() is body._rows[0].line
    qtbot.waitUntil(lambda: not body._rows[0].line.visibleRegion().isEmpty())


def test_a_form_that_fits_on_the_screen_makes_every_row(qtbot):
    text = "---\ndescription: d\n---\n# Persona: P\n\n## Focus Areas\n\n- one\n- two\n"
    editor = open_form(qtbot, text, 700, 2000)
    assert _waiting(editor) == []
    assert [row.line.text() for row in _card(editor, "Focus Areas").body._rows] == ["one", "two"]


def test_rows_not_made_follow_the_text_and_come_up_to_date(qtbot):
    editor = open_form(qtbot, SEED, 700, 600)
    body = _card(editor, "Tech Stack Focus").body
    assert not body._made
    height = body.slot.sizeHint().height()
    type_in_source(editor, "- PostgreSQL", "- Caches: Valkey\n")
    settle(qtbot)
    assert not body._made
    assert body.slot.sizeHint().height() > height  # room for one row more
    texts = [row.line.text() for row in body.rows]
    assert texts[texts.index("Caches: Valkey") + 1].startswith("PostgreSQL")


def test_another_font_gives_rows_not_made_their_new_room(qtbot, monkeypatch):
    lazy = open_form(qtbot, SEED, 700, 600)
    with monkeypatch.context() as patch:
        patch.setattr(ListEditor, "_hold_room", lambda self, _items: self.make_rows())
        patch.setattr(cards, "WAITING_MODES", ())  # cards made at once too
        eager = open_form(qtbot, SEED, 700, 600)
    for editor in (lazy, eager):
        _lists(editor)  # every card made in the first font (a card made later takes the new one)
        font = editor.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        editor.setFont(font)
    assert _waiting(lazy)
    before, reference = steady(qtbot, lazy), steady(qtbot, eager)
    for key in ("vertical", "content", "cards"):
        assert before[key] == reference[key]
    for body in _lists(lazy):  # rows made in the new font take the room their slot held
        body.make_rows()
    assert steady(qtbot, lazy) == before
