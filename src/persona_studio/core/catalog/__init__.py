"""The tool catalog: targets, their front-matter keys, tool names, tool sets and renames.

Everything here is read from ``resources/catalog.yaml``; this package holds no tool name of its own.
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

from persona_studio.core.catalog.equivalents import Catalog
from persona_studio.core.catalog.loader import is_mcp_or_extension, load_catalog
from persona_studio.core.catalog.specs import (
    KEY_TYPES,
    TOOL_KINDS,
    CatalogError,
    KeySpec,
    KindSpec,
    Reader,
    ToolStatus,
)
from persona_studio.core.catalog.target import Target

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
