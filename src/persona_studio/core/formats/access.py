"""Tool access as a meaning: what a persona may do, read from its ``tools`` key in the terms of its
own reader, before any name is written for another.

A source grants one of four things: **all** tools (``['*']``, or no ``tools`` key where the reader
gives all tools then: Claude Code, GitHub), **none** (``[]``), the **default** tools (no ``tools``
key in VS Code: the tools the user has enabled), or the **named** tools and tool sets, MCP servers
whole (``server/*``) or in part (``server/tool``). The exporter writes what grants the same in the
target (``Target.access`` says how each reader spells "all" and "none") and reports, tool by tool,
what it kept, what it kept only in part and what it lost, with the reason.

Pure Python; no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from persona_studio.core.catalog import Target

ALL, NONE, DEFAULT, NAMED = "all", "none", "default", "named"
STAR = "*"


@dataclass(frozen=True)
class ToolAccess:
    """What a ``tools`` key grants: ``kind`` is all, none, default or named; ``names`` the items
    of the list as written (strings only), for every kind that has a list."""

    kind: str
    names: tuple[str, ...] = ()
    omitted: bool = False  # no ``tools`` key at all

    def describe(self, target: Target) -> str:
        if self.kind == ALL:
            how = "no 'tools' key" if self.omitted else "'*'"
            return f"all tools ({how})"
        if self.kind == NONE:
            return "no tools ('tools: []')"
        if self.kind == DEFAULT:
            return "the default tools (no 'tools' key)"
        servers = tools = 0
        for name in self.names:
            if target.classify_tool(name).kind != "unverified" and not name.endswith("/*"):
                continue  # (GitHub lists its built-in servers, github/*, as its own names)
            whole = name.endswith(("/*", "__*")) or ("/" not in name and "__" not in name[5:])
            servers += whole
            tools += not whole
        count = len(self.names) - servers - tools
        parts = (
            [f"{count} named {'tool' if count == 1 else 'tools and tool sets'}"] if count else []
        )
        if servers:
            parts.append(f"{servers} whole MCP {'server' if servers == 1 else 'servers'}")
        if tools:
            parts.append(f"{tools} MCP {'tool' if tools == 1 else 'tools'}")
        return ", ".join(parts)


def read_access(value: Any, present: bool, source: Target) -> ToolAccess | None:
    """The access a ``tools`` value grants under ``source``; None when the value is of a shape
    no reader takes (a number, a mapping): the lint of the result reports it."""
    if not present:
        kind = ALL if source.access.omitted == ALL else DEFAULT
        return ToolAccess(kind, omitted=True)
    if value is None:
        return ToolAccess(NONE)
    if isinstance(value, str):
        names = tuple(part.strip() for part in value.split(",") if part.strip())
    elif isinstance(value, list):
        names = tuple(item.strip() for item in value if isinstance(item, str) and item.strip())
    else:
        return None
    if STAR in names:
        return ToolAccess(ALL, names)
    if not names:
        return ToolAccess(NONE)
    return ToolAccess(NAMED, names)


@dataclass(frozen=True)
class ToolFate:
    """What became of one tool name of the source: ``status`` is kept, partly or lost; ``written``
    the target's names for it; ``lost`` the tools it stood for that have no equivalent (partly);
    ``reason`` why it is lost."""

    tool: str
    status: str
    written: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    reason: str = ""
    widened: tuple[str, ...] = ()  # tools of the source written as their whole set

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"tool": self.tool, "status": self.status}
        if self.written:
            out["as"] = list(self.written)
        if self.lost:
            out["lost"] = list(self.lost)
        if self.reason:
            out["reason"] = self.reason
        if self.widened:
            out["widened"] = list(self.widened)
        return out

    def __str__(self) -> str:
        if self.status == "kept":
            return f"{self.tool} -> {', '.join(self.written)}"
        if self.status == "partly":
            return f"{self.tool} -> {', '.join(self.written)}; lost: {', '.join(self.lost)}" + (
                f" ({self.reason})" if self.reason else ""
            )
        return f"{self.tool}: {self.reason}" if self.reason else self.tool


@dataclass
class ToolReport:
    """The tool access of one export: what the source grants, what the result grants, and the
    fate of each named tool."""

    source: str  # ToolAccess.describe of the source
    written: str  # the same of the result
    fates: list[ToolFate] = field(default_factory=list)
    same: bool = True  # the result grants what the source grants (nothing lost or widened)

    @property
    def lost(self) -> list[ToolFate]:
        return [fate for fate in self.fates if fate.status != "kept"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "written": self.written,
            "same": self.same,
            "kept": [f.to_dict() for f in self.fates if f.status == "kept"],
            "partly": [f.to_dict() for f in self.fates if f.status == "partly"],
            "lost": [f.to_dict() for f in self.fates if f.status == "lost"],
        }
