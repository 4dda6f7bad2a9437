"""The loaded catalog: its targets and kinds, and what a tool name or a model of one target becomes
in another."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from persona_studio.core.catalog.mcpnames import join_mcp, split_mcp
from persona_studio.core.catalog.specs import KindSpec, ToolTrace, freeze
from persona_studio.core.catalog.target import McpRules, Target, mcp_style_of

_VENDOR_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")
_MAX_MEMO = 4096


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
        member_maps: frozenset[tuple[str, str]] = frozenset(),
        hub: str | None,
        models: Mapping[str, Mapping[str, Any]],
        mcp: McpRules,
    ) -> None:
        self.version = version
        self.targets: Mapping[str, Target] = freeze(targets)
        self.kinds: Mapping[str, KindSpec] = freeze(kinds)
        self.fallback_profile = fallback_profile
        self._maps = maps
        self._member_maps = member_maps
        self._mcp_aliases: dict[str, str] = {}
        for target in targets.values():
            for alias, resolved in target.mcp_aliases.items():
                self._mcp_aliases.setdefault(alias, resolved)
        self._hub = hub
        self._models = models
        self._mcp = mcp
        self._reverse_chatmode: tuple[dict[str, str], list[tuple[tuple[str, ...], str]]] | None = (
            None
        )
        # A kind read today with one profile and formerly with another (a chat mode: an agent
        # today, a chat mode of VS Code 1.101-1.105 before): tool names of the old profile map to
        # the new one by the new one's renames, and back by their inverse.
        pairs = [
            (kind.legacy_profile, kind.profile) for kind in kinds.values() if kind.legacy_profile
        ]
        self._legacy, self._current = pairs[0] if pairs else ("", "")
        # trace_tool's and map_tools's answers: an export of many files asks about the same
        # names again and again. Bounded by _MAX_MEMO (cleared when full).
        self._traces: dict[tuple[str, str, str], ToolTrace] = {}
        self._mapped: dict[tuple[tuple[str, ...], str, str], tuple[str, ...]] = {}

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
        return _dedupe(
            written
            for _, names in self.trace_tool(name, from_target, to_target).parts
            for written in names
        )

    def equivalent_groups(
        self, from_target: str, to_target: str
    ) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Groups of names that map back, as a whole, to one name (the members of an orphaned
        legacy tool set -> that set). Only agent -> chat mode has such groups."""
        self.target(from_target)
        self.target(to_target)
        if (from_target, to_target) != (self._current, self._legacy):
            return ()
        return tuple(self._chatmode_reverse()[1])

    def foreign(self, name: str, from_target: str) -> tuple[str, str] | None:
        """(target id, name) for a name ``from_target`` does not know but another reader does:
        Claude Code names in a VS Code agent, GitHub aliases in a Claude Code subagent. A reader
        that knows the exact spelling as its own tool wins over one that only has it as an alias
        or an old name. None when the source knows the name or no reader does."""
        source = self.target(from_target)
        text = name.strip()
        if not text or text == "*" or source.classify_tool(text).kind != "unknown":
            return None
        later: tuple[str, str] | None = None
        for target in self.targets.values():
            if target.id == source.id or not target.known_tools():
                continue
            status = target.classify_tool(text)
            if status.kind == "known" and status.name == text and status.alias_of is None:
                return target.id, text
            if later is None and status.kind in ("known", "renamed"):
                later = target.id, text
        return later

    def trace_tool(self, name: str, from_target: str, to_target: str) -> ToolTrace:
        """What one tool name of ``from_target`` becomes in ``to_target``, part by part: a tool
        set or an old set may stand for several tools of the hub, each of which maps on its own
        (some may have no equivalent: the name is then kept only in part)."""
        key = (name, from_target, to_target)
        trace = self._traces.get(key)
        if trace is None:
            trace = self._trace_tool(name, from_target, to_target)
            if len(self._traces) >= _MAX_MEMO:
                self._traces.clear()
            self._traces[key] = trace
        return trace

    def _trace_tool(self, name: str, from_target: str, to_target: str) -> ToolTrace:
        found = self.foreign(name, from_target)
        if found is not None:
            inner = self.trace_tool(found[1], found[0], to_target)
            return ToolTrace(name, inner.parts, via=found[0], widened=inner.widened)
        source = self.target(from_target)
        destination = self.target(to_target)
        keys = self._source_keys(name, source)
        if not keys:
            return ToolTrace(name, ((name, ()),))
        hub = self._hub
        parts: list[tuple[str, tuple[str, ...]]] = []
        if (
            from_target == to_target
            or self._direct(from_target, to_target)
            or not hub
            or (hub in (from_target, to_target))
        ):
            for key in keys:
                parts.extend(self._step(key, source, destination))
            widened = self._widened([key for key, _ in parts], source, destination)
            return ToolTrace(name, tuple(parts), widened=widened)
        middle = self.target(hub)
        hub_keys: list[str] = []
        for key in keys:
            through = self._equivalent_key(key, source, middle)
            if not through:
                parts.append((key, ()))
            for item in through:
                hub_keys.append(item)
                parts.extend(self._step(item, middle, destination))
        return ToolTrace(name, tuple(parts), widened=self._widened(hub_keys, middle, destination))

    def _widened(self, keys: list[str], source: Target, destination: Target) -> tuple[str, ...]:
        """The keys a map writes as their whole tool set (``members_as_set``)."""
        pair = (source.id, destination.id)
        direct = self._maps.get(pair)
        if direct is None or pair not in self._member_maps:
            return ()
        return tuple(
            key
            for key in keys
            if key not in direct and source.classify_tool(key).tool_set in direct
        )

    def _step(
        self, key: str, source: Target, destination: Target
    ) -> list[tuple[str, tuple[str, ...]]]:
        """``key`` and what it becomes, then each member of a tool set that has no equivalent
        (the set is then kept only in part: Grep and Glob do not search usages)."""
        written = self._equivalent_key(key, source, destination)
        parts = [(key, written)]
        pair = (source.id, destination.id)
        members = source.tool_sets.get(key, ())
        if written and members and (pair in self._maps or pair == (self._current, self._legacy)):
            parts.extend(
                (member, ())
                for member in members
                if not self._equivalent_key(member, source, destination)
            )
        return parts

    def map_tools(self, names: Iterable[str], from_target: str, to_target: str) -> list[str]:
        """Map a whole tools list, in order, without duplicates; names with no equivalent are
        dropped. A complete group (``equivalent_groups``) collapses into its single name. Names
        the source does not know but another reader does are read as that reader's."""
        asked = tuple(names)
        try:
            key = (asked, from_target, to_target)
            mapped = self._mapped.get(key)
        except TypeError:  # a name that is not text: not remembered
            return self._map_tools(asked, from_target, to_target)
        if mapped is None:
            mapped = tuple(self._map_tools(asked, from_target, to_target))
            if len(self._mapped) >= _MAX_MEMO:
                self._mapped.clear()
            self._mapped[key] = mapped
        return list(mapped)

    def _map_tools(self, names: Iterable[str], from_target: str, to_target: str) -> list[str]:
        out: list[str] = []
        native: list[str] = []
        for name in names:
            found = self.foreign(name, from_target)
            if found is None:
                native.append(name)
                continue
            out.extend(self._map_native(native, from_target, to_target))
            native = []
            out.extend(self._map_native([found[1]], found[0], to_target))
        out.extend(self._map_native(native, from_target, to_target))
        return list(_dedupe(out))

    def _map_native(self, names: list[str], from_target: str, to_target: str) -> list[str]:
        if not names:
            return []
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
        keys = [key for name in names for key in self._source_keys(name, source)]
        groups = self.equivalent_groups(from_target, to_target)
        collapsed: dict[str, str] = {}  # first member present -> the old set it stands for
        consumed: set[str] = set()
        for members, group_name in groups:
            if set(members) <= set(keys) and not consumed.intersection(members):
                collapsed[next(key for key in keys if key in members)] = group_name
                consumed.update(members)
        out: list[str] = []
        for key in keys:
            if key in collapsed:
                out.append(collapsed[key])
            elif key not in consumed:
                out.extend(self._equivalent_key(key, source, destination))
        out = list(_dedupe(out))
        if (from_target, to_target) != (self._current, self._legacy):
            return out
        # agent -> chat mode: the chat-mode names of a whole old set collapse into the set.
        single = self._chatmode_reverse()[0]
        for members, group_name in self.equivalent_groups(from_target, to_target):
            spelled = [single.get(member) for member in members]
            if None in spelled or not set(spelled) <= set(out):
                continue
            first = min(out.index(item) for item in spelled if item is not None)
            out = [item for item in out if item not in spelled]
            out.insert(min(first, len(out)), group_name)
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
        return pair in self._maps or pair in (
            (self._legacy, self._current),
            (self._current, self._legacy),
        )

    def _equivalent_key(self, key: str, source: Target, destination: Target) -> tuple[str, ...]:
        status = source.classify_tool(key)
        if status.kind == "unverified" or (status.kind == "known" and self._mcp_set(key)):
            if source.id == destination.id:
                return (key,)
            parts = split_mcp(key, source.mcp_style, self._mcp_aliases)
            return (join_mcp(parts[0], parts[1], destination),) if parts else ()
        if source.id == destination.id:
            return (key,)
        pair = (source.id, destination.id)
        if pair == (self._legacy, self._current):
            resolved = destination.classify_tool(key)
            if resolved.kind == "known":
                return (resolved.name,)
            return resolved.replacements if resolved.kind == "renamed" else ()
        if pair == (self._current, self._legacy):
            # A set the chat-mode era also had may have gained tools since (search/changes):
            # those are written beside it, by their chat-mode names.
            single = self._chatmode_reverse()[0]
            members = source.tool_sets.get(key, ())
            head = single.get(key)
            if head is None and not members:
                return ()
            covered = set(destination.tool_sets.get(head, ())) if head else set()
            rest = (single[m] for m in members if m in single and single[m] not in covered)
            return _dedupe([head, *rest] if head else rest)
        direct = self._maps.get(pair)
        if direct is not None:
            if key in direct:
                return direct[key]
            if pair in self._member_maps and status.tool_set in direct:
                return direct[status.tool_set or ""]
            return ()
        hub = self._hub
        if hub and hub not in pair:
            middle = self._equivalent_key(key, source, self.target(hub))
            out: list[str] = []
            for item in middle:
                out.extend(self._equivalent_key(item, self.target(hub), destination))
            return _dedupe(out)
        return ()

    def _mcp_set(self, key: str) -> bool:
        """A name a reader lists as its own that is an MCP server's (GitHub's ``github/*``)."""
        return key.endswith("/*") and mcp_style_of(key, self._mcp) is not None

    def _chatmode_reverse(self) -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
        """Current VS Code name -> chat-mode name (inverse of one-to-one renames, then identity),
        and the one-to-many groups; chat-mode names the picker offers win over other spellings."""
        if self._reverse_chatmode is None:
            chatmode = self.target(self._legacy)
            agent = self.target(self._current)
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

    def map_model(self, model: str, to_target: str, from_target: str | None = None) -> str | None:
        """The model name to write for ``to_target``; None when it has no equivalent there (the
        exporter then leaves ``model`` out). A name the rules do not know is passed through only
        when ``to_target`` passes names through and ``from_target`` is not one of the readers
        whose names are never passed on (Claude Code's model ids mean nothing to VS Code)."""
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
        if from_target is not None and from_target in rules.get("not_from", ()):
            return None
        return text if rules.get("pass_through", False) else None

    # -- paths ----------------------------------------------------------------------------------

    def is_mcp_or_extension(self, name: str) -> bool:
        return mcp_style_of(name.strip(), self._mcp) is not None


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
