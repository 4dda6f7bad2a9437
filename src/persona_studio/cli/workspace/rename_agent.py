"""`persona-studio rename-agent FILE NEW_NAME`: rename an agent and every handoff, `agents:`
entry and (with --file) link that names it; --dry-run shows the diff and writes nothing."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "rename-agent",
        help="rename an agent and update every reference to it",
        description="Sets the agent's name: (or, with --file, renames its file too) and "
        "updates the handoffs, agents: entries and links of its workspace that name it. "
        "Prints the changes as a unified diff; files are saved atomically.",
    )
    parser.add_argument("file", help="the agent's file")
    parser.add_argument("new_name", metavar="NEW_NAME")
    parser.add_argument(
        "--file",
        dest="rename_file",
        action="store_true",
        help="rename the file to NEW_NAME too (and links to it)",
    )
    parser.add_argument("--root", metavar="DIR", help="the workspace (default: the file's)")
    parser.add_argument("--dry-run", action="store_true", help="show the diff, write nothing")


def run(args: argparse.Namespace) -> int:
    from persona_studio.core.errors import PersonaStudioError
    from persona_studio.core.workspace.rename import apply_plan, plan_rename

    if not os.path.isfile(args.file):
        raise PersonaStudioError(f"{args.file}: no such file")
    plan = plan_rename(args.file, args.new_name, rename_file=args.rename_file, root=args.root)
    sys.stdout.write(plan.diff())
    if args.dry_run:
        return 0
    apply_plan(plan)
    count = len(plan.edits)
    print(
        f"Renamed '{plan.old_name}' to '{plan.new_name}': "
        f"{count} {'file' if count == 1 else 'files'} changed"
    )
    return 0
