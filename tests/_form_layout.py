"""The structured form opened in a test, and where everything in it a user could notice stands:
for the tests that compare a form whose parts wait to be reached with one made at once."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.sections.list_editors import ListEditor
from persona_studio.gui.theme import LIGHT


def open_form(qtbot, text: str, width: int, height: int) -> StructuredEditor:
    session = DocumentSession(text, path="/tmp/x/persona.agent.md")
    editor = StructuredEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.resize(width, height)
    editor.show()
    qtbot.waitExposed(editor)
    settle(qtbot)
    return editor


def type_in_source(editor: StructuredEditor, before: str, text: str) -> None:
    """Insert `text` in the document as the Source view would, before the first `before`."""
    session = editor.session
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(session.text().index(before)))
    cursor.insertText(text)


def settle(qtbot) -> None:
    qtbot.wait(20)  # queued layouts and slot checks
    QApplication.processEvents()


def steady(qtbot, editor: StructuredEditor) -> dict:
    """The layout once it no longer changes (a text box fits its height to its wrapped text
    after the width is known, which may take a few rounds of layout)."""
    last: dict = {}
    for _ in range(50):
        now = layout_of(editor)
        if now == last:
            return now
        last = now
        qtbot.wait(20)
    raise AssertionError("the form's layout did not settle")


def list_editors(editor: StructuredEditor) -> list[ListEditor]:
    """The list editors of the made cards (asking a card for its editor would make it)."""
    return [
        card.body
        for card in editor.sections.cards
        if card.made and isinstance(card.body, ListEditor)
    ]


def layout_of(editor: StructuredEditor) -> dict:
    """Where everything the user could notice stands: the scroll ranges, the form's size, each
    card's and each made list's rectangle."""
    scroll = editor.scroll
    return {
        "vertical": (scroll.verticalScrollBar().maximum(), scroll.verticalScrollBar().pageStep()),
        "sideways": scroll.horizontalScrollBar().maximum(),
        "content": (editor.content.size(), editor.content.minimumSizeHint()),
        "hint": editor.scroll.sizeHint(),
        "cards": [card.geometry() for card in editor.sections.cards],
        "lists": [(body.geometry(), body.minimumSizeHint()) for body in list_editors(editor)],
    }
