"""Claude Code subagent files (``NAME.md`` in ``.claude/agents/``).

``name`` and ``description`` are required. The name is written in lower case with hyphens: an
existing name is rewritten that way, a missing one is the exported file's name. A missing
description cannot be made up: it is reported, and the lint of the result blocks the export
unless it is forced. ``tools`` becomes the comma-separated string Claude Code expects, mapped
through the catalog; ``model`` is mapped (sonnet, opus, haiku, a Claude model id) or dropped.
Keys Claude Code does not read are dropped, and so are VS Code ``hooks``, which are written
differently.
"""

from __future__ import annotations

from persona_studio.core import edits
from persona_studio.core.formats.base import Exporter
from persona_studio.core.formats.conversion import Conversion
from persona_studio.core.formats.naming import SLUG_RE, slugify

_REASONS = {
    "mcp-servers": "Claude Code configures MCP servers with 'mcpServers', written differently",
    "handoffs": "Claude Code subagents have no handoffs",
}


class ClaudeExporter(Exporter):
    def drop_reason(self, key: str, conv: Conversion) -> str:
        return _REASONS.get(key) or super().drop_reason(key, conv)

    def finish(self, conv: Conversion) -> None:
        self._name(conv)
        self._description(conv)

    def _name(self, conv: Conversion) -> None:
        entry = conv.entry("name")
        value = entry.value if entry is not None else None
        if isinstance(value, str) and SLUG_RE.fullmatch(value):
            return
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            slug = slugify(str(value))
            if slug:
                conv.edit("name", edits.set_field, "name", slug)
                if isinstance(value, str):
                    conv.note(
                        "changed",
                        f"'name': '{value}' -> '{slug}' (Claude Code names are lower case with "
                        "hyphens)",
                    )
                else:
                    conv.note("changed", f"'name': {value!r} written as the text '{slug}'")
                return
        conv.edit("name", edits.set_field, "name", conv.stem)
        if entry is None or value is None or (isinstance(value, str) and not value.strip()):
            conv.note("added", f"'name': '{conv.stem}' (from the file name)")
        else:
            conv.note(
                "changed",
                f"'name': {value!r} cannot be written in lower case with hyphens; "
                f"'{conv.stem}' (from the file name) instead",
            )

    def _description(self, conv: Conversion) -> None:
        entry = conv.entry("description")
        value = entry.value if entry is not None else None
        if isinstance(value, str) and value.strip():
            return
        problem = "the source has none" if entry is None else "the source's is empty or not text"
        conv.note(
            "unmapped",
            f"'description': Claude Code requires one and {problem}; add a description "
            "(the export is blocked until then, unless forced)",
        )
