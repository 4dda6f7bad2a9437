"""The one background mechanism: work on a worker thread, results on the GUI thread, the newest
submission superseding the older ones, and Cancel that stops the work itself."""

from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject

from persona_studio.core.jobs import Cancelled
from persona_studio.gui.editor.background import CANCELLED, DONE, FAILED, Background, Job

LONG_S = 5.0  # what the slow work below would take if nothing stopped it


def slow(steps: int = 500, pause: float = LONG_S / 500):
    """Work that checks its token between short steps, as the core's long loops do."""

    def work(job: Job) -> int:
        for step in range(steps):
            job.raise_if_cancelled()
            time.sleep(pause)
            job.report(step)
        return steps

    return work


@pytest.fixture
def background(qtbot) -> Background:
    owner = QObject()
    made = Background(owner)
    yield made
    made.drop()
    made.wait(5000)
    shiboken6.delete(owner)


def test_work_runs_on_the_worker_and_its_result_comes_back_on_the_gui_thread(qtbot, background):
    threads = []
    delivered = []

    def work(job: Job) -> str:
        threads.append(threading.current_thread())
        return "found"

    job = background.submit(work, lambda result, error: delivered.append((result, error)))
    assert background.busy and background.current is job
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert delivered == [("found", None)]
    assert threads and threads[0] is not threading.main_thread()
    assert job.state == DONE and job.finished and not background.busy


def test_a_failure_is_delivered_as_the_error(qtbot, background):
    delivered = []

    def work(job: Job) -> None:
        raise ValueError("a bug")

    job = background.submit(work, lambda result, error: delivered.append(error))
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert isinstance(delivered[0], ValueError) and job.state == FAILED


def test_reports_arrive_in_order_before_the_end(qtbot, background):
    events = []

    def work(job: Job) -> str:
        for value in range(5):
            job.report(value)
        return "end"

    background.submit(work, lambda result, error: events.append(result), events.append)
    qtbot.waitUntil(lambda: "end" in events, timeout=5000)
    assert events == [0, 1, 2, 3, 4, "end"]


def test_a_newer_submission_supersedes_and_stops_the_older_one(qtbot, background):
    delivered = []
    reports = []
    first = background.submit(
        slow(), lambda r, e: delivered.append(("first", r, e)), reports.append
    )
    qtbot.waitUntil(lambda: first.state == "running", timeout=5000)
    started = time.perf_counter()
    second = background.submit(lambda job: "second", lambda r, e: delivered.append(("second", r)))
    assert first.cancelled and not second.cancelled
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert time.perf_counter() - started < 1.0  # the first stopped: it did not run its 5 s
    qtbot.wait(50)
    assert delivered == [("second", "second")]  # the first's end is never delivered
    assert first.state == CANCELLED
    assert second.generation == first.generation + 1
    count = len(reports)
    qtbot.wait(50)
    assert len(reports) == count  # and no late report of it either


def test_jobs_superseded_before_they_start_never_run(qtbot, background):
    ran = []
    jobs = [background.submit(lambda job, n=n: ran.append(n)) for n in range(5)]
    assert background.wait(5000)
    assert ran[-1] == 4 and len(ran) <= 2  # the first may have started before the rest came
    assert all(job.state == CANCELLED for job in jobs[1:4])


def test_cancel_stops_the_work_and_the_worker_is_idle_at_once(qtbot, background):
    delivered = []
    job = background.submit(slow(), lambda r, e: delivered.append(e))
    qtbot.waitUntil(lambda: job.state == "running", timeout=5000)
    qtbot.wait(100)
    started = time.perf_counter()
    background.cancel()
    assert background.wait(5000)
    stopped = time.perf_counter() - started
    assert stopped < 0.5, f"the work went on for {stopped:.2f} s after Cancel"
    assert job.state == CANCELLED  # it ended early: it did not run to its end
    assert background.idle and background.busy  # the end is still to be delivered
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert isinstance(delivered[0], Cancelled) and not background.busy


def test_drop_delivers_nothing_and_is_not_busy_at_once(qtbot, background):
    delivered = []
    job = background.submit(slow(), lambda r, e: delivered.append(e), delivered.append)
    qtbot.waitUntil(lambda: job.state == "running", timeout=5000)
    background.drop()
    assert not background.busy and background.current is None
    assert background.wait(2000) and job.state == CANCELLED
    qtbot.wait(50)
    assert [item for item in delivered if not isinstance(item, int)] == []


def test_deleting_the_owner_stops_the_running_work(qtbot):
    owner = QObject()
    background = Background(owner)
    delivered = []
    job = background.submit(slow(), lambda r, e: delivered.append(e))
    qtbot.waitUntil(lambda: job.state == "running", timeout=5000)
    started = time.perf_counter()
    shiboken6.delete(owner)  # waits for the worker, which stops at its next check
    assert time.perf_counter() - started < 0.5
    assert job.state == CANCELLED
    qtbot.wait(20)
    assert delivered == []
