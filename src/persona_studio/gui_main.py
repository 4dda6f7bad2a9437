"""`persona-studio-gui`: the desktop program for launchers (menus, file managers, docks).

The same window as `persona-studio gui [FILE...]`, installed as a GUI script so that on Windows
it starts without a console; with no files it opens on the persona library, as `scripts/dev run`
does. Command-line use stays with `persona-studio`.
"""

from __future__ import annotations

import os
import sys

# The name of the installed .desktop file (packaging/linux/): on Wayland the window is matched
# to its menu entry and icon through it.
DESKTOP_FILE_NAME = "io.github.personastudio.PersonaStudio"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.stderr is None:  # pythonw and GUI launchers on Windows have no console to print to
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if not args:
        args = ["--library"]
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    from persona_studio.cli import leave_after_window
    from persona_studio.cli import main as cli_main

    code = cli_main(["gui", *args])
    if argv is None:  # the program itself: it ends at once once its window has closed
        leave_after_window(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
