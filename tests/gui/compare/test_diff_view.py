"""The diff window: line states and word highlights as the view shows them, navigation, the
unified mode, the semantic summary, copying a change into an open document, and large diffs on
a worker thread."""

from __future__ import annotations

import random
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QMenu

from _shared import shared_path
from persona_studio.core.diffview.layout import ADDED, EQUAL_ROW, FILLER, REMOVED
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.git.revision import NotInWorkTreeError
from persona_studio.gui.compare.diff_pane import DiffColors
from persona_studio.gui.compare.diff_view import SIDE_BY_SIDE, UNIFIED, DiffSide, DiffWindow
from persona_studio.gui.editor.background import CANCELLED
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import DARK, LIGHT

# Each modification turns A into B; copying change k back into B undoes modification k.
MODIFICATIONS = [
    ("'github']", "'github', 'playwright']"),  # a tool added: a changed line
    ("Simplicity beats complexity.", "Simplicity beats cleverness."),  # a word changed
    ("- Purge commented-out code and debug statements\n", ""),  # a line removed
    (
        "- Inline single-use functions and variables\n",
        "- Inline single-use functions and variables\n- Prefer standard library helpers\n",
    ),  # a line added
]


def modified(text: str, skip: int | None = None) -> str:
    for index, (old, new) in enumerate(MODIFICATIONS):
        if index != skip:
            assert text.count(old) == 1
            text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    """The 0-based line holding ``needle``."""
    return text[: text.index(needle)].count("\n")


@pytest.fixture
def texts() -> tuple[str, str]:
    a = shared_path("corpus", "janitor.chatmode.md").read_text(encoding="utf-8")
    return a, modified(a)


def make_window(qtbot, left: DiffSide, right: DiffSide, theme=LIGHT, **options) -> DiffWindow:
    window = DiffWindow(theme, left, right, **options)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, texts) -> DiffWindow:
    a, b = texts
    return make_window(qtbot, DiffSide("janitor (A)", a), DiffSide("janitor (B)", b))


def row_states(pane) -> list[str]:
    return [row.state for row in pane.rows]


# ---------------------------------------------------------------------------------- line states


def test_the_changed_lines_are_marked_in_both_panes(window: DiffWindow, texts) -> None:
    a, b = texts
    colors = DiffColors.from_theme(LIGHT)
    left, right = window.left_pane, window.right_pane
    assert left.document().blockCount() == right.document().blockCount()
    removed_a = {line_of(a, "'github']"), line_of(a, "complexity."), line_of(a, "- Purge")}
    added_b = {line_of(b, "'playwright'"), line_of(b, "cleverness."), line_of(b, "- Prefer")}

    shown_removed = set()
    shown_added = set()
    for row in range(left.document().blockCount()):
        left_brush, right_brush = left.row_background(row), right.row_background(row)
        if left_brush.style() == Qt.BrushStyle.SolidPattern:
            assert left_brush.color() == colors.removed_line
            shown_removed.add(left.rows[row].line_a)
        if right_brush.style() == Qt.BrushStyle.SolidPattern:
            assert right_brush.color() == colors.added_line
            shown_added.add(right.rows[row].line_b)
    assert shown_removed == removed_a
    assert shown_added == added_b

    # The removed line faces a filler on the right, the added line one on the left; both
    # blocks' text is what the file holds on that line.
    purge = window.result.side_by_side.row_of("a", line_of(a, "- Purge"))
    assert left.document().findBlockByNumber(purge).text() == (
        "- Purge commented-out code and debug statements"
    )
    assert right.rows[purge].state == FILLER
    assert right.row_background(purge).style() == Qt.BrushStyle.BDiagPattern
    prefer = window.result.side_by_side.row_of("b", line_of(b, "- Prefer"))
    assert right.document().findBlockByNumber(prefer).text() == "- Prefer standard library helpers"
    assert left.rows[prefer].state == FILLER
    # Lines after the changes stay level: the same line number on both sides of a row.
    last = left.document().blockCount() - 1
    assert left.document().findBlockByNumber(last).text() == (
        right.document().findBlockByNumber(last).text()
    )
    assert left.row_background(last).style() == Qt.BrushStyle.NoBrush


def test_word_highlights_are_exactly_the_changed_words(window: DiffWindow, texts) -> None:
    a, b = texts
    layout = window.result.side_by_side
    word_row = layout.row_of("a", line_of(a, "complexity."))
    left_text = window.left_pane.document().findBlockByNumber(word_row).text()
    right_text = window.right_pane.document().findBlockByNumber(word_row).text()
    assert [left_text[s:e] for s, e in window.left_pane.highlighted_ranges(word_row)] == [
        "complexity"
    ]
    assert [right_text[s:e] for s, e in window.right_pane.highlighted_ranges(word_row)] == [
        "cleverness"
    ]
    tools_row = layout.row_of("b", line_of(b, "'playwright'"))
    assert window.left_pane.highlighted_ranges(tools_row) == []
    shown = window.right_pane.document().findBlockByNumber(tools_row).text()
    ranges = window.right_pane.highlighted_ranges(tools_row)
    assert len(ranges) == 1
    assert "playwright" in shown[slice(*ranges[0])]
    assert "github" not in shown[slice(*ranges[0])]
    # Every pair of the core diff is shown with exactly its spans, and no other line is.
    pairs = window.result.diff.pairs
    assert len(pairs) == 2
    for pair in pairs:
        assert window.left_pane.highlighted_ranges(layout.row_of("a", pair.line_a)) == list(
            pair.spans_a
        )
        assert window.right_pane.highlighted_ranges(layout.row_of("b", pair.line_b)) == list(
            pair.spans_b
        )
    paired = {layout.row_of("a", pair.line_a) for pair in pairs}
    for row in range(window.left_pane.document().blockCount()):
        if row not in paired:
            assert window.left_pane.highlighted_ranges(row) == []
            assert window.right_pane.highlighted_ranges(row) == []


def test_word_highlights_land_on_the_right_characters_after_an_emoji(qtbot) -> None:
    a = "# Persona: Mood\n\nHello 😀 world, again\n"
    b = "# Persona: Mood\n\nHello 😀 there, again\n"
    window = make_window(qtbot, DiffSide("a", a), DiffSide("b", b))
    row = 2
    assert window.right_pane.highlighted_ranges(row) == [(8, 13)]
    # In the view's own (UTF-16) text, the highlighted characters read "there".
    block = window.right_pane.document().findBlockByNumber(row)
    iterator = block.begin()
    highlighted = ""
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
            highlighted += fragment.text()
        iterator += 1
    assert highlighted == "there"


def test_the_two_panes_scroll_together(window: DiffWindow) -> None:
    window.right_pane.verticalScrollBar().setValue(20)
    assert window.left_pane.verticalScrollBar().value() == 20
    window.left_pane.verticalScrollBar().setValue(7)
    assert window.right_pane.verticalScrollBar().value() == 7


def test_the_figures_and_the_change_count_are_shown(window: DiffWindow) -> None:
    figures = window.result.figures
    assert f"{figures.similarity:.1%} similar" in window.figures_label.text()
    assert f"+{figures.lines_added} −{figures.lines_removed} lines" in window.figures_label.text()
    assert "tokens" in window.figures_label.text()
    assert window.position_label.text() == "Change 1 of 4"


# ---------------------------------------------------------------------------------- navigation


def test_next_and_previous_change_move_the_cursor_to_the_change(window: DiffWindow, texts) -> None:
    a, b = texts
    layout = window.result.side_by_side
    first = layout.row_of("b", line_of(b, "'playwright'"))
    second = layout.row_of("b", line_of(b, "cleverness."))
    third = layout.row_of("a", line_of(a, "- Purge"))
    fourth = layout.row_of("b", line_of(b, "- Prefer"))
    assert window.right_pane.current_row() == first  # the window opens on the first change
    assert window.current_change() == 0
    assert not window.previous_action.isEnabled()
    assert window.next_action.shortcut().toString() == "Alt+Down"
    assert window.previous_action.shortcut().toString() == "Alt+Up"

    visited = []
    for _ in range(3):
        window.next_action.trigger()
        visited.append(window.right_pane.current_row())
        assert window.left_pane.current_row() == visited[-1]
    assert visited == [second, third, fourth]
    assert window.current_change() == 3
    assert not window.next_action.isEnabled()
    assert window.position_label.text() == "Change 4 of 4"
    window.previous_action.trigger()
    assert window.right_pane.current_row() == third
    window.previous_action.trigger()
    assert window.right_pane.current_row() == second
    assert window.right_pane.document().findBlockByNumber(second).text().endswith("cleverness.")


def test_the_overview_marks_every_change_and_a_click_jumps(qtbot, window: DiffWindow) -> None:
    overview = window.overview
    # Two replaced lines mark both halves; the removed line the left, the added line the right.
    assert sorted(state for *_, state in overview.marks) == [ADDED] * 3 + [REMOVED] * 3
    rows = window.left_pane.document().blockCount()
    with qtbot.waitSignal(overview.jumpRequested) as jumped:
        point = QPoint(overview.width() // 2, int(overview.height() * 0.9))
        qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=point)
    assert abs(jumped.args[0] - int(0.9 * rows)) <= 1
    assert window.right_pane.current_row() == jumped.args[0]
    assert window.left_pane.current_row() == jumped.args[0]


# ---------------------------------------------------------------------------------- unified


def test_unified_mode_shows_removed_and_added_lines(window: DiffWindow, texts) -> None:
    a, b = texts
    window.unified_action.trigger()
    assert window.mode() == UNIFIED
    assert window.stack.currentIndex() == 1
    lines = window.unified_pane.toPlainText().split("\n")
    changed = [line for line in lines if line[:1] in "+-"]
    tools_a = a.splitlines()[line_of(a, "'github']")]
    tools_b = b.splitlines()[line_of(b, "'playwright'")]
    belief_a = a.splitlines()[line_of(a, "complexity.")]
    belief_b = b.splitlines()[line_of(b, "cleverness.")]
    assert changed == [
        "-" + tools_a,
        "+" + tools_b,
        "-" + belief_a,
        "+" + belief_b,
        "-- Purge commented-out code and debug statements",
        "+- Prefer standard library helpers",
    ]
    assert all(line.startswith(" ") for line in lines if line[:1] not in "+-")
    assert len(lines) == len(a.splitlines()) + 3  # each line once, changed lines on both sides
    pane = window.unified_pane
    removed_row = lines.index("-" + belief_a)
    added_row = lines.index("+" + belief_b)
    assert [lines[removed_row][s:e] for s, e in pane.highlighted_ranges(removed_row)] == [
        "complexity"
    ]
    assert [lines[added_row][s:e] for s, e in pane.highlighted_ranges(added_row)] == ["cleverness"]
    colors = DiffColors.from_theme(LIGHT)
    assert pane.row_background(removed_row).color() == colors.removed_line
    assert pane.row_background(added_row).color() == colors.added_line
    # Navigation works in unified mode too, and switching back keeps the place.
    window.go_to_change(2)
    assert lines[pane.current_row()] == "-- Purge commented-out code and debug statements"
    window.set_mode(SIDE_BY_SIDE)
    assert window.left_pane.document().findBlockByNumber(window.left_pane.current_row()).text() == (
        "- Purge commented-out code and debug statements"
    )


# ---------------------------------------------------------------------------------- summary


def test_the_summary_lists_the_added_tool_and_the_changed_sections(window: DiffWindow) -> None:
    entries = window.summary.entries()
    assert ("Tools", "playwright", "added") in entries
    assert ("Sections", "Core Philosophy", "changed") in entries
    assert ("Sections", "Code Elimination", "changed") in entries
    assert ("Sections", "Simplification", "changed") in entries
    assert not any(group == "Keys" for group, *_ in entries)
    item = window.summary.find("Code Elimination", "changed")
    assert item.child(0).text(0) == "Purge commented-out code and debug statements"
    assert item.child(0).text(1) == "removed"


def test_clicking_a_section_in_the_summary_jumps_both_views(qtbot, window, texts) -> None:
    _, b = texts
    item = window.summary.find("Core Philosophy", "changed")
    window.summary.scrollToItem(item)
    rect = window.summary.visualItemRect(item)
    qtbot.mouseClick(window.summary.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    heading = window.result.side_by_side.row_of("b", line_of(b, "## Core Philosophy"))
    assert window.right_pane.current_row() == heading
    assert window.left_pane.current_row() == heading
    assert window.right_pane.document().findBlockByNumber(heading).text() == "## Core Philosophy"
    # A click on a tool goes to the tools key.
    tool = window.summary.find("playwright", "added")
    window.summary.scrollToItem(tool)
    rect = window.summary.visualItemRect(tool)
    qtbot.mouseClick(window.summary.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = window.right_pane.document().findBlockByNumber(window.right_pane.current_row()).text()
    assert text.startswith("tools:")


# ---------------------------------------------------------------------------- copy to document


@pytest.mark.parametrize("change", [0, 1, 2, 3])
def test_copy_to_document_reverts_exactly_that_change_and_undo_restores(
    qtbot, texts, change: int
) -> None:
    a, b = texts
    session = DocumentSession(b)
    window = make_window(qtbot, DiffSide("janitor (A)", a), DiffSide("open", session=session))
    assert window.copy_action.isEnabled()
    window.go_to_change(change)
    assert window.copy_change_to_document() is True
    assert session.text() == modified(a, skip=change)
    assert window.change_count() == 3  # the diff refreshed at once
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert session.text() == b
    assert window.change_count() == 4
    assert session.text_document.isUndoAvailable() is False


def test_copy_from_the_context_menu_is_one_undo_step(qtbot, texts) -> None:
    a, b = texts
    session = DocumentSession(b)
    window = make_window(qtbot, DiffSide("A", a), DiffSide("open", session=session))
    row = window.result.side_by_side.row_of("b", line_of(b, "cleverness."))
    menu = QMenu()
    window.right_pane.menu_hook(menu, row)
    action = next(a for a in menu.actions() if a.text() == "Copy This Change to Document")
    assert action.isEnabled()
    action.trigger()
    assert session.text() == modified(a, skip=1)
    session.undo()
    assert session.text() == b


def test_copy_into_a_document_on_the_left(qtbot, texts) -> None:
    a, b = texts
    session = DocumentSession(a)
    window = make_window(qtbot, DiffSide("open", session=session), DiffSide("B", b))
    window.go_to_change(2)
    assert window.copy_change_to_document()
    assert "- Purge commented-out code" not in session.text()
    assert window.change_count() == 3


def test_copy_is_disabled_without_an_open_document(window: DiffWindow) -> None:
    assert not window.copy_action.isEnabled()
    assert window.copy_change_to_document() is False
    assert "Open one side as a document" in window.copy_action.toolTip()


def test_the_diff_follows_edits_in_the_open_document(qtbot, texts) -> None:
    a, _ = texts
    session = DocumentSession(a)
    window = make_window(qtbot, DiffSide("A", a), DiffSide("open", session=session))
    assert window.change_count() == 0
    assert "identical" in window.notes.text()
    cursor = QTextCursor(session.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("\n## Focus Areas\n")
    qtbot.waitUntil(lambda: window.change_count() == 1, timeout=3000)
    assert ("Sections", "Focus Areas", "added") in window.summary.entries()


def test_a_closed_document_leaves_its_last_text(qtbot, texts) -> None:
    a, b = texts
    session = DocumentSession(b)
    window = make_window(qtbot, DiffSide("A", a), DiffSide("doc", session=session))
    session.deleteLater()
    qtbot.waitUntil(lambda: window.sides[1].label.endswith("(closed)"), timeout=3000)
    assert not window.copy_action.isEnabled()
    window.refresh()
    assert window.change_count() == 4


# ---------------------------------------------------------------------------------- opening


def test_open_files_and_labels(qtbot, tmp_path: Path, texts) -> None:
    a, b = texts
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    path_a = tmp_path / "one" / "janitor.chatmode.md"
    path_b = tmp_path / "two" / "janitor.chatmode.md"
    path_a.write_text(a, encoding="utf-8")
    path_b.write_bytes(b.replace("\n", "\r\n").encode("utf-8"))
    window = DiffWindow.open_files(LIGHT, str(path_a), str(path_b))
    qtbot.addWidget(window)
    assert window.sides[0].label == "janitor.chatmode.md (one)"
    assert window.left_header.text() == "A: janitor.chatmode.md (one)"
    assert window.right_header.toolTip() == str(path_b)
    assert window.change_count() == 4  # CRLF on one side only is no change ...
    assert "Line breaks differ (A: LF, B: CRLF)" in window.notes.text()  # ... but it is said
    with pytest.raises(PersonaStudioError):
        DiffWindow.open_files(LIGHT, str(path_a), str(tmp_path / "missing.chatmode.md"))


def test_document_against_its_file_on_disk(qtbot, tmp_path: Path, texts) -> None:
    a, _ = texts
    path = tmp_path / "janitor.chatmode.md"
    path.write_text(a, encoding="utf-8")
    session = DocumentSession.open(str(path))
    cursor = QTextCursor(session.text_document)
    cursor.insertText("<!-- draft -->\n")
    window = DiffWindow.open_document_vs_disk(LIGHT, session)
    qtbot.addWidget(window)
    assert window.sides[0].label == "janitor.chatmode.md (on disk)"
    assert window.sides[1].session is session
    assert window.change_count() == 1
    assert window.right_pane.rows[0].state == ADDED
    assert window.copy_change_to_document(0)
    assert session.text() == a
    with pytest.raises(PersonaStudioError, match="not been saved"):
        DiffWindow.open_document_vs_disk(LIGHT, DocumentSession(a))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_document_against_a_git_revision(qtbot, tmp_path: Path, texts, monkeypatch) -> None:
    a, b = texts
    env = {
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    path = tmp_path / "janitor.chatmode.md"
    path.write_text(a, encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, env=env)
    path.write_text(b, encoding="utf-8")
    session = DocumentSession.open(str(path))
    window = DiffWindow.open_document_vs_revision(LIGHT, session, "HEAD")
    qtbot.addWidget(window)
    assert window.sides[0].label == "janitor.chatmode.md at HEAD"
    assert window.sides[0].text == a
    assert window.change_count() == 4

    # Without a revision the user picks one from the file's history.
    offered = []

    def pick(_parent, _title, _label, items, *_args):
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    picked = DiffWindow.open_document_vs_revision(LIGHT, session)
    qtbot.addWidget(picked)
    assert len(offered) == 1 and offered[0].endswith("first")
    assert picked.sides[0].text == a
    assert picked.sides[0].label.startswith("janitor.chatmode.md at ")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("", False))
    assert DiffWindow.open_document_vs_revision(LIGHT, session) is None

    elsewhere = tmp_path.parent / f"{tmp_path.name}-loose"
    elsewhere.mkdir()
    loose = elsewhere / "loose.chatmode.md"
    loose.write_text(a, encoding="utf-8")
    with pytest.raises(NotInWorkTreeError, match="not in a git work tree"):
        DiffWindow.open_document_vs_revision(LIGHT, DocumentSession.open(str(loose)), "HEAD")


# ------------------------------------------------------------------------------ options, themes


def test_ignore_whitespace(qtbot) -> None:
    a = "# Persona: A\n\n## Core Belief\nKeep it simple.\n"
    b = "# Persona: A\n\n## Core Belief\nKeep  it   simple.  \n"
    window = make_window(qtbot, DiffSide("a", a), DiffSide("b", b))
    assert window.change_count() == 1
    window.whitespace_box.setChecked(True)
    assert window.change_count() == 0
    assert window.notes.text() == "The two sides are identical (ignoring whitespace)."
    assert row_states(window.left_pane) == [EQUAL_ROW] * 4


def test_dark_theme_recolours_the_lines(window: DiffWindow, texts) -> None:
    a, _ = texts
    row = window.result.side_by_side.row_of("a", line_of(a, "complexity."))
    light = window.left_pane.row_background(row).color()
    window.apply_theme(DARK)
    dark = window.left_pane.row_background(row).color()
    assert light == DiffColors.from_theme(LIGHT).removed_line
    assert dark == DiffColors.from_theme(DARK).removed_line
    assert light != dark
    assert window.left_pane.highlighted_ranges(row) != []


def test_every_control_has_an_accessible_name_and_a_tooltip(window: DiffWindow) -> None:
    for action in window.toolbar.actions():
        widget = window.toolbar.widgetForAction(action)
        if action.isSeparator() or widget.accessibleName() == "Spacer":
            continue
        assert widget.accessibleName(), action.text()
        assert widget.toolTip() or action.toolTip(), widget.accessibleName()
    for widget in (window.left_pane, window.right_pane, window.overview, window.summary):
        assert widget.accessibleName()


# ----------------------------------------------------------------------------- large diffs


def test_a_large_diff_runs_on_a_worker_with_a_busy_bar(qtbot, texts) -> None:
    a, b = texts
    window = DiffWindow(LIGHT, DiffSide("A", a), DiffSide("B", b), async_limit=100)
    qtbot.addWidget(window)
    window.show()
    assert window.is_busy()
    assert window.busy_bar.isVisible()
    assert window.result is None
    with qtbot.waitSignal(window.computed, timeout=10_000):
        pass
    assert not window.is_busy()
    assert not window.busy_bar.isVisible()
    assert window.change_count() == 4


def test_cancel_drops_the_running_comparison(qtbot, texts) -> None:
    a, b = texts
    window = DiffWindow(LIGHT, DiffSide("A", a), DiffSide("B", b), async_limit=100)
    qtbot.addWidget(window)
    window.show()
    shown = []
    window.computed.connect(lambda: shown.append(True))
    qtbot.mouseClick(window.busy_bar.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.is_busy()
    assert not window.busy_bar.isVisible()
    assert "cancelled" in window.notes.text()
    assert window.background.wait(10_000)
    qtbot.wait(50)
    assert shown == []
    assert window.result is None


def slow_texts(blocks: int = 6, lines: int = 1900) -> tuple[str, str]:
    """Two texts that take seconds to compare (about one per block): unique headings between
    runs of list items drawn from a small vocabulary, every seventh item changed, so that the
    line matcher falls back to its slowest path in every run."""
    a_parts, b_parts = [], []
    for block in range(blocks):
        pick = random.Random(block)
        items = [f"- item {pick.randrange(50)}\n" for _ in range(lines)]
        changed = [
            item.replace("item", "entry") if index % 7 == 0 else item
            for index, item in enumerate(items)
        ]
        a_parts.append(f"## Part {block}\n" + "".join(items))
        b_parts.append(f"## Part {block}\n" + "".join(changed))
    return "# Long\n" + "".join(a_parts), "# Long\n" + "".join(b_parts)


def test_cancel_stops_a_long_comparison_and_the_worker_goes_idle(qtbot) -> None:
    # The whole comparison takes about 5 s here (more on a busy machine); Cancel must stop the
    # work itself, not only drop what it would find.
    a, b = slow_texts()
    window = DiffWindow(LIGHT, DiffSide("A", a), DiffSide("B", b))
    qtbot.addWidget(window)
    window.show()
    job = window.background.current
    assert window.is_busy() and job is not None
    qtbot.waitUntil(lambda: job.state == "running", timeout=5000)
    qtbot.wait(300)  # well inside the line matcher
    started = time.perf_counter()
    qtbot.mouseClick(window.busy_bar.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.is_busy()
    assert window.background.wait(5000)
    stopped = time.perf_counter() - started
    assert window.background.idle
    assert job.state == CANCELLED  # it raised Cancelled inside the work: it ended early
    assert stopped < 1.0, f"the worker went on for {stopped:.2f} s after Cancel"
    qtbot.wait(50)
    assert window.result is None and "cancelled" in window.notes.text()


def test_a_newer_comparison_stops_the_running_one(qtbot) -> None:
    a, b = slow_texts()
    window = DiffWindow(LIGHT, DiffSide("A", a), DiffSide("B", b))
    qtbot.addWidget(window)
    window.show()
    first = window.background.current
    qtbot.waitUntil(lambda: first.state == "running", timeout=5000)
    window.async_limit = 10 * (len(a) + len(b))  # the next comparison is small enough to wait
    window._sides = [DiffSide("A", "one\n"), DiffSide("B", "two\n")]
    window.refresh()
    assert window.background.wait(5000)
    assert first.state == CANCELLED
    assert window.change_count() == 1 and not window.is_busy()


def test_alt_down_and_alt_up_move_between_changes(qtbot, window: DiffWindow, texts) -> None:
    _, b = texts
    layout = window.result.side_by_side
    window.activateWindow()
    window.right_pane.setFocus()
    qtbot.waitUntil(window.right_pane.hasFocus)
    qtbot.keyClick(window.right_pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.right_pane.current_row() == layout.row_of("b", line_of(b, "cleverness."))
    qtbot.keyClick(window.right_pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.right_pane.current_row() == layout.row_of("b", line_of(b, "'playwright'"))
