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

The pieces: ``matrix`` (the data), ``build`` (reading and building), ``labels`` (column names
and terminal labels) and ``forms`` (text, CSV, HTML).
"""

from persona_studio.core.compare.build import build_matrix, collect_persona_files, compare_paths
from persona_studio.core.compare.forms import to_csv, to_html, to_text
from persona_studio.core.compare.labels import abbreviate
from persona_studio.core.compare.matrix import (
    EMPTY,
    MISSING,
    PRESENT,
    ComparisonMatrix,
    PersonaColumn,
    SectionRow,
    ToolRow,
)

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
