"""Speed of the text diff (lines, then words), against the targets of the "Compare personas"
issue: two 40 KB personas in at most 20 ms, two 10,000-line files in at most 150 ms (median).

Skipped in the default run; run with
``pytest tests/benchmarks --benchmark-enable --benchmark-only -p no:cacheprovider``.
The inputs are generated here, from a fixed seed.
"""

from __future__ import annotations

import difflib
import random

import pytest

from persona_studio.core.diff import diff_texts
from persona_studio.core.document import parse
from persona_studio.core.semantic_diff import figures, semantic_diff

pytest.importorskip("pytest_benchmark")

WORDS = (
    "reliability",
    "scalability",
    "security",
    "compliance",
    "service",
    "contract",
    "latency",
    "cache",
    "queue",
    "event",
    "retry",
    "circuit",
    "breaker",
    "metric",
    "trace",
    "log",
    "audit",
    "schema",
    "migration",
    "index",
    "query",
    "backup",
    "restore",
    "deploy",
    "pipeline",
    "release",
    "rollback",
    "review",
    "test",
    "coverage",
    "fixture",
    "mock",
    "contract",
    "boundary",
    "module",
    "interface",
    "adapter",
    "port",
    "domain",
    "aggregate",
    "entity",
    "value",
    "policy",
    "budget",
    "owner",
    "team",
)

SECTIONS = (
    "Core Belief",
    "Primary Question",
    "Decision Pattern",
    "Problem Solving Approach",
    "Communication Style",
    "Focus Areas",
    "Key Practices",
    "Tech Stack Focus",
    "When to Use This Persona",
)


def _sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize()


def make_persona(size: int, seed: int = 7) -> str:
    """A persona of about ``size`` characters: front matter, title and list sections."""
    rng = random.Random(seed)
    lines = [
        "---",
        "tools: ['changes', 'codebase', 'editFiles', 'fetch', 'problems', 'runTests', 'search']",
        "description: 'A generated persona for the diff benchmark'",
        "---",
        "",
        "# Persona: Benchmark",
        "",
        _sentence(rng, 30) + ".",
    ]
    length = sum(len(line) + 1 for line in lines)
    number = 0
    while length < size:
        title = SECTIONS[number % len(SECTIONS)] + (f" {number // len(SECTIONS)}" if number else "")
        block = ["", f"## {title}"]
        block += [f"- {_sentence(rng, rng.randint(4, 14))}" for _ in range(rng.randint(5, 12))]
        lines += block
        length += sum(len(line) + 1 for line in block)
        number += 1
    return "\n".join(lines) + "\n"


def edit_scattered(text: str, *, seed: int, word_rate: float, line_rate: float) -> str:
    """Change one word in a share of the lines, and delete or insert a share of lines."""
    rng = random.Random(seed)
    out = []
    for line in text.split("\n"):
        roll = rng.random()
        if roll < line_rate / 2 and line.startswith("- "):
            continue  # deleted
        if roll < line_rate:
            out.append(f"- {_sentence(rng, rng.randint(4, 10))}")  # inserted
        if rng.random() < word_rate and " " in line:
            words = line.split(" ")
            words[rng.randrange(len(words))] = rng.choice(WORDS).upper()
            line = " ".join(words)
        out.append(line)
    return "\n".join(out)


def make_lines(count: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    return "\n".join(f"{k:05d} {_sentence(rng, rng.randint(3, 12))}" for k in range(count)) + "\n"


@pytest.fixture(scope="module")
def personas_40kb() -> tuple[str, str]:
    a = make_persona(40_000)
    b = edit_scattered(a, seed=3, word_rate=0.06, line_rate=0.02)
    assert 39_000 <= len(a.encode()) <= 41_000
    return a, b


@pytest.fixture(scope="module")
def files_10k() -> tuple[str, str]:
    a = make_lines(10_000)
    b = edit_scattered(a, seed=5, word_rate=0.04, line_rate=0.01)
    return a, b


def _median(benchmark: pytest.FixtureRequest) -> float:
    return benchmark.stats.stats.median  # type: ignore[attr-defined]


def test_diff_40kb_personas(benchmark, personas_40kb: tuple[str, str]) -> None:
    a, b = personas_40kb
    result = benchmark(diff_texts, a, b)
    assert result.changes and result.pairs
    assert _median(benchmark) <= 0.020


def test_diff_10000_lines(benchmark, files_10k: tuple[str, str]) -> None:
    a, b = files_10k
    result = benchmark(diff_texts, a, b)
    changed = sum(chunk.end_a - chunk.start_a for chunk in result.changes)
    assert 300 <= changed <= 700  # about 5% of the lines
    assert result.pairs
    assert _median(benchmark) <= 0.150


def difflib_lines_and_words(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """The straightforward approach, for the README's ratios: the standard library's
    SequenceMatcher over the lines, then over the words of each replaced pair of lines."""
    lines_a, lines_b = a.splitlines(), b.splitlines()
    codes = difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False).get_opcodes()
    words = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "replace":
            for left, right in zip(lines_a[i1:i2], lines_b[j1:j2], strict=False):
                matcher = difflib.SequenceMatcher(None, left.split(), right.split())
                words.extend(matcher.get_opcodes())
    return codes + words


@pytest.mark.parametrize("inputs", ["personas_40kb", "files_10k"])
def test_difflib_baseline(benchmark, request, inputs: str) -> None:
    """No target: the stdlib's difflib on the same inputs, the figure the ratios compare to."""
    a, b = request.getfixturevalue(inputs)
    benchmark.pedantic(difflib_lines_and_words, args=(a, b), rounds=5, iterations=1)


def test_semantic_diff_and_figures_40kb(benchmark, personas_40kb: tuple[str, str]) -> None:
    """No target; measured so that a slow-down shows."""
    a, b = personas_40kb
    text_diff = diff_texts(a, b)
    doc_a, doc_b = parse(a), parse(b)

    def run() -> object:
        return semantic_diff(doc_a, doc_b), figures(text_diff)

    semantic, numbers = benchmark(run)
    assert semantic.sections_changed
    assert 0.5 < numbers.similarity < 1.0
