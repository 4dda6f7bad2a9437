"""A description written as a folded or literal block, edited in the form: the field shows the
words (not the block's final line break), typing lands inside the value, and saving changes only
the words typed; the block stays a block. A text the block cannot hold is written in the nearest
style that can, and the form says so."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from _shared import shared_path
from persona_studio.core.document import parse
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.theme import LIGHT

FOLDED = (
    "---\n"
    "name: folded\n"
    "description: >\n"
    "  Reviews pull requests for small embedded\n"
    "  projects and says what would break.\n"
    "tools: []\n"
    "---\n"
    "# Folded\n"
)


@pytest.fixture
def open_editor(qtbot):
    def make(session: DocumentSession) -> StructuredEditor:
        editor = StructuredEditor(session, LIGHT)
        qtbot.addWidget(editor)
        editor.resize(700, 1000)
        editor.show()
        return editor

    return make


def type_at_end(qtbot, field, text: str) -> None:
    """Click into the field, go to its very end and type, as a user does."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def test_the_field_shows_the_words_without_the_block_s_final_line_break(open_editor, qtbot):
    session = DocumentSession(FOLDED, path="/tmp/x/folded.agent.md")
    editor = open_editor(session)
    field = editor.field_widget("description")
    assert field.toPlainText() == (
        "Reviews pull requests for small embedded projects and says what would break."
    )
    type_at_end(qtbot, field, " OK.")
    field.commit()
    assert session.text() == FOLDED.replace("would break.\n", "would break. OK.\n")
    assert parse(session.text()).data["description"].endswith("would break. OK.\n")
    session.undo()  # one undo step, back to the bytes as they were
    assert session.text() == FOLDED


def test_a_text_the_block_cannot_hold_falls_back_and_the_form_says_so(open_editor, qtbot):
    session = DocumentSession(FOLDED, path="/tmp/x/folded.agent.md")
    editor = open_editor(session)
    messages: list[str] = []
    editor.message.connect(messages.append)
    field = editor.field_widget("description")
    field.setFocus()
    field.selectAll()
    field.insertPlainText("A bell \x07 rings")  # a control character: no block holds it
    field.commit()
    assert parse(session.text()).data["description"] == "A bell \x07 rings\n"
    assert 'description: "A bell \\x07 rings\\n"\n' in session.text()
    assert messages and "'description' is now written in double quotes" in messages[-1]
    assert editor.message_bar.isVisible()


def test_editing_a_real_folded_description_then_saving_changes_only_the_words_typed(
    open_editor, qtbot, tmp_path
):
    source = shared_path("corpus", "2026", ".claude", "agents", "arm-cortex-expert.md")
    path = tmp_path / "arm-cortex-expert.md"
    shutil.copyfile(source, path)
    before = path.read_text(encoding="utf-8")
    assert "\ndescription: >\n" in before
    session = DocumentSession.open(str(path))
    editor = open_editor(session)
    field = editor.field_widget("description")
    assert not field.toPlainText().endswith("\n")  # nothing to type after by mistake
    type_at_end(qtbot, field, " Extra words.")
    editor.field_widget("name").setFocus()  # leaving the field commits it
    qtbot.waitUntil(lambda: "Extra words." in session.text())
    session.save()
    after = path.read_text(encoding="utf-8")
    old_lines, new_lines = before.splitlines(), after.splitlines()
    # What `git diff` shows: the lines between the common head and the common tail.
    head = 0
    while old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    removed = old_lines[head : len(old_lines) - tail]
    added = new_lines[head : len(new_lines) - tail]
    block_end = next(
        index
        for index in range(old_lines.index("description: >") + 1, len(old_lines))
        if not old_lines[index].startswith("  ")
    )
    # Only the block's last line changes (or none, when the words fill a new line) ...
    assert removed in ([], [old_lines[block_end - 1]])
    assert head == block_end - len(removed)
    # ... and the added lines are folded lines of the block holding just the words typed.
    assert 1 <= len(added) <= 2
    assert all(line.startswith("  ") and not line.startswith("   ") for line in added)
    assert " ".join(line.strip() for line in added) == " ".join(
        [line.strip() for line in removed] + ["Extra words."]
    )
    width = max(len(line) for line in old_lines[:block_end])
    assert all(len(line) <= width for line in added)
    assert "\ndescription: >\n" in after  # still a folded block
    assert parse(after).data["description"] == (
        parse(before).data["description"].rstrip("\n") + " Extra words.\n"
    )


def test_the_window_s_status_bar_says_when_a_value_changes_style(qtbot, tmp_path, monkeypatch):
    from persona_studio.gui.window.main_window import DISCARD, MainWindow

    path = tmp_path / "folded.agent.md"
    path.write_text(FOLDED, encoding="utf-8")
    window = MainWindow(remember_layout=False)
    monkeypatch.setattr(window.interaction, "save_changes", lambda session: DISCARD)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    session = window.open_file(str(path))
    field = window.tab().structured.field_widget("description")
    field.setFocus()
    field.selectAll()
    field.insertPlainText("A bell \x07 rings")
    field.commit()
    assert 'description: "A bell' in session.text()
    assert "'description' is now written in double quotes" in window.statusBar().currentMessage()
