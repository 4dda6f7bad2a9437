"""Memory, against the target of the "desktop program" issue: the window with 20 personas open
(each tab rendered once: preview, problems, form) holds at most 250 MB resident (VmRSS).

memory_probe.py runs in a fresh process (offscreen Qt, a home of its own) and opens 20
different personas: the library's and the first of the corpus's (read in place). The figure is
the median over three processes; extra_info also has the memory of the bare program, of the
empty window, after each open, and the peak (VmHWM).

Skipped in the default run; run with
``pytest tests/benchmarks --benchmark-enable --benchmark-only -p no:cacheprovider``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from bench_env import source_personas
from measure import record, summary

pytest.importorskip("pytest_benchmark")

if not sys.platform.startswith("linux"):
    pytest.skip("reads /proc/self/status", allow_module_level=True)

TARGET_MB = 250.0
TABS = 20
ROUNDS = 3
PROBE = Path(__file__).with_name("memory_probe.py")


def test_memory_20_personas_open(benchmark, program_env) -> None:
    paths = [str(path) for path in source_personas()[:TABS]]
    assert len(set(paths)) == TABS
    command = [sys.executable, str(PROBE), *paths]
    runs: list[dict] = []

    def run() -> None:
        done = subprocess.run(command, env=program_env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=0)
    assert all(figures["tabs"] == TABS for figures in runs)
    final = [figures["final"] for figures in runs]
    per_tab = [(f["final"] - f["empty window shown"]) / TABS for f in runs]
    main = record(
        benchmark,
        final,
        target=TARGET_MB,
        unit="MB",
        judged_on="median",
        figure=f"VmRSS with {TABS} personas open, each rendered once",
        python_and_qt_mb=summary((f["imported, QApplication made"] for f in runs), unit="MB"),
        empty_window_mb=summary((f["empty window shown"] for f in runs), unit="MB"),
        per_tab_mb=summary(per_tab, unit="MB"),
        peak_mb=summary((f["peak"] for f in runs), unit="MB"),
    )
    columns = zip(*(f["after each open"] for f in runs), strict=True)
    benchmark.extra_info["after_each_open_mb"] = [
        round(statistics.median(values), 1) for values in columns
    ]
    benchmark.extra_info["personas"] = [Path(p).name for p in paths]
    assert main["median"] <= TARGET_MB, f"{main['median']} MB > {TARGET_MB} MB"
