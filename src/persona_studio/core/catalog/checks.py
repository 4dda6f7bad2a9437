"""The layout checks every part of the catalog's reading uses: each names the place of a
mistake in the file (``kinds.skill.folders``, ``vscode-agent.tools_form``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from persona_studio.core.catalog.specs import CatalogError


def fail(where: str, message: str) -> CatalogError:
    return CatalogError(f"tool catalog, {where}: {message}")


def mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail(where, "expected a mapping")
    return value


def strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise fail(where, "expected a list of non-empty strings")
    return tuple(value)


def text(value: Any, where: str, *, optional: bool = False) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise fail(where, "expected text")
    return str(value)
