"""The validator panel: the document's diagnostics, filters, jumps, Quick Fix and Explain."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from persona_studio.core.lint import Severity, find_rule
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import DARK, LIGHT
from persona_studio.gui.window.validator_panel import (
    LINE_COLUMN,
    MESSAGE_COLUMN,
    RULE_COLUMN,
    SEVERITY_COLUMN,
    ValidatorPanel,
)

CLEAN = "---\ndescription: A helper\n---\n\n# Helper\n\nHelps.\n"


@pytest.fixture
def seed_text(seed_text: str) -> str:
    # The seed read as an agent has only infos (VS Code 1.140 shows unknown tools as Hints); a
    # #tool: reference to no tool, on a last line of its own, gives the panel one warning.
    return seed_text + WARNING_LINE


WARNING_LINE = "Check #tool:nope first.\n"  # line 75


@pytest.fixture
def session(seed_text: str) -> DocumentSession:
    return DocumentSession(seed_text, path="x.agent.md")  # target: vscode-agent


@pytest.fixture
def panel(qtbot, session: DocumentSession) -> ValidatorPanel:
    widget = ValidatorPanel(LIGHT)
    qtbot.addWidget(widget)
    widget.set_session(session)
    widget.resize(1000, 260)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell(panel: ValidatorPanel, row: int, column: int) -> str:
    return panel.proxy.index(row, column).data()


def row_of(panel: ValidatorPanel, rule: str, needle: str) -> int:
    for row in range(panel.proxy.rowCount()):
        if cell(panel, row, RULE_COLUMN) == rule and needle in cell(panel, row, MESSAGE_COLUMN):
            return row
    raise AssertionError(f"no {rule} row mentioning {needle!r}")


def select(panel: ValidatorPanel, row: int) -> None:
    panel.view.setCurrentIndex(panel.proxy.index(row, 0))


def test_one_row_per_diagnostic_with_severity_word_rule_and_line(panel, session):
    assert panel.proxy.rowCount() == len(session.diagnostics) == 23
    # errors first, then warnings: the one warning leads
    assert [cell(panel, 0, c) for c in (SEVERITY_COLUMN, RULE_COLUMN, LINE_COLUMN)] == [
        "Warning",
        "tool-reference-unknown",
        "75",
    ]
    assert "'nope'" in cell(panel, 0, MESSAGE_COLUMN)
    row = row_of(panel, "decision-pattern-form", "Compliance and security")
    assert cell(panel, row, SEVERITY_COLUMN) == "Info"
    assert cell(panel, row, LINE_COLUMN) == "22"
    tooltip = panel.proxy.index(row, RULE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("PS407 decision-pattern-form")
    assert panel.stack.currentWidget() is panel.view


def test_filter_toggles_show_counts_and_hide_infos(panel, qtbot):
    buttons = panel.filter_buttons
    assert [buttons[s].text() for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)] == [
        "0 errors",
        "1 warning",
        "22 info",
    ]
    qtbot.mouseClick(buttons[Severity.INFO], Qt.MouseButton.LeftButton)
    assert panel.proxy.rowCount() == 1
    assert cell(panel, 0, SEVERITY_COLUMN) == "Warning"
    assert buttons[Severity.INFO].text() == "22 info"  # the count stays: only the rows hide
    qtbot.mouseClick(buttons[Severity.WARNING], Qt.MouseButton.LeftButton)
    assert panel.proxy.rowCount() == 0
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "No problems shown: 23 hidden by the severity filters"
    qtbot.mouseClick(buttons[Severity.INFO], Qt.MouseButton.LeftButton)
    assert panel.proxy.rowCount() == 22
    assert panel.counts() == {"error": 0, "warning": 1, "info": 22}


def test_sorting_by_line_puts_the_last_line_last(panel):
    panel.view.sortByColumn(LINE_COLUMN, Qt.SortOrder.AscendingOrder)
    lines = [int(cell(panel, row, LINE_COLUMN)) for row in range(panel.proxy.rowCount())]
    assert lines == sorted(lines) and lines[-1] == 75
    # on one line, the order follows the text: the tools in the order they are listed
    assert "'changes'" in cell(panel, 0, MESSAGE_COLUMN)


def test_enter_emits_jump_to_the_span(panel, session, qtbot):
    row = row_of(panel, "renamed-tool", "'codebase'")
    select(panel, row)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.jumpRequested) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    start, end = blocker.args
    assert session.text()[start:end] == "codebase"
    assert session.text()[start - 1 : end + 1] == "'codebase'"


def test_double_click_emits_jump_to_the_span(panel, session, qtbot):
    row = row_of(panel, "decision-pattern-form", "Compliance")
    index = panel.proxy.index(row, MESSAGE_COLUMN)
    panel.view.scrollTo(index)
    where = panel.view.visualRect(index).center()
    # a real double-click is a click, then a double-click event (Qt checks the pressed row)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(panel.jumpRequested) as blocker:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    start, end = blocker.args
    assert "Compliance and security by design" in session.text()[start:end]


def test_next_and_previous_problem_wrap_around(panel, qtbot):
    last = panel.proxy.rowCount() - 1
    with qtbot.waitSignal(panel.jumpRequested):
        assert panel.next_problem()
    assert panel.view.currentIndex().row() == 0
    assert panel.selected_diagnostic().name == "tool-reference-unknown"
    panel.previous_problem()
    assert panel.view.currentIndex().row() == last
    panel.next_problem()
    assert panel.view.currentIndex().row() == 0


def test_next_problem_without_problems_does_nothing(qtbot):
    panel = ValidatorPanel(DARK)
    qtbot.addWidget(panel)
    panel.set_session(DocumentSession(CLEAN, path="x.agent.md"))
    with qtbot.assertNotEmitted(panel.jumpRequested):
        assert panel.next_problem() is False
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "No problems"
    panel.set_session(None)
    assert panel.empty_label.text() == "No document open"


def test_quick_fix_applies_the_rename_as_one_undo_step(panel, session, seed_text, qtbot):
    row = row_of(panel, "renamed-tool", "'codebase'")
    select(panel, row)
    assert panel.quick_fix_button.isEnabled()
    assert "Replace 'codebase' with search/codebase" in panel.quick_fix_button.toolTip()

    qtbot.mouseClick(panel.quick_fix_button, Qt.MouseButton.LeftButton)

    fixed = session.text()
    assert "'changes', 'search/codebase', 'editFiles'" in fixed
    assert fixed.replace("'search/codebase'", "'codebase'", 1) == seed_text
    messages = [d.message for d in panel.diagnostics()]
    assert not any("'codebase'" in message for message in messages)
    assert panel.counts()["info"] == 21
    session.undo()
    assert session.text() == seed_text


def test_quick_fix_right_after_typing_uses_the_current_text(panel, session, seed_text, qtbot):
    select(panel, row_of(panel, "renamed-tool", "'codebase'"))
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(len("---\n"))
    cursor.insertText("name: api\n")  # the shown diagnostics are now a keystroke old
    panel.quick_fix()
    expected = seed_text.replace("---\n", "---\nname: api\n", 1)
    expected = expected.replace("'codebase'", "'search/codebase'", 1)
    assert session.text() == expected


def test_quick_fix_is_disabled_for_a_problem_without_a_fix(panel):
    select(panel, row_of(panel, "unknown-tool", "findTestFiles"))
    assert not panel.quick_fix_button.isEnabled()
    assert panel.quick_fix_button.toolTip() == "This problem has no automatic fix"
    assert panel.quick_fix() is False


def test_explain_shows_the_rules_documentation(panel, qtbot):
    select(panel, row_of(panel, "renamed-tool", "'fetch'"))
    qtbot.mouseClick(panel.explain_button, Qt.MouseButton.LeftButton)
    dialog = panel._explain
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    rule = find_rule("renamed-tool")
    assert rule.explanation in text
    assert rule.summary in text
    assert "PS202" in text and "Severity: info" in text
    assert "<!-- persona-studio-disable renamed-tool -->" in text
    assert 'ignore = ["renamed-tool"]' in text
    assert "Replace 'fetch' with web/fetch" in text


def test_counts_follow_typing(panel, session, qtbot):
    assert panel.counts() == {"error": 0, "warning": 1, "info": 22}
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(len("---\n"))
    with qtbot.waitSignal(session.diagnosticsChanged, timeout=2000):
        cursor.insertText("colour: red\nmodel: 'GPT-5 | gpt-4'\n")
    # an unknown key (a Hint in VS Code 1.140) and two models in one string (a warning)
    assert panel.counts() == {"error": 0, "warning": 2, "info": 23}
    assert panel.filter_buttons[Severity.WARNING].text() == "2 warnings"
    assert any(
        "'colour'" in cell(panel, row, MESSAGE_COLUMN) for row in range(panel.proxy.rowCount())
    )


def test_the_selection_stays_on_the_same_problem_when_the_text_changes(panel, session, qtbot):
    select(panel, row_of(panel, "decision-pattern-form", "Compliance"))
    cursor = QTextCursor(session.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(session.diagnosticsChanged, timeout=2000):
        cursor.insertText("\nMore text.\n")
    assert panel.selected_diagnostic().name == "decision-pattern-form"


def test_copy_message(panel):
    select(panel, row_of(panel, "unknown-tool", "findTestFiles"))
    panel.copy_message()
    assert QGuiApplication.clipboard().text().startswith("Unknown tool 'findTestFiles'.")


def test_render_light_and_dark(qtbot, seed_text, tmp_path):
    for theme in (LIGHT, DARK):
        widget = ValidatorPanel(theme)
        qtbot.addWidget(widget)
        widget.set_session(DocumentSession(seed_text, path="x.agent.md"))
        widget.resize(1000, 260)
        widget.show()
        image = widget.grab().toImage()
        assert image.width() >= 1000
        # the list is painted with the theme's colours
        viewport = widget.view.viewport().grab().toImage()
        corner = viewport.pixelColor(2, viewport.height() - 3)
        assert corner.name() in (theme.base, theme.alternate)


def test_problems_that_only_move_keep_their_rows_and_the_selection(qtbot, panel, session):
    """Typing usually leaves the problems as they were, moved along the text: the rows stay
    (no reset, so no flicker and no re-measuring), the selection stays on its problem, and the
    line numbers follow when lines are added above."""
    row = row_of(panel, "decision-pattern-form", "Compliance and security")
    select(panel, row)
    chosen = panel.selected_diagnostic()
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))

    line_start = session.to_qt(session.text().index("You are a backend"))
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(line_start)
    cursor.insertText("More words here. ")  # the same problems, moved along
    session.refresh_diagnostics()
    assert resets == []
    assert panel.selected_diagnostic().message == chosen.message
    assert panel.selected_diagnostic().span.start == chosen.span.start + len("More words here. ")
    assert cell(panel, panel.view.currentIndex().row(), LINE_COLUMN) == "22"

    cursor.setPosition(line_start)
    cursor.insertText("\n\n")  # two lines more above the problem
    session.refresh_diagnostics()
    assert resets == []
    assert cell(panel, panel.view.currentIndex().row(), LINE_COLUMN) == "24"
    assert panel.selected_diagnostic().span.line == 24

    session.set_target("vscode-chatmode")  # other problems: the rows are built anew
    assert resets == [1]


def test_the_narrow_columns_fit_every_rule_name_without_measuring_rows(panel):
    header = panel.view.header()
    metrics = panel.view.fontMetrics()
    from persona_studio.core.lint import all_rules

    widest = max(metrics.horizontalAdvance(rule.name) for rule in all_rules())
    assert header.sectionSize(RULE_COLUMN) > widest
    assert header.sectionSize(LINE_COLUMN) > metrics.horizontalAdvance("99999")
    assert header.sectionSize(SEVERITY_COLUMN) > metrics.horizontalAdvance("Warning")
    assert header.sectionResizeMode(RULE_COLUMN) == header.ResizeMode.Interactive
