"""Bytes <-> text for persona files, with size limits and atomic saves.

Contract: standard library only, never Qt. Reading decodes UTF-8 once and remembers what is needed
to give the same bytes back (BOM; newlines are left in the text untouched), so
``decode(data).encode() == data`` for every valid UTF-8 input. Every problem a user can meet is a
typed exception whose message says what happened and what to do. Saving writes a temporary file
in the target's folder and renames it over the target, so the original is either fully replaced
or left byte-identical.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.digest import sha256

StrPath = str | os.PathLike[str]

DEFAULT_MAX_BYTES = 5_000_000
"""Files larger than this are refused before they are read (configurable per call)."""

SAVE_STEPS = (
    "create",
    "write",
    "flush",
    "fsync",
    "chown",
    "chmod",
    "check",
    "replace",
    "fsync-dir",
)
"""The steps of :func:`atomic_write`, in order; :func:`_checkpoint` is called before each."""

_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


# ---------------------------------------------------------------------------------------- errors


class FileReadError(PersonaStudioError):
    """A file could not be opened as a persona; ``code`` is the matching lint rule name."""

    code: ClassVar[str] = "unreadable-file"


class NotUtf8Error(FileReadError):
    """The bytes are not valid UTF-8 (``line`` is 1-based, ``byte_offset`` 0-based)."""

    code: ClassVar[str] = "not-utf8"

    def __init__(
        self, *, line: int, byte_offset: int, bad: bytes, reason: str, path: str | None = None
    ) -> None:
        shown = " ".join(f"0x{b:02X}" for b in bad[:4])
        super().__init__(
            f"This file is not valid UTF-8: line {line}, byte {byte_offset} from the start of the"
            f" file has {shown} ({reason}). It was probably saved in another encoding (such as"
            " Windows-1252 or Latin-1); re-save it as UTF-8 in your editor and open it again.",
            path=path,
        )
        self.line = line
        self.byte_offset = byte_offset


class BinaryFileError(FileReadError):
    """The bytes contain NUL, so this is not a text file (or it is UTF-16/32)."""

    code: ClassVar[str] = "binary-file"

    def __init__(
        self, *, line: int, byte_offset: int, utf16: bool, path: str | None = None
    ) -> None:
        hint = (
            "It looks like UTF-16 text: re-save it as UTF-8 and open it again."
            if utf16
            else "Persona files are plain UTF-8 text; check that you chose the right file."
        )
        super().__init__(
            f"This looks like a binary file, not text: it contains a NUL byte at line {line},"
            f" byte {byte_offset} from the start of the file. {hint}",
            path=path,
        )
        self.line = line
        self.byte_offset = byte_offset


class FileTooLargeError(FileReadError):
    """The file is larger than the size limit; it was not read."""

    code: ClassVar[str] = "file-too-large"

    def __init__(self, *, size: int, limit: int, path: str | None = None, hint: str = "") -> None:
        super().__init__(
            f"The file is {_human_size(size)}, larger than the {_human_size(limit)} limit for"
            " persona files, so it was not opened. Check that this is the file you meant"
            + (f"; {hint}." if hint else "."),
            path=path,
        )
        self.size = size
        self.limit = limit


class UnreadableFileError(FileReadError):
    """The file cannot be opened at all.

    ``reason`` is one of ``"not-found"``, ``"dangling-symlink"``, ``"folder"``,
    ``"special-file"`` (FIFO, socket, device), ``"permission-denied"`` or ``"os-error"``.
    """

    code: ClassVar[str] = "unreadable-file"

    def __init__(
        self, message: str, *, reason: str, path: str | None = None, errno: int | None = None
    ) -> None:
        super().__init__(message, path=path)
        self.reason = reason
        self.errno = errno


class SaveError(PersonaStudioError):
    """A save failed; the original file is unchanged and no temporary file is left behind."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        errno: int | None = None,
        step: str | None = None,
    ) -> None:
        super().__init__(message, path=path)
        self.errno = errno
        self.step = step


# --------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class LoadedText:
    """Decoded text plus what is needed to write the same bytes back.

    ``text`` has no BOM and keeps its newlines exactly; ``newline`` is the first newline found
    (``"\\n"`` when there is none); ``sha256`` is the hex digest of the raw bytes.
    """

    path: str | None
    text: str
    encoding: str
    bom: bool
    newline: str
    mixed_newlines: bool
    size: int
    mtime_ns: int | None
    sha256: str

    def encode(self, text: str | None = None) -> bytes:
        """Return this text (or ``text``) as bytes, with the same BOM as the original."""
        return _encode(self.text if text is None else text, bom=self.bom)


def decode(
    data: bytes, *, path: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> LoadedText:
    """Decode the bytes of a persona file; raise a :class:`FileReadError` if they are not text."""
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLargeError(size=len(data), limit=max_bytes, path=path)
    nul = data.find(b"\0")
    if nul >= 0:
        utf16 = data.startswith(_UTF16_BOMS)
        raise BinaryFileError(line=_line_at(data, nul), byte_offset=nul, utf16=utf16, path=path)
    bom = data.startswith(_BOM)
    start = len(_BOM) if bom else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        raise NotUtf8Error(
            line=_line_at(data, offset),
            byte_offset=offset,
            bad=data[offset : start + exc.end],
            reason=exc.reason,
            path=path,
        ) from None
    crlf = text.count("\r\n")
    kinds = (crlf, text.count("\n") - crlf, text.count("\r") - crlf)
    return LoadedText(
        path=path,
        text=text,
        encoding="utf-8",
        bom=bom,
        newline=_first_newline(text),
        mixed_newlines=sum(1 for n in kinds if n) > 1,
        size=len(data),
        mtime_ns=None,
        sha256=sha256(data).hexdigest(),
    )


def read_text(path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read and decode a file, refusing folders, FIFOs, devices and files over ``max_bytes``.

    Order of checks: existence, link and type; size (from ``stat``, before reading); read; NUL
    bytes; UTF-8. The file is opened with ``O_NONBLOCK`` and checked again with ``fstat``, so a
    FIFO swapped in at the last moment cannot block the program.
    """
    name = os.fspath(path)
    try:
        _check_openable(os.stat(name), name, max_bytes)
        fd = os.open(name, _READ_FLAGS)
        try:
            info = os.fstat(fd)
            _check_openable(info, name, max_bytes)
            data = _read_at_most(fd, None if max_bytes is None else max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _unreadable(exc, name) from exc
    return replace(decode(data, path=name, max_bytes=max_bytes), mtime_ns=info.st_mtime_ns)


def _check_openable(info: os.stat_result, name: str, max_bytes: int | None) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError(
            "This is a folder, not a file: open a persona file inside it instead.",
            reason="folder",
            path=name,
            errno=errno.EISDIR,
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(
            f"This is a {_special_kind(info.st_mode)}, not a regular file, so it was not opened:"
            " choose a persona file (a .md text file) instead.",
            reason="special-file",
            path=name,
        )
    if max_bytes is not None and info.st_size > max_bytes:
        raise FileTooLargeError(size=info.st_size, limit=max_bytes, path=name)


def _unreadable(exc: OSError, name: str) -> UnreadableFileError:
    if isinstance(exc, FileNotFoundError) and os.path.islink(name):
        try:
            where = os.readlink(name)
        except OSError:
            where = "a missing file"
        return UnreadableFileError(
            f"This is a symbolic link to {where}, which does not exist (it was moved or deleted):"
            " fix or remove the link, or open the file where it is now.",
            reason="dangling-symlink",
            path=name,
            errno=exc.errno,
        )
    if isinstance(exc, FileNotFoundError):
        message = "The file does not exist: it may have been moved, renamed or deleted."
        reason = "not-found"
    elif isinstance(exc, PermissionError):
        message = (
            "Permission denied: you are not allowed to read this file. Ask its owner for read"
            " access, or open a copy you can read."
        )
        reason = "permission-denied"
    elif isinstance(exc, IsADirectoryError):
        message = "This is a folder, not a file: open a persona file inside it instead."
        reason = "folder"
    else:
        message = f"The file could not be read: {exc.strerror or exc}."
        reason = "os-error"
    return UnreadableFileError(message, reason=reason, path=name, errno=exc.errno)


def _read_at_most(fd: int, limit: int | None) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while limit is None or total < limit:
        chunk = os.read(fd, 1 << 20 if limit is None else min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _line_at(data: bytes, offset: int) -> int:
    """1-based line of ``offset``, counting LF, CRLF and lone CR as line ends."""
    head = data[:offset]
    return 1 + head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n")


def _first_newline(text: str) -> str:
    for i, char in enumerate(text):
        if char == "\n":
            return "\n"
        if char == "\r":
            return "\r\n" if text.startswith("\n", i + 1) else "\r"
    return "\n"


def _human_size(size: float) -> str:
    if size < 1000:
        return f"{int(size)} bytes"
    for unit in ("kB", "MB", "GB"):
        size /= 1000
        if round(size, 1) < 1000:
            return f"{size:.1f} {unit}"
    return f"{size / 1000:.1f} TB"


def _encode(text: str, *, bom: bool) -> bytes:
    return (_BOM if bom else b"") + text.encode("utf-8")


# ---------------------------------------------------------------------------------------- saving


def _checkpoint(step: str) -> None:
    """Called before each step in :data:`SAVE_STEPS`; tests replace it to inject failures."""


def save_text(path: StrPath, text: str, *, bom: bool = False) -> None:
    """Save ``text`` as UTF-8 (with a BOM if asked) through :func:`atomic_write`."""
    try:
        data = _encode(text, bom=bom)
    except UnicodeEncodeError as exc:
        raise SaveError(
            f"The text has a character that cannot be saved as UTF-8 (at character {exc.start});"
            " nothing was changed. Delete or retype that character and save again.",
            path=os.fspath(path),
        ) from None
    atomic_write(path, data)


def atomic_write(path: StrPath, data: bytes, *, check: Callable[[], None] | None = None) -> None:
    """Replace the file at ``path`` with ``data``, all or nothing.

    A symbolic link is followed: the link stays and its final target is replaced. The data goes
    to a hidden temporary file in the target's folder, is flushed and fsynced, gets the target's
    owner, group and permission bits (or ``0o666 & ~umask`` for a new file), and is renamed over
    the target. ``check``, when given, is called just before the rename (after the slow steps),
    so that a file changed on disk meanwhile is refused: whatever it raises propagates and
    nothing is changed.

    Two cases are written in place instead, after a backup copy is made beside the file: a file
    with hard links (a rename would split them, leaving the other names with the old text) and a
    file whose owner or group this process cannot give to a new file (a rename would change
    them). If the in-place write fails, the original bytes are put back from the backup.

    On any failure the temporary file is removed, the original is left byte-identical and
    :class:`SaveError` is raised. A failure of the last step, fsyncing the folder, happens after
    the new content is in place: it is ignored (best effort, some platforms refuse it).
    """
    name = os.fspath(path)
    target = os.path.realpath(name)
    folder, base = os.path.split(target)
    tmp: str | None = None
    step = "create"
    try:
        _checkpoint(step)
        info = _target_info(target, name)
        if info is not None and _needs_in_place(info):
            _write_in_place(target, name, data, check)
            return
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
        with open(fd, "wb") as file:
            step = "write"
            _checkpoint(step)
            file.write(data)
            step = "flush"
            _checkpoint(step)
            file.flush()
            step = "fsync"
            _checkpoint(step)
            os.fsync(file.fileno())
        step = "chown"
        _checkpoint(step)
        if info is not None:
            _give_owner(tmp, info)
        step = "chmod"
        _checkpoint(step)
        os.chmod(tmp, mode)  # after chown, which may clear setuid/setgid bits
        step = "check"
        _checkpoint(step)
        if check is not None:
            check()
        step = "replace"
        _checkpoint(step)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _save_error(exc, name, folder, step) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    try:
        _checkpoint("fsync-dir")
        _fsync_folder(folder)
    except OSError:
        pass


def _target_info(target: str, name: str) -> os.stat_result | None:
    """The target's stat (None for a new file); refuse a folder, a special or read-only file."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise SaveError(
            "This is a folder, not a file: nothing was changed. Choose a file name to save to.",
            path=name,
            errno=errno.EISDIR,
            step="create",
        )
    if not stat.S_ISREG(info.st_mode):
        raise SaveError(
            f"This is a {_special_kind(info.st_mode)}, not a regular file, so nothing was"
            " written to it. Choose a file name to save to.",
            path=name,
            step="create",
        )
    if not os.access(target, os.W_OK):
        raise SaveError(
            "Permission denied: the file is read-only, so nothing was changed. Make it writable,"
            " or save a copy in another place.",
            path=name,
            errno=errno.EACCES,
            step="create",
        )
    return info


def _needs_in_place(info: os.stat_result) -> bool:
    """Whether a rename would lose something: other hard links, or the owner or group."""
    if info.st_nlink > 1:
        return True
    if not hasattr(os, "chown"):  # pragma: no cover - Windows has no owners to keep this way
        return False
    if os.geteuid() == 0:
        return False
    if info.st_uid != os.geteuid():
        return True
    return info.st_gid != os.getegid() and info.st_gid not in os.getgroups()


def _give_owner(tmp: str, info: os.stat_result) -> None:
    """Give the temporary file the target's owner and group (they differ only when a new file
    gets other ones: root saving another user's file, or a group the folder did not give)."""
    if not hasattr(os, "chown"):  # pragma: no cover
        return
    now = os.stat(tmp)
    if (now.st_uid, now.st_gid) != (info.st_uid, info.st_gid):
        os.chown(tmp, info.st_uid, info.st_gid)


def _write_in_place(target: str, name: str, data: bytes, check: Callable[[], None] | None) -> None:
    """Overwrite the target's bytes (same inode: hard links, owner, group and mode stay), after
    a backup copy; put the backup's bytes back if the write fails."""
    folder, base = os.path.split(target)
    backup: str | None = None
    step = "create"
    written = False
    try:
        fd, backup = tempfile.mkstemp(prefix=f".{base}.", suffix=".bak", dir=folder)
        with open(fd, "wb") as copy, open(target, "rb") as source:
            shutil.copyfileobj(source, copy)
            copy.flush()
            os.fsync(copy.fileno())
        step = "check"
        _checkpoint(step)
        if check is not None:
            check()
        step = "write"
        with open(target, "r+b") as file:
            written = True
            _checkpoint(step)
            file.write(data)
            file.truncate()
            step = "flush"
            _checkpoint(step)
            file.flush()
            step = "fsync"
            _checkpoint(step)
            os.fsync(file.fileno())
    except OSError as exc:
        if written and backup is not None and not _put_back(backup, target):
            kept, backup = backup, None
            raise SaveError(
                f"The file could not be saved ({exc.strerror or exc}) and its old content could"
                f" not be put back: it is kept in {kept}. Copy it back before anything else.",
                path=name,
                errno=exc.errno,
                step=step,
            ) from exc
        raise _save_error(exc, name, folder, step) from exc
    finally:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)


def _put_back(backup: str, target: str) -> bool:
    try:
        with open(backup, "rb") as source, open(target, "r+b") as file:
            shutil.copyfileobj(source, file)
            file.truncate()
            file.flush()
            os.fsync(file.fileno())
    except OSError:
        return False
    return True


def _umask() -> int:
    """The process umask, read without changing it where the platform allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _save_error(exc: OSError, name: str, folder: str, step: str) -> SaveError:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        quota = " (your disk quota is used up)" if code != errno.ENOSPC else ""
        message = (
            f"The disk is full{quota}: the file could not be saved, and nothing was changed;"
            " free some space, or save it in another place."
        )
    elif code == errno.EROFS:
        message = (
            "The file system is read-only: the file could not be saved, and nothing was changed;"
            " save it in another place."
        )
    elif code in (errno.EACCES, errno.EPERM):
        message = (
            f"Permission denied: you cannot write in the folder {folder}, so nothing was changed;"
            " save it in another place, or ask for write access to the folder."
        )
    elif isinstance(exc, IsADirectoryError):
        message = "This is a folder, not a file: nothing was changed. Choose a file name instead."
    elif not os.path.isdir(folder):
        message = (
            f"The folder {folder} does not exist (it may have been moved or deleted), so the"
            " file was not saved; save it in another folder."
        )
    else:
        message = (
            f"The file could not be saved: {exc.strerror or exc}. Nothing was changed;"
            " try again, or save it in another place."
        )
    return SaveError(message, path=name, errno=code, step=step)
