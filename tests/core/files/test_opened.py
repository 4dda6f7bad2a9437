"""The file behind an open document: binding, the conflict-safe save, reload, disk checks and the
journal entry, without Qt."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from persona_studio.core.files import fileio
from persona_studio.core.files.disk import DiskState, FileStamp, SaveConflictError
from persona_studio.core.files.fileio import SaveError, read_text
from persona_studio.core.files.journal import JournalEntry
from persona_studio.core.files.opened import OpenedFile, to_model_text

CRLF_BOM = b"\xef\xbb\xbf---\r\ndescription: x\r\n---\r\nBody.\r\n"


def persona(tmp_path: Path, data: bytes = CRLF_BOM, name: str = "p.agent.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def other_program_writes(path: Path, data: bytes) -> None:
    """Another program saves the file: new bytes, and (as on a coarse clock) the same time."""
    mtime = path.stat().st_mtime_ns
    path.write_bytes(data)
    os.utime(path, ns=(mtime, mtime))


# ------------------------------------------------------------------------------ the binding


def test_open_binds_the_path_the_encoding_bom_newline_and_stamp(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    assert opened.path == str(path.resolve())
    assert opened.display_name == "p.agent.md"
    assert (opened.encoding, opened.bom, opened.newline) == ("utf-8", True, "\r\n")
    assert opened.mixed_newlines is False
    assert opened.stamp == FileStamp.of_loaded(read_text(path))
    assert opened.state is DiskState.UNCHANGED
    assert opened.loaded is not None and opened.loaded.text.startswith("---\r\n")


def test_an_untitled_file_has_no_path_stamp_or_name(tmp_path):
    opened = OpenedFile(newline="\r\n")
    assert (opened.path, opened.stamp, opened.loaded) == (None, None, None)
    assert opened.display_name == "Untitled"
    assert opened.state is DiskState.UNSAVED
    assert opened.newline == "\r\n"
    with pytest.raises(ValueError, match="Save As"):
        opened.save("text")
    assert opened.reload() is None and opened.disk_text() is None


def test_a_path_without_its_bytes_is_stamped_as_the_file_is_now(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile(str(path))
    assert opened.stamp == FileStamp.of_loaded(read_text(path))


def test_a_journal_id_per_open_file():
    assert OpenedFile().doc_id != OpenedFile().doc_id


def test_the_lint_target_is_the_choice_then_the_default_for_an_untitled_file(tmp_path):
    untitled = OpenedFile(default_target="claude-subagent")
    assert untitled.lint_target() == "claude-subagent"
    untitled.target_choice = "vscode-agent"
    assert untitled.lint_target() == "vscode-agent"
    saved = OpenedFile(str(persona(tmp_path)), default_target="claude-subagent")
    assert saved.lint_target() is None  # a file is read as its name, place and settings say


def test_to_model_text_keeps_only_lf():
    assert to_model_text("a\r\nb\rc\n") == "a\nb\nc\n"
    text = "no carriage return\n"
    assert to_model_text(text) is text


# ---------------------------------------------------------------------------------- saving


def test_saving_the_text_read_gives_back_the_same_bytes(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    assert opened.encode(to_model_text(opened.loaded.text)) == CRLF_BOM
    assert opened.save(to_model_text(opened.loaded.text)) is False  # the same path
    assert path.read_bytes() == CRLF_BOM


def test_save_writes_the_files_newline_style_and_bom_and_restamps(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    opened.save("---\ndescription: y\n---\nBody.\n")
    written = path.read_bytes()
    assert written == b"\xef\xbb\xbf---\r\ndescription: y\r\n---\r\nBody.\r\n"
    assert opened.stamp == FileStamp.of_loaded(read_text(path))
    assert opened.loaded.sha256 == opened.stamp.sha256 and opened.loaded.path == str(path)
    assert opened.state is DiskState.UNCHANGED
    assert opened.disk_state() is DiskState.UNCHANGED


def test_keep_newlines_writes_the_text_as_it_is(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    opened.save("a\r\nb\n", keep_newlines=True)
    assert path.read_bytes() == b"\xef\xbb\xbfa\r\nb\n"
    assert opened.mixed_newlines is True


def test_save_refuses_a_file_changed_on_disk_and_writes_nothing(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    theirs = CRLF_BOM.replace(b"x", b"z")  # same size, other bytes, same time
    other_program_writes(path, theirs)
    with pytest.raises(SaveConflictError) as raised:
        opened.save("mine\n")
    assert raised.value.state is DiskState.CHANGED
    assert raised.value.path == opened.path
    assert path.read_bytes() == theirs
    assert opened.state is DiskState.CHANGED
    opened.save("mine\n", force=True)  # on purpose
    assert path.read_bytes() == b"\xef\xbb\xbfmine\r\n"
    assert opened.state is DiskState.UNCHANGED


def test_a_deleted_file_is_written_again_unless_it_must_still_be_there(tmp_path):
    path = persona(tmp_path)
    strict = OpenedFile.open(str(path))
    lenient = OpenedFile.open(str(path))
    path.unlink()
    with pytest.raises(SaveConflictError) as raised:
        strict.save("mine\n", missing_ok=False)
    assert raised.value.state is DiskState.MISSING
    assert not path.exists()
    lenient.save("mine\n")
    assert path.read_bytes() == b"\xef\xbb\xbfmine\r\n"


def test_save_as_moves_the_binding_without_a_conflict_check(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    other_program_writes(path, CRLF_BOM.replace(b"x", b"z"))
    copy = tmp_path / "sub" / ".." / "copy.agent.md"
    assert opened.save("mine\n", str(copy)) is True
    assert opened.path == str((tmp_path / "copy.agent.md").resolve())
    assert opened.display_name == "copy.agent.md"
    assert (tmp_path / "copy.agent.md").read_bytes() == b"\xef\xbb\xbfmine\r\n"
    assert opened.disk_state() is DiskState.UNCHANGED


def test_a_change_right_after_a_save_is_not_taken_for_the_save(tmp_path, monkeypatch):
    # The stamp is that of the bytes written: a program writing just after this save (before
    # anything could read the file again) is caught at the next check.
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    real_write = fileio.atomic_write

    def write_then_another_program_writes(target, data, check=None):
        real_write(target, data, check=check)
        Path(target).write_bytes(b"theirs\r\n")

    monkeypatch.setattr(
        "persona_studio.core.files.opened.atomic_write", write_then_another_program_writes
    )
    opened.save("mine\n")
    assert opened.disk_state() is DiskState.CHANGED
    with pytest.raises(SaveConflictError):
        opened.save("mine again\n")
    assert path.read_bytes() == b"theirs\r\n"


def test_a_character_utf8_cannot_hold_is_a_save_error_and_nothing_changes(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    stamp = opened.stamp
    with pytest.raises(SaveError, match="cannot be saved as UTF-8"):
        opened.save("lone \ud800 surrogate\n")
    assert path.read_bytes() == CRLF_BOM and opened.stamp == stamp


def test_a_failed_save_leaves_the_file_and_the_binding_as_they_were(tmp_path, monkeypatch):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    stamp, loaded = opened.stamp, opened.loaded

    def full_disk(step: str) -> None:
        if step == "write":
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "_checkpoint", full_disk)
    with pytest.raises(SaveError, match="disk is full"):
        opened.save("mine\n")
    assert path.read_bytes() == CRLF_BOM
    assert (opened.stamp, opened.loaded) == (stamp, loaded)
    assert [p.name for p in tmp_path.iterdir()] == ["p.agent.md"]


def test_text_with_a_nul_is_saved_and_stamped(tmp_path):
    path = persona(tmp_path, b"a\n")
    opened = OpenedFile.open(str(path))
    opened.save("a\x00b\n")
    assert path.read_bytes() == b"a\x00b\n"
    assert opened.disk_state() is DiskState.UNCHANGED


# --------------------------------------------------------------------- as read, a while ago


def test_as_read_stamps_the_bytes_the_text_came_from(tmp_path):
    path = persona(tmp_path)
    loaded = read_text(path)
    opened = OpenedFile.as_read(str(path), loaded.text, bom=loaded.bom)
    assert opened.stamp.sha256 == loaded.sha256 and opened.stamp.size == loaded.size
    assert opened.disk_state() is DiskState.UNCHANGED
    opened.save(loaded.text.replace("x", "y"), missing_ok=False, keep_newlines=True)
    assert path.read_bytes() == CRLF_BOM.replace(b"x", b"y")


def test_as_read_refuses_a_file_changed_since_it_was_read(tmp_path):
    path = persona(tmp_path)
    loaded = read_text(path)
    other_program_writes(path, CRLF_BOM.replace(b"Body", b"Mine"))
    opened = OpenedFile.as_read(str(path), loaded.text, bom=loaded.bom)
    with pytest.raises(SaveConflictError):
        opened.save(loaded.text + "fixed\r\n", missing_ok=False, keep_newlines=True)
    assert path.read_bytes() == CRLF_BOM.replace(b"Body", b"Mine")


# ------------------------------------------------------------------------- reload and disk


def test_reload_takes_the_files_text_newline_bom_and_stamp(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    path.write_bytes(b"one\ntwo\r\n")
    assert opened.check() == (DiskState.CHANGED, True)
    assert opened.reload() == "one\ntwo\n"
    assert (opened.bom, opened.newline, opened.mixed_newlines) == (False, "\n", True)
    assert opened.stamp == FileStamp.of_loaded(read_text(path))
    assert opened.state is DiskState.UNCHANGED


def test_check_remembers_the_state_and_says_when_a_changed_file_changed_again(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    assert opened.check() == (DiskState.UNCHANGED, False)
    path.write_bytes(b"theirs\n")
    assert opened.check() == (DiskState.CHANGED, True)
    assert opened.check() == (DiskState.CHANGED, False)  # the same version: said already
    path.write_bytes(b"theirs, again\n")
    assert opened.check() == (DiskState.CHANGED, True)
    path.unlink()
    assert opened.check() == (DiskState.MISSING, False)
    assert opened.state is DiskState.MISSING
    assert opened.disk_text() is None


def test_a_touched_file_is_unchanged_and_takes_its_new_time(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    os.utime(path, ns=(10**18, 10**18))
    assert opened.disk_state() is DiskState.UNCHANGED
    assert opened.stamp.mtime_ns == 10**18


def test_keep_mine_accepts_the_version_on_disk_and_catches_a_later_one(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path))
    path.write_bytes(b"theirs\n")
    assert opened.disk_text() == "theirs\n"
    assert opened.keep_mine() is DiskState.UNCHANGED
    opened.save("mine\n")  # no conflict: the user chose to overwrite that version
    assert path.read_bytes() == b"\xef\xbb\xbfmine\r\n"
    path.write_bytes(b"theirs later\n")
    with pytest.raises(SaveConflictError):
        opened.save("mine again\n")


# ------------------------------------------------------------------------------ the journal


def test_the_journal_entry_carries_what_puts_the_text_back(tmp_path):
    path = persona(tmp_path)
    opened = OpenedFile.open(str(path), max_bytes=None)
    opened.target_choice = "vscode-agent"
    entry = opened.journal_entry("unsaved\n", "Title")
    assert entry == JournalEntry(
        doc_id=opened.doc_id,
        text="unsaved\n",
        path=opened.path,
        title="Title",
        stamp=opened.stamp,
        encoding="utf-8",
        bom=True,
        newline="\r\n",
        target="vscode-agent",
    )
    opened.journal_written(JournalEntry(doc_id=opened.doc_id, text="", created=123.0))
    assert opened.journal_entry("more\n").created == 123.0


def test_restore_takes_the_entrys_newline_bom_target_and_for_the_same_file_its_stamp(tmp_path):
    path = persona(tmp_path)
    old_stamp = FileStamp.of_loaded(read_text(path))
    other_program_writes(path, b"changed since the crash\n")
    opened = OpenedFile.open(str(path))
    entry = JournalEntry(
        doc_id="crashed",
        text="unsaved\n",
        path=opened.path,
        stamp=old_stamp,
        bom=True,
        newline="\r\n",
        target="claude-subagent",
    )
    opened.restore(entry)
    assert (opened.bom, opened.newline, opened.target_choice) == (True, "\r\n", "claude-subagent")
    assert opened.stamp == old_stamp
    assert opened.check()[0] is DiskState.CHANGED  # so the save asks first
    with pytest.raises(SaveConflictError):
        opened.save("unsaved\n")
    elsewhere = OpenedFile.open(str(persona(tmp_path, b"x\n", "other.agent.md")))
    stamp = elsewhere.stamp
    elsewhere.restore(entry)
    assert elsewhere.stamp == stamp  # another file's stamp is not taken


def test_reload_from_a_new_path_follows_a_file_moved_by_the_program(tmp_path):
    old = persona(tmp_path)
    opened = OpenedFile.open(str(old))
    new = tmp_path / "moved.agent.md"
    new.write_bytes(b"---\ndescription: y\n---\nMoved.\n")
    old.unlink()
    assert opened.reload(path=str(new)) == "---\ndescription: y\n---\nMoved.\n"
    assert opened.path == str(new)
    assert (opened.newline, opened.bom) == ("\n", False)
    opened.save("---\ndescription: z\n---\nMoved.\n")  # to the new file; the old stays gone
    assert new.read_bytes().startswith(b"---\ndescription: z") and not old.exists()


def test_reload_from_a_missing_path_keeps_the_binding(tmp_path):
    old = persona(tmp_path)
    opened = OpenedFile.open(str(old))
    with pytest.raises(fileio.FileReadError):
        opened.reload(path=str(tmp_path / "nowhere.agent.md"))
    assert opened.path == str(old)
