"""The forked second process of `lint_paths` (Linux): every chunk once and in order, a failure in
the child raised in the caller, a stop that ends the child rather than waiting for it, and
results without their texts when the caller reads none."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from persona_studio.core.lint import forked, lint_paths
from persona_studio.core.lint.runner import PARALLEL_THRESHOLD

pytestmark = pytest.mark.skipif(not forked.available(), reason="forks only on Linux")


def test_each_chunk_once_in_order_from_either_process() -> None:
    chunks = [[f"{number}-{part}" for part in range(3)] for number in range(200)]
    pid = os.getpid()

    def lint_one(path: str) -> tuple[str, bool]:
        time.sleep(0.001)  # the child has time to start and take chunks too
        return path, os.getpid() == pid

    def lint_chunk(paths: list[str]) -> list[tuple[str, bool]]:
        return [lint_one(path) for path in paths]

    found = [
        item
        for results in forked.run(chunks, lint_chunk, lint_one, lambda: None)
        for item in results
    ]
    assert [path for path, _ in found] == [path for chunk in chunks for path in chunk]
    here = {here for _, here in found}
    assert here == {True, False}  # both processes took chunks


def test_a_failure_in_the_child_is_raised_here() -> None:
    def lint_one(path: str) -> str:
        time.sleep(0.5)  # the child takes the second chunk meanwhile
        return path

    def lint_chunk(paths: list[str]) -> list[str]:
        raise ValueError(f"cannot lint {paths[0]}")

    with pytest.raises(ValueError, match="cannot lint b"):
        list(forked.run([["a"], ["b"]], lint_chunk, lint_one, lambda: None))


def test_a_stop_ends_the_child_at_once() -> None:
    def lint_chunk(paths: list[str]) -> list[str]:
        time.sleep(60)
        return paths

    calls: list[None] = []

    def before_file() -> None:  # a stop asked for before this process's second file
        calls.append(None)
        if len(calls) == 2:
            raise KeyboardInterrupt

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        list(forked.run([["a"], ["b"], ["c"]], lint_chunk, lambda path: path, before_file))
    assert time.monotonic() - start < 10  # the child's chunk was not waited for


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
