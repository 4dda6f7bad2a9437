"""Reading persona files: bytes to text with size limits, and the typed errors a user can meet
while reading (each message says what happened and what to do). Standard library only, never Qt.

``decode(data).encode() == data`` for every valid UTF-8 input: the BOM is remembered and newlines
are left in the text untouched. Saving is in ``fileio``."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass, replace
from typing import ClassVar

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.digest import sha256

StrPath = str | os.PathLike[str]

DEFAULT_MAX_BYTES = 5_000_000
"""Files larger than this are refused before they are read (configurable per call)."""

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
    text, bom = _decoded(data, path, max_bytes)
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


def _decoded(data: bytes, path: str | None, max_bytes: int | None) -> tuple[str, bool]:
    """The text of a file's bytes and whether they start with a BOM (not part of the text)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLargeError(size=len(data), limit=max_bytes, path=path)
    nul = data.find(b"\0")
    if nul >= 0:
        utf16 = data.startswith(_UTF16_BOMS)
        raise BinaryFileError(line=_line_at(data, nul), byte_offset=nul, utf16=utf16, path=path)
    bom = data.startswith(_BOM)
    start = len(_BOM) if bom else 0
    try:
        return data[start:].decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        raise NotUtf8Error(
            line=_line_at(data, offset),
            byte_offset=offset,
            bad=data[offset : start + exc.end],
            reason=exc.reason,
            path=path,
        ) from None


def read_text(path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read and decode a file, refusing folders, FIFOs, devices and files over ``max_bytes``.

    Order of checks: existence, link and type; size (from ``stat``, before reading); read; NUL
    bytes; UTF-8. The file is opened with ``O_NONBLOCK`` and checked again with ``fstat``, so a
    FIFO swapped in at the last moment cannot block the program.
    """
    name = os.fspath(path)
    data, info = _read_bytes(name, max_bytes)
    return replace(decode(data, path=name, max_bytes=max_bytes), mtime_ns=info.st_mtime_ns)


def read_text_only(path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[str, bool]:
    """``read_text``'s text and BOM, with the same checks and errors, without the rest of what
    a save needs (the digest of the bytes, their newline styles): what a batch lint reads."""
    name = os.fspath(path)
    return _decoded(_read_bytes(name, max_bytes)[0], name, max_bytes)


def _read_bytes(name: str, max_bytes: int | None) -> tuple[bytes, os.stat_result]:
    try:
        _check_openable(os.stat(name), name, max_bytes)
        fd = os.open(name, _READ_FLAGS)
        try:
            info = os.fstat(fd)
            _check_openable(info, name, max_bytes)
            return _read_at_most(fd, None if max_bytes is None else max_bytes + 1), info
        finally:
            os.close(fd)
    except OSError as exc:
        raise _unreadable(exc, name) from exc


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
