"""`persona-studio export PATH... --to TARGET --out DIR`: convert persona files between formats.

Folders are searched for persona files like `lint` does. Each file is exported on its own: its
result (where it went, what changed, what was dropped) is reported, and one failure does not stop
the rest. Exit codes: 0 every file exported, 1 one or more failed (or would fail with --dry-run),
2 usage error.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from typing import Any

from persona_studio.cli.formats import EXPORT, ExportRun, choices
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.export.plan import Claims
from persona_studio.core.formats import (
    FORMATS,
    ExportError,
    ExportResult,
    export_file,
    export_folders,
)
from persona_studio.core.formats.result import Folders
from persona_studio.core.formats.skills import SKILL_FILE, SKILL_TARGETS, export_skill
from persona_studio.core.lint import collect_files
from persona_studio.core.readers import filekind


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export",
        help="convert persona files to another format",
        description="Convert persona files (chat modes, custom agents, Claude Code subagents, "
        "GitHub Copilot agents) into one format. The body is kept byte for byte; only the front "
        "matter is rewritten, and what the tools grant is kept where the target can say it: "
        "each tool lost on the way is reported (--format json: under 'tools'). "
        "Folders are searched for " + filekind.searched_files() + ".",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to export")
    parser.add_argument(
        "--to",
        required=True,
        choices=[*FORMATS, *SKILL_TARGETS],
        help=f"the format to write; {' and '.join(SKILL_TARGETS)} copy agent skill folders "
        f"({SKILL_FILE} and the files it links to) into "
        + " or ".join(f"{folder}/" for folder in SKILL_TARGETS.values()),
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="a workspace root: files go to the format's folder inside it "
        f"({', '.join(export_folders())})",
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
    parser.add_argument("--format", **choices(EXPORT))
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="processes that read and convert the files (default: all cores)",
    )


def run(args: argparse.Namespace) -> int:
    out = args.out
    if os.path.exists(out) and not os.path.isdir(out):
        raise PersonaStudioError(f"--out {out} is not a folder")
    if args.to in SKILL_TARGETS:
        return _run_skills(args)
    files = collect_files(args.paths)
    if not files:
        raise PersonaStudioError("no persona files found in " + ", ".join(args.paths))
    claimed = Claims()  # the destinations of this run, each with the source exported there
    folders = Folders()  # the real paths of the folders they go to
    writer = EXPORT[args.format]
    options = ExportRun(args.to, out, args.flat, args.dry_run)
    records = []
    for path, converted in _converted(files, args.to, args.jobs):
        record = _export_one(path, converted, args, claimed, folders)
        records.append(record)
        writer.file(record, options)
    writer.end(records, options)
    return 1 if any(record["status"] == "failed" for record in records) else 0


PARALLEL_THRESHOLD = 200
"""Fewer files than this are converted in this process (a pool costs more than it saves)."""


def _converted(
    files: list[str], to: str, jobs: int | None
) -> Iterator[tuple[str, ExportResult | str]]:
    """Each file with its conversion (or the error that stopped it), in order. Reading and
    converting, the costly part, runs on every core for many files; claiming destinations and
    writing stay in this process, in order."""
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        for path in files:
            yield path, _convert(path, to)
        return
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks: the last one, done on one core while the others wait, stays short.
    size = max(16, len(files) // (jobs * 32))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for done in pool.map(_convert_chunk, chunks, [to] * len(chunks)):
            yield from done


def _convert(path: str, to: str) -> ExportResult | str:
    """The file's conversion, or the message of the error that stopped it (a string: the
    errors' keyword-only constructors do not travel between processes)."""
    try:
        return export_file(path, to)
    except PersonaStudioError as error:
        return str(error) if error.path else f"{path}: {error}"


def _convert_chunk(paths: list[str], to: str) -> list[tuple[str, ExportResult | str]]:
    return [(path, _convert(path, to)) for path in paths]


def _export_one(
    path: str,
    converted: ExportResult | str,
    args: argparse.Namespace,
    claimed: Claims,
    folders: Folders,
) -> dict[str, Any]:
    record: dict[str, Any] = {"source": path, "status": "failed", "destination": None}
    result: ExportResult | None = None
    if isinstance(converted, str):
        record["error"] = converted
        return record
    try:
        result = converted
        record.update(result.to_dict())
        destination, real = result.place(args.out, flat=args.flat, folders=folders)
        record["destination"] = str(destination)
        owner = claimed.owner(destination, real=real)
        if owner is not None:
            raise ExportError(
                f"{owner} is exported to the same file {destination} in this run; "
                "export one of them separately or rename it"
            )
        result.check_placed(destination, force=args.force)
        claimed.claim(destination, path, real=real)
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


def _skill_files(paths: list[str]) -> list[str]:
    """The SKILL.md files named by ``paths``: a SKILL.md, a skill folder, or any folder searched
    for skill folders."""
    found: list[str] = []
    for path in paths:
        if os.path.isfile(path):
            found.append(path)
        elif os.path.isfile(os.path.join(path, SKILL_FILE)):
            found.append(os.path.join(path, SKILL_FILE))
        elif os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                if SKILL_FILE in names:
                    found.append(os.path.join(root, SKILL_FILE))
        else:
            found.append(path)  # reported as failed: it does not exist
    return list(dict.fromkeys(found))


def _run_skills(args: argparse.Namespace) -> int:
    files = _skill_files(args.paths)
    if not files:
        raise PersonaStudioError(f"no agent skill ({SKILL_FILE}) found in " + ", ".join(args.paths))
    writer = EXPORT[args.format]
    options = ExportRun(args.to, args.out, args.flat, args.dry_run)
    records = []
    claimed = Claims()
    for path in files:
        record: dict[str, Any] = {"source": path, "status": "failed", "destination": None}
        try:
            skill = export_skill(path, args.to)
            record.update(skill.to_dict())
            destination = skill.folder(args.out, flat=args.flat)
            record["destination"] = str(destination)
            owner = claimed.owner(destination)
            if owner is not None:
                raise ExportError(f"{owner} is exported to the same folder {destination}")
            claimed.claim(destination, path)
            existed = bool(skill.existing(args.out, flat=args.flat))
            if args.dry_run:
                record["status"] = "would overwrite" if existed else "would write"
            else:
                skill.write(args.out, flat=args.flat, force=args.force)
                record["status"] = "overwritten" if existed else "written"
        except PersonaStudioError as error:
            record["status"] = "failed"
            record["error"] = str(error) if error.path else f"{path}: {error}"
        records.append(record)
        writer.file(record, options)
    writer.end(records, options)
    return 1 if any(record["status"] == "failed" for record in records) else 0
