"""Computing a comparison: on the spot for small texts, on the window's ``Background`` worker
for large ones.

``compute`` is plain Python (the text diff, both parses, the semantic diff, the figures and both
layouts). Given a cancel token it checks it between its steps and hands it to each core step,
which checks it at its own loop boundaries: Cancel in the diff window stops the computation
itself (``Cancelled``), not only its result.
"""

from __future__ import annotations

from dataclasses import dataclass

from persona_studio.core.diff import DiffOptions, TextDiff, diff_texts
from persona_studio.core.diffview.layout import Layout, side_by_side, unified
from persona_studio.core.document import Document, parse
from persona_studio.core.jobs import CancelToken, checker
from persona_studio.core.semantic_diff import Figures, SemanticDiff, figures, semantic_diff

ASYNC_LIMIT = 200_000
"""Texts longer than this (both together, in characters) are compared on a worker thread."""


@dataclass(frozen=True)
class DiffResult:
    """Everything a diff window shows for one pair of texts."""

    text_a: str
    text_b: str
    diff: TextDiff
    document_a: Document
    document_b: Document
    semantic: SemanticDiff
    figures: Figures
    side_by_side: Layout
    unified: Layout


def compute(
    text_a: str,
    text_b: str,
    options: DiffOptions,
    *,
    match_renamed: bool = True,
    cancel: CancelToken | None = None,
) -> DiffResult:
    """Compare two texts by lines, words and meaning, and lay the result out for the panes.
    ``cancel``: a token; ``Cancelled`` is raised soon after it is cancelled."""
    check = checker(cancel)
    diff = diff_texts(text_a, text_b, options, cancel=cancel)
    check()
    document_a = parse(text_a)
    check()
    document_b = parse(text_b)
    check()
    semantic = semantic_diff(
        document_a, document_b, options=options, match_renamed=match_renamed, cancel=cancel
    )
    return DiffResult(
        text_a=text_a,
        text_b=text_b,
        diff=diff,
        document_a=document_a,
        document_b=document_b,
        semantic=semantic,
        figures=figures(diff, cancel=cancel),
        side_by_side=side_by_side(diff, cancel=cancel),
        unified=unified(diff, cancel=cancel),
    )
