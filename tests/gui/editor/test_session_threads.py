"""What a document session does off the GUI thread: parsing and linting a long text while the
user types, and writing the recovery journal. Whatever a worker finds is shown only when it is
still true: a view never gets the snapshot of a text that has changed since."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from persona_studio.core.files.journal import Journal
from persona_studio.gui.editor import session as session_module
from persona_studio.gui.editor.session import SYNC_PARSE_LIMIT, DocumentSession

SEED = Path(__file__).resolve().parents[3] / "personas" / "backend.chatmode.md"


def long_persona() -> str:
    """The seed persona, its body repeated to well over the size parsed on the GUI thread."""
    text = SEED.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    copies = SYNC_PARSE_LIMIT // len(body) + 2
    return head + "\n---\n" + body * copies


def type_at_end(session: DocumentSession, text: str) -> None:
    cursor = QTextCursor(session.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(text)


@pytest.fixture
def parse_threads(monkeypatch) -> list[tuple[str, str]]:
    """The thread's name and the text of every parse a session makes."""
    names: list[tuple[str, str]] = []
    real = session_module.parse

    def recording(text: str):
        names.append((threading.current_thread().name, text))
        return real(text)

    monkeypatch.setattr(session_module, "parse", recording)
    return names


def test_a_long_text_is_parsed_and_linted_off_the_gui_thread(qtbot, parse_threads):
    session = DocumentSession(long_persona(), path="long.chatmode.md")
    assert len(session.snapshot.text) > SYNC_PARSE_LIMIT
    session.refresh_diagnostics()
    parse_threads.clear()
    main = threading.current_thread().name

    with qtbot.waitSignals([session.snapshotChanged, session.diagnosticsChanged], timeout=5000):
        type_at_end(session, "\n## Escalation\nCall the on-call engineer.\n")
        assert session.diagnostics_outdated  # nothing was parsed or linted in the key press
    threads = [name for name, text in parse_threads if text == session.text()]
    assert threads and main not in threads
    assert session.snapshot.sections[-1].title == "Escalation"
    assert not session.diagnostics_outdated


def test_typing_on_meanwhile_never_shows_an_old_text(qtbot):
    session = DocumentSession(long_persona(), path="long.chatmode.md")
    shown: list[tuple[str, str]] = []
    session.snapshotChanged.connect(lambda document: shown.append((document.text, session.text())))
    linted: list[bool] = []
    session.diagnosticsChanged.connect(lambda _d: linted.append(session.diagnostics_outdated))

    for letter in "abcdefgh":  # faster than a parse: most results come back too late
        type_at_end(session, letter)
        qtbot.wait(5)
    qtbot.waitUntil(lambda: bool(shown) and shown[-1][1].endswith("abcdefgh"), timeout=5000)
    assert all(document_text == text for document_text, text in shown)
    assert len(shown) < 8  # the pause was waited for: not one parse per key
    qtbot.waitUntil(lambda: not session.diagnostics_outdated, timeout=5000)
    assert linted and not any(linted)


def test_a_short_text_is_still_parsed_at_once(qtbot, parse_threads):
    session = DocumentSession(SEED.read_text(encoding="utf-8"))
    with qtbot.waitSignal(session.snapshotChanged, timeout=100):
        type_at_end(session, "x")
    threads = [name for name, text in parse_threads if text == session.text()]
    assert threads == [threading.current_thread().name]


def test_flush_delivers_the_current_text_while_a_parse_is_pending(qtbot):
    session = DocumentSession(long_persona())
    type_at_end(session, "\n## Late\n")
    with qtbot.waitSignal(session.snapshotChanged, timeout=100) as shown:
        session.flush()
    assert shown.args[0].sections[-1].title == "Late"


# ------------------------------------------------------------------------ the journal


@pytest.fixture
def journal(tmp_path) -> Journal:
    started = Journal.start(tmp_path / "data")
    yield started
    started.close()


def test_the_journal_is_written_off_the_gui_thread(qtbot, journal, monkeypatch):
    threads: list[str] = []
    real_write = Journal.write

    def recording(self, entry):
        threads.append(threading.current_thread().name)
        return real_write(self, entry)

    monkeypatch.setattr(Journal, "write", recording)
    session = DocumentSession(SEED.read_text(encoding="utf-8"))
    session.attach_journal(journal)
    with qtbot.waitSignal(session.journalWritten, timeout=4000) as written:
        type_at_end(session, "typed")
    assert threads and threading.current_thread().name not in threads
    assert Path(written.args[0]).is_file()
    assert [entry.text for entry in journal.entries()] == [session.text()]


def test_closing_while_the_journal_is_being_written_leaves_no_entry(qtbot, journal, monkeypatch):
    writing = threading.Event()
    real_write = Journal.write

    def slow(self, entry):
        writing.set()
        time.sleep(0.3)  # a slow disk: the document is closed meanwhile
        return real_write(self, entry)

    monkeypatch.setattr(Journal, "write", slow)
    session = DocumentSession(SEED.read_text(encoding="utf-8"))
    session.attach_journal(journal)
    type_at_end(session, "typed")
    qtbot.waitUntil(writing.is_set, timeout=4000)
    session.close_journal()  # waits for the write, then removes its entry
    assert journal.entries() == []
    assert not list(journal.folder.glob("*.json"))


def test_saving_while_the_journal_is_being_written_removes_the_entry(
    qtbot, journal, monkeypatch, tmp_path
):
    path = tmp_path / "helper.chatmode.md"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    writing = threading.Event()
    real_write = Journal.write

    def slow(self, entry):
        writing.set()
        time.sleep(0.3)
        return real_write(self, entry)

    monkeypatch.setattr(Journal, "write", slow)
    session = DocumentSession.open(str(path))
    session.attach_journal(journal)
    type_at_end(session, "typed")
    qtbot.waitUntil(writing.is_set, timeout=4000)
    session.save()
    qtbot.wait(50)  # the write's late result arrives: it must not bring the entry back
    assert journal.entries() == []
    assert path.read_text(encoding="utf-8").endswith("typed")


def test_the_preview_of_a_long_text_never_parses_it_on_the_gui_thread(qtbot, parse_threads):
    from persona_studio.gui.editor.preview import PreviewPane
    from persona_studio.gui.theme import LIGHT

    session = DocumentSession(long_persona())
    assert len(session.text()) > SYNC_PARSE_LIMIT
    pane = PreviewPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    parse_threads.clear()
    main = threading.current_thread().name

    for letter in "typed on":  # keys closer together than a parse and a render
        type_at_end(session, letter)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: "typed on" in pane.toPlainText(), timeout=5000)
    assert [name for name, _text in parse_threads if name == main] == []


def test_save_as_into_a_claude_agents_folder_relints_under_its_target(qtbot, tmp_path):
    text = "---\ndescription: Reviews code\ntools: ['codebase']\n---\n\n# Reviewer\n"
    session = DocumentSession(text)
    assert session.target == "vscode-agent"  # an unsaved file, read by its front matter
    before = {d.rule for d in session.diagnostics}
    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    with qtbot.waitSignal(session.diagnosticsChanged, timeout=1000) as linted:
        session.save(str(folder / "reviewer.md"))
    assert session.target == "claude-code"
    assert not session.diagnostics_outdated
    after = {d.rule for d in linted.args[0]}
    assert after != before  # the claude-code rules, not the chat mode's


def test_typing_in_the_source_view_of_a_long_text_never_parses_it_on_the_gui_thread(
    qtbot, parse_threads
):
    """The completion asks where the cursor is after each letter typed in a header's reach:
    that needs the text, not its parse."""
    from PySide6.QtCore import Qt

    from persona_studio.gui.editor.source_editor import SourceEditor
    from persona_studio.gui.theme import LIGHT

    session = DocumentSession(long_persona())
    view = SourceEditor(session, LIGHT)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    text = session.text()
    view.go_to_offset(text.index("\n", text.index("\n- ") + 1))  # the end of the first item
    parse_threads.clear()
    main = threading.current_thread().name

    for letter in "typed":
        qtbot.keyClick(view, letter)
        qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(5)
    qtbot.waitUntil(lambda: not session.diagnostics_outdated, timeout=5000)
    assert "typed" in session.text()
    assert [name for name, _text in parse_threads if name == main] == []


def test_the_links_of_a_long_text_are_found_on_the_worker(qtbot, tmp_path, monkeypatch):
    """What the session watches on disk follows the body's links; for a long text they are
    looked for with the parse, off the GUI thread, and a new link is still watched."""
    from persona_studio.gui.editor import reference_watch

    threads: list[str] = []
    real = reference_watch.body_links

    def recording(document):
        if "docs/guide.md" in document.text:  # this test's text (a session of an earlier test
            threads.append(threading.current_thread().name)  # may still be linted meanwhile)
        return real(document)

    monkeypatch.setattr(reference_watch, "body_links", recording)
    path = tmp_path / "long.chatmode.md"
    path.write_text(long_persona(), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    session = DocumentSession.open(str(path))
    assert len(session.text()) > SYNC_PARSE_LIMIT
    session.refresh_diagnostics()
    threads.clear()
    main = threading.current_thread().name

    with qtbot.waitSignal(session.diagnosticsChanged, timeout=5000):
        type_at_end(session, "\nSee [the guide](docs/guide.md).\n")
    assert threads and main not in threads
    folders, _files = session._references.watched()
    assert str(tmp_path / "docs") in folders


def test_a_linked_file_appearing_relints_a_long_text_on_the_worker(qtbot, tmp_path, monkeypatch):
    """A long text is linted again when a file it links to appears, and the warning goes; the
    parse, the lint and the link search of that run are done off the GUI thread, as after a
    key press (before, the re-check parsed and linted the whole text on the GUI thread)."""
    from persona_studio.gui.editor import reference_watch

    threads: list[str] = []
    real_lint, real_links = session_module.lint_document, reference_watch.body_links

    def ours(document) -> bool:  # a session of an earlier test may still be linted meanwhile
        return "[the guide](guide.md)" in document.text

    def lint_recording(document, **options):
        if ours(document):
            threads.append(threading.current_thread().name)
        return real_lint(document, **options)

    def links_recording(document):
        if ours(document):
            threads.append(threading.current_thread().name)
        return real_links(document)

    monkeypatch.setattr(session_module, "lint_document", lint_recording)
    monkeypatch.setattr(reference_watch, "body_links", links_recording)
    folder = tmp_path / "repo"
    folder.mkdir()
    path = folder / "long.chatmode.md"
    path.write_text(long_persona() + "\nSee [the guide](guide.md).\n", encoding="utf-8")
    session = DocumentSession.open(str(path))
    assert "missing-file-reference" in [d.name for d in session.diagnostics]
    threads.clear()
    main = threading.current_thread().name

    shown: list[list[str]] = []
    session.diagnosticsChanged.connect(lambda found: shown.append([d.name for d in found]))
    (folder / "guide.md").write_text("# Guide\n", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(shown) and "missing-file-reference" not in shown[-1], timeout=5000)
    assert threads and main not in threads
