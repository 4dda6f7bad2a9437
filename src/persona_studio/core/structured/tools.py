"""The tools of a document as the tool picker shows them, read off a snapshot. Pure Python.

Every name in the document gets a status from the catalog of the document's target; names the
picker's catalog groups do not list (legacy names, MCP and extension tools, unknown names, accepted
spellings) go to groups of their own, so every tool of the document is visible somewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from persona_studio.core.catalog import Target, ToolStatus
from persona_studio.core.document import Document

LEGACY_GROUP = "Legacy names"
ACCEPTED_GROUP = "Also accepted"
MCP_GROUP = "MCP and extensions"
UNKNOWN_GROUP = "Unknown"


@dataclass(frozen=True)
class ToolEntry:
    """One name of the document's tools list."""

    index: int  # its position in the list
    name: str  # as written
    status: ToolStatus

    @property
    def key(self) -> str:
        """The name the picker knows it by: the catalog's spelling of a known name."""
        return self.status.name if self.status.kind == "known" else self.name

    @property
    def label(self) -> str:
        if self.status.kind == "renamed":
            return f"{self.name} → {', '.join(self.status.replacements)}"
        return self.name


def tool_names(document: Document) -> list[str] | None:
    """The names of the `tools` value: a YAML list or a comma-separated string; None without a
    `tools` key (the target's default tools apply)."""
    front = document.front_matter
    entry = front.entry("tools") if front is not None and front.error is None else None
    if entry is None:
        return None
    if entry.kind == "sequence":
        return [str(item.value) for item in entry.items if item.value is not None]
    if entry.kind == "scalar" and isinstance(entry.value, str):
        return [part.strip() for part in entry.value.split(",") if part.strip()]
    return []


def tool_entries(document: Document, target: Target) -> list[ToolEntry]:
    names = tool_names(document) or []
    return [ToolEntry(index, name, target.classify_tool(name)) for index, name in enumerate(names)]


def picker_names(target: Target) -> set[str]:
    """Every name the catalog groups show (tool set names included)."""
    names = set(target.tool_sets)
    for _group, members in target.tool_groups():
        names.update(members)
    return names


def extra_group(entry: ToolEntry, shown: set[str]) -> str | None:
    """The picker group of a document name the catalog groups do not show (None if they do)."""
    kind = entry.status.kind
    if kind == "renamed":
        return LEGACY_GROUP
    if kind == "unverified":
        return MCP_GROUP
    if kind == "unknown":
        return UNKNOWN_GROUP
    return None if entry.key in shown else ACCEPTED_GROUP


def migration(names: list[str], index: int, target: Target) -> list[str]:
    """What the legacy name at `index` becomes: its current names, less those already listed."""
    status = target.classify_tool(names[index])
    if status.kind != "renamed":
        return [names[index]]
    present = set(names)
    return [name for name in dict.fromkeys(status.replacements) if name not in present]


def migrate_all(names: list[str], target: Target) -> list[str]:
    """The list with every legacy name replaced by its current names, each listed once, in the
    place of the first name that brings it in."""
    statuses = [target.classify_tool(name) for name in names]
    staying = {
        name for name, status in zip(names, statuses, strict=True) if status.kind != "renamed"
    }
    result: list[str] = []
    for name, status in zip(names, statuses, strict=True):
        if status.kind != "renamed":
            result.append(name)
            continue
        for replacement in status.replacements:
            if replacement not in staying and replacement not in result:
                result.append(replacement)
    return result


def single_move(order: list[int]) -> tuple[int, int] | None:
    """(from, to) when `order` (old indices in their new order) is one item moved, else None."""
    changed = [position for position, old in enumerate(order) if position != old]
    if not changed:
        return None
    first, last = changed[0], changed[-1]
    if order[first] == last and order[first + 1 : last + 1] == list(range(first, last)):
        return last, first  # moved up
    if order[last] == first and order[first:last] == list(range(first + 1, last + 1)):
        return first, last  # moved down
    return None
