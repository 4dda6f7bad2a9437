"""No command-line test asserts how long something took (issue 21, item 17: three bad-input cases
asserted 2 s and failed under load). Speed is the benchmarks' business (tests/benchmarks); a
test catches a hang with a generous watchdog (a subprocess timeout) instead."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TIMING_WORDS = ("perf_counter", "monotonic", "time.time", ".seconds", "elapsed", "LIMIT_S")


@pytest.mark.parametrize("path", sorted(HERE.glob("test_*.py")), ids=lambda p: p.name)
def test_no_assert_on_elapsed_time(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    timed = [
        f"{path.name}:{node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Assert) and any(word in ast.unparse(node) for word in TIMING_WORDS)
    ]
    assert timed == []
