"""Cold start, against the target of issue 20 (0.8 s before it): `persona-studio gui --screenshot
OUT.png personas/backend.chatmode.md` takes at most 0.55 s from process start to the PNG written
(median of 7 runs, offscreen Qt, 2-core machine).

"Cold" is a new process each time; the operating system's file cache and Python's bytecode
caches are warm (one run first, not counted), as on a user's second start of the day.
Besides the wall time, two diagnostic benchmarks: where the time goes by phase (startup_probe.py
wraps a few functions of the real start-up path) and the slowest imports (`python -X
importtime`), both kept in extra_info.

Skipped in the default run; run with
``pytest tests/benchmarks --benchmark-enable --benchmark-only -p no:cacheprovider``.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench_env import SEED, program_command
from measure import children_cpu, ms, record, summary

pytest.importorskip("pytest_benchmark")

ROUNDS = 7
TARGET_S = 0.55
PROBE = Path(__file__).with_name("startup_probe.py")
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


CPU_SECONDS: list[float] = []  # of the last runs of _run


def _run(command: list[str], env: dict[str, str], out: Path) -> subprocess.CompletedProcess:
    out.unlink(missing_ok=True)
    cpu = children_cpu()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    CPU_SECONDS.append(children_cpu() - cpu)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000, "no screenshot was written"
    return done


def test_cold_start_screenshot(benchmark, program_env, tmp_path) -> None:
    out = tmp_path / "window.png"
    command = [*program_command(), "gui", "--screenshot", str(out), str(SEED)]
    _run(command, program_env, out)  # bytecode caches written, files in the OS cache
    CPU_SECONDS.clear()
    benchmark.pedantic(
        _run, args=(command, program_env, out), rounds=ROUNDS, iterations=1, warmup_rounds=0
    )
    seconds = list(benchmark.stats.stats.data)
    main = record(
        benchmark,
        seconds,
        target=TARGET_S,
        unit="s",
        judged_on="median",
        figure="process start to PNG written",
        cpu_s=summary(CPU_SECONDS, unit="s"),
    )
    benchmark.extra_info["command"] = " ".join(command[-5:])
    assert main["median"] <= TARGET_S, f"cold start {main['median']} s > {TARGET_S} s"


def test_cold_start_phases(benchmark, program_env, tmp_path) -> None:
    """No target: the start-up split into phases (median over the runs), to see what to cut."""
    out = tmp_path / "window.png"
    command = [sys.executable, str(PROBE), str(out), str(SEED)]
    runs: list[list[tuple[str, float]]] = []
    resident: dict[str, list[float]] = {}  # phase -> resident MB at its end, run by run

    def run() -> None:
        launched = time.time()
        done = _run(command, program_env, out)
        printed = json.loads(done.stdout.strip().splitlines()[-1])
        stamps = printed["marks"]
        for name, rss, _peak in printed.get("memory_mb", []):
            if rss is not None:
                resident.setdefault(name, []).append(rss)
        phases, previous = [], launched
        for name, stamp in stamps:
            phases.append((name, stamp - previous))
            previous = stamp
        runs.append(phases)

    run()  # warm the caches
    runs.clear()
    resident.clear()
    benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=0)
    names = [name for name, _ in runs[0]]
    phases = {
        f"{number:02d} {name}": summary(ms(run[number][1]) for run in runs)
        for number, name in enumerate(names)
    }
    record(
        benchmark,
        [s * 1000 for s in benchmark.stats.stats.data],
        figure="process start to exit, with the phase marks (ms)",
        **phases,
    )
    # What each phase leaves resident (MB, median over the runs): where the peak comes from.
    benchmark.extra_info["resident_mb_at_mark"] = {
        name: round(statistics.median(values), 1) for name, values in resident.items()
    }


def test_import_time(benchmark, program_env, tmp_path) -> None:
    """No target: `python -X importtime` of the start-up; the slowest imports in extra_info."""
    out = tmp_path / "window.png"
    command = [sys.executable, "-X", "importtime", str(PROBE), str(out), str(SEED)]
    results: list[str] = []

    def run() -> None:
        results.append(_run(command, program_env, out).stderr)

    run()
    results.clear()
    benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=0)
    # The last run's figures; one import line per module: self and cumulative microseconds.
    modules: list[tuple[str, int, int, int]] = []
    for line in results[-1].splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            own, total, indent, name = match.groups()
            modules.append((name, int(own), int(total), len(indent) // 2))
    assert modules, "no -X importtime output"
    top_level = [m for m in modules if m[3] == 0]
    by_total = sorted(top_level, key=lambda m: -m[2])[:15]
    by_self = sorted(modules, key=lambda m: -m[1])[:20]
    ours = [m for m in modules if m[0].startswith("persona_studio")]
    ours = sorted(ours, key=lambda m: -m[2])[:20]

    def table(rows: list[tuple[str, int, int, int]]) -> list[list]:
        """[module, self ms, cumulative ms] rows."""
        return [[name, round(own / 1e3, 1), round(total / 1e3, 1)] for name, own, total, _ in rows]

    record(
        benchmark,
        [s * 1000 for s in benchmark.stats.stats.data],
        figure="process start to exit under -X importtime (slower than without)",
    )
    benchmark.extra_info["imports_ms_total"] = round(sum(m[1] for m in modules) / 1000, 1)
    benchmark.extra_info["top_level_by_cumulative_ms"] = table(by_total)
    benchmark.extra_info["by_self_ms"] = table(by_self)
    benchmark.extra_info["persona_studio_by_cumulative_ms"] = table(ours)
