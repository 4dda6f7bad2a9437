"""`persona-studio export PATH... --to TARGET --out DIR`: convert persona files between formats.

Folders are searched for persona files like `lint` does. Each file is exported on its own: its
result (where it went, what changed, what was dropped) is reported, and one failure does not stop
the rest. Exit codes: 0 every file exported, 1 one or more failed (or would fail with --dry-run),
2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from persona_studio.cli.common import write_json
from persona_studio.core.document import parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.export.plan import Claims
from persona_studio.core.formats import FORMATS, ExportError, ExportResult, export_file
from persona_studio.core.lint import collect_files
from persona_studio.core.lint.model import Severity


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export",
        help="convert persona files to another format",
        description="Convert persona files (chat modes, custom agents, Claude Code subagents) "
        "into one format. The body is kept byte for byte; only the front matter is rewritten. "
        "Folders are searched for *.chatmode.md, *.agent.md and Markdown files under "
        ".github/agents/ and .claude/agents/.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to export")
    parser.add_argument("--to", required=True, choices=list(FORMATS), help="the format to write")
    parser.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="a workspace root: files go to the format's folder inside it (.github/agents, ...)",
    )
    parser.add_argument(
        "--flat", action="store_true", help="write the files straight into DIR, not its subfolder"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite existing files, and write results that have errors",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be written; write nothing"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    out = args.out
    if os.path.exists(out) and not os.path.isdir(out):
        raise PersonaStudioError(f"--out {out} is not a folder")
    files = collect_files(args.paths)
    if not files:
        raise PersonaStudioError("no persona files found in " + ", ".join(args.paths))
    claimed = Claims()  # the destinations of this run, each with the source exported there
    records = []
    for path in files:
        record = _export_one(path, args, claimed)
        records.append(record)
        if args.format == "text":
            _print_record(record, dry_run=args.dry_run)
    failed = sum(1 for record in records if record["status"] == "failed")
    done = len(records) - failed
    if args.format == "json":
        write_json(
            {
                "target": args.to,
                "out": out,
                "flat": args.flat,
                "dry_run": args.dry_run,
                "files": records,
                "summary": {"exported": done, "failed": failed},
            }
        )
    else:
        verb = "would be exported" if args.dry_run else "exported"
        fail = "would fail" if args.dry_run else "failed"
        print(f"{done} {_files(done)} {verb}, {failed} {fail}")
    return 1 if failed else 0


def _export_one(path: str, args: argparse.Namespace, claimed: Claims) -> dict[str, Any]:
    record: dict[str, Any] = {"source": path, "status": "failed", "destination": None}
    result: ExportResult | None = None
    try:
        result = export_file(path, args.to)
        record.update(result.to_dict())
        destination = result.destination(args.out, flat=args.flat)
        record["destination"] = str(destination)
        owner = claimed.owner(destination)
        if owner is not None:
            raise ExportError(
                f"{owner} is exported to the same file {destination} in this run; "
                "export one of them separately or rename it"
            )
        result.check(args.out, flat=args.flat, force=args.force)
        claimed.claim(destination, path)
        existed = os.path.lexists(destination)
        if args.dry_run:
            record["status"] = "would overwrite" if existed else "would write"
            record["text"] = result.text
        else:
            result.write(args.out, flat=args.flat, force=args.force)
            record["status"] = "overwritten" if existed else "written"
    except PersonaStudioError as error:
        message = str(error) if error.path else f"{path}: {error}"
        record["status"] = "failed"
        record["error"] = message
    return record


def _print_record(record: dict[str, Any], *, dry_run: bool) -> None:
    if record["status"] == "failed":
        print(f"persona-studio: {record['error']}", file=sys.stderr)
        _print_details(record, file=sys.stderr)
        return
    status = record["status"]
    if record.get("blocked"):
        status += ", with errors (--force)"
    print(f"{record['source']} -> {record['destination']} ({status})")
    _print_details(record, file=sys.stdout)
    if dry_run and record.get("text") is not None:
        document = parse(record["text"])
        header = record["text"][: document.body_start].lstrip("\ufeff")
        if header:
            print("  front matter:")
            for line in header.splitlines():
                print(f"    {line}")


def _print_details(record: dict[str, Any], *, file: Any) -> None:
    for note in record.get("notes", ()):
        print(f"  {note['kind']}: {note['message']}", file=file)
    diagnostics = record.get("diagnostics", ())
    for diagnostic in diagnostics:
        if diagnostic["severity"] == Severity.ERROR.label:
            print(
                f"  error {diagnostic['name']} (line {diagnostic['line']}): "
                f"{diagnostic['message']}",
                file=file,
            )
    warnings = sum(1 for d in diagnostics if d["severity"] == Severity.WARNING.label)
    if warnings:
        print(
            f"  {warnings} {'warning' if warnings == 1 else 'warnings'} under {record['target']} "
            "(persona-studio lint shows them)",
            file=file,
        )


def _files(count: int) -> str:
    return "file" if count == 1 else "files"
