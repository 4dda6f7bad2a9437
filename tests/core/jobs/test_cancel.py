"""The cancel token, and the long core work that checks it: the text diff, the semantic diff and
its figures, the diff layouts, batch lint, export planning and writing, and the library scan.

Without a token nothing changes; with a cancelled one each stops at its next check with
``Cancelled``; and the checks come often enough that a long diff stops soon after it is asked to.
"""

from __future__ import annotations

import difflib
import random
import threading
import time
from pathlib import Path

import pytest

from persona_studio.core.diff import diff_lines, diff_texts, match_sequences
from persona_studio.core.diffview.layout import side_by_side, unified
from persona_studio.core.document import parse
from persona_studio.core.export.plan import ExportSource, plan_item, write_item
from persona_studio.core.jobs import Cancelled, CancelToken, checker
from persona_studio.core.library import scan_folder
from persona_studio.core.lint import lint_paths
from persona_studio.core.semantic_diff import figures, semantic_diff

SHIPPED = Path(__file__).resolve().parents[3] / "personas"


class CountingToken(CancelToken):
    """A token that counts its checks, and cancels itself at check number ``stop_at``."""

    __slots__ = ("checks", "stop_at")

    def __init__(self, stop_at: int | None = None) -> None:
        super().__init__()
        self.checks = 0
        self.stop_at = stop_at

    def raise_if_cancelled(self) -> None:
        self.checks += 1
        if self.stop_at is not None and self.checks >= self.stop_at:
            self.cancel()
        super().raise_if_cancelled()


def cancelled() -> CancelToken:
    token = CancelToken()
    token.cancel()
    return token


def repeated_lines(count: int, seed: int, vocabulary: int = 50) -> str:
    """Lines drawn from a small vocabulary: no line is unique."""
    pick = random.Random(seed)
    return "".join(f"- item {pick.randrange(vocabulary)}\n" for _ in range(count))


def edited(text: str, every: int = 7) -> str:
    """Every ``every``-th line changed."""
    lines = text.splitlines(keepends=True)
    for index in range(0, len(lines), every):
        lines[index] = lines[index].replace("item", "entry")
    return "".join(lines)


def slow_pair(blocks: int = 6, lines: int = 1900) -> tuple[str, str]:
    """Two texts whose diff takes about a second per block: unique anchors between gaps of
    repeated lines, where the matcher falls back to its slowest path (difflib's longest
    matches, hundreds of them, a few milliseconds each)."""
    a = "".join(f"## anchor {k}\n" + repeated_lines(lines, k) for k in range(blocks))
    b = "".join(f"## anchor {k}\n" + edited(repeated_lines(lines, k)) for k in range(blocks))
    return a, b


# ------------------------------------------------------------------------------------ the token


def test_a_token_starts_clear_and_stays_cancelled() -> None:
    token = CancelToken()
    assert not token.cancelled
    token.raise_if_cancelled()  # returns
    token.cancel()
    token.cancel()
    assert token.cancelled
    with pytest.raises(Cancelled):
        token.raise_if_cancelled()
    assert "cancelled=True" in repr(token)


def test_cancelled_is_no_exception_a_broad_handler_swallows() -> None:
    assert not issubclass(Cancelled, Exception)
    with pytest.raises(Cancelled):
        try:
            cancelled().raise_if_cancelled()
        except Exception:  # what a batch does around one bad file
            pytest.fail("Cancelled was caught as an ordinary error")


def test_without_a_token_the_check_does_nothing() -> None:
    check = checker(None)
    check()
    assert check() is None
    token = CancelToken()
    assert checker(token) == token.raise_if_cancelled


def test_a_token_cancelled_on_another_thread_is_seen() -> None:
    token = CancelToken()
    thread = threading.Thread(target=token.cancel)
    thread.start()
    thread.join()
    assert token.cancelled


# ------------------------------------------------------------------------------------ the diffs


def test_a_token_never_cancelled_changes_no_result() -> None:
    a = (SHIPPED / "backend.chatmode.md").read_text(encoding="utf-8")
    b = a.replace("reliability", "resilience").replace("## ", "### ", 2) + "\n- one more\n"
    plain = diff_texts(a, b)
    token = CountingToken()
    checked = diff_texts(a, b, cancel=token)
    assert checked == plain and token.checks > 0
    doc_a, doc_b = parse(a), parse(b)
    assert semantic_diff(doc_a, doc_b, cancel=CancelToken()) == semantic_diff(doc_a, doc_b)
    assert figures(plain, cancel=CancelToken()) == figures(plain)
    assert side_by_side(plain, cancel=CancelToken()) == side_by_side(plain)
    assert unified(plain, cancel=CancelToken()) == unified(plain)


def test_the_difflib_fallback_gives_the_same_chunks_with_its_checks() -> None:
    a, b = repeated_lines(600, 1).splitlines(), repeated_lines(600, 2).splitlines()
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert [tuple(chunk) for chunk in match_sequences(a, b, cancel=CancelToken())] == expected


@pytest.mark.parametrize(
    "run",
    [
        lambda token: diff_texts("a\nb\n", "a\nc\n", cancel=token),
        lambda token: diff_lines(["a\n"], ["b\n"], cancel=token),
        lambda token: match_sequences([1, 2], [2, 1], cancel=token),
        lambda token: semantic_diff(parse("# T\n## A\n"), parse("# T\n## B\n"), cancel=token),
        lambda token: figures(diff_texts("a\n", "b\n"), cancel=token),
        lambda token: side_by_side(diff_texts("a\n", "b\n"), cancel=token),
        lambda token: unified(diff_texts("a\n", "b\n"), cancel=token),
    ],
    ids=["diff_texts", "diff_lines", "match_sequences", "semantic", "figures", "sbs", "unified"],
)
def test_each_diff_step_stops_on_a_cancelled_token(run) -> None:
    with pytest.raises(Cancelled):
        run(cancelled())


def test_a_long_diff_is_checked_often_and_stops_where_it_was_cancelled() -> None:
    a, b = slow_pair(blocks=2, lines=1000)
    whole = CountingToken()
    diff_texts(a, b, cancel=whole)
    assert whole.checks > 200  # checks all along the work, not only at its start and end
    early = CountingToken(stop_at=whole.checks // 10)
    with pytest.raises(Cancelled):
        diff_texts(a, b, cancel=early)
    assert early.checks == whole.checks // 10  # no check ran after the one that stopped it


def test_a_long_diff_cancelled_from_another_thread_returns_promptly() -> None:
    a, b = slow_pair()
    token = CancelToken()
    timer = threading.Timer(0.2, token.cancel)
    started = time.perf_counter()
    timer.start()
    with pytest.raises(Cancelled):
        diff_texts(a, b, cancel=token)
    elapsed = time.perf_counter() - started
    timer.join()
    # The whole diff takes about six seconds (more on a busy machine); the checks come a few
    # milliseconds apart.
    assert elapsed < 1.0, f"stopped {elapsed:.2f} s after it started, cancelled at 0.2 s"


# ---------------------------------------------------------------------- lint, export, library


def test_batch_lint_stops_on_the_token_after_the_results_so_far(tmp_path: Path) -> None:
    paths = sorted(str(path) for path in SHIPPED.glob("*.md"))[:4]
    token = CancelToken()
    seen = []
    with pytest.raises(Cancelled):
        for result in lint_paths(paths, jobs=1, cancel=token):
            seen.append(result.path)
            if len(seen) == 2:
                token.cancel()
    assert seen == paths[:2]
    assert [r.path for r in lint_paths(paths, jobs=1, cancel=CancelToken())] == paths


def test_the_library_scan_stops_on_the_token() -> None:
    with pytest.raises(Cancelled):
        scan_folder(SHIPPED, cancel=cancelled())
    token = CountingToken(stop_at=3)
    with pytest.raises(Cancelled):
        scan_folder(SHIPPED, cancel=token)
    assert token.checks == 3  # one check per file
    assert scan_folder(SHIPPED, cancel=CancelToken()) == scan_folder(SHIPPED)


def test_export_plans_and_writes_stop_on_the_token_before_writing(tmp_path: Path) -> None:
    seed = SHIPPED / "backend.chatmode.md"
    source = ExportSource(seed.name, str(seed), None)
    with pytest.raises(Cancelled):
        plan_item(source, "claude-code", str(tmp_path), True, cancel=cancelled())
    item = plan_item(source, "claude-code", str(tmp_path), True, cancel=CancelToken())
    assert item.error is None and item.destination is not None
    with pytest.raises(Cancelled):
        write_item(item, force=False, confirmed=False, cancel=cancelled())
    assert not Path(item.destination).exists()
    assert write_item(item, force=False, confirmed=False, cancel=CancelToken()).kind == "written"
    # Planning against an existing file diffs it: that diff checks the token too.
    token = CountingToken()
    again = plan_item(source, "claude-code", str(tmp_path), True, cancel=token)
    assert again.exists and token.checks >= 4
