"""Two texts diffed by lines, then by words inside each changed pair of lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from persona_studio.core.diff.lines import diff_lines, line_content, split_lines
from persona_studio.core.diff.model import EQUAL, REPLACE, DiffChunk, DiffOptions, LinePair
from persona_studio.core.diff.result import TextDiff
from persona_studio.core.diff.words import diff_words
from persona_studio.core.jobs import CancelToken, checker

MAX_WORD_DIFF_CHARS = 200_000
"""Word-level work is skipped when the paired changed lines hold more characters than this."""


MAX_WORD_DIFF_LINE = 10_000
"""A pair of lines longer than this (both lines together) gets no word-level diff."""


_MAX_PAIRING = 400
"""A replace chunk with more line combinations than this pairs its lines in order."""


_WORD_RE = re.compile(r"\w+")


def diff_texts(
    a: str,
    b: str,
    options: DiffOptions | None = None,
    *,
    word_limit: int = MAX_WORD_DIFF_CHARS,
    cancel: CancelToken | None = None,
) -> TextDiff:
    """Diff two texts by lines, then by words inside each changed pair of lines.

    ``cancel``: a token checked at loop boundaries; ``Cancelled`` is raised once it is set."""
    check = checker(cancel)
    options = options or DiffOptions()
    lines_a = split_lines(a)
    lines_b = split_lines(b)
    chunks = diff_lines(lines_a, lines_b, options, cancel=cancel)
    changes = [
        chunk
        for chunk in chunks
        if chunk.tag != EQUAL
        and not (options.ignore_blank_lines and _blank_only(chunk, lines_a, lines_b))
    ]
    notes: list[str] = []
    pairs: list[tuple[int, int]] = []
    for chunk in changes:
        if chunk.tag == REPLACE:
            check()
            pairs.extend(_pair_lines(lines_a, lines_b, chunk, options))
    size = sum(len(lines_a[i]) + len(lines_b[j]) for i, j in pairs)
    line_pairs: list[LinePair] = []
    if size > word_limit:
        notes.append(
            f"Word-level differences were skipped: the changed lines hold {size:,} characters,"
            f" more than the limit of {word_limit:,}."
        )
    else:
        long_lines = 0
        for i, j in pairs:
            check()
            content_a = line_content(lines_a[i])
            content_b = line_content(lines_b[j])
            if len(content_a) + len(content_b) > MAX_WORD_DIFF_LINE:
                long_lines += 1
                continue
            chunks_ab = tuple(diff_words(content_a, content_b, options))
            line_pairs.append(LinePair(i, j, content_a, content_b, chunks_ab))
        if long_lines:
            notes.append(
                f"Word-level differences were skipped for {long_lines:,} pair(s) of lines longer"
                f" than {MAX_WORD_DIFF_LINE:,} characters."
            )
    return TextDiff(
        a_lines=tuple(lines_a),
        b_lines=tuple(lines_b),
        chunks=tuple(chunks),
        changes=tuple(changes),
        pairs=tuple(line_pairs),
        options=options,
        notes=tuple(notes),
    )


def _blank_only(chunk: DiffChunk, lines_a: Sequence[str], lines_b: Sequence[str]) -> bool:
    return all(not line.strip() for line in lines_a[chunk.start_a : chunk.end_a]) and all(
        not line.strip() for line in lines_b[chunk.start_b : chunk.end_b]
    )


def _pair_lines(
    lines_a: Sequence[str], lines_b: Sequence[str], chunk: DiffChunk, options: DiffOptions
) -> list[tuple[int, int]]:
    """Pairs of changed lines inside a replace chunk, in order.

    Equal counts pair line by line. Otherwise each line of A takes the most similar line of B
    after the last one taken (by shared words), when they share enough; a large chunk pairs in
    order.
    """
    count_a = chunk.end_a - chunk.start_a
    count_b = chunk.end_b - chunk.start_b
    if count_a == count_b or count_a * count_b > _MAX_PAIRING:
        return [(chunk.start_a + k, chunk.start_b + k) for k in range(min(count_a, count_b))]
    fold = options.ignore_case

    def words(line: str) -> set[str]:
        found = _WORD_RE.findall(line)
        return {word.casefold() for word in found} if fold else set(found)

    words_b = [words(lines_b[j]) for j in range(chunk.start_b, chunk.end_b)]
    pairs = []
    next_b = 0
    for i in range(chunk.start_a, chunk.end_a):
        if next_b >= count_b:
            break
        mine = words(lines_a[i])
        best, best_score = -1, 0.0
        for k in range(next_b, count_b):
            theirs = words_b[k]
            union = len(mine | theirs)
            score = len(mine & theirs) / union if union else 1.0
            if score > best_score:
                best, best_score = k, score
        if best >= 0 and best_score >= 0.3:
            pairs.append((i, chunk.start_b + best))
            next_b = best + 1
    return pairs
