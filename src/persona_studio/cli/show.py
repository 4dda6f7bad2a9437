"""`persona-studio show FILE`: what the core reads in a persona file."""

from __future__ import annotations

import argparse
from typing import Any

from persona_studio.cli.common import load, write_json
from persona_studio.core.document import Document
from persona_studio.core.lint.config import find_config
from persona_studio.core.lint.runner import identify
from persona_studio.core.readers import toollist


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("show", help="show the parts of a persona file")
    parser.add_argument("file")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def describe(path: str, document: Document) -> dict[str, Any]:
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
    _, document = load(args.file)
    info = describe(args.file, document)
    if args.format == "json":
        write_json(info)
        return 0
    newline = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[info["newline"]]
    print(f"{args.file}")
    print(f"  kind:     {info['kind_label']}; read as {info['target']}")
    print(f"  why:      {info['read_as']}")
    print(f"  title:    {info['title'] or '(none)'}")
    if info["front_matter_error"]:
        print(f"  header:   error: {info['front_matter_error']}")
    elif info["front_matter"] is None:
        print("  header:   (none)")
    else:
        for key, value in info["front_matter"].items():
            if key != "tools":
                print(f"  {key}: {value}")
    print(f"  tools:    {', '.join(info['tools']) if info['tools'] else '(none)'}")
    print(f"  newlines: {newline}{', BOM' if info['bom'] else ''}")
    print("  sections:")
    for section in info["sections"]:
        indent = "  " * section["level"]
        print(f"  {indent}{section['title']}  (line {section['line']})")
    return 0
