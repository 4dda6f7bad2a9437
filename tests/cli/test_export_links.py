"""`export` resolves each run's output folder once (issue 21, item 15): links inside it are still
followed for every file, so a link out of the folder is refused and two names for one file
still clash, with --dry-run as without."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.cli import main

AGENT = "---\ndescription: persona {n}\ntools: ['codebase']\n---\n# P{n}\n"


def sources(folder: Path, *names: str) -> list[str]:
    folder.mkdir(exist_ok=True)
    for n, name in enumerate(names):
        (folder / f"{name}.agent.md").write_text(AGENT.format(n=n), encoding="utf-8")
    return [str(folder / f"{name}.agent.md") for name in names]


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_destination_linked_out_of_the_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    paths = sources(tmp_path / "in", "a", "b", "c")
    agents = tmp_path / "out" / ".claude" / "agents"
    agents.mkdir(parents=True)
    outside = tmp_path / "outside.md"
    (agents / "b.md").symlink_to(outside)
    argv = ["export", "--to", "claude-code", "--out", str(tmp_path / "out"), "--force", *paths]
    code = main([*argv, "--dry-run"] if dry_run else argv)
    _out, err = capsys.readouterr()
    assert code == 1
    assert "b.agent.md" in err and "would be written outside" in err
    assert "a.agent.md" not in err and "c.agent.md" not in err
    assert not outside.exists()


def test_two_names_of_one_file_clash_in_a_dry_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = sources(tmp_path / "in", "a", "b")
    agents = tmp_path / "out" / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "b.md").symlink_to(agents / "a.md")  # b.md is a.md
    code = main(
        ["export", "--to", "claude-code", "--out", str(tmp_path / "out"), "--dry-run", *paths]
    )
    _out, err = capsys.readouterr()
    assert code == 1
    assert "a.agent.md is exported to the same file" in err


def test_a_linked_folder_inside_the_output_is_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = sources(tmp_path / "in", "a")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".claude").symlink_to(elsewhere)  # the subfolder leads out
    code = main(
        ["export", "--to", "claude-code", "--out", str(tmp_path / "out"), "--dry-run", *paths]
    )
    _out, err = capsys.readouterr()
    assert code == 1
    assert "would be written outside" in err
