"""The key editors of the Structured view: each control changes exactly the text of its key (one
undo step), and shows what the text says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.keys.boolean import TriStateBox
from persona_studio.gui.structured.keys.handoffs import HandoffsEditor
from persona_studio.gui.structured.keys.value_list import ValueListEditor
from persona_studio.gui.theme import LIGHT

HEAD = """---
name: Planner
description: 'Makes plans'
model: GPT-5
user-invocable: false
handoffs:
  - label: Start implementation
    agent: Implementer
    prompt: Implement the plan above.
    send: false
  - label: 'Review'
    agent: Reviewer
    prompt: |
      Review the plan.
      Be brief.
---

# Planner

Plans.
"""


@pytest.fixture
def workspace(tmp_path):
    agents = tmp_path / ".github" / "agents"
    agents.mkdir(parents=True)
    (agents / "implementer.agent.md").write_text("---\nname: Implementer\n---\nx\n")
    (agents / "review.agent.md").write_text("---\nname: 'Reviewer'\n---\nx\n")
    (agents / "planner.agent.md").write_text(HEAD)
    return agents / "planner.agent.md"


@pytest.fixture
def open_form(qtbot, workspace):
    def make(text: str = HEAD):
        session = DocumentSession(text, path=str(workspace))
        editor = StructuredEditor(session, LIGHT)
        qtbot.addWidget(editor)
        editor.resize(800, 1000)
        editor.show()
        return session, editor

    return make


def test_a_boolean_cycles_through_its_states_and_not_set_removes_it(open_form):
    session, editor = open_form()
    box = editor.field_widget("user-invocable")
    assert isinstance(box, TriStateBox)
    assert box.checkState() == Qt.CheckState.Unchecked and box.text() == "false"
    box.click()  # false -> true
    assert session.text() == HEAD.replace("user-invocable: false", "user-invocable: true")
    box.click()  # true -> not set: the key goes
    assert session.text() == HEAD.replace("user-invocable: false\n", "")
    assert box.checkState() == Qt.CheckState.PartiallyChecked
    assert box.text() == "Not set (default true)"
    session.undo()
    assert session.text() == HEAD.replace("user-invocable: false", "user-invocable: true")
    assert box.checkState() == Qt.CheckState.Checked


def test_a_boolean_that_is_not_set_is_added_with_the_non_default_value(open_form):
    session, editor = open_form()
    box = editor.field_widget("disable-model-invocation")
    assert box.text() == "Not set (default false)"
    box.click()
    assert "\ndisable-model-invocation: true\n" in session.text()
    assert session.snapshot.data["disable-model-invocation"] is True


def test_an_enum_key_is_a_choice(open_form):
    session, editor = open_form()
    combo = editor.field_widget("reasoningEffort")
    assert isinstance(combo, QComboBox) and combo.currentText() == "Not set"
    combo.setCurrentIndex(combo.findData("high"))
    combo.activated.emit(combo.currentIndex())
    assert session.snapshot.data["reasoningEffort"] == "high"
    assert session.text().replace("reasoningEffort: high\n", "") == HEAD


def test_the_model_list_offers_the_profiles_models_and_keeps_one_name_plain(open_form):
    session, editor = open_form()
    models = editor.field_widget("model")
    assert isinstance(models, ValueListEditor) and models.values() == ["GPT-5"]
    offered = [models.input.itemText(i) for i in range(models.input.count())]
    assert "Claude Sonnet 4.5" in offered
    models.input.setCurrentIndex(offered.index("Claude Sonnet 4.5"))
    models.add.click()
    assert "model: ['GPT-5', 'Claude Sonnet 4.5']\n" in session.text()
    models.list.setCurrentRow(1)
    models.up.click()
    assert "model: ['Claude Sonnet 4.5', 'GPT-5']\n" in session.text()
    assert models.values() == ["Claude Sonnet 4.5", "GPT-5"]
    models.list.setCurrentRow(1)
    models.remove.click()
    assert "model: ['Claude Sonnet 4.5']\n" in session.text()
    models.list.setCurrentRow(0)
    models.remove.click()
    assert "model:" not in session.text()


def test_an_empty_name_list_is_one_row_its_entry_box_and_add(open_form):
    _session, editor = open_form()
    agents = editor.field_widget("agents")  # not in the file: empty
    assert not agents.list.isVisible() and not agents.remove.isVisible()
    assert agents.input.isVisible() and agents.add.isVisible()
    assert agents.height() < 2 * agents.add.sizeHint().height()
    agents.input.setEditText("Reviewer")
    agents.add.click()
    assert agents.list.isVisible() and agents.remove.isVisible()
    assert [agents.list.item(i).text() for i in range(agents.list.count())] == ["Reviewer"]


def test_agents_are_picked_from_the_workspace_by_display_name(open_form, qtbot):
    session, editor = open_form()
    agents = editor.field_widget("agents")
    offered = [agents.input.itemText(i) for i in range(agents.input.count())]
    # The workspace's agents by their name: key, then VS Code's own.
    assert offered[:4] == ["*", "Implementer", "Planner", "Reviewer"]
    assert "Plan" in offered
    agents.input.setCurrentIndex(offered.index("Reviewer"))
    agents.add.click()
    assert session.snapshot.data["agents"] == ["Reviewer"]
    agents.input.setEditText("Implementer")
    agents.add.click()
    assert session.snapshot.data["agents"] == ["Reviewer", "Implementer"]
    agents.list.setCurrentRow(0)
    qtbot.keyClick(agents.list, Qt.Key.Key_Delete)  # Delete removes the selected name
    assert session.snapshot.data["agents"] == ["Implementer"]


def test_handoff_cards_show_and_edit_each_property(open_form, qtbot):
    session, editor = open_form()
    handoffs = editor.field_widget("handoffs")
    assert isinstance(handoffs, HandoffsEditor) and len(handoffs.cards) == 2
    first, second = handoffs.cards
    assert first.label.text() == "Start implementation"
    assert first.agent.currentText() == "Implementer"
    assert second.prompt.toPlainText() == "Review the plan.\nBe brief.\n"
    assert first.send.checkState() == Qt.CheckState.Unchecked
    assert second.send.checkState() == Qt.CheckState.PartiallyChecked
    # The agent is picked by display name from the workspace's agents.
    names = [first.agent.itemText(i) for i in range(first.agent.count())]
    assert names[:3] == ["Implementer", "Planner", "Reviewer"]
    first.agent.setCurrentIndex(names.index("Reviewer"))
    first.agent.activated.emit(first.agent.currentIndex())
    assert session.text() == HEAD.replace("agent: Implementer", "agent: Reviewer")
    session.undo()
    assert session.text() == HEAD
    # The label: typed, then committed; the quotes stay.
    second.label.setFocus()
    second.label.selectAll()
    second.label.insert("Check it")
    second.label.commit()
    assert session.text() == HEAD.replace("label: 'Review'", "label: 'Check it'")
    session.undo()
    # Send and show-continue-on: check boxes with a "not set" state.
    second.send.click()
    assert session.text() == HEAD.replace("      Be brief.\n", "      Be brief.\n    send: true\n")
    session.undo()
    first.continue_on.click()
    assert session.snapshot.data["handoffs"][0]["showContinueOn"] is True
    session.undo()
    # The prompt of a literal block stays a literal block.
    cursor = second.prompt.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    second.prompt.setTextCursor(cursor)
    second.prompt.insertPlainText("Thanks.")
    second.prompt.commit()
    assert (
        "    prompt: |-\n      Review the plan.\n      Be brief.\n      Thanks.\n---"
        in session.text()
    )
    session.undo()
    # A model for the handoff.
    second.model.setText("GPT-5 (copilot)")
    second.model.textEdited.emit("GPT-5 (copilot)")
    second.model.commit()
    assert session.snapshot.data["handoffs"][1]["model"] == "GPT-5 (copilot)"
    # Written in the handoff's quoting (its label is single-quoted).
    assert session.text().replace("\n    model: 'GPT-5 (copilot)'", "") == HEAD


def test_add_move_and_remove_handoffs(open_form):
    session, editor = open_form()
    handoffs = editor.field_widget("handoffs")
    handoffs.add_button.click()
    assert len(handoffs.cards) == 3
    added = session.snapshot.data["handoffs"][2]
    assert added == {"label": "Handoff 3", "agent": "Implementer", "prompt": ""}
    assert session.text().startswith(HEAD[: HEAD.index("---\n\n#")])
    handoffs.cards[0].down.click()
    assert [h["label"] for h in session.snapshot.data["handoffs"]] == [
        "Review",
        "Start implementation",
        "Handoff 3",
    ]
    assert handoffs.cards[0].label.text() == "Review"
    handoffs.cards[2].remove.click()
    assert len(handoffs.cards) == 2
    session.undo()
    session.undo()
    session.undo()
    assert session.text() == HEAD


def test_a_file_without_handoffs_offers_to_add_one(open_form):
    text = HEAD[: HEAD.index("handoffs:")] + HEAD[HEAD.index("---\n\n#") :]
    session, editor = open_form(text)
    handoffs = editor.field_widget("handoffs")
    assert handoffs.empty.isVisible() and not handoffs.cards
    handoffs.add_button.click()
    assert "model: GPT-5\nhandoffs:\n  - label: Handoff 1\n    agent: Implementer\n" in (
        session.text()
    )
    assert len(handoffs.cards) == 1 and not handoffs.empty.isVisible()


def test_the_tool_picker_says_what_each_tool_does(open_form):
    _session, editor = open_form()
    tree = editor.tool_picker.tree
    tips = {}
    for top in range(tree.topLevelItemCount()):
        header = tree.topLevelItem(top)
        tips[header.text(0)] = header.toolTip(0)
        for row in range(header.childCount()):
            child = header.child(row)
            tips[child.text(0)] = child.toolTip(0)
    assert "Reads the contents of a file." in next(v for k, v in tips.items() if "readFile" in k)
    assert "Tool set; searches the workspace" in tips["search"]


def test_a_claude_subagent_gets_its_own_keys_and_the_workspaces_skills(qtbot, tmp_path):
    skill = tmp_path / ".claude" / "skills" / "review" / "SKILL.md"
    skill.parent.mkdir(parents=True)
    skill.write_text("---\nname: review\ndescription: Reviews.\n---\nx\n")
    path = tmp_path / ".claude" / "agents" / "helper.md"
    path.parent.mkdir(parents=True)
    text = "---\nname: helper\ndescription: Helps.\nmaxTurns: 3\n---\nBody.\n"
    path.write_text(text)
    session = DocumentSession(text, path=str(path))
    editor = StructuredEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.field_widget("handoffs") is None and editor.field_widget("agents") is None
    assert isinstance(editor.field_widget("background"), TriStateBox)
    permission = editor.field_widget("permissionMode")
    assert isinstance(permission, QComboBox) and permission.currentText() == "Not set"
    skills = editor.field_widget("skills")
    assert [skills.input.itemText(i) for i in range(skills.input.count())] == ["review"]
    skills.input.setCurrentIndex(0)
    skills.add.click()
    assert session.snapshot.data["skills"] == ["review"]
    turns = editor.field_widget("maxTurns")
    assert turns.text() == "3"
    turns.setText("5")
    turns.textEdited.emit("5")
    turns.commit()
    assert "maxTurns: 5\n" in session.text() and session.snapshot.data["maxTurns"] == 5


def test_a_key_spelt_by_its_alias_is_edited_as_written(open_form):
    text = HEAD.replace("user-invocable: false", "user-invokable: false")
    session, editor = open_form(text)
    assert editor.field_widget("user-invocable") is None
    box = editor.field_widget("user-invokable")
    assert isinstance(box, TriStateBox) and box.text() == "false"
    box.click()
    assert session.text() == text.replace("user-invokable: false", "user-invokable: true")


def test_a_model_list_in_a_chat_mode_stays_editable(qtbot, tmp_path):
    text = "---\ndescription: 'Helps'\nmodel: ['GPT-5', 'GPT-4.1']\n---\nBody.\n"
    session = DocumentSession(
        text, path=str(tmp_path / "old.chatmode.md"), target="vscode-chatmode"
    )
    editor = StructuredEditor(session, LIGHT)
    qtbot.addWidget(editor)
    models = editor.field_widget("model")
    assert isinstance(models, ValueListEditor) and models.values() == ["GPT-5", "GPT-4.1"]
    models.list.setCurrentRow(1)
    models.remove.click()
    assert session.text() == text.replace(", 'GPT-4.1'", "")
