"""End to end: the program leaves at once when its event loop ends (gui.app.leave: no teardown
of every widget) and loses nothing a user would miss: the settings changed during the session,
the window's layout written as it closed, and the recovery journal's entry for unsaved text.

The program runs as itself (`persona-studio gui FILE` through ``cli.main()`` with the process's
own arguments, the path that leaves early) in a subprocess, started by a driver that runs a
script inside the process once the window shows (as tests/e2e/test_kill_restore.py does).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import persona_studio

SRC = Path(persona_studio.__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parents[2] / "personas" / "backend.chatmode.md"

pytestmark = pytest.mark.slow

DRIVER = textwrap.dedent(
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
    sys.argv = ["persona-studio", "gui", *files]
    main()  # as the installed command calls it: leaves the process itself
    print("not left early", file=sys.stderr)
    sys.exit(3)
    """
)

# Types, and once the journal holds the unsaved text, changes two settings and ends the event
# loop with the window still open (as a session manager ending the program does).
TYPE_THEN_QUIT = textwrap.dedent(
    """
    from persona_studio.gui.window.settings import Settings

    tab = window.tab()
    tab.show_source()
    tab.source.setFocus()
    tab.source.textCursor().insertText("Typed before a quick exit")

    def written(_path):
        window.settings.set_zoom(3)
        window.settings.add_recent_file("/somewhere/else.agent.md")
        app.exit(0)  # unlike quit(), closes no window: nobody is asked about the text

    window.session().journalWritten.connect(written)
    """
)

# Closes the window the ordinary way: its layout is written as it closes, then the last window
# closed ends the event loop.
CLOSE = textwrap.dedent(
    """
    window.settings.set_default_target("claude-code")
    window.close()
    """
)


def run(tmp_path: Path, script: str, persona: Path) -> subprocess.CompletedProcess:
    script_path = tmp_path / "script.py"
    script_path.write_text(script, encoding="utf-8")
    driver_path = tmp_path / "driver.py"
    driver_path.write_text(DRIVER, encoding="utf-8")
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    env = dict(
        os.environ,
        PYTHONPATH=str(SRC),
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(home / "run"),
        PERSONA_STUDIO_DATA_DIR=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, str(driver_path), str(script_path), str(persona)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings(tmp_path: Path) -> dict[str, str]:
    """What the program's settings file holds, read with Qt from another process."""
    from PySide6.QtCore import QSettings

    (path,) = (tmp_path / "home" / "config").glob("*/*.conf")
    stored = QSettings(str(path), QSettings.Format.IniFormat)
    return {key: stored.value(key) for key in stored.allKeys()}


@pytest.fixture
def persona(tmp_path) -> Path:
    copy = tmp_path / "backend.chatmode.md"
    shutil.copyfile(SEED, copy)
    return copy


def test_settings_and_the_journal_written_in_the_session_survive_the_quick_exit(
    tmp_path, persona
) -> None:
    done = run(tmp_path, TYPE_THEN_QUIT, persona)

    assert done.returncode == 0, done.stderr
    stored = settings(tmp_path)
    assert str(stored["view/zoom"]) == "3"
    assert "/somewhere/else.agent.md" in stored["files/recent"]
    entries = list((tmp_path / "data" / "recovery").glob("*/*.json"))
    texts = [json.loads(path.read_text(encoding="utf-8"))["text"] for path in entries]
    assert any("Typed before a quick exit" in text for text in texts)
    assert persona.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")


def test_the_layout_written_as_the_window_closes_survives_the_quick_exit(tmp_path, persona) -> None:
    done = run(tmp_path, CLOSE, persona)

    assert done.returncode == 0, done.stderr
    stored = settings(tmp_path)
    assert stored["window/state"]  # the docks' layout, written in closeEvent
    assert stored["window/placement"]  # where the window was, for the next start
    assert stored["editing/default_target"] == "claude-code"
    # A clean close: nothing is left to recover.
    assert not list((tmp_path / "data" / "recovery").glob("*/*.json"))
