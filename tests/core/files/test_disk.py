"""A file changed on disk: stamps, the comparison with the file now, and the conflict error."""

from __future__ import annotations

import os

import pytest

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.disk import DiskState, FileStamp, SaveConflictError, check_disk
from persona_studio.core.files.fileio import read_text


def test_check_disk(tmp_path):
    path = tmp_path / "p.md"
    path.write_bytes(b"one\n")
    stamp = FileStamp.of_loaded(read_text(path))
    assert check_disk(str(path), stamp)[0] is DiskState.UNCHANGED
    os.utime(path, ns=(1, 1))  # touched: same bytes
    assert check_disk(str(path), stamp)[0] is DiskState.UNCHANGED
    path.write_bytes(b"two\n")  # same size, other bytes
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))  # even with the same time
    assert check_disk(str(path), stamp)[0] is DiskState.CHANGED
    path.write_bytes(b"longer\n")
    assert check_disk(str(path), stamp)[0] is DiskState.CHANGED
    path.unlink()
    assert check_disk(str(path), stamp)[0] is DiskState.MISSING
    path.mkdir()
    assert check_disk(str(path), stamp)[0] is DiskState.MISSING
    assert check_disk(None, None)[0] is DiskState.UNSAVED


def test_check_disk_gives_the_stamp_of_the_file_now(tmp_path):
    path = tmp_path / "p.md"
    path.write_bytes(b"one\n")
    state, now = check_disk(str(path), None)  # no stamp to compare with: changed
    assert state is DiskState.CHANGED
    assert now == FileStamp.of_loaded(read_text(path))
    assert check_disk(str(path), now) == (DiskState.UNCHANGED, now)


def test_a_stamp_of_bytes_is_the_stamp_of_the_file_read_from_them(tmp_path):
    path = tmp_path / "p.md"
    path.write_bytes(b"\xef\xbb\xbfcaf\xc3\xa9\r\n")
    loaded = read_text(path)
    assert FileStamp.of_bytes(path.read_bytes(), loaded.mtime_ns) == FileStamp.of_loaded(loaded)


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (DiskState.CHANGED, "changed on disk since you opened it"),
        (DiskState.MISSING, "gone from disk"),
        (DiskState.UNREADABLE, "cannot be read now"),
    ],
)
def test_a_save_conflict_is_a_user_error_that_says_what_happened(state, words):
    error = SaveConflictError("/x/p.agent.md", state)
    assert isinstance(error, PersonaStudioError)
    assert error.state is state and error.path == "/x/p.agent.md"
    assert str(error).startswith("/x/p.agent.md: ") and words in error.message
