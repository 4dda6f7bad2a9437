"""Reading persona files and building their matrix: tools by how many personas use them, sections
in the schema's order, then by how many personas have them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

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


def compare_paths(paths: Iterable[str], *, schema: Schema | None = None) -> ComparisonMatrix:
    """Read the persona files found in ``paths`` and build their matrix. A file that cannot be
    read becomes a column with ``error`` set."""
    loaded: list[tuple[str, Document | str]] = []
    for path in collect_persona_files(paths):
        try:
            loaded.append((path, parse(read_text(path).text)))
        except PersonaStudioError as exc:
            loaded.append((path, exc.message))
    return build_matrix(loaded, schema=schema)


def build_matrix(
    documents: Sequence[tuple[str, Document | str]], *, schema: Schema | None = None
) -> ComparisonMatrix:
    """The matrix of parsed documents, each with its path; a string in place of a document is
    the message of a file that could not be read."""
    schema = schema or load_schema()
    names = unique_names([path for path, _ in documents])
    labels = abbreviate(names)

    columns: list[PersonaColumn] = []
    tools_of: list[tuple[str, ...]] = []
    sections_of: list[dict[str, str]] = []
    spelling: dict[str, str] = {}  # section key -> title as first seen
    for (path, document), name, label in zip(documents, names, labels, strict=True):
        if isinstance(document, str):
            columns.append(PersonaColumn(path, name, label, error=document))
            tools_of.append(())
            sections_of.append({})
            continue
        tools = tool_names(document)
        states: dict[str, str] = {}
        for section in _persona_sections(document):
            key = _key(section.title)
            if not key:
                continue
            spelling.setdefault(key, " ".join(section.title.split()))
            state = (
                EMPTY
                if _is_empty(document.text[section.heading_span.end : section.span.end])
                else PRESENT
            )
            if states.get(key) != PRESENT:  # a title twice: present if either has content
                states[key] = state
        sections_of.append(states)
        tools_of.append(tools)
        columns.append(
            PersonaColumn(
                path=path,
                name=name,
                label=label,
                title=_title(document),
                description=_text(document.data.get("description")),
                model=_text(document.data.get("model")),
                tools=tools,
                front_matter_error=_front_matter_error(document),
            )
        )

    tool_count: Counter[str] = Counter(tool for tools in tools_of for tool in tools)
    tool_rows = tuple(
        ToolRow(tool, tuple(tool in set(tools) for tools in tools_of))
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
    others.sort(key=lambda key: (-section_count[key], order.index(key)))
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
