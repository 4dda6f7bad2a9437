"""Print the benchmark JSON as a table for the README.

    python tests/benchmarks/report.py /tmp/bench.json [--markdown]

One row per benchmark: min, median and max of pytest-benchmark's own timing, unless the
benchmark recorded its own figure in extra_info (median, p95, min, max, target: see
measure.py), which is then shown instead, with its unit. Figures a benchmark recorded under
``extra_info["metrics"]`` follow as indented rows. A target is marked "ok" or "MISSED" by the
statistic it is judged on (``judged_on``: median unless said otherwise).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

STATS = ("min", "median", "max", "p95")


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _verdict(figures: dict, judged_on: str) -> str:
    target = figures.get("target")
    value = figures.get(judged_on, figures.get("median"))
    if target is None or value is None:
        return ""
    return f"{'ok' if value <= target else 'MISSED'} ({judged_on} ≤ {_number(target)})"


def rows(data: dict) -> list[list[str]]:
    """[name, unit, min, median, max, p95, target] for every benchmark and recorded figure."""
    table: list[list[str]] = []
    for bench in data.get("benchmarks", []):
        extra = bench.get("extra_info", {}) or {}
        judged_on = extra.get("judged_on", "median")
        if "median" in extra:
            figures = extra
            unit = extra.get("unit", "")
        else:
            stats = bench["stats"]
            figures = {key: stats[key] * 1000 for key in ("min", "median", "max")}
            figures["target"] = None
            unit = "ms"
        table.append(
            [
                bench["name"],
                unit,
                *(_number(figures.get(k)) for k in STATS),
                _verdict(figures, judged_on),
            ]
        )
        for name, metric in (extra.get("metrics") or {}).items():
            if not isinstance(metric, dict):
                continue
            metric_judged = "p95" if "p95" in metric and metric.get("target") else "median"
            metric_judged = metric.get("judged_on", metric_judged)
            if metric.get("n") == 1:
                metric_judged = "median"
            table.append(
                [
                    f"  · {name}",
                    metric.get("unit", ""),
                    *(_number(metric.get(k)) for k in STATS),
                    _verdict(metric, metric_judged),
                ]
            )
    return table


HEADER = ["benchmark", "unit", "min", "median", "max", "p95", "target"]


def print_table(table: list[list[str]], markdown: bool, out=sys.stdout) -> None:
    if markdown:
        out.write("| " + " | ".join(HEADER) + " |\n")
        out.write("|" + "|".join("---" if i == 0 else "---:" for i in range(len(HEADER))) + "|\n")
        for row in table:
            out.write("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |\n")
        return
    widths = [max(len(row[i]) for row in [HEADER, *table]) for i in range(len(HEADER))]
    for number, row in enumerate([HEADER, *table]):
        cells = [
            cell.ljust(widths[i]) if i in (0, 1, 6) else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.write("  ".join(cells).rstrip() + "\n")
        if number == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json_file", help="the file written by --benchmark-json")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args(argv)
    with open(args.json_file, encoding="utf-8") as handle:
        data = json.load(handle)
    machine = data.get("machine_info", {})
    if not args.markdown:
        cpu = machine.get("cpu", {})
        python = machine.get("python_version", "")
        print(f"Python {python} on {cpu.get('brand_raw', '')} ({cpu.get('count', '?')} cores)")
    print_table(rows(data), args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
