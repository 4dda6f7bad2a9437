"""A PNG of the window (``persona-studio gui --screenshot``), taken once everything pending has
been drawn: the docks at their first-start sizes, the current document linted, its preview
rendered and its form filled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from persona_studio.core.errors import PersonaStudioError
from persona_studio.gui.window.documents.tabs import Documents


class Screenshot:
    def __init__(
        self, window: QWidget, documents: Documents, *, size_docks: Callable[[], None]
    ) -> None:
        self.window = window
        self.documents = documents
        self._size_docks = size_docks

    def settle(self) -> None:
        """Finish every pending render and lint of the current document."""
        tab = self.documents.tab()
        QApplication.processEvents()
        self._size_docks()
        QApplication.processEvents()
        if tab is not None:
            if tab.session.diagnostics_outdated:  # linted on opening: not linted again
                tab.session.refresh_diagnostics()
            tab.preview.render_now()
            tab.structured.catch_up()
        QApplication.processEvents()

    def save(self, path: str) -> None:
        self.settle()
        # PNG quality 80 is lighter compression: as small a file here, in 30 ms instead of 50.
        if not self.picture().save(path, "PNG", 80):
            raise PersonaStudioError(f"cannot write the screenshot to {path}")

    def picture(self) -> QImage | QPixmap:
        """The window as drawn. Offscreen (the usual `--screenshot` run), the window's backing
        store already holds its last paint: that image itself is written, where painting every
        widget again into a pixmap (`grab`) takes some 50 ms and 5 MB more; the pixels are the
        same. On a real screen (or another backing store) the window is painted again: `grab`."""
        window = self.window
        if QGuiApplication.platformName() == "offscreen":
            store = window.backingStore()
            image = store.paintDevice() if store is not None else None
            if (
                isinstance(image, QImage)
                and image.size() == window.size() * image.devicePixelRatio()
            ):
                return image
        return window.grab()
