"""Re-check a document when a file it refers to appears, vanishes or changes.

The core says what to watch (``workspace.watched_paths``: the file's folder, the folders its
links point into, the workspace's agent and skill folders and files); this object keeps a
``QFileSystemWatcher`` on them and calls ``changed`` once things settle, so that a handoff to
an agent that was just created, or a link to a file that was just deleted, is re-checked without
a key press.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from persona_studio.core.document import Document
from persona_studio.core.readers.links import body_links
from persona_studio.core.readers.workspace import watched_paths

SETTLE_MS = 300  # one re-check for a burst of changes (a checkout, a save through a temp file)


class ReferenceWatch(QObject):
    def __init__(self, changed: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Held weakly: the watch is its session's child and must not keep the session alive.
        self._changed = weakref.WeakMethod(changed)  # type: ignore[arg-type]
        self._watcher: QFileSystemWatcher | None = None
        self._watched: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self._key: tuple | None = None  # the path and links last followed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._fire)

    def follow(
        self, path: str | None, document: Document, links: tuple[str, ...] | None = None
    ) -> None:
        """Watch what ``document`` at ``path`` refers to (nothing for an unsaved document). Cheap
        when neither the path nor the body's links changed since the last call. `links`: the
        body's links as written (`written_links`), when a worker found them already."""
        if links is None:
            links = written_links(document)
        key = (path, links)
        if key == self._key:
            return
        self._key = key
        if path is None:
            folders: set[str] = set()
            files: set[str] = set()
        else:
            folders, files = watched_paths(path, document)
        wanted = (frozenset(folders), frozenset(files))
        if wanted == self._watched:
            return
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.directoryChanged.connect(self._soon)
            self._watcher.fileChanged.connect(self._soon)
        old = set(self._watcher.directories()) | set(self._watcher.files())
        new = folders | files
        if old - new:
            self._watcher.removePaths(sorted(old - new))
        if new - old:
            self._watcher.addPaths(sorted(new - old))
        self._watched = wanted

    def watched(self) -> tuple[frozenset[str], frozenset[str]]:
        return self._watched

    def _soon(self, _path: str) -> None:
        self._timer.start()

    def _fire(self) -> None:
        self._watched = (frozenset(), frozenset())  # look again: folders may have come or gone
        self._key = None
        changed = self._changed()
        if changed is not None:
            changed()


def written_links(document: Document) -> tuple[str, ...]:
    """The targets of the body's links as written: what `follow` compares (a scan of the whole
    body, which the session makes on its worker for a long text)."""
    return tuple(link.written for link in body_links(document))
