"""Where a tool, a skill or an agent is used across a workspace: each file and line that names
it. Tools: the ``tools`` entries (a tool set's name also finds its members, ``search`` finds
``search/codebase``) and ``#tool:NAME`` in the body. Agents: handoffs, ``agents:`` entries and
links to the agent's file. Skills: ``skills:`` entries and links to the skill's file. Agents and
skills are matched as the graph matches them (display names, skill folders).

Standard library and core only; never Qt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from persona_studio.core.catalog import Catalog, load_catalog
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.readers import toollist
from persona_studio.core.workspace.graph import (
    Graph,
    base_of,
    build_graph,
    collect_files,
    read_persona,
)

__all__ = ["KINDS", "Use", "where_used"]

KINDS = ("tool", "skill", "agent")


@dataclass(frozen=True, slots=True)
class Use:
    """One place that names the thing: the file (its path relative to the workspace's base,
    and absolute), the line and column, how it names it, and the line's text."""

    file: str
    path: str
    line: int
    column: int
    what: str  # tool, skill or agent
    how: str  # tools, tool-reference, handoff, subagent, skill, link
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "what": self.what,
            "how": self.how,
            "text": self.text,
        }


def _line_text(path: str, line: int, cache: dict[str, list[str]]) -> str:
    if path not in cache:
        try:
            cache[path] = read_text(path).text.splitlines()
        except PersonaStudioError:
            cache[path] = []
    lines = cache[path]
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def where_used(
    paths: Iterable[str],
    name: str,
    what: Iterable[str] = KINDS,
    *,
    catalog: Catalog | None = None,
    graph: Graph | None = None,
) -> list[Use]:
    """The places in the persona files of ``paths`` that use ``name`` as one of ``what``
    (tool, skill, agent), by file and line. ``graph``: the graph of the same paths, if built."""
    catalog = catalog or load_catalog()
    wanted = set(what)
    paths = list(paths)
    uses: list[Use] = []
    cache: dict[str, list[str]] = {}
    if "tool" in wanted:
        uses.extend(_tool_uses(paths, name, catalog, cache))
    if wanted & {"skill", "agent"}:
        graph = graph or build_graph(paths, catalog=catalog)
        by_id = {node.id: node for node in graph.nodes}
        for edge in graph.edges:
            target = by_id[edge.target]
            if edge.kind == "link":
                kind = {"skill": "skill"}.get(target.kind, "agent")
                if target.kind in ("file", "missing", "builtin") or target.name != name:
                    continue
            elif edge.kind == "skill":
                kind = "skill"
                if edge.ref != name:
                    continue
            else:
                kind = "agent"
                if edge.ref != name:
                    continue
            if kind not in wanted:
                continue
            source = by_id[edge.source]
            assert source.path is not None
            text = _line_text(source.path, edge.line, cache)
            uses.append(
                Use(edge.source, source.path, edge.line, edge.column, kind, edge.kind, text)
            )
    uses.sort(key=lambda use: (use.file, use.line, use.column))
    return uses


_TOOL_REFERENCE = re.compile(r"#tool:([\w\-./]+)")


def _tool_uses(
    paths: list[str], name: str, catalog: Catalog, cache: dict[str, list[str]]
) -> list[Use]:
    base = base_of(paths)
    found: list[Use] = []
    for path in collect_files(paths, catalog):
        try:
            persona = read_persona(path, catalog)
        except PersonaStudioError:
            continue
        document = persona.document
        relative = os.path.relpath(path, base).replace(os.sep, "/")
        for entry in toollist.tool_entries(document) or ():
            if entry.name == name or entry.name.startswith(name + "/"):
                text = _line_text(path, entry.span.line, cache)
                found.append(
                    Use(relative, path, entry.span.line, entry.span.column, "tool", "tools", text)
                )
        for match in _TOOL_REFERENCE.finditer(document.text, document.body_start):
            written = match.group(1).rstrip(".")
            if written == name or written.startswith(name + "/"):
                line, column = document.position(match.start())
                text = _line_text(path, line, cache)
                found.append(Use(relative, path, line, column, "tool", "tool-reference", text))
    return found
