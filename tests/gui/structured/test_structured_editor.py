"""The Structured view: fields and section editors change exactly the text they show, one undo
step each, and follow the text when it changes elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from _shared import SEED as SEED_PATH
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.sections.editors import (
    ListEditor,
    MarkdownEditor,
    ParagraphEditor,
    QuestionEditor,
)
from persona_studio.gui.structured.style import Box, Metrics, ViewStyle, field_style
from persona_studio.gui.structured.widgets import COMMIT_DELAY_MS
from persona_studio.gui.theme import DARK, LIGHT, palette_for

SEED = SEED_PATH.read_text(encoding="utf-8")
DESCRIPTION_LINE = SEED.splitlines()[2]
CHATMODE = "/tmp/x/backend.chatmode.md"
AGENT = "/tmp/x/backend.agent.md"


@pytest.fixture
def open_editor(qtbot):
    def make(text: str = SEED, path: str = CHATMODE, target: str | None = None):
        session = DocumentSession(text, path=path, target=target)
        editor = StructuredEditor(session, LIGHT)
        qtbot.addWidget(editor)
        editor.resize(700, 1000)
        editor.show()
        return session, editor

    return make


def type_into(widget, text: str) -> None:
    """Replace a field's text the way typing does (marks it as edited by the user)."""
    if isinstance(widget, QLineEdit):
        widget.selectAll()
        widget.insert(text)  # emits textEdited, as typing does
    else:
        cursor = widget.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        widget.setTextCursor(cursor)
        widget.insertPlainText(text)


def card(editor: StructuredEditor, title: str):
    found = editor.sections.card(title)
    assert found is not None, title
    return found


# -- fields ------------------------------------------------------------------------------------


def test_fields_follow_the_target(open_editor):
    # Read as VS Code 1.101 to 1.105 read chat modes: no name, no target.
    _session, editor = open_editor(target="vscode-chatmode")
    assert editor.field_widget("description") is not None
    assert editor.field_widget("model") is not None
    assert editor.field_widget("name") is None  # a chat mode of that time had no name
    assert editor.field_widget("target") is None
    # Today's VS Code reads the same file as a custom agent, with every agent key.
    _session, today = open_editor()
    assert today.field_widget("name") is not None
    _session, agent = open_editor(path=AGENT)
    for key in ("name", "description", "argument-hint", "model"):
        assert agent.field_widget(key) is not None, key
    assert isinstance(agent.field_widget("target"), QComboBox)


def test_editing_the_description_changes_only_its_value(open_editor):
    session, editor = open_editor()
    field = editor.field_widget("description")
    assert field.toPlainText() == (
        "Backend specialist focused on reliability, scalability, and compliance (C#/.NET, OCI)"
    )
    type_into(field, "Backend specialist who won't compromise on reliability")
    field.commit()
    expected = SEED.replace(
        DESCRIPTION_LINE,
        "description: 'Backend specialist who won''t compromise on reliability'",
    )
    assert session.text() == expected
    session.undo()
    assert session.text() == SEED
    assert field.toPlainText().startswith("Backend specialist focused")


def test_the_form_commits_after_a_pause(open_editor, qtbot):
    session, editor = open_editor()
    field = editor.field_widget("description")
    type_into(field, "Reliable backends")
    assert session.text() == SEED  # not yet: the user may still be typing
    qtbot.waitUntil(
        lambda: "description: 'Reliable backends'\n" in session.text(),
        timeout=COMMIT_DELAY_MS * 6,
    )
    assert field.toPlainText() == "Reliable backends"


def test_typing_in_the_form_keeps_the_cursor(open_editor, qtbot):
    session, editor = open_editor(path=AGENT)
    name = editor.field_widget("name")
    editor.activateWindow()
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClicks(name, "Back end ")
    name.commit(final=False)  # a pause while typing
    assert "name: Back end\n" in session.text()
    # The field the user types in is left alone: the trailing blank and the cursor stay.
    assert name.text() == "Back end "
    assert name.cursorPosition() == len("Back end ")
    name.setCursorPosition(4)
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    name.commit(final=False)
    assert "name: Bac end\n" in session.text()
    assert name.cursorPosition() == 3
    # Once the user leaves the field it shows the value as written.
    name.commit(final=True)
    editor.field_widget("description").setFocus()
    qtbot.waitUntil(lambda: not name.hasFocus())
    session.undo()
    assert "name: Back end\n" in session.text()
    assert name.text() == "Back end"


def test_model_list_is_edited_as_a_list(open_editor):
    text = SEED.replace(DESCRIPTION_LINE, DESCRIPTION_LINE + "\nmodel: ['GPT-5', 'Claude']")
    session, editor = open_editor(text, AGENT)
    model = editor.field_widget("model")
    assert model.values() == ["GPT-5", "Claude"]
    model.input.setEditText("Gemini")
    model.add.click()
    assert session.text() == text.replace("'Claude']", "'Claude', 'Gemini']")


def test_target_combo_sets_and_unsets_the_key(open_editor):
    session, editor = open_editor(path=AGENT)
    combo = editor.field_widget("target")
    combo.setCurrentIndex(combo.findData("vscode"))
    combo.activated.emit(combo.currentIndex())
    assert session.text() == SEED.replace(DESCRIPTION_LINE, DESCRIPTION_LINE + "\ntarget: vscode")
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert session.text() == SEED


def test_typing_in_the_source_updates_the_fields(open_editor):
    session, editor = open_editor()
    field = editor.field_widget("description")
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(SEED.index("Backend specialist")))
    cursor.insertText("Senior ")
    assert field.toPlainText().startswith("Senior Backend specialist")
    assert session.text().count("Senior") == 1  # no echo back into the text


def test_unknown_keys_are_read_only_and_survive_edits(open_editor):
    extra = "github:\n  permissions:\n    scope: read\nx-team: platform  # ours\n"
    text = SEED.replace("---\n\n# Persona", extra + "---\n\n# Persona", 1)
    session, editor = open_editor(text, AGENT)
    github = editor.field_widget("github")
    team = editor.field_widget("x-team")
    assert isinstance(github, QLabel) and isinstance(team, QLabel)
    assert github.text() == "permissions:\n  scope: read"
    assert team.text() == "platform  # ours"
    notes = [label.text() for label in editor.fields.findChildren(QLabel)]
    assert notes.count("Not edited here; kept as written.") == 2
    field = editor.field_widget("description")
    type_into(field, "Short")
    field.commit()
    assert session.text() == text.replace(DESCRIPTION_LINE, "description: 'Short'")


def test_a_broken_front_matter_shows_a_banner_and_disables_the_fields(open_editor):
    text = SEED.replace("'github']", "'github'", 1)  # an unclosed flow list
    session, editor = open_editor(text)
    assert editor.banner.isVisible()
    message = editor.banner.label.text()
    assert message.startswith("The front matter has a problem on line ")
    assert "Source view" in message
    assert not editor.field_widget("description").isEnabled()
    assert not editor.tool_picker.isEnabled()
    paragraph = card(editor, "Core Belief").body
    assert paragraph.isEnabled()
    type_into(paragraph.text, "Still editable.")
    paragraph.text.commit()
    assert "## Core Belief\nStill editable.\n\n## Primary" in session.text()
    # Fixing the text in the source lifts the banner.
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(session.text().index("'github'") + len("'github'")))
    cursor.insertText("]")
    assert not editor.banner.isVisible()
    assert editor.field_widget("description").isEnabled()


def test_an_impossible_edit_shows_a_message_not_a_traceback(open_editor):
    text = "---\n{description: 'Flow', tools: []}\n---\n\n# Persona: X\n"
    session, editor = open_editor(text, AGENT)
    name = editor.field_widget("name")
    type_into(name, "X")
    name.commit()
    assert session.text() == text
    assert editor.message_bar.isVisible()
    assert "key: value" in editor.message_bar.label.text()


# -- sections ----------------------------------------------------------------------------------


def test_one_editor_per_section_of_the_schema_kind(open_editor):
    _session, editor = open_editor()
    titles = [c.view.title for c in editor.sections.cards]
    assert titles == [
        "Core Belief",
        "Primary Question",
        "Decision Pattern",
        "Problem Solving Approach",
        "Communication Style",
        "Focus Areas",
        "Key Practices",
        "Tech Stack Focus",
        "When to Use This Persona",
    ]
    assert isinstance(card(editor, "Core Belief").body, ParagraphEditor)
    assert isinstance(card(editor, "Primary Question").body, QuestionEditor)
    assert isinstance(card(editor, "Decision Pattern").body, ListEditor)
    assert card(editor, "Decision Pattern").body.rows[0].parts[2].text() == "convenience"
    assert card(editor, "Focus Areas").body.rows[0].line.text() == (
        "Robust REST APIs (C#/.NET, Clean Architecture)"
    )


def test_editing_a_paragraph(open_editor):
    session, editor = open_editor()
    body = card(editor, "Core Belief").body
    type_into(body.text, "Reliability first.\nThen everything else.")
    body.text.commit()
    old = SEED.splitlines()[10]
    assert old.startswith("Reliability, scalability, and compliance enable everything else.")
    assert session.text() == SEED.replace(old, "Reliability first.\nThen everything else.")
    session.undo()
    assert session.text() == SEED


def test_editing_the_question_keeps_its_quotes(open_editor):
    session, editor = open_editor()
    body = card(editor, "Primary Question").body
    assert (
        body.line.text() == "Will this handle 10x the current load and remain secure and compliant?"
    )
    assert body.opening.text() == '"'
    type_into(body.line, "Will it scale?")
    body.line.commit()
    old = '"Will this handle 10x the current load and remain secure and compliant?"'
    assert session.text() == SEED.replace(old, '"Will it scale?"')


def test_editing_a_ranked_part(open_editor):
    session, editor = open_editor()
    rows = card(editor, "Decision Pattern").body.rows
    part = rows[0].parts[1]
    type_into(part, "X")
    part.commit()
    assert session.text() == SEED.replace(
        "- Reliability > features > convenience", "- Reliability > X > convenience"
    )
    assert [p.text() for p in rows[0].parts] == ["Reliability", "X", "convenience"]


def test_adding_and_removing_ranked_parts(open_editor):
    session, editor = open_editor()
    body = card(editor, "Decision Pattern").body
    body.add_part(4)  # "Horizontal scalability > vertical"
    assert "- Horizontal scalability > vertical >\n" in session.text()
    new_part = body.rows[4].parts[2]
    type_into(new_part, "diagonal")
    new_part.commit()
    assert "- Horizontal scalability > vertical > diagonal\n" in session.text()
    body.remove_part(4, 0)
    assert session.text() == SEED.replace(
        "- Horizontal scalability > vertical", "- vertical > diagonal"
    )


def test_priority_items_can_be_edited_as_text(open_editor):
    session, editor = open_editor()
    body = card(editor, "Decision Pattern").body
    body.text_toggle.setChecked(True)
    line = body.rows[1].line
    assert line.text() == "Data integrity > performance > features"
    type_into(line, "Data integrity > everything")
    line.commit()
    assert session.text() == SEED.replace(
        "Data integrity > performance > features", "Data integrity > everything"
    )
    body.text_toggle.setChecked(False)
    assert [p.text() for p in body.rows[1].parts] == ["Data integrity", "everything"]


def test_bullet_items_add_remove_and_move(open_editor):
    session, editor = open_editor()
    body = card(editor, "Tech Stack Focus").body
    stack = (
        "- C#/.NET 8+, OCI Functions, ML.NET\n"
        "- PostgreSQL, Oracle Autonomous DB, Redis\n"
        "- Docker, Kubernetes, Terraform\n"
        "- Prometheus, Grafana, ELK stack\n"
    )
    assert stack in SEED
    body.add_button.click()
    assert len(body.rows) == 5
    type_into(body.rows[4].line, "Rust")
    body.rows[4].line.commit()
    assert session.text() == SEED.replace(stack, stack + "- Rust\n")
    body.rows[4].up.click()
    moved = stack.replace("- Prometheus", "- Rust\n- Prometheus")
    assert session.text() == SEED.replace(stack, moved)
    assert body.rows[3].line.text() == "Rust"
    body.rows[0].remove.click()
    assert session.text() == SEED.replace(
        stack, moved.replace("- C#/.NET 8+, OCI Functions, ML.NET\n", "")
    )
    assert len(body.rows) == 4
    for _ in range(3):
        session.undo()
    assert session.text().replace("- \n", "") == SEED  # back to the added empty item
    session.undo()
    assert session.text() == SEED


def test_sections_move_and_remove(qtbot, open_editor):
    session, editor = open_editor()
    practices = card(editor, "Key Practices")
    focus_text = SEED[SEED.index("## Focus Areas") : SEED.index("## Key Practices")]
    practices_text = SEED[SEED.index("## Key Practices") : SEED.index("## Tech Stack Focus")]
    with qtbot.waitSignal(editor.sections.reveal, timeout=1000) as moved:
        practices.up.click()
    assert moved.args == [practices]  # the moved card is scrolled into view
    assert session.text() == SEED.replace(focus_text + practices_text, practices_text + focus_text)
    titles = [c.view.title for c in editor.sections.cards]
    assert titles.index("Key Practices") == titles.index("Focus Areas") - 1
    assert card(editor, "Key Practices") is practices  # the same card, moved
    session.undo()
    ordinal = card(editor, "Focus Areas").view.ordinal
    with qtbot.waitSignal(editor.sections.reveal, timeout=1000) as removed:
        card(editor, "Focus Areas").remove.click()
    assert session.text() == SEED.replace(focus_text, "")
    assert editor.sections.card("Focus Areas") is None
    assert removed.args == [editor.sections.cards[ordinal]]  # the card that took its place


def test_a_missing_schema_section_is_added_at_its_place(open_editor):
    focus_text = SEED[SEED.index("## Focus Areas") : SEED.index("## Key Practices")]
    text = SEED.replace(focus_text, "")
    session, editor = open_editor(text)
    combo = editor.sections.add_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["Focus Areas", None]
    combo.setCurrentIndex(0)
    editor.sections.add_button.click()
    assert session.text() == text.replace("## Key Practices", "## Focus Areas\n\n## Key Practices")
    titles = [c.view.title for c in editor.sections.cards]
    assert titles[5] == "Focus Areas"
    body = card(editor, "Focus Areas").body
    body.add_button.click()
    type_into(body.rows[0].line, "APIs")
    body.rows[0].line.commit()
    assert session.text() == text.replace(
        "## Key Practices", "## Focus Areas\n- APIs\n\n## Key Practices"
    )


def test_custom_sections_are_edited_as_markdown(open_editor):
    text = SEED + "\n## Notes\nSee *the runbook*.\n\n### Links\n- wiki\n"
    session, editor = open_editor(text)
    notes = card(editor, "Notes")
    assert isinstance(notes.body, MarkdownEditor)
    assert notes.body.text.toPlainText() == "See *the runbook*.\n\n### Links\n- wiki"
    type_into(notes.body.text, "See the **wiki**.\n\n### Links\n- wiki\n- chat")
    notes.body.text.commit()
    assert session.text() == SEED + "\n## Notes\nSee the **wiki**.\n\n### Links\n- wiki\n- chat\n"


def test_a_list_section_with_other_text_falls_back_to_markdown(open_editor):
    text = SEED.replace("## Tech Stack Focus\n", "## Tech Stack Focus\nMostly .NET:\n\n")
    _session, editor = open_editor(text)
    tech = card(editor, "Tech Stack Focus")
    assert isinstance(tech.body, MarkdownEditor)
    assert tech.note.isVisibleTo(tech)
    assert "besides its list" in tech.note.text()


def test_typing_in_the_source_updates_the_sections(open_editor):
    session, editor = open_editor()
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(SEED.index("- Automation > manual")))
    cursor.insertText("- Tests > hope\n")
    rows = card(editor, "Decision Pattern").body.rows
    assert len(rows) == 7
    assert [p.text() for p in rows[3].parts] == ["Tests", "hope"]
    cursor.setPosition(session.to_qt(session.text().index("## When to Use")))
    cursor.insertText("## Notes\nfree text\n\n")
    assert isinstance(card(editor, "Notes").body, MarkdownEditor)


def test_title_and_introduction(open_editor):
    session, editor = open_editor()
    intro = editor.sections.intro
    assert intro.title.text() == "Persona: Backend"
    type_into(intro.title, "Persona: Platform")
    intro.title.commit()
    assert session.text() == SEED.replace("# Persona: Backend", "# Persona: Platform")


def test_focus_section_and_theme(open_editor, qtbot):
    _session, editor = open_editor()
    editor.activateWindow()
    assert editor.focus_section("Key Practices")
    assert not editor.focus_section("No Such Section")
    editor.apply_theme(DARK)
    assert_theme(editor, DARK)
    assert card(editor, "Key Practices").body.rows[0].line.text() == (
        "Repository pattern and clean architecture"
    )


def scroll_through(editor: StructuredEditor) -> None:
    """Scroll the form from top to bottom a page at a time, as a user reading it does (list
    rows are made as they come near the screen), and back to the top."""
    bar = editor.scroll.verticalScrollBar()
    for value in range(0, bar.maximum() + bar.pageStep(), bar.pageStep()):
        bar.setValue(value)
    bar.setValue(0)


def assert_theme(editor: StructuredEditor, theme) -> None:
    """Every part of the form has `theme`'s look: page, cards, labels and fields (the list
    rows too, once scrolled to)."""
    scroll_through(editor)
    page, card_colour = (theme.base, theme.window) if theme.dark else (theme.window, theme.base)
    assert editor.content.look.fill.name() == page
    cards = editor.findChildren(Box, "card")
    assert len(cards) > 5
    for box in cards:
        assert (box.look.fill.name(), box.look.border.name()) == (card_colour, theme.border)
    notes = editor.findChildren(QLabel, "marker") + editor.findChildren(QLabel, "note")
    assert len(notes) > 20
    for label in notes:
        assert label.palette().windowText().color().name() == theme.muted
    for title in editor.findChildren(QLabel, "cardTitle"):
        assert title.palette().windowText().color().name() == theme.heading
    fields = editor.findChildren(QLineEdit) + editor.findChildren(QPlainTextEdit)
    # An editable choice's line belongs to its combo box, which has the window's look.
    fields = [f for f in fields if not isinstance(f.parent(), QComboBox)]
    assert len(fields) > 20
    for field in fields:
        assert field.style() is field_style()
        assert field.palette().base().color().name() == theme.base
        assert field.palette().mid().color().name() == theme.border
        assert field.palette().highlight().color().name() == theme.selection
    for box in editor.findChildren(QPlainTextEdit):  # its scroll bar keeps the window's colours
        assert box.verticalScrollBar().palette().highlight().color().name() == theme.accent
    views = editor.findChildren(QTreeWidget) + editor.findChildren(QListWidget)
    assert len(views) == 4  # the tool tree and list, the lists of the model and agents keys
    for view in views:
        assert isinstance(view.style(), ViewStyle) and view.style().theme == theme
        palette = view.palette()
        assert palette.base().color().name() == theme.base
        assert palette.text().color().name() == theme.text
        assert palette.highlight().color().name() == theme.selection
        assert palette.highlightedText().color().name() == theme.text
        # Its scroll bar, and the Migrate buttons in the tree, keep the window's colours.
        assert view.verticalScrollBar().palette() == palette_for(theme)
    buttons = editor.tool_picker.tree.findChildren(QToolButton)
    assert buttons
    for button in buttons:
        assert button.palette() == palette_for(theme)


def test_switching_the_theme_restyles_the_form(open_editor):
    _session, editor = open_editor()
    assert_theme(editor, LIGHT)
    editor.apply_theme(DARK)
    assert_theme(editor, DARK)
    body = card(editor, "Tech Stack Focus").body
    body.add_button.click()  # a row made after the switch has the dark look too
    assert len(body.rows) == 5
    assert_theme(editor, DARK)
    editor.apply_theme(LIGHT)
    assert_theme(editor, LIGHT)


def test_no_part_of_the_form_has_a_style_sheet(open_editor):
    """A style sheet costs every widget under it memory (about 9 KB each), and the first one
    brings in Qt's style sheet machinery (about 0.9 MB): the form is styled without one, its
    tool tree and lists included (`ViewStyle`)."""
    _session, editor = open_editor()
    assert [widget for widget in editor.findChildren(QWidget) if widget.styleSheet()] == []
    assert editor.styleSheet() == ""


def test_the_tool_views_are_drawn_as_their_sheet_drew_them(open_editor, qtbot):
    """A rounded box with the theme's border (its accent with the focus) around items a padding
    taller than the plain view's, the items and their Migrate buttons inside that padding."""
    _session, editor = open_editor()
    tree, chosen = editor.tool_picker.tree, editor.tool_picker.selected
    qtbot.waitUntil(lambda: tree.isVisible())
    pad = Metrics.of(QFontMetrics(tree.font())).pad
    item = next(  # a catalog tool (a legacy name's row is as tall as its Migrate button)
        it for it in tree._items() if it.parent() is not None and tree.itemWidget(it, 1) is None
    )
    item.parent().setExpanded(True)
    plain = QTreeWidget()  # the same item in a view of the plain style
    qtbot.addWidget(plain)
    plain.setFont(tree.font())
    plain.setIconSize(tree.iconSize())
    same = QTreeWidgetItem(plain, [item.text(0)])
    same.setIcon(0, item.icon(0))
    same.setCheckState(0, item.checkState(0))
    assert tree.visualItemRect(item).height() == plain.visualItemRect(same).height() + 2 * pad
    legacy = tree.topLevelItem(0).child(0)
    button = tree.itemWidget(legacy, 1)
    assert button.geometry().height() == tree.visualItemRect(legacy).height() - 2 * pad

    def edge(view) -> str:  # the middle of the left edge, as painted
        return view.grab().toImage().pixelColor(0, view.height() // 2).name()

    for view in (tree, chosen):
        assert edge(view) == LIGHT.border
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        assert edge(view) == LIGHT.accent


def test_hidden_editor_catches_up_when_shown(qtbot):
    session = DocumentSession(SEED, path=CHATMODE)
    editor = StructuredEditor(session, LIGHT)
    qtbot.addWidget(editor)
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(SEED.index("Backend specialist")))
    cursor.insertText("Senior ")
    editor.show()
    assert editor.field_widget("description").toPlainText().startswith("Senior Backend")
    assert Qt.CheckState.Checked == editor.tool_picker.item("fetch").checkState(0)


def test_every_control_has_an_accessible_name_and_a_tooltip(open_editor):
    text = SEED + "\n## Notes\nfree text\n"
    _session, editor = open_editor(text, AGENT)
    for card in editor.sections.cards:  # (a card below the first screen waits to be reached)
        card.make()
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTreeWidget, QListWidget)
    controls = [
        widget
        for widget in editor.findChildren(QWidget)
        # A line edit's own buttons (clear, actions) are described by the line edit.
        if isinstance(widget, kinds) and not isinstance(widget.parent(), (QComboBox, QLineEdit))
    ]
    assert len(controls) > 100
    missing = [
        (type(widget).__name__, widget.accessibleName(), widget.toolTip())
        for widget in controls
        if not widget.accessibleName() or not widget.toolTip()
    ]
    assert missing == []


def test_a_skill_shows_its_fields_but_no_tools_or_persona_sections(open_editor):
    text = "---\nname: pdf-tools\ndescription: Works with PDFs\n---\n# PDF\n\nSteps.\n"
    session, editor = open_editor(text=text, path="/tmp/x/.github/skills/pdf-tools/SKILL.md")
    assert session.file_kind.kind == "skill" and session.target == "agent-skill"
    assert editor.field_widget("name").text() == "pdf-tools"
    assert editor.tools_card.isHidden()
    assert editor.sections.isHidden() and editor.sections_heading.isHidden()
    # The same form for an agent shows both.
    _session, agent = open_editor(text=text, path=AGENT)
    assert not agent.tools_card.isHidden() and not agent.sections.isHidden()
