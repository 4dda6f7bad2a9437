"""Reading the files that steer the program (a lint config, a project's schema) safely.

Contract: standard library and PyYAML only, never Qt. Such a file may come with a cloned
repository, so it is treated as hostile: only a regular file is read (a FIFO never blocks: the
read goes through :func:`~persona_studio.core.files.fileio.read_text`, which opens with
``O_NONBLOCK`` and checks the type first), at most :data:`MAX_SETTINGS_BYTES`; YAML anchors and
aliases are refused before anything expands, and nesting deeper than :data:`MAX_DEPTH` is
refused in TOML and YAML alike. Every problem is a :class:`SettingsFileError` with a one-line
message.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import (
    FileReadError,
    FileTooLargeError,
    UnreadableFileError,
    read_text,
)
from persona_studio.core.yamlnodes import MAX_DEPTH as _YAML_MAX_DEPTH
from persona_studio.core.yamlnodes import Refused, compose

MAX_SETTINGS_BYTES = 1_000_000
"""A config or schema file larger than this is refused unread."""

MAX_DEPTH = _YAML_MAX_DEPTH
"""Tables, lists and mappings nested deeper than this are refused (the front matter's limit)."""


class SettingsFileError(PersonaStudioError):
    """A config or schema file cannot be used; the message is one line."""


def one_line(message: object) -> str:
    """A message on one line: runs of whitespace (newlines too) become one space."""
    return re.sub(r"\s+", " ", str(message)).strip()


def read_settings_text(path: str, what: str) -> str:
    """The text of a settings file (``what`` names it: "config", "schema file")."""
    try:
        return read_text(path, max_bytes=MAX_SETTINGS_BYTES).text
    except FileTooLargeError as error:
        raise SettingsFileError(
            f"the {what} is larger than {MAX_SETTINGS_BYTES:,} bytes ({error.size:,}), so it"
            " was not read",
            path=path,
        ) from None
    except UnreadableFileError as error:
        if error.reason == "special-file":
            message = (
                f"the {what} is not a regular file (a FIFO, socket or device), so it was not read"
            )
        elif error.reason == "folder":
            message = f"the {what} is a folder, not a file"
        else:
            message = f"cannot read the {what}: {one_line(error.message)}"
        raise SettingsFileError(message, path=path) from None
    except FileReadError as error:
        raise SettingsFileError(
            f"cannot read the {what}: {one_line(error.message)}", path=path
        ) from None


def load_toml(path: str, what: str = "config") -> dict[str, Any]:
    """A TOML settings file as a table."""
    import tomllib  # here: most folders have no settings file to read

    text = read_settings_text(path, what)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsFileError(
            f"the {what} is not valid TOML: {one_line(error)}", path=path
        ) from None
    except RecursionError:
        raise SettingsFileError(
            f"the {what} is nested too deeply to read (more than {MAX_DEPTH} levels)", path=path
        ) from None
    if _depth(data) > MAX_DEPTH:
        raise SettingsFileError(
            f"the {what} is nested more than {MAX_DEPTH} levels deep", path=path
        )
    return data


def load_yaml(path: str, what: str = "schema file") -> Any:
    """A YAML settings file as data, with no anchors, no aliases and bounded nesting."""
    text = read_settings_text(path, what)
    try:
        loader, root = compose(text)
    except Refused as error:
        line = getattr(getattr(error.mark, "start_mark", None), "line", -1) + 1
        raise SettingsFileError(f"the {what}: {error.message} (line {line})", path=path) from None
    except RecursionError:
        raise SettingsFileError(
            f"the {what} is nested too deeply to read (more than {MAX_DEPTH} levels)", path=path
        ) from None
    except yaml.YAMLError as error:
        raise SettingsFileError(
            f"the {what} is not valid YAML: {one_line(error)}", path=path
        ) from None
    try:
        return None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()


def _depth(value: Any) -> int:
    """How deep tables and lists nest (iteratively: no recursion on hostile data)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level + 1) for child in children)
    return deepest
