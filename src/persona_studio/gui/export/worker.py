"""Runs a batch of per-file jobs off the GUI thread, with progress and cancel.

A job is a plain callable that takes a keyword ``cancel`` (a ``CancelToken``) and returns its
result (the export plan's ``plan_item`` or ``write_item``); jobs never touch widgets. A handful
of jobs runs at once on the calling thread; more run as one job of the runner's ``Background``:
the worker reports each result to the GUI thread as it comes, so the window stays responsive.
Cancel stops the batch at the next check of its token: between files, or inside the current one
where it checks (a plan's diff of a long existing file; never during a write). Starting a new
batch supersedes the running one, whose late results are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from persona_studio.core.jobs import Cancelled, CancelToken
from persona_studio.gui.editor.background import Background
from persona_studio.gui.editor.background import Job as Work

SYNC_LIMIT = 5
"""Up to this many jobs run at once on the GUI thread; more run in the worker."""

Job = tuple[int, Callable[..., object]]


def _call(job: Callable[..., object], token: CancelToken) -> object:
    try:
        return job(cancel=token)
    except Exception as error:  # a bug in one job must not stop the batch (Cancelled does)
        return error


class BatchRunner(QObject):
    """Runs jobs in order and reports each result; ``cancel`` stops the batch early."""

    started = Signal(int)  # total, when the batch runs in the worker
    itemDone = Signal(int, object)  # index, result (an Exception when the job raised)
    progress = Signal(int, int)  # done, total
    finished = Signal(bool)  # cancelled

    def __init__(self, parent: QObject | None = None, sync_limit: int = SYNC_LIMIT) -> None:
        super().__init__(parent)
        self.sync_limit = sync_limit
        self.background = Background(self)
        self._done = 0
        self._total = 0

    @property
    def busy(self) -> bool:
        """True while a batch runs in the worker (until its end is delivered)."""
        return self.background.busy

    @property
    def cancelling(self) -> bool:
        current = self.background.current
        return current is not None and current.cancelled

    @property
    def idle(self) -> bool:
        """The worker thread runs nothing."""
        return self.background.idle

    def start(self, jobs: Sequence[Job]) -> None:
        """Run ``jobs``; a running batch is stopped and its remaining results are dropped."""
        self.background.drop()
        self._done, self._total = 0, len(jobs)
        if len(jobs) <= self.sync_limit:
            token = CancelToken()
            for index, job in jobs:
                self._item((index, _call(job, token)))
            self.finished.emit(False)
            return
        batch = list(jobs)

        def work(job: Work) -> None:
            for index, one in batch:
                job.raise_if_cancelled()
                job.report((index, _call(one, job.token)))

        self.background.submit(work, self._finished, self._item)
        self.started.emit(len(jobs))

    def cancel(self) -> None:
        """Stop the running batch (its finished signal says cancelled)."""
        self.background.cancel()

    def wait(self) -> None:
        """Cancel and wait for the worker to stop (before the owner goes away)."""
        self.cancel()
        self.background.wait()

    def _item(self, done: tuple[int, object]) -> None:
        index, result = done
        self._done += 1
        self.itemDone.emit(index, result)
        self.progress.emit(self._done, self._total)

    def _finished(self, _result: object, error: BaseException | None) -> None:
        if error is not None and not isinstance(error, Cancelled):
            raise error  # a bug in the batch itself (each job's own errors are its results)
        self.finished.emit(error is not None)
