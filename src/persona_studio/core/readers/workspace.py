"""The workspace a file lives in, as its readers see it: the agents it can hand off to or call
by name, and the skills it can load.

VS Code lists the custom agents of a workspace from the kinds' folders (``.github/agents``,
``.github/chatmodes``) and matches handoffs and ``agents:`` entries against their display names
(the ``name:`` key, else the file name without its suffix). Claude Code loads skills from the
skill folders (``.claude/skills/NAME/SKILL.md``). `index(root)` reads exactly those folders, so
it stays cheap enough to ask once per linted file; it is cached until a file in them is added,
removed or changed.

Standard library and core only; never Qt.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from persona_studio.core.catalog import Catalog, load_catalog
from persona_studio.core.document import Document, parse
from persona_studio.core.readers import filekind, links

__all__ = ["Index", "frozen", "index", "watched_paths"]

_HEADER_LIMIT = 64 * 1024  # bytes read from each file to find its front matter


@dataclass(frozen=True)
class Index:
    """What one workspace holds: display name -> file, per kind, and skill name -> folder."""

    root: str
    agents: dict[str, str] = field(default_factory=dict)  # agents and chat modes: name -> path
    skills: dict[str, str] = field(default_factory=dict)  # skill folder name -> SKILL.md path

    def agent_names(self) -> list[str]:
        return sorted(self.agents, key=str.casefold)


def index(root: str, catalog: Catalog | None = None) -> Index:
    """The agents and skills of the workspace at ``root`` (cached while its files stay put;
    inside ``frozen()``, read once per root)."""
    catalog = catalog or load_catalog()
    held: dict[tuple[str, Catalog], Index] | None = getattr(_frozen, "indexes", None)
    if held is not None and (root, catalog) in held:
        return held[(root, catalog)]
    files = _kind_files(root, catalog)
    stamp = tuple((path, _mtime(path)) for path in files)
    found = _build(root, stamp, catalog)
    if held is not None:
        held[(root, catalog)] = found
    return found


_frozen = threading.local()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Within the block, on this thread, each workspace is indexed once: for a batch that checks
    many files of one workspace while its files stay put (a workspace scan linting every file),
    instead of listing and stamping the kind folders again for each file."""
    previous = getattr(_frozen, "indexes", None)
    _frozen.indexes = {} if previous is None else previous
    try:
        yield
    finally:
        _frozen.indexes = previous


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def _kind_files(root: str, catalog: Catalog) -> list[str]:
    """The files directly inside the kinds' folders below ``root`` (``*`` expanded)."""
    found: list[str] = []
    seen: set[str] = set()
    for kind in catalog.kinds.values():
        for folder in kind.folders:
            for place in _expand(root, PurePath(folder).parts):
                if place in seen:
                    continue
                seen.add(place)
                try:
                    names = sorted(os.listdir(place))
                except OSError:
                    continue
                for name in names:
                    path = os.path.join(place, name)
                    if filekind.kind_of_path(path, catalog) is not None and os.path.isfile(path):
                        found.append(path)
    return found


def _expand(base: str, parts: tuple[str, ...]) -> list[str]:
    if not parts:
        return [base]
    head, rest = parts[0], parts[1:]
    if head != "*":
        return _expand(os.path.join(base, head), rest)
    try:
        children = sorted(os.listdir(base))
    except OSError:
        return []
    return [
        place
        for child in children
        if os.path.isdir(os.path.join(base, child))
        for place in _expand(os.path.join(base, child), rest)
    ]


@functools.lru_cache(maxsize=32)
def _build(root: str, stamp: tuple[tuple[str, int], ...], catalog: Catalog) -> Index:
    agents: dict[str, str] = {}
    skills: dict[str, str] = {}
    for path, _ in stamp:
        kind = filekind.kind_of_path(path, catalog)
        if kind is None:
            continue
        if kind.file_name is not None:  # a skill: named by its folder
            skills.setdefault(os.path.basename(os.path.dirname(path)), path)
            continue
        if catalog.target(kind.profile).key("handoffs") is None:
            continue  # only agents that VS Code lists can be handed off to
        name = _display_name(path, catalog)
        agents.setdefault(name, path)
    return Index(root, agents, skills)


def _display_name(path: str, catalog: Catalog) -> str:
    name = _header_name(path)
    return name if name else filekind.persona_stem(path, catalog)


def _header_name(path: str) -> str | None:
    """The front matter's ``name`` when it is a non-empty string (read with the same safe parser
    as every persona; only the file's first part is read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(_HEADER_LIMIT)
    except OSError:
        return None
    name = parse(head).data.get("name")
    return name.strip() if isinstance(name, str) and name.strip() else None


def watched_paths(
    path: str, document: Document, catalog: Catalog | None = None
) -> tuple[set[str], set[str]]:
    """What a view must watch to re-check a file when something it refers to appears, vanishes
    or changes: (folders, files). The folders: the file's own, those its links point into, and
    the workspace's kind folders (agents, skills); the files: the agents and skills listed
    there, whose display names handoffs use."""
    catalog = catalog or load_catalog()
    folders: set[str] = {os.path.dirname(os.path.abspath(path))}
    root = filekind.workspace_root(path)
    for link in links.body_links(document):
        target = links.resolve(link, path, root)
        if target is not None:
            parent = os.path.dirname(target)
            while parent and not os.path.isdir(parent) and os.path.dirname(parent) != parent:
                parent = os.path.dirname(parent)  # a missing folder: watch where it would appear
            folders.add(parent)
    files: set[str] = set()
    if root is not None:
        for kind in catalog.kinds.values():
            for folder in kind.folders:
                parts = PurePath(folder).parts
                fixed = parts[: parts.index("*")] if "*" in parts else parts
                folders.add(os.path.join(root, *fixed))  # where a new skill folder appears
                folders.update(_expand(root, parts))
        files.update(_kind_files(root, catalog))
    return {folder for folder in folders if os.path.isdir(folder)}, files
