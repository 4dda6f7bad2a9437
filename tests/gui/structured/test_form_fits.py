"""The form fits any width: below a width the tool picker stacks its columns and the section
headers put their chips under the title; whatever still does not fit scrolls sideways. No control
is ever out of reach (1024×700, or 2× scale, leaves the form about 400 pixels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget, QTreeWidget, QWidget

from _shared import SEED as SEED_PATH
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.sections.list_editors import ListEditor
from persona_studio.gui.theme import DARK, LIGHT

CONTROLS = (QAbstractButton, QLineEdit, QListWidget, QTreeWidget)


def _editor(qtbot, width: int, height: int, theme=LIGHT) -> StructuredEditor:
    session = DocumentSession(SEED_PATH.read_text(encoding="utf-8"), path="/tmp/x/b.agent.md")
    editor = StructuredEditor(session, theme)
    qtbot.addWidget(editor)
    editor.resize(width, height)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.wait(10)  # the layouts settle
    return editor


def _out_of_reach(editor: StructuredEditor) -> list[str]:
    """The controls the user cannot see or scroll to (scrolled through first, as the user
    would: list rows are made as they come near the screen)."""
    scroll, content = editor.scroll, editor.content
    bar = scroll.verticalScrollBar()
    for value in range(0, bar.maximum() + bar.pageStep(), bar.pageStep()):
        bar.setValue(value)
    bar.setValue(0)
    lists = [card.body for card in editor.sections.cards if isinstance(card.body, ListEditor)]
    assert [body.view.title for body in lists if not body._made] == []
    viewport = scroll.viewport()
    sideways = scroll.horizontalScrollBar()
    reach = viewport.width() + (sideways.maximum() if sideways.isVisible() else 0)
    lost = []
    for control in content.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(content):
            continue
        right = control.mapTo(content, QPoint(control.width(), 0)).x()
        if right > reach + 1:
            lost.append(f"{control.accessibleName() or type(control).__name__} ends at {right}")
    return lost


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_at_400_pixels_every_control_is_in_reach_without_scrolling_sideways(qtbot, theme):
    editor = _editor(qtbot, 410, 700, theme)
    assert editor.tool_picker.is_narrow()
    assert _out_of_reach(editor) == []
    assert editor.content.width() <= editor.scroll.viewport().width()
    # the selected tools and their buttons are below the catalog, full width
    order, tree = editor.tool_picker.order, editor.tool_picker.tree
    assert (
        order.mapTo(editor.content, QPoint(0, 0)).y()
        > tree.mapTo(editor.content, QPoint(0, tree.height())).y()
    )
    card = editor.sections.cards[1]
    assert card.remove.isVisible() and card.remove.mapTo(editor, QPoint(0, 0)).x() < 410


def test_narrower_still_the_form_scrolls_sideways(qtbot):
    editor = _editor(qtbot, 300, 500)
    assert editor.scroll.horizontalScrollBar().isVisible()
    assert _out_of_reach(editor) == []


def test_a_wide_form_keeps_the_selected_tools_beside_the_catalog(qtbot):
    editor = _editor(qtbot, 800, 900)
    assert not editor.tool_picker.is_narrow()
    assert _out_of_reach(editor) == []
    editor.resize(410, 900)
    qtbot.waitUntil(editor.tool_picker.is_narrow)
    editor.resize(800, 900)
    qtbot.waitUntil(lambda: not editor.tool_picker.is_narrow())


def test_a_long_handoff_label_wraps_rather_than_widening_the_form(qtbot):
    text = SEED_PATH.read_text(encoding="utf-8").replace(
        "\n---\n",
        "\nhandoffs:\n  - label: Hand the finished plan over to the implementation agent now\n"
        "    agent: Implementer\n    prompt: Go.\n---\n",
        1,
    )
    session = DocumentSession(text, path="/tmp/x/b.agent.md")
    editor = StructuredEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.resize(400, 700)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.wait(10)
    title = editor.field_widget("handoffs").cards[0].title
    assert "implementation agent now" in title.text()
    assert not editor.scroll.horizontalScrollBar().isVisible()
    assert editor.content.width() <= editor.scroll.viewport().width()
    assert _out_of_reach(editor) == []


def test_in_a_narrow_form_the_custom_section_title_keeps_room_to_type(qtbot):
    editor = _editor(qtbot, 410, 700)
    panel = editor.sections
    panel.add_combo.setCurrentIndex(panel.add_combo.count() - 1)  # a custom section
    qtbot.wait(10)
    title, button = panel.custom_title, panel.add_button
    assert title.isVisible()
    em = title.fontMetrics().height()
    assert title.width() >= 12 * em
    assert title.fontMetrics().horizontalAdvance("Section title") < title.width()
    assert _out_of_reach(editor) == []
    assert button.isVisible()
    editor.resize(900, 700)
    qtbot.waitUntil(lambda: not editor.tool_picker.is_narrow())
    qtbot.wait(10)
    # Wide: choice, title and button on one line again.
    assert title.geometry().center().y() == pytest.approx(button.geometry().center().y(), abs=2)


def _cut_off(label) -> bool:
    """Whether a label's text needs more room than it has (a line cut off at its foot, or at its
    right end)."""
    needed = label.heightForWidth(label.width())
    if needed < 0:  # a label that does not wrap
        needed = label.sizeHint().height()
        if label.sizeHint().width() > label.width():
            return True
    return needed > label.height()


def test_no_section_title_is_cut_off_wide_or_narrow(qtbot):
    """Beside its chips a title is one line, as wide as its text (it used to wrap into a header
    row one line high, its second line cut off: "Problem Solving" over a clipped "Approach");
    on a narrow form, with the chips below, it may wrap, and gets the lines it needs."""
    editor = _editor(qtbot, 900, 700)
    cards = editor.sections.cards
    assert any(card.view.title == "Problem Solving Approach" for card in cards)
    assert [card.title.text() for card in cards if _cut_off(card.title)] == []
    editor.resize(300, 700)
    qtbot.wait(10)
    assert [card.title.text() for card in editor.sections.cards if _cut_off(card.title)] == []
