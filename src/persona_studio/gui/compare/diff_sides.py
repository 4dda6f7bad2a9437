"""What the diff window compares: its two sides, and where they come from (two files, an open
document and its file on disk, an open document and its file at a git revision)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import shiboken6
from PySide6.QtWidgets import QInputDialog, QWidget

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.git import revision as git_revision
from persona_studio.gui.editor.session import DocumentSession, to_model_text


@dataclass(frozen=True)
class DiffSide:
    """One side of a comparison. With a session, the side is that open document's live text
    (``text`` is then only its last known text)."""

    label: str
    text: str = ""
    session: DocumentSession | None = None
    path: str | None = None
    newline: str | None = None  # the file's line break, when known ("\r\n", "\n", "\r")

    def current_text(self) -> str:
        if self.session is not None and shiboken6.isValid(self.session):
            return self.session.text()
        return self.text


def sides_of_files(a: str, b: str) -> tuple[DiffSide, DiffSide]:
    """Two files (two library entries). File errors propagate (FileReadError).

    Line breaks are compared as "\n" (as the editor holds them); the window notes when the two
    files use different ones."""
    loaded_a, loaded_b = read_text(a), read_text(b)
    name_a, name_b = os.path.basename(a), os.path.basename(b)
    if name_a == name_b:
        name_a = f"{name_a} ({os.path.basename(os.path.dirname(os.path.abspath(a)))})"
        name_b = f"{name_b} ({os.path.basename(os.path.dirname(os.path.abspath(b)))})"
    left = DiffSide(
        name_a, to_model_text(loaded_a.text), None, os.path.abspath(a), loaded_a.newline
    )
    right = DiffSide(
        name_b, to_model_text(loaded_b.text), None, os.path.abspath(b), loaded_b.newline
    )
    return left, right


def sides_of_document_and_disk(session: DocumentSession) -> tuple[DiffSide, DiffSide]:
    """The file on disk (left) against the open document (right)."""
    if session.path is None:
        raise PersonaStudioError(
            f"{session.display_name} has not been saved yet, so there is no file on disk to "
            "compare it with. Save it first."
        )
    loaded = read_text(session.path)
    left = DiffSide(
        f"{session.display_name} (on disk)",
        to_model_text(loaded.text),
        None,
        session.path,
        loaded.newline,
    )
    right = DiffSide(
        f"{session.display_name} (open document)",
        session.text(),
        session,
        session.path,
        session.file.newline,
    )
    return left, right


def sides_of_document_and_revision(
    session: DocumentSession, revision: str | None = None, parent: QWidget | None = None
) -> tuple[DiffSide, DiffSide] | None:
    """The document's file at a git revision (left) against the open document (right).

    Without ``revision`` the user picks one from the file's history (None if cancelled).
    Raises ``git_revision.GitError`` (a PersonaStudioError) with a message for the user.
    """
    if session.path is None:
        raise git_revision.NotInWorkTreeError(
            f"{session.display_name} has not been saved yet, so it has no git history. "
            "Save it inside a git work tree first."
        )
    if revision is None:
        revision = ask_revision(parent, session.path)
        if revision is None:
            return None
    text = to_model_text(git_revision.read_at_revision(session.path, revision))
    shown = revision[:7] if len(revision) == 40 else revision
    left = DiffSide(f"{session.display_name} at {shown}", text, path=session.path)
    right = DiffSide(
        f"{session.display_name} (open document)", session.text(), session, session.path
    )
    return left, right


def ask_revision(parent: QWidget | None, path: str) -> str | None:
    """Let the user pick a commit of the file's history; None when cancelled.

    Raises ``git_revision.GitError`` when git cannot list the history (and when there is none).
    """
    found = git_revision.revisions(path)
    if not found:
        raise git_revision.RevisionNotFoundError(
            f"{os.path.basename(path)} has never been committed, so it has no revision to "
            "compare with. Commit it first, or compare it with its file on disk.",
            path=path,
        )
    labels = [revision.label for revision in found]
    label, ok = QInputDialog.getItem(
        parent,
        "Compare with Revision",
        f"Compare {os.path.basename(path)} with the version of:",
        labels,
        0,
        False,
    )
    if not ok:
        return None
    return found[labels.index(label)].commit
