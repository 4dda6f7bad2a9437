"""What the program keeps in memory from its start that nobody uses (each check runs in a
fresh interpreter: the test process has imported everything already)."""

from __future__ import annotations

import os
import subprocess
import sys

SOURCES_SCRIPT = """
import enum, linecache, traceback
import persona_studio.gui.app
import persona_studio.gui.window.main_window
print(sorted(linecache.cache))
try:
    enum.Enum("Colour", "RED")(7)
except ValueError as error:  # the traceback reads enum.py's lines again
    print("raise ve_exc" in "".join(traceback.format_exception(error)))
"""


def run(script: str, tmp_path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_no_source_lines_are_kept_from_importing_pyside(tmp_path):
    """PySide's import hook reads module sources (enum.py: 2,000 lines) while shiboken6 is
    imported; the window lets them go. Tracebacks still show their lines."""
    cached, traceback_line = run(SOURCES_SCRIPT, tmp_path)
    assert cached == "[]"
    assert traceback_line == "True"
