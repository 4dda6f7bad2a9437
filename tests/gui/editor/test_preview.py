"""The live preview: follows the session's text, keeps its place, opens only safe links."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QFontInfo, QImage, QTextCursor, QTextDocument

from persona_studio.core.edits import (
    Edit,
    add_section,
    remove_section,
    replace_section_body,
    set_tools,
)
from persona_studio.gui.editor.preview import PreviewPane
from persona_studio.gui.editor.preview_page import ShownPage
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import DARK, LIGHT

SEED = Path(__file__).resolve().parents[3] / "personas" / "backend.chatmode.md"
CORE_BELIEF = "Reliability, scalability, and compliance enable everything else."


class RecordingPane(PreviewPane):
    """A preview whose external opener records instead of launching a browser."""

    def __init__(self, *args, **kwargs) -> None:
        self.opened: list[str] = []
        super().__init__(*args, **kwargs)

    def open_external(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def session():
    return DocumentSession(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def pane(qtbot, session):
    widget = RecordingPane(session, LIGHT)
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def set_core_belief(session: DocumentSession, text: str) -> None:
    snapshot = session.snapshot
    session.apply_edit(replace_section_body(snapshot, snapshot.section("Core Belief"), text))


def click_text(qtbot, pane: PreviewPane, text: str) -> None:
    """Click the middle of the first occurrence of `text` in the preview."""
    found = pane.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(pane.document())
    cursor.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    point = pane.cursorRect(cursor).center()
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_shows_card_and_sections_not_the_yaml(pane):
    shown = pane.toPlainText()
    assert "Backend specialist focused on reliability" in shown
    assert "Persona: Backend" in shown and CORE_BELIEF in shown
    assert "runCommands" in shown and "microsoft.docs.mcp" in shown
    assert "---" not in shown and "description:" not in shown
    assert not pane.is_outdated
    assert pane.accessibleName() == "Preview" and pane.toolTip()


def test_an_edit_updates_the_preview_after_the_debounce(qtbot, pane, session):
    set_core_belief(session, "Boring technology wins.\n")
    assert pane.is_outdated
    assert "Boring technology wins." not in pane.toPlainText()  # not rendered on the keystroke
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pass
    assert not pane.is_outdated
    assert "Boring technology wins." in pane.toPlainText()
    assert CORE_BELIEF not in pane.toPlainText()
    assert pane.result.stats.rendered == 1  # one section re-rendered, the rest cached


def test_quick_edits_render_once_with_the_last_text(qtbot, pane, session):
    renders = []
    pane.rendered.connect(lambda: renders.append(pane.toPlainText()))
    for word in ("one", "two", "three", "four", "five"):
        set_core_belief(session, f"Belief {word}.\n")
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pass
    qtbot.wait(250)  # time for a stray second update, which must not come
    assert len(renders) == 1
    assert "Belief five." in renders[0] and "Belief four." not in renders[0]


def test_typing_in_the_text_document_updates_the_preview(qtbot, pane, session):
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(session.snapshot.section("Core Belief").content_span.start))
    cursor.insertText("Typed first. ")
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pass
    assert "Typed first. " + CORE_BELIEF in pane.toPlainText()


def test_undo_back_to_the_shown_text_renders_nothing(qtbot, pane, session):
    renders = []
    pane.rendered.connect(lambda: renders.append(1))
    set_core_belief(session, "Temporary.\n")
    session.undo()
    qtbot.wait(300)
    assert renders == [] and not pane.is_outdated
    assert CORE_BELIEF in pane.toPlainText()


def test_scroll_position_is_kept_across_an_update(qtbot, pane, session):
    pane.resize(500, 300)
    qtbot.wait(10)
    bar = pane.verticalScrollBar()
    assert bar.maximum() > 200
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    set_core_belief(session, "Short.\n")  # a section above the visible part changes
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pass
    assert "Short." in pane.toPlainText()
    assert bar.value() == kept


def test_scroll_to_line_puts_the_section_at_the_top(pane, session):
    bar = pane.verticalScrollBar()
    pane.resize(500, 300)
    section = session.snapshot.section("Key Practices")
    pane.scrollToAnchor(f"ps-line-{section.line}")
    expected = bar.value()
    assert expected > 0
    bar.setValue(0)
    pane.scroll_to_line(section.line)
    assert bar.value() == expected
    top = pane.cursorForPosition(pane.viewport().rect().topLeft())
    top.select(QTextCursor.SelectionType.BlockUnderCursor)
    assert "Key Practices" in top.selectedText()
    pane.scroll_to_line(section.line + 4)  # further into the section: further down
    assert bar.value() > expected
    pane.scroll_to_line(2)  # the front matter: the card at the top
    assert bar.value() == 0


def test_http_link_click_calls_the_opener(qtbot, session):
    session = DocumentSession(
        "# Links\n\nSee [the example site](https://example.com/docs) and "
        "[a local file](file:///etc/passwd) and [mail us](mailto:team@example.com).\n"
    )
    pane = RecordingPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.resize(700, 400)
    pane.show()
    qtbot.waitExposed(pane)
    click_text(qtbot, pane, "example site")
    assert pane.opened == ["https://example.com/docs"]
    click_text(qtbot, pane, "local file")
    click_text(qtbot, pane, "mail us")
    assert pane.opened == ["https://example.com/docs", "mailto:team@example.com"]


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/x", "other.md", "/etc/hosts"],
)
def test_unsafe_link_targets_are_ignored(pane, url):
    # Even if such a link reached the view, a click on it opens nothing.
    before = pane.verticalScrollBar().value()
    pane.anchorClicked.emit(QUrl(url))
    assert pane.opened == []
    assert pane.verticalScrollBar().value() == before
    assert pane.toPlainText().lstrip().startswith("Backend specialist")  # never navigated away


def test_fragment_link_scrolls_inside(qtbot, session):
    filler = "".join(f"- item {i}\n" for i in range(80))
    session = DocumentSession(f"# Top\n\n[jump](#far-away)\n\n{filler}\n## Far away\n\nHere.\n")
    pane = RecordingPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.resize(500, 300)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.verticalScrollBar().value() == 0
    click_text(qtbot, pane, "jump")
    assert pane.verticalScrollBar().value() > 0
    assert pane.opened == []


def test_load_resource_loads_nothing_remote_or_local(pane):
    image = QTextDocument.ResourceType.ImageResource
    style = QTextDocument.ResourceType.StyleSheetResource
    assert pane.loadResource(image, QUrl("http://example.com/x.png")) is None
    assert pane.loadResource(image, QUrl("https://example.com/x.png")) is None
    assert pane.loadResource(image, QUrl.fromLocalFile(str(SEED))) is None
    assert pane.loadResource(style, QUrl("https://example.com/s.css")) is None
    assert pane.loadResource(image.value, QUrl("x.png")) is None


def test_inline_data_images_are_shown(pane):
    picture = QImage(4, 3, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.red)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    url = QUrl("data:image/png;base64," + base64.b64encode(bytes(data)).decode())
    loaded = pane.loadResource(QTextDocument.ResourceType.ImageResource, url)
    assert isinstance(loaded, QImage) and loaded.size() == picture.size()
    broken = QUrl("data:image/png;base64,bm90IGFuIGltYWdl")
    assert pane.loadResource(QTextDocument.ResourceType.ImageResource, broken) is None


def test_apply_theme_recolours(qtbot, pane):
    assert pane.palette().color(pane.viewport().backgroundRole()).name() == LIGHT.base
    with qtbot.waitSignal(pane.rendered, timeout=1000):
        pane.apply_theme(DARK)
    assert pane.theme is DARK
    assert pane.palette().color(pane.viewport().backgroundRole()).name() == DARK.base
    assert pane.result.stats.rendered == 0  # same text: only the style sheet changed
    assert CORE_BELIEF in pane.toPlainText()


def test_hidden_preview_waits_until_shown(qtbot, session):
    pane = PreviewPane(session, LIGHT)
    qtbot.addWidget(pane)
    assert pane.result is None and pane.is_outdated  # not even the first render yet
    set_core_belief(session, "While hidden.\n")
    qtbot.wait(250)
    assert pane.is_outdated and "While hidden." not in pane.toPlainText()
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pane.show()
    assert "While hidden." in pane.toPlainText()


def test_link_hover_tooltip_names_the_target(pane):
    pane.highlighted.emit(QUrl("https://example.com/a"))
    assert "https://example.com/a" in pane.toolTip()
    pane.highlighted.emit(QUrl("file:///etc/passwd"))
    assert "not opened" in pane.toolTip()
    pane.highlighted.emit(QUrl())
    assert pane.toolTip().startswith("Live preview")


def test_render_now_uses_the_current_text(pane, session):
    set_core_belief(session, "Rendered at once.\n")
    pane.render_now()
    assert not pane.is_outdated and "Rendered at once." in pane.toPlainText()


def test_edit_in_front_matter_updates_the_card(qtbot, pane, session):
    entry = session.snapshot.front_matter.entry("description")
    session.apply_edit(
        Edit(entry.value_span.start, entry.value_span.end, "'A calmer backend'", "desc")
    )
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pass
    assert pane.toPlainText().lstrip().startswith("A calmer backend")


def test_a_bigger_font_scales_the_headings(qtbot, pane):
    font = pane.font()
    font.setPixelSize(QFontInfo(font).pixelSize() * 2)
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pane.setFont(font)
    size = QFontInfo(pane.font()).pixelSize()
    assert f"h1 {{ font-size: {round(size * 1.75)}px; }}" in pane.result.html


# -- incremental updates: only what changed is replaced -----------------------------------------


@pytest.fixture
def put_pieces(monkeypatch):
    """Every piece put into a preview page (a section, the header card), in order."""
    put: list = []
    original = ShownPage.put

    def recording(page, cursor, position, pieces):
        put.extend(pieces)
        return original(page, cursor, position, pieces)

    monkeypatch.setattr(ShownPage, "put", recording)
    return put


def full_page_text(pane: PreviewPane) -> str:
    """The text the whole page shows when given to a QTextDocument in one setHtml."""
    document = QTextDocument()
    document.setHtml(pane.result.html)
    return document.toPlainText()


def built_anew(qtbot, session: DocumentSession, pane: PreviewPane) -> PreviewPane:
    """A second preview of the same session and size, its page built in one go."""
    fresh = PreviewPane(session, pane.theme)
    qtbot.addWidget(fresh)
    fresh.resize(pane.size())
    fresh.show()
    qtbot.waitExposed(fresh)
    return fresh


def test_a_keystroke_replaces_exactly_the_changed_section(qtbot, pane, session, put_pieces):
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(session.snapshot.section("Core Belief").content_span.start))
    cursor.insertText("Typed first. ")
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pass
    update = pane.last_update
    assert (update.kind, update.replaced, update.pieces, update.renamed) == ("patch", 1, 1, 0)
    assert len(put_pieces) == 1
    assert "Typed first. " in put_pieces[0].body and "Core Belief" in put_pieces[0].body
    assert "Typed first. " + CORE_BELIEF in pane.toPlainText()


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_edits_patched_in_show_what_a_full_render_shows(qtbot, session, put_pieces, theme):
    pane = PreviewPane(session, theme)
    qtbot.addWidget(pane)
    pane.resize(700, 2400)  # tall enough to show the whole page
    pane.show()
    qtbot.waitExposed(pane)
    put_pieces.clear()

    def edit(make, shows: str | None, gone: str | None = None) -> None:
        session.apply_edit(make(session.snapshot))
        pane.render_now()
        update = pane.last_update
        assert update.kind == "patch" and update.replaced == 1, update
        text = pane.toPlainText()
        assert text == full_page_text(pane)
        assert shows is None or shows in text
        assert gone is None or gone not in text

    edit(
        lambda d: add_section(d, "Escalation", "Page the on-call lead.", before="Core Belief"),
        "Page the on-call lead.",
    )
    edit(lambda d: Edit(*_word(d, "foundation"), "bedrock", "word"), "bedrock", "foundation")
    edit(lambda d: remove_section(d, "Primary Question"), None, "Primary Question")
    edit(lambda d: set_tools(d, ["codebase", "search"]), "codebase", "runCommands")
    # Put in again: the new section with its neighbour, the neighbour of the removed one, and
    # the header card; nothing else (the word is changed in place, in its paragraph).
    assert len(put_pieces) == 4
    fresh = built_anew(qtbot, session, pane)
    assert fresh.last_update.kind == "full"
    assert pane.document().toHtml() == fresh.document().toHtml()
    assert pane.grab().toImage() == fresh.grab().toImage()


def _word(document, word: str) -> tuple[int, int]:
    start = document.text.index(word)
    return start, start + len(word)


def test_new_lines_above_rename_anchors_without_replacing(qtbot, pane, session, put_pieces):
    put_pieces.clear()
    core = session.snapshot.section("Core Belief")
    # Blank lines at the end of the section above: it renders the same (its blocks' lines within
    # it are the same); Core Belief and the eight sections after it moved.
    session.apply_edit(Edit(core.heading_span.start, core.heading_span.start, "\n\n", "lines"))
    pane.render_now()
    update = pane.last_update
    assert (update.kind, update.replaced, put_pieces) == ("patch", 0, [])
    assert update.renamed == 9
    section = session.snapshot.section("Key Practices")
    pane.resize(500, 300)
    bar = pane.verticalScrollBar()
    pane.scrollToAnchor(f"ps-line-{section.line}")  # the new name is in the page
    expected = bar.value()
    assert expected > 0
    bar.setValue(0)
    pane.scroll_to_line(section.line)
    assert bar.value() == expected


def test_a_new_theme_or_a_big_change_builds_the_page_anew(qtbot, pane, session):
    pane.apply_theme(DARK)
    assert pane.last_update.kind == "full"
    for title in ("Core Belief", "Primary Question", "Decision Pattern"):
        section = session.snapshot.section(title)
        session.apply_edit(replace_section_body(session.snapshot, section, f"{title} anew.\n"))
    pane.render_now()  # three of the eleven pieces changed: more than a quarter
    assert pane.last_update.kind == "full"
    assert "Decision Pattern anew." in pane.toPlainText()
    assert pane.toPlainText() == full_page_text(pane)


def test_typing_on_without_a_pause_still_updates_the_preview(qtbot, pane, session):
    renders: list[str] = []
    pane.rendered.connect(lambda: renders.append(pane.toPlainText()))
    for number in range(24):  # a key every 25 ms for 600 ms: never a 50 ms pause
        set_core_belief(session, f"Belief {number}.\n")
        qtbot.wait(25)
    # Not only after the last key: at least every MAX_WAIT_MS (150 ms) while keys come.
    assert len(renders) >= 2
    qtbot.waitUntil(lambda: not pane.is_outdated, timeout=2000)
    assert "Belief 23." in pane.toPlainText()


def test_a_long_persona_renders_on_a_worker_and_says_rendered_only_when_current(qtbot, monkeypatch):
    import threading

    from persona_studio.core import render as render_module
    from persona_studio.gui.editor.preview import BACKGROUND_RENDER_CHARS

    text = SEED.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    long_text = head + "\n---\n" + body * (BACKGROUND_RENDER_CHARS // len(body) + 2)
    session = DocumentSession(long_text)
    pane = PreviewPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)

    threads: list[str] = []
    real_render = render_module.Renderer.render

    def recording(self, *args, **kwargs):
        threads.append(threading.current_thread().name)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(render_module.Renderer, "render", recording)
    shown_when_rendered: list[bool] = []
    # When `rendered` comes, the preview shows the text as it is then (typing may pause between
    # two letters long enough for a render of the text so far).
    pane.rendered.connect(
        lambda: shown_when_rendered.append(session.text().rsplit("\n", 1)[-1] in pane.toPlainText())
    )

    cursor = QTextCursor(session.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    for letter in "Typed at the end zz":  # each letter a new text, some rendered meanwhile
        cursor.insertText(letter)
        qtbot.wait(15)
    qtbot.waitUntil(lambda: "Typed at the end zz" in pane.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: not pane.is_outdated, timeout=5000)
    assert threads and threading.current_thread().name not in threads
    assert shown_when_rendered and all(shown_when_rendered)  # never for an older text
    assert "Typed at the end zz" in pane.toPlainText()


def test_typing_into_a_40_kb_persona_renders_on_a_worker_and_patches_to_a_fresh_page(
    qtbot, monkeypatch
):
    """A persona of some 40 KB (parsed on the session's worker) is rendered on a worker too:
    the GUI thread only patches the page, and the patched page is the one a new build shows."""
    import threading

    from persona_studio.core import render as render_module

    text = SEED.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    session = DocumentSession(head + "\n---\n" + body * (40_000 // len(body) + 1))
    pane = PreviewPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.resize(700, 900)
    pane.show()
    qtbot.waitExposed(pane)
    qtbot.waitUntil(lambda: not pane.is_outdated, timeout=5000)

    threads: list[str] = []
    real_render = render_module.Renderer.render

    def recording(self, *args, **kwargs):
        threads.append(threading.current_thread().name)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(render_module.Renderer, "render", recording)
    middle = session.text().index("\n- ", len(session.text()) // 2) + 1
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(session.text().index("\n", middle)))
    for letter in " typed mid":
        cursor.insertText(letter)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: "typed mid" in pane.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: not pane.is_outdated, timeout=5000)

    assert threads and threading.current_thread().name not in threads
    assert pane.last_update.kind == "patch"
    fresh = built_anew(qtbot, session, pane)
    qtbot.waitUntil(lambda: fresh.result is not None and not fresh.is_outdated, timeout=5000)
    assert fresh.last_update.kind == "full"
    assert pane.document().toHtml() == fresh.document().toHtml()


TYPED = """---
description: Types into lists
---
# Typist

## Rules

Keep errors rare and fix them fast. Use **bold** words.

- Review the diff first
- Same item
- Same item

## Later

A paragraph after.
"""


def type_at(session: DocumentSession, after: str, text: str, *, occurrence: int = 0) -> None:
    """Type `text` letter by letter just after the `occurrence`-th `after` in the text."""
    at = -1
    for _ in range(occurrence + 1):
        at = session.text().index(after, at + 1)
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(at + len(after)))
    for letter in text:
        cursor.insertText(letter)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_letters_typed_in_a_paragraph_change_its_text_in_place(qtbot, put_pieces, theme):
    session = DocumentSession(TYPED)
    pane = PreviewPane(session, theme)
    qtbot.addWidget(pane)
    pane.resize(700, 900)
    pane.show()
    qtbot.waitExposed(pane)
    put_pieces.clear()

    typed = (
        ("the diff first", " twice"),
        ("fix them fast", " now"),
        ("after", "wards"),
        ("\nA p", "o"),  # just after a paragraph's second letter
        ("- Re", "e"),  # just after a list item's second letter
    )
    for after, letters in typed:
        for letter in letters:
            type_at(session, after, letter)
            after += letter
            pane.render_now()
            update = pane.last_update
            if letter != " ":  # a space at a line's end shows nothing; then two words change
                assert (update.kind, update.replaced, update.pieces) == ("patch", 1, 0), (
                    after,
                    letter,
                    update,
                )
    assert put_pieces == []
    text = pane.toPlainText()
    assert "Reeview the diff first twice" in text and "fix them fast now." in text
    assert "A poaragraph afterwards." in text
    fresh = built_anew(qtbot, session, pane)
    assert pane.document().toHtml() == fresh.document().toHtml()
    assert pane.grab().toImage() == fresh.grab().toImage()
    # Where the scroll sync looks for the sections: the same places as in the new build.
    assert pane._page.starts == fresh._page.starts


def test_typing_where_the_same_text_shows_twice_puts_the_section_again(qtbot, put_pieces):
    session = DocumentSession(TYPED)
    pane = PreviewPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    put_pieces.clear()

    type_at(session, "Same item", "s", occurrence=1)  # which "Same item" is not sure in the page
    pane.render_now()
    assert (pane.last_update.kind, pane.last_update.pieces) == ("patch", 1)
    type_at(session, "fix them", "<em>", occurrence=0)  # markup: not only text
    pane.render_now()
    assert pane.last_update.pieces == 1
    for after, letter in (("\nA", "x"), ("- R", "x")):  # next to a first letter's anchor
        type_at(session, after, letter)
        pane.render_now()
        assert pane.last_update.pieces == 1
    fresh = built_anew(qtbot, session, pane)
    assert pane.document().toHtml() == fresh.document().toHtml()


def test_random_typing_patches_to_the_page_a_new_build_shows(qtbot):
    """Letters and marks typed, and characters deleted, at seeded random places of the body:
    after each, the patched page (in place or section by section) is the page built anew."""
    import random

    session = DocumentSession(SEED.read_text(encoding="utf-8"))
    pane = PreviewPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.resize(700, 900)
    pane.show()
    qtbot.waitExposed(pane)
    document = QTextDocument()
    page = ShownPage(document)
    rng = random.Random(17)
    body = session.text().index("\n---\n", 4) + 5
    in_place = 0
    for _ in range(150):
        cursor = QTextCursor(session.text_document)
        cursor.setPosition(session.to_qt(rng.randrange(body, len(session.text()))))
        if rng.random() < 0.75:
            cursor.insertText(
                rng.choice("abcdefghijklmnop  " if rng.random() < 0.9 else "*`_#[]<&")
            )
        else:
            cursor.deleteChar()
        pane.render_now()
        update = pane.last_update
        in_place += (update.kind, update.pieces) == ("patch", 0) and update.replaced == 1
        result = pane.result
        page.build(result.pieces, result.style, pane._page.style[1], document.clear)
        assert pane.document().toHtml() == document.toHtml()
        assert pane._page.starts == page.starts
    assert in_place > 50  # most letters change their paragraph's text in place
