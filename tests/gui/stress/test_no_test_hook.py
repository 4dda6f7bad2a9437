"""The program runs no script a test names (issue 21, item 9: `gui/app.py` executed any file
named by PERSONA_STUDIO_TEST_SCRIPT). Tests drive the window through their own code (pytest
fixtures, the end-to-end driver), never through a hook in the product."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import persona_studio

PACKAGE = Path(persona_studio.__file__).resolve().parent


def test_no_module_reads_a_test_script_variable_or_runs_code_from_a_file() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "TEST_SCRIPT" in source:
            found.append(f"{path.name}: mentions TEST_SCRIPT")
        for node in ast.walk(ast.parse(source)):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id in ("exec", "eval", "compile"):
                found.append(f"{path.name}:{node.lineno}: {node.func.id}()")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = getattr(node, "module", None) or ""
                if "runpy" in names or module == "runpy":
                    found.append(f"{path.name}:{node.lineno}: imports runpy")
    assert found == []


def test_the_variable_does_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    script = tmp_path / "evil.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(PACKAGE.parent),
        PERSONA_STUDIO_TEST_SCRIPT=str(script),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PERSONA_STUDIO_DATA_DIR=str(tmp_path / "data"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "persona_studio", "gui", "--screenshot", str(tmp_path / "s.png")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
