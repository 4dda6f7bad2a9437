"""Reading ``resources/catalog.yaml`` (or another catalog file) and checking its layout, with an
error that names the place of every mistake."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from persona_studio.core.catalog import parsed_cache
from persona_studio.core.catalog.checks import fail as _fail
from persona_studio.core.catalog.checks import mapping as _mapping
from persona_studio.core.catalog.checks import strings as _strings
from persona_studio.core.catalog.checks import text as _text
from persona_studio.core.catalog.equivalents import Catalog
from persona_studio.core.catalog.kinds import build_kind
from persona_studio.core.catalog.specs import (
    KEY_TYPES,
    CatalogError,
    KeySpec,
    Reader,
    freeze,
)
from persona_studio.core.catalog.target import (
    OTHER_GROUP,
    KnownTool,
    McpRules,
    Target,
    ToolAccessForms,
    ToolTable,
)
from persona_studio.core.resources import resource_path

_SUPPORTED_FORMAT = 2  # 2: kinds, reader profiles (reader, severities)
_TOOLS_FORMS = ("list", "comma-string")
_MCP_STYLES = ("slash", "double-underscore")
_SEVERITIES = ("error", "warning", "info")


def _yaml_loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Load a catalog file; ``None`` loads the shipped catalog (read once, then cached)."""
    if path is None:
        return _default_catalog()
    return _load(Path(path))


@functools.cache
def _default_catalog() -> Catalog:
    # The shipped file: its parsed data is kept between runs (parsed_cache), keyed by its text.
    return _load(resource_path("catalog.yaml"), cached=True)


def is_mcp_or_extension(name: str) -> bool:
    """True for names only an installed MCP server or extension can confirm: ``server/*``,
    ``server/tool`` (server not a built-in tool set), dotted names such as ``microsoft.docs.mcp``,
    known server aliases such as ``github``, and Claude Code's ``mcp__server__tool``."""
    return _default_catalog().is_mcp_or_extension(name)


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=_yaml_loader())  # always a safe loader


def _load(path: Path, *, cached: bool = False) -> Catalog:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(
            "the tool catalog file is missing; reinstall Persona Studio", path=str(path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"the tool catalog cannot be read ({exc})", path=str(path)) from None
    try:
        data = parsed_cache.parsed(text, _parse) if cached else _parse(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"the tool catalog is not valid YAML: {exc}", path=str(path)) from None
    try:
        return _build(data)
    except CatalogError as exc:
        raise CatalogError(exc.message, path=str(path)) from None


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
    mcp = McpRules(
        server_aliases=frozenset(_strings(mcp_data.get("server_aliases"), "mcp.server_aliases")),
        builtin_prefixes=frozenset(
            set_names | set(_strings(mcp_data.get("builtin_prefixes"), "mcp.builtin_prefixes"))
        ),
    )

    targets = {tid: _build_target(tid, tdata, mcp) for tid, tdata in raw_targets.items()}
    if not targets:
        raise _fail("targets", "the catalog names no target")
    kinds = {
        kid: build_kind(kid, kdata, targets)
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
    member_maps: set[tuple[str, str]] = set()
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
        maps[(source.id, destination.id)] = freeze(table)
        if entry.get("members_as_set", False):
            member_maps.add((source.id, destination.id))

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
            "not_from": _strings(spec.get("not_from"), f"models.{tid}.not_from"),
        }

    return Catalog(
        version,
        targets,
        kinds=kinds,
        fallback_profile=fallback,
        maps=maps,
        member_maps=frozenset(member_maps),
        hub=hub,
        models=models,
        mcp=mcp,
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
        sources=freeze(sources),
        legacy=bool(data.get("legacy", False)),
    )


def _build_target(tid: str, raw: Any, mcp: McpRules) -> Target:
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
        exporter=_text(data.get("exporter"), f"{tid}.exporter", optional=True) or None,
        reader=_build_reader(tid, data.get("reader")),
        severities=_build_severities(tid, data.get("severities")),
        builtin_agents=_strings(data.get("builtin_agents"), f"{tid}.builtin_agents"),
        access=_build_access(tid, tools.get("access")),
        _tools=_build_tools(tid, tools),
        _mcp=mcp,
    )


_ACCESS_CHOICES = {
    "omitted": ("all", "default"),
    "all": ("omit", "star"),
    "none": ("empty",),
    "mcp_server": ("star", "bare"),
}


def _build_access(tid: str, raw: Any) -> ToolAccessForms:
    where = f"{tid}.tools.access"
    data = _mapping(raw, where)
    values: dict[str, str] = {}
    for key, choices in _ACCESS_CHOICES.items():
        if key not in data:
            continue
        if data[key] not in choices:
            raise _fail(f"{where}.{key}", f"expected one of {', '.join(choices)}")
        values[key] = data[key]
    source = _text(data.get("source"), f"{where}.source", optional=True)
    return ToolAccessForms(**values, source=source)


def _build_severities(tid: str, raw: Any) -> Mapping[str, str]:
    where = f"{tid}.severities"
    table = {str(k): _text(v, f"{where}.{k}") for k, v in _mapping(raw, where).items()}
    for name, severity in table.items():
        if severity not in _SEVERITIES:
            raise _fail(f"{where}.{name}", f"expected one of {', '.join(_SEVERITIES)}")
    return freeze(table)


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
    return freeze(keys)


def _build_tools(tid: str, raw: Mapping[str, Any]) -> ToolTable:
    where = f"{tid}.tools"
    known: dict[str, KnownTool] = {}

    def add(name: str, info: KnownTool, place: str) -> None:
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
        add(set_name, KnownTool(None, "Tool set.", None, True), place)
        for member in members:
            add(member, KnownTool(set_name, "", None, True), place)
        groups.append((set_name, members, True))
    for group_name, spec in _mapping(raw.get("groups"), f"{where}.groups").items():
        place = f"{where}.groups.{group_name}"
        if group_name == OTHER_GROUP or group_name in sets:
            raise _fail(place, "a group name must differ from 'Other' and from the set names")
        members = _strings(_mapping(spec, place).get("members"), f"{place}.members")
        for member in members:
            add(member, KnownTool(None, "", None, True), place)
        groups.append((group_name, members, False))
    top_level = _strings(raw.get("top_level"), f"{where}.top_level")
    for name in top_level:
        add(name, KnownTool(None, "", None, True), f"{where}.top_level")
    if qualified:
        for set_name, members, _ in groups[: len(sets)]:
            for member in members:
                add(f"{set_name}/{member}", KnownTool(set_name, "", None, False), f"{where}.sets")
    for canonical, alternatives in _mapping(raw.get("aliases"), f"{where}.aliases").items():
        place = f"{where}.aliases.{canonical}"
        if canonical not in known:
            raise _fail(place, f"{canonical!r} is not a known tool")
        target_info = known[canonical]
        for alternative in _strings(alternatives, place):
            add(alternative, KnownTool(target_info.tool_set, "", canonical, False), place)
    for name, note in _mapping(raw.get("accepted"), f"{where}.accepted").items():
        place = f"{where}.accepted.{name}"
        prefix = name.partition("/")[0] if "/" in name else None
        tool_set = prefix if prefix in sets else None
        add(name, KnownTool(tool_set, _text(note, place, optional=True), None, False), place)

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
                KnownTool(None, f"A tool of the built-in extension '{extension}'.", None, False),
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

    return ToolTable(
        groups=tuple(groups),
        sets=freeze({name: members for name, members, is_set in groups if is_set}),
        top_level=top_level,
        known=freeze(known),
        renamed=freeze(renamed),
        gone=freeze(gone),
        mcp_aliases=freeze(mcp_aliases),
        folded_known=freeze(folded_known),
        folded_renamed=freeze(folded_renamed),
    )
