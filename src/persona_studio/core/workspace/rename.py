"""Renaming an agent and every reference that names it: the plan (each file's text before and
after, shown as a diff before anything is written), and writing it atomically.

An agent is named by its ``name:`` key, else its file name. Renaming sets ``name:`` (adding it
when missing) or, with ``rename_file``, moves the file to the new name too. Every handoff
``agent:`` and ``agents:`` entry in the workspace that resolves to this agent (as the graph and
the lint rules resolve them) gets the new name, and, when the file moves, every link and
``#file:`` reference to it gets the new file name. Nothing else changes: a broken reference that
happened to use the old name, other keys, the body's prose.

Standard library and core only; never Qt.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, replace

from persona_studio.core.catalog import Catalog, load_catalog
from persona_studio.core.document import Document, parse
from persona_studio.core.edits import Edit
from persona_studio.core.edits.fields import set_field
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text, save_text
from persona_studio.core.readers import filekind, links
from persona_studio.core.text.yamlscalar import quote
from persona_studio.core.workspace.graph import build_graph, handoff_agent_span, read_persona

__all__ = ["FileEdit", "RenameError", "RenamePlan", "apply_plan", "plan_follow", "plan_rename"]


class RenameError(PersonaStudioError):
    """The rename cannot be planned or written (no such agent, name taken, file changed)."""


@dataclass(frozen=True)
class FileEdit:
    """One file's text before and after; ``new_path`` when the file also moves."""

    path: str
    before: str
    after: str
    bom: bool = False
    new_path: str | None = None

    @property
    def target(self) -> str:
        return self.new_path or self.path


@dataclass(frozen=True)
class RenamePlan:
    old_name: str
    new_name: str
    agent: str  # the agent's file
    base: str  # the folder the diff names files relative to
    edits: tuple[FileEdit, ...]

    def files(self) -> list[str]:
        return [edit.target for edit in self.edits]

    def diff(self) -> str:
        """A unified diff of every file the plan changes (a moved file under its new name)."""
        out: list[str] = []
        for edit in self.edits:
            old = os.path.relpath(edit.path, self.base).replace(os.sep, "/")
            new = os.path.relpath(edit.target, self.base).replace(os.sep, "/")
            out.extend(
                difflib.unified_diff(
                    edit.before.splitlines(keepends=True),
                    edit.after.splitlines(keepends=True),
                    f"a/{old}",
                    f"b/{new}",
                )
            )
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n"
        return "".join(out)

    def inverse(self) -> RenamePlan:
        """The plan that undoes this one once it has been written."""
        edits = tuple(
            FileEdit(e.target, e.after, e.before, e.bom, e.path if e.new_path else None)
            for e in self.edits
        )
        agent = next((e.target for e in self.edits if e.path == self.agent), self.agent)
        return replace(
            self, old_name=self.new_name, new_name=self.old_name, agent=agent, edits=edits
        )


def plan_rename(
    agent_path: str,
    new_name: str,
    *,
    rename_file: bool = False,
    root: str | None = None,
    catalog: Catalog | None = None,
) -> RenamePlan:
    """What renaming the agent in ``agent_path`` to ``new_name`` changes, file by file. The
    workspace is ``root``, else the one the agent's file lives in."""
    catalog = catalog or load_catalog()
    agent_path = os.path.abspath(agent_path)
    new_name = new_name.strip()
    if not new_name:
        raise RenameError("The new name is empty.", path=agent_path)
    if filekind.kind_of_path(agent_path, catalog) is None:
        raise RenameError(f"{agent_path} is not an agent file.", path=agent_path)
    root = os.path.abspath(root) if root else filekind.workspace_root(agent_path, [agent_path])
    assert root is not None
    persona = read_persona(agent_path, catalog)
    old_name = persona.name
    if new_name == old_name and not rename_file:
        raise RenameError(f"The agent is already named '{new_name}'.", path=agent_path)
    graph = build_graph([root], catalog=catalog)
    taken = [n for n in graph.nodes if n.name == new_name and n.path not in (None, agent_path)]
    if any(node.kind in ("agent", "chatmode") for node in taken):
        raise RenameError(f"Another agent is already named '{new_name}'.", path=agent_path)
    agent_id = next(node.id for node in graph.nodes if node.path == agent_path)
    new_path = None
    if rename_file:
        stem = filekind.persona_stem(agent_path, catalog)
        file_name = os.path.basename(agent_path)
        new_path = os.path.join(os.path.dirname(agent_path), new_name + file_name[len(stem) :])
        if os.path.exists(new_path) and new_path != agent_path:
            raise RenameError(f"{new_path} already exists.", path=agent_path)

    by_file: dict[str, list[Edit]] = {}
    paths = {node.id: node.path for node in graph.nodes}
    for edge in graph.edges:
        if edge.target != agent_id or edge.broken:
            continue
        source = paths[edge.source]
        assert source is not None
        if edge.kind == "link" and new_path is None:
            continue
        by_file.setdefault(source, [])
    texts: dict[str, tuple[str, bool]] = {}
    for source in [agent_path, *by_file]:
        loaded = read_text(source)
        texts[source] = (loaded.text, loaded.bom)

    edits: list[FileEdit] = []
    for source in sorted({agent_path, *by_file}):
        text, bom = texts[source]
        document = parse(text)
        changes = _reference_edits(document, source, agent_path, old_name, new_name, new_path, root)
        named = not rename_file or "name" in document.data
        if source == agent_path and persona.name != new_name and named:
            changes.append(set_field(document, "name", new_name))
        for change in sorted(changes, key=lambda e: (e.start, e.end), reverse=True):
            text = change.apply(text)
        moved = new_path if source == agent_path and new_path != agent_path else None
        if text != texts[source][0] or moved:
            edits.append(FileEdit(source, texts[source][0], text, bom, moved))
    return RenamePlan(old_name, new_name, agent_path, root, tuple(edits))


def plan_follow(
    agent_path: str, old_name: str, *, root: str | None = None, catalog: Catalog | None = None
) -> RenamePlan:
    """After an agent was renamed by hand (its ``name:`` edited and saved, so that the references
    to ``old_name`` now name nothing): the plan that makes the handoffs and ``agents:`` entries
    still naming ``old_name`` name the agent again. Only references that are broken now change:
    one that ``old_name`` still resolves (another agent took the name) is left alone."""
    catalog = catalog or load_catalog()
    agent_path = os.path.abspath(agent_path)
    root = os.path.abspath(root) if root else filekind.workspace_root(agent_path, [agent_path])
    assert root is not None
    new_name = read_persona(agent_path, catalog).name
    if new_name == old_name:
        raise RenameError(f"The agent is still named '{old_name}'.", path=agent_path)
    graph = build_graph([root], catalog=catalog)
    paths = {node.id: node.path for node in graph.nodes}
    sources = sorted(
        {
            path
            for edge in graph.edges
            if edge.broken and edge.ref == old_name and edge.kind in ("handoff", "subagent")
            for path in (paths[edge.source],)
            if path is not None
        }
    )
    edits: list[FileEdit] = []
    for source in sources:
        loaded = read_text(source)
        document = parse(loaded.text)
        changes = _reference_edits(document, source, agent_path, old_name, new_name, None, root)
        text = loaded.text
        for change in sorted(changes, key=lambda e: (e.start, e.end), reverse=True):
            text = change.apply(text)
        if text != loaded.text:
            edits.append(FileEdit(source, loaded.text, text, loaded.bom))
    return RenamePlan(old_name, new_name, agent_path, root, tuple(edits))


def _reference_edits(
    document: Document,
    source: str,
    agent_path: str,
    old_name: str,
    new_name: str,
    new_path: str | None,
    root: str,
) -> list[Edit]:
    """The edits of one file: its handoffs and ``agents:`` entries naming the agent, and (when
    the file moves) its links to it."""
    text = document.text
    found: list[Edit] = []
    front = document.front_matter
    entries = front.entries if front is not None and front.data is not None else ()
    same_workspace = filekind.workspace_root(source, [root]) == filekind.workspace_root(
        agent_path, [root]
    )
    for entry in entries if same_workspace else ():
        if entry.key == "handoffs" and isinstance(entry.value, list):
            for number, handoff in enumerate(entry.value):
                if not isinstance(handoff, dict) or number >= len(entry.items):
                    continue
                name = handoff.get("agent")
                if not isinstance(name, str) or name.strip() != old_name:
                    continue
                span = entry.items[number].span
                where = handoff_agent_span(text, span.start, span.end, old_name)
                if where is not None:
                    found.append(_scalar_edit(text, where[0], where[1], new_name, flow=True))
        elif entry.key == "agents" and entry.kind == "sequence":
            for item in entry.items:
                if isinstance(item.value, str) and item.value.strip() == old_name:
                    start = text.find(old_name, item.span.start, item.span.end)
                    if start >= 0:
                        found.append(
                            _scalar_edit(
                                text,
                                start,
                                start + len(old_name),
                                new_name,
                                flow=entry.style == "flow",
                            )
                        )
    if new_path is not None:
        old_file = os.path.basename(agent_path)
        new_file = os.path.basename(new_path)
        for link in links.body_links(document):
            resolved = links.resolve(link, source, root)
            if resolved is None or os.path.normpath(resolved) != agent_path:
                continue
            position = link.written.rfind(old_file)
            if position >= 0:
                start = link.start + position
                found.append(Edit(start, start + len(old_file), new_file, "link"))
    return found


def _scalar_edit(text: str, start: int, end: int, new: str, *, flow: bool) -> Edit:
    """Replace the scalar at ``text[start:end]`` (inside its quotes, if any) with ``new``,
    keeping its quotes, or adding them when a plain scalar would not read back as ``new``."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before in ("'", '"') and before == after:
        return Edit(start - 1, end + 1, quote(new, before, flow=flow), "rename")
    return Edit(start, end, quote(new, None, flow=flow), "rename")


def apply_plan(plan: RenamePlan) -> None:
    """Write the plan: every file is first checked to hold the text the plan was made from
    (else nothing is written), then saved atomically; a moved file is written under its new
    name, then the old one removed."""
    for edit in plan.edits:
        try:
            current = read_text(edit.path).text
        except PersonaStudioError as error:
            raise RenameError(f"{edit.path} cannot be read: {error}", path=edit.path) from None
        if current != edit.before:
            raise RenameError(
                f"{edit.path} changed on disk since the rename was planned; nothing was written.",
                path=edit.path,
            )
        if edit.new_path and os.path.exists(edit.new_path):
            raise RenameError(f"{edit.new_path} already exists; nothing was written.")
    for edit in plan.edits:
        save_text(edit.target, edit.after, bom=edit.bom)
        if edit.new_path and edit.new_path != edit.path:
            os.remove(edit.path)
