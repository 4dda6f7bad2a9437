"""Starting the desktop program."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from PySide6.QtCore import QCoreApplication, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from persona_studio import __version__
from persona_studio.cli.terminal import escape_line
from persona_studio.core.readers.filekind import is_persona_file
from persona_studio.core.resources import personas_dir, resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from persona_studio.gui.window.interaction import Interaction

SCREENSHOT_SIZE = (1400, 900)

# True once run()'s event loop has ended: the process may then leave at once (leave()).
event_loop_ended = False


_QUIET = ("This plugin does not support propagateSizeHints()",)


def _message_handler(mode: QtMsgType, context: object, message: str) -> None:
    """Qt's own chatter (the offscreen plugin's notes) stays out of the user's terminal."""
    if message in _QUIET or mode == QtMsgType.QtDebugMsg:
        return
    print(message, file=sys.stderr)


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_message_handler)
        QCoreApplication.setOrganizationName("Persona Studio")
        QCoreApplication.setApplicationName("persona-studio")
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationDisplayName("Persona Studio")
        app.setDesktopFileName("io.github.personastudio.PersonaStudio")
        icon = resource_path("icons", "persona-studio.svg")
        if icon.is_file():
            app.setWindowIcon(window_icon(str(icon)))
    return app  # type: ignore[return-value]


def window_icon(path: str) -> QIcon:
    """The program's icon, drawn from its SVG file at any size. The SVG is read only when the
    icon is first drawn (by the window manager, for the title bar): Qt's SVG icon engine and
    library take about 1 MB, which a window without decorations (offscreen) never needs."""
    from PySide6.QtCore import Qt

    from persona_studio.gui.icons import painted_icon

    svg: list[QIcon] = []

    def paint(painter: QPainter, rect: QRectF, mode: QIcon.Mode) -> None:
        if not svg:
            svg.append(QIcon(path))
        svg[0].paint(painter, rect.toRect(), Qt.AlignmentFlag.AlignCenter, mode)

    return painted_icon(paint, "persona-studio-window")


def first_library_persona() -> str:
    names = sorted(n for n in os.listdir(personas_dir()) if is_persona_file(n))
    return os.path.join(personas_dir(), names[0])


def run(files: list[str], *, screenshot: str | None = None, library: bool = False) -> int:
    """Show the window with `files` open; with `screenshot`, save a PNG of it and exit."""
    app = application()
    from persona_studio.gui.theme import ThemeManager
    from persona_studio.gui.window.main_window import MainWindow

    themes = ThemeManager(_theme_preference(), app)
    themes.apply_to_application()
    window = MainWindow(themes, remember_layout=screenshot is None, recovery=screenshot is None)
    problems: list[str] = []
    if screenshot is not None:
        # Nobody is there to answer a dialog: a message is printed, and the run exits 2.
        window.interaction = unattended(window.interaction, problems)
        window.resize(*SCREENSHOT_SIZE)
        files = files or [first_library_persona()]
    window.open_files(files)
    if screenshot is not None and problems:
        for session in window.sessions():
            session.text_document.setModified(False)
        window.close()
        return 2
    if library and not files:
        window.library_dock.raise_()
    window.show()
    if screenshot is None:
        # Once the window shows: offer back what a crashed or killed program left unsaved.
        QTimer.singleShot(0, window.offer_recovery)
    if screenshot is not None:
        result = {"code": 0}

        def take() -> None:
            try:
                window.screenshot(screenshot)
            except Exception as error:  # reported as a one-line message, exit 2
                print(f"persona-studio: {error}", file=sys.stderr)
                result["code"] = 2
            for session in window.sessions():
                session.text_document.setModified(False)
            window.close()
            app.quit()

        QTimer.singleShot(0, take)
        app.exec()
        _ended()
        return result["code"]
    code = app.exec()
    _ended()
    return code


def _ended() -> None:
    global event_loop_ended
    event_loop_ended = True


def leave(code: int) -> NoReturn:
    """End the process now that the event loop has ended, without tearing down every widget,
    Qt object and module one by one (PySide6's exit handler deletes the application and every
    widget it holds: a tenth of a second for nothing). First what would be lost otherwise is
    put away: the workers' jobs ended as deleting them would end them, the settings written,
    the other exit handlers run, the logs and the standard streams flushed."""
    import atexit
    import logging
    import threading

    from PySide6 import QtCore

    from persona_studio.gui.editor.background import finish_all

    finish_all()
    join_threads = getattr(threading, "_shutdown", None)  # what the interpreter does first
    if join_threads is not None:
        join_threads()  # Python's own threads (none of the program's), as at a normal exit
    QtCore.QSettings().sync()
    teardown = getattr(QtCore, "__moduleShutdown", None)
    if teardown is not None:
        atexit.unregister(teardown)
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):  # closed, or nobody reads it
                stream.flush()
    os._exit(code)


def unattended(interaction: Interaction, problems: list[str]) -> Interaction:
    """An interaction that never opens a dialog (``--screenshot`` runs with nobody to answer):
    an error is printed on stderr as one line and kept in ``problems``; a question gets the
    answer that changes nothing (cancel, no file, decide later)."""
    from persona_studio.gui.window import interaction as asking

    class Unattended(type(interaction)):  # type: ignore[misc]
        def show_error(self, title: str, message: str) -> None:
            line = escape_line(" ".join(f"{title}: {message}".split()))
            problems.append(line)
            print(f"persona-studio: {line}", file=sys.stderr)

        def save_changes(self, session: Any) -> str:
            return asking.DISCARD

        def save_conflict(self, session: Any) -> str:
            return asking.CANCEL

        def save_failed(self, session: Any, error: Any) -> bool:
            self.show_error("The file was not saved", str(error))
            return False

        def save_path(self, session: Any, suggested: str) -> str | None:
            return None

        def open_paths(self, folder: str) -> list[str]:
            return []

        def library_persona(self, names: list[str]) -> str | None:
            return None

        def line_number(self, current: int, count: int) -> int | None:
            return None

        def recovery(self, entries: list[Any]) -> dict[str, str] | None:
            return None

        def preferences(self, settings: Any) -> bool:
            return False

        def show_diff(self, title: str, diff: str, summary: str = "") -> None:
            return None

        def open_diff_window(self, session: Any) -> bool:
            return True

        def show_about(self) -> None:
            return None

    quiet = Unattended.__new__(Unattended)
    quiet.__dict__.update(interaction.__dict__)
    return quiet


def _theme_preference() -> str:
    from persona_studio.gui.window.settings import Settings

    return Settings().theme()
