"""A description written as a literal block (or holding line breaks) is edited over several
lines in the form: Return starts a new line, Ctrl+Return commits, and the block stays a literal
block with only the typed line added. A one-line description keeps Return committing."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QMimeData, Qt

from _shared import shared_path
from persona_studio.core.document import parse
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.theme import LIGHT

LITERAL = (
    "---\n"
    "name: literal\n"
    "description: |\n"
    "  Reviews pull requests.\n"
    "  Says what would break.\n"
    "tools: []\n"
    "---\n"
    "# Literal\n"
)
PLAIN = "---\nname: plain\ndescription: Reviews pull requests.\ntools: []\n---\n# Plain\n"


@pytest.fixture
def open_editor(qtbot):
    def make(session: DocumentSession) -> StructuredEditor:
        editor = StructuredEditor(session, LIGHT)
        qtbot.addWidget(editor)
        editor.resize(700, 1000)
        editor.show()
        return editor

    return make


def focus_end(qtbot, field) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """What `git diff` shows: the removed and added lines between the common head and tail."""
    old, new = before.splitlines(), after.splitlines()
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return old[head : len(old) - tail], new[head : len(new) - tail]


def test_return_adds_a_line_to_a_literal_description_and_ctrl_return_commits(open_editor, qtbot):
    session = DocumentSession(LITERAL, path="/tmp/x/literal.agent.md")
    editor = open_editor(session)
    field = editor.field_widget("description")
    assert field.toPlainText() == "Reviews pull requests.\nSays what would break."
    focus_end(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "Suggests a fix.")
    assert field.toPlainText().endswith("would break.\nSuggests a fix.")
    assert session.text() == LITERAL  # the new line is still being typed
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.text() == LITERAL.replace("would break.\n", "would break.\n  Suggests a fix.\n")
    assert parse(session.text()).data["description"] == (
        "Reviews pull requests.\nSays what would break.\nSuggests a fix.\n"
    )
    assert field.hasFocus()  # committing leaves the cursor where it was
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.text() == LITERAL  # one step of the document's history


def test_shift_return_also_starts_a_line_and_pasted_breaks_stay(open_editor, qtbot):
    session = DocumentSession(LITERAL, path="/tmp/x/literal.agent.md")
    editor = open_editor(session)
    field = editor.field_widget("description")
    focus_end(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    pasted = QMimeData()
    pasted.setText("One.\nTwo.")
    field.insertFromMimeData(pasted)  # a paste of two lines keeps them
    field.commit()
    assert session.text() == LITERAL.replace("would break.\n", "would break.\n  One.\n  Two.\n")


def test_a_real_literal_description_gains_a_line_and_saving_adds_only_that_line(
    open_editor, qtbot, tmp_path
):
    skill = ("skills", "agent-owasp-compliance", "SKILL.md")
    source = shared_path("corpus", "2026", ".github", *skill)
    path = tmp_path / "SKILL.md"
    shutil.copyfile(source, path)
    before = path.read_text(encoding="utf-8")
    assert "\ndescription: |\n" in before
    session = DocumentSession.open(str(path))
    editor = open_editor(session)
    field = editor.field_widget("description")
    assert not field.single_line
    focus_end(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "Also when asked for an ASI table.")
    editor.field_widget("name").setFocus()  # leaving the field commits it
    qtbot.waitUntil(lambda: "ASI table." in session.text())
    session.save()
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == []
    assert added == ["  Also when asked for an ASI table."]
    assert "\ndescription: |\n" in after  # still a literal block
    assert parse(after).data["description"] == (
        parse(before).data["description"].rstrip("\n") + "\nAlso when asked for an ASI table.\n"
    )


def test_a_one_line_description_stays_one_line(open_editor, qtbot):
    session = DocumentSession(PLAIN, path="/tmp/x/plain.agent.md")
    editor = open_editor(session)
    field = editor.field_widget("description")
    assert field.single_line
    focus_end(qtbot, field)
    qtbot.keyClicks(field, " Fast")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # commits, adds no line
    assert "\n" not in field.toPlainText()
    assert "description: Reviews pull requests. Fast\n" in session.text()
    pasted = QMimeData()
    pasted.setText(" and\nkind")
    field.insertFromMimeData(pasted)  # a pasted line break becomes a space
    assert field.toPlainText().endswith("Fast and kind")
