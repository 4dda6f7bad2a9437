"""`persona-studio uses NAME PATH...`: where a tool, a skill or an agent is used across a
workspace, file by file and line by line."""

from __future__ import annotations

import argparse
import os
import sys

from persona_studio.cli.formats import USES, choices
from persona_studio.core.errors import PersonaStudioError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "uses",
        help="where a tool, skill or agent is used across a workspace",
        description="The files and lines of PATH (folders are walked) that use NAME: as a tool "
        "(tools entries, #tool: references), a skill (skills: entries, links to it) or an agent "
        "(handoffs, agents: entries, links to its file).",
    )
    parser.add_argument("name")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument(
        "--as",
        dest="what",
        action="append",
        choices=["tool", "skill", "agent"],
        help="look only for this use (may be repeated; all three by default)",
    )
    parser.add_argument("--format", **choices(USES))


def run(args: argparse.Namespace) -> int:
    from persona_studio.core.workspace.usage import KINDS, where_used

    for path in args.paths:
        if not os.path.exists(path):
            raise PersonaStudioError(f"{path}: no such file or folder")
    uses = where_used(args.paths, args.name, args.what or KINDS)
    sys.stdout.write(USES[args.format](args.name, uses))
    return 0 if uses else 1
