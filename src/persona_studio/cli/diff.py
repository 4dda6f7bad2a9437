"""`persona-studio diff A B`: what changed between two personas, as text, JSON or HTML.

Text is a unified diff followed by the semantic summary and the figures; JSON is
``{"similarity", "stats", "semantic", "hunks", "notes"}``; HTML is a standalone page (no script,
nothing loaded from elsewhere, all text escaped). Exit 0 when the two are equal (under the
options; with ``--semantic-only``, equal in meaning), 1 when they differ, 2 on error.
"""

from __future__ import annotations

import argparse

from persona_studio.cli.common import add_max_size, load
from persona_studio.cli.diff_report import DiffReport
from persona_studio.cli.formats import DIFF, choices
from persona_studio.core.diff import DiffOptions, diff_texts
from persona_studio.core.semantic_diff import figures, semantic_diff


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "diff",
        help="compare two persona files",
        description="Compare two persona files: a unified diff with word-level changes, and a "
        "summary of what changed in meaning (keys, tools, sections, list items). Exit 0 when "
        "they are equal, 1 when they differ, 2 on error.",
    )
    parser.add_argument("a", metavar="A")
    parser.add_argument("b", metavar="B")
    parser.add_argument("--format", **choices(DIFF))
    parser.add_argument(
        "--semantic-only",
        action="store_true",
        help="leave out the line diff; the exit status then says whether the meaning differs",
    )
    parser.add_argument(
        "-w", "--ignore-whitespace", action="store_true", help="ignore all whitespace"
    )
    parser.add_argument(
        "-B",
        "--ignore-blank-lines",
        action="store_true",
        help="ignore changes that only add or remove blank lines",
    )
    parser.add_argument("-i", "--ignore-case", action="store_true", help="ignore case")
    parser.add_argument(
        "--match-renamed",
        action="store_true",
        help="count a legacy tool name and its current name as the same tool",
    )
    parser.add_argument(
        "-U",
        "--context",
        type=int,
        default=3,
        metavar="N",
        help="lines of context around each change (default 3)",
    )
    add_max_size(parser)


def run(args: argparse.Namespace) -> int:
    loaded_a, document_a = load(args.a, args.max_size)
    loaded_b, document_b = load(args.b, args.max_size)
    options = DiffOptions(
        ignore_whitespace=args.ignore_whitespace,
        ignore_blank_lines=args.ignore_blank_lines,
        ignore_case=args.ignore_case,
    )
    text_diff = diff_texts(loaded_a.text, loaded_b.text, options)
    semantic = semantic_diff(
        document_a, document_b, options=options, match_renamed=args.match_renamed
    )
    numbers = figures(text_diff)
    equal = semantic.equal if args.semantic_only else text_diff.equal
    report = DiffReport(
        text_diff, semantic, numbers, args.a, args.b, max(0, args.context), args.semantic_only
    )
    DIFF[args.format](report)
    return 0 if equal else 1
