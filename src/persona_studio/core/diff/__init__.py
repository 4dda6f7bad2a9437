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

The pieces: ``model`` (the data), ``matcher`` (patience diff), ``lines``, ``words``, ``texts``
(``diff_texts``) and ``result`` (``TextDiff`` and the unified hunks).
"""

from persona_studio.core.diff.lines import diff_lines, line_content, split_lines
from persona_studio.core.diff.matcher import match_sequences
from persona_studio.core.diff.model import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    DiffChunk,
    DiffOptions,
    Hunk,
    HunkLine,
    LinePair,
)
from persona_studio.core.diff.result import TextDiff, unified_diff
from persona_studio.core.diff.texts import MAX_WORD_DIFF_CHARS, MAX_WORD_DIFF_LINE, diff_texts
from persona_studio.core.diff.words import diff_words

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
