"""Reading a persona file at a git revision, with the git command, in a throwaway repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.git import revision as git_revision
from persona_studio.core.git.revision import (
    GitNotFoundError,
    NotInWorkTreeError,
    RevisionNotFoundError,
    locate,
    read_at_revision,
    revisions,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FIRST = "---\ntools: ['codebase']\n---\n\n# Persona: Reviewer\n\n## Core Belief\nTests first.\n"
SECOND = FIRST.replace("Tests first.", "Tests first, then types.")


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.com",
            "HOME": str(folder),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with personas/reviewer.chatmode.md committed twice, then edited on disk."""
    root = tmp_path / "repo"
    (root / "personas").mkdir(parents=True)
    git(root, "init", "-q")
    persona = root / "personas" / "reviewer.chatmode.md"
    persona.write_text(FIRST, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Add the reviewer")
    persona.write_text(SECOND, encoding="utf-8")
    git(root, "commit", "-q", "-am", "Reviewer: types too")
    persona.write_text(SECOND + "\n## Focus Areas\n- Naming\n", encoding="utf-8")
    return root


def test_locate_finds_the_work_tree_and_the_path_inside_it(repo: Path) -> None:
    where = locate(str(repo / "personas" / "reviewer.chatmode.md"))
    assert Path(where.top).resolve() == repo.resolve()
    assert where.relative == "personas/reviewer.chatmode.md"


def test_reads_the_file_at_head_and_at_an_older_revision(repo: Path) -> None:
    path = str(repo / "personas" / "reviewer.chatmode.md")
    assert read_at_revision(path) == SECOND
    assert read_at_revision(path, "HEAD~1") == FIRST
    # The file on disk is not what any revision holds.
    assert "Focus Areas" not in read_at_revision(path, "HEAD")


def test_revisions_lists_the_commits_of_the_file_newest_first(repo: Path) -> None:
    path = str(repo / "personas" / "reviewer.chatmode.md")
    found = revisions(path)
    assert [revision.subject for revision in found] == ["Reviewer: types too", "Add the reviewer"]
    assert found[0].short in found[0].label and "Reviewer: types too" in found[0].label
    assert read_at_revision(path, found[1].commit) == FIRST


def test_reading_works_from_a_subfolder_with_a_relative_revision_name(repo: Path) -> None:
    branch = git(repo, "rev-parse", "--abbrev-ref", "HEAD")
    path = str(repo / "personas" / "reviewer.chatmode.md")
    assert read_at_revision(path, f"{branch}~1") == FIRST


def test_a_file_outside_any_work_tree_gives_a_clear_error(tmp_path: Path) -> None:
    loose = tmp_path / "loose" / "solo.chatmode.md"
    loose.parent.mkdir()
    loose.write_text(FIRST, encoding="utf-8")
    with pytest.raises(NotInWorkTreeError) as caught:
        read_at_revision(str(loose))
    assert "not in a git work tree" in caught.value.message
    assert isinstance(caught.value, PersonaStudioError)
    with pytest.raises(NotInWorkTreeError):
        revisions(str(loose))


def test_an_unknown_revision_gives_a_clear_error(repo: Path) -> None:
    path = str(repo / "personas" / "reviewer.chatmode.md")
    with pytest.raises(RevisionNotFoundError) as caught:
        read_at_revision(path, "no-such-branch")
    assert "There is no revision “no-such-branch”" in caught.value.message


def test_a_revision_without_the_file_gives_a_clear_error(repo: Path) -> None:
    newer = repo / "personas" / "writer.chatmode.md"
    newer.write_text(FIRST, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Add the writer")
    with pytest.raises(RevisionNotFoundError) as caught:
        read_at_revision(str(newer), "HEAD~1")
    assert "personas/writer.chatmode.md is not in revision HEAD~1" in caught.value.message


def test_an_uncommitted_file_has_no_revisions(repo: Path) -> None:
    fresh = repo / "personas" / "fresh.chatmode.md"
    fresh.write_text(FIRST, encoding="utf-8")
    assert revisions(str(fresh)) == []
    with pytest.raises(RevisionNotFoundError):
        read_at_revision(str(fresh))


def test_a_repository_without_commits(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    git(root, "init", "-q")
    persona = root / "a.chatmode.md"
    persona.write_text(FIRST, encoding="utf-8")
    assert revisions(str(persona)) == []
    with pytest.raises(RevisionNotFoundError) as caught:
        read_at_revision(str(persona))
    assert "no commits yet" in caught.value.message


@pytest.mark.parametrize("name", ["--output=/tmp/x", "", "HEAD with space"])
def test_option_like_or_blank_revision_names_are_refused(repo: Path, name: str) -> None:
    path = str(repo / "personas" / "reviewer.chatmode.md")
    with pytest.raises(RevisionNotFoundError):
        read_at_revision(path, name)


def test_missing_git_gives_a_clear_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(git_revision, "GIT_COMMAND", "git-that-is-not-installed")
    with pytest.raises(GitNotFoundError) as caught:
        read_at_revision(str(repo / "personas" / "reviewer.chatmode.md"))
    assert "Install git" in caught.value.message
