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
import tomllib
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.resolver import Resolver

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import (
    FileReadError,
    FileTooLargeError,
    UnreadableFileError,
    read_text,
)

try:  # libyaml's parser where available
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - pure Python fallback
    from yaml.parser import Parser as _ParserBase
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _ParserBase):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _ParserBase.__init__(self)


MAX_SETTINGS_BYTES = 1_000_000
"""A config or schema file larger than this is refused unread."""

MAX_DEPTH = 64
"""Tables, lists and mappings nested deeper than this are refused."""


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
    loader = _Composer(text)
    try:
        return loader.get_single_data()
    except _Refused as error:
        raise SettingsFileError(f"the {what} {error}", path=path) from None
    except RecursionError:
        raise SettingsFileError(
            f"the {what} is nested too deeply to read (more than {MAX_DEPTH} levels)", path=path
        ) from None
    except yaml.YAMLError as error:
        raise SettingsFileError(
            f"the {what} is not valid YAML: {one_line(error)}", path=path
        ) from None
    finally:
        loader.dispose()


class _Refused(Exception):
    pass


class _Composer(Composer, _Parser, SafeConstructor, Resolver):
    """libyaml's events composed in Python: aliases, anchors and deep nesting are refused on
    the spot, before anything is expanded."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        line = getattr(getattr(event, "start_mark", None), "line", -1) + 1
        if isinstance(event, AliasEvent):
            raise _Refused(f"uses a YAML alias (*{event.anchor}, line {line}): not allowed")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(f"uses a YAML anchor (&{anchor}, line {line}): not allowed")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"is nested more than {MAX_DEPTH} levels deep (line {line})")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
