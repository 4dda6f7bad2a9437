"""Computing a comparison: on the spot for small texts, on a worker thread for large ones.

``compute`` is plain Python (the text diff, both parses, the semantic diff, the figures and both
layouts); ``DiffJob`` runs it on a ``QThreadPool`` and reports through a ``DiffSignals`` object
that lives on the GUI thread. Python cannot stop a running computation, so cancelling a job
drops its result: the window forgets the job and never shows what it finds.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from persona_studio.core.diff import DiffOptions, TextDiff, diff_texts
from persona_studio.core.diffview.layout import Layout, side_by_side, unified
from persona_studio.core.document import Document, parse
from persona_studio.core.errors import PersonaStudioError
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
    text_a: str, text_b: str, options: DiffOptions, *, match_renamed: bool = True
) -> DiffResult:
    """Compare two texts by lines, words and meaning, and lay the result out for the panes."""
    diff = diff_texts(text_a, text_b, options)
    document_a, document_b = parse(text_a), parse(text_b)
    semantic = semantic_diff(document_a, document_b, options=options, match_renamed=match_renamed)
    return DiffResult(
        text_a=text_a,
        text_b=text_b,
        diff=diff,
        document_a=document_a,
        document_b=document_b,
        semantic=semantic,
        figures=figures(diff),
        side_by_side=side_by_side(diff),
        unified=unified(diff),
    )


class DiffSignals(QObject):
    """Lives on the GUI thread; a job emits from its worker thread (queued to the GUI)."""

    finished = Signal(int, object)  # job number, DiffResult
    failed = Signal(int, str)  # job number, message


class DiffJob(QRunnable):
    """One comparison on a pool thread. ``cancel()`` makes it drop its result."""

    def __init__(
        self,
        number: int,
        signals: DiffSignals,
        text_a: str,
        text_b: str,
        options: DiffOptions,
        match_renamed: bool,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.number = number
        self._signals = signals
        self._texts = (text_a, text_b)
        self._options = options
        self._match_renamed = match_renamed
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def run(self) -> None:
        try:
            result = compute(*self._texts, self._options, match_renamed=self._match_renamed)
        except PersonaStudioError as error:
            self._emit_failed(error.message)
            return
        except Exception:  # a bug: report it in the window rather than lose it on a thread
            self._emit_failed("The comparison failed:\n" + traceback.format_exc(limit=3))
            return
        if not self.cancelled:
            self._signals.finished.emit(self.number, result)

    def _emit_failed(self, message: str) -> None:
        if not self.cancelled:
            self._signals.failed.emit(self.number, message)
