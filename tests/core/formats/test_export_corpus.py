"""Every real persona file of both corpus generations, exported to every target: the result
names no tool its reader does not know, and a round trip A -> B -> A gives back A's tools where
B can express them (the tools the A -> B export reports as kept)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _shared import shared_params
from persona_studio.core.catalog import Target, load_catalog
from persona_studio.core.catalog.mcpnames import split_mcp
from persona_studio.core.document import Document, parse
from persona_studio.core.files.fileio import read_text
from persona_studio.core.formats import FORMATS, ExportError, detect_format, export
from persona_studio.core.formats.access import ALL, DEFAULT, NONE, read_access

CORPUS = [
    *shared_params("corpus"),
    *shared_params("corpus", "2026", ".github", "agents", id_prefix="2026-github-"),
    *shared_params("corpus", "2026", ".claude", "agents", id_prefix="2026-claude-"),
]
TARGETS = tuple(FORMATS)


def unreadable(document: Document) -> bool:
    """A front matter that cannot be read is not exported (the export says so): nothing to
    check."""
    front = document.front_matter
    if front is None or front.error is None:
        return False
    with pytest.raises(ExportError, match="front matter cannot be read"):
        export(document, "x.agent.md", "claude-code")
    return True


def written_tools(text: str) -> list[str]:
    value = parse(text).data.get("tools")
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


@pytest.mark.parametrize("path", CORPUS)
def test_no_export_writes_a_tool_name_its_target_does_not_know(path: Path) -> None:
    catalog = load_catalog()
    loaded = read_text(path)
    source = parse(loaded.text)
    if unreadable(source):
        return
    for target_id in TARGETS:
        result = export(source, path, target_id, loaded=loaded)
        if result.source_target == target_id:
            continue  # its own format: names are only migrated, the lint reports the rest
        target = catalog.target(target_id)
        for name in written_tools(result.text):
            status = target.classify_tool(name)
            assert status.kind in ("known", "unverified"), (target_id, name, status.kind)
        lint_names = {d.rule for d in result.diagnostics if d.name == "unknown-tool"}
        assert not lint_names, (target_id, result.diagnostics)


def _norm(name: str, profile: Target, aliases: dict[str, str]) -> set[tuple[str, ...]]:
    """What a name of ``profile`` stands for, in that profile's own terms: its canonical name (a
    set's qualified member as its bare member), the replacements of an old name, an MCP server's
    (server, tool) with tool '' for the whole server."""
    status = profile.classify_tool(name)
    if status.kind == "unverified":
        parts = split_mcp(name, profile.mcp_style, aliases)
        return {("mcp", parts[0], parts[1] or "")} if parts else set()
    if status.kind == "renamed":
        return {("tool", item) for item in status.replacements}
    if status.kind != "known":
        return set()
    canonical = status.alias_of or status.name
    prefix, _, bare = canonical.partition("/")
    if bare and bare in profile.tool_sets.get(prefix, ()):
        canonical = bare
    return {("tool", canonical)}


def _cover(names: list[str], profile: Target, aliases: dict[str, str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for name in names:
        for item in _norm(name, profile, aliases):
            out.add(item)
            if item[0] == "tool":
                out.update(("tool", member) for member in profile.tool_sets.get(item[1], ()))
    return out


def _covered(item: tuple[str, ...], cover: set[tuple[str, ...]], profile: Target) -> bool:
    """In the cover, or its server is, or (a tool set) every one of its members is."""
    if item in cover:
        return True
    if item[0] == "mcp":
        return ("mcp", item[1], "") in cover
    if ("tool", profile.classify_tool(item[1]).tool_set or "") in cover:
        return True  # a tool of a set that comes back whole
    members = profile.tool_sets.get(item[1], ())
    return bool(members) and all(("tool", member) in cover for member in members)


def _round_trip(text: str, path: str | Path, source_format: str) -> int:
    """Export ``text`` (of ``source_format``) to every other target and back; the tools the
    first export kept must come back. Returns the number of tools checked."""
    catalog = load_catalog()
    aliases = {k: v for t in catalog.targets.values() for k, v in t.mcp_aliases.items()}
    profile = catalog.target(source_format)
    original = parse(text)
    entry = original.front_matter.entry("tools") if original.front_matter else None
    start = read_access(entry.value if entry else None, entry is not None, profile)
    checked = 0
    for other in TARGETS:
        if other == source_format:
            continue
        there = export(original, path, other, from_target=source_format)
        for name in written_tools(there.text):  # from GitHub files too, which B -> A makes
            kind = catalog.target(other).classify_tool(name).kind
            assert kind in ("known", "unverified"), (source_format, other, name, kind)
        back = export(parse(there.text), there.relative_path, source_format, from_target=other)
        returned = written_tools(back.text)
        entry_back = parse(back.text).front_matter.entry("tools")
        end = read_access(entry_back.value if entry_back else None, entry_back is not None, profile)
        assert start is not None and end is not None
        if start.kind in (ALL, DEFAULT, NONE):
            # "all" comes back as "all", or as the omitted key where the reader has no '*'.
            allowed = {start.kind} | ({ALL, DEFAULT} if start.kind != NONE else set())
            assert end.kind in allowed, (other, start, end)
            continue
        if end.kind in (ALL, DEFAULT):
            continue  # every tool is granted again
        assert there.tools is not None
        cover = _cover(returned, profile, aliases)
        for fate in there.tools.fates:
            if fate.status != "kept":
                continue  # B cannot express it: reported as lost, and not expected back
            wanted = _norm(fate.tool, profile, aliases)
            missing = [item for item in wanted if not _covered(item, cover, profile)]
            assert not missing, (source_format, other, fate.tool, fate.written, returned)
            checked += 1
    return checked


@pytest.mark.parametrize("path", CORPUS)
def test_round_trip_returns_the_tools_both_sides_express(path: Path) -> None:
    """For every ordered pair of targets: the file from its own format, and its export to each
    other target (GitHub has no corpus file of its own) from that one."""
    loaded = read_text(path)
    if unreadable(parse(loaded.text)):
        return
    source_format = detect_format(path, loaded.text)
    assert source_format in TARGETS
    _round_trip(loaded.text, path, source_format)
    for first in TARGETS:
        if first == source_format:
            continue
        result = export(parse(loaded.text), path, first, loaded=loaded)
        _round_trip(result.text, result.relative_path, first)
