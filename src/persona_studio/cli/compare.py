"""`persona-studio compare PATH...`: tools and sections of N personas side by side.

Folders are walked for persona files as `lint` walks them. A file that cannot be read is
reported on stderr (one line) and shown as an error column; the exit status is then 2.
Exit 0 otherwise; 2 when no persona file is found.
"""

from __future__ import annotations

import argparse
import sys

from persona_studio.cli.formats import COMPARE, choices
from persona_studio.cli.terminal import escape_line
from persona_studio.core.compare import compare_paths
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.readers import filekind


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "compare",
        help="compare the tools and sections of several personas",
        description="Show a matrix of tools by personas and sections by personas, with the "
        "description and model of each. Folders are searched for "
        + filekind.searched_files()
        + ".",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", **choices(COMPARE))
    parser.add_argument(
        "--width",
        type=int,
        default=None,
        help="text width to fit the matrix in (default: the terminal's width, if any)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="processes that read the files (default: all cores)",
    )


def run(args: argparse.Namespace) -> int:
    matrix = compare_paths(args.paths, jobs=args.jobs)
    if not matrix.personas:
        raise PersonaStudioError("no persona files found in " + ", ".join(args.paths))
    for persona in matrix.errors:
        print(escape_line(f"persona-studio: {persona.path}: {persona.error}"), file=sys.stderr)
    COMPARE[args.format](matrix, args.width)
    return 2 if matrix.errors else 0
