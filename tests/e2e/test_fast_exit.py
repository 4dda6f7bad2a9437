"""End to end: the program leaves at once when its event loop ends (gui.app.leave: no teardown
of every widget) and loses nothing a user would miss: the settings changed during the session,
the window's layout written as it closed, and the recovery journal's entry for unsaved text.

The program runs as itself (`persona-studio gui FILE` through ``cli.main()`` with the process's
own arguments, the path that leaves early) in a subprocess, started by a driver that runs a
script inside the process once the window shows (as tests/e2e/test_kill_restore.py does).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from _program import MAIN_AS_INSTALLED, program_command

SEED = Path(__file__).resolve().parents[2] / "personas" / "backend.chatmode.md"

pytestmark = pytest.mark.slow


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
    command, env = program_command(tmp_path, script, persona, ending=MAIN_AS_INSTALLED)
    return subprocess.run(
        command,
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
