"""`persona-studio log FILE`: the commits that changed a persona, newest first, each with what it
changed in meaning (tools, keys, sections with their word count deltas)."""

from __future__ import annotations

import argparse
import os
import sys

from persona_studio.cli.formats import LOG, choices
from persona_studio.core.errors import PersonaStudioError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "log",
        help="a persona's commits, each with its semantic summary",
        description="Reads git (never writes): the commits that changed FILE, newest first, "
        "each compared with the file before it: tools added and removed, keys changed, sections "
        "added, removed, moved or edited with their word count deltas.",
    )
    parser.add_argument("file")
    parser.add_argument("--format", **choices(LOG))
    parser.add_argument(
        "-n", "--max-count", type=int, default=10, metavar="N", help="at most N commits (10)"
    )


def run(args: argparse.Namespace) -> int:
    from persona_studio.core.workspace.history import history

    if not os.path.isfile(args.file) and not os.path.isdir(os.path.dirname(args.file) or "."):
        raise PersonaStudioError(f"{args.file}: no such file")
    changes = history(args.file, max(1, args.max_count))
    sys.stdout.write(LOG[args.format](args.file, changes))
    return 0
