"""A closed document goes away at once: nothing the session owns (its file, its journal keeper)
refers back to it, so reference counting frees it and no full garbage collection is needed (one
would free many closed documents at a moment nobody chose, see gui/window/memory.py)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent

from persona_studio.core.files.journal import Journal
from persona_studio.gui.editor.session import DocumentSession


def test_a_deleted_session_is_freed_without_a_garbage_collection(qapp, tmp_path):
    journal = Journal.start(tmp_path)
    gc.disable()
    try:
        session = DocumentSession("# Title\n")
        session.attach_journal(journal)
        session.text_document.setPlainText("# Title\n\nUnsaved.\n")
        session.write_journal()
        session.journalWritten.connect(lambda _file: None)
        freed = weakref.ref(session)
        session.close_journal()
        session.deleteLater()
        del session
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        assert freed() is None
    finally:
        gc.enable()
        journal.close()
