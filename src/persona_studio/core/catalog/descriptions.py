"""What a tool does and which models a target knows: the words the editor shows beside a name
(completion, tooltips, the tool picker, the model list).

Tool descriptions live in ``resources/tool_descriptions.yaml``, apart from the catalog: they are
help text, not facts a rule checks. Standard library and core only; never Qt.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import yaml

from persona_studio.core.catalog.equivalents import Catalog
from persona_studio.core.catalog.target import Target
from persona_studio.core.resources import resources_dir

__all__ = ["model_names", "tool_description"]

_FILE = "tool_descriptions.yaml"


@functools.lru_cache(maxsize=1)
def _descriptions() -> Mapping[str, Mapping[str, str]]:
    try:
        text = (resources_dir() / _FILE).read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(family): {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
        for family, table in raw.items()
        if isinstance(table, dict)
    }


def _families(target: Target | None) -> tuple[str, ...]:
    """The tables that speak for a target's tool names (both when no target is given)."""
    if target is None:
        return ("vscode", "claude")
    return ("claude",) if target.mcp_style == "double-underscore" else ("vscode",)


def tool_description(name: str, target: Target | None = None) -> str:
    """One line on what the tool (or tool set) ``name`` does; "" when none is known. A set member
    written in full (``read/readFile``) is found by its whole name, then by its bare name; an
    old name the target renamed gets its replacement's description."""
    tables = _descriptions()
    text = name.strip()
    candidates = [text]
    if "/" in text and not text.endswith("/*"):
        candidates.append(text.rsplit("/", 1)[1])
    for family in _families(target):
        table = tables.get(family, {})
        for candidate in candidates:
            if candidate in table:
                return table[candidate]
    if target is not None:
        status = target.classify_tool(text)
        if status.kind == "known" and status.alias_of and status.alias_of != text:
            return tool_description(status.alias_of, target)
        if status.kind == "renamed" and len(status.replacements) == 1:
            found = tool_description(status.replacements[0], target)
            return found and f"{found} (old name of '{status.replacements[0]}')"
    return ""


def model_names(catalog: Catalog, target_id: str) -> list[str]:
    """The model names a target knows, to offer in a model list: the key's own values (Claude
    Code's aliases), then the names the catalog maps other targets' models to."""
    target = catalog.target(target_id)
    spec = target.key("model")
    if spec is None:
        return []
    names: list[str] = list(spec.values)
    rules = catalog._models.get(target_id, {})
    mapped = rules.get("map", {}) if isinstance(rules, Mapping) else {}
    for value in mapped.values():
        if isinstance(value, str) and value not in names:
            names.append(value)
    return names
