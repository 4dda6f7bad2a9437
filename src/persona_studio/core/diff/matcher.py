"""The matcher: patience diff over sequences of hashable items, with difflib for small gaps
without a unique item and rare-item anchors for large ones."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Hashable, Sequence

from persona_studio.core.diff.model import DELETE, EQUAL, INSERT, REPLACE, DiffChunk
from persona_studio.core.jobs import CancelToken, checker

_MAX_FALLBACK = 4_000_000
"""A gap without unique items up to this size (items of A x items of B) goes to difflib; a
larger one is anchored on its rarest items instead."""


def match_sequences(
    a: Sequence[Hashable], b: Sequence[Hashable], *, cancel: CancelToken | None = None
) -> list[DiffChunk]:
    """difflib-compatible opcodes for two sequences of hashable items (patience diff)."""
    return opcodes(_matching_blocks(a, b, checker(cancel)), len(a), len(b))


def _matching_blocks(
    a: Sequence[Hashable], b: Sequence[Hashable], check: Callable[[], None]
) -> list[tuple[int, int, int]]:
    """Blocks ``(i, j, n)``: ``a[i:i+n] == b[j:j+n]``, increasing in both i and j."""
    blocks: list[tuple[int, int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        check()
        alo, ahi, blo, bhi = stack.pop()
        # The common prefix and suffix of the region.
        start = alo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo += 1
            blo += 1
        if alo > start:
            blocks.append((start, blo - (alo - start), alo - start))
        end = ahi
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
        if ahi < end:
            blocks.append((ahi, bhi, end - ahi))
        if alo >= ahi or blo >= bhi or set(a[alo:ahi]).isdisjoint(b[blo:bhi]):
            continue
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            prev_a, prev_b = alo, blo
            for i, j in anchors:
                if prev_a < i and prev_b < j:
                    stack.append((prev_a, i, prev_b, j))
                blocks.append((i, j, 1))
                prev_a, prev_b = i + 1, j + 1
            if prev_a < ahi and prev_b < bhi:
                stack.append((prev_a, ahi, prev_b, bhi))
        elif (ahi - alo) * (bhi - blo) <= _MAX_FALLBACK:
            blocks.extend(_difflib_blocks(a, b, alo, ahi, blo, bhi, check))
        else:
            # A large gap without a unique line (a text repeated twice): anchor on the rarest
            # items that occur as often on both sides, the k-th with the k-th.
            anchors = _rare_anchors(a, b, alo, ahi, blo, bhi)
            prev_a, prev_b = alo, blo
            for i, j in anchors:
                if prev_a < i and prev_b < j:
                    stack.append((prev_a, i, prev_b, j))
                blocks.append((i, j, 1))
                prev_a, prev_b = i + 1, j + 1
            if anchors and prev_a < ahi and prev_b < bhi:
                stack.append((prev_a, ahi, prev_b, bhi))
    blocks.sort()
    merged: list[tuple[int, int, int]] = []
    for i, j, n in blocks:
        if merged:
            pi, pj, pn = merged[-1]
            if pi + pn == i and pj + pn == j:
                merged[-1] = (pi, pj, pn + n)
                continue
        merged.append((i, j, n))
    return merged


def _difflib_blocks(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    check: Callable[[], None],
) -> list[tuple[int, int, int]]:
    """``SequenceMatcher(autojunk=False).get_matching_blocks()`` of a region, in offsets of the
    whole sequences: the same loop of longest matches as difflib's, with a check before each
    (one region of up to ``_MAX_FALLBACK`` pairs takes most of a second). Adjacent blocks are
    left for the caller to join."""
    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    found: list[tuple[int, int, int]] = []
    queue = [(0, ahi - alo, 0, bhi - blo)]
    while queue:
        check()
        lo_a, hi_a, lo_b, hi_b = queue.pop()
        i, j, n = matcher.find_longest_match(lo_a, hi_a, lo_b, hi_b)
        if n:
            found.append((alo + i, blo + j, n))
            if lo_a < i and lo_b < j:
                queue.append((lo_a, i, lo_b, j))
            if i + n < hi_a and j + n < hi_b:
                queue.append((i + n, hi_a, j + n, hi_b))
    return found


def _unique_anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Items that occur once in each region, as (i, j), the longest run in the same order."""
    where_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        item = a[i]
        where_a[item] = -1 if item in where_a else i
    where_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        item = b[j]
        if item in where_a:
            where_b[item] = -1 if item in where_b else j
    candidates = [
        (where_a[item], j) for item, j in where_b.items() if j >= 0 and where_a[item] >= 0
    ]
    return _increasing_run(candidates)


def _increasing_run(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (i, j) that increases in both i and j."""
    if not candidates:
        return []
    candidates.sort(key=lambda pair: pair[1])  # in b's order; keep the longest increasing run of i
    tails: list[int] = []  # smallest i ending an increasing run of each length
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (i, _) in enumerate(candidates):
        length = bisect.bisect_left(tails, i)
        if length == len(tails):
            tails.append(i)
            tail_index.append(index)
        else:
            tails[length] = i
            tail_index[length] = index
        previous.append(tail_index[length - 1] if length else -1)
    run = []
    index = tail_index[-1]
    while index >= 0:
        run.append(candidates[index])
        index = previous[index]
    run.reverse()
    return run


def _rare_anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Items of the lowest count that occur as often in both regions, the k-th occurrence
    with the k-th, as (i, j), the longest run in the same order."""
    where_a: dict[Hashable, list[int]] = {}
    for i in range(alo, ahi):
        where_a.setdefault(a[i], []).append(i)
    where_b: dict[Hashable, list[int]] = {}
    for j in range(blo, bhi):
        if b[j] in where_a:
            where_b.setdefault(b[j], []).append(j)
    counts = [len(js) for item, js in where_b.items() if len(where_a[item]) == len(js)]
    if not counts:
        return []
    rarest = min(counts)
    candidates = [
        (i, j)
        for item, js in where_b.items()
        if len(js) == rarest == len(where_a[item])
        for i, j in zip(where_a[item], js, strict=True)
    ]
    return _increasing_run(candidates)


def opcodes(blocks: list[tuple[int, int, int]], len_a: int, len_b: int) -> list[DiffChunk]:
    chunks: list[DiffChunk] = []
    i = j = 0
    for ai, bj, size in [*blocks, (len_a, len_b, 0)]:
        if i < ai and j < bj:
            chunks.append(DiffChunk(REPLACE, i, ai, j, bj))
        elif i < ai:
            chunks.append(DiffChunk(DELETE, i, ai, j, bj))
        elif j < bj:
            chunks.append(DiffChunk(INSERT, i, ai, j, bj))
        if size:
            chunks.append(DiffChunk(EQUAL, ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return chunks
