"""Files dropped on the window open as documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


class FileDrop(QObject):
    """Watches `widget` for drags of local files; a drop opens them with `open_files` once the
    drop is over (so no dialog opens inside the drag and drop)."""

    def __init__(self, widget: QWidget, open_files: Callable[[Iterable[str]], None]) -> None:
        super().__init__(widget)
        self._open_files = open_files
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent):
            self.drag_enter(event)
            return True
        if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
            self.drop(event)
            return True
        return super().eventFilter(watched, event)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self._open_files(paths))
