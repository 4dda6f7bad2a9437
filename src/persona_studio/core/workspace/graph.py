"""The workspace graph: every persona of a folder as a node, and how they refer to each other.

Nodes are the files of a known kind (custom agents, chat modes, Claude Code subagents, skills),
plus what their references name outside that set: VS Code's built-in agents (``builtin``),
plain files a body links to (``file``) and names no file answers to (``missing``). Edges are the
references, each with the line it is written on:

* ``handoff``: a ``handoffs:`` item, labelled with its button label;
* ``subagent``: an ``agents:`` entry (``*``, "every agent", draws no edge);
* ``skill``: a ``skills:`` entry (Claude Code subagents), matched against the skill folders;
* ``link``: a Markdown link or ``#file:`` reference in the body.

Names are matched exactly as the lint rules (PS703-PS706) match them: handoffs and ``agents:``
against the display names of the workspace's agents (``core.readers.workspace.index``) and the
reader's built-in agents; a reference nothing answers to is ``broken``. Only the keys the file's
reader profile reads count (a Claude subagent has no handoffs).

Standard library and core only; never Qt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from persona_studio.core.catalog import Catalog, load_catalog
from persona_studio.core.document import BOM, Document, parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.frontmatter import parse_front_matter
from persona_studio.core.jobs import CancelToken, checker
from persona_studio.core.readers import filekind, links, workspace
from persona_studio.core.text.spans import LineIndex

__all__ = [
    "EDGE_KINDS",
    "Edge",
    "Graph",
    "Node",
    "PersonaFile",
    "base_of",
    "build_graph",
    "collect_files",
    "handoff_agent_span",
    "read_persona",
]

EDGE_KINDS = ("handoff", "subagent", "skill", "link")
BUILTIN = "builtin"
FILE = "file"
MISSING = "missing"

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Node:
    """One node: ``id`` is the file's path relative to the graph's base (``/`` separators), or
    ``builtin:NAME`` / ``missing:WHAT:NAME`` for a name without a file."""

    id: str
    kind: str  # a catalog kind id (agent, chatmode, claude-subagent, skill), builtin, file, missing
    name: str
    path: str | None  # the absolute path; None for built-in agents and missing names

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name}


@dataclass(frozen=True, slots=True)
class Edge:
    """One reference, from the file ``source`` to ``target``, written at ``line``:``column`` of
    the source; ``ref`` is the name or path as written, ``label`` what a picture shows."""

    source: str
    target: str
    kind: str
    ref: str
    label: str
    line: int
    column: int
    broken: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "ref": self.ref,
            "label": self.label,
            "line": self.line,
            "broken": self.broken,
        }


@dataclass(frozen=True)
class Graph:
    base: str  # the folder node ids are relative to
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    errors: tuple[tuple[str, str], ...] = ()  # (node id, message): files that could not be read

    def node(self, node_id: str) -> Node | None:
        return next((node for node in self.nodes if node.id == node_id), None)

    def filtered(self, kinds: Iterable[str]) -> Graph:
        """The nodes of these kinds and the edges between them."""
        wanted = set(kinds)
        nodes = tuple(node for node in self.nodes if node.kind in wanted)
        kept = {node.id for node in nodes}
        edges = tuple(e for e in self.edges if e.source in kept and e.target in kept)
        return Graph(self.base, nodes, edges, self.errors)

    @property
    def broken(self) -> tuple[Edge, ...]:
        return tuple(edge for edge in self.edges if edge.broken)

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for node in self.nodes:
            counts[node.kind] = counts.get(node.kind, 0) + 1
        return {
            "nodes": [node.to_dict() for node in self.nodes],
            "edges": [edge.to_dict() for edge in self.edges],
            "counts": dict(sorted(counts.items())),
            "broken": len(self.broken),
            "errors": [{"id": node_id, "message": message} for node_id, message in self.errors],
        }


@dataclass(frozen=True, slots=True)
class PersonaFile:
    """A persona file as the graph reads it: its kind, display name and parsed text."""

    path: str
    kind: str
    name: str
    target: str
    document: Document


def collect_files(paths: Iterable[str], catalog: Catalog | None = None) -> list[str]:
    """The persona files of ``paths`` (folders walked, files taken as given), absolute, once."""
    catalog = catalog or load_catalog()
    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        absolute = os.path.abspath(path)
        names = (
            filekind.find_files(absolute, catalog=catalog)
            if os.path.isdir(absolute)
            else [absolute]
        )
        for name in names:
            name = os.path.abspath(name)
            if name not in seen:
                seen.add(name)
                found.append(name)
    return found


def read_persona(
    path: str, catalog: Catalog, text: str | None = None, *, full: bool = False
) -> PersonaFile:
    """Read and identify one file (``text`` when the caller has it, e.g. an unsaved editor).
    Without ``full`` the document's outline is not read (its ``sections`` are empty): the graph
    needs only the front matter and the body's links, and this halves the time of a scan."""
    if text is None:
        text = read_text(path).text
    document = parse(text) if full else _header_and_body(text)
    spec = filekind.kind_of_path(path, catalog)
    answer = filekind.identify(path, document.data, catalog=catalog)
    if spec is not None and spec.file_name is not None:
        name = filekind.persona_stem(path, catalog)  # a skill is named by its folder
    else:
        value = document.data.get("name")
        stem = filekind.persona_stem(path, catalog)
        name = value.strip() if isinstance(value, str) and value.strip() else stem
    return PersonaFile(path, spec.id if spec is not None else FILE, name, answer.target, document)


def handoff_agent_span(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """The span of the name in a handoff's ``agent:`` value, inside the handoff item's text
    ``text[start:end]`` (quoted or not, block or flow mapping); None when it is not found."""
    pattern = re.compile(
        r"(?:^|[\s{,])agent[ \t]*:[ \t]*([\"']?)(" + re.escape(name) + r")\1[ \t]*(?=$|[\r\n,}#])",
        re.MULTILINE,
    )
    match = pattern.search(text, start, end)
    return (match.start(2), match.end(2)) if match else None


def _header_and_body(text: str) -> Document:
    """A document with its front matter, lines and body, without the outline."""
    bom = text.startswith(BOM)
    start = 1 if bom else 0
    lines = LineIndex(text)
    front = parse_front_matter(text, lines, start)
    if front is None:
        body_start = start
    elif not front.terminated:
        body_start = len(text)
    else:
        body_start = front.span.end
    return Document(
        text=text,
        front_matter=front,
        sections=(),
        newline="\n",
        bom=bom,
        ends_with_newline=text.endswith(("\n", "\r")),
        mixed_newlines=False,
        body_start=body_start,
        lines=lines,
    )


class _Builder:
    def __init__(
        self, base: str, roots: list[str], catalog: Catalog, texts: dict[str, str], todo: set[str]
    ) -> None:
        self.base = base
        self.texts = texts
        self.todo = todo  # files the main loop is still to read
        self.pending: dict[str, PersonaFile] = {}  # read early (for an index), not yet used
        self.roots = roots
        self.catalog = catalog
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.by_path: dict[str, str] = {}  # absolute path -> node id
        self._root_of_folder: dict[str, str | None] = {}
        self._indexes: dict[str, workspace.Index] = {}
        self._builtin: dict[str, tuple[str, ...]] = {}

    def node_id(self, path: str) -> str:
        relative = os.path.relpath(path, self.base)
        return relative.replace(os.sep, "/")

    def add_file_node(self, persona: PersonaFile) -> str:
        node_id = self.node_id(persona.path)
        self.nodes[node_id] = Node(node_id, persona.kind, persona.name, persona.path)
        self.by_path[persona.path] = node_id
        return node_id

    def root(self, path: str) -> str | None:
        folder = os.path.dirname(path)
        if folder not in self._root_of_folder:
            self._root_of_folder[folder] = filekind.workspace_root(path, self.roots)
        return self._root_of_folder[folder]

    def load(self, path: str) -> PersonaFile:
        """A file read once: the main loop takes it from ``pending`` if an index read it first."""
        persona = self.pending.pop(path, None)
        if persona is None:
            persona = read_persona(path, self.catalog, self.texts.get(path))
        return persona

    def index(self, root: str) -> workspace.Index:
        """``workspace.index(root)``, the agents and skills handoffs can name, from the files
        this scan reads anyway (each file is parsed once)."""
        if root not in self._indexes:
            agents: dict[str, str] = {}
            skills: dict[str, str] = {}
            for path in workspace._kind_files(root, self.catalog):
                kind = filekind.kind_of_path(path, self.catalog)
                if kind is None:
                    continue
                if kind.file_name is not None:
                    skills.setdefault(os.path.basename(os.path.dirname(path)), path)
                    continue
                if self.catalog.target(kind.profile).key("handoffs") is None:
                    continue
                try:
                    persona = self.load(path)
                except PersonaStudioError:
                    name = filekind.persona_stem(path, self.catalog)
                else:
                    name = persona.name
                    if path in self.todo:
                        self.pending[path] = persona
                agents.setdefault(name, path)
            self._indexes[root] = workspace.Index(root, agents, skills)
        return self._indexes[root]

    def builtin_agents(self, target: str) -> tuple[str, ...]:
        if target not in self._builtin:
            self._builtin[target] = tuple(self.catalog.target(target).builtin_agents)
        return self._builtin[target]

    def reads(self, target: str, key: str) -> bool:
        return self.catalog.target(target).key(key) is not None

    # -- targets of a reference ------------------------------------------------------------

    def path_node(self, path: str, kind_hint: str) -> str:
        """The node of an existing file: the persona's own, or a new ``file``/persona node."""
        path = os.path.abspath(path)
        known = self.by_path.get(path)
        if known is not None:
            return known
        node_id = self.node_id(path)
        spec = filekind.kind_of_path(path, self.catalog)
        if spec is not None and os.path.isfile(path):
            try:
                persona = self.load(path)
            except PersonaStudioError:
                persona = None
            if persona is not None:
                if path in self.todo:
                    self.pending[path] = persona
                self.nodes[node_id] = Node(node_id, persona.kind, persona.name, path)
                self.by_path[path] = node_id
                return node_id
        self.nodes[node_id] = Node(node_id, kind_hint, os.path.basename(path), path)
        self.by_path[path] = node_id
        return node_id

    def missing_node(self, what: str, name: str) -> str:
        node_id = f"{MISSING}:{what}:{name}"
        shown = name.rsplit("/", 1)[-1] if what == FILE else name
        self.nodes.setdefault(node_id, Node(node_id, MISSING, shown, None))
        return node_id

    def agent_target(self, name: str, persona: PersonaFile) -> tuple[str, bool]:
        """(node id, broken) for an agent named in a handoff or an ``agents:`` entry."""
        root = self.root(persona.path)
        if root is not None:
            path = self.index(root).agents.get(name)
            if path is not None:
                return self.path_node(path, FILE), False
        for builtin in self.builtin_agents(persona.target):
            if builtin.casefold() == name.casefold():
                node_id = f"{BUILTIN}:{builtin}"
                self.nodes.setdefault(node_id, Node(node_id, BUILTIN, builtin, None))
                return node_id, False
        return self.missing_node("agent", name), True

    def skill_target(self, name: str, persona: PersonaFile) -> tuple[str, bool]:
        root = self.root(persona.path)
        if root is not None:
            path = self.index(root).skills.get(name)
            if path is not None:
                return self.path_node(path, FILE), False
        return self.missing_node("skill", name), True

    # -- the references of one file ----------------------------------------------------------

    def add_references(self, persona: PersonaFile) -> None:
        source = self.by_path[persona.path]
        document = persona.document
        front = document.front_matter
        entries = front.entries if front is not None and front.data is not None else ()
        for entry in entries:
            if entry.key == "handoffs" and self.reads(persona.target, "handoffs"):
                self._handoffs(source, persona, entry)
            elif entry.key in ("agents", "skills") and self.reads(persona.target, entry.key):
                self._names(source, persona, entry)
        root = self.root(persona.path)
        for link in links.body_links(document):
            resolved = links.resolve(link, persona.path, root)
            if resolved is None:
                continue
            line, column = document.position(link.start)
            if os.path.exists(resolved):
                target, broken = self.path_node(resolved, FILE), False
            else:
                target, broken = self.missing_node(FILE, self.node_id(resolved)), True
            self.edges.append(
                Edge(source, target, "link", link.written, link.relative, line, column, broken)
            )

    def _handoffs(self, source: str, persona: PersonaFile, entry: Any) -> None:
        if not isinstance(entry.value, list):
            return
        for number, handoff in enumerate(entry.value):
            if not isinstance(handoff, dict):
                continue
            name = handoff.get("agent")
            if not isinstance(name, str) or not name.strip():
                continue
            name = name.strip()
            label = handoff.get("label")
            label = label.strip() if isinstance(label, str) and label.strip() else name
            span = entry.items[number].span if number < len(entry.items) else entry.value_span
            where = handoff_agent_span(persona.document.text, span.start, span.end, name)
            line, column = persona.document.position(where[0] if where else span.start)
            target, broken = self.agent_target(name, persona)
            self.edges.append(Edge(source, target, "handoff", name, label, line, column, broken))

    def _names(self, source: str, persona: PersonaFile, entry: Any) -> None:
        if entry.kind != "sequence":
            return
        kind = "subagent" if entry.key == "agents" else "skill"
        for item in entry.items:
            if not isinstance(item.value, str) or not item.value.strip():
                continue
            name = item.value.strip()
            if name == "*":
                continue
            if kind == "subagent":
                target, broken = self.agent_target(name, persona)
            else:
                target, broken = self.skill_target(name, persona)
            self.edges.append(
                Edge(source, target, kind, name, name, item.span.line, item.span.column, broken)
            )


def base_of(paths: list[str]) -> str:
    """The folder node ids are relative to: the common folder of ``paths``."""
    paths = [os.path.abspath(path) for path in paths]
    folders = [path if os.path.isdir(path) else os.path.dirname(path) for path in paths]
    if not folders:
        return os.getcwd()
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives
        return folders[0]


def build_graph(
    paths: Iterable[str],
    *,
    catalog: Catalog | None = None,
    texts: dict[str, str] | None = None,
    cancel: CancelToken | None = None,
    progress: Progress | None = None,
) -> Graph:
    """The graph of the persona files in ``paths`` (folders are walked). ``texts`` gives the
    text of files open in an editor (absolute path -> text) instead of the disk's.

    Files that cannot be read become nodes with an entry in ``errors``; ``cancel`` is checked
    between files, ``progress(done, total)`` called every 50 files and at the end."""
    catalog = catalog or load_catalog()
    given = [os.path.abspath(path) for path in paths]
    check = checker(cancel)
    files = collect_files(given, catalog)
    builder = _Builder(base_of(given), given, catalog, texts or {}, set(files))
    errors: list[tuple[str, str]] = []
    total = len(files)
    for number, path in enumerate(files):
        check()
        if progress is not None and number % 50 == 0:
            progress(number, total)
        try:
            persona = builder.load(path)
        except PersonaStudioError as error:
            node_id = builder.node_id(path)
            spec = filekind.kind_of_path(path, catalog)
            name = filekind.persona_stem(path, catalog)
            builder.nodes[node_id] = Node(node_id, spec.id if spec else FILE, name, path)
            builder.by_path[path] = node_id
            errors.append((node_id, str(error)))
        else:
            builder.todo.discard(path)
            builder.add_file_node(persona)
            builder.add_references(persona)  # the document is dropped after this
    if progress is not None:
        progress(total, total)
    nodes = sorted(builder.nodes.values(), key=lambda node: (node.path is None, node.id))
    edges = sorted(builder.edges, key=lambda edge: (edge.source, edge.line, edge.column))
    return Graph(builder.base, tuple(nodes), tuple(edges), tuple(errors))
