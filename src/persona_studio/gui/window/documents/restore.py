"""Offering back, at start, the unsaved documents of a program that crashed or was killed.

Each session writes its unsaved text to this program's recovery journal (core/files/journal.py);
`CrashRecovery.offer()` asks about what other, dead programs left there (the dialog is in
recovery.py, asked through the `Interaction`) and opens what the user restores as unsaved
documents.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.journal import JournalEntry
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.documents.tabs import Documents


class CrashRecovery:
    """`restored` hears of every document restored (to show its file's state)."""

    def __init__(
        self,
        context: AppContext,
        documents: Documents,
        *,
        restored: Callable[[DocumentSession], None],
    ) -> None:
        self.context = context
        self.documents = documents
        self._restored = restored

    def offer(self) -> int:
        """Offer back the unsaved documents of programs that crashed or were killed; return how
        many were restored. Entries left for later stay in the journal for the next start."""
        journal = self.context.journal
        if journal is None:
            return 0
        entries = journal.orphans()
        if not entries:
            journal.release()
            return 0
        from persona_studio.gui.window.documents.recovery import RESTORE  # with the dialog

        choices = self.context.interaction.recovery(entries)
        restored = 0
        if choices is not None:
            for entry in entries:
                choice = choices.get(entry.doc_id)
                if choice is None:
                    continue  # no answer: kept for the next start
                if choice == RESTORE:
                    self.restore_entry(entry)
                    restored += 1
                journal.forget(entry)
        journal.release()
        if restored:
            self.context.say(
                f"Restored {restored} document{'s' if restored != 1 else ''}: they are unsaved",
                8000,
            )
        return restored

    def restore_entry(self, entry: JournalEntry) -> DocumentSession:
        """Open a journal entry's text as an unsaved document (over its file's text, so Undo
        goes back to the file), in the tab of that file when it is open already."""
        session = None
        if entry.path is not None:
            session = next((s for s in self.documents.sessions() if s.path == entry.path), None)
            if session is not None:
                self.documents.show(session)
        if session is None:
            target = self.context.settings.default_target()
            try:
                if entry.path is None or not os.path.isfile(entry.path):
                    raise FileNotFoundError
                session = DocumentSession.open(entry.path, default_target=target)
            except (PersonaStudioError, FileNotFoundError):
                session = DocumentSession(entry.text, path=entry.path, default_target=target)
            self.documents.add_session(session)
        session.restore_from(entry)
        self.documents.retitle(session)
        self._restored(session)
        return session
