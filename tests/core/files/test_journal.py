"""The recovery journal: its format, its folder, and who may take which entries."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import persona_studio
from persona_studio.core.files.disk import DiskState, FileStamp
from persona_studio.core.files.fileio import read_text
from persona_studio.core.files.journal import (
    DAMAGED,
    DATA_DIR_ENV,
    Journal,
    JournalEntry,
    JournalError,
    data_dir,
    recovery_dir,
)

SRC = Path(persona_studio.__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def data(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def crash(journal: Journal) -> None:
    """What the kernel does when a program dies: its lock goes, its files stay."""
    os.close(journal._lock_fd)
    journal._lock_fd = None


def entry(doc_id: str = "doc1", text: str = "# Hello\n", **fields) -> JournalEntry:
    return JournalEntry(doc_id=doc_id, text=text, **fields)


def test_the_data_folder_is_the_environment_variable_or_the_platforms(data, monkeypatch):
    assert data_dir() == data
    assert recovery_dir() == data / "recovery"
    monkeypatch.delenv(DATA_DIR_ENV)
    assert "persona-studio" in str(data_dir())


def test_an_entry_records_text_path_hash_encoding_bom_newline_and_times(data, tmp_path):
    persona = tmp_path / "a.chatmode.md"
    raw = b"\xef\xbb\xbf---\r\nname: a\r\n---\r\n# A\r\n"
    persona.write_bytes(raw)
    loaded = read_text(persona)
    journal = Journal.start()
    before = time.time()
    written = journal.write(
        entry(
            text="---\nname: a\n---\n# A changed\n",
            path=str(persona),
            stamp=FileStamp.of_loaded(loaded),
            bom=loaded.bom,
            newline=loaded.newline,
        )
    )
    stored = json.loads(Path(written.file).read_text(encoding="utf-8"))
    assert stored["text"] == "---\nname: a\n---\n# A changed\n"
    assert stored["path"] == str(persona)
    assert stored["loaded_sha256"] == hashlib.sha256(raw).hexdigest()
    assert stored["loaded_size"] == len(raw)
    assert stored["encoding"] == "utf-8"
    assert stored["bom"] is True
    assert stored["newline"] == "\r\n"
    assert before <= stored["created"] <= stored["updated"] <= time.time()
    assert stored["pid"] == os.getpid()
    # The user's file is never written, and no temporary file is left beside the entry.
    assert persona.read_bytes() == raw
    assert sorted(p.name for p in journal.folder.iterdir()) == ["doc1.json", "instance.lock"]


def test_an_entry_keeps_its_creation_time_across_writes(data):
    journal = Journal.start()
    first = journal.write(entry())
    time.sleep(0.01)
    second = journal.write(entry(text="# Hello again\n", created=first.created))
    assert second.created == first.created
    assert second.updated > first.updated


def test_the_recovery_folders_are_private(data):
    journal = Journal.start()
    assert stat.S_IMODE(os.stat(journal.folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(journal.root).st_mode) == 0o700


def test_a_running_programs_entries_are_never_offered_to_another(data):
    running = Journal.start()
    running.write(entry())
    other = Journal.start()
    assert other.orphans() == []
    assert [e.doc_id for e in running.entries()] == ["doc1"]


def test_a_crashed_programs_entries_are_offered_once_then_forgotten(data):
    crashed = Journal.start()
    crashed.write(entry("one", "first\n"))
    crashed.write(entry("two", "second\n"))
    crash(crashed)

    survivor = Journal.start()
    found = survivor.orphans()
    assert sorted((e.doc_id, e.text) for e in found) == [("one", "first\n"), ("two", "second\n")]
    # A program starting at the same time cannot take the same entries while they are claimed.
    assert Journal.start().orphans() == []
    for item in found:
        survivor.forget(item)
    survivor.release()
    assert not crashed.folder.exists()
    assert Journal.start().orphans() == []


def test_entries_not_forgotten_stay_for_the_next_start(data):
    crashed = Journal.start()
    crashed.write(entry())
    crash(crashed)
    first = Journal.start()
    assert len(first.orphans()) == 1
    first.release()  # "Decide Later"
    assert [e.text for e in Journal.start().orphans()] == ["# Hello\n"]


def test_forgetting_needs_a_claim(data):
    crashed = Journal.start()
    written = crashed.write(entry())
    with pytest.raises(JournalError):
        Journal.start().forget(written)


def test_a_killed_process_leaves_its_entries_and_a_live_one_keeps_them(data, tmp_path):
    script = textwrap.dedent(
        """
        import sys, time
        from persona_studio.core.files.journal import Journal, JournalEntry
        journal = Journal.start()
        journal.write(JournalEntry(doc_id="child", text="from the child\\n"))
        print("ready", flush=True)
        time.sleep(60)
        """
    )
    env = dict(os.environ, PYTHONPATH=str(SRC), **{DATA_DIR_ENV: str(data)})
    child = subprocess.Popen(
        [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        assert Journal.start().orphans() == []  # alive: its lock is held
    finally:
        child.kill()
        child.wait(10)
    found = Journal.start().orphans()
    assert [(e.doc_id, e.text) for e in found] == [("child", "from the child\n")]


def test_a_clean_exit_removes_the_programs_folder(data):
    journal = Journal.start()
    journal.write(entry())
    journal.close()
    assert not journal.folder.exists()
    assert Journal.start().orphans() == []
    with pytest.raises(JournalError):
        journal.write(entry())


def test_removing_an_entry(data):
    journal = Journal.start()
    journal.write(entry())
    journal.remove("doc1")
    journal.remove("doc1")  # twice is fine
    assert journal.entries() == []


def test_a_damaged_entry_is_set_aside_not_offered_and_not_deleted(data):
    crashed = Journal.start()
    crashed.write(entry("good"))
    (crashed.folder / "bad.json").write_text("{not json", encoding="utf-8")
    (crashed.folder / "old.json").write_text(json.dumps({"format": 99}), encoding="utf-8")
    crash(crashed)
    survivor = Journal.start()
    assert [e.doc_id for e in survivor.orphans()] == ["good"]
    damaged = sorted(p.name for p in (survivor.root / DAMAGED).iterdir())
    assert len(damaged) == 2 and all(name.endswith(("bad.json", "old.json")) for name in damaged)


def test_an_unusable_data_folder_is_a_clear_error(data):
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("a file where the folder should be")
    with pytest.raises(JournalError, match="recovery journal cannot be kept"):
        Journal.start()


def test_a_failed_write_is_a_journal_error(data):
    journal = Journal.start()
    for child in journal.folder.iterdir():
        child.unlink()
    journal.folder.rmdir()
    with pytest.raises(JournalError, match="could not be written"):
        journal.write(entry())


@pytest.mark.parametrize(
    "data_json",
    [
        [],
        {"format": 1},
        {"format": 1, "doc_id": "x"},
        {"format": 1, "doc_id": "", "text": "t"},
        {"format": 1, "doc_id": "x", "text": "t", "newline": "\n\n"},
        {"format": 1, "doc_id": "x", "text": 3},
    ],
)
def test_from_json_refuses_what_is_not_an_entry(data_json):
    with pytest.raises(ValueError):
        JournalEntry.from_json(data_json)


def test_to_and_from_json_round_trip():
    original = entry(
        path="/tmp/x.md",
        title="X",
        stamp=FileStamp(3, 123, "ab" * 32),
        bom=True,
        newline="\r",
        target="claude-code",
        created=1.5,
        updated=2.5,
        pid=42,
    )
    assert JournalEntry.from_json(json.loads(json.dumps(original.to_json()))) == original


# ------------------------------------------------------------------------------ the disk


def test_an_entry_knows_whether_its_file_changed_since_it_was_loaded(tmp_path):
    path = tmp_path / "p.md"
    path.write_bytes(b"line\r\n")
    made = entry(path=str(path), stamp=FileStamp.of_loaded(read_text(path)))
    assert made.disk_state() is DiskState.UNCHANGED
    assert made.disk_text() == "line\n"
    path.write_bytes(b"other\r\n")
    assert made.disk_state() is DiskState.CHANGED
    path.unlink()
    assert made.disk_state() is DiskState.MISSING
    assert made.disk_text() is None
    assert entry().disk_state() is DiskState.UNSAVED
    assert entry().display_name == "Untitled"


def test_any_text_round_trips_through_the_journal(data):
    odd = "caf\u00e9 \U0001f98a \ud800 lone surrogate \x00 nul \r\n\u2028"
    crashed = Journal.start()
    crashed.write(entry(text=odd, path="/tmp/caf\u00e9.md"))
    crash(crashed)
    [found] = Journal.start().orphans()
    assert found.text == odd and found.path == "/tmp/caf\u00e9.md"


def _valid(doc_id: str) -> dict:
    return {**entry(doc_id).to_json(), "format": 1}


@pytest.mark.parametrize(
    "damage",
    [
        '{"format": 1, "doc_id": "x", "text": "t", "pid": 1e999}',  # OverflowError
        "[" * 200_000 + "]" * 200_000,  # RecursionError
        json.dumps({**_valid("x"), "loaded_sha256": "ab", "loaded_mtime_ns": 1e999}),
        json.dumps({**_valid("x"), "path": "/tmp/a\0b.md"}),  # names no file
        json.dumps({**_valid("x"), "created": "NaN"}),
        json.dumps({**_valid("x"), "updated": [1]}),
    ],
    ids=["pid-1e999", "deep-json", "mtime-1e999", "nul-path", "nan-time", "list-time"],
)
def test_any_exception_from_an_entry_is_damage_and_the_valid_ones_are_offered(data, damage):
    # issue 21, item 13: the hostile entry used to raise out of orphans(), hiding the good ones.
    crashed = Journal.start()
    crashed.write(entry("good"))
    (crashed.folder / "bad.json").write_text(damage, encoding="utf-8")
    crash(crashed)
    survivor = Journal.start()
    offered = survivor.orphans()
    assert [e.doc_id for e in offered] == ["good"]
    assert [e.disk_state() for e in offered] == [DiskState.UNSAVED]
    damaged = [p.name for p in (survivor.root / DAMAGED).iterdir()]
    assert len(damaged) == 1 and damaged[0].endswith("bad.json")


def test_a_fifo_in_the_journal_never_blocks(data):
    crashed = Journal.start()
    crashed.write(entry("good"))
    os.mkfifo(crashed.folder / "pipe.json")
    crash(crashed)
    assert [e.doc_id for e in Journal.start().orphans()] == ["good"]
