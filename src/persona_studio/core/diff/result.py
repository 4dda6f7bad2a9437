"""The result: ``TextDiff`` (a diff by lines and by words) and its unified hunks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from persona_studio.core.diff.lines import line_content
from persona_studio.core.diff.model import EQUAL, DiffChunk, DiffOptions, Hunk, HunkLine, LinePair

_NO_OPTIONS = DiffOptions()  # one shared default, as DiffOptions is frozen


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
    options: DiffOptions = _NO_OPTIONS
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
