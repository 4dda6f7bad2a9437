"""When one open document's unsaved text goes to the recovery journal: about a second after the
last edit, at least every few seconds while the user types on, and at once on save, reload,
restore or a file gone from disk. The writing (and its fsync) runs off the GUI thread while the
user types; writes and removals stay in order.

The keeper holds no text: it asks its owner (the session, its Qt parent) for the entry and
whether anything is unsaved, so the session stays the only owner of the text. It holds its owner
by a weak reference: a reference cycle between the two would keep every closed document alive
until a full garbage collection, which then frees them at a moment nobody chose.
"""

from __future__ import annotations

import time
import weakref
from typing import Protocol, cast

from PySide6.QtCore import QObject, QTimer, SignalInstance

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.journal import Journal, JournalEntry
from persona_studio.core.files.opened import OpenedFile
from persona_studio.gui.editor.background import Background

JOURNAL_DELAY_MS = 1000  # the recovery journal is written this long after the last edit
JOURNAL_MAX_WAIT_S = 5.0  # ... and at least this often while the user keeps typing


class JournalOwner(Protocol):
    """What the keeper asks of the document it keeps (DocumentSession), and the signals it
    emits there: ``journalWritten`` (the journal file) and ``journalFailed`` (a message)."""

    journalWritten: SignalInstance
    journalFailed: SignalInstance

    @property
    def needs_saving(self) -> bool: ...

    def journal_entry(self) -> JournalEntry: ...


class JournalKeeper(QObject):
    """Keeps one document's journal entry up to date; a failure is said once (the owner's
    ``journalFailed``) until a write succeeds again."""

    def __init__(self, file: OpenedFile, owner: QObject) -> None:
        super().__init__(owner)
        self._file = file
        self._owner = weakref.ref(owner)
        self.journal: Journal | None = None
        self._failed = False
        self._pending_since: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(JOURNAL_DELAY_MS)
        self._timer.timeout.connect(self.write_in_background)
        self._queue: Background | None = None

    def attach(self, journal: Journal | None) -> None:
        """Keep unsaved text in `journal` from now on (None: stop, leaving no entry behind)."""
        if journal is self.journal:
            return
        self.close()
        self.journal = journal
        self.update_now()

    def edited(self) -> None:
        """The text changed: write soon, or now when the user has typed on for a while."""
        if self.journal is None:
            return
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        if now - self._pending_since > JOURNAL_MAX_WAIT_S:
            self.write_in_background()  # the user types on without a pause: write now and then
        else:
            self._timer.start()

    def update_now(self) -> None:
        if self.journal is not None:
            self.write()

    def write(self) -> None:
        """Write the journal entry now (or remove it when there is nothing unsaved)."""
        self._timer.stop()
        self._pending_since = None
        journal = self.journal
        owner = self._owner()
        if journal is None or not journal.active or owner is None:
            return
        self._wait()
        document = cast(JournalOwner, owner)
        if not document.needs_saving:
            journal.remove(self._file.doc_id)
            return
        try:
            written = journal.write(document.journal_entry())
        except PersonaStudioError as error:
            self._done(None, error)
            return
        self._done(written, None)

    def write_in_background(self) -> None:
        """`write` while the user types: the writing off the GUI thread."""
        journal = self.journal
        document = cast(JournalOwner | None, self._owner())
        if journal is None or not journal.active or document is None or not document.needs_saving:
            self.write()
            return
        self._timer.stop()
        self._pending_since = None
        entry = document.journal_entry()
        if self._queue is None:
            self._queue = Background(self)
        self._queue.submit(lambda _job: journal.write(entry), self._done)

    def _done(self, written: JournalEntry | None, error: BaseException | None) -> None:
        owner = cast(JournalOwner | None, self._owner())
        if self.journal is None or owner is None:
            return  # closed meanwhile (and its entry removed)
        if error is not None:
            if not isinstance(error, PersonaStudioError):
                raise error
            if not self._failed:  # said once, not every second
                self._failed = True
                owner.journalFailed.emit(str(error))
            return
        assert written is not None
        self._failed = False
        self._file.journal_written(written)
        owner.journalWritten.emit(written.file or "")

    def _wait(self) -> None:
        if self._queue is not None:
            self._queue.wait()

    def close(self) -> None:
        """The document is closed on purpose: its journal entry goes away."""
        self._timer.stop()
        self._wait()
        if self.journal is not None:
            self.journal.remove(self._file.doc_id)
        self.journal = None
