"""`diff` of a large file (issue 21, item 15: 200,000 lines took 5.8 s): the unified diff it
prints still turns A into B when applied, and the summary names each changed list item."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from persona_studio.cli import main

HUNK_RE = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply_unified(a_lines: list[str], diff_lines: list[str]) -> list[str]:
    """A plain patch tool: each hunk's context and removed lines must be A's lines where the
    header says; the result is A with each hunk's removed lines replaced by its added ones."""
    out: list[str] = []
    position = 0  # next line of A to copy
    index = 2  # after the --- and +++ lines
    while index < len(diff_lines):
        match = HUNK_RE.fullmatch(diff_lines[index])
        assert match, diff_lines[index]
        start = int(match.group(1)) - (0 if match.group(2) == "0" else 1)
        out += a_lines[position:start]
        position = start
        index += 1
        while index < len(diff_lines) and not diff_lines[index].startswith("@@"):
            kind, text = diff_lines[index][0], diff_lines[index][1:]
            if kind in " -":
                assert a_lines[position] == text, (position, text)
                position += 1
            if kind in " +":
                out.append(text)
            index += 1
    return out + a_lines[position:]


def large_pair(tmp_path: Path, count: int) -> tuple[Path, Path, list[str], list[str]]:
    pick = random.Random(15).choice
    words = ("alpha", "beta", "gamma", "delta")
    lines = ["---", "description: long", "---", "# Persona: Long", ""]
    for i in range(count - len(lines)):
        if i % 1000 == 0:
            lines.append(f"## Part {i}")
        elif i % 7 == 0:
            lines.append("")  # blank and repeated lines: no unique anchor between them
        elif i % 11 == 0:
            lines.append("- same item")
        else:
            lines.append(f"- i {i} {pick(words)} {pick(words)}")
    changed = list(lines)
    for k in range(9, len(changed), 2500):
        changed[k] += " changed"
    del changed[12_000:12_003]  # a removal
    changed[6_000:6_000] = ["- new one", "", "- new two"]  # an insertion
    a, b = tmp_path / "a.agent.md", tmp_path / "b.agent.md"
    a.write_text("\n".join(lines) + "\n", encoding="utf-8")
    b.write_text("\n".join(changed) + "\n", encoding="utf-8")
    return a, b, lines, changed


def test_a_large_diff_applied_to_a_gives_b(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, lines, changed = large_pair(tmp_path, 20_000)
    code = main(["diff", str(a), str(b)])
    out = capsys.readouterr().out
    assert code == 1
    unified, _, summary = out.partition("\nSummary:")
    diff_lines = unified.splitlines()
    assert diff_lines[:2] == [f"--- {a}", f"+++ {b}"]
    assert apply_unified(lines, diff_lines) == changed
    # Minimal enough: only the changed lines are removed and added, nothing else.
    removed = [line for line in diff_lines[2:] if line.startswith("-")]
    added = [line for line in diff_lines[2:] if line.startswith("+")]
    assert len(removed) == len(range(9, len(lines), 2500)) + 3
    assert len(added) == len(range(9, len(lines), 2500)) + 3
    assert "  + new one" in summary and "  + new two" in summary


def test_a_large_diff_as_html_marks_the_changed_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, _, _ = large_pair(tmp_path, 20_000)
    assert main(["diff", "--format", "html", str(a), str(b)]) == 1
    page = capsys.readouterr().out
    assert page.count("<ins>changed</ins>") == len(range(9, 20_000, 2500))
    assert page.count('<tr class="hunk">') < 40
