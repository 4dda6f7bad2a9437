"""Every command answers every bad input calmly: a one-line message (or a diagnostic for lint),
the documented exit code, and never a traceback or a hang. A hang is caught by a generous
watchdog (WATCHDOG_S, far beyond any normal run even on a loaded machine); how fast each case is
belongs to the benchmarks (tests/benchmarks), not here.

Each case runs the real program in a subprocess (two at a time, to keep the run short); the
inputs come from `make_bad_inputs` in tests/conftest.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

import persona_studio

SRC = Path(persona_studio.__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parents[2] / "personas" / "backend.chatmode.md"
WATCHDOG_S = 120

UNREADABLE = {
    "binary": ("binary-file", "binary file, not text"),
    "latin1": ("not-utf8", "not valid UTF-8"),
    "utf16": ("binary-file", "UTF-16"),
    "big": ("file-too-large", "larger than the 5.0 MB limit"),
    "nul": ("binary-file", "NUL byte at line 4"),
    "fifo": ("unreadable-file", "named pipe (FIFO)"),
    "dangling": ("unreadable-file", "symbolic link"),
    "folder": (None, "This is a folder"),
}
BROKEN_HEADER = {
    "deep-list": ("yaml-syntax", "nested more than 64 deep"),
    "deep-map": ("yaml-syntax", "nested more than 64 deep"),
    "alias-bomb": ("yaml-alias", "anchors (&a) are not allowed"),
    "unterminated": ("front-matter-unterminated", "no closing '---' line"),
}
COMMANDS = ("show", "lint", "edit", "diff", "export")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def command(name: str, path: Path, out: Path) -> list[str]:
    return {
        "show": ["show", str(path)],
        "lint": ["lint", str(path)],
        "edit": ["edit", str(path), "--set", "description=x", "--check"],
        "diff": ["diff", str(path), str(SEED)],
        "export": ["export", str(path), "--to", "claude-code", "--out", str(out)],
    }[name]


def run(args: list[str]) -> Run:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "persona_studio", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=WATCHDOG_S,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return Run(-1, "", f"hung: still running after {WATCHDOG_S} s", WATCHDOG_S)
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def results(bad_inputs, tmp_path_factory) -> dict[tuple[str, str], Run]:
    out = tmp_path_factory.mktemp("export-out")
    cases = [(c, name) for name in bad_inputs for c in COMMANDS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = pool.map(lambda case: run(command(case[0], bad_inputs[case[1]], out)), cases)
        return dict(zip(cases, runs, strict=True))


def cases(names) -> list:
    return [pytest.param(c, n, id=f"{c}-{n}") for n in sorted(names) for c in COMMANDS]


def check_calm(result: Run) -> None:
    assert result.code != -1, result.err  # the watchdog: a hang, not a slow run
    assert "Traceback" not in result.err + result.out


def one_line_message(result: Run, words: str) -> None:
    lines = result.err.strip().splitlines()
    assert lines, "no message"
    assert lines[0].startswith("persona-studio: ")
    assert words in lines[0]


@pytest.mark.parametrize(("cmd", "name"), cases(UNREADABLE))
def test_unreadable_inputs(results, bad_inputs, cmd, name):
    if name not in bad_inputs:
        pytest.skip(f"no {name} on this platform")
    result = results[(cmd, name)]
    check_calm(result)
    rule, words = UNREADABLE[name]
    if cmd == "lint" and rule is not None:
        # A finding, not a crash: the file's diagnostic, and exit 1 like any error finding.
        assert result.code == 1
        assert f"error {rule}: " in result.out and words in result.out
        assert result.err == ""
    elif cmd in ("lint", "export") and name == "folder":
        assert result.code == 2  # a folder with no persona files in it: a usage error
        one_line_message(result, "no persona files found")
    elif cmd == "export":
        # Documented: 1 when one or more files failed to export; the reason is one line.
        assert result.code == 1
        one_line_message(result, words)
        assert result.out.strip() == "0 files exported, 1 failed"
    else:
        assert result.code == 2
        one_line_message(result, words)
        assert len(result.err.strip().splitlines()) == 1
        assert result.out == ""


@pytest.mark.parametrize(("cmd", "name"), cases(BROKEN_HEADER))
def test_readable_files_with_a_broken_header(results, cmd, name):
    result = results[(cmd, name)]
    check_calm(result)
    rule, words = BROKEN_HEADER[name]
    if cmd == "show":
        assert result.code == 0
        assert "  header:   error: " in result.out and words in result.out
    elif cmd == "lint":
        assert result.code == 1
        assert f"error {rule}: " in result.out and words in result.out
    elif cmd == "edit":
        assert result.code == 2
        one_line_message(result, words)
    elif cmd == "diff":
        assert result.code == 1  # they differ; the note says the header could not be read
        assert "could not be read" in result.out and words in result.out
    else:
        assert result.code == 1
        one_line_message(result, "front matter cannot be read")


@pytest.mark.parametrize(("cmd", "name"), cases({"mixed-newlines", "empty"}))
def test_odd_but_valid_text(results, cmd, name):
    result = results[(cmd, name)]
    check_calm(result)
    assert result.code in (0, 1)
    if cmd == "show" and name == "mixed-newlines":
        assert "newlines: CRLF" in result.out


def test_a_file_that_is_not_there(tmp_path):
    missing = tmp_path / "missing.chatmode.md"
    for cmd in ("show", "edit", "diff"):
        result = run(command(cmd, missing, tmp_path))
        check_calm(result)
        assert result.code == 2
        one_line_message(result, "does not exist")
