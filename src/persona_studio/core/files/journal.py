"""The recovery journal: unsaved text kept beside the user's files, never over them.

Contract: standard library (and platformdirs) only, never Qt. Each running program owns one
*instance folder* under ``<data>/recovery/`` and holds an exclusive lock on its ``instance.lock``
for as long as it runs; the kernel drops the lock when the process dies, even on SIGKILL. Each
open document with unsaved changes has one JSON file in that folder (its text, the path it came
from, the stamp of the file as it was loaded, its encoding, BOM and newline style, timestamps),
written through :func:`~persona_studio.core.files.fileio.atomic_write`. A folder whose lock
nobody holds was left by a program that crashed or was killed: :meth:`Journal.orphans` claims it
(by taking its lock, so two programs starting together never both offer the same document) and
returns its entries. A clean exit removes the program's own folder.

The data folder is ``platformdirs.user_data_dir("persona-studio")``, or the folder named by the
environment variable ``PERSONA_STUDIO_DATA_DIR`` (tests point it at a temporary folder).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import stat
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.disk import DiskState, FileStamp, check_disk
from persona_studio.core.files.fileio import SaveError, atomic_write

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

DATA_DIR_ENV = "PERSONA_STUDIO_DATA_DIR"
FORMAT = 1
LOCK_NAME = "instance.lock"
SUFFIX = ".json"
DAMAGED = "damaged"


class JournalError(PersonaStudioError):
    """The recovery journal cannot be kept (its folder cannot be made or written)."""


# ------------------------------------------------------------------------------------ folders


def data_dir() -> Path:
    """The program's data folder (``PERSONA_STUDIO_DATA_DIR`` wins over the platform's)."""
    chosen = os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_data_dir("persona-studio", appauthor=False))


def recovery_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "recovery"


# ------------------------------------------------------------------------------------ entries


@dataclass(frozen=True)
class JournalEntry:
    """One document's unsaved text and what is needed to put it back exactly.

    ``text`` uses "\\n" line breaks (as the editor holds it); ``newline`` and ``bom`` say how the
    file writes it. ``stamp`` is the file as it was loaded (None for an untitled document).
    ``file`` is where the entry is stored (not serialized).
    """

    doc_id: str
    text: str
    path: str | None = None
    title: str | None = None
    stamp: FileStamp | None = None
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    target: str | None = None
    created: float = 0.0
    updated: float = 0.0
    pid: int = 0
    file: str | None = field(default=None, compare=False)

    @property
    def display_name(self) -> str:
        return os.path.basename(self.path) if self.path else "Untitled"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("file")
        data.pop("stamp")
        stamp = self.stamp
        data.update(
            format=FORMAT,
            loaded_size=stamp.size if stamp else None,
            loaded_mtime_ns=stamp.mtime_ns if stamp else None,
            loaded_sha256=stamp.sha256 if stamp else None,
        )
        return data

    @classmethod
    def from_json(cls, data: Any, file: str | None = None) -> JournalEntry:
        """Read an entry; raise ValueError when the data is not one."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a recovery journal entry of a known format")
        text, doc_id = data.get("text"), data.get("doc_id")
        if not isinstance(text, str) or not isinstance(doc_id, str) or not doc_id:
            raise ValueError("a journal entry needs a text and a doc_id")
        newline = data.get("newline", "\n")
        if newline not in ("\n", "\r\n", "\r"):
            raise ValueError(f"unknown newline {newline!r}")
        stamp = None
        if isinstance(data.get("loaded_sha256"), str):
            stamp = FileStamp(
                int(data.get("loaded_size") or 0),
                _int_or_none(data.get("loaded_mtime_ns")),
                data["loaded_sha256"],
            )
        path = data.get("path")
        if isinstance(path, str) and "\0" in path:
            raise ValueError("a path with a NUL byte")
        created, updated = float(data.get("created") or 0.0), float(data.get("updated") or 0.0)
        if not (math.isfinite(created) and math.isfinite(updated)):
            raise ValueError("a time that is not a number")
        return cls(
            doc_id=doc_id,
            text=text,
            path=path if isinstance(path, str) and path else None,
            title=_str_or_none(data.get("title")),
            stamp=stamp,
            encoding=str(data.get("encoding") or "utf-8"),
            bom=bool(data.get("bom", False)),
            newline=newline,
            target=_str_or_none(data.get("target")),
            created=created,
            updated=updated,
            pid=int(data.get("pid") or 0),
            file=file,
        )

    def disk_state(self) -> DiskState:
        """How the file on disk compares with the file as it was loaded before the crash."""
        return check_disk(self.path, self.stamp)[0]

    def disk_text(self) -> str | None:
        """The file's text now, with "\\n" line breaks (None if it cannot be read as text)."""
        if self.path is None:
            return None
        from persona_studio.core.files.fileio import read_text

        try:
            text = read_text(self.path).text
        except PersonaStudioError:
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _int_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def new_doc_id() -> str:
    """128 random bits as 32 hex digits (what `uuid4().hex` gave, without importing `uuid`
    and `platform` at start-up)."""
    return os.urandom(16).hex()


# ------------------------------------------------------------------------------------- locking


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on an open file without waiting; False if another holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif msvcrt is not None:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _open_lock(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)


# ------------------------------------------------------------------------------------- journal


class Journal:
    """This program's recovery journal (one per running program), and the claim on orphans."""

    def __init__(self, folder: Path, lock_fd: int) -> None:
        self.folder = folder
        self.root = folder.parent
        self._lock_fd: int | None = lock_fd
        self._claimed: dict[Path, int] = {}

    @classmethod
    def start(cls, base: Path | None = None) -> Journal:
        """Make and lock a new instance folder; JournalError when the data folder is unusable."""
        root = recovery_dir(base)
        folder = root / f"{os.getpid()}-{os.urandom(6).hex()}"
        try:
            root.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder.mkdir(mode=0o700)
            fd = _open_lock(folder / LOCK_NAME)
        except OSError as exc:
            raise JournalError(
                f"The recovery journal cannot be kept in {root} ({exc.strerror or exc}):"
                " unsaved changes will not survive a crash. Save often, or make that folder"
                " writable.",
            ) from exc
        if not _try_lock(fd):  # pragma: no cover - a fresh random name: nobody else has it
            os.close(fd)
            raise JournalError(f"The recovery folder {folder} is in use by another program")
        os.write(fd, json.dumps({"pid": os.getpid(), "started": time.time()}).encode())
        return cls(folder, fd)

    @property
    def active(self) -> bool:
        return self._lock_fd is not None

    # -- this program's entries -------------------------------------------------------------
    def entry_path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}{SUFFIX}"

    def write(self, entry: JournalEntry) -> JournalEntry:
        """Store an entry (atomically); SaveError when it cannot be written."""
        if not self.active:
            raise JournalError("the recovery journal is closed")
        now = time.time()
        entry = replace(
            entry, created=entry.created or now, updated=now, pid=entry.pid or os.getpid()
        )
        target = self.entry_path(entry.doc_id)
        # ASCII JSON: any text Qt can hold (a lone surrogate too) is stored and read back as it was.
        data = json.dumps(entry.to_json(), indent=1).encode("ascii")
        try:
            atomic_write(target, data)
        except SaveError as error:
            raise JournalError(
                f"The recovery journal could not be written ({error.message})", path=str(target)
            ) from error
        return replace(entry, file=str(target))

    def remove(self, doc_id: str) -> None:
        with contextlib.suppress(OSError):
            self.entry_path(doc_id).unlink()

    def entries(self) -> list[JournalEntry]:
        """This program's own entries (for tests and diagnostics)."""
        return _read_entries(self.folder, self.root)

    def close(self) -> None:
        """A clean exit: remove this program's folder and let go of every claim."""
        self.release()
        if self._lock_fd is None:
            return
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder)
        with contextlib.suppress(OSError):
            os.close(self._lock_fd)
        self._lock_fd = None

    # -- what crashed programs left ---------------------------------------------------------
    def orphans(self) -> list[JournalEntry]:
        """Entries of programs that are no longer running, oldest first, each claimed by this
        program until :meth:`release` (or the end of this program)."""
        found: list[JournalEntry] = []
        try:
            folders = sorted(p for p in self.root.iterdir() if p.is_dir())
        except OSError:
            return []
        for folder in folders:
            if folder == self.folder or folder.name == DAMAGED or folder in self._claimed:
                continue
            try:
                fd = _open_lock(folder / LOCK_NAME)
            except OSError:
                continue
            if not _try_lock(fd):  # its program is still running
                os.close(fd)
                continue
            self._claimed[folder] = fd
            found.extend(_read_entries(folder, self.root))
        return sorted(found, key=lambda entry: (entry.updated, entry.doc_id))

    def forget(self, entry: JournalEntry) -> None:
        """Delete a claimed orphan entry (after it was restored or discarded)."""
        if entry.file is None:
            return
        path = Path(entry.file)
        if path.parent not in self._claimed:
            raise JournalError(f"{path} was not claimed by this program")
        with contextlib.suppress(OSError):
            path.unlink()

    def release(self) -> None:
        """Let go of the claimed folders; empty ones are removed, the others stay for later."""
        for folder, fd in list(self._claimed.items()):
            if not any(folder.glob(f"*{SUFFIX}")):
                with contextlib.suppress(OSError):
                    shutil.rmtree(folder)
            with contextlib.suppress(OSError):
                os.close(fd)
            del self._claimed[folder]


def _read_entries(folder: Path, root: Path) -> list[JournalEntry]:
    entries = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith("."):
            continue  # a temporary file of an interrupted atomic write
        try:
            entry = JournalEntry.from_json(json.loads(_read_entry(path)), file=str(path))
        except Exception:
            # (OverflowError from "pid": 1e999, RecursionError from 200,000-deep JSON, ...)
            _set_aside(path, root)
            continue
        entries.append(entry)
    return entries


MAX_ENTRY_BYTES = 128_000_000
"""A journal file larger than this is damaged (a 5 MB document escapes to ~30 MB at most)."""


def _read_entry(path: Path) -> bytes:
    """The bytes of a regular journal file (a FIFO put there never blocks), size-limited."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            raise ValueError("not a regular journal file of a sensible size")
        with os.fdopen(os.dup(fd), "rb") as file:
            return file.read(MAX_ENTRY_BYTES + 1)
    finally:
        os.close(fd)


def _set_aside(path: Path, root: Path) -> None:
    """A damaged entry is moved to ``recovery/damaged`` (kept, never offered, never deleted)."""
    damaged = root / DAMAGED
    with contextlib.suppress(OSError):
        damaged.mkdir(exist_ok=True, mode=0o700)
        os.replace(path, damaged / f"{path.parent.name}-{path.name}")
