"""Small helpers shared by the benchmarks: summaries of samples, recorded in extra_info.

Every benchmark keeps its figures in ``benchmark.extra_info`` so that the JSON written by
``--benchmark-json`` holds them: ``median``, ``p95``, ``min``, ``max`` (and ``target``) of the
figure the target is about, with ``unit``; other figures go under ``metrics`` as
``{name: {median, p95, min, max, target?, unit}}``. ``report.py`` prints them as a table.
"""

from __future__ import annotations

import math
import os
import resource
import statistics
from collections.abc import Iterable, Sequence
from typing import Any


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of the samples."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summary(samples: Iterable[float], *, target: float | None = None, unit: str = "ms") -> dict:
    """median, p95, min, max, mean and count of the samples (rounded for the JSON)."""
    values = list(samples)
    figures: dict[str, Any] = {
        "median": round(statistics.median(values), 3),
        "p95": round(percentile(values, 0.95), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "mean": round(statistics.fmean(values), 3),
        "n": len(values),
        "unit": unit,
    }
    if target is not None:
        figures["target"] = target
    return figures


def record(
    benchmark: Any,
    samples: Iterable[float],
    *,
    target: float | None = None,
    unit: str = "ms",
    judged_on: str = "median",
    figure: str = "",
    **metrics: dict,
) -> dict:
    """Put the main figure's summary at the top of extra_info (with what it is, `figure`, and
    which statistic the target applies to, `judged_on`), the others under `metrics`. The load
    average goes in too: the machine's other work shows in every figure."""
    main = summary(samples, target=target, unit=unit)
    benchmark.extra_info.update(main)
    benchmark.extra_info["judged_on"] = judged_on
    if figure:
        benchmark.extra_info["figure"] = figure
    benchmark.extra_info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    if metrics:
        benchmark.extra_info.setdefault("metrics", {}).update(metrics)
    return main


def ms(seconds: float) -> float:
    return seconds * 1000.0


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children, and
    theirs: the difference around a subprocess is what it cost, whatever else the machine ran."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
