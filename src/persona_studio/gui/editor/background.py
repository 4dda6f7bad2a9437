"""The one way the GUI runs work off its thread: ``Background``, with generations and a cancel
token per job.

A ``Background`` belongs to one owner (a session, a preview, the diff window, the export dialog,
the library panel) and runs that owner's work on its own worker thread, one job at a time.
``submit(work, on_done, on_report)`` returns a ``Job`` at once, and the worker calls
``work(job)``. Work gets plain data, never widgets or QTextDocuments; it hands ``job.token`` to
the core functions it calls (they check it at their loop boundaries and raise ``Cancelled``), and
may send partial results to the GUI thread with ``job.report(value)``.

Generations: a submission supersedes every job before it. The older job's token is cancelled, so
it stops at its next check (or never starts), and nothing of it is delivered any more, neither
its reports nor its end: a superseded result never reaches the owner.

Delivery, on the thread that owns the Background (the GUI thread): ``on_report(value)`` for each
report of the newest job, then once ``on_done(result, error)``, where ``error`` is None when the
work returned, the exception it raised, or ``Cancelled`` when ``cancel()`` stopped it.
``busy`` is True from ``submit`` until that delivery. ``drop()`` stops the newest job too, and
delivers nothing of it (for an owner that forgets the job at once, as the diff window does).

Cancel stops the work itself: the worker thread is idle again as soon as the work reaches its
next check (``idle``, ``wait``), not when the work would have finished. When the owner goes away,
the running job is cancelled, then waited for, and delivers nothing.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal

from persona_studio.core.jobs import Cancelled, CancelToken

Done = Callable[[Any, BaseException | None], None]
Report = Callable[[Any], None]

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"

# While a job runs, the GUI thread shares Python's lock with it: each time the GUI thread comes
# back from Qt it may wait for the worker to hand the lock over, by default up to 5 ms, and a
# repaint comes back from Qt many times. While a job runs the hand-over is asked for sooner.
SWITCH_INTERVAL_S = 0.0002
_lock = threading.Lock()
_running = {"jobs": 0, "interval": sys.getswitchinterval()}
_every: weakref.WeakSet[Background] = weakref.WeakSet()  # for finish_all() at the program's end


@contextlib.contextmanager
def _yielding_to_the_gui() -> Iterator[None]:
    with _lock:
        if _running["jobs"] == 0:
            _running["interval"] = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        _running["jobs"] += 1
    try:
        yield
    finally:
        with _lock:
            _running["jobs"] -= 1
            if _running["jobs"] == 0:
                sys.setswitchinterval(_running["interval"])


class _Token(CancelToken):
    """A job's token: cancelled by the owner, or by the owner going away (its Background's
    sentinel, a child deleted before the pool that waits for the worker, is gone). No Python
    code runs on the destroyed signal: the worker looks at the sentinel itself."""

    __slots__ = ("_sentinel",)

    def __init__(self, sentinel: QObject) -> None:
        super().__init__()
        self._sentinel = sentinel

    @property
    def cancelled(self) -> bool:
        return self._cancelled or not shiboken6.isValid(self._sentinel)

    def raise_if_cancelled(self) -> None:
        if self._cancelled or not shiboken6.isValid(self._sentinel):
            raise Cancelled()


class Job:
    """One submission: its generation, its cancel token, and how it ended.

    ``state`` is set by the worker: QUEUED, RUNNING, then DONE (the work returned), FAILED (it
    raised) or CANCELLED (it stopped with ``Cancelled``, or was cancelled before it started).
    """

    __slots__ = ("_on_done", "_on_report", "_reported", "generation", "state", "token")

    def __init__(
        self,
        generation: int,
        token: CancelToken,
        reported: Any,
        on_done: Done | None,
        on_report: Report | None,
    ) -> None:
        self.generation = generation
        self.token = token
        self.state = QUEUED
        self._reported = reported  # the Background's signal (emitted from the worker)
        self._on_done = on_done
        self._on_report = on_report

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED, CANCELLED)

    def cancel(self) -> None:
        """Ask the work to stop at its next check (from any thread)."""
        self.token.cancel()

    def raise_if_cancelled(self) -> None:
        self.token.raise_if_cancelled()

    def report(self, value: Any) -> None:
        """From the work: hand ``value`` to the owner's ``on_report`` on the GUI thread (dropped
        when this job has been superseded)."""
        reported = self._reported
        if reported is not None:
            with contextlib.suppress(RuntimeError):  # the Background was deleted meanwhile
                reported.emit(self, value)

    def __repr__(self) -> str:
        return f"Job(generation={self.generation}, state={self.state!r})"


class Background(QObject):
    """Runs its owner's jobs on one worker thread; the newest job supersedes the others."""

    _reported = Signal(object, object)  # job, value
    _ended = Signal(object, object, object)  # job, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Children are deleted in the order they were made: the sentinel first (every token
        # reads as cancelled from then on), then the pool, which waits for the worker.
        self._sentinel = QObject(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._current: Job | None = None  # the newest job, until its end is delivered
        self._reported.connect(self._deliver_report)
        self._ended.connect(self._deliver_end)
        _every.add(self)

    # -- state -------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """The newest job is queued or running, or its end is not delivered yet."""
        return self._current is not None

    @property
    def current(self) -> Job | None:
        """The newest job, until its end is delivered."""
        return self._current

    @property
    def idle(self) -> bool:
        """The worker thread runs nothing (a cancelled job has really stopped)."""
        return self._pool.activeThreadCount() == 0

    # -- submitting and stopping ---------------------------------------------------------------
    def submit(
        self,
        work: Callable[[Job], Any],
        on_done: Done | None = None,
        on_report: Report | None = None,
    ) -> Job:
        """Run ``work(job)`` on the worker; every job before it is cancelled and forgotten."""
        self._stop(self._current)
        self._generation += 1
        token = _Token(self._sentinel)
        job = Job(self._generation, token, self._reported, on_done, on_report)
        self._current = job
        ended = self._ended

        def run() -> None:
            result: Any = None
            error: BaseException | None = None
            if job.token.cancelled:  # superseded or cancelled before it started
                job.state, error = CANCELLED, Cancelled()
            else:
                job.state = RUNNING
                try:
                    with _yielding_to_the_gui():
                        result = work(job)
                    job.state = DONE
                except Cancelled as stopped:
                    job.state, error = CANCELLED, stopped
                except Exception as exc:  # handed to on_done: a failed job must not kill the thread
                    job.state, error = FAILED, exc
            job._reported = None  # no report after the end
            with contextlib.suppress(RuntimeError):  # the Background was deleted meanwhile
                ended.emit(job, result, error)

        self._pool.start(run)
        return job

    def cancel(self) -> None:
        """Stop the newest job at its next check; its ``on_done`` then gets ``Cancelled`` (or
        its result, when it finished before it saw the token)."""
        if self._current is not None:
            self._current.cancel()

    def drop(self) -> None:
        """Stop the newest job at its next check and deliver nothing more of it."""
        self._stop(self._current)
        self._current = None

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (True), or ``msecs`` passed (False). What it found is
        delivered at the next turn of the event loop."""
        return self._pool.waitForDone(msecs)

    def settle(self, msecs: int = 20_000) -> bool:
        """Wait, turning the event loop, until the worker is idle and what it found is delivered
        (True), or ``msecs`` passed (False). For scripts and tests that drive a panel."""
        from PySide6.QtCore import QDeadlineTimer
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(msecs)
        while self.busy and not deadline.hasExpired():
            self.wait(50)
            QApplication.processEvents()
        return not self.busy

    @staticmethod
    def _stop(job: Job | None) -> None:
        if job is not None:
            job.cancel()

    # -- delivery, on the GUI thread -----------------------------------------------------------
    def _deliver_report(self, job: Job, value: Any) -> None:
        if job is self._current and job._on_report is not None:
            job._on_report(value)

    def _deliver_end(self, job: Job, result: Any, error: BaseException | None) -> None:
        if job is not self._current:
            return  # superseded or dropped: its end is nobody's business
        self._current = None
        on_done, job._on_done, job._on_report = job._on_done, None, None  # keep nothing alive
        if on_done is not None:
            on_done(result, error)


def finish_all() -> None:
    """At the program's end, when it leaves without tearing its objects down: what deleting
    every Background would do (its running job cancelled, then waited for; nothing delivered)."""
    for background in list(_every):
        if shiboken6.isValid(background) and shiboken6.isValid(background._pool):
            background.drop()
            background.wait()
