"""The loaded catalog: its targets and kinds, and what a tool name or a model of one target becomes
in another."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from persona_studio.core.catalog.specs import KindSpec, freeze
from persona_studio.core.catalog.target import McpRules, Target, mcp_style_of

_VENDOR_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


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
        mcp: McpRules,
    ) -> None:
        self.version = version
        self.targets: Mapping[str, Target] = freeze(targets)
        self.kinds: Mapping[str, KindSpec] = freeze(kinds)
        self.fallback_profile = fallback_profile
        self._maps = maps
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
        if (from_target, to_target) != (self._current, self._legacy):
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
        return pair in self._maps or pair in (
            (self._legacy, self._current),
            (self._current, self._legacy),
        )

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
        if pair == (self._legacy, self._current):
            resolved = destination.classify_tool(key)
            if resolved.kind == "known":
                return (resolved.name,)
            return resolved.replacements if resolved.kind == "renamed" else ()
        if pair == (self._current, self._legacy):
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
        return mcp_style_of(name.strip(), self._mcp) is not None


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
