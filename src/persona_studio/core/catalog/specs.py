"""The catalog's data types: a front-matter key, a reader profile, a kind of file, what a tool name
means; and the error a catalog that cannot be read raises."""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from persona_studio.core.errors import PersonaStudioError

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
class KindExport:
    """An export target that copies a file of a kind with its whole folder (a skill): the
    workspace folder it writes to and the label shown for it."""

    folder: str
    label: str


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
    exports: Mapping[str, KindExport] = field(default_factory=dict)  # export target id -> where


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
class ToolTrace:
    """What one tool name of a source becomes in a target: ``parts`` pairs each tool the name
    stands for (through the hub where there is one) with what that tool is written as there
    (``()``: no equivalent). ``via`` names the reader whose name it is when the source does not
    know it (a Claude Code name in a VS Code agent)."""

    name: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    via: str | None = None
    widened: tuple[str, ...] = ()  # tools written as their whole set (GitHub has no others)

    @property
    def written(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for _, names in self.parts for name in names))

    @property
    def lost(self) -> tuple[str, ...]:
        """The tools the name stands for that have no equivalent."""
        return tuple(part for part, names in self.parts if not names)

    @property
    def status(self) -> str:
        """``kept``, ``partly`` (some of the tools it stands for are lost) or ``lost``."""
        if not self.written:
            return "lost"
        return "partly" if self.lost else "kept"


def freeze(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return types.MappingProxyType(dict(mapping))
