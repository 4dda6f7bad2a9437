"""Tests for persona_studio.core.files.fileio: decoding, read errors and atomic saves."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files import fileio
from persona_studio.core.files.fileio import (
    DEFAULT_MAX_BYTES,
    SAVE_STEPS,
    BinaryFileError,
    FileReadError,
    FileTooLargeError,
    NotUtf8Error,
    SaveError,
    UnreadableFileError,
    atomic_write,
    decode,
    read_text,
    save_text,
)

BOM = b"\xef\xbb\xbf"
ORIGINAL = b"---\nname: original\n---\n# Body\n"
NEW = b"---\nname: new\n---\n# Body \xf0\x9f\xa6\x8a\n"

ROUND_TRIP_SAMPLES = {
    "empty": b"",
    "lf": b"---\nname: a\n---\nbody\n",
    "crlf": b"---\r\nname: a\r\n---\r\nbody\r\n",
    "cr": b"---\rname: a\r---\rbody\r",
    "bom-lf": BOM + b"---\nname: a\n---\n",
    "bom-only": BOM,
    "two-boms": BOM + BOM + b"x",
    "no-trailing-newline": b"---\nname: a\n---\nbody",
    "non-ascii": "caf\u00e9 \u00fcber \u65e5\u672c\u8a9e\n".encode(),
    "astral-emoji": "\U0001f98a fox \U0001f600\r\n".encode(),
    "mixed": b"a\nb\r\nc\rd",
}


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging if the code under test blocks for more than 5 seconds."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError("read_text blocked")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ------------------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("data", ROUND_TRIP_SAMPLES.values(), ids=ROUND_TRIP_SAMPLES.keys())
def test_round_trip_gives_the_same_bytes(data: bytes) -> None:
    loaded = decode(data)
    assert loaded.encode() == data
    assert loaded.bom == data.startswith(BOM)
    assert not loaded.text.startswith("\ufeff") or data.startswith(BOM + BOM)
    assert loaded.encoding == "utf-8"
    assert loaded.size == len(data)
    assert loaded.sha256 == hashlib.sha256(data).hexdigest()
    assert loaded.mtime_ns is None
    assert loaded.path is None


@given(st.text().filter(lambda t: "\0" not in t), st.booleans())
def test_round_trip_property(text: str, bom: bool) -> None:
    data = (BOM if bom else b"") + text.encode("utf-8")
    assert decode(data).encode() == data


@given(st.binary(max_size=64))
def test_any_bytes_decode_or_raise_a_read_error(data: bytes) -> None:
    try:
        loaded = decode(data)
    except FileReadError:
        return
    assert loaded.encode() == data


def test_encode_new_text_keeps_the_bom() -> None:
    loaded = decode(BOM + b"old\r\n")
    assert loaded.text == "old\r\n"
    assert loaded.encode("new \U0001f98a\r\n") == BOM + "new \U0001f98a\r\n".encode()
    assert decode(b"old").encode("new") == b"new"


@pytest.mark.parametrize(
    ("data", "newline", "mixed"),
    [
        (b"", "\n", False),
        (b"one line", "\n", False),
        (b"a\nb\n", "\n", False),
        (b"a\r\nb\r\n", "\r\n", False),
        (b"a\rb\r", "\r", False),
        (b"a\r\nb\nc", "\r\n", True),
        (b"a\nb\r\n", "\n", True),
        (b"a\rb\n", "\r", True),
        (b"\r\n\r", "\r\n", True),
        (b"trailing cr\r", "\r", False),
    ],
)
def test_newline_style_and_mixed_newlines(data: bytes, newline: str, mixed: bool) -> None:
    loaded = decode(data)
    assert (loaded.newline, loaded.mixed_newlines) == (newline, mixed)
    assert loaded.text == data.decode()


def test_error_classes_and_codes() -> None:
    assert issubclass(FileReadError, PersonaStudioError)
    assert not issubclass(SaveError, FileReadError)
    assert issubclass(SaveError, PersonaStudioError)
    codes = {
        NotUtf8Error: "not-utf8",
        BinaryFileError: "binary-file",
        FileTooLargeError: "file-too-large",
        UnreadableFileError: "unreadable-file",
    }
    for cls, code in codes.items():
        assert issubclass(cls, FileReadError)
        assert cls.code == code


def test_not_utf8_names_line_byte_and_bad_bytes() -> None:
    data = b"line1\nline2\nab\xe9cd\n"
    with pytest.raises(NotUtf8Error) as info:
        decode(data, path="p.md")
    err = info.value
    assert (err.line, err.byte_offset) == (3, 14)
    message = str(err)
    assert message.startswith("p.md: ")
    assert "line 3" in message
    assert "byte 14" in message
    assert "0xE9" in message
    assert "UTF-8" in message and "re-save" in message


@pytest.mark.parametrize(
    ("data", "line", "offset"),
    [
        (b"a\r\nb\r\n\xff", 3, 6),
        (b"a\rb\r\xc3(", 3, 4),
        (BOM + b"ok\n\x80", 2, 6),
        (b"\xe2\x82", 1, 0),
    ],
)
def test_not_utf8_line_counting(data: bytes, line: int, offset: int) -> None:
    with pytest.raises(NotUtf8Error) as info:
        decode(data)
    assert (info.value.line, info.value.byte_offset) == (line, offset)
    assert f"0x{data[offset]:02X}" in str(info.value)


def test_surrogates_encoded_in_utf8_are_rejected() -> None:
    with pytest.raises(NotUtf8Error):
        decode(b"\xed\xa0\x80")


def test_nul_byte_is_binary() -> None:
    with pytest.raises(BinaryFileError) as info:
        decode(b"abc\ndef\0ghi")
    assert info.value.byte_offset == 7
    message = str(info.value)
    assert "NUL" in message and "line 2" in message and "byte 7" in message


def test_nul_is_checked_before_utf8() -> None:
    with pytest.raises(BinaryFileError):
        decode(b"\xff\0")


def test_utf16_gets_a_hint() -> None:
    with pytest.raises(BinaryFileError, match="UTF-16"):
        decode("hello".encode("utf-16"))


def test_decode_size_limit() -> None:
    decode(b"x" * 10, max_bytes=10)
    decode(b"x" * 10, max_bytes=None)
    with pytest.raises(FileTooLargeError) as info:
        decode(b"x" * 11, max_bytes=10)
    assert (info.value.size, info.value.limit) == (11, 10)
    assert "11 bytes" in str(info.value) and "10 bytes" in str(info.value)


# -------------------------------------------------------------------------------------- reading


def test_read_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(BOM + b"x\r\ny\r\n")
    loaded = read_text(path)
    assert loaded.path == str(path)
    assert loaded.text == "x\r\ny\r\n"
    assert loaded.bom and loaded.newline == "\r\n" and not loaded.mixed_newlines
    assert loaded.size == 9
    assert loaded.mtime_ns == path.stat().st_mtime_ns
    assert loaded.encode() == path.read_bytes()


def test_read_errors_carry_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(b"\xff")
    with pytest.raises(NotUtf8Error) as info:
        read_text(path)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError) as info:
        read_text(tmp_path / "nope.md")
    assert info.value.reason == "not-found"
    assert info.value.errno == errno.ENOENT
    assert "does not exist" in str(info.value)


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError) as info:
        read_text(tmp_path)
    assert info.value.reason == "folder"
    assert "folder" in str(info.value)


def test_dangling_symlink_says_where_it_points(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "gone.md")
    with pytest.raises(UnreadableFileError) as info:
        read_text(link)
    assert info.value.reason == "dangling-symlink"
    assert "gone.md" in str(info.value) and "link" in str(info.value)


def test_symlink_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_bytes(b"hi\n")
    (tmp_path / "link.md").symlink_to("real.md")
    assert read_text(tmp_path / "link.md").text == "hi\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path, alarm: None) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFileError) as info:
        read_text(fifo)
    assert info.value.reason == "special-file"
    assert "FIFO" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_swapped_in_after_stat_does_not_block(
    tmp_path: Path, alarm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if stat is fooled (a race), O_NONBLOCK and fstat keep the read from blocking."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    regular = tmp_path / "regular.md"
    regular.write_bytes(b"x")
    real_stat = os.stat

    def fake_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        return real_stat(regular if os.fspath(path) == str(fifo) else path, *args, **kwargs)

    monkeypatch.setattr(fileio.os, "stat", fake_stat)
    with pytest.raises(UnreadableFileError) as info:
        read_text(fifo)
    assert info.value.reason == "special-file"


def test_device_is_refused(alarm: None) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(UnreadableFileError) as info:
        read_text("/dev/zero")
    assert info.value.reason == "special-file"
    assert "device" in str(info.value)


def test_permission_denied_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(fileio.os, "open", refuse)
    with pytest.raises(UnreadableFileError) as info:
        read_text(path)
    assert info.value.reason == "permission-denied"
    assert "Permission denied" in str(info.value) and "read access" in str(info.value)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_read_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(UnreadableFileError) as info:
        read_text(path)
    assert info.value.reason == "permission-denied"


def test_other_os_error_uses_strerror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x")

    def fail(*args: object, **kwargs: object) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(fileio.os, "read", fail)
    with pytest.raises(UnreadableFileError) as info:
        read_text(path)
    assert info.value.reason == "os-error"
    assert os.strerror(errno.EIO) in str(info.value)


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as f:
        f.truncate(50_000_000)

    def no_read(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(fileio.os, "read", no_read)
    with pytest.raises(FileTooLargeError) as info:
        read_text(big)
    assert (info.value.size, info.value.limit) == (50_000_000, DEFAULT_MAX_BYTES)
    message = str(info.value)
    assert "50.0 MB" in message and "5.0 MB" in message
    assert "configurable" not in message  # the window has no such setting: no promise


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(FileTooLargeError, match=r"2\.0 kB.*1\.0 kB"):
        read_text(path, max_bytes=1000)
    assert read_text(path, max_bytes=2000).size == 2000


def test_binary_file_is_checked_before_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(BinaryFileError):
        read_text(path)


# --------------------------------------------------------------------------------------- saving


@pytest.fixture
def original(tmp_path: Path) -> Path:
    path = tmp_path / "persona.md"
    path.write_bytes(ORIGINAL)
    return path


def inject(monkeypatch: pytest.MonkeyPatch, at: str, error: OSError) -> None:
    def checkpoint(step: str) -> None:
        assert step in SAVE_STEPS
        if step == at:
            raise error

    monkeypatch.setattr(fileio, "_checkpoint", checkpoint)


def test_save_replaces_content(original: Path) -> None:
    atomic_write(original, NEW)
    assert original.read_bytes() == NEW
    assert files_in(original.parent) == ["persona.md"]


def test_save_steps_run_in_order(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(fileio, "_checkpoint", seen.append)
    atomic_write(original, NEW)
    assert tuple(seen) == SAVE_STEPS


def test_temporary_file_is_hidden_in_the_same_folder(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    during: list[str] = []

    def checkpoint(step: str) -> None:
        if step == "replace":
            during.extend(files_in(original.parent))

    monkeypatch.setattr(fileio, "_checkpoint", checkpoint)
    atomic_write(original, NEW)
    temps = [name for name in during if name != "persona.md"]
    assert len(temps) == 1
    assert temps[0].startswith(".persona.md.") and temps[0].endswith(".tmp")


@pytest.mark.parametrize("step", SAVE_STEPS[:-1])
def test_failure_at_each_step_leaves_the_original(
    original: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    inject(monkeypatch, step, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with pytest.raises(SaveError) as info:
        atomic_write(original, NEW)
    assert info.value.errno == errno.ENOSPC
    assert info.value.step == step
    assert original.read_bytes() == ORIGINAL
    assert files_in(original.parent) == ["persona.md"]


@pytest.mark.parametrize("step", SAVE_STEPS[:-1])
def test_failure_at_each_step_creates_no_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    inject(monkeypatch, step, OSError(errno.EIO, os.strerror(errno.EIO)))
    with pytest.raises(SaveError):
        save_text(tmp_path / "new.md", "text")
    assert files_in(tmp_path) == []


def test_failure_at_fsync_dir_is_ignored(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inject(monkeypatch, "fsync-dir", OSError(errno.EINVAL, os.strerror(errno.EINVAL)))
    atomic_write(original, NEW)
    assert original.read_bytes() == NEW
    assert files_in(original.parent) == ["persona.md"]


def test_interrupt_still_removes_the_temporary_file(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def checkpoint(step: str) -> None:
        if step == "fsync":
            raise KeyboardInterrupt

    monkeypatch.setattr(fileio, "_checkpoint", checkpoint)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(original, NEW)
    assert original.read_bytes() == ORIGINAL
    assert files_in(original.parent) == ["persona.md"]


def test_disk_full_message(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inject(monkeypatch, "write", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with pytest.raises(SaveError) as info:
        atomic_write(original, NEW)
    message = str(info.value)
    assert message.startswith(f"{original}: The disk is full")
    assert "nothing was changed" in message and "another place" in message
    assert "Save As" not in message  # the command line has no Save As: the window offers it


@pytest.mark.skipif(not hasattr(errno, "EDQUOT"), reason="no EDQUOT here")
def test_quota_message(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inject(monkeypatch, "write", OSError(errno.EDQUOT, os.strerror(errno.EDQUOT)))
    with pytest.raises(SaveError, match=r"The disk is full.*quota"):
        atomic_write(original, NEW)


def test_read_only_file_system_message(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inject(monkeypatch, "create", OSError(errno.EROFS, os.strerror(errno.EROFS)))
    with pytest.raises(SaveError, match="read-only") as info:
        atomic_write(original, NEW)
    assert info.value.errno == errno.EROFS


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM])
def test_permission_denied_names_the_folder(
    original: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(code, os.strerror(code), str(dst))

    monkeypatch.setattr(fileio.os, "replace", refuse)
    with pytest.raises(SaveError) as info:
        atomic_write(original, NEW)
    assert info.value.errno == code
    assert "Permission denied" in str(info.value)
    assert str(original.parent) in str(info.value)
    assert original.read_bytes() == ORIGINAL
    assert files_in(original.parent) == ["persona.md"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write any folder"
)
def test_save_permission_denied_for_real(original: Path) -> None:
    original.parent.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="Permission denied"):
            atomic_write(original, NEW)
    finally:
        original.parent.chmod(0o700)
    assert original.read_bytes() == ORIGINAL


def test_read_only_file_is_not_overwritten(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileio.os, "access", lambda path, mode: False)
    with pytest.raises(SaveError, match="read-only") as info:
        atomic_write(original, NEW)
    assert info.value.errno == errno.EACCES
    assert original.read_bytes() == ORIGINAL
    assert files_in(original.parent) == ["persona.md"]


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(SaveError, match="folder") as info:
        atomic_write(tmp_path / "dir.md", NEW)
    assert info.value.errno == errno.EISDIR
    assert files_in(tmp_path) == ["dir.md"]


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "persona.md"
    with pytest.raises(SaveError) as info:
        save_text(target, "x")
    assert info.value.errno == errno.ENOENT
    message = str(info.value)
    assert "does not exist" in message and str(tmp_path / "gone") in message
    assert files_in(tmp_path) == []


def test_other_error_uses_strerror(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inject(monkeypatch, "fsync", OSError(errno.EIO, os.strerror(errno.EIO)))
    with pytest.raises(SaveError) as info:
        atomic_write(original, NEW)
    assert os.strerror(errno.EIO) in str(info.value)
    assert info.value.errno == errno.EIO


def test_permissions_are_kept(original: Path) -> None:
    original.chmod(0o640)
    atomic_write(original, NEW)
    assert stat.S_IMODE(original.stat().st_mode) == 0o640
    original.chmod(0o604)
    atomic_write(original, ORIGINAL)
    assert stat.S_IMODE(original.stat().st_mode) == 0o604


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_file_mode_respects_umask(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        save_text(tmp_path / "new.md", "hello\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == mode
    assert (tmp_path / "new.md").read_bytes() == b"hello\n"


def test_symlink_is_followed(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "persona.md"
    target.write_bytes(ORIGINAL)
    target.chmod(0o640)
    link_dir = tmp_path / "links"
    link_dir.mkdir()
    link = link_dir / "persona.md"
    link.symlink_to(os.path.join("..", "real", "persona.md"))

    atomic_write(link, NEW)

    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("..", "real", "persona.md")
    assert target.read_bytes() == NEW
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert files_in(real_dir) == ["persona.md"]
    assert files_in(link_dir) == ["persona.md"]


def test_save_text_with_and_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    save_text(path, "x\r\n\U0001f98a", bom=True)
    assert path.read_bytes() == BOM + "x\r\n\U0001f98a".encode()
    loaded = read_text(path)
    assert loaded.bom and loaded.text == "x\r\n\U0001f98a"
    save_text(path, loaded.text)
    assert path.read_bytes() == "x\r\n\U0001f98a".encode()


def test_save_text_refuses_unencodable_text(original: Path) -> None:
    with pytest.raises(SaveError, match="UTF-8"):
        save_text(original, "bad \ud800 surrogate")
    assert original.read_bytes() == ORIGINAL


def test_open_then_save_unchanged_gives_the_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    data = BOM + b"---\r\nname: x\n---\rbody \xe2\x9c\x93"
    path.write_bytes(data)
    loaded = read_text(path)
    atomic_write(path, loaded.encode())
    assert path.read_bytes() == data
