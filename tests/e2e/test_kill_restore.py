"""End to end: the real program types into a document, is killed with SIGKILL, starts again and
gives the text back exactly.

The program runs in a subprocess (offscreen), started by a small driver (tests/_program.py) that
runs the real command line, `persona-studio gui FILE`, and once the window shows runs a script
inside the process: the first one types through the real source editor and writes what the
document holds; the second one answers the real recovery dialog (Restore is the default) and
writes what the restored document holds. The program itself has no test hook: the driver wraps
the window's ``show`` to schedule the script.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from _program import MAIN_WITH_ARGUMENTS, program_command

SEED = Path(__file__).resolve().parents[2] / "personas" / "backend.chatmode.md"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

TYPE_SCRIPT = textwrap.dedent(
    """
    import json, os, time
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    def publish(data):
        out = os.environ["E2E_OUT"]
        with open(out + ".part", "w", encoding="utf-8") as file:
            json.dump(data, file)
        os.replace(out + ".part", out)

    def type_text():
        tab = window.tab()
        if tab is None:
            QTimer.singleShot(50, type_text)
            return
        tab.show_source()
        editor = tab.source
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QTest.keyClicks(editor, "Typed before the crash")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        editor.insertPlainText("Non-ASCII: caf\\u00e9 \\u2713 \\U0001f98a")  # as a paste does
        session = window.session()
        publish({"text": session.text(), "dirty": session.is_dirty, "time": time.time()})

    QTimer.singleShot(0, type_text)
    """
)

RESTORE_SCRIPT = textwrap.dedent(
    """
    import json, os
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    from persona_studio.gui.window.documents.recovery import RecoveryDialog

    seen = {}

    def publish(data):
        out = os.environ["E2E_OUT"]
        with open(out + ".part", "w", encoding="utf-8") as file:
            json.dump(data, file)
        os.replace(out + ".part", out)

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(50, answer)
            return
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel)]
        seen["choices"] = dialog.choices()
        dialog.continue_button.click()  # Restore is chosen for each document by default
        QTimer.singleShot(50, report)

    def report():
        session = window.session()
        if session is None or not session.is_dirty:
            QTimer.singleShot(50, report)
            return
        publish({
            "text": session.text(),
            "dirty": session.is_dirty,
            "path": session.path,
            "tabs": window.tabs.count(),
            **seen,
        })

    QTimer.singleShot(0, answer)
    """
)


def start(tmp_path: Path, script: str, out: Path, persona: Path) -> subprocess.Popen:
    command, env = program_command(
        tmp_path, script, persona, ending=MAIN_WITH_ARGUMENTS, name=f"script-{out.stem}"
    )
    env["E2E_OUT"] = str(out)
    return subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(condition, process: subprocess.Popen, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"the program ended while waiting for {what}: {err.decode()[-2000:]}")
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def journal_texts(data: Path) -> list[str]:
    return [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for path in (data / "recovery").glob("*/*.json")
    ]


def kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)


def test_sigkill_then_restart_restores_the_exact_text(tmp_path):
    persona = tmp_path / "backend.chatmode.md"
    shutil.copyfile(SEED, persona)
    original = persona.read_bytes()
    data = tmp_path / "data"

    typed_out = tmp_path / "typed.json"
    first = start(tmp_path, TYPE_SCRIPT, typed_out, persona)
    try:
        typed = wait_for(lambda: read_json(typed_out), first, "the typing script")
        assert typed["dirty"]
        assert typed["text"].endswith("\nTyped before the crash\nNon-ASCII: café ✓ 🦊")
        # The journal follows about a second after the last edit, never sooner.
        if time.time() - typed["time"] < 0.8:
            assert journal_texts(data) == []
        wait_for(lambda: typed["text"] in journal_texts(data), first, "the journal", 10)
        assert time.time() - typed["time"] >= 0.9
    finally:
        kill(first)
    assert first.returncode == -signal.SIGKILL
    assert persona.read_bytes() == original  # the user's file was never written

    restored_out = tmp_path / "restored.json"
    second = start(tmp_path, RESTORE_SCRIPT, restored_out, persona)
    try:
        restored = wait_for(lambda: read_json(restored_out), second, "the restore script")
    finally:
        kill(second)
    assert restored["text"] == typed["text"]
    assert restored["dirty"] is True
    assert restored["path"] == str(persona)
    assert restored["tabs"] == 1  # restored into the tab of the file opened on the command line
    assert list(restored["choices"].values()) == ["restore"]
    assert "The file on disk is as it was when you started editing." in restored["labels"]
    assert persona.read_bytes() == original
