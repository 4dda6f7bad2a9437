"""The Source view: the session's one text, highlighting, diagnostics, navigation and zoom."""

from __future__ import annotations

import sys
import time

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QTextBlock, QTextCharFormat
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip

from persona_studio.core.document import Document
from persona_studio.core.lint import Diagnostic, Severity
from persona_studio.gui.editor.highlighter import PersonaHighlighter, in_code_block
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.editor.source_editor import SourceEditor
from persona_studio.gui.theme import DARK, LIGHT

PERSONA = """---
description: 'Backend specialist'
tools: ['codebase', 'fetch']  # the tools
---

# Persona: Backend

## Core Belief
Reliability *first*, **always**; see `docs` and #tool:codebase.

```python
# not a heading
def handle(load):
    return load * 10
```

```nosuchlanguage
def handle(load):
```

## Primary Question
- "Will this scale?"
"""


@pytest.fixture
def session() -> DocumentSession:
    return DocumentSession(PERSONA)


@pytest.fixture
def editor(qtbot, session) -> SourceEditor:
    widget = SourceEditor(session, LIGHT)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.highlighter.rehighlight()
    return widget


def diagnostic(
    doc: Document, start: int, end: int, severity=Severity.ERROR, name="unknown-tool"
) -> Diagnostic:
    return Diagnostic("PS999", name, severity, f"{name} says hello", doc.span(start, end))


def span_of(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def block_of(editor: SourceEditor, line: int) -> QTextBlock:
    return editor.document().findBlockByNumber(line - 1)


def format_at(block: QTextBlock, column: int) -> QTextCharFormat:
    """The highlighter's format of the character at a 0-based column of a block."""
    ranges = block.layout().formats()
    for format_range in ranges:
        if format_range.start <= column < format_range.start + format_range.length:
            return QTextCharFormat(format_range.format)
    return QTextCharFormat()


def line_number(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# -- the one text ---------------------------------------------------------------------------
def test_editor_shows_the_sessions_document(editor, session):
    assert editor.document() is session.text_document
    assert editor.toPlainText() == PERSONA
    assert editor.accessibleName() == "Source"


def test_typing_changes_the_session_text_and_snapshot(qtbot, editor, session):
    editor.go_to_offset(PERSONA.index("Backend\n\n## Core") + len("Backend"))
    qtbot.keyClicks(editor, " API")
    expected = PERSONA.replace("# Persona: Backend", "# Persona: Backend API")
    assert session.text() == expected
    assert session.snapshot.title.title == "Persona: Backend API"
    assert session.is_dirty


def test_undo_restores_the_exact_text(qtbot, editor, session):
    editor.go_to_offset(len(PERSONA))
    qtbot.keyClicks(editor, "- Another")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.insertPlainText("caf\u00e9 \U0001f600")
    assert session.text().endswith("- Another\ncaf\u00e9 \U0001f600")
    while editor.document().isUndoAvailable():
        editor.undo()
    assert session.text() == PERSONA
    assert not session.is_dirty


def test_edits_from_the_session_show_in_the_editor(editor, session):
    from persona_studio.core.edits import set_field

    session.apply_edit(set_field(session.snapshot, "description", "Data first"))
    # The single quotes of the description are kept.
    assert editor.toPlainText() == PERSONA.replace(
        "description: 'Backend specialist'", "description: 'Data first'", 1
    )


# -- diagnostics ----------------------------------------------------------------------------
def test_diagnostics_underline_exactly_their_spans(editor, session):
    doc = session.snapshot
    fetch = span_of(PERSONA, "'fetch'")
    question = span_of(PERSONA, "Will this scale?")
    editor.set_diagnostics(
        [diagnostic(doc, *fetch), diagnostic(doc, *question, Severity.WARNING, "vague")]
    )
    selections = editor.extraSelections()
    assert [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in selections] == [
        fetch,
        question,
    ]
    assert [s.cursor.selectedText() for s in selections] == ["'fetch'", "Will this scale?"]
    error_format, warning_format = (s.format for s in selections)
    assert error_format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert error_format.underlineColor() == QColor(LIGHT.error)
    assert warning_format.underlineColor() == QColor(LIGHT.warning)


def test_tooltip_lists_every_diagnostic_at_a_position(editor, session):
    doc = session.snapshot
    start, end = span_of(PERSONA, "'fetch'")
    editor.set_diagnostics(
        [
            diagnostic(doc, start, end),
            diagnostic(doc, start + 1, end - 1, Severity.INFO, "renamed-tool"),
        ]
    )
    assert editor.tooltip_for(start + 2) == (
        "error unknown-tool: unknown-tool says hello\ninfo renamed-tool: renamed-tool says hello"
    )
    assert editor.tooltip_for(start) == "error unknown-tool: unknown-tool says hello"
    assert editor.tooltip_for(end) == ""
    assert editor.tooltip_for(0) == ""


def test_gutter_marker_tooltip_names_the_lines_problems(editor, session):
    doc = session.snapshot
    line = line_number(PERSONA, "Will this scale?")
    editor.set_diagnostics(
        [diagnostic(doc, *span_of(PERSONA, "Will"), Severity.WARNING, "vague-question")]
    )
    assert editor.tooltip_for_line(line) == "warning vague-question: vague-question says hello"
    assert editor.tooltip_for_line(line - 1) == ""


def test_hovering_a_marked_span_shows_its_tooltip(qtbot, editor, session):
    editor.show()
    qtbot.waitExposed(editor)
    start, end = span_of(PERSONA, "Reliability")
    editor.set_diagnostics([diagnostic(editor.session.snapshot, start, end, name="hover-me")])
    editor.go_to_offset(start + 3)
    point = editor.cursorRect().center()
    point.setX(point.x() + 1)  # over the 4th character
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    assert "hover-me" in QToolTip.text()
    assert "hover-me says hello" in QToolTip.text()
    QToolTip.hideText()


def test_hovering_a_gutter_marker_shows_the_lines_problems(qtbot, editor, session):
    editor.show()
    qtbot.waitExposed(editor)
    start, end = span_of(PERSONA, "Reliability")
    editor.set_diagnostics([diagnostic(session.snapshot, start, end, Severity.INFO, "hint")])
    block = block_of(editor, line_number(PERSONA, "Reliability"))
    y = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).center().y()
    point = QPoint(2, int(y))
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.gutter.mapToGlobal(point))
    QApplication.sendEvent(editor.gutter, event)
    assert "info hint: hint says hello" in QToolTip.text().replace("<b>", "").replace("</b>", "")
    QToolTip.hideText()


def test_session_diagnostics_reach_the_editor(editor, session):
    session.refresh_diagnostics()
    shown = editor.diagnostics()
    assert shown == session.diagnostics
    assert len(editor.extraSelections()) == len(shown)


def test_astral_character_before_a_span_keeps_the_underline_on_it(qtbot):
    text = "# Emoji \U0001f600\U0001f680 title\n\nThe word target is here.\n"
    session = DocumentSession(text)
    editor = SourceEditor(session, DARK)
    qtbot.addWidget(editor)
    start, end = span_of(text, "target")
    title = span_of(text, "title")
    editor.set_diagnostics(
        [diagnostic(session.snapshot, *title), diagnostic(session.snapshot, start, end)]
    )
    assert [s.cursor.selectedText() for s in editor.extraSelections()] == ["title", "target"]
    assert editor.diagnostic_ranges()[0][1:] == title
    assert "unknown-tool" in editor.tooltip_for(title[0])
    assert editor.tooltip_for(title[0] - 1) == ""


def test_underlines_follow_the_text_while_typing(qtbot, editor, session):
    start, end = span_of(PERSONA, "Will this scale?")
    editor.set_diagnostics([diagnostic(session.snapshot, start, end)])
    editor.go_to_offset(0)
    qtbot.keyClicks(editor, "xyz")
    (selection,) = editor.extraSelections()
    assert selection.cursor.selectedText() == "Will this scale?"
    assert editor.diagnostic_ranges()[0][1:] == (start + 3, end + 3)
    assert editor.tooltip_for(start + 3) != ""


def test_an_empty_span_still_underlines_a_character(editor, session):
    offset = PERSONA.index("Backend specialist")
    editor.set_diagnostics([diagnostic(session.snapshot, offset, offset)])
    (selection,) = editor.extraSelections()
    assert selection.cursor.selectedText() == "B"


def test_markers_differ_by_severity_shape_not_only_colour(editor, session):
    """The gutter draws a marker on each problem line: the marked pixels differ in shape. The
    outlines of an error and an info are both discs (as in the problem list's icons), so the
    shape is the outline with the glyph inside it (a cross, an "!", an "i" in the base colour)."""
    from PySide6.QtGui import QImage

    doc = session.snapshot
    lines = ["Reliability", "def handle", "Will"]
    editor.set_diagnostics(
        [
            diagnostic(doc, *span_of(PERSONA, word), severity)
            for word, severity in zip(lines, Severity, strict=True)
        ]
    )
    editor.zoom_in()
    editor.show()
    image = editor.gutter.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    height = editor.fontMetrics().height()
    gutter_bg = QColor(LIGHT.gutter)
    base = QColor(LIGHT.base)

    def near_base(colour: QColor) -> bool:
        return sum(abs(a - b) for a, b in zip(colour.getRgb(), base.getRgb(), strict=True)) < 60

    def mask(word: str) -> frozenset[tuple[int, int, bool]]:
        block = block_of(editor, line_number(PERSONA, word))
        geometry = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
        top = int(geometry.top())
        return frozenset(
            (x, y, near_base(image.pixelColor(x + 1, top + y)))
            for y in range(height)
            for x in range(height)
            if image.pixelColor(x + 1, top + y) != gutter_bg
        )

    shapes = [mask(word) for word in lines]
    assert all(shapes)
    assert len(set(shapes)) == 3


# -- navigation -----------------------------------------------------------------------------
def test_go_to_offset_selects_the_span(editor, session):
    start, end = span_of(PERSONA, "Primary Question")
    editor.go_to_offset(start, end)
    cursor = editor.textCursor()
    assert cursor.selectedText() == "Primary Question"
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (start, end)
    assert editor.current_offset() == end


def test_go_to_offset_counts_code_points_after_an_emoji(qtbot):
    text = "\U0001f600 a\nsecond line\n"
    session = DocumentSession(text)
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.go_to_offset(2, 3)
    assert editor.textCursor().selectedText() == "a"
    assert editor.current_offset() == 3


def test_cursor_position_signal_reports_line_and_code_point_column(qtbot):
    text = "first\n\U0001f600\U0001f600 xy\n"
    session = DocumentSession(text)
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.cursorPositionChangedTo) as blocker:
        editor.go_to_offset(text.index("y"))
    assert blocker.args == [2, 5]
    assert editor.cursor_line_column() == (2, 5)


def test_go_to_line_moves_to_the_line_start_and_scrolls(qtbot):
    text = "".join(f"line {n}\n" for n in range(1, 501))
    session = DocumentSession(text)
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.resize(500, 300)
    editor.show()
    editor.go_to_line(400)
    assert editor.textCursor().block().text() == "line 400"
    assert editor.textCursor().positionInBlock() == 0
    assert editor.verticalScrollBar().value() > 300
    editor.go_to_line(10_000)
    assert editor.textCursor().block().text() == ""  # clamped to the last line


# -- highlighting ---------------------------------------------------------------------------
def test_highlighter_tells_yaml_keys_headings_and_python_apart(editor):
    key = format_at(block_of(editor, 2), 0)  # description
    value = format_at(block_of(editor, 2), len("description: ") + 1)
    comment_line = block_of(editor, 3)
    comment = format_at(comment_line, comment_line.text().index("#"))
    heading = format_at(block_of(editor, line_number(PERSONA, "# Persona")), 3)
    python_line = block_of(editor, line_number(PERSONA, "def handle"))
    keyword = format_at(python_line, 0)  # def
    name = format_at(python_line, 4)  # handle
    colours = {
        fmt.foreground().color().name() for fmt in (key, value, heading, keyword, name, comment)
    }
    assert len(colours) == 6
    assert key.foreground().color() == QColor(LIGHT.yaml_key)
    assert value.foreground().color() == QColor(LIGHT.yaml_string)
    assert heading.fontWeight() == QFont.Weight.Bold
    assert heading.foreground().color() == QColor(LIGHT.heading)


def test_a_hash_line_inside_a_fence_is_code_not_a_heading(editor):
    inside = block_of(editor, line_number(PERSONA, "# not a heading"))
    after = block_of(editor, line_number(PERSONA, "## Primary"))
    assert in_code_block(inside)
    assert not in_code_block(after)
    assert format_at(inside, 2).foreground().color() != QColor(LIGHT.heading)
    assert format_at(inside, 2).fontItalic()  # a Python comment
    assert format_at(after, 4).foreground().color() == QColor(LIGHT.heading)


def test_unknown_language_fence_is_plain_code(editor):
    second = block_of(editor, PERSONA[: PERSONA.index("nosuchlanguage")].count("\n") + 2)
    assert second.text() == "def handle(load):"
    colours = {format_at(second, column).foreground().color().name() for column in range(16)}
    assert colours == {QColor(LIGHT.text).name()}


def test_markdown_inline_formats(editor):
    line = block_of(editor, line_number(PERSONA, "Reliability *first*"))
    text = line.text()
    emphasis = format_at(line, text.index("first"))
    strong = format_at(line, text.index("always"))
    code = format_at(line, text.index("docs"))
    tool = format_at(line, text.index("codebase"))
    plain = format_at(line, text.index("see"))
    assert emphasis.fontItalic()
    assert strong.fontWeight() == QFont.Weight.Bold
    assert code.background().color() == QColor(LIGHT.code_background)
    assert tool.background().color() == QColor(LIGHT.chip_background)
    assert not plain.fontItalic() and plain.fontWeight() != QFont.Weight.Bold
    marker_line = block_of(editor, line_number(PERSONA, '- "Will'))
    assert format_at(marker_line, 0).foreground().color() == QColor(LIGHT.accent)


def test_highlighting_after_an_emoji_lands_on_the_right_characters(qtbot):
    text = "Go \U0001f680 `code` then *em*\n"
    session = DocumentSession(text)
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.highlighter.rehighlight()
    block = block_of(editor, 1)
    code_start = session.to_qt(text.index("`code`"))
    assert format_at(block, code_start - 1).background().color() != QColor(LIGHT.code_background)
    assert all(
        format_at(block, column).background().color() == QColor(LIGHT.code_background)
        for column in range(code_start, code_start + len("`code`"))
    )
    assert format_at(block, session.to_qt(text.index("em*"))).fontItalic()
    assert not format_at(block, session.to_qt(text.index("then"))).fontItalic()


def test_html_comment_and_block_scalar_states(qtbot):
    text = (
        "---\ndescription: |\n  key: not a key\nname: x\n---\n"
        "<!-- persona-studio-disable\n# still a comment -->\n# Heading\n"
    )
    session = DocumentSession(text)
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.highlighter.rehighlight()
    scalar = format_at(block_of(editor, 3), 2)
    assert scalar.foreground().color() == QColor(LIGHT.yaml_string)
    assert format_at(block_of(editor, 4), 0).foreground().color() == QColor(LIGHT.yaml_key)
    inside_comment = format_at(block_of(editor, 7), 0)
    assert inside_comment.foreground().color() == QColor(LIGHT.yaml_comment)
    assert format_at(block_of(editor, 8), 2).foreground().color() == QColor(LIGHT.heading)


def test_typing_a_fence_rehighlights_the_lines_below(qtbot, editor, session):
    heading_line = line_number(PERSONA, "## Primary")
    editor.go_to_line(heading_line)
    qtbot.keyClicks(editor, "~~~")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    heading = block_of(editor, heading_line + 1)
    assert heading.text() == "## Primary Question"
    assert in_code_block(heading)
    assert format_at(heading, 4).foreground().color() != QColor(LIGHT.heading)


def test_apply_theme_recolours_highlighting_and_underlines(editor, session):
    editor.set_diagnostics([diagnostic(session.snapshot, 0, 3)])
    editor.apply_theme(DARK)
    heading = format_at(block_of(editor, line_number(PERSONA, "# Persona")), 3)
    assert heading.foreground().color() == QColor(DARK.heading)
    assert editor.extraSelections()[0].format.underlineColor() == QColor(DARK.error)
    assert editor.palette().color(editor.palette().ColorRole.Base) == QColor(DARK.base)


# -- gutter, wrap, zoom ---------------------------------------------------------------------
def test_gutter_width_grows_with_the_line_count(qtbot):
    session = DocumentSession("x\n" * 98)  # 99 lines
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    narrow = editor.gutter_width()
    assert editor.viewportMargins().left() == narrow
    editor.go_to_offset(len(session.text()))
    editor.insertPlainText("\n")  # line 100
    wider = editor.gutter_width()
    assert wider - narrow == editor.fontMetrics().horizontalAdvance("9")
    assert editor.viewportMargins().left() == wider


def test_zoom_changes_the_font_size_and_gutter(qtbot, editor):
    base = editor.font().pointSizeF()
    gutter = editor.gutter_width()
    with qtbot.waitSignal(editor.zoomChanged) as blocker:
        editor.zoom_in()
    assert editor.font().pointSizeF() == base + 1
    assert blocker.args == [base + 1]
    editor.zoom_in()
    assert editor.gutter_width() > gutter
    editor.zoom_out()
    assert editor.font().pointSizeF() == base + 1
    editor.zoom_reset()
    assert editor.font().pointSizeF() == base
    assert editor.gutter_width() == gutter
    for _ in range(100):
        editor.zoom_out()
    assert editor.font().pointSizeF() >= 6


def test_monospace_font_and_wrap_toggle(editor):
    # Every glyph has the same advance (QFontInfo.fixedPitch() is False for some monospace fonts
    # that Qt shows correctly, such as Noto Sans Mono, so it is not asked).
    metrics = editor.fontMetrics()
    advances = {glyph: metrics.horizontalAdvance(glyph) for glyph in "iMW. l0#"}
    assert len(set(advances.values())) == 1, advances
    assert advances["M"] > 0
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    editor.set_wrap(True)
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert editor.is_wrapping()


def test_clicking_a_line_number_moves_the_cursor_there(qtbot, editor):
    editor.show()
    qtbot.waitExposed(editor)
    block = block_of(editor, 6)
    y = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).center().y()
    qtbot.mouseClick(editor.gutter, Qt.MouseButton.LeftButton, pos=QPoint(2, int(y)))
    assert editor.textCursor().blockNumber() == 5


def test_seed_persona_highlights_its_front_matter(qtbot, seed_text):
    session = DocumentSession(seed_text)
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    editor.highlighter.rehighlight()
    assert format_at(block_of(editor, 2), 0).foreground().color() == QColor(LIGHT.yaml_key)
    assert format_at(block_of(editor, 1), 0).foreground().color() == QColor(LIGHT.fence)


# -- a large persona ------------------------------------------------------------------------
def _void_qt_calls_drop_a_reference_to_none() -> bool:
    """PySide6 6.12.0 on Python 3.11 forgets to take a reference to None on void calls."""
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(100):
        fmt.setFontItalic(True)
    return sys.getrefcount(None) < before - 50


def test_a_400_kb_persona_highlights_per_block(qtbot, monkeypatch):
    if _void_qt_calls_drop_a_reference_to_none():
        pytest.fail(
            "this PySide6 drops a reference to None on every void call (6.12.0 on Python 3.11): "
            "highlighting 400 KB would abort the interpreter; install another PySide6 version"
        )
    chunk = PERSONA.split("---\n", 2)[2]
    text = PERSONA + chunk * (400_000 // len(chunk))
    session = DocumentSession(text)
    editor = SourceEditor(session, LIGHT)
    qtbot.addWidget(editor)
    started = time.perf_counter()
    editor.highlighter.rehighlight()
    assert time.perf_counter() - started < 10  # about half a second on a 2-core machine
    last = editor.document().lastBlock().previous()
    assert last.text() == '- "Will this scale?"'
    assert format_at(last, 0).foreground().color() == QColor(LIGHT.accent)

    calls = []
    original = PersonaHighlighter.highlightBlock

    def counting(self, block_text):
        calls.append(block_text)
        original(self, block_text)

    monkeypatch.setattr(PersonaHighlighter, "highlightBlock", counting)
    editor.go_to_line(editor.document().blockCount() // 2)
    qtbot.keyClicks(editor, "x")
    assert 1 <= len(calls) <= 2


def test_a_lint_that_only_moved_its_problems_keeps_the_underlines(qtbot, editor, session):
    start, end = span_of(PERSONA, "Will this scale?")
    editor.set_diagnostics([diagnostic(session.snapshot, start, end)])
    (before,) = editor.extraSelections()
    editor.go_to_offset(0)
    qtbot.keyClicks(editor, "ab")
    moved = diagnostic(session.snapshot, start + 2, end + 2)
    editor.set_diagnostics([moved])  # what the next lint finds: the same problem, moved along
    assert editor.diagnostics() == [moved]  # tooltips and jumps use the new diagnostic
    (after,) = editor.extraSelections()
    assert after.cursor.selectedText() == "Will this scale?"
    assert (after.cursor.selectionStart(), after.cursor.selectionEnd()) == (
        before.cursor.selectionStart(),
        before.cursor.selectionEnd(),
    )

    warning = diagnostic(session.snapshot, start + 2, end + 2, Severity.WARNING)
    editor.set_diagnostics([warning])  # same place, another severity: underlined anew
    (recoloured,) = editor.extraSelections()
    assert recoloured.format.underlineColor() == LIGHT.color("warning")


def test_a_paste_of_several_lines_moves_the_marker_with_its_line(qtbot, editor, session):
    start, end = span_of(PERSONA, "Will this scale?")
    line = line_number(PERSONA, "Will this scale?")
    editor.set_diagnostics([diagnostic(session.snapshot, start, end)])
    assert editor.diagnostics_on_line(line) != []
    cursor = editor.textCursor()
    cursor.setPosition(session.to_qt(PERSONA.index("## Primary Question")))
    cursor.insertText("## Note\nA line.\n\n")
    assert editor.diagnostics_on_line(line) == []
    assert editor.diagnostics_on_line(line + 3) != []
    assert editor.tooltip_for_line(line + 3) != ""
