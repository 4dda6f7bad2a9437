"""`lint_paths` with several jobs: this process lints beside its workers, and the caller sees the
same thing as with one job: every file once, in the order given, the same findings, a progress
count that ends at the total, and a stop (``cancelled()`` or a cancel token) honoured."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from persona_studio.core.jobs import Cancelled, CancelToken
from persona_studio.core.lint import lint_paths
from persona_studio.core.lint.runner import PARALLEL_THRESHOLD

FILES = PARALLEL_THRESHOLD + 40


@pytest.fixture
def many_files(tmp_path: Path, library_files: list[Path]) -> list[str]:
    paths = []
    for number in range(FILES):
        source = library_files[number % len(library_files)]
        target = tmp_path / f"team-{number % 3}" / f"{number:03d}-{source.name}"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        if number % 5 == 0:  # findings to compare, some with fixes
            with target.open("a", encoding="utf-8") as handle:
                handle.write("\n#### Too deep\nUse #tool:nope and #tool:codebase.\n")
        paths.append(str(target))
    return paths


def test_two_jobs_give_every_file_once_in_order_with_the_same_findings(
    many_files: list[str],
) -> None:
    steps: list[tuple[int, int]] = []
    parallel = list(lint_paths(many_files, jobs=2, progress=lambda *step: steps.append(step)))
    serial = list(lint_paths(many_files, jobs=1))
    assert [r.path for r in parallel] == many_files
    assert parallel == serial
    assert any(d.fix is not None for r in parallel for d in r.diagnostics)
    done = [count for count, _ in steps]
    assert done == sorted(done) and steps[-1] == (FILES, FILES)


def test_two_jobs_stop_quietly_when_cancelled_says_so(many_files: list[str]) -> None:
    seen: list[str] = []
    for result in lint_paths(many_files, jobs=2, cancelled=lambda: len(seen) >= 50):
        seen.append(result.path)
    assert 50 <= len(seen) < FILES
    assert seen == many_files[: len(seen)]


def test_two_jobs_stop_on_the_token_after_the_results_so_far(many_files: list[str]) -> None:
    token = CancelToken()
    seen: list[str] = []
    with pytest.raises(Cancelled):
        for result in lint_paths(many_files, jobs=2, cancel=token):
            seen.append(result.path)
            if len(seen) == 120:
                token.cancel()
    assert 120 <= len(seen) < FILES
    assert seen == many_files[: len(seen)]


def test_without_fixes_the_findings_are_the_same_but_the_costly_fixes(
    many_files: list[str],
) -> None:
    """`lint` with a text report asks for no fixes: every finding is still there, word for word;
    the renamed tools' fixes (the ones that cost work to make) are left out."""
    with_fixes = list(lint_paths(many_files[:40], jobs=1))
    without = list(lint_paths(many_files[:40], jobs=1, fixes=False))

    def shown(results):
        return [
            (r.path, d.rule, d.severity, d.message, d.span) for r in results for d in r.diagnostics
        ]

    assert shown(without) == shown(with_fixes)

    def renamed_fixes(results):
        return [d.fix for r in results for d in r.diagnostics if d.name == "renamed-tool"]

    assert renamed_fixes(with_fixes) and all(renamed_fixes(with_fixes))
    assert None in renamed_fixes(without)
