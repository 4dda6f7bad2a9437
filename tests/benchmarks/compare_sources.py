"""One command run from two source trees in turn, pair by pair (the order alternating), to
compare a change with the commit before it on a shared machine: wall time, CPU time and peak
resident memory of each run (the child's own, from wait4), their min/median/max, and the
median of the pairs' ratios.

Not a test. Make the old tree with `git worktree add /tmp/old COMMIT`, then, for the cold start
of the seed persona and for the batch lint of a folder:

    python compare_sources.py /tmp/old/src src 9 gui --screenshot /tmp/x.png SEED.chatmode.md
    python compare_sources.py /tmp/old/src src 5 lint FOLDER

Runs offscreen with settings in a temporary home, bytecode caches written (as installed).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(src: str, args: list[str], home: str) -> dict[str, float]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        {
            "PYTHONPATH": src,
            "QT_QPA_PLATFORM": "offscreen",
            "QT_LOGGING_RULES": "qt.qpa.*=false",
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        }
    )
    code = "import sys; from persona_studio.cli import main; sys.exit(main())"
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", code, *args], env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        _pid, status, usage = os.wait4(child.pid, 0)  # this child's own CPU time and peak
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-500:]
            raise SystemExit(f"{src}: exit {child.returncode}: {text}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss * 1024 / 1e6,
    }


KEYS = ("wall_s", "cpu_s", "peak_mb")


def spread(values: list[float]) -> dict[str, float]:
    return {
        "min": round(min(values), 3),
        "median": round(statistics.median(values), 3),
        "max": round(max(values), 3),
    }


def main(old: str, new: str, pairs: int, args: list[str]) -> int:
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as home:
        one_run(old, args, home)  # bytecode caches written, files in the OS cache
        one_run(new, args, home)
        for number in range(pairs):
            order = [("old", old), ("new", new)]
            if number % 2:
                order.reverse()
            for name, src in order:
                runs[name].append(one_run(src, args, home))
    report: dict[str, object] = {"command": args, "pairs": pairs, "load": os.getloadavg()}
    for name, measured in runs.items():
        report[name] = {key: spread([run[key] for run in measured]) for key in KEYS}
    for key in ("wall_s", "cpu_s"):
        ratios = [o[key] / n[key] for o, n in zip(runs["old"], runs["new"], strict=True)]
        report[f"old_over_new_{key}"] = spread(ratios)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]))
