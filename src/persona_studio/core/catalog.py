"""The tool catalog: targets, their front-matter keys, tool names, tool sets and renames.

Everything here is read from ``resources/catalog.yaml``; this module holds no tool name of its own.
It answers the questions the linter, the tool picker and the exporter ask:

* which keys a target accepts (``Target.keys`` / ``Target.key``, aliases resolved);
* what a tool name means for a target (``Target.classify_tool``): known, renamed (with its
  replacements), unverified (an MCP server or extension tool, which only the running program can
  check) or unknown;
* how the picker groups the current names (``Target.tool_groups``);
* what a name or a model becomes in another target (``Catalog.equivalent``, ``Catalog.map_tools``,
  ``Catalog.map_model``).

Pure Python and PyYAML only; no Qt.
"""

from __future__ import annotations

import functools
import os
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.resources import resource_path

__all__ = [
    "KEY_TYPES",
    "TOOL_KINDS",
    "Catalog",
    "CatalogError",
    "KeySpec",
    "KindSpec",
    "Reader",
    "Target",
    "ToolStatus",
    "is_mcp_or_extension",
    "load_catalog",
]

KEY_TYPES: frozenset[str] = frozenset(
    {
        "string",
        "boolean",
        "strict-boolean",
        "claude-model",
        "skill-name",
        "hooks",
        "github",
        "integer",
        "string-or-string-list",
        "string-list",
        "string-list-or-comma-string",
        "enum",
        "handoffs",
        "object",
        "any",
    }
)

TOOL_KINDS: tuple[str, ...] = ("known", "renamed", "unverified", "unknown")

OTHER_GROUP = "Other"

_SUPPORTED_FORMAT = 2  # 2: kinds, reader profiles (reader, severities)
_TOOLS_FORMS = ("list", "comma-string")
_MCP_STYLES = ("slash", "double-underscore")
_SEVERITIES = ("error", "warning", "info")
_CHATMODE = "vscode-chatmode"
_AGENT = "vscode-agent"
_VENDOR_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


class CatalogError(PersonaStudioError):
    """The catalog file is missing, is not valid YAML, or does not follow the catalog layout."""


@dataclass(frozen=True)
class KeySpec:
    """One front-matter key of a target.

    ``type`` is one of ``KEY_TYPES``. ``values`` are the allowed values of an ``enum`` key, or
    suggested values for a ``string`` key (Claude Code's model aliases). ``required_severity`` is
    the severity hint for a missing required key; ``hidden`` keys are accepted but never suggested.
    """

    name: str
    type: str
    values: tuple[str, ...] = ()
    required: bool = False
    deprecated: str | None = None
    ignored: str | None = None
    aliases: tuple[str, ...] = ()
    help: str = ""
    required_severity: str | None = None
    hidden: bool = False
    removed: str | None = None  # the reader refuses the key now: an error, with this message
    empty_severity: str | None = None  # the reader's severity for an empty value, if not error

    @property
    def base_type(self) -> str:
        """The plain shape of the value: ``string`` for a model or skill name, ``boolean`` for a
        strict boolean, ``object`` for hooks and github settings; else the type itself."""
        return _BASE_TYPES.get(self.type, self.type)


_BASE_TYPES = {
    "strict-boolean": "boolean",
    "claude-model": "string",
    "skill-name": "string",
    "hooks": "object",
    "github": "object",
}


@dataclass(frozen=True)
class Reader:
    """The program and version a target (a reader profile) follows, and where each rule's facts
    come from: ``sources`` maps a rule name or topic (``tools``, ``handoffs``) to a source, with
    ``*`` for the rest. ``legacy`` profiles describe an older reader a user opts into."""

    name: str
    version: str
    sources: Mapping[str, str]
    legacy: bool = False

    def source_for(self, *topics: str) -> str:
        for topic in topics:
            if topic in self.sources:
                return self.sources[topic]
        return self.sources.get("*", "")


@dataclass(frozen=True)
class KindSpec:
    """A kind of file (custom agent, chat mode, Claude subagent, skill) and how it is recognised:
    an exact ``file_name``, a ``suffix``, or a ``.md`` file directly inside one of ``folders``
    (``*`` stands for one folder name). ``profile`` is the target today's reader applies;
    ``legacy_profile`` an older reading; ``renamed_to`` the kind the reader now asks for;
    ``declared_profiles`` maps a front matter ``target:`` value to the profile it selects."""

    id: str
    label: str
    profile: str
    suffix: str | None = None
    file_name: str | None = None
    folders: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    legacy_profile: str | None = None
    renamed_to: str | None = None
    declared_profiles: Mapping[str, str] = field(default_factory=dict)
    persona_rules: bool = True  # False: the persona-section rules never apply to this kind
    md_in_folders: bool = True  # False: a plain .md in ``folders`` is not of this kind


@dataclass(frozen=True)
class ToolStatus:
    """What one tool name means for a target.

    ``kind`` is ``known``, ``renamed`` (``replacements`` holds the current name or names),
    ``unverified`` (MCP server or extension tool; ``replacements`` may hold the spelling the target
    resolves it to) or ``unknown``. ``name`` is the name as the target spells it (the canonical
    spelling when it matched case-insensitively). ``tool_set`` is the set a known tool belongs to;
    ``alias_of`` the canonical name a known alias stands for; ``note`` a readable explanation.
    """

    name: str
    kind: str
    replacements: tuple[str, ...] = ()
    tool_set: str | None = None
    note: str = ""
    alias_of: str | None = None


@dataclass(frozen=True)
class _Known:
    tool_set: str | None
    note: str
    alias_of: str | None
    in_picker: bool


@dataclass(frozen=True)
class _McpRules:
    server_aliases: frozenset[str]
    builtin_prefixes: frozenset[str]


@dataclass(frozen=True)
class _ToolTable:
    groups: tuple[tuple[str, tuple[str, ...], bool], ...]  # (name, members, is a tool set)
    sets: Mapping[str, tuple[str, ...]]
    top_level: tuple[str, ...]
    known: Mapping[str, _Known]  # insertion order: picker names first
    renamed: Mapping[str, tuple[str, ...]]
    gone: Mapping[str, str]
    mcp_aliases: Mapping[str, str]
    folded_known: Mapping[str, str]  # casefold -> canonical; filled only when case-insensitive
    folded_renamed: Mapping[str, str]


def _freeze(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return types.MappingProxyType(dict(mapping))


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
    reader: Reader = field(default=None)  # type: ignore[assignment]
    severities: Mapping[str, str] = field(default_factory=dict)
    builtin_agents: tuple[str, ...] = ()  # agents the reader has built in (handoff targets)
    _tools: _ToolTable = field(default=None, repr=False)  # type: ignore[assignment]
    _mcp: _McpRules = field(default=None, repr=False)  # type: ignore[assignment]

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

    @property
    def tool_sets(self) -> Mapping[str, tuple[str, ...]]:
        """Tool set name -> member names, for the sets a user can name in ``tools``."""
        return self._tools.sets

    def known_tools(self) -> tuple[str, ...]:
        """Every known name: the picker's names first, then aliases and other accepted names."""
        return tuple(self._tools.known)

    def renamed_tools(self) -> Mapping[str, tuple[str, ...]]:
        """Legacy name -> current replacement(s)."""
        return self._tools.renamed

    def classify_tool(self, name: str) -> ToolStatus:
        """Known, renamed, unverified (MCP or extension) or unknown, in that order of checks."""
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

        if _mcp_style_of(text, self._mcp) == self.mcp_style:
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


def _rename_note(legacy: str, replacements: tuple[str, ...]) -> str:
    if len(replacements) == 1:
        return f"Tool or toolset '{legacy}' has been renamed, use '{replacements[0]}' instead."
    listed = ", ".join(replacements)
    return f"Tool or toolset '{legacy}' has been renamed, use the following tools instead: {listed}"


def _mcp_style_of(name: str, rules: _McpRules) -> str | None:
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


class Catalog:
    """The loaded catalog: its data version, the targets, and cross-target equivalents."""

    def __init__(
        self,
        version: str,
        targets: Mapping[str, Target],
        *,
        kinds: Mapping[str, KindSpec],
        fallback_profile: str,
        maps: Mapping[tuple[str, str], Mapping[str, tuple[str, ...]]],
        hub: str | None,
        models: Mapping[str, Mapping[str, Any]],
        mcp: _McpRules,
    ) -> None:
        self.version = version
        self.targets: Mapping[str, Target] = _freeze(targets)
        self.kinds: Mapping[str, KindSpec] = _freeze(kinds)
        self.fallback_profile = fallback_profile
        self._maps = maps
        self._hub = hub
        self._models = models
        self._mcp = mcp
        self._reverse_chatmode: tuple[dict[str, str], list[tuple[tuple[str, ...], str]]] | None = (
            None
        )

    def __repr__(self) -> str:
        return f"Catalog(version={self.version!r}, targets={list(self.targets)!r})"

    def target(self, id: str) -> Target:
        try:
            return self.targets[id]
        except KeyError:
            known = ", ".join(self.targets)
            raise KeyError(f"unknown target {id!r}; known targets: {known}") from None

    # -- tool equivalents -----------------------------------------------------------------------

    def equivalent(self, name: str, from_target: str, to_target: str) -> tuple[str, ...]:
        """The name(s) ``name`` of ``from_target`` becomes in ``to_target``; ``()`` if none."""
        source = self.target(from_target)
        destination = self.target(to_target)
        keys = self._source_keys(name, source)
        out: list[str] = []
        for key in keys:
            out.extend(self._equivalent_key(key, source, destination))
        return _dedupe(out)

    def equivalent_groups(
        self, from_target: str, to_target: str
    ) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Groups of names that map back, as a whole, to one name (the members of an orphaned
        legacy tool set -> that set). Only agent -> chat mode has such groups."""
        self.target(from_target)
        self.target(to_target)
        if (from_target, to_target) != (_AGENT, _CHATMODE):
            return ()
        return tuple(self._chatmode_reverse()[1])

    def map_tools(self, names: Iterable[str], from_target: str, to_target: str) -> list[str]:
        """Map a whole tools list, in order, without duplicates; names with no equivalent are
        dropped. A complete group (``equivalent_groups``) collapses into its single name."""
        names = list(names)
        if from_target == to_target or self._direct(from_target, to_target):
            return self._map_direct(names, from_target, to_target)
        hub = self._hub
        if hub and hub not in (from_target, to_target):
            middle = self._map_direct(names, from_target, hub)
            return self._map_direct(middle, hub, to_target)
        return self._map_direct(names, from_target, to_target)

    def _map_direct(self, names: list[str], from_target: str, to_target: str) -> list[str]:
        source = self.target(from_target)
        destination = self.target(to_target)
        keyed = [(name, self._source_keys(name, source)) for name in names]
        present = {key for _, keys in keyed for key in keys}
        collapsed: dict[str, str] = {}  # first member -> group name
        consumed: set[str] = set()
        for members, group_name in self.equivalent_groups(from_target, to_target):
            if set(members) <= present and not consumed.intersection(members):
                first = next(key for _, keys in keyed for key in keys if key in members)
                collapsed[first] = group_name
                consumed.update(members)
        out: list[str] = []
        for _, keys in keyed:
            for key in keys:
                if key in collapsed:
                    out.append(collapsed[key])
                elif key not in consumed:
                    out.extend(self._equivalent_key(key, source, destination))
        return list(_dedupe(out))

    def _source_keys(self, name: str, source: Target) -> tuple[str, ...]:
        status = source.classify_tool(name)
        if status.kind == "known":
            return (status.alias_of or status.name,)
        if status.kind == "renamed":
            return status.replacements
        if status.kind == "unverified":
            return (status.name,)
        return ()

    def _direct(self, from_target: str, to_target: str) -> bool:
        pair = (from_target, to_target)
        return pair in self._maps or pair in ((_CHATMODE, _AGENT), (_AGENT, _CHATMODE))

    def _equivalent_key(self, key: str, source: Target, destination: Target) -> tuple[str, ...]:
        if source.id == destination.id:
            return (key,)
        status = source.classify_tool(key)
        if status.kind == "unverified":
            if source.mcp_style != destination.mcp_style:
                return ()
            resolved = destination.classify_tool(key)
            if resolved.kind == "known":
                return (resolved.name,)
            if resolved.kind == "unverified":
                return resolved.replacements or (resolved.name,)
            return ()
        pair = (source.id, destination.id)
        if pair == (_CHATMODE, _AGENT):
            resolved = destination.classify_tool(key)
            if resolved.kind == "known":
                return (resolved.name,)
            return resolved.replacements if resolved.kind == "renamed" else ()
        if pair == (_AGENT, _CHATMODE):
            single = self._chatmode_reverse()[0].get(key)
            return (single,) if single else ()
        direct = self._maps.get(pair)
        if direct is not None:
            return direct.get(key, ())
        hub = self._hub
        if hub and hub not in pair:
            middle = self._equivalent_key(key, source, self.target(hub))
            out: list[str] = []
            for item in middle:
                out.extend(self._equivalent_key(item, self.target(hub), destination))
            return _dedupe(out)
        return ()

    def _chatmode_reverse(self) -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
        """Current VS Code name -> chat-mode name (inverse of one-to-one renames, then identity),
        and the one-to-many groups; chat-mode names the picker offers win over other spellings."""
        if self._reverse_chatmode is None:
            chatmode = self.target(_CHATMODE)
            agent = self.target(_AGENT)
            single: dict[str, str] = {}
            groups: list[tuple[tuple[str, ...], str]] = []
            seen_groups: set[frozenset[str]] = set()
            for old in chatmode.known_tools():
                status = agent.classify_tool(old)
                if status.kind != "renamed":
                    continue
                if len(status.replacements) == 1:
                    single.setdefault(status.replacements[0], old)
                elif frozenset(status.replacements) not in seen_groups:
                    seen_groups.add(frozenset(status.replacements))
                    groups.append((status.replacements, old))
            for name in chatmode.known_tools():
                if agent.classify_tool(name).kind == "known":
                    single.setdefault(name, name)
            self._reverse_chatmode = (single, groups)
        return self._reverse_chatmode

    # -- models ---------------------------------------------------------------------------------

    def map_model(self, model: str, to_target: str) -> str | None:
        """The model name to write for ``to_target``; None when it has no equivalent there (the
        exporter then leaves ``model`` out)."""
        self.target(to_target)
        text = model.strip()
        if not text:
            return None
        rules = self._models.get(to_target)
        if rules is None:
            return text
        base = _VENDOR_SUFFIX.sub("", text)
        folded = base.casefold()
        mapping: Mapping[str, str | None] = rules.get("map", {})
        if folded in mapping:
            return mapping[folded]
        if folded in rules.get("keep", ()):
            return folded
        contained: tuple[tuple[str, str], ...] = rules.get("rules", ())
        for contains, result in contained:
            if contains in folded:
                return result
        if any(folded.startswith(prefix) for prefix in rules.get("keep_prefix", ())):
            return base
        return text if rules.get("pass_through", False) else None

    # -- paths ----------------------------------------------------------------------------------

    def is_mcp_or_extension(self, name: str) -> bool:
        return _mcp_style_of(name.strip(), self._mcp) is not None


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# -- loading -------------------------------------------------------------------------------------


def _yaml_loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Load a catalog file; ``None`` loads the shipped catalog (read once, then cached)."""
    if path is None:
        return _default_catalog()
    return _load(Path(path))


@functools.cache
def _default_catalog() -> Catalog:
    return _load(resource_path("catalog.yaml"))


def is_mcp_or_extension(name: str) -> bool:
    """True for names only an installed MCP server or extension can confirm: ``server/*``,
    ``server/tool`` (server not a built-in tool set), dotted names such as ``microsoft.docs.mcp``,
    known server aliases such as ``github``, and Claude Code's ``mcp__server__tool``."""
    return _default_catalog().is_mcp_or_extension(name)


def _load(path: Path) -> Catalog:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(
            "the tool catalog file is missing; reinstall Persona Studio", path=str(path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"the tool catalog cannot be read ({exc})", path=str(path)) from None
    try:
        data = yaml.load(text, Loader=_yaml_loader())  # always a safe loader
    except yaml.YAMLError as exc:
        raise CatalogError(f"the tool catalog is not valid YAML: {exc}", path=str(path)) from None
    try:
        return _build(data)
    except CatalogError as exc:
        raise CatalogError(exc.message, path=str(path)) from None


def _fail(where: str, message: str) -> CatalogError:
    return CatalogError(f"tool catalog, {where}: {message}")


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _fail(where, "expected a mapping")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise _fail(where, "expected a list of non-empty strings")
    return tuple(value)


def _text(value: Any, where: str, *, optional: bool = False) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _fail(where, "expected text")
    return str(value)


def _known_target(tid: Any, targets: Mapping[str, Target], where: str) -> Target:
    if tid not in targets or not isinstance(tid, str):
        raise _fail(where, f"unknown target {tid!r}")
    return targets[tid]


def _build(data: Any) -> Catalog:
    root = _mapping(data, "top level")
    if root.get("format") != _SUPPORTED_FORMAT:
        raise _fail("format", f"unsupported catalog format {root.get('format')!r}")
    version = _text(root.get("version"), "version")

    mcp_data = _mapping(root.get("mcp"), "mcp")
    raw_targets = _mapping(root.get("targets"), "targets")
    set_names: set[str] = set()
    for tid, tdata in raw_targets.items():
        tools = _mapping(_mapping(tdata, tid).get("tools"), f"{tid}.tools")
        set_names.update(_mapping(tools.get("sets"), f"{tid}.tools.sets"))
    mcp = _McpRules(
        server_aliases=frozenset(_strings(mcp_data.get("server_aliases"), "mcp.server_aliases")),
        builtin_prefixes=frozenset(
            set_names | set(_strings(mcp_data.get("builtin_prefixes"), "mcp.builtin_prefixes"))
        ),
    )

    targets = {tid: _build_target(tid, tdata, mcp) for tid, tdata in raw_targets.items()}
    if not targets:
        raise _fail("targets", "the catalog names no target")
    kinds = {
        kid: _build_kind(kid, kdata, targets)
        for kid, kdata in _mapping(root.get("kinds"), "kinds").items()
    }
    for kind in kinds.values():
        if kind.renamed_to is not None and kind.renamed_to not in kinds:
            raise _fail(f"kinds.{kind.id}.renamed_to", f"unknown kind {kind.renamed_to!r}")
    fallback = root.get("fallback_profile") or next(iter(targets))
    if fallback not in targets:
        raise _fail("fallback_profile", f"unknown target {fallback!r}")

    equivalents = _mapping(root.get("equivalents"), "equivalents")
    hub = equivalents.get("hub")
    if hub is not None and hub not in targets:
        raise _fail("equivalents.hub", f"unknown target {hub!r}")
    maps: dict[tuple[str, str], Mapping[str, tuple[str, ...]]] = {}
    for index, entry in enumerate(equivalents.get("maps") or ()):
        where = f"equivalents.maps[{index}]"
        entry = _mapping(entry, where)
        source = _known_target(entry.get("from"), targets, where)
        destination = _known_target(entry.get("to"), targets, where)
        table: dict[str, tuple[str, ...]] = {}
        for name, names in _mapping(entry.get("map"), where).items():
            if source.classify_tool(name).kind != "known":
                raise _fail(where, f"{name!r} is not a known {source.id} tool")
            table[name] = _strings(names, f"{where}.{name}")
            for item in table[name]:
                if destination.classify_tool(item).kind not in ("known", "unverified"):
                    raise _fail(where, f"{item!r} is not a known {destination.id} tool")
        maps[(source.id, destination.id)] = _freeze(table)

    models: dict[str, Mapping[str, Any]] = {}
    for tid, spec in _mapping(root.get("models"), "models").items():
        if tid not in targets:
            raise _fail("models", f"unknown target {tid!r}")
        spec = _mapping(spec, f"models.{tid}")
        models[tid] = {
            "map": {
                str(k).casefold(): (None if v is None else str(v))
                for k, v in _mapping(spec.get("map"), f"models.{tid}.map").items()
            },
            "keep": tuple(s.casefold() for s in _strings(spec.get("keep"), f"models.{tid}.keep")),
            "keep_prefix": tuple(
                s.casefold() for s in _strings(spec.get("keep_prefix"), f"models.{tid}.keep_prefix")
            ),
            "rules": tuple(
                (
                    _text(_mapping(rule, f"models.{tid}.rules").get("contains"), "contains"),
                    _text(rule.get("to"), "to"),
                )
                for rule in spec.get("rules") or ()
            ),
            "pass_through": bool(spec.get("pass_through", False)),
        }

    return Catalog(
        version,
        targets,
        kinds=kinds,
        fallback_profile=fallback,
        maps=maps,
        hub=hub,
        models=models,
        mcp=mcp,
    )


def _build_kind(kid: str, raw: Any, targets: Mapping[str, Target]) -> KindSpec:
    where = f"kinds.{kid}"
    data = _mapping(raw, where)
    profiles = {}
    for key in ("profile", "legacy_profile"):
        value = data.get(key)
        if value is not None and value not in targets:
            raise _fail(f"{where}.{key}", f"unknown target {value!r}")
        profiles[key] = value
    if profiles["profile"] is None:
        raise _fail(where, "a kind needs a profile (the target its reader applies)")
    declared = {
        str(value): _text(tid, f"{where}.declared_profiles.{value}")
        for value, tid in _mapping(
            data.get("declared_profiles"), f"{where}.declared_profiles"
        ).items()
    }
    for value, tid in declared.items():
        if tid not in targets:
            raise _fail(f"{where}.declared_profiles.{value}", f"unknown target {tid!r}")
    suffix = _text(data.get("suffix"), f"{where}.suffix", optional=True) or None
    file_name = _text(data.get("file_name"), f"{where}.file_name", optional=True) or None
    folders = _strings(data.get("folders"), f"{where}.folders")
    if not (suffix or file_name or folders):
        raise _fail(where, "a kind needs a suffix, a file_name or folders to be recognised by")
    return KindSpec(
        id=kid,
        label=_text(data.get("label"), f"{where}.label"),
        profile=profiles["profile"],
        suffix=suffix,
        file_name=file_name,
        folders=folders,
        exclude=_strings(data.get("exclude"), f"{where}.exclude"),
        legacy_profile=profiles["legacy_profile"],
        renamed_to=_text(data.get("renamed_to"), f"{where}.renamed_to", optional=True) or None,
        declared_profiles=_freeze(declared),
        persona_rules=bool(data.get("persona_rules", True)),
        md_in_folders=bool(data.get("md_in_folders", True)),
    )


def _build_reader(tid: str, raw: Any) -> Reader:
    where = f"{tid}.reader"
    data = _mapping(raw, where)
    sources = {
        str(topic): " ".join(_text(text, f"{where}.sources.{topic}").split())
        for topic, text in _mapping(data.get("sources"), f"{where}.sources").items()
    }
    return Reader(
        name=_text(data.get("name"), f"{where}.name"),
        version=_text(data.get("version"), f"{where}.version"),
        sources=_freeze(sources),
        legacy=bool(data.get("legacy", False)),
    )


def _build_target(tid: str, raw: Any, mcp: _McpRules) -> Target:
    data = _mapping(raw, tid)
    tools_form = data.get("tools_form")
    if tools_form not in _TOOLS_FORMS:
        raise _fail(f"{tid}.tools_form", f"expected one of {', '.join(_TOOLS_FORMS)}")
    mcp_style = data.get("mcp_style", "slash")
    if mcp_style not in _MCP_STYLES:
        raise _fail(f"{tid}.mcp_style", f"expected one of {', '.join(_MCP_STYLES)}")
    body_limit = data.get("body_limit")
    if body_limit is not None and (not isinstance(body_limit, int) or isinstance(body_limit, bool)):
        raise _fail(f"{tid}.body_limit", "expected an integer or null")
    tools = _mapping(data.get("tools"), f"{tid}.tools")
    return Target(
        id=tid,
        label=_text(data.get("label"), f"{tid}.label"),
        versions=_text(data.get("versions"), f"{tid}.versions"),
        suffix=_text(data.get("suffix"), f"{tid}.suffix"),
        default_folder=_text(data.get("default_folder"), f"{tid}.default_folder"),
        keys=_build_keys(tid, _mapping(data.get("keys"), f"{tid}.keys")),
        tools_form=tools_form,
        body_limit=body_limit,
        case_insensitive_tools=bool(tools.get("case_insensitive", False)),
        tool_validation=bool(tools.get("validation", True)),
        mcp_style=mcp_style,
        reader=_build_reader(tid, data.get("reader")),
        severities=_build_severities(tid, data.get("severities")),
        builtin_agents=_strings(data.get("builtin_agents"), f"{tid}.builtin_agents"),
        _tools=_build_tools(tid, tools),
        _mcp=mcp,
    )


def _build_severities(tid: str, raw: Any) -> Mapping[str, str]:
    where = f"{tid}.severities"
    table = {str(k): _text(v, f"{where}.{k}") for k, v in _mapping(raw, where).items()}
    for name, severity in table.items():
        if severity not in _SEVERITIES:
            raise _fail(f"{where}.{name}", f"expected one of {', '.join(_SEVERITIES)}")
    return _freeze(table)


def _empty_severity(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value not in _SEVERITIES:
        raise _fail(f"{where}.empty", f"expected one of {', '.join(_SEVERITIES)}")
    return str(value)


def _build_keys(tid: str, raw: Mapping[str, Any]) -> Mapping[str, KeySpec]:
    keys: dict[str, KeySpec] = {}
    spellings: set[str] = set()
    for name, spec_raw in raw.items():
        where = f"{tid}.keys.{name}"
        spec = _mapping(spec_raw, where)
        key_type = spec.get("type")
        if key_type not in KEY_TYPES:
            raise _fail(where, f"unknown key type {key_type!r}")
        values = _strings(spec.get("values"), f"{where}.values")
        if key_type == "enum" and not values:
            raise _fail(where, "an enum key needs values")
        required = spec.get("required", False)
        if required is True:
            required = "warning"
        if required not in (False, *_SEVERITIES):
            raise _fail(where, "required must be false, true or a severity (error, warning, info)")
        aliases = _strings(spec.get("aliases"), f"{where}.aliases")
        for spelling in (name, *aliases):
            if spelling in spellings:
                raise _fail(where, f"the key spelling {spelling!r} is used twice")
            spellings.add(spelling)
        keys[name] = KeySpec(
            name=name,
            type=key_type,
            values=values,
            required=bool(required),
            deprecated=_text(spec.get("deprecated"), f"{where}.deprecated", optional=True) or None,
            ignored=_text(spec.get("ignored"), f"{where}.ignored", optional=True) or None,
            aliases=aliases,
            help=_text(spec.get("help"), f"{where}.help", optional=True),
            required_severity=required or None,
            hidden=bool(spec.get("hidden", False)),
            removed=_text(spec.get("removed"), f"{where}.removed", optional=True) or None,
            empty_severity=_empty_severity(spec.get("empty"), where),
        )
    return _freeze(keys)


def _build_tools(tid: str, raw: Mapping[str, Any]) -> _ToolTable:
    where = f"{tid}.tools"
    known: dict[str, _Known] = {}

    def add(name: str, info: _Known, place: str) -> None:
        if name in known:
            raise _fail(place, f"the tool {name!r} is listed twice")
        known[name] = info

    groups: list[tuple[str, tuple[str, ...], bool]] = []
    qualified = bool(raw.get("qualified_members", False))
    sets = _mapping(raw.get("sets"), f"{where}.sets")
    for set_name, spec in sets.items():
        place = f"{where}.sets.{set_name}"
        if set_name == OTHER_GROUP:
            raise _fail(place, f"{OTHER_GROUP!r} is reserved for the picker")
        members = _strings(_mapping(spec, place).get("members"), f"{place}.members")
        add(set_name, _Known(None, "Tool set.", None, True), place)
        for member in members:
            add(member, _Known(set_name, "", None, True), place)
        groups.append((set_name, members, True))
    for group_name, spec in _mapping(raw.get("groups"), f"{where}.groups").items():
        place = f"{where}.groups.{group_name}"
        if group_name == OTHER_GROUP or group_name in sets:
            raise _fail(place, "a group name must differ from 'Other' and from the set names")
        members = _strings(_mapping(spec, place).get("members"), f"{place}.members")
        for member in members:
            add(member, _Known(None, "", None, True), place)
        groups.append((group_name, members, False))
    top_level = _strings(raw.get("top_level"), f"{where}.top_level")
    for name in top_level:
        add(name, _Known(None, "", None, True), f"{where}.top_level")
    if qualified:
        for set_name, members, _ in groups[: len(sets)]:
            for member in members:
                add(f"{set_name}/{member}", _Known(set_name, "", None, False), f"{where}.sets")
    for canonical, alternatives in _mapping(raw.get("aliases"), f"{where}.aliases").items():
        place = f"{where}.aliases.{canonical}"
        if canonical not in known:
            raise _fail(place, f"{canonical!r} is not a known tool")
        target_info = known[canonical]
        for alternative in _strings(alternatives, place):
            add(alternative, _Known(target_info.tool_set, "", canonical, False), place)
    for name, note in _mapping(raw.get("accepted"), f"{where}.accepted").items():
        place = f"{where}.accepted.{name}"
        prefix = name.partition("/")[0] if "/" in name else None
        tool_set = prefix if prefix in sets else None
        add(name, _Known(tool_set, _text(note, place, optional=True), None, False), place)

    renamed: dict[str, tuple[str, ...]] = {}
    for name, replacements in _mapping(raw.get("renamed"), f"{where}.renamed").items():
        place = f"{where}.renamed.{name}"
        if name in known:
            raise _fail(place, f"{name!r} is both known and renamed")
        renamed[name] = _strings(replacements, place)
        if not renamed[name]:
            raise _fail(place, "a rename needs at least one replacement")
        for replacement in renamed[name]:
            if replacement not in known:
                raise _fail(place, f"the replacement {replacement!r} is not a known tool")
    gone = {
        str(name): _text(note, f"{where}.gone.{name}", optional=True)
        for name, note in _mapping(raw.get("gone"), f"{where}.gone").items()
    }
    for name in gone:
        if name in known or name in renamed:
            raise _fail(f"{where}.gone.{name}", f"{name!r} is listed as gone and as valid")
    for extension, names in _mapping(
        raw.get("extension_tools"), f"{where}.extension_tools"
    ).items():
        place = f"{where}.extension_tools.{extension}"
        for bare in _strings(names, place):
            full = f"{extension}/{bare}"
            add(
                full,
                _Known(None, f"A tool of the built-in extension '{extension}'.", None, False),
                place,
            )
            if bare not in known and bare not in gone:
                renamed.setdefault(bare, (full,))
    if raw.get("prefixed_renames", False):
        # `set/old` where `old` was renamed to one tool of `set`: VS Code resolves it with a rename.
        for old, replacements in list(renamed.items()):
            if "/" in old or len(replacements) != 1 or "/" not in replacements[0]:
                continue
            prefixed = f"{replacements[0].partition('/')[0]}/{old}"
            if prefixed not in known and prefixed not in gone:
                renamed.setdefault(prefixed, replacements)
    if raw.get("bare_member_renames", False):
        for _set_name, members, is_set in groups:
            if not is_set:
                continue
            for member in members:
                if "/" not in member:
                    continue
                bare = member.rpartition("/")[2]
                if bare not in known and bare not in renamed and bare not in gone:
                    renamed[bare] = (member,)

    mcp_aliases = {
        str(k): _text(v, f"{where}.mcp_aliases.{k}")
        for k, v in _mapping(raw.get("mcp_aliases"), f"{where}.mcp_aliases").items()
    }

    folded_known: dict[str, str] = {}
    folded_renamed: dict[str, str] = {}
    if raw.get("case_insensitive", False):
        for name in known:  # canonical (picker) spellings come first and win
            folded_known.setdefault(name.casefold(), name)
        for name in renamed:
            if name.casefold() not in folded_known:
                folded_renamed.setdefault(name.casefold(), name)

    return _ToolTable(
        groups=tuple(groups),
        sets=_freeze({name: members for name, members, is_set in groups if is_set}),
        top_level=top_level,
        known=_freeze(known),
        renamed=_freeze(renamed),
        gone=_freeze(gone),
        mcp_aliases=_freeze(mcp_aliases),
        folded_known=_freeze(folded_known),
        folded_renamed=_freeze(folded_renamed),
    )
