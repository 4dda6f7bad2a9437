"""A file as a document last saw it, and how the file on disk compares with that.

Contract: standard library only, never Qt. A :class:`FileStamp` identifies the bytes of a file
(size, modification time, SHA-256); :func:`check_disk` compares the file at a path with a stamp
and says whether it is unchanged, changed, missing or unreadable. :class:`SaveConflictError` is
what a save raises instead of overwriting a file that changed on disk since it was read.
"""

from __future__ import annotations

import enum
import os
import stat
from dataclasses import dataclass

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.digest import sha256
from persona_studio.core.files.fileio import LoadedText


class DiskState(enum.Enum):
    """How a document's file compares with the file as the document last loaded or saved it."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"  # other bytes than the ones loaded
    MISSING = "missing"  # deleted, renamed away, or replaced by a folder
    UNREADABLE = "unreadable"  # there, but cannot be read now (permissions, I/O error)
    UNSAVED = "unsaved"  # the document has no file yet


@dataclass(frozen=True)
class FileStamp:
    """What identifies the bytes of a file: size, modification time and SHA-256."""

    size: int
    mtime_ns: int | None
    sha256: str

    @classmethod
    def of_loaded(cls, loaded: LoadedText) -> FileStamp:
        return cls(loaded.size, loaded.mtime_ns, loaded.sha256)

    @classmethod
    def of_bytes(cls, data: bytes, mtime_ns: int | None = None) -> FileStamp:
        return cls(len(data), mtime_ns, sha256(data).hexdigest())


class SaveConflictError(PersonaStudioError):
    """Save refused: the file on disk is not the one the document read (or last saved).

    Nothing was written. ``state`` is the :class:`DiskState` found (CHANGED, or MISSING and
    UNREADABLE for a save that asked for the file to be there as it was read); saving again on
    purpose (``force=True``) overwrites it.
    """

    def __init__(self, path: str, state: DiskState) -> None:
        if state is DiskState.CHANGED:
            message = (
                "The file changed on disk since you opened it (another program or person saved"
                " it). Saving now would overwrite those changes: compare the two first, or"
                " overwrite on purpose."
            )
        elif state is DiskState.MISSING:
            message = (
                "The file is gone from disk since it was read (deleted, moved or renamed), so"
                " it was not written again: save it on purpose if you still want it there."
            )
        else:
            message = (
                "The file cannot be read now, so whether it changed since it was read is"
                " unknown; it was not written. Check its permissions and try again."
            )
        super().__init__(message, path=path)
        self.state = state


def check_disk(path: str | None, stamp: FileStamp | None) -> tuple[DiskState, FileStamp | None]:
    """Compare the file at ``path`` with ``stamp``; return the state and the file's stamp now.

    A different size means changed without reading; otherwise the bytes are hashed, so a file
    that was only touched (same bytes, new time) counts as unchanged and one rewritten within
    the same clock tick with the same size is still caught.
    """
    if path is None:
        return DiskState.UNSAVED, None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return DiskState.MISSING, None
    except (OSError, ValueError):  # ValueError: a path with a NUL byte names no file
        return DiskState.UNREADABLE, None
    if not stat.S_ISREG(info.st_mode):
        return DiskState.MISSING, None
    if stamp is not None and info.st_size != stamp.size:
        return DiskState.CHANGED, FileStamp(info.st_size, info.st_mtime_ns, "")
    try:
        digest = _hash_file(path)
    except OSError:
        return DiskState.UNREADABLE, None
    now = FileStamp(info.st_size, info.st_mtime_ns, digest)
    if stamp is None or digest != stamp.sha256:
        return DiskState.CHANGED, now
    return DiskState.UNCHANGED, now


def _hash_file(path: str) -> str:
    digest = sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()
