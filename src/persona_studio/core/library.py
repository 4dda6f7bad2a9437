"""Folders of personas, and search across them.

Contract: standard library and core only, never Qt. Scanning never raises for a bad file: a file
that cannot be read or whose front matter cannot be loaded is still listed, with ``error`` set to
the message a user should see. The GUI decides where and when scanning runs.

A query is words, ANDed, matched case-insensitively as substrings of the name, title, description
and tool names; ``tool:NAME`` matches tool names only; ``"two words"`` is one phrase.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from persona_studio.core.document import parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.jobs import CancelToken, checker
from persona_studio.core.readers import filekind, toollist
from persona_studio.core.resources import personas_dir

MAX_DEPTH = 4
"""How many folder levels below an added folder are searched (``.github/agents`` is two)."""

MAX_FILES = 5000
"""A folder with more persona files than this is cut short (the rest are not listed)."""

_TOKEN = re.compile(r'(tool:)?"([^"]*)"?|(\S+)', re.IGNORECASE)


@dataclass(frozen=True)
class LibraryEntry:
    """One persona file of a library folder (``error`` is set when it could not be loaded)."""

    path: str
    name: str
    title: str | None = None
    description: str | None = None
    tools: tuple[str, ...] = ()
    target: str | None = None  # the profile that reads it (filekind)
    kind: str | None = None  # agent, chatmode, claude-subagent, skill (filekind); None: no kind
    shipped: bool = False
    error: str | None = None

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path)


# ------------------------------------------------------------------------------------ scanning


def persona_name(path: str | os.PathLike[str]) -> str:
    """The file name without its kind's suffix: ``backend.chatmode.md`` -> ``backend``; a
    skill's name is its folder's."""
    return filekind.persona_stem(path)


is_persona_file = filekind.is_persona_file


def load_entry(path: str | os.PathLike[str], *, shipped: bool = False) -> LibraryEntry:
    """Read and parse one persona file into an entry; problems become ``error``."""
    name = os.fspath(path)
    by_path = filekind.identify(name)
    base = LibraryEntry(
        path=name,
        name=persona_name(name),
        target=by_path.target,
        kind=by_path.kind,
        shipped=shipped,
    )
    try:
        document = parse(read_text(name).text)
    except PersonaStudioError as exc:
        return _with(base, error=exc.message)
    except Exception as exc:  # a parser bug must not hide the rest of the library
        return _with(base, error=f"The file could not be parsed: {exc}")
    title = document.title.title.strip() if document.title is not None else None
    data = document.data
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        description = str(description)
    error = None
    if document.front_matter is not None and document.front_matter.error is not None:
        error = document.front_matter.error.message
    return _with(
        base,
        target=filekind.identify(name, data).target,
        title=title or None,
        description=" ".join(description.split()) if description else None,
        tools=tuple(dict.fromkeys(toollist.tool_names(document) or ())),
        error=error,
    )


def _with(entry: LibraryEntry, **changes: object) -> LibraryEntry:
    values = {**entry.__dict__, **changes}
    return LibraryEntry(**values)


def find_persona_files(folder: str | os.PathLike[str], *, max_files: int = MAX_FILES) -> list[str]:
    """Persona files in ``folder`` and its subfolders (down to :data:`MAX_DEPTH`): the one walk
    of ``filekind.find_files``."""
    root = os.path.abspath(os.fspath(folder))
    return filekind.find_files(root, max_depth=MAX_DEPTH, max_files=max_files)


def scan_folder(
    path: str | os.PathLike[str], *, shipped: bool = False, cancel: CancelToken | None = None
) -> list[LibraryEntry]:
    """Every persona file under ``path``, sorted by name (then path). A missing folder gives
    an empty list; a bad file gives an entry with ``error``. ``cancel``: a token checked before
    each file (``Cancelled`` once it is set)."""
    check = checker(cancel)
    entries = []
    for file in find_persona_files(path):
        check()
        entries.append(load_entry(file, shipped=shipped))
    return sorted(entries, key=lambda entry: (entry.name.casefold(), entry.path))


def shipped_library() -> list[LibraryEntry]:
    """The personas shipped with the program."""
    try:
        folder = personas_dir()
    except FileNotFoundError:
        return []
    return scan_folder(folder, shipped=True)


def shipped_folder() -> str | None:
    """The folder of the shipped library, or None when this install has none."""
    try:
        return str(Path(personas_dir()))
    except FileNotFoundError:
        return None


# -------------------------------------------------------------------------------------- search


@dataclass(frozen=True)
class Query:
    """A parsed search: every word and every tool term must match."""

    words: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.words and not self.tools


def parse_query(query: str) -> Query:
    """Split a query into words and ``tool:`` terms (case-folded; quotes make a phrase)."""
    words: list[str] = []
    tools: list[str] = []
    for match in _TOKEN.finditer(query):
        quoted_tool, phrase, word = match.group(1), match.group(2), match.group(3)
        if phrase is not None:
            term, is_tool = phrase, bool(quoted_tool)
        elif word.lower().startswith("tool:"):
            term, is_tool = word[len("tool:") :], True
        else:
            term, is_tool = word, False
        term = term.strip().casefold()
        if term:
            (tools if is_tool else words).append(term)
    return Query(tuple(words), tuple(tools))


def matches(entry: LibraryEntry, query: Query | str) -> bool:
    """Whether one entry satisfies a query."""
    if isinstance(query, str):
        query = parse_query(query)
    tools = [tool.casefold() for tool in entry.tools]
    if not all(any(term in tool for tool in tools) for term in query.tools):
        return False
    if not query.words:
        return True
    fields = [entry.name, entry.title or "", entry.description or "", *entry.tools]
    haystack = "\n".join(fields).casefold()
    return all(word in haystack for word in query.words)


def search(entries: Iterable[LibraryEntry], query: str) -> list[LibraryEntry]:
    """The entries matching ``query``, in their given order (all of them for an empty query)."""
    parsed = parse_query(query)
    return [entry for entry in entries if matches(entry, parsed)]
