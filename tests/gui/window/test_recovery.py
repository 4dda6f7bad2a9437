"""Unsaved work survives a crash: the journal follows the edits; the next start offers it back."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from persona_studio.core.files.disk import DiskState, FileStamp
from persona_studio.core.files.fileio import read_text
from persona_studio.core.files.journal import Journal, JournalEntry
from persona_studio.gui.theme import DARK, LIGHT
from persona_studio.gui.window.documents.recovery import (
    DISCARD as DROP,
)
from persona_studio.gui.window.documents.recovery import (
    RESTORE,
    RecoveryDialog,
    UnifiedDiffDialog,
    describe_disk,
    when,
)
from persona_studio.gui.window.main_window import CANCEL, DISCARD, MainWindow

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "personas" / "backend.chatmode.md"


@pytest.fixture
def make_window(qtbot, monkeypatch):
    def make() -> MainWindow:
        window = MainWindow(remember_layout=False)
        monkeypatch.setattr(window.interaction, "save_changes", lambda session: DISCARD)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def persona(tmp_path) -> Path:
    path = tmp_path / "backend.chatmode.md"
    shutil.copyfile(SEED, path)
    return path


def crash(journal: Journal) -> None:
    """What the kernel does when the program dies: the lock goes, the files stay."""
    os.close(journal._lock_fd)
    journal._lock_fd = None


def type_text(qtbot, window: MainWindow, text: str) -> None:
    tab = window.tab()
    tab.show_source()
    editor = tab.source
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    if text.isascii() and "\n" not in text:
        qtbot.keyClicks(editor, text)
    else:  # keyClicks cannot type these (it aborts the process): insert as a paste does
        editor.insertPlainText(text)


def entries_of(window: MainWindow) -> list[JournalEntry]:
    return window.journal.entries()


# -------------------------------------------------------------------------- the journal


def test_typing_writes_the_journal_about_a_second_later_never_the_file(window, qtbot, persona):
    original = persona.read_bytes()
    session = window.open_file(str(persona))
    with qtbot.waitSignal(session.journalWritten, timeout=4000) as written:
        type_text(qtbot, window, "Typed here")
        assert entries_of(window) == []  # not at once: after a pause
    stored = json.loads(Path(written.args[0]).read_text(encoding="utf-8"))
    assert stored["text"] == session.text()
    assert stored["text"].endswith("Typed here")
    assert stored["path"] == str(persona)
    assert stored["loaded_sha256"] == read_text(persona).sha256
    assert stored["newline"] == "\n" and stored["bom"] is False
    assert persona.read_bytes() == original


def test_the_journal_waits_for_a_pause_in_typing(window, qtbot, persona):
    session = window.open_file(str(persona))
    written = []
    session.journalWritten.connect(written.append)
    for _ in range(4):
        type_text(qtbot, window, "ab")
        qtbot.wait(300)
    assert written == []
    qtbot.waitUntil(lambda: len(written) == 1, timeout=3000)


def test_the_journal_keeps_the_files_bom_and_line_endings(window, qtbot, tmp_path):
    path = tmp_path / "crlf.agent.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\nname: crlf\r\n---\r\n# CRLF\r\n")
    session = window.open_file(str(path))
    with qtbot.waitSignal(session.journalWritten, timeout=4000):
        type_text(qtbot, window, "x")
    [stored] = entries_of(window)
    assert stored.bom is True and stored.newline == "\r\n"
    assert stored.text == "---\nname: crlf\n---\n# CRLF\nx"


def test_untitled_documents_are_journaled_too(window, qtbot):
    session = window.new_document()
    with qtbot.waitSignal(session.journalWritten, timeout=4000):
        type_text(qtbot, window, "draft")
    [stored] = entries_of(window)
    assert stored.path is None and stored.text == session.text()
    assert stored.title == session.snapshot.title.title


def test_saving_undoing_and_closing_remove_the_journal_entry(window, qtbot, persona):
    session = window.open_file(str(persona))
    with qtbot.waitSignal(session.journalWritten, timeout=4000):
        type_text(qtbot, window, "x")
    assert len(entries_of(window)) == 1
    session.undo()  # back to the file's text: nothing to recover
    assert entries_of(window) == []

    with qtbot.waitSignal(session.journalWritten, timeout=4000):
        type_text(qtbot, window, "y")
    assert window.save(session)
    assert entries_of(window) == []

    with qtbot.waitSignal(session.journalWritten, timeout=4000):
        type_text(qtbot, window, "z")
    assert window.close_tab(window.tabs.currentIndex())  # Discard: closed on purpose
    assert entries_of(window) == []


def test_a_clean_exit_leaves_nothing_to_recover(make_window, qtbot, persona):
    first = make_window()
    session = first.open_file(str(persona))
    with qtbot.waitSignal(session.journalWritten, timeout=4000):
        type_text(qtbot, first, "x")
    folder = first.journal.folder
    assert first.close()
    assert not folder.exists()
    second = make_window()
    asked = []
    second.interaction.recovery = lambda entries: asked.append(entries)
    assert second.offer_recovery() == 0 and asked == []


def test_a_journal_that_cannot_be_written_is_said_once(window, qtbot, persona, monkeypatch):
    session = window.open_file(str(persona))
    failures = []
    session.journalFailed.connect(failures.append)
    shutil.rmtree(window.journal.folder)
    type_text(qtbot, window, "x")
    session.write_journal()
    type_text(qtbot, window, "y")
    session.write_journal()
    assert len(failures) == 1 and "could not be written" in failures[0]
    assert "could not be written" in window.statusBar().currentMessage()


# ---------------------------------------------------------------------- after a crash


def crashed_window_with(qtbot, make_window, edits) -> MainWindow:
    """A window that typed into documents, then 'crashed' (its journal lock released)."""
    window = make_window()
    for open_it, text in edits:
        session = open_it(window)
        type_text(qtbot, window, text)
        session.write_journal()  # what the timer does a second later (tested above)
    crash(window.journal)
    window.journal = None  # the dead program does nothing more
    return window


def test_restore_opens_the_exact_text_unsaved_and_undo_gives_the_file(make_window, qtbot, persona):
    original = persona.read_bytes()
    crashed = crashed_window_with(
        qtbot, make_window, [(lambda w: w.open_file(str(persona)), "Lost words ✓")]
    )
    expected = crashed.session().text()

    window = make_window()
    offered = []

    def choose(entries):
        offered.extend(entries)
        return {entry.doc_id: RESTORE for entry in entries}

    window.interaction.recovery = choose
    assert window.offer_recovery() == 1
    assert [entry.display_name for entry in offered] == [persona.name]
    session = window.session()
    assert session.path == str(persona)
    assert session.text() == expected
    assert session.is_dirty
    assert persona.read_bytes() == original  # restoring writes nothing to the file
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"{persona.name} •"
    # The text is in this program's journal now, and the crashed program's entry is gone.
    assert [e.text for e in window.journal.entries()] == [expected]
    assert not any(p.suffix == ".json" for p in crashed_folder_files(window))
    session.undo()
    assert session.text() == original.decode()
    assert not session.is_dirty


def crashed_folder_files(window: MainWindow) -> list[Path]:
    return [
        path
        for folder in window.journal.root.iterdir()
        if folder != window.journal.folder and folder.is_dir()
        for path in folder.iterdir()
    ]


def test_restore_into_the_tab_of_a_file_opened_already(make_window, qtbot, persona):
    crashed = crashed_window_with(
        qtbot, make_window, [(lambda w: w.open_file(str(persona)), "more")]
    )
    expected = crashed.session().text()
    window = make_window()
    window.open_file(str(persona))  # from the command line, before the offer
    window.interaction.recovery = lambda entries: {e.doc_id: RESTORE for e in entries}
    window.offer_recovery()
    assert window.tabs.count() == 1
    assert window.session().text() == expected and window.session().is_dirty


def test_discard_opens_nothing_and_forgets(make_window, qtbot, persona):
    crashed_window_with(qtbot, make_window, [(lambda w: w.open_file(str(persona)), "x")])
    window = make_window()
    window.interaction.recovery = lambda entries: {e.doc_id: DROP for e in entries}
    assert window.offer_recovery() == 0
    assert window.tabs.count() == 0
    again = make_window()
    again.interaction.recovery = lambda entries: pytest.fail("nothing should be offered")
    assert again.offer_recovery() == 0


def test_decide_later_keeps_everything_for_the_next_start(make_window, qtbot, persona):
    crashed_window_with(qtbot, make_window, [(lambda w: w.open_file(str(persona)), "x")])
    window = make_window()
    window.interaction.recovery = lambda entries: None
    assert window.offer_recovery() == 0 and window.tabs.count() == 0
    again = make_window()
    seen = []
    again.interaction.recovery = lambda entries: seen.extend(entries) or None
    again.offer_recovery()
    assert len(seen) == 1


def test_an_untitled_document_comes_back_untitled(make_window, qtbot):
    crashed = crashed_window_with(qtbot, make_window, [(lambda w: w.new_document(), "idea")])
    expected = crashed.session().text()
    window = make_window()
    window.interaction.recovery = lambda entries: {e.doc_id: RESTORE for e in entries}
    window.offer_recovery()
    session = window.session()
    assert session.path is None and session.text() == expected and session.is_dirty


def test_a_restored_crlf_bom_file_saves_with_its_own_line_endings(make_window, qtbot, tmp_path):
    path = tmp_path / "crlf.agent.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\nname: crlf\r\n---\r\n# CRLF\r\n")
    crashed_window_with(qtbot, make_window, [(lambda w: w.open_file(str(path)), "more")])
    window = make_window()
    window.interaction.recovery = lambda entries: {e.doc_id: RESTORE for e in entries}
    window.offer_recovery()
    assert window.save()
    assert path.read_bytes() == b"\xef\xbb\xbf---\r\nname: crlf\r\n---\r\n# CRLF\r\nmore"


def test_a_file_changed_since_it_was_loaded_is_said_and_guarded(make_window, qtbot, persona):
    crashed_window_with(qtbot, make_window, [(lambda w: w.open_file(str(persona)), "mine")])
    persona.write_text(persona.read_text() + "\nTheirs\n")
    window = make_window()
    offered = []
    window.interaction.recovery = lambda entries: (
        offered.extend(entries) or {e.doc_id: RESTORE for e in entries}
    )
    window.offer_recovery()
    assert offered[0].disk_state() is DiskState.CHANGED
    session = window.session()
    assert session.known_disk_state is DiskState.CHANGED
    assert window.file_bar.isVisible() and "changed on disk" in window.file_bar.message.text()
    # Saving does not silently overwrite the other version.
    asked = []
    window.interaction.save_conflict = lambda s: asked.append(s) or CANCEL
    assert not window.save()
    assert asked == [session]
    assert persona.read_text().endswith("Theirs\n")


def test_a_deleted_file_comes_back_marked_and_save_writes_it(make_window, qtbot, persona):
    crashed = crashed_window_with(
        qtbot, make_window, [(lambda w: w.open_file(str(persona)), "mine")]
    )
    expected = crashed.session().text()
    persona.unlink()
    window = make_window()
    window.interaction.recovery = lambda entries: {e.doc_id: RESTORE for e in entries}
    window.offer_recovery()
    session = window.session()
    assert session.known_disk_state is DiskState.MISSING
    assert window.tabs.tabText(window.tabs.currentIndex()).endswith("(deleted)")
    assert window.save()
    assert persona.read_text() == expected


def test_several_documents_each_with_its_choice(make_window, qtbot, persona, tmp_path):
    other = tmp_path / "other.chatmode.md"
    shutil.copyfile(SEED, other)
    crashed_window_with(
        qtbot,
        make_window,
        [
            (lambda w: w.open_file(str(persona)), "keep me"),
            (lambda w: w.open_file(str(other)), "drop me"),
        ],
    )
    window = make_window()
    window.interaction.recovery = lambda entries: {
        e.doc_id: RESTORE if e.path == str(persona) else DROP for e in entries
    }
    assert window.offer_recovery() == 1
    assert [s.path for s in window.sessions()] == [str(persona)]
    assert window.session().text().endswith("keep me")


# -------------------------------------------------------------------------- the dialog


def entries_for_dialog(tmp_path: Path) -> list[JournalEntry]:
    same = tmp_path / "same.chatmode.md"
    same.write_text("# Same\n\nOld line\n")
    changed = tmp_path / "changed.agent.md"
    changed.write_text("# Changed\n")
    stamp_changed = FileStamp.of_loaded(read_text(changed))
    changed.write_text("# Changed by someone else\n")
    return [
        JournalEntry(
            doc_id="same",
            text="# Same\n\nNew line\n",
            path=str(same),
            stamp=FileStamp.of_loaded(read_text(same)),
            updated=1,
        ),
        JournalEntry(
            doc_id="changed", text="# Changed\nmine\n", path=str(changed), stamp=stamp_changed
        ),
        JournalEntry(doc_id="gone", text="# Gone\n", path=str(tmp_path / "gone.md")),
        JournalEntry(doc_id="new", text="# Idea\n", title="Idea"),
    ]


def test_the_dialog_says_what_happened_to_each_file(qtbot, tmp_path):
    dialog = RecoveryDialog(entries_for_dialog(tmp_path), LIGHT)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    joined = "\n".join(texts)
    assert "4 documents had unsaved changes" in joined
    assert "The file on disk is as it was when you started editing." in texts
    assert "The file on disk has changed since it was loaded: compare before restoring." in texts
    assert "The file no longer exists on disk (deleted or moved)." in texts
    assert "Never saved: this document has no file yet." in texts
    assert "<b>Idea (untitled)</b>" in texts
    assert dialog.choices() == {d: RESTORE for d in ("same", "changed", "gone", "new")}
    dialog.choice_boxes["gone"].setCurrentText("Discard")
    assert dialog.choices()["gone"] == DROP
    dialog.set_choice("gone", RESTORE)
    assert dialog.choices()["gone"] == RESTORE


def test_compare_shows_the_recovered_text_against_the_file(qtbot, tmp_path, monkeypatch):
    dialog = RecoveryDialog(entries_for_dialog(tmp_path), LIGHT)
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(dialog, "show_compare", shown.append)
    dialog.compare_buttons["same"].click()
    assert [e.doc_id for e in shown] == ["same"]
    diff = dialog.compare_text(shown[0])
    assert "-Old line\n" in diff and "+New line\n" in diff
    assert diff.startswith("--- same.chatmode.md (on disk)\n+++ same.chatmode.md (recovered)\n")
    gone = next(e for e in dialog.entries if e.doc_id == "gone")
    assert dialog.compare_text(gone).startswith("--- (no file on disk)")


def test_the_real_dialog_through_the_window(make_window, qtbot, persona):
    crashed_window_with(qtbot, make_window, [(lambda w: w.open_file(str(persona)), "x")])
    window = make_window()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(20, answer)
            return
        [box] = dialog.choice_boxes.values()
        box.setCurrentText("Discard")
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    assert window.offer_recovery() == 0
    assert window.tabs.count() == 0


def test_decide_later_button_keeps_the_entries(make_window, qtbot, persona):
    crashed_window_with(qtbot, make_window, [(lambda w: w.open_file(str(persona)), "x")])
    window = make_window()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.later_button.click()

    QTimer.singleShot(0, answer)
    assert window.offer_recovery() == 0
    assert len(make_window().journal.orphans()) == 1


def test_the_diff_dialog_shows_the_diff_or_says_there_is_none(qtbot):
    dialog = UnifiedDiffDialog("Compare", "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n", DARK)
    qtbot.addWidget(dialog)
    assert dialog.text() == "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n"
    same = UnifiedDiffDialog("Compare", "", LIGHT)
    qtbot.addWidget(same)
    assert same.summary.text() == "No differences: the two texts are the same."


def test_describe_and_when():
    made = JournalEntry(doc_id="x", text="")
    assert describe_disk(made, DiskState.UNSAVED)[1].startswith("Never saved")
    assert when(0) == "at an unknown time"
    assert when(1000, now=1030).startswith("less than a minute ago")
    assert when(1000, now=1000 + 180).startswith("3 minutes ago")
    assert when(1000, now=1000 + 7200).startswith("2 hours ago")
    assert when(1000, now=1000 + 3 * 86400).startswith("on ")


def test_an_unusable_data_folder_is_said_and_editing_goes_on(qtbot, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    monkeypatch.setenv("PERSONA_STUDIO_DATA_DIR", str(blocked))
    window = MainWindow(remember_layout=False)
    monkeypatch.setattr(window.interaction, "save_changes", lambda session: DISCARD)
    qtbot.addWidget(window)
    window.show()
    assert window.journal is None
    assert "recovery journal cannot be kept" in window.statusBar().currentMessage()
    session = window.new_document()
    type_text(qtbot, window, "still works")
    session.write_journal()  # nothing to write to: no error
    assert session.text().endswith("still works")
    assert window.offer_recovery() == 0
