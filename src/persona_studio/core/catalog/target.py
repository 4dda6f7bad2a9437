"""A target (a program that reads persona files, at a version): its keys, and what each tool name
means to it (known, renamed, unverified MCP or extension tool, unknown)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from persona_studio.core.catalog.specs import KeySpec, Reader, ToolStatus

OTHER_GROUP = "Other"


@dataclass(frozen=True)
class KnownTool:
    """What the catalog says of one accepted tool name (the loader fills the table)."""

    tool_set: str | None
    note: str
    alias_of: str | None
    in_picker: bool


@dataclass(frozen=True)
class McpRules:
    """The names that look like MCP/extension tools but are not: server aliases and the
    prefixes of built-in tool sets. Shared by every target."""

    server_aliases: frozenset[str]
    builtin_prefixes: frozenset[str]


@dataclass(frozen=True)
class ToolAccessForms:
    """How a target writes tool access as a whole (catalog ``tools.access``).

    ``omitted``: what a missing ``tools`` key grants (``all`` or ``default``); ``all``: how "all
    tools" is written (``omit`` the key, or ``star``: ``['*']``); ``none``: how "no tools" is
    written (``empty``: ``[]``); ``mcp_server``: how a whole MCP server is written in the slash
    style (``star``: ``server/*``, ``bare``: ``server``); ``sources``: where these facts come from.
    """

    omitted: str = "default"
    all: str = "omit"
    none: str = "empty"
    mcp_server: str = "star"
    source: str = ""


@dataclass(frozen=True)
class ToolTable:
    """A target's tool names, ready for lookups."""

    groups: tuple[tuple[str, tuple[str, ...], bool], ...]  # (name, members, is a tool set)
    sets: Mapping[str, tuple[str, ...]]
    top_level: tuple[str, ...]
    known: Mapping[str, KnownTool]  # insertion order: picker names first
    renamed: Mapping[str, tuple[str, ...]]
    gone: Mapping[str, str]
    mcp_aliases: Mapping[str, str]
    folded_known: Mapping[str, str]  # casefold -> canonical; filled only when case-insensitive
    folded_renamed: Mapping[str, str]


@dataclass(frozen=True, eq=False)
class Target:
    """A program that reads persona files, at a version: its keys, file naming and tool names."""

    id: str
    label: str
    versions: str
    suffix: str
    default_folder: str
    keys: Mapping[str, KeySpec]
    tools_form: str
    body_limit: int | None
    case_insensitive_tools: bool
    tool_validation: bool
    mcp_style: str = "slash"
    exporter: str | None = None  # the exporter (core/formats) that writes its files, if any
    reader: Reader = field(default=None)  # type: ignore[assignment]
    severities: Mapping[str, str] = field(default_factory=dict)
    builtin_agents: tuple[str, ...] = ()  # agents the reader has built in (handoff targets)
    access: ToolAccessForms = field(default=None)  # type: ignore[assignment]
    _tools: ToolTable = field(default=None, repr=False)  # type: ignore[assignment]
    _mcp: McpRules = field(default=None, repr=False)  # type: ignore[assignment]
    # classify_tool's answers: the rules ask about the same names again and again (a batch of
    # files names the same tools). Bounded by _MAX_CLASSIFIED; never part of the comparison.
    _classified: dict[str, ToolStatus] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # -- keys -----------------------------------------------------------------------------------

    def key(self, name: str) -> KeySpec | None:
        """The spec of a front-matter key, also when ``name`` is an accepted alias spelling."""
        spec = self.keys.get(name)
        if spec is not None:
            return spec
        for candidate in self.keys.values():
            if name in candidate.aliases:
                return candidate
        return None

    def required_keys(self) -> tuple[KeySpec, ...]:
        return tuple(spec for spec in self.keys.values() if spec.required)

    # -- tools ----------------------------------------------------------------------------------

    def tool_groups(self) -> list[tuple[str, list[str]]]:
        """Picker groups: tool sets with their members, other groups, then ``Other`` top-level
        tools. Only current names; legacy, alias and short-lived names are left out."""
        groups = [(name, list(members)) for name, members, is_set in self._tools.groups if is_set]
        groups += [
            (name, list(members)) for name, members, is_set in self._tools.groups if not is_set
        ]
        if self._tools.top_level:
            groups.append((OTHER_GROUP, list(self._tools.top_level)))
        return groups

    @cached_property
    def current_tool_names(self) -> tuple[str, ...]:
        """Every current tool name (the picker's groups, in order) and then the tool sets: what
        a misspelt name is matched against. Made once per target, not once per unknown name."""
        names = [known for _group, members in self.tool_groups() for known in members]
        return (*names, *self.tool_sets)

    @property
    def tool_sets(self) -> Mapping[str, tuple[str, ...]]:
        """Tool set name -> member names, for the sets a user can name in ``tools``."""
        return self._tools.sets

    def known_tools(self) -> tuple[str, ...]:
        """Every known name: the picker's names first, then aliases and other accepted names."""
        return tuple(self._tools.known)

    @property
    def mcp_aliases(self) -> Mapping[str, str]:
        """MCP server spellings this reader resolves, each to the server's set name."""
        return self._tools.mcp_aliases

    def renamed_tools(self) -> Mapping[str, tuple[str, ...]]:
        """Legacy name -> current replacement(s)."""
        return self._tools.renamed

    def gone_note(self, name: str) -> str:
        """The catalog's word on a documented name that no longer resolves here, or ''."""
        return self._tools.gone.get(name.strip(), "")

    def classify_tool(self, name: str) -> ToolStatus:
        """Known, renamed, unverified (MCP or extension) or unknown, in that order of checks."""
        status = self._classified.get(name)
        if status is None:
            if len(self._classified) >= _MAX_CLASSIFIED:
                self._classified.clear()
            status = self._classified[name] = self._classify(name)
        return status

    def _classify(self, name: str) -> ToolStatus:
        tools = self._tools
        text = name.strip()
        if not text:
            return ToolStatus(name, "unknown", note="An empty tool name.")

        canonical = self._lookup(text, tools.known, tools.folded_known)
        if canonical is not None:
            info = tools.known[canonical]
            note = info.note
            if info.alias_of and not note:
                note = f"Alias of '{info.alias_of}'."
            return ToolStatus(
                canonical, "known", tool_set=info.tool_set, note=note, alias_of=info.alias_of
            )

        legacy = self._lookup(text, tools.renamed, tools.folded_renamed)
        if legacy is not None:
            replacements = tools.renamed[legacy]
            return ToolStatus(
                legacy,
                "renamed",
                replacements=replacements,
                note=_rename_note(legacy, replacements),
            )

        if mcp_style_of(text, self._mcp) == self.mcp_style:
            resolved = tools.mcp_aliases.get(text)
            if resolved:
                note = (
                    f"MCP server name; {self.label} resolves it to '{resolved}'. "
                    "It can only be checked where the server is installed."
                )
                return ToolStatus(text, "unverified", replacements=(resolved,), note=note)
            return ToolStatus(
                text,
                "unverified",
                note="MCP server or extension tool; it can only be checked where it is installed.",
            )

        return ToolStatus(text, "unknown", note=tools.gone.get(text, ""))

    def _lookup(self, text: str, exact: Mapping[str, Any], folded: Mapping[str, str]) -> str | None:
        if text in exact:
            return text
        if self.case_insensitive_tools:
            return folded.get(text.casefold())
        return None


_MAX_CLASSIFIED = 4096


def _rename_note(legacy: str, replacements: tuple[str, ...]) -> str:
    if len(replacements) == 1:
        return f"Tool or toolset '{legacy}' has been renamed, use '{replacements[0]}' instead."
    listed = ", ".join(replacements)
    return f"Tool or toolset '{legacy}' has been renamed, use the following tools instead: {listed}"


def mcp_style_of(name: str, rules: McpRules) -> str | None:
    """``slash``, ``double-underscore`` or None: how ``name`` is spelled if it names MCP/extension
    tools."""
    if not name or any(ch.isspace() for ch in name):
        return None
    if name.startswith("mcp__"):
        rest = name[len("mcp__") :]
        return "double-underscore" if rest and not rest.startswith("_") else None
    if name in rules.server_aliases:
        return "slash"
    if "/" in name:
        server, _, tool = name.partition("/")
        if not server or not tool or server in rules.builtin_prefixes:
            return None
        return "slash"
    if "." in name and not name.startswith(".") and not name.endswith("."):
        return "slash"  # extension or registry-style MCP name, e.g. microsoft.docs.mcp
    return None
