"""Moving an open document's file, for the quick fix that renames a chat mode to an agent.

The file is written at its new place through the session's save (the same atomic save as every
save: the new file appears whole or not at all), then the old file is removed. One rename can be
undone from the Edit menu ("Undo Rename"), which moves the file back the same way. Nothing is
overwritten: a file already at the new place stops the rename before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from persona_studio.core.errors import PersonaStudioError
from persona_studio.gui.editor.session import DocumentSession


class FileRename(QObject):
    def __init__(
        self,
        parent: QObject,
        *,
        done: Callable[[DocumentSession, str], None],
        show_error: Callable[[str, str], None],
    ) -> None:
        super().__init__(parent)
        self._done = done
        self._show_error = show_error
        self._last: tuple[DocumentSession, str, str] | None = None
        self.undo_action = QAction("Undo Rename", self)
        self.undo_action.setEnabled(False)
        self.undo_action.setStatusTip("Move the file back to where it was before the last rename")
        self.undo_action.triggered.connect(self.undo)

    def rename(self, session: DocumentSession | None, new_path: str) -> bool:
        """Move ``session``'s file to ``new_path``; False (with a message) when it cannot."""
        if session is None or session.path is None:
            return False
        old_path = session.path
        if not self._move(session, old_path, os.path.abspath(new_path)):
            return False
        self._last = (session, old_path, session.path or new_path)
        self.undo_action.setText(f"Undo Rename to {os.path.basename(new_path)}")
        self.undo_action.setEnabled(True)
        return True

    def undo(self) -> bool:
        if self._last is None:
            return False
        session, old_path, new_path = self._last
        if session.path != new_path:  # closed, or saved elsewhere since: nothing to undo
            self._forget()
            return False
        moved = self._move(session, new_path, old_path)
        if moved:
            self._forget()
        return moved

    def _forget(self) -> None:
        self._last = None
        self.undo_action.setText("Undo Rename")
        self.undo_action.setEnabled(False)

    def _move(self, session: DocumentSession, source: str, destination: str) -> bool:
        if os.path.lexists(destination):
            self._show_error(
                "Cannot Rename",
                f"{destination} already exists. Nothing was moved; rename or remove that file "
                "first.",
            )
            return False
        try:
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            session.save(destination)
        except (OSError, PersonaStudioError) as error:
            message = error.message if isinstance(error, PersonaStudioError) else str(error)
            self._show_error("Cannot Rename", f"{destination} could not be written: {message}")
            return False
        try:
            os.remove(source)
        except OSError as error:
            self._show_error(
                "Renamed, But the Old File Stays",
                f"The persona is now {destination}, but {source} could not be removed "
                f"({error.strerror or error}). Remove it yourself.",
            )
        self._done(session, destination)
        return True
