"""Saving a document: Save, Save As and the name Save As suggests.

Save never overwrites a file that changed on disk without asking (Overwrite, Compare or Cancel),
never writes over the personas installed with the program (it asks where instead), and when a
save fails it says why and offers Save As; the document stays dirty and journaled.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from persona_studio.core.catalog import load_catalog
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.readers.filekind import persona_stem
from persona_studio.core.resources import personas_dir, personas_dir_is_installed
from persona_studio.gui.editor.session import DocumentSession, SaveConflictError
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.interaction import COMPARE, OVERWRITE


class Saving:
    """Save and Save As for the documents of one window.

    `compare_with_disk` shows a document against its changed file (the Compare answer);
    `saved` hears of every document written."""

    def __init__(
        self,
        context: AppContext,
        *,
        compare_with_disk: Callable[[DocumentSession], None],
        saved: Callable[[DocumentSession], None],
    ) -> None:
        self.context = context
        self._compare_with_disk = compare_with_disk
        self._saved = saved

    def save(self, session: DocumentSession | None = None) -> bool:
        session = session or self.context.session()
        if session is None:
            return False
        if session.path is None or is_shipped(session.path):
            return self.save_as(session)
        return self._write(session, None)

    def save_as(self, session: DocumentSession | None = None) -> bool:
        session = session or self.context.session()
        if session is None:
            return False
        path = self.context.interaction.save_path(session, self.suggested_path(session))
        if not path:
            return False
        return self._write(session, path)

    def suggested_path(self, session: DocumentSession) -> str:
        """Where Save As starts: the document's folder (or the last one), a name made from its
        title, and the suffix of its kind or of the target the user picked."""
        target = load_catalog().target(session.target)
        title = session.snapshot.title
        base = persona_stem(session.display_name)
        if session.path is None and title is not None:
            base = title.title.split(":", 1)[-1].strip() or "persona"
        slug = "-".join("".join(c if c.isalnum() else " " for c in base.lower()).split())
        folder = (
            os.path.dirname(session.path)
            if session.path and not is_shipped(session.path)
            else self.context.settings.last_folder()
        )
        # The file keeps its kind's suffix, unless the user picked another target for it.
        kind = session.file_kind.spec
        keep = kind is not None and kind.suffix and session.chosen_target is None
        suffix = kind.suffix if keep else target.suffix
        return os.path.join(folder, f"{slug or 'persona'}{suffix}")

    def _write(self, session: DocumentSession, path: str | None) -> bool:
        interaction = self.context.interaction
        force = False
        while True:
            try:
                session.save(path, force=force)
                break
            except SaveConflictError:
                answer = interaction.save_conflict(session)
                if answer == OVERWRITE:
                    force = True
                else:
                    if answer == COMPARE:  # look first; the next Save asks again
                        self._compare_with_disk(session)
                    return False
            except PersonaStudioError as error:
                # Nothing on disk changed and the document stays dirty (and journaled).
                if interaction.save_failed(session, error):
                    return self.save_as(session)
                return False
        self.context.settings.add_recent_file(session.path or "")
        self.context.say(f"Saved {session.path}", 4000)
        self._saved(session)
        return True


def is_shipped(path: str) -> bool:
    """The copies installed with the program are never overwritten."""
    if not personas_dir_is_installed():
        return False
    shipped = os.path.realpath(personas_dir())
    return os.path.realpath(path).startswith(shipped + os.sep)
