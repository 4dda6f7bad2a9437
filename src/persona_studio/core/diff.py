"""Text diff: by lines, then by words inside each changed pair of lines.

Contract: standard library only, never Qt; rendering is the caller's job. The results are plain
data: difflib-compatible chunks ``DiffChunk(tag, start_a, end_a, start_b, end_b)`` with the tags
``equal``, ``replace``, ``delete`` and ``insert`` (the shape of ``SequenceMatcher.get_opcodes()``
and of Meld's matchers), word-level chunks in character offsets inside a pair of lines, and
unified-diff hunks. The GUI paints them; the command line prints them.

How lines are matched: every line becomes an integer (equal lines, under the options, share one),
the common prefix and suffix are taken off, and the middle is matched by patience diff: lines
that occur once on each side are anchors, the longest run of anchors in the same order is kept,
and the gaps between anchors are matched the same way. A gap with no unique line left (blank
lines, repeated list markers) goes to ``difflib.SequenceMatcher`` without its autojunk heuristic
when it is small, and is anchored on its rarest lines (the k-th occurrence with the k-th) when it
is large. This is fast on long files, and reads well: a moved paragraph never pulls unrelated
blank lines along.

Word level: inside a ``replace`` chunk, lines are paired (in order, similar lines first), and
each pair is split into words, runs of whitespace and single punctuation marks, and matched by
``SequenceMatcher``. Word-level work is skipped, with a note in ``TextDiff.notes``, when the
changed lines are too long (see ``MAX_WORD_DIFF_CHARS`` and ``MAX_WORD_DIFF_LINE``).

Options (``DiffOptions``): ``ignore_whitespace`` compares lines and words with all whitespace
taken out (and line breaks: CRLF and LF lines compare equal), like ``git diff -w``;
``ignore_case`` compares case-folded text; ``ignore_blank_lines`` does not count a change that
only adds or removes blank lines, like ``git diff --ignore-blank-lines``: such a chunk stays in
``TextDiff.chunks`` (so that the chunks still cover both texts) but is left out of
``TextDiff.changes``.

Cancelling: ``diff_texts``, ``diff_lines`` and ``match_sequences`` take ``cancel``, a
``CancelToken`` checked at loop boundaries (each region the matcher splits, each longest match
inside a region without unique lines, each changed chunk and line pair); when it is cancelled they
raise ``Cancelled``. Without a token they never stop early.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from persona_studio.core.jobs import CancelToken, checker

__all__ = [
    "DELETE",
    "EQUAL",
    "INSERT",
    "MAX_WORD_DIFF_CHARS",
    "MAX_WORD_DIFF_LINE",
    "REPLACE",
    "DiffChunk",
    "DiffOptions",
    "Hunk",
    "HunkLine",
    "LinePair",
    "TextDiff",
    "diff_lines",
    "diff_texts",
    "diff_words",
    "line_content",
    "match_sequences",
    "split_lines",
    "unified_diff",
]

MAX_WORD_DIFF_CHARS = 200_000
"""Word-level work is skipped when the paired changed lines hold more characters than this."""

MAX_WORD_DIFF_LINE = 10_000
"""A pair of lines longer than this (both lines together) gets no word-level diff."""

_MAX_PAIRING = 400
"""A replace chunk with more line combinations than this pairs its lines in order."""

_MAX_FALLBACK = 4_000_000
"""A gap without unique items up to this size (items of A x items of B) goes to difflib; a
larger one is anchored on its rarest items instead."""

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
_TOKEN_NO_SPACE_RE = re.compile(r"\w+|[^\w\s]")
_WORD_RE = re.compile(r"\w+")

EQUAL = "equal"
REPLACE = "replace"
DELETE = "delete"
INSERT = "insert"


class DiffChunk(NamedTuple):
    """One difflib opcode: ``a[start_a:end_a]`` is ``tag`` to ``b[start_b:end_b]``."""

    tag: str
    start_a: int
    end_a: int
    start_b: int
    end_b: int


@dataclass(frozen=True, slots=True)
class DiffOptions:
    ignore_whitespace: bool = False
    ignore_blank_lines: bool = False
    ignore_case: bool = False


@dataclass(frozen=True, slots=True)
class LinePair:
    """A changed line of A paired with a changed line of B, and their word-level chunks.

    ``text_a`` and ``text_b`` are the lines without line breaks; ``chunks`` cover both in
    character offsets. With the options that ignore case or whitespace, an ``equal`` chunk may
    differ in length on the two sides.
    """

    line_a: int
    line_b: int
    text_a: str
    text_b: str
    chunks: tuple[DiffChunk, ...]

    @property
    def spans_a(self) -> tuple[tuple[int, int], ...]:
        """The changed character ranges of line A: what a viewer marks as removed."""
        return _highlights(self.chunks, self.text_a, "a")

    @property
    def spans_b(self) -> tuple[tuple[int, int], ...]:
        """The changed character ranges of line B: what a viewer marks as added."""
        return _highlights(self.chunks, self.text_b, "b")


@dataclass(frozen=True, slots=True)
class HunkLine:
    """One line of a unified hunk: kind " " (context), "-" (from A) or "+" (from B).

    ``text`` has no line break; ``no_newline`` is True for a last line without one.
    ``highlights`` are the word-level changed ranges of ``text`` (empty when the whole line
    changed or word-level work was skipped).
    """

    kind: str
    a_index: int | None
    b_index: int | None
    text: str
    no_newline: bool = False
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Hunk:
    """A group of changes with context; starts are 0-based line indexes."""

    a_start: int
    a_count: int
    b_start: int
    b_count: int
    lines: tuple[HunkLine, ...]

    @property
    def header(self) -> str:
        return f"@@ -{_range(self.a_start, self.a_count)} +{_range(self.b_start, self.b_count)} @@"


def _range(start: int, count: int) -> str:
    # The unified format: 1-based start; an empty range names the line before it.
    first = start + 1 if count else start
    return str(first) if count == 1 else f"{first},{count}"


@dataclass(frozen=True)
class TextDiff:
    """The difference between two texts, by lines and by words.

    ``a_lines`` and ``b_lines`` keep their line breaks. ``chunks`` cover both texts;
    ``changes`` are the non-equal chunks that count under the options. ``pairs`` are the changed
    line pairs with word-level chunks. ``notes`` say what was skipped and why.
    """

    a_lines: tuple[str, ...]
    b_lines: tuple[str, ...]
    chunks: tuple[DiffChunk, ...]
    changes: tuple[DiffChunk, ...]
    pairs: tuple[LinePair, ...]
    options: DiffOptions = DiffOptions()
    notes: tuple[str, ...] = ()
    _by_a: dict[int, LinePair] = field(default_factory=dict, repr=False, compare=False)
    _by_b: dict[int, LinePair] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for pair in self.pairs:
            self._by_a[pair.line_a] = pair
            self._by_b[pair.line_b] = pair

    @property
    def equal(self) -> bool:
        return not self.changes

    def pair_of_a(self, line: int) -> LinePair | None:
        return self._by_a.get(line)

    def pair_of_b(self, line: int) -> LinePair | None:
        return self._by_b.get(line)

    def hunks(self, context: int = 3) -> tuple[Hunk, ...]:
        """The changes grouped into unified-diff hunks with ``context`` lines around them."""
        return tuple(_hunks(self, max(0, context)))


# ------------------------------------------------------------------------------------ lines


def split_lines(text: str) -> list[str]:
    """Lines with their line breaks (``\\r\\n``, ``\\r`` or ``\\n``, as the document reads them)."""
    if "\r" not in text:
        lines = text.split("\n")
        last = lines.pop()
        result = [line + "\n" for line in lines]
        if last:
            result.append(last)
        return result
    return _LINE_RE.findall(text)


def line_content(line: str) -> str:
    """A line without its line break."""
    if line.endswith("\n"):
        return line[:-2] if line.endswith("\r\n") else line[:-1]
    return line[:-1] if line.endswith("\r") else line


def _line_keys(
    lines_a: Sequence[str], lines_b: Sequence[str], options: DiffOptions
) -> tuple[list[int], list[int]]:
    """Each line as an int; lines equal under the options get the same int."""
    ids: dict[str, int] = {}
    setdefault = ids.setdefault
    if not options.ignore_whitespace and not options.ignore_case:
        keys_a = [setdefault(line, len(ids)) for line in lines_a]
        keys_b = [setdefault(line, len(ids)) for line in lines_b]
        return keys_a, keys_b
    normalize = _normalizer(options)
    keys_a = [setdefault(normalize(line), len(ids)) for line in lines_a]
    keys_b = [setdefault(normalize(line), len(ids)) for line in lines_b]
    return keys_a, keys_b


def _normalizer(options: DiffOptions) -> Callable[[str], str]:
    if options.ignore_whitespace and options.ignore_case:
        return lambda text: "".join(text.split()).casefold()
    if options.ignore_whitespace:
        return lambda text: "".join(text.split())
    if options.ignore_case:
        return str.casefold
    return str


def diff_lines(
    lines_a: Sequence[str],
    lines_b: Sequence[str],
    options: DiffOptions | None = None,
    *,
    cancel: CancelToken | None = None,
) -> list[DiffChunk]:
    """Chunks that cover both lists of lines (difflib's ``get_opcodes()`` form)."""
    keys_a, keys_b = _line_keys(lines_a, lines_b, options or DiffOptions())
    return match_sequences(keys_a, keys_b, cancel=cancel)


# ----------------------------------------------------------------------------- the matcher


def match_sequences(
    a: Sequence[Hashable], b: Sequence[Hashable], *, cancel: CancelToken | None = None
) -> list[DiffChunk]:
    """difflib-compatible opcodes for two sequences of hashable items (patience diff)."""
    return _opcodes(_matching_blocks(a, b, checker(cancel)), len(a), len(b))


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


def _opcodes(blocks: list[tuple[int, int, int]], len_a: int, len_b: int) -> list[DiffChunk]:
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


# ------------------------------------------------------------------------------------ words


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
        for tag, i1, i2, j1, j2 in _opcodes(_join(blocks), n_a, n_b)
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


def _highlights(
    chunks: Sequence[DiffChunk], text: str, side: Literal["a", "b"]
) -> tuple[tuple[int, int], ...]:
    """The changed ranges of one side: whitespace trimmed off their ends, and ranges with only
    whitespace between them joined."""
    spans: list[tuple[int, int]] = []
    for chunk in chunks:
        start, end = (chunk.start_a, chunk.end_a) if side == "a" else (chunk.start_b, chunk.end_b)
        if chunk.tag == EQUAL or start == end:
            continue
        piece = text[start:end]
        if piece.strip():
            start += len(piece) - len(piece.lstrip())
            end -= len(piece) - len(piece.rstrip())
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return tuple(spans)


# ------------------------------------------------------------------------------- the result


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


# ------------------------------------------------------------------------------------ hunks


def _hunks(diff: TextDiff, context: int) -> Iterator[Hunk]:
    chunks = diff.chunks
    counted = set(diff.changes)
    indexes = [k for k, chunk in enumerate(chunks) if chunk in counted]
    if not indexes:
        return
    # Group changes whose gap (equal or ignored lines between them) is small.
    groups: list[list[int]] = [[indexes[0], indexes[0]]]
    for k in indexes[1:]:
        gap = sum(
            max(c.end_a - c.start_a, c.end_b - c.start_b) for c in chunks[groups[-1][1] + 1 : k]
        )
        if gap <= 2 * context:
            groups[-1][1] = k
        else:
            groups.append([k, k])
    for first, last in groups:
        lines: list[HunkLine] = []
        a_start, b_start = chunks[first].start_a, chunks[first].start_b
        a_end, b_end = chunks[last].end_a, chunks[last].end_b
        before = chunks[first - 1] if first > 0 else None
        if before is not None and before.tag == EQUAL and context:
            lead = min(context, before.end_a - before.start_a)
            a_start -= lead
            b_start -= lead
            lines.extend(_context(diff, before.end_a - lead, before.end_b - lead, lead))
        for chunk in chunks[first : last + 1]:
            if chunk.tag == EQUAL:
                lines.extend(
                    _context(diff, chunk.start_a, chunk.start_b, chunk.end_a - chunk.start_a)
                )
            else:
                lines.extend(_changed(diff, chunk))
        after = chunks[last + 1] if last + 1 < len(chunks) else None
        if after is not None and after.tag == EQUAL and context:
            trail = min(context, after.end_a - after.start_a)
            lines.extend(_context(diff, after.start_a, after.start_b, trail))
            a_end += trail
            b_end += trail
        yield Hunk(a_start, a_end - a_start, b_start, b_end - b_start, tuple(lines))


def _context(diff: TextDiff, start_a: int, start_b: int, count: int) -> Iterator[HunkLine]:
    for k in range(count):
        line = diff.a_lines[start_a + k]
        content = line_content(line)
        yield HunkLine(" ", start_a + k, start_b + k, content, content == line)


def _changed(diff: TextDiff, chunk: DiffChunk) -> Iterator[HunkLine]:
    for i in range(chunk.start_a, chunk.end_a):
        line = diff.a_lines[i]
        content = line_content(line)
        pair = diff.pair_of_a(i)
        marks = pair.spans_a if pair is not None else ()
        yield HunkLine("-", i, None, content, content == line, marks)
    for j in range(chunk.start_b, chunk.end_b):
        line = diff.b_lines[j]
        content = line_content(line)
        pair = diff.pair_of_b(j)
        marks = pair.spans_b if pair is not None else ()
        yield HunkLine("+", None, j, content, content == line, marks)


def unified_diff(
    diff: TextDiff, a_name: str = "a", b_name: str = "b", context: int = 3
) -> Iterator[str]:
    """The unified diff's lines, each ending with "\\n" (nothing when the texts are equal)."""
    hunks = diff.hunks(context)
    if not hunks:
        return
    yield f"--- {a_name}\n"
    yield f"+++ {b_name}\n"
    for hunk in hunks:
        yield hunk.header + "\n"
        for line in hunk.lines:
            yield f"{line.kind}{line.text}\n"
            if line.no_newline:
                yield "\\ No newline at end of file\n"
