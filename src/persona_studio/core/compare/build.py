"""Reading persona files and building their matrix: tools by how many personas use them, sections
in the schema's order, then by how many personas have them."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from persona_studio.core.compare.labels import abbreviate, unique_names
from persona_studio.core.compare.matrix import (
    EMPTY,
    MISSING,
    PRESENT,
    ComparisonMatrix,
    PersonaColumn,
    SectionRow,
    ToolRow,
)
from persona_studio.core.document import Document, parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.lint.runner import collect_files
from persona_studio.core.schema import Schema, load_schema
from persona_studio.core.semantic_diff import tool_names

_BARE_MARKER_RE = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s*")


def collect_persona_files(paths: Iterable[str]) -> list[str]:
    """Files as named; folders walked for ``*.chatmode.md``, ``*.agent.md`` and ``.md`` files
    under ``.github/agents`` and ``.claude/agents`` (the files ``lint`` checks). A file named
    twice is listed once."""
    return collect_files(paths)


PARALLEL_THRESHOLD = 200
"""Fewer files than this are read in this process (a pool costs more than it saves)."""


class _Facts(NamedTuple):
    """What the matrix takes from one file: small enough to travel between processes, so that
    worker processes parse and only these come back (no document is kept)."""

    path: str
    error: str | None  # the file could not be read
    title: str | None = None
    description: str | None = None
    model: str | None = None
    tools: tuple[str, ...] = ()
    front_matter_error: str | None = None
    # (key, title as written, state) of each level-1 or level-2 section other than the title
    sections: tuple[tuple[str, str, str], ...] = ()


def compare_paths(
    paths: Iterable[str], *, schema: Schema | None = None, jobs: int | None = 1
) -> ComparisonMatrix:
    """Read the persona files found in ``paths`` and build their matrix. A file that cannot be
    read becomes a column with ``error`` set. Many files can be read by ``jobs`` processes
    (None: one per core); the default reads them in this process (the window calls it from a
    thread, where starting processes is no good idea)."""
    files = collect_persona_files(paths)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        facts = _read_chunk(files)
    else:
        from concurrent.futures import ProcessPoolExecutor

        size = max(16, len(files) // (jobs * 8))
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
        facts = []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for done in pool.map(_read_chunk, chunks):
                facts.extend(done)
    return _build(facts, schema)


def _read_chunk(paths: list[str]) -> list[_Facts]:
    facts = []
    for path in paths:
        try:
            document = parse(read_text(path).text)
        except PersonaStudioError as exc:
            facts.append(_Facts(path, exc.message))
            continue
        facts.append(_facts_of(path, document))
    return facts


def build_matrix(
    documents: Sequence[tuple[str, Document | str]], *, schema: Schema | None = None
) -> ComparisonMatrix:
    """The matrix of parsed documents, each with its path; a string in place of a document is
    the message of a file that could not be read."""
    return _build(
        [
            _Facts(path, document) if isinstance(document, str) else _facts_of(path, document)
            for path, document in documents
        ],
        schema,
    )


def _facts_of(path: str, document: Document) -> _Facts:
    sections = []
    for section in _persona_sections(document):
        key = _key(section.title)
        if not key:
            continue
        empty = _is_empty(document.text[section.heading_span.end : section.span.end])
        sections.append((key, " ".join(section.title.split()), EMPTY if empty else PRESENT))
    return _Facts(
        path=path,
        error=None,
        title=_title(document),
        description=_text(document.data.get("description")),
        model=_text(document.data.get("model")),
        tools=tool_names(document),
        front_matter_error=_front_matter_error(document),
        sections=tuple(sections),
    )


def _build(documents: Sequence[_Facts], schema: Schema | None) -> ComparisonMatrix:
    schema = schema or load_schema()
    names = unique_names([facts.path for facts in documents])
    labels = abbreviate(names)

    columns: list[PersonaColumn] = []
    tools_of: list[tuple[str, ...]] = []
    sections_of: list[dict[str, str]] = []
    spelling: dict[str, str] = {}  # section key -> title as first seen
    for facts, name, label in zip(documents, names, labels, strict=True):
        path = facts.path
        if facts.error is not None:
            columns.append(PersonaColumn(path, name, label, error=facts.error))
            tools_of.append(())
            sections_of.append({})
            continue
        states: dict[str, str] = {}
        for key, title, state in facts.sections:
            spelling.setdefault(key, title)
            if states.get(key) != PRESENT:  # a title twice: present if either has content
                states[key] = state
        sections_of.append(states)
        tools_of.append(facts.tools)
        columns.append(
            PersonaColumn(
                path=path,
                name=name,
                label=label,
                title=facts.title,
                description=facts.description,
                model=facts.model,
                tools=facts.tools,
                front_matter_error=facts.front_matter_error,
            )
        )

    tool_count: Counter[str] = Counter(tool for tools in tools_of for tool in tools)
    tool_sets = [set(tools) for tools in tools_of]
    tool_rows = tuple(
        ToolRow(tool, tuple(tool in tools for tools in tool_sets))
        for tool in sorted(tool_count, key=lambda tool: (-tool_count[tool], tool.casefold(), tool))
    )

    section_count: Counter[str] = Counter(key for states in sections_of for key in states)
    order = list(spelling)
    schema_keys = [_key(spec.title) for spec in schema.sections]
    for spec in schema.sections:
        key = _key(spec.title)
        if key in spelling:
            spelling[key] = spec.title
    keys = [key for key in schema_keys if key in section_count]
    others = [key for key in order if key not in schema_keys]
    first_seen = {key: position for position, key in enumerate(order)}
    others.sort(key=lambda key: (-section_count[key], first_seen[key]))
    keys += others
    section_rows = tuple(
        SectionRow(spelling[key], tuple(states.get(key, MISSING) for states in sections_of))
        for key in keys
    )
    return ComparisonMatrix(tuple(columns), tool_rows, section_rows)


def _persona_sections(document: Document) -> list[Any]:
    title = document.title
    return [s for s in document.sections if s is not title and s.level <= 2]


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _is_empty(body: str) -> bool:
    return all(not line.strip() or _BARE_MARKER_RE.fullmatch(line) for line in body.splitlines())


def _title(document: Document) -> str | None:
    section = document.title
    if section is None:
        return None
    return " ".join(section.title.split()) or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return " ".join(str(value).split())


def _front_matter_error(document: Document) -> str | None:
    front = document.front_matter
    if front is not None and front.error is not None:
        return front.error.message
    return None
