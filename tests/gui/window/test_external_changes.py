"""Files changed by other programs, save conflicts, deleted files and saves that fail."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from persona_studio.core.files import fileio
from persona_studio.core.files.disk import DiskState, SaveConflictError
from persona_studio.core.files.fileio import SAVE_STEPS
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.window.interaction import Interaction
from persona_studio.gui.window.main_window import (
    CANCEL,
    COMPARE,
    DISCARD,
    OVERWRITE,
    SAVE,
    MainWindow,
)

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "personas" / "backend.chatmode.md"


@pytest.fixture
def window(qtbot, monkeypatch):
    made = MainWindow(remember_layout=False)
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    # A question no test expects fails the test instead of blocking it.
    monkeypatch.setattr(
        made.interaction, "save_conflict", lambda s: pytest.fail("unexpected conflict")
    )
    monkeypatch.setattr(
        made.interaction, "save_failed", lambda s, e: pytest.fail(f"save failed: {e}")
    )
    monkeypatch.setattr(made.interaction, "show_diff", lambda *a: pytest.fail("unexpected compare"))
    # Compare falls back to the unified-diff dialog (show_diff); one test uses the diff window.
    monkeypatch.setattr(made.interaction, "open_diff_window", lambda session: False)
    monkeypatch.setattr(
        made.interaction, "show_error", lambda t, m: pytest.fail(f"error shown: {m}")
    )
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    return made


@pytest.fixture
def persona(tmp_path) -> Path:
    path = tmp_path / "backend.chatmode.md"
    shutil.copyfile(SEED, path)
    return path


def edit(session: DocumentSession, text: str = "\nMine\n") -> None:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(session.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(text)


def write_externally(path: Path, text: str) -> None:
    """Another editor saves: a new file renamed over the old one."""
    tmp = path.with_name(path.name + ".other~")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def bar_shows(window: MainWindow) -> str | None:
    return window.file_bar.kind if window.file_bar.isVisible() else None


# ------------------------------------------------------------------ changes on disk


def test_a_clean_document_reloads_quietly(window, qtbot, persona):
    session = window.open_file(str(persona))
    before = session.text()
    theirs = before.replace("Backend", "Server-side", 1)
    write_externally(persona, theirs)
    qtbot.waitUntil(lambda: session.text() == theirs, timeout=3000)
    assert not session.is_dirty
    assert bar_shows(window) is None
    assert "Reloaded backend.chatmode.md" in window.statusBar().currentMessage()
    session.undo()  # the reload is one undo step
    assert session.text() == before


def test_an_in_place_rewrite_is_noticed_too(window, qtbot, persona):
    session = window.open_file(str(persona))
    theirs = session.text() + "\nAppended in place\n"
    persona.write_text(theirs)  # same inode, no rename
    qtbot.waitUntil(lambda: session.text() == theirs, timeout=3000)


def test_a_dirty_document_shows_the_bar_and_keeps_its_text(window, qtbot, persona):
    session = window.open_file(str(persona))
    edit(session)
    mine = session.text()
    write_externally(persona, "# Theirs\n")
    qtbot.waitUntil(lambda: bar_shows(window) == "changed", timeout=3000)
    assert session.text() == mine and session.is_dirty
    assert window.file_bar.visible_buttons() == ["Reload", "Keep Mine", "Compare"]
    assert "backend.chatmode.md was changed on disk" in window.file_bar.message.text()


def test_reload_from_the_bar_takes_the_file_and_undo_brings_mine_back(window, qtbot, persona):
    session = window.open_file(str(persona))
    edit(session)
    mine = session.text()
    write_externally(persona, "# Theirs\n")
    qtbot.waitUntil(lambda: bar_shows(window) == "changed", timeout=3000)
    qtbot.mouseClick(window.file_bar.reload_button, Qt.MouseButton.LeftButton)
    assert session.text() == "# Theirs\n" and not session.is_dirty
    assert bar_shows(window) is None
    session.undo()
    assert session.text() == mine


def test_keep_mine_then_save_overwrites_without_asking(window, qtbot, persona):
    session = window.open_file(str(persona))
    edit(session)
    write_externally(persona, "# Theirs\n")
    qtbot.waitUntil(lambda: bar_shows(window) == "changed", timeout=3000)
    qtbot.mouseClick(window.file_bar.keep_button, Qt.MouseButton.LeftButton)
    assert bar_shows(window) is None and session.is_dirty
    assert window.save()
    assert persona.read_text() == session.text()


def test_compare_from_the_bar_shows_theirs_against_mine(window, qtbot, persona, monkeypatch):
    session = window.open_file(str(persona))
    edit(session, "\nMine\n")
    write_externally(persona, session.text().replace("\nMine\n", "\nTheirs\n"))
    qtbot.waitUntil(lambda: bar_shows(window) == "changed", timeout=3000)
    shown = []
    monkeypatch.setattr(
        window.interaction, "show_diff", lambda title, diff, summary="": shown.append(diff)
    )
    qtbot.mouseClick(window.file_bar.compare_button, Qt.MouseButton.LeftButton)
    [diff] = shown
    assert "-Theirs\n" in diff and "+Mine\n" in diff
    assert diff.startswith("--- backend.chatmode.md (on disk)\n")


def test_the_programs_own_saves_never_count_as_changes(window, qtbot, persona):
    session = window.open_file(str(persona))
    changes = []
    session.diskStateChanged.connect(changes.append)
    for word in ("one", "two", "three"):
        edit(session, word)
        assert window.save()
        qtbot.wait(400)  # longer than the watcher's pause
    assert changes == []
    assert bar_shows(window) is None
    assert session.text().endswith("onetwothree") and not session.is_dirty
    assert "Reloaded" not in window.statusBar().currentMessage()


def test_the_focus_check_catches_what_the_watcher_missed(window, qtbot, persona, monkeypatch):
    monkeypatch.setattr(window.file_watcher, "refresh", lambda: None)  # watch nothing
    session = window.open_file(str(persona))
    write_externally(persona, "# Theirs\n")
    qtbot.wait(400)
    assert session.text() != "# Theirs\n"
    QApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert session.text() == "# Theirs\n"


def test_a_touched_file_with_the_same_bytes_is_not_a_change(window, qtbot, persona):
    session = window.open_file(str(persona))
    edit(session)
    changes = []
    session.diskStateChanged.connect(changes.append)
    os.utime(persona, ns=(10**18, 10**18))
    qtbot.wait(400)
    window.check_files()
    assert changes == [] and bar_shows(window) is None


def test_a_file_that_is_unreadable_after_a_change_keeps_the_text(window, qtbot, persona):
    session = window.open_file(str(persona))
    before = session.text()
    persona.write_bytes(b"\x00\x01 binary now")
    qtbot.waitUntil(lambda: bar_shows(window) == "unreadable", timeout=3000)
    assert session.text() == before
    assert "cannot be read now (This looks like a binary file" in window.file_bar.message.text()
    assert window.file_bar.visible_buttons() == ["Save As…"]
    # Fixed on disk again: the clean document follows it.
    write_externally(persona, "# Readable again\n")
    qtbot.waitUntil(lambda: session.text() == "# Readable again\n", timeout=3000)
    assert bar_shows(window) is None


# --------------------------------------------------------------------- save conflicts


def test_save_never_overwrites_a_changed_file_silently(window, qtbot, persona, monkeypatch):
    session = window.open_file(str(persona))
    edit(session)
    persona.write_text("# Theirs\n")  # saved by someone else just now, before any event
    asked = []
    monkeypatch.setattr(window.interaction, "save_conflict", lambda s: asked.append(s) or CANCEL)
    assert not window.save()
    assert asked == [session]
    assert persona.read_text() == "# Theirs\n"
    assert session.is_dirty


def test_compare_shows_the_two_and_the_next_save_asks_again(window, persona, monkeypatch):
    session = window.open_file(str(persona))
    edit(session)
    persona.write_text("# Theirs\n")
    answers = iter([COMPARE, OVERWRITE])
    monkeypatch.setattr(window.interaction, "save_conflict", lambda s: next(answers))
    shown = []
    monkeypatch.setattr(
        window.interaction, "show_diff", lambda title, diff, summary="": shown.append(diff)
    )
    assert not window.save()  # Compare: look first, nothing written
    assert len(shown) == 1 and "-# Theirs\n" in shown[0]
    assert persona.read_text() == "# Theirs\n" and session.is_dirty
    assert window.save()  # asked again: Overwrite
    assert persona.read_text() == session.text() and not session.is_dirty


def test_compare_opens_the_diff_window_when_there_is_one(window, qtbot, persona, monkeypatch):
    diff_view = pytest.importorskip("persona_studio.gui.compare.diff_view")
    monkeypatch.setattr(
        window.interaction,
        "open_diff_window",
        lambda s: Interaction.open_diff_window(window.interaction, s),
    )
    session = window.open_file(str(persona))
    edit(session)
    persona.write_text("# Theirs\n")
    qtbot.waitUntil(lambda: bar_shows(window) == "changed", timeout=3000)
    qtbot.mouseClick(window.file_bar.compare_button, Qt.MouseButton.LeftButton)
    [opened] = window.findChildren(diff_view.DiffWindow)
    assert opened.isVisible()
    assert opened.windowTitle().startswith("Compare backend.chatmode.md (on disk) ↔ ")
    opened.close()


def test_session_save_raises_a_typed_error_unless_forced(qtbot, persona):
    holder = QWidget()  # Qt owns the session: Python's garbage collector must not delete it
    qtbot.addWidget(holder)  # while one of its timers is being delivered
    session = DocumentSession.open(str(persona))
    session.setParent(holder)
    edit(session)
    persona.write_text("# Theirs\n")
    assert session.disk_state() is DiskState.CHANGED
    with pytest.raises(SaveConflictError) as raised:
        session.save()
    assert raised.value.state is DiskState.CHANGED
    assert "changed on disk" in str(raised.value)
    assert persona.read_text() == "# Theirs\n"
    session.save(force=True)
    assert persona.read_text() == session.text()
    assert session.disk_state() is DiskState.UNCHANGED


def test_save_as_elsewhere_is_not_a_conflict(window, persona, tmp_path, monkeypatch):
    session = window.open_file(str(persona))
    edit(session)
    persona.write_text("# Theirs\n")
    copy = tmp_path / "copy.chatmode.md"
    monkeypatch.setattr(window.interaction, "save_path", lambda s, suggested: str(copy))
    assert window.save_as()
    assert copy.read_text() == session.text()
    assert persona.read_text() == "# Theirs\n"


# -------------------------------------------------------------- deleted and renamed


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_deleted_or_renamed_file_stays_open_marked_and_save_writes_it(
    window, qtbot, persona, monkeypatch, how
):
    session = window.open_file(str(persona))
    text = session.text()
    if how == "deleted":
        persona.unlink()
    else:
        persona.rename(persona.with_name("moved.chatmode.md"))
    qtbot.waitUntil(lambda: bar_shows(window) == "missing", timeout=3000)
    assert session.text() == text
    assert window.tabs.tabText(window.tabs.currentIndex()) == "backend.chatmode.md (deleted)"
    assert window.file_bar.visible_buttons() == ["Save", "Save As…"]
    assert session.needs_saving  # closing asks, though nothing was typed
    asked = []
    monkeypatch.setattr(window.interaction, "save_changes", lambda s: asked.append(s) or CANCEL)
    assert not window.close_tab(window.tabs.currentIndex())
    assert asked == [session]
    qtbot.mouseClick(window.file_bar.save_button, Qt.MouseButton.LeftButton)
    assert persona.read_text() == text
    assert bar_shows(window) is None
    assert window.tabs.tabText(window.tabs.currentIndex()) == "backend.chatmode.md"


def test_a_deleted_files_text_is_journaled(window, qtbot, persona):
    session = window.open_file(str(persona))
    persona.unlink()
    qtbot.waitUntil(lambda: session.file_missing, timeout=3000)
    [entry] = window.journal.entries()
    assert entry.text == session.text() and entry.path == str(persona)


def test_a_file_that_comes_back_clears_the_mark(window, qtbot, persona):
    session = window.open_file(str(persona))
    data = persona.read_bytes()
    persona.unlink()
    qtbot.waitUntil(lambda: session.file_missing, timeout=3000)
    persona.write_bytes(data)
    window.check_files()
    assert not session.file_missing and bar_shows(window) is None


# ----------------------------------------------------------------- saves that fail


@pytest.mark.parametrize("step", [s for s in SAVE_STEPS if s != "fsync-dir"])
def test_a_failed_save_keeps_the_file_and_the_document_dirty_and_offers_save_as(
    window, persona, tmp_path, monkeypatch, step
):
    session = window.open_file(str(persona))
    edit(session)
    original = persona.read_bytes()
    before = sorted(os.listdir(tmp_path))

    def fail(at: str) -> None:
        if at == step:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fileio, "_checkpoint", fail)
    failed = []
    monkeypatch.setattr(window.interaction, "save_failed", lambda s, e: failed.append(e) or False)
    assert not window.save()
    assert len(failed) == 1 and failed[0].step == step
    assert persona.read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == before  # no temporary file left
    assert session.is_dirty
    assert window.tabs.tabText(window.tabs.currentIndex()).endswith("•")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "The disk is full"),
        (errno.EACCES, "Permission denied"),
        (errno.EROFS, "read-only"),
    ],
)
def test_full_disk_and_permission_errors_say_so_and_save_as_works(
    window, persona, tmp_path, monkeypatch, code, words
):
    session = window.open_file(str(persona))
    edit(session)
    original = persona.read_bytes()

    def fail(at: str) -> None:
        if at == "write":
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fileio, "_checkpoint", fail)
    failed = []

    def answer(s, error) -> bool:
        failed.append(error)
        monkeypatch.setattr(fileio, "_checkpoint", lambda at: None)  # elsewhere works
        return True  # Save As

    monkeypatch.setattr(window.interaction, "save_failed", answer)
    elsewhere = tmp_path / "elsewhere" / "copy.chatmode.md"
    elsewhere.parent.mkdir()
    monkeypatch.setattr(window.interaction, "save_path", lambda s, suggested: str(elsewhere))
    assert window.save()
    assert words in failed[0].message
    assert persona.read_bytes() == original
    assert elsewhere.read_text() == session.text()
    assert session.path == str(elsewhere) and not session.is_dirty


def test_a_read_only_file_is_refused_with_a_message(window, persona, monkeypatch):
    session = window.open_file(str(persona))
    edit(session)
    original = persona.read_bytes()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m: False if str(p) == str(persona) else real_access(p, m)
    )
    failed = []
    monkeypatch.setattr(window.interaction, "save_failed", lambda s, e: failed.append(e) or False)
    assert not window.save()
    assert "the file is read-only" in failed[0].message
    assert persona.read_bytes() == original and session.is_dirty


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_real_read_only_folder(window, persona, monkeypatch):  # pragma: no cover - not root
    session = window.open_file(str(persona))
    edit(session)
    original = persona.read_bytes()
    folder = persona.parent
    folder.chmod(0o500)
    try:
        failed = []
        monkeypatch.setattr(
            window.interaction, "save_failed", lambda s, e: failed.append(e) or False
        )
        assert not window.save()
        assert "Permission denied" in failed[0].message
    finally:
        folder.chmod(0o700)
    assert persona.read_bytes() == original and session.is_dirty


def test_the_save_failed_question_offers_save_as(window, persona):
    """The real message box: its default button is Save As."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextDocumentFragment
    from PySide6.QtWidgets import QMessageBox

    session = window.open_file(str(persona))
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        # What the user reads: the informative text is escaped rich text (a message can carry a
        # file name, shown as written).
        info = QTextDocumentFragment.fromHtml(box.informativeText()).toPlainText()
        seen.append((box.text(), info, box.defaultButton().text()))
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    from persona_studio.core.files.fileio import SaveError

    # The real question (the fixture replaced the window's own).
    failed = Interaction.save_failed(window.interaction, session, SaveError("The disk is full."))
    assert failed is True
    [(text, info, default)] = seen
    assert text == "backend.chatmode.md was not saved."
    assert info.startswith("The disk is full.") and "was not touched" in info
    assert default == "Save &As…"


def test_the_conflict_question_has_overwrite_compare_and_cancel(window, persona):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    session = window.open_file(str(persona))
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(sorted(b.text() for b in box.buttons()))
        box.escapeButton().click()

    QTimer.singleShot(0, answer)
    assert Interaction.save_conflict(window.interaction, session) == CANCEL
    assert seen == [["&Overwrite", "Cancel", "Co&mpare…"]]


# ------------------------------------------------------------------ mixed newlines


def test_mixed_line_endings_are_said_once_and_saving_makes_them_one(
    window, qtbot, tmp_path, monkeypatch
):
    path = tmp_path / "mixed.chatmode.md"
    path.write_bytes(b"---\r\ndescription: x\n---\r\n# Mixed\rbody\n")
    session = window.open_file(str(path))
    assert bar_shows(window) == "notice"
    assert "mixes line endings" in window.file_bar.message.text()
    assert "CRLF" in window.file_bar.message.text()
    qtbot.mouseClick(window.file_bar.close_button, Qt.MouseButton.LeftButton)
    assert bar_shows(window) is None
    window.tabs.setCurrentIndex(window.tabs.currentIndex())
    edit(session, "x")
    assert window.save()
    assert path.read_bytes() == b"---\r\ndescription: x\r\n---\r\n# Mixed\r\nbody\r\nx"


def test_closing_the_window_asks_for_a_deleted_file(window, qtbot, persona, monkeypatch):
    session = window.open_file(str(persona))
    persona.unlink()
    qtbot.waitUntil(lambda: session.file_missing, timeout=3000)
    monkeypatch.setattr(window.interaction, "save_changes", lambda s: SAVE)
    assert window.close()
    assert persona.exists()
