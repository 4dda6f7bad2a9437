"""Lint settings: `[tool.persona-studio]` in pyproject.toml, or `.persona-studio.toml`, found
upward from the linted file.

    [tool.persona-studio]
    target = "vscode-agent"            # default target where the file name does not decide
    profiles = { chatmode = "vscode-chatmode" }   # read a kind of file with another profile
    select = ["tools", "PS101"]        # rules, rule ids or groups to run (default: all)
    extend-select = ["body"]           # added to select
    ignore = ["section-order"]
    severity = { unknown-key = "error" }
    schema = "team-schema.yaml"        # a persona schema of the project's own
    persona = ["personas/**"]          # paths that are persona documents whatever their title
    max-file-size = 5000000

    [[tool.persona-studio.overrides]]
    files = ["legacy/**"]
    ignore = ["renamed-tool"]
    target = "vscode-chatmode"

A file that cannot be read (files group) is reported whatever `select` says; `ignore` hides it.
A bad value (an unknown rule or target, a wrong type) is a PersonaStudioError naming the file.
"""

from __future__ import annotations

import fnmatch
import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from persona_studio.core.catalog import load_catalog
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import DEFAULT_MAX_BYTES
from persona_studio.core.files.settings_files import load_toml
from persona_studio.core.lint.model import GROUPS, Severity
from persona_studio.core.lint.rules import all_rules, find

CONFIG_FILES = (".persona-studio.toml", "pyproject.toml")


@dataclass(frozen=True)
class PathSettings:
    """The settings that apply to one file, after overrides."""

    select: frozenset[str] | None = None  # rule names; None = every rule
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    target: str | None = None  # the default where the file's name and folder do not decide
    path_target: str | None = None  # set by an override: beats the file's name and folder
    profiles: Mapping[str, str] = field(default_factory=dict)  # kind id -> target, by choice
    schema: str | None = None
    persona: bool | None = None
    max_file_size: int = DEFAULT_MAX_BYTES

    def enabled(self, name: str) -> bool:
        return (self.select is None or name in self.select) and name not in self.ignore


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    values: Mapping[str, Any]


@dataclass(frozen=True)
class LintConfig:
    base: PathSettings = field(default_factory=PathSettings)
    overrides: tuple[Override, ...] = ()
    root: str | None = None  # the folder paths in the config are relative to
    source: str | None = None  # the config file, if any
    persona_paths: tuple[str, ...] = ()

    def for_path(self, path: str | None) -> PathSettings:
        settings = self.base
        if not self.persona_paths and not self.overrides:
            return settings  # nothing depends on the path: no path arithmetic per file
        relative = self._relative(path)
        if relative is None:
            return settings
        if self.persona_paths and _matches(relative, self.persona_paths):
            settings = replace(settings, persona=True)
        for override in self.overrides:
            if _matches(relative, override.files):
                settings = _apply(settings, override.values, self.source, self.root, override=True)
        return settings

    def _relative(self, path: str | None) -> str | None:
        if path is None:
            return None
        if self.root is None:
            return Path(path).as_posix()
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if pattern.startswith("**/") and _matches(relative, [pattern[3:]]):
            return True  # `**/` also matches no folder at all: `**/*.md` takes `a.md`
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(
            relative, pattern.rstrip("/") + "/*"
        ):
            return True
        if pattern.endswith("/**") and relative.startswith(pattern[:-3].rstrip("/") + "/"):
            return True
    return False


def _string_list(value: Any, setting: str) -> list[str]:
    """A list of strings; one string counts as a list of one (`select = "tools"`)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise TypeError(f"'{setting}' must be a list of strings, not {value!r}")


def rule_names(keys: Iterable[str], source: str | None) -> frozenset[str]:
    """Rule names from names, ids or group names."""
    names: set[str] = set()
    for key in keys:
        key = str(key)
        if key.lower() in ("all", "*"):
            names.update(rule.name for rule in all_rules())
            continue
        if key.lower() in GROUPS:
            names.update(rule.name for rule in all_rules() if rule.group == key.lower())
            continue
        made = find(key)
        if made is None:
            raise PersonaStudioError(
                f"unknown rule '{key}' (see: persona-studio rules)", path=source
            )
        names.add(made.name)
    return frozenset(names)


def _apply(
    settings: PathSettings,
    values: Mapping[str, Any],
    source: str | None,
    root: str | None,
    *,
    override: bool = False,
) -> PathSettings:
    changes: dict[str, Any] = {}
    try:
        if "select" in values:
            changes["select"] = rule_names(_string_list(values["select"], "select"), source)
        if "ignore" in values:
            ignored = rule_names(_string_list(values["ignore"], "ignore"), source)
            changes["ignore"] = settings.ignore | ignored
        if "extend-select" in values:
            extra = rule_names(_string_list(values["extend-select"], "extend-select"), source)
            current = changes.get("select", settings.select)
            if current is not None:  # None: every rule runs already
                changes["select"] = current | extra
        if "severity" in values:
            if not isinstance(values["severity"], Mapping):
                raise TypeError("'severity' must be a table of rule = level")
            merged = dict(settings.severity)
            for key, level in values["severity"].items():
                for name in rule_names([key], source):
                    merged[name] = Severity.parse(str(level))
            changes["severity"] = merged
        if "target" in values:
            changes["path_target" if override else "target"] = _target_id(values["target"])
        if "profiles" in values:
            if not isinstance(values["profiles"], Mapping):
                raise TypeError("'profiles' must be a table of kind = target")
            kinds = load_catalog().kinds
            profiles = dict(settings.profiles)
            for kind, target in values["profiles"].items():
                if kind not in kinds:
                    raise ValueError(f"unknown kind {kind!r} (use one of: {', '.join(kinds)})")
                profiles[kind] = _target_id(target)
            changes["profiles"] = profiles
        if "schema" in values:
            if not isinstance(values["schema"], str) or not values["schema"].strip():
                raise TypeError("'schema' must be the path of a schema file")
            schema = values["schema"]
            changes["schema"] = schema if root is None else os.path.join(root, schema)
        if "persona" in values:
            persona = values["persona"]
            if isinstance(persona, bool):
                changes["persona"] = persona
            elif override or not isinstance(persona, list):
                raise TypeError(
                    "'persona' must be true or false"
                    + ("" if override else ", or a list of path globs")
                )
            else:
                _string_list(persona, "persona")
        if "max-file-size" in values:
            size = values["max-file-size"]
            if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
                raise ValueError(f"'max-file-size' must be a positive number of bytes: {size!r}")
            changes["max_file_size"] = size
    except (TypeError, ValueError) as error:
        raise PersonaStudioError(f"invalid lint setting: {error}", path=source) from None
    return replace(settings, **changes)


def _target_id(value: Any) -> str:
    targets = load_catalog().targets
    if value not in targets:
        raise ValueError(f"unknown target {value!r} (use one of: {', '.join(targets)})")
    return str(value)


def load_config(path: str | os.PathLike[str]) -> LintConfig:
    """Read a config file (.persona-studio.toml, or pyproject.toml's [tool.persona-studio])."""
    path = os.path.abspath(os.fspath(path))
    # A regular file of bounded size and nesting only: a FIFO, a huge file or 100,000 nested
    # arrays give a one-line error, never a hang or a RecursionError.
    data = load_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("persona-studio", {})
    return _from_table(data, path)


def _from_table(table: Mapping[str, Any], source: str) -> LintConfig:
    root = os.path.dirname(source)
    base = _apply(PathSettings(), table, source, root)
    overrides = []
    overrides_table = table.get("overrides", [])
    if not isinstance(overrides_table, list) or not all(
        isinstance(item, Mapping) for item in overrides_table
    ):
        raise PersonaStudioError(
            "invalid lint setting: 'overrides' must be [[overrides]] tables", path=source
        )
    for item in overrides_table:
        try:
            files = _string_list(item.get("files", []), "files")
        except TypeError as error:
            raise PersonaStudioError(f"invalid lint setting: {error}", path=source) from None
        if not files:
            raise PersonaStudioError(
                "invalid lint setting: an override needs files = [globs]", path=source
            )
        _apply(
            base, item, source, root, override=True
        )  # validate now, so errors name the config file
        overrides.append(Override(tuple(files), dict(item)))
    persona = table.get("persona")
    persona_paths = tuple(persona) if isinstance(persona, list) else ()
    return LintConfig(base, tuple(overrides), root, source, persona_paths)


def find_config(start: str | os.PathLike[str]) -> LintConfig:
    """The nearest config upward from a file or folder; an empty config when there is none.

    Cached by the config files' stamps (size, time, inode of each candidate upward): a config
    added, changed or removed later is seen at the next call.
    """
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    return _find_from(folder, _stamps(folder))


def _stamps(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    found = []
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = os.path.join(candidate, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found.append((path, info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(found)


@functools.lru_cache(maxsize=256)
def _find_from(folder: Path, stamps: tuple[tuple[str, int, int, int], ...]) -> LintConfig:
    for path, *_ in stamps:
        if os.path.basename(path) == "pyproject.toml":
            try:
                tool = load_toml(path).get("tool", {})
            except PersonaStudioError:
                continue
            if not isinstance(tool, dict) or "persona-studio" not in tool:
                continue
        elif not os.path.isfile(path):
            continue
        return load_config(path)
    return LintConfig()
