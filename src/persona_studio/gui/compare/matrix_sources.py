"""Where the comparison matrix's personas come from, and the reading of them on a worker.

A source is files, a folder, the shipped library, or a workspace: the agents, chat modes, Claude
subagents and skills of a folder opened as a workspace (found the way the workspace panel finds
them, through the core's workspace graph). ``read_source`` is the work run on the matrix window's
worker: plain data in and out, the cancel token checked between files, progress reported as
``(phase, done, total)``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from persona_studio.core.compare import ComparisonMatrix, build_matrix, collect_persona_files
from persona_studio.core.document import Document, parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.jobs import CancelToken

FILES, FOLDER, LIBRARY, WORKSPACE = "files", "folder", "library", "workspace"
# The kinds of the workspace graph's nodes that are persona files (as in the workspace panel).
PERSONA_KINDS = ("agent", "chatmode", "claude-subagent", "skill")
PROGRESS_EVERY = 20

Report = Callable[[object], None]


@dataclass(frozen=True)
class Source:
    """What to compare: ``kind`` is FILES, FOLDER, LIBRARY or WORKSPACE; ``paths`` the files or
    the folder (the workspace's root for WORKSPACE)."""

    kind: str
    paths: tuple[str, ...]

    def describe(self) -> str:
        if self.kind == WORKSPACE:
            return f"Workspace {self.paths[0]}"
        if self.kind == LIBRARY:
            return "The library"
        if self.kind == FOLDER or (len(self.paths) == 1 and os.path.isdir(self.paths[0])):
            return f"Folder {self.paths[0]}"
        return f"{len(self.paths)} files"


def workspace_personas(
    root: str, token: CancelToken | None = None, report: Report | None = None
) -> list[str]:
    """The persona files of the workspace at ``root``, by path, as the workspace panel lists
    them."""
    from persona_studio.core.workspace.graph import build_graph

    def progress(done: int, total: int) -> None:
        if report is not None:
            report(("Finding personas", done, total))

    graph = build_graph([root], cancel=token, progress=progress)
    return sorted(
        node.path for node in graph.nodes if node.kind in PERSONA_KINDS and node.path is not None
    )


def read_source(
    source: Source, token: CancelToken | None = None, report: Report | None = None
) -> ComparisonMatrix:
    """The matrix of the personas of ``source``. Raises ``Cancelled`` when ``token`` is
    cancelled; a file that cannot be read becomes a column with its error."""
    if source.kind == WORKSPACE:
        paths = workspace_personas(source.paths[0], token, report)
    else:
        paths = collect_persona_files(source.paths)
    loaded: list[tuple[str, Document | str]] = []
    for number, path in enumerate(paths):
        if token is not None:
            token.raise_if_cancelled()
        if report is not None and number % PROGRESS_EVERY == 0:
            report(("Reading", number, len(paths)))
        try:
            loaded.append((path, parse(read_text(path).text)))
        except PersonaStudioError as error:
            loaded.append((path, error.message))
    if token is not None:
        token.raise_if_cancelled()
    return build_matrix(loaded)
