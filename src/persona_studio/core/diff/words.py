"""Words: the word-level diff inside a pair of lines, in character offsets."""

from __future__ import annotations

import difflib
import re

from persona_studio.core.diff.matcher import opcodes
from persona_studio.core.diff.model import DiffChunk, DiffOptions

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")

_TOKEN_NO_SPACE_RE = re.compile(r"\w+|[^\w\s]")


def _tokens(line: str, options: DiffOptions) -> list[re.Match[str]]:
    pattern = _TOKEN_NO_SPACE_RE if options.ignore_whitespace else _TOKEN_RE
    return list(pattern.finditer(line))


MAX_WORD_PAIRS = 250_000  # token pairs in one line pair's changed middle


def diff_words(line_a: str, line_b: str, options: DiffOptions | None = None) -> list[DiffChunk]:
    """Word-level chunks of two lines (without line breaks), in character offsets.

    A token is a word (letters, digits, underscores), a run of whitespace or one punctuation
    mark; with ``ignore_whitespace`` whitespace is no token, and each chunk runs on to the next
    token, so the chunks still cover both lines.
    """
    options = options or DiffOptions()
    tokens_a = _tokens(line_a, options)
    tokens_b = _tokens(line_b, options)
    fold = options.ignore_case
    keys_a = [m.group().casefold() if fold else m.group() for m in tokens_a]
    keys_b = [m.group().casefold() if fold else m.group() for m in tokens_b]
    # Take off the common prefix and suffix; SequenceMatcher gets the middle.
    n_a, n_b = len(keys_a), len(keys_b)
    prefix = 0
    while prefix < n_a and prefix < n_b and keys_a[prefix] == keys_b[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < n_a - prefix
        and suffix < n_b - prefix
        and keys_a[n_a - 1 - suffix] == keys_b[n_b - 1 - suffix]
    ):
        suffix += 1
    middle_a = keys_a[prefix : n_a - suffix]
    middle_b = keys_b[prefix : n_b - suffix]
    blocks = [(0, 0, prefix)] if prefix else []
    # SequenceMatcher is quadratic at worst: past a size the changed middle is one replacement.
    small = len(middle_a) * len(middle_b) <= MAX_WORD_PAIRS
    if small and middle_a and middle_b and not set(middle_a).isdisjoint(middle_b):
        matcher = difflib.SequenceMatcher(str.isspace, middle_a, middle_b, autojunk=False)
        blocks += [(prefix + i, prefix + j, n) for i, j, n in matcher.get_matching_blocks() if n]
    if suffix:
        blocks.append((n_a - suffix, n_b - suffix, suffix))
    bounds_a = _bounds(tokens_a, len(line_a))
    bounds_b = _bounds(tokens_b, len(line_b))
    return [
        DiffChunk(tag, bounds_a[i1], bounds_a[i2], bounds_b[j1], bounds_b[j2])
        for tag, i1, i2, j1, j2 in opcodes(_join(blocks), n_a, n_b)
    ]


def _join(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for i, j, n in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((i, j, n))
    return merged


def _bounds(tokens: list[re.Match[str]], length: int) -> list[int]:
    """Character offset where token k's chunk starts; the first is 0, the last the length."""
    bounds = [m.start() for m in tokens]
    bounds.append(length)
    if bounds:
        bounds[0] = 0
    return bounds
