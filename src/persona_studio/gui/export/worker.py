"""Runs a batch of per-file jobs off the GUI thread, with progress and cancel.

A job is a plain callable that returns its result (the export plan's ``plan_item`` or
``write_item``); jobs never touch widgets. A handful of jobs runs at once on the calling thread;
more go to a QRunnable on the runner's own one-thread pool, and their results come back through
queued signals, so the window stays responsive. Starting a new batch cancels the running one and
its late results are dropped (each batch has a generation number).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

SYNC_LIMIT = 5
"""Up to this many jobs run at once on the GUI thread; more run in the worker."""

Job = tuple[int, Callable[[], object]]


class _Signals(QObject):
    """Carries a task's results to the GUI thread (created there, emitted from the worker)."""

    itemDone = Signal(int, int, object)  # generation, index, result (or the exception raised)
    finished = Signal(int, bool)  # generation, cancelled


class _Task(QRunnable):
    def __init__(
        self, generation: int, jobs: Sequence[Job], signals: _Signals, stop: threading.Event
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._generation = generation
        self._jobs = list(jobs)
        self._signals = signals
        self._stop = stop

    def run(self) -> None:
        cancelled = False
        for index, job in self._jobs:
            if self._stop.is_set():
                cancelled = True
                break
            self._signals.itemDone.emit(self._generation, index, _call(job))
        self._signals.finished.emit(self._generation, cancelled)


def _call(job: Callable[[], object]) -> object:
    try:
        return job()
    except Exception as error:  # a bug in one job must not stop the batch
        return error


class BatchRunner(QObject):
    """Runs jobs in order and reports each result; ``cancel`` stops before the next job."""

    started = Signal(int)  # total, when the batch runs in the worker
    itemDone = Signal(int, object)  # index, result (an Exception when the job raised)
    progress = Signal(int, int)  # done, total
    finished = Signal(bool)  # cancelled

    def __init__(self, parent: QObject | None = None, sync_limit: int = SYNC_LIMIT) -> None:
        super().__init__(parent)
        self.sync_limit = sync_limit
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._stop: threading.Event | None = None
        self._running: dict[int, tuple[_Task, _Signals]] = {}
        self._retired: list[tuple[_Task, _Signals]] = []  # finished; freed at the next start
        self._done = 0
        self._total = 0

    @property
    def busy(self) -> bool:
        """True while a batch runs in the worker."""
        return self._generation in self._running

    @property
    def cancelling(self) -> bool:
        return self.busy and self._stop is not None and self._stop.is_set()

    def start(self, jobs: Sequence[Job]) -> None:
        """Run ``jobs``; a running batch is cancelled and its remaining results are dropped."""
        self.cancel()
        self._retired.clear()
        self._generation += 1
        self._done, self._total = 0, len(jobs)
        if len(jobs) <= self.sync_limit:
            for index, job in jobs:
                self._item(self._generation, index, _call(job))
            self.finished.emit(False)
            return
        self._stop = threading.Event()
        signals = _Signals()
        signals.itemDone.connect(self._item)
        signals.finished.connect(self._finished)
        task = _Task(self._generation, jobs, signals, self._stop)
        self._running[self._generation] = (task, signals)
        self.started.emit(len(jobs))
        self._pool.start(task)

    def cancel(self) -> None:
        """Stop the running batch before its next job (its finished signal says cancelled)."""
        if self._stop is not None:
            self._stop.set()

    def wait(self) -> None:
        """Cancel and wait for the worker to stop (before the owner goes away)."""
        self.cancel()
        self._pool.waitForDone()

    def _item(self, generation: int, index: int, result: object) -> None:
        if generation != self._generation:
            return
        self._done += 1
        self.itemDone.emit(index, result)
        self.progress.emit(self._done, self._total)

    def _finished(self, generation: int, cancelled: bool) -> None:
        done = self._running.pop(generation, None)
        if done is not None:
            self._retired.append(done)  # not freed inside its own signal
        if generation == self._generation:
            self._stop = None
            self.finished.emit(cancelled)
