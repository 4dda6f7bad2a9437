"""VS Code custom agent files (``NAME.agent.md`` in ``.github/agents/``, VS Code 1.106 and later).

The keys are the target's (``catalog.yaml``); ``title`` and every other unsupported key are dropped
with a note. ``name`` is added when missing: from the front matter's ``title``, else the first
heading, else the file name. Tool names are migrated to the current ones, a legacy tool set
expanded into all of the tools it stood for; a Claude Code file's tools are mapped through the
catalog. A file that already is an agent only has its legacy names migrated: names the catalog
does not know are kept for the linter to report.
"""

from __future__ import annotations

from typing import Any

from persona_studio.core import edits
from persona_studio.core.formats.base import Exporter
from persona_studio.core.formats.conversion import Conversion
from persona_studio.core.formats.naming import display_name


class AgentExporter(Exporter):
    def same_target_tools(self, conv: Conversion, names: list[Any]) -> list[list[Any]]:
        target = conv.target
        out: list[list[Any]] = []
        renames: list[str] = []
        for name in names:
            status = target.classify_tool(name) if isinstance(name, str) else None
            if status is None or status.kind != "renamed" or not status.replacements:
                out.append([name])
                continue
            out.append(list(status.replacements))
            renames.append(f"{name} -> {' + '.join(status.replacements)}")
        if renames:
            conv.note("changed", "legacy tool names migrated: " + ", ".join(renames))
        return out

    def finish(self, conv: Conversion) -> None:
        declared = conv.entry("target")
        if (
            not conv.same_target
            and declared is not None
            and not _keeps_profile(conv, declared.value)
        ):
            # `target: github-copilot` would make VS Code read the agent with GitHub's profile.
            conv.edit("target", edits.remove_field, "target")
            conv.note(
                "dropped",
                f"'target' ('{declared.value}'): the agent is written for {conv.target.label}",
            )
        entry = conv.entry("name")
        if entry is not None and not _blank(entry.value):
            return  # a name of the wrong type is left for the lint to report
        found = display_name(conv.whole_original())
        value, origin = found if found is not None else (conv.display_stem, "the file name")
        conv.edit("name", edits.set_field, "name", value)
        conv.note("added", f"'name': '{value}' (from {origin})")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _keeps_profile(conv: Conversion, value: Any) -> bool:
    """Whether a ``target:`` value leaves the file read with this target's profile: one of the
    key's values (the catalog's) that no kind's ``declared_profiles`` turns into another."""
    spec = conv.target.key("target")
    if spec is None or value not in spec.values:
        return False
    return all(
        kind.declared_profiles.get(value, conv.target.id) == conv.target.id
        for kind in conv.catalog.kinds.values()
    )
