"""Bytes <-> text for persona files, with size limits and atomic saves.

Contract: standard library only, never Qt. Reading decodes UTF-8 once and remembers what is needed
to give the same bytes back (BOM; newlines are left in the text untouched), so
``decode(data).encode() == data`` for every valid UTF-8 input. Every problem a user can meet is a
typed exception whose message says what happened and what to do. Saving writes a temporary file
in the target's folder and renames it over the target, so the original is either fully replaced
or left byte-identical.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable

from persona_studio.core.errors import PersonaStudioError

# The reading half, re-exported: callers import reading and saving from here.
from persona_studio.core.files.reading import (
    DEFAULT_MAX_BYTES,
    BinaryFileError,
    FileReadError,
    FileTooLargeError,
    LoadedText,
    NotUtf8Error,
    StrPath,
    UnreadableFileError,
    _encode,
    _special_kind,
    decode,
    read_text,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SAVE_STEPS",
    "BinaryFileError",
    "FileReadError",
    "FileTooLargeError",
    "LoadedText",
    "NotUtf8Error",
    "SaveError",
    "StrPath",
    "UnreadableFileError",
    "atomic_write",
    "decode",
    "read_text",
    "save_text",
]

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
