"""Read a file as it was at a git revision, with the ``git`` command.

Standard library only (no Qt), so the diff window and tests can use it alike. Every call runs
``git`` with a timeout, without a terminal prompt and without taking the index lock; every
failure a user can meet is a :class:`GitError` whose message says what happened and what to do:
git is not installed (:class:`GitNotFoundError`), the file is not in a git work tree
(:class:`NotInWorkTreeError`), the revision does not exist or does not hold the file
(:class:`RevisionNotFoundError`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import DEFAULT_MAX_BYTES, decode

__all__ = [
    "GIT_TIMEOUT",
    "GitError",
    "GitFile",
    "GitNotFoundError",
    "NotInWorkTreeError",
    "Revision",
    "RevisionNotFoundError",
    "locate",
    "read_at_revision",
    "revisions",
]

GIT_COMMAND = "git"
"""The program run; a test may point it elsewhere."""

GIT_TIMEOUT = 15.0
"""Seconds a git command may take before it is given up."""

_FIELD = "\x1f"
_RECORD = "\x1e"


class GitError(PersonaStudioError):
    """git could not give the file at a revision."""


class GitNotFoundError(GitError):
    """The git command is not installed (or not on the PATH)."""


class NotInWorkTreeError(GitError):
    """The file is not inside a git work tree."""


class RevisionNotFoundError(GitError):
    """The revision does not exist, or does not hold the file."""


@dataclass(frozen=True, slots=True)
class GitFile:
    """A file inside a work tree: the tree's top folder and the file's path relative to it
    (with "/" separators, as git names it)."""

    path: str
    top: str
    relative: str


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit that changed a file."""

    commit: str
    short: str
    date: str  # ISO 8601, the author date
    author: str
    subject: str

    @property
    def label(self) -> str:
        """One line for a list: short hash, day, subject."""
        return f"{self.short}  {self.date[:10]}  {self.subject}"


# ---------------------------------------------------------------------------------- running


def _git() -> str:
    found = shutil.which(GIT_COMMAND)
    if found is None:
        raise GitNotFoundError(
            "The git command was not found. Install git (https://git-scm.com) and make sure it "
            "is on the PATH, then try again."
        )
    return found


def _run(folder: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
        LC_ALL="C",
        LANGUAGE="C",
        GIT_PAGER="cat",
        GIT_LITERAL_PATHSPECS="1",
    )
    command = [_git(), "-C", folder, "-c", "core.quotepath=off", *args]
    try:
        return subprocess.run(
            command,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitNotFoundError(
            "The git command could not be started. Install git and make sure it is on the PATH."
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError(
            f"git did not answer within {GIT_TIMEOUT:g} seconds (in {folder}). The repository "
            "may be very large or locked by another program; try again later."
        ) from None
    except OSError as exc:
        raise GitError(f"git could not be run: {exc.strerror or exc}.") from None


def _stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    text = result.stderr.decode("utf-8", errors="replace").strip()
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in text.splitlines()]
    return lines[0] if lines else f"git exited with status {result.returncode}"


# ---------------------------------------------------------------------------------- queries


def locate(path: str) -> GitFile:
    """The work tree holding ``path`` and the file's path inside it.

    Raises :class:`NotInWorkTreeError` when the file's folder is in no work tree.
    """
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    name = os.path.basename(path)
    if not os.path.isdir(folder):
        raise NotInWorkTreeError(
            f"The folder {folder} does not exist, so git cannot be asked about {name}.",
            path=path,
        )
    result = _run(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    lines = result.stdout.decode("utf-8", errors="surrogateescape").splitlines()
    if result.returncode != 0 or not lines:
        raise NotInWorkTreeError(
            f"{name} is not in a git work tree, so it has no earlier revisions to compare with. "
            "Compare it with its file on disk or with another file instead.",
            path=path,
        )
    top = lines[0]
    prefix = lines[1] if len(lines) > 1 else ""
    return GitFile(path=path, top=top, relative=prefix + name)


def revisions(path: str, limit: int = 100) -> list[Revision]:
    """The commits that changed the file, newest first (empty when it was never committed)."""
    where = locate(path)
    result = _run(
        where.top,
        "log",
        f"--max-count={max(1, limit)}",
        f"--format=%H{_FIELD}%h{_FIELD}%aI{_FIELD}%an{_FIELD}%s{_RECORD}",
        "--",
        where.relative,
    )
    if result.returncode != 0:
        message = _stderr(result)
        if "does not have any commits" in message or "bad default revision" in message:
            return []
        raise GitError(f"git could not list the revisions of {where.relative}: {message}.")
    output = result.stdout.decode("utf-8", errors="replace")
    found = []
    for record in output.split(_RECORD):
        fields = record.strip("\n").split(_FIELD)
        if len(fields) == 5:
            found.append(Revision(*fields))
    return found


def read_at_revision(path: str, revision: str = "HEAD", *, max_bytes: int | None = None) -> str:
    """The text of the file as it was at ``revision`` (a commit, a branch, ``HEAD~2`` ...).

    Raises :class:`RevisionNotFoundError` when the revision is unknown or does not hold the file,
    :class:`NotInWorkTreeError` and :class:`GitNotFoundError` as their names say, and the
    ``FileReadError`` of :func:`persona_studio.core.files.fileio.decode` when the content is not
    text.
    """
    revision = revision.strip()
    if not revision or revision.startswith("-") or any(c.isspace() or c == "\0" for c in revision):
        raise RevisionNotFoundError(f"“{revision}” is not a revision name.", path=path)
    where = locate(path)
    folder = os.path.dirname(where.path)
    verified = _run(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if verified.returncode != 0:
        raise RevisionNotFoundError(
            f"There is no revision “{revision}” in the repository at {where.top}"
            + (
                " (it has no commits yet)."
                if revision == "HEAD"
                else ". Choose one from the file's history."
            ),
            path=path,
        )
    commit = verified.stdout.decode("ascii", errors="replace").strip()
    shown = _run(folder, "show", f"{commit}:{where.relative}")
    if shown.returncode != 0:
        raise RevisionNotFoundError(
            f"{where.relative} is not in revision {revision} ({commit[:7]}): it was added later, "
            "or had another name then. Choose a revision from the file's history.",
            path=path,
        )
    loaded = decode(
        shown.stdout,
        path=f"{where.relative}@{revision}",
        max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
    )
    return loaded.text
