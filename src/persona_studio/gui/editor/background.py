"""A queue of jobs run in order on one worker thread, their results handed back on the GUI thread.

A job is a plain callable that never touches widgets or QTextDocuments (it gets plain data, such
as the text as a string). `submit` returns at once; the job runs on the queue's own one-thread
pool, and `on_done(result, error)` is called on the thread that owns the queue (the GUI thread)
once the job is over: `error` is the exception the job raised, or None. A queue that is deleted,
or whose owner is, delivers nothing more; `wait` blocks until the queued jobs have run (their
results are then delivered at the next turn of the event loop).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

Done = Callable[[Any, BaseException | None], None]

# While a job runs, the GUI thread shares Python's lock with it: each time the GUI thread comes
# back from Qt it may wait for the worker to hand the lock over, by default up to 5 ms, and a
# repaint comes back from Qt many times. While a job runs the hand-over is asked for sooner.
SWITCH_INTERVAL_S = 0.0002
_lock = threading.Lock()
_running = {"jobs": 0, "interval": sys.getswitchinterval()}


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


class BackgroundQueue(QObject):
    """Jobs run one after another, in the order submitted, off the GUI thread."""

    _finished = Signal(object, object, object)  # on_done, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)  # made first: deleted (and waited for) before the signal
        self._pool.setMaxThreadCount(1)
        self._pending = 0
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """A job is queued or running, or its result is not delivered yet."""
        return self._pending > 0

    def submit(self, job: Callable[[], Any], on_done: Done | None = None) -> None:
        self._pending += 1
        finished = self._finished

        def run() -> None:
            try:
                with _yielding_to_the_gui():
                    result, error = job(), None
            except Exception as exc:  # handed to on_done: a failed job must not kill the thread
                result, error = None, exc
            # RuntimeError: the queue was deleted meanwhile, and nobody is waiting.
            with contextlib.suppress(RuntimeError):
                finished.emit(on_done, result, error)

        self._pool.start(run)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every queued job has run (True), or `msecs` passed (False)."""
        return self._pool.waitForDone(msecs)

    def _deliver(self, on_done: Done | None, result: Any, error: BaseException | None) -> None:
        self._pending -= 1
        if on_done is not None:
            on_done(result, error)
