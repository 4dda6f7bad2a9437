"""The matrix as text for a terminal (columns split into blocks that fit a width), as CSV (no cell
a spreadsheet would run as a formula) and as a standalone HTML page (all text escaped, nothing
loaded)."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence

from persona_studio.core.compare.matrix import (
    EMPTY,
    MISSING,
    PRESENT,
    ComparisonMatrix,
    PersonaColumn,
)
from persona_studio.core.htmlpage import page_start

_ROW_LABEL_LENGTH = 34

_MARKS = {"tick": "✓", "none": "·", PRESENT: "✓", EMPTY: "○", MISSING: "·"}

_ASCII_MARKS = {"tick": "x", "none": ".", PRESENT: "x", EMPTY: "o", MISSING: "."}


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
