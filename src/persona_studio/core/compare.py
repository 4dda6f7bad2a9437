"""The comparison matrix of N personas: tools by personas, sections by personas, and the
description and model of each, with text, CSV, HTML and JSON forms.

Contract: standard library and core only, never Qt. Reading never stops at a bad file: a file
that cannot be read is a column with ``error`` set (and no tools or sections), so one broken file
does not hide the others; the caller decides what the error means for its exit status.

Rows: tools are ordered by how many personas use them (most first), then by name. Sections are
the headings of level 1 and 2 other than the document title, matched by title
(case-insensitive): the persona schema's sections first, in the schema's order, then the others
by how many personas have them. A section is ``present``, ``empty`` (a heading with nothing
under it but blank lines or bare list markers) or ``missing``.

Text for a terminal uses short persona labels (see ``abbreviate``) and splits the columns into
blocks that fit a width. HTML escapes every piece of text from the files and loads nothing.
CSV cells that a spreadsheet would read as a formula get a leading apostrophe.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from persona_studio.core.document import Document, parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.htmlpage import page_start
from persona_studio.core.library import persona_name
from persona_studio.core.lint.runner import collect_files
from persona_studio.core.readers import filekind
from persona_studio.core.schema import Schema, load_schema
from persona_studio.core.semantic_diff import tool_names

__all__ = [
    "EMPTY",
    "MISSING",
    "PRESENT",
    "ComparisonMatrix",
    "PersonaColumn",
    "SectionRow",
    "ToolRow",
    "abbreviate",
    "build_matrix",
    "collect_persona_files",
    "compare_paths",
    "to_csv",
    "to_html",
    "to_text",
]

PRESENT = "present"
EMPTY = "empty"
MISSING = "missing"

LABEL_LENGTH = 14
"""Longest persona label in the text matrix."""

_ROW_LABEL_LENGTH = 34
_MARKS = {"tick": "✓", "none": "·", PRESENT: "✓", EMPTY: "○", MISSING: "·"}
_ASCII_MARKS = {"tick": "x", "none": ".", PRESENT: "x", EMPTY: "o", MISSING: "."}
_BARE_MARKER_RE = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s*")


@dataclass(frozen=True, slots=True)
class PersonaColumn:
    path: str
    name: str  # unique among the columns: the file name without its suffix, plus a kind if needed
    label: str  # short form of the name for a terminal, unique too
    title: str | None = None
    description: str | None = None
    model: str | None = None
    tools: tuple[str, ...] = ()
    error: str | None = None  # the file could not be read
    front_matter_error: str | None = None  # read, but its front matter could not be loaded


@dataclass(frozen=True, slots=True)
class ToolRow:
    name: str
    marks: tuple[bool, ...]  # one per persona column

    @property
    def count(self) -> int:
        return sum(self.marks)


@dataclass(frozen=True, slots=True)
class SectionRow:
    title: str
    states: tuple[str, ...]  # PRESENT, EMPTY or MISSING, one per persona column


@dataclass(frozen=True)
class ComparisonMatrix:
    personas: tuple[PersonaColumn, ...]
    tools: tuple[ToolRow, ...]
    sections: tuple[SectionRow, ...]

    @property
    def errors(self) -> tuple[PersonaColumn, ...]:
        """The columns of files that could not be read."""
        return tuple(persona for persona in self.personas if persona.error is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "personas": [
                {
                    "name": persona.name,
                    "label": persona.label,
                    "path": persona.path,
                    "title": persona.title,
                    "description": persona.description,
                    "model": persona.model,
                    "tools": list(persona.tools),
                    "error": persona.error,
                    "front_matter_error": persona.front_matter_error,
                }
                for persona in self.personas
            ],
            "tools": [{"name": row.name, "marks": list(row.marks)} for row in self.tools],
            "sections": [{"title": row.title, "states": list(row.states)} for row in self.sections],
        }


# ------------------------------------------------------------------------------------ reading


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


# ----------------------------------------------------------------------------------- building


def build_matrix(
    documents: Sequence[tuple[str, Document | str]], *, schema: Schema | None = None
) -> ComparisonMatrix:
    """The matrix of parsed documents, each with its path; a string in place of a document is
    the message of a file that could not be read."""
    schema = schema or load_schema()
    names = _unique_names([path for path, _ in documents])
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


def _unique_names(paths: Sequence[str]) -> list[str]:
    """File names without their persona suffix; a name shared by several files gets the kind
    (``agent``, ``chatmode``) or its folder, then a number if still shared."""
    names = [persona_name(path) for path in paths]
    counts = Counter(name.casefold() for name in names)
    result = []
    for path, name in zip(paths, names, strict=True):
        if counts[name.casefold()] > 1:
            kind = filekind.kind_of_path(path)
            if kind is not None and kind.suffix and path.lower().endswith(kind.suffix.lower()):
                name = f"{name} ({kind.id})"
            else:
                folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
                name = f"{name} ({folder})"
        result.append(name)
    return _numbered(result)


def _numbered(names: Sequence[str]) -> list[str]:
    seen: Counter[str] = Counter()
    taken = {name.casefold() for name in names}
    result = []
    for name in names:
        seen[name.casefold()] += 1
        if seen[name.casefold()] > 1:
            number = seen[name.casefold()]
            while f"{name} {number}".casefold() in taken:
                number += 1
            name = f"{name} {number}"
            taken.add(name.casefold())
        result.append(name)
    return result


def abbreviate(names: Sequence[str], limit: int = LABEL_LENGTH) -> list[str]:
    """Short, unique labels for a terminal. A name that fits stays; a longer one keeps its
    beginning (where file names differ most) and ends with "…"; a kind in parentheses becomes
    its initial (``janitor (agent)`` -> ``janitor.a``); a label still shared gets a number."""
    labels = [_abbreviate_one(name, limit) for name in names]
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    result = []
    for label in labels:
        if counts[label] > 1:
            seen[label] += 1
            suffix = str(seen[label])
            cut = label.endswith("…")
            base = label[:-1] if cut else label
            label = base[: max(1, limit - len(suffix) - cut)] + ("…" if cut else "") + suffix
        result.append(label)
    return result


def _abbreviate_one(name: str, limit: int) -> str:
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    kind = ""
    match = re.fullmatch(r"(.*?) \((\w)[^()]*\)", name)
    if match:
        name, kind = match.group(1), "." + match.group(2)
    budget = max(2, limit - len(kind))
    if len(name) > budget:
        name = name[: budget - 1].rstrip("-_. ") + "…"
    return name + kind


# ------------------------------------------------------------------------------------- text


def to_text(matrix: ComparisonMatrix, *, width: int | None = None, ascii: bool = False) -> str:
    """The matrix for a terminal: personas, then tools and sections by persona. With ``width``,
    matrix columns that do not fit are printed in further blocks; ``ascii`` uses x . o marks."""
    marks = _ASCII_MARKS if ascii else _MARKS
    ellipsis = "..." if ascii else "…"
    out: list[str] = []
    personas = matrix.personas
    label_width = max((len(p.label) for p in personas), default=5)
    out.append(f"Personas ({len(personas)})")
    header = f"  {'label':<{label_width}}  {'model':<16}  description"
    out.append(header.rstrip())
    for persona in personas:
        model = _cut(persona.model or "-", 16, ellipsis)
        description = persona.description or "-"
        if persona.error:
            description = f"error: {persona.error}"
        elif persona.front_matter_error:
            description = f"front matter error: {persona.front_matter_error}"
        line = f"  {persona.label:<{label_width}}  {model:<16}  "
        if width:
            description = _cut(description, max(20, width - len(line)), ellipsis)
        out.append((line + description).rstrip())
    out.append("")
    out.append("Files")
    for persona in personas:
        out.append(f"  {persona.label:<{label_width}}  {persona.path}")

    tool_rows = [
        (row.name, [marks["tick"] if mark else marks["none"] for mark in row.marks])
        for row in matrix.tools
    ]
    section_rows = [(row.title, [marks[state] for state in row.states]) for row in matrix.sections]
    out.append("")
    out.extend(_grid(f"Tools ({len(tool_rows)})", tool_rows, personas, width, ellipsis))
    out.append("")
    out.extend(_grid(f"Sections ({len(section_rows)})", section_rows, personas, width, ellipsis))
    out.append("")
    out.append(
        f"{marks['tick']} uses the tool / section present   {marks[EMPTY]} section empty   "
        f"{marks['none']} no"
    )
    return "\n".join(out) + "\n"


def _cut(text: str, limit: int, ellipsis: str) -> str:
    return text if len(text) <= limit else text[: max(1, limit - len(ellipsis))] + ellipsis


def _grid(
    title: str,
    rows: list[tuple[str, list[str]]],
    personas: Sequence[PersonaColumn],
    width: int | None,
    ellipsis: str,
) -> list[str]:
    if not rows:
        return [title, "  (none)"]
    names = [_cut(name, _ROW_LABEL_LENGTH, ellipsis) for name, _ in rows]
    row_width = max(len(title) - 2, *(len(name) for name in names))
    widths = [max(1, len(p.label)) for p in personas]
    # Split the persona columns into blocks that fit the width.
    blocks: list[list[int]] = [[]]
    used = 2 + row_width
    for index, column_width in enumerate(widths):
        if width and blocks[-1] and used + 2 + column_width > width:
            blocks.append([])
            used = 2 + row_width
        blocks[-1].append(index)
        used += 2 + column_width
    lines: list[str] = []
    for number, block in enumerate(blocks):
        if number:
            lines.append("")
        head = f"{title:<{row_width + 2}}" + "".join(
            f"  {personas[k].label:^{widths[k]}}" for k in block
        )
        lines.append(head.rstrip())
        for name, cells in zip(names, (cells for _, cells in rows), strict=True):
            line = f"  {name:<{row_width}}" + "".join(f"  {cells[k]:^{widths[k]}}" for k in block)
            lines.append(line.rstrip())
    return lines


# -------------------------------------------------------------------------------------- CSV


def to_csv(matrix: ComparisonMatrix) -> str:
    """One column per persona (by its full name); rows for the path, title, description and
    model, then one row per tool ("yes" or empty) and per section (present, empty, missing)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind", "name", *(_cell(p.name) for p in matrix.personas)])
    for field in ("path", "title", "description", "model", "error", "front_matter_error"):
        writer.writerow(
            ["persona", field, *(_cell(getattr(p, field) or "") for p in matrix.personas)]
        )
    for row in matrix.tools:
        writer.writerow(["tool", _cell(row.name), *("yes" if mark else "" for mark in row.marks)])
    for section in matrix.sections:
        writer.writerow(["section", _cell(section.title), *section.states])
    return buffer.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


# ------------------------------------------------------------------------------------- HTML

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1f2328; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
td.mark { text-align: center; }
td.present, td.yes { color: #1a7f37; }
td.empty { color: #9a6700; }
td.missing, td.no { color: #8c959f; }
td.error { color: #cf222e; }
"""


def to_html(matrix: ComparisonMatrix, *, title: str = "Persona comparison") -> str:
    """A standalone HTML page: no script, nothing loaded from elsewhere, all text escaped."""
    e = _escape
    personas = matrix.personas
    parts = [
        *page_start(title, _STYLE),
        "<h2>Personas</h2>",
        "<table>",
        "<tr><th>Name</th><th>Title</th><th>Model</th><th>Description</th><th>File</th></tr>",
    ]
    for p in personas:
        description = e(p.description or "")
        if p.error or p.front_matter_error:
            message = p.error or f"front matter error: {p.front_matter_error}"
            description = f'<span class="error">{e(message)}</span>'
        parts.append(
            f"<tr><td>{e(p.name)}</td><td>{e(p.title or '')}</td><td>{e(p.model or '')}</td>"
            f"<td>{description}</td><td><code>{e(p.path)}</code></td></tr>"
        )
    parts.append("</table>")
    head = "".join(f'<th title="{e(p.path)}">{e(p.name)}</th>' for p in personas)

    parts += [f"<h2>Tools ({len(matrix.tools)})</h2>", "<table>", f"<tr><th>Tool</th>{head}</tr>"]
    for row in matrix.tools:
        cells = "".join(
            f'<td class="mark {"yes" if mark else "no"}" title="{e(p.name)}: '
            f'{"uses" if mark else "does not use"} {e(row.name)}">{"✓" if mark else "·"}</td>'
            for p, mark in zip(personas, row.marks, strict=True)
        )
        parts.append(f"<tr><th>{e(row.name)}</th>{cells}</tr>")
    parts.append("</table>")

    parts += [
        f"<h2>Sections ({len(matrix.sections)})</h2>",
        "<table>",
        f"<tr><th>Section</th>{head}</tr>",
    ]
    for section in matrix.sections:
        cells = "".join(
            f'<td class="mark {state}" title="{e(p.name)}: {e(section.title)} {state}">'
            f"{_MARKS[state]}</td>"
            for p, state in zip(personas, section.states, strict=True)
        )
        parts.append(f"<tr><th>{e(section.title)}</th>{cells}</tr>")
    parts += [
        "</table>",
        "<p>✓ present · missing ○ empty</p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
