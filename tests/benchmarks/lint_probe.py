"""Time `lint_paths` over a folder in a fresh process, round after round, and print the times
as JSON on stdout: {"seconds": [...], "cpu_seconds": [...], "files": N, "diagnostics": N}.

Used by test_lint_bench.py; not a test. A fresh process, because `lint_paths` with jobs > 1
forks: forked from the pytest process (Qt loaded, a QApplication alive) it measures that
process, not the linter.

    python lint_probe.py JOBS ROUNDS FOLDER
"""

from __future__ import annotations

import json
import resource
import sys
import time

from persona_studio.core.lint import collect_files, lint_paths


def cpu_now() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(jobs: int, rounds: int, folder: str) -> int:
    files = collect_files([folder])
    seconds, cpu_seconds, found = [], [], 0
    for number in range(rounds + 1):  # the first round loads the catalog, schema and rules
        cpu, start = cpu_now(), time.perf_counter()
        found = sum(len(result.diagnostics) for result in lint_paths(files, jobs=jobs))
        if number:
            seconds.append(time.perf_counter() - start)
            cpu_seconds.append(cpu_now() - cpu)
    figures = {"seconds": seconds, "cpu_seconds": cpu_seconds, "files": len(files)}
    print(json.dumps({**figures, "diagnostics": found}))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
