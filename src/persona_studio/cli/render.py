"""`persona-studio render FILE [--engine commonmark|python-markdown] [--out FILE.html]`: the
preview's page as a standalone HTML file (its style inlined, nothing loaded from elsewhere), on
standard output or written to `--out`."""

from __future__ import annotations

import argparse
import os
import sys

from persona_studio.cli.common import load, write_bytes
from persona_studio.core.render.engines import DEFAULT_ENGINE, ENGINE_LABELS, ENGINES


def add_parser(sub: argparse._SubParsersAction) -> None:
    engines = "; ".join(f"{name}: {label}" for name, label in ENGINE_LABELS.items())
    parser = sub.add_parser(
        "render",
        help="the preview of a persona as a standalone HTML page",
        description="Render a persona as the preview shows it, as one HTML page with its style "
        "inlined and nothing loaded from elsewhere.",
    )
    parser.add_argument("file")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help=f"the Markdown engine (default: {DEFAULT_ENGINE}). {engines}",
    )
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--out", metavar="FILE.html", help="write the page here (default: stdout)")


def run(args: argparse.Namespace) -> int:
    from persona_studio.core.files.fileio import atomic_write
    from persona_studio.core.render.page import standalone_page

    _, document = load(args.file)
    heading = document.title
    title = heading.title if heading is not None else os.path.basename(args.file)
    page = standalone_page(document, title, engine=args.engine, theme=args.theme)
    data = page.encode("utf-8")
    if args.out:
        atomic_write(args.out, data)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        write_bytes(data)
    return 0
