"""The file behind one open document: where it lives, how its bytes are written, and a save that
never overwrites a file that changed on disk since it was read.

Contract: standard library only, never Qt. An :class:`OpenedFile` binds a document to its file:
the path, the encoding, BOM and newline style it was read with, the
:class:`~persona_studio.core.files.disk.FileStamp` of the bytes read or last saved, the disk
state last found, and what the recovery journal needs (the document's id, the target the user
chose). It holds no text: the editor that owns the text (a QTextDocument in the GUI, a string in
the command line) hands it to :meth:`OpenedFile.save`, and :meth:`OpenedFile.reload` hands the
file's text back.

The texts :meth:`~OpenedFile.save` takes and :meth:`~OpenedFile.reload` and
:meth:`~OpenedFile.disk_text` give use "\\n" line breaks only, as an editor holds them; the file's
newline style and BOM are put back on save. A caller whose text keeps the file's own line breaks
(the command line) saves with ``keep_newlines=True``.

Every save goes through :func:`~persona_studio.core.files.fileio.atomic_write`. Saving over the
bound file first compares the file with the stamp: if another program changed it,
:class:`~persona_studio.core.files.disk.SaveConflictError` is raised and nothing is written,
unless the caller forces the save.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import replace

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.disk import DiskState, FileStamp, SaveConflictError, check_disk
from persona_studio.core.files.fileio import (
    DEFAULT_MAX_BYTES,
    FileReadError,
    LoadedText,
    SaveError,
    atomic_write,
    decode,
    read_text,
)
from persona_studio.core.files.journal import JournalEntry, new_doc_id

ENCODING = "utf-8"


def to_model_text(text: str) -> str:
    """The text as an editor holds it: "\\n" line breaks only."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


class OpenedFile:
    """The file of one open document (no file yet when ``path`` is None: an untitled one).

    ``loaded`` is the file as read, when the caller read it; given a path without it, the stamp
    is taken from the file as it is now. ``newline`` is the line break an untitled document (or
    one given without ``loaded``) writes. ``target`` is the target the user chose (None: the
    file decides); ``default_target`` is the one an untitled document is linted against.
    """

    def __init__(
        self,
        path: str | None = None,
        loaded: LoadedText | None = None,
        *,
        newline: str = "\n",
        target: str | None = None,
        default_target: str | None = None,
    ) -> None:
        self._path = os.path.abspath(path) if path else None
        self._loaded = loaded
        self._newline = loaded.newline if loaded is not None else newline
        self._bom = loaded.bom if loaded is not None else False
        self._mixed_newlines = loaded.mixed_newlines if loaded is not None else False
        self._stamp: FileStamp | None = None
        if loaded is not None and path:
            self._stamp = FileStamp.of_loaded(loaded)
        elif self._path is not None:  # given a path but not its bytes: the file as it is now
            self._stamp = check_disk(self._path, None)[1]
        self._state = DiskState.UNCHANGED if self._path else DiskState.UNSAVED
        self._seen_on_disk: FileStamp | None = None  # the last changed version reported
        self.doc_id = new_doc_id()
        self.target_choice = target
        self.default_target = default_target
        self._journal_created = 0.0

    @classmethod
    def open(cls, path: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> OpenedFile:
        """Read a file with its stamp; file errors propagate (FileReadError)."""
        return cls(path, read_text(path, max_bytes=max_bytes))

    @classmethod
    def as_read(cls, path: str, text: str, *, bom: bool = False) -> OpenedFile:
        """The file as it was read earlier into ``text`` (decoded by fileio, newlines as they
        were): decoding gives back exactly the bytes read, so the stamp is theirs and a save
        refuses a file that changed since, without reading the file a second time."""
        data = (codecs.BOM_UTF8 if bom else b"") + text.encode(ENCODING)
        return cls(path, decode(data, path=os.path.abspath(path), max_bytes=None))

    # -- the binding ---------------------------------------------------------------------------
    @property
    def path(self) -> str | None:
        return self._path

    @property
    def loaded(self) -> LoadedText | None:
        """The file as last read or saved (None for an untitled document)."""
        return self._loaded

    @property
    def display_name(self) -> str:
        return os.path.basename(self._path) if self._path else "Untitled"

    @property
    def encoding(self) -> str:
        return ENCODING

    @property
    def newline(self) -> str:
        return self._newline

    @property
    def bom(self) -> bool:
        return self._bom

    @property
    def mixed_newlines(self) -> bool:
        return self._mixed_newlines

    @property
    def stamp(self) -> FileStamp | None:
        """The file as this document loaded or last saved it (None when untitled)."""
        return self._stamp

    @property
    def state(self) -> DiskState:
        """The state found by the last check (or save, reload, restore)."""
        return self._state

    def lint_target(self) -> str | None:
        """The target the user chose for this document; an untitled one takes the default target
        (a saved file is read as its name, place and settings say)."""
        if self.target_choice:
            return self.target_choice
        return self.default_target if self._path is None else None

    # -- saving --------------------------------------------------------------------------------
    def encode(self, text: str, *, keep_newlines: bool = False, path: str | None = None) -> bytes:
        """The editor's text as the file holds it: the file's newline style and BOM. With
        ``keep_newlines`` the text's line breaks are the file's own and stay as they are."""
        if self._newline != "\n" and not keep_newlines:
            text = text.replace("\n", self._newline)
        try:
            data = text.encode(ENCODING)
        except UnicodeEncodeError as exc:
            raise SaveError(
                f"The text has a character that cannot be saved as UTF-8 (at character"
                f" {exc.start}); nothing was changed. Delete or retype that character and save"
                " again.",
                path=path or self._path,
            ) from None
        return (codecs.BOM_UTF8 + data) if self._bom else data

    def save(
        self,
        text: str,
        path: str | None = None,
        *,
        force: bool = False,
        missing_ok: bool = True,
        keep_newlines: bool = False,
    ) -> bool:
        """Save the text atomically (to ``path`` for Save As); return whether the document's
        path changed. ``keep_newlines``: see :meth:`encode`.

        Saving over the bound file first checks that the file is still the one it read: if
        another program changed it, SaveConflictError is raised and nothing is written, unless
        ``force``. A deleted file is written again, unless ``missing_ok`` is False: then a file
        that is gone or cannot be read is a conflict too. SaveError propagates (nothing changed).
        """
        target = self._target(path)
        self._refuse_conflict(target, force=force, missing_ok=missing_ok)
        data = self.encode(text, keep_newlines=keep_newlines, path=target)
        # Checked again by the save itself, just before the file is replaced: a change made
        # while the new bytes were being written is caught too.
        return self._write(
            target,
            data,
            check=lambda: self._refuse_conflict(target, force=force, missing_ok=missing_ok),
        )

    def _target(self, path: str | None) -> str:
        target = os.path.abspath(path) if path else self._path
        if target is None:
            raise ValueError("an untitled document needs a path: use Save As")
        return target

    def _refuse_conflict(self, target: str, *, force: bool, missing_ok: bool) -> None:
        if force or target != self._path:
            return
        state, _ = check_disk(target, self._stamp)
        refused = state is DiskState.CHANGED or (
            not missing_ok and state in (DiskState.MISSING, DiskState.UNREADABLE)
        )
        if refused:
            self._state = state
            raise SaveConflictError(target, state)

    def _write(self, target: str, data: bytes, check: Callable[[], None] | None = None) -> bool:
        atomic_write(target, data, check=check)
        # The stamp is that of the bytes written, not of a second read: a change another program
        # makes right after this save is then caught, never taken for this save's own bytes.
        mtime = _mtime_ns(target)
        self._stamp = FileStamp.of_bytes(data, mtime)
        try:
            loaded = replace(decode(data, path=target, max_bytes=None), mtime_ns=mtime)
        except FileReadError:  # a NUL in the text: written as it is, not text to read back
            self._mixed_newlines = False
        else:
            self._loaded = loaded
            self._mixed_newlines = loaded.mixed_newlines
        moved = target != self._path
        self._path = target
        self._state = DiskState.UNCHANGED
        return moved

    def reload(
        self, *, path: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
    ) -> str | None:
        """Read the file again and take its newline style, BOM and stamp; return its text with
        "\\n" line breaks (None for an untitled document). FileReadError propagates.

        ``path``: the file was moved there by another part of the program (a workspace rename):
        read it from there and bind to it from now on (nothing changes when reading fails)."""
        if path is not None:
            loaded = read_text(os.path.abspath(path), max_bytes=max_bytes)
            self._path = os.path.abspath(path)
            return self._take(loaded)
        if self._path is None:
            return None
        return self._take(read_text(self._path, max_bytes=max_bytes))

    def _take(self, loaded: LoadedText) -> str:
        self._loaded = loaded
        self._stamp = FileStamp.of_loaded(loaded)
        self._newline, self._bom = loaded.newline, loaded.bom
        self._mixed_newlines = loaded.mixed_newlines
        self._state = DiskState.UNCHANGED
        return to_model_text(loaded.text)

    # -- the file on disk ----------------------------------------------------------------------
    def disk_state(self) -> DiskState:
        """Compare the file on disk with the file as this document loaded or saved it (the
        state is not remembered; a file only touched takes its new time)."""
        state, now = check_disk(self._path, self._stamp)
        if state is DiskState.UNCHANGED and now is not None:
            self._stamp = now  # a touched file: same bytes, newer time
        return state

    def check(self) -> tuple[DiskState, bool]:
        """:meth:`disk_state`, remembered in :attr:`state`. Also return whether a changed file
        changed again (another version than the one this check found last time)."""
        state, now = check_disk(self._path, self._stamp)
        if state is DiskState.UNCHANGED and now is not None:
            self._stamp = now
        again = state is DiskState.CHANGED and now != self._seen_on_disk
        self._seen_on_disk = now if state is DiskState.CHANGED else None
        self._state = state
        return state, again

    def keep_mine(self) -> DiskState:
        """The user saw that the file changed on disk and keeps this text: the next save
        overwrites that version without asking (a later change on disk is caught again)."""
        state, _ = check_disk(self._path, self._stamp)
        if state is DiskState.CHANGED and self._path is not None:
            self._stamp = FileStamp.of_bytes(_read_bytes(self._path), _mtime_ns(self._path))
        self._state = DiskState.UNCHANGED if state is DiskState.CHANGED else state
        return self._state

    def disk_text(self) -> str | None:
        """The file's text on disk now ("\\n" line breaks), or None if it cannot be read."""
        if self._path is None:
            return None
        try:
            return to_model_text(read_text(self._path).text)
        except PersonaStudioError:
            return None

    # -- the recovery journal ------------------------------------------------------------------
    def journal_entry(self, text: str, title: str | None = None) -> JournalEntry:
        """The entry that puts ``text`` (the editor's, "\\n" line breaks) back into this file."""
        return JournalEntry(
            doc_id=self.doc_id,
            text=text,
            path=self._path,
            title=title,
            stamp=self._stamp,
            encoding=ENCODING,
            bom=self._bom,
            newline=self._newline,
            target=self.target_choice,
            created=self._journal_created,
        )

    def journal_written(self, entry: JournalEntry) -> None:
        """The journal stored ``entry``: later entries keep its creation time."""
        self._journal_created = entry.created

    def restore(self, entry: JournalEntry) -> None:
        """Take a journal entry's newline style, BOM, target and, for this same file, its loaded
        stamp (so that a file changed on disk since is caught on save). The caller puts the
        entry's text in its editor and then calls :meth:`check`."""
        self._newline, self._bom = entry.newline, entry.bom
        if entry.path is not None and entry.path == self._path:
            self._stamp = entry.stamp
        if entry.target:
            self.target_choice = entry.target


def _mtime_ns(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return b""
