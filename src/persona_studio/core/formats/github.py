"""GitHub Copilot agent files (``NAME.agent.md`` in ``.github/agents/``, read by GitHub.com's cloud
agent and the Copilot CLI, G1).

GitHub reads ``name``, ``description`` (required), ``tools``, ``mcp-servers``, ``target``,
``model``, ``user-invocable``, ``disable-model-invocation`` and ``metadata``. Keys it ignores
(``handoffs``, ``argument-hint``: the catalog marks them ``ignored``), keys only VS Code reads
(``hidden``) and retired ones (``deprecated``: ``infer``) are dropped with a note. The result says
``target: github-copilot``, so that VS Code and Persona Studio read it with GitHub's profile. Tools
become GitHub's aliases (``read``, ``edit``, ``execute``, ...), ``['*']`` for all tools, and
``server/*`` for a whole MCP server.
"""

from __future__ import annotations

from typing import Any

from persona_studio.core import edits
from persona_studio.core.formats.base import Exporter
from persona_studio.core.formats.conversion import Conversion
from persona_studio.core.formats.result import ExportError


class GitHubExporter(Exporter):
    def foreign_keys(self, conv: Conversion) -> dict[str, str]:
        foreign = super().foreign_keys(conv)
        for key, spec in conv.target.keys.items():
            if spec.ignored:
                foreign[key] = spec.ignored.rstrip(".")
            elif spec.deprecated:
                foreign[key] = spec.deprecated.rstrip(".")
            elif spec.hidden:
                foreign[key] = f"only VS Code reads '{key}'; {conv.target.label} does not"
        return foreign

    def drop_reason(self, key: str, conv: Conversion) -> str:
        return f"{conv.target.label} does not read it"

    def finish(self, conv: Conversion) -> None:
        self._target(conv)
        self._infer(conv)
        self._description(conv)

    def _infer(self, conv: Conversion) -> None:
        """``infer: false`` (retired) means what ``disable-model-invocation: true`` says (G1)."""
        front = conv.original.front_matter
        infer = front.entry("infer") if front is not None else None
        key = "disable-model-invocation"
        if infer is None or infer.value is not False or conv.entry(key) is not None:
            return
        conv.edit(key, edits.set_field, key, True)
        conv.note("added", f"'{key}': true (what the retired 'infer: false' said)")

    def _target(self, conv: Conversion) -> None:
        value = declared_value(conv)
        entry = conv.entry("target")
        if entry is not None and entry.value == value:
            return
        conv.edit("target", edits.set_field, "target", value)
        if entry is None:
            conv.note("added", f"'target': '{value}' (read with GitHub's profile)")
        else:
            conv.note("changed", f"'target': {_shown(entry.value)} -> '{value}'")

    def _description(self, conv: Conversion) -> None:
        entry = conv.entry("description")
        value = entry.value if entry is not None else None
        if isinstance(value, str) and value.strip():
            return
        problem = "the source has none" if entry is None else "the source's is empty or not text"
        conv.note(
            "unmapped",
            f"'description': GitHub requires one and {problem}; add a description "
            "(the export is blocked until then, unless forced)",
        )


def declared_value(conv: Conversion) -> str:
    """The front matter's ``target:`` value that has a file read with this target's profile (a
    kind's ``declared_profiles`` in the catalog)."""
    for kind in conv.catalog.kinds.values():
        for value, profile in kind.declared_profiles.items():
            if profile == conv.target.id:
                return value
    raise ExportError(f"the catalog names no 'target:' value that selects {conv.target.label}")


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)
