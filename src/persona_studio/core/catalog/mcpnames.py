"""MCP tool names between spellings: ``server/tool`` and ``server/*`` (VS Code, GitHub), a bare
``server`` (chat modes), ``mcp__server__tool`` and ``mcp__server__*`` (Claude Code).

One name is split into its server and tool (None: the whole server) and written again in the
destination's spelling, so that every MCP name of one export is written one way. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping

from persona_studio.core.catalog.target import Target

DUNDER = "mcp__"


def split_mcp(name: str, style: str, aliases: Mapping[str, str]) -> tuple[str, str | None] | None:
    """(server, tool) of an MCP name written in ``style``; tool None for the whole server.
    ``aliases`` are the readers' hard-coded server aliases (``github-mcp-server`` -> ``github/*``).
    None when the name cannot be read as an MCP name."""
    text = name.strip()
    if style == "double-underscore":
        if not text.startswith(DUNDER):
            return None
        server, _, tool = text[len(DUNDER) :].partition("__")
        if not server:
            return None
        return server, (tool if tool and tool != "*" else None)
    text = aliases.get(text, text)
    if text.endswith("/*"):
        server = text[:-2]
        return (server, None) if server else None
    if "/" not in text:
        return text, None
    server, _, tool = text.rpartition("/")
    return (server, tool) if server and tool else None


def join_mcp(server: str, tool: str | None, target: Target) -> str:
    """The name of ``server``'s ``tool`` (None: all of its tools) as ``target`` writes it."""
    if target.mcp_style == "double-underscore":
        return f"{DUNDER}{server}__{tool or '*'}"
    if tool:
        return f"{server}/{tool}"
    if target.access.mcp_server == "bare" and target.classify_tool(server).kind == "unverified":
        return server  # a bare name the reader takes for a server (github, microsoft.docs.mcp)
    return f"{server}/*"
