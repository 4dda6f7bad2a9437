"""`persona-studio show FILE`: what the core reads in a persona file."""

from __future__ import annotations

import argparse
from typing import Any

from persona_studio.cli.common import add_max_size, load
from persona_studio.cli.formats import SHOW, choices
from persona_studio.core.document import Document
from persona_studio.core.lint.config import find_config
from persona_studio.core.lint.runner import identify
from persona_studio.core.readers import toollist


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("show", help="show the parts of a persona file")
    parser.add_argument("file")
    parser.add_argument("--format", **choices(SHOW))
    add_max_size(parser)


def file_facts(path: str, document: Document) -> dict[str, Any]:
    """What the core reads in the file at `path`: the fields `show` prints."""
    front = document.front_matter
    title = document.title
    kind = identify(document, path, find_config(path).for_path(path))
    return {
        "path": path,
        "kind": kind.kind,
        "kind_label": kind.label,
        "target": kind.target,
        "read_as": kind.reason,
        "front_matter": None if front is None or front.data is None else dict(front.data),
        "front_matter_error": None if front is None or front.error is None else front.error.message,
        "title": title.title if title is not None else None,
        "tools": list(toollist.tool_names(document) or ()),
        "sections": [
            {"title": section.title, "level": section.level, "line": section.line}
            for section in document.sections
        ],
        "newline": document.newline,
        "bom": document.bom,
    }


def run(args: argparse.Namespace) -> int:
    _, document = load(args.file, args.max_size)
    SHOW[args.format](file_facts(args.file, document))
    return 0
