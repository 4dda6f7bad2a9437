"""Folder trees 1,000 levels deep are walked like any other: `lint`, `compare` and `export`
find the file at the bottom (issue 21, item 14: they used to exit 2 with "internal error
(RecursionError)")."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from persona_studio.cli import main
from persona_studio.core.readers.filekind import find_files

DEPTH = 1_000
PERSONA = "---\ndescription: {}\n---\n# {}\n"


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    root = tmp_path / "tree"
    root.mkdir()
    (root / "top.agent.md").write_text(PERSONA.format("top", "Top"), encoding="utf-8")
    here = str(root)
    for _ in range(DEPTH):  # not os.makedirs: it recurses too
        here = os.path.join(here, "d")
        os.mkdir(here)
    bottom = Path(here) / "bottom.agent.md"
    bottom.write_text(PERSONA.format("bottom", "Bottom"), encoding="utf-8")
    yield root, bottom
    # Removed here, bottom up: shutil.rmtree (pytest's clean-up of old temporary folders)
    # recurses, and 1,000 levels would raise RecursionError in a later run.
    bottom.unlink()
    while here != str(root):
        os.rmdir(here)
        here = os.path.dirname(here)


def test_find_files_reaches_the_bottom_in_order(deep: tuple[Path, Path]) -> None:
    root, bottom = deep
    assert find_files(root) == [str(root / "top.agent.md"), str(bottom)]
    assert find_files(root, max_depth=3) == [str(root / "top.agent.md")]
    assert find_files(root, max_files=1) == [str(root / "top.agent.md")]


def test_walk_order_is_files_first_then_folders_by_name(tmp_path: Path) -> None:
    for folder in ("b", "a/z", "a"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for name in ("b/1.agent.md", "a/z/2.agent.md", "a/3.agent.md", "4.agent.md"):
        (tmp_path / name).write_text(PERSONA.format("x", "X"), encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in find_files(tmp_path)]
    assert found == ["4.agent.md", "a/3.agent.md", "a/z/2.agent.md", "b/1.agent.md"]


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "--jobs", "1"],
        ["compare", "--format", "json"],
        ["export", "--to", "claude-code", "--dry-run", "--out", "{out}"],
    ],
    ids=["lint", "compare", "export"],
)
def test_commands_walk_a_1000_level_tree(
    deep: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    root, _ = deep
    argv = [a.format(out=tmp_path / "out") for a in argv]
    code = main([*argv, str(root)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "internal error" not in err
    assert "bottom" in out or "in 2 files" in out  # lint names clean files only in its count
