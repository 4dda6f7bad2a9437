"""The forked second process of `lint_paths` (Linux): every chunk once and in order, a failure in
the child raised in the caller, a stop that ends the child rather than waiting for it, and
results without their texts when the caller reads none."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from persona_studio.core.lint import forked, lint_paths
from persona_studio.core.lint.runner import PARALLEL_THRESHOLD

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def test_each_chunk_once_in_order_from_either_process(tmp_path: Path) -> None:
    chunks = [[f"{number}-{part}" for part in range(3)] for number in range(200)]
    pid = os.getpid()
    taken = tmp_path / "taken"  # the child has taken a chunk

    def lint_one(path: str) -> tuple[str, bool]:
        deadline = time.monotonic() + 30
        while not taken.exists() and time.monotonic() < deadline:
            time.sleep(0.01)  # this process waits for the child to take chunks too
        return path, os.getpid() == pid

    def lint_chunk(paths: list[str]) -> list[tuple[str, bool]]:
        taken.touch()
        return [(path, os.getpid() == pid) for path in paths]

    found = [
        item
        for results in forked.run(chunks, lint_chunk, lint_one, lambda: None)
        for item in results
    ]
    assert [path for path, _ in found] == [path for chunk in chunks for path in chunk]
    here = {here for _, here in found}
    assert here == {True, False}  # both processes took chunks


def test_a_failure_in_the_child_is_raised_here(tmp_path: Path) -> None:
    taken = tmp_path / "taken"  # the child has taken a chunk

    def lint_one(path: str) -> str:
        deadline = time.monotonic() + 30
        while not taken.exists() and time.monotonic() < deadline:
            time.sleep(0.01)  # the child takes the other chunk meanwhile
        return path

    def lint_chunk(paths: list[str]) -> list[str]:
        taken.touch()
        raise ValueError(f"cannot lint {paths[0]}")

    with pytest.raises(ValueError, match=r"cannot lint [ab]"):
        list(forked.run([["a"], ["b"]], lint_chunk, lint_one, lambda: None))
    assert taken.exists()


def test_a_stop_ends_the_child_rather_than_waiting_for_it(tmp_path: Path) -> None:
    started, finished = tmp_path / "started", tmp_path / "finished"

    def lint_chunk(paths: list[str]) -> list[str]:
        started.write_text(str(os.getpid()))
        time.sleep(60)
        finished.touch()
        return paths

    calls: list[None] = []

    def before_file() -> None:  # a stop asked for once the child is in its chunk
        calls.append(None)
        if len(calls) == 2:
            deadline = time.monotonic() + 30
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        list(forked.run([["a"], ["b"], ["c"]], lint_chunk, lambda path: path, before_file))
    child = int(started.read_text())
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(child, 0)
    assert not finished.exists()


def test_without_texts_the_same_findings_and_no_text(
    tmp_path: Path, library_files: list[Path]
) -> None:
    paths = []
    for number in range(PARALLEL_THRESHOLD + 10):
        source = library_files[number % len(library_files)]
        target = tmp_path / f"{number:03d}-{source.name}"
        shutil.copyfile(source, target)
        paths.append(str(target))
    with_texts = list(lint_paths(paths, jobs=2))
    without = list(lint_paths(paths, jobs=2, texts=False))
    assert [r.diagnostics for r in without] == [r.diagnostics for r in with_texts]
    assert all(r.text is not None for r in with_texts)
    assert all(r.text is None for r in without)


def test_not_while_another_thread_runs() -> None:
    """A thread could hold a lock at the fork that the child would then wait for forever: the
    process pool lints beside a running thread."""
    import threading

    before = forked.available()
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not forked.available()
    finally:
        release.set()
        thread.join()
    assert forked.available() == before
