"""Running the program in a subprocess for end-to-end tests: `persona-studio gui FILE` started by
a small driver that runs a test's script once the window shows (with `window`, the MainWindow,
and `app` in its globals), in a home of its own, offscreen."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import persona_studio

SRC = Path(persona_studio.__file__).resolve().parent.parent

_DRIVER_HEAD = textwrap.dedent(
    """
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from persona_studio.cli import main
    from persona_studio.gui.window.main_window import MainWindow

    script_path, files = sys.argv[1], sys.argv[2:]
    with open(script_path, encoding="utf-8") as file:
        script = compile(file.read(), script_path, "exec")
    show = MainWindow.show

    def show_and_drive(window):
        show(window)
        scope = {"__name__": "__e2e__", "window": window, "app": QApplication.instance()}
        QTimer.singleShot(0, lambda: exec(script, scope))

    MainWindow.show = show_and_drive
    """
)

MAIN_WITH_ARGUMENTS = 'sys.exit(main(["gui", *files]))\n'
"""The driver's last line when the test holds the process: main() returns, the driver exits."""

MAIN_AS_INSTALLED = textwrap.dedent(
    """
    sys.argv = ["persona-studio", "gui", *files]
    main()  # as the installed command calls it: leaves the process itself
    print("not left early", file=sys.stderr)
    sys.exit(3)
    """
)
"""The driver's last lines when main() is called as the installed command calls it."""


def program_command(
    tmp_path: Path, script: str, persona: Path, *, ending: str, name: str = "script"
) -> tuple[list[str], dict[str, str]]:
    """The command and environment that run the program on ``persona`` with ``script``."""
    script_path = tmp_path / f"{name}.py"
    script_path.write_text(script, encoding="utf-8")
    driver_path = tmp_path / "driver.py"
    driver_path.write_text(_DRIVER_HEAD + ending, encoding="utf-8")
    return [sys.executable, str(driver_path), str(script_path), str(persona)], program_env(tmp_path)


def program_env(tmp_path: Path) -> dict[str, str]:
    """The environment of the program run as a process: this source tree, offscreen Qt, and a
    home, settings, cache and recovery journal of its own under ``tmp_path``."""
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    return dict(
        os.environ,
        PYTHONPATH=str(SRC),
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(home / "run"),
        PERSONA_STUDIO_DATA_DIR=str(tmp_path / "data"),
    )
