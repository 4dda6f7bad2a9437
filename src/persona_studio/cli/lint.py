"""`persona-studio lint PATH...`: the validator's rules, for the shell and CI."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import NoReturn

from persona_studio.cli.common import not_written
from persona_studio.cli.formats import LINT, choices
from persona_studio.cli.terminal import escape_line
from persona_studio.core.catalog import load_catalog
from persona_studio.core.document import parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.lint import collect_files, fix_until_stable, lint_document, lint_paths
from persona_studio.core.lint.config import LintConfig, find_config, load_config
from persona_studio.core.lint.model import Severity
from persona_studio.core.lint.runner import FileResult


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "lint",
        help="check persona files",
        description="Check persona files with the validator's rules. Folders are searched for "
        "the files of every kind the catalog knows: custom agents, chat modes, Claude Code "
        "subagents and agent skills.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", **choices(LINT))
    parser.add_argument(
        "--target", choices=list(load_catalog().targets), help="check every file for this target"
    )
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes, then report")
    parser.add_argument("--config", metavar="FILE", help="use this config file")
    parser.add_argument(
        "--jobs", type=int, default=None, help="processes to use (default: all cores)"
    )


def run(args: argparse.Namespace) -> int:
    config_path = args.config
    # Read once: a broken config is a usage error before any file is read, and the same settings
    # go to every file (and every process) and to the fixes.
    config = load_config(config_path) if config_path is not None else None
    files = collect_files(args.paths)
    if not files:
        raise PersonaStudioError("no persona files found in " + ", ".join(args.paths))
    writer = LINT[args.format]
    results: list[FileResult] = []
    fixed = 0
    save_failed = False
    conflict = False  # a file changed on disk since it was read: not written, exit 1
    roots = tuple(path for path in args.paths if os.path.isdir(path))
    found = lint_paths(
        files,
        target=args.target,
        config=config,
        jobs=args.jobs,
        roots=roots,
        fixes=args.fix or writer.shows_fixes,  # a text report shows none (and --fix needs them)
        texts=args.fix or writer.shows_fixes,  # the fixes read the text; nothing else does
    )
    with _batch_gc():
        for result in found:
            if args.fix and result.text is not None and any(d.fix for d in result.diagnostics):
                result, count, failure = _fix_reported(result, args.target, config)
                fixed += count
                conflict = conflict or failure == "conflict"
                save_failed = save_failed or failure == "save"
            results.append(result)
            writer.file(result)
        writer.end(results, fixed)
    global batch_ended
    batch_ended = True
    if save_failed:
        return 2
    failed = any(d.severity == Severity.ERROR for r in results for d in r.diagnostics)
    return 1 if failed or conflict else 0


batch_ended = False  # a run has ended: the program may leave without tearing down its results


def leave(code: int) -> NoReturn:
    """End the process now (``cli.main`` calls it after a run, as the program itself): the exit
    handlers run and the standard streams flushed, the rest (the modules, the rules, a thousand
    files' results) left to the system to free, not torn down one by one."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):  # closed, or nobody reads it
                stream.flush()
    os._exit(code)


@contextlib.contextmanager
def _batch_gc() -> Iterator[None]:
    """The garbage collector set for a batch of files, and set back after it: what is loaded by
    now (the modules, the catalog, the rules) is set aside, not scanned again (nor touched in
    the pool's forked workers by a scan), and the youngest objects are collected every 10,000
    allocations rather than 700 (each file makes tens of thousands of short-lived spans and
    nodes, nearly all freed by their count, not by the collector): a tenth less CPU."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _fix_reported(
    result: FileResult, target: str | None, config: LintConfig | None
) -> tuple[FileResult, int, str]:
    """``_fix``, a failure to save told on stderr: the result, the fixes applied and "" (saved
    or nothing to save), "conflict" (changed on disk since it was read) or "save" (not
    written). The saving side is imported here, where a file is fixed, not to lint."""
    from persona_studio.core.files.disk import SaveConflictError
    from persona_studio.core.files.fileio import SaveError

    try:
        fixed, count = _fix(result, target, config)
    except SaveConflictError as error:
        # Changed on disk since it was read: the user's edit wins, these fixes wait.
        print(not_written(result.path, error, "fixed"), file=sys.stderr)
        return result, 0, "conflict"
    except SaveError as error:
        # The file keeps its old bytes and its findings; the other files go on.
        print(f"persona-studio: {escape_line(error)}", file=sys.stderr)
        return result, 0, "save"
    return fixed, count, ""


def _fix(
    result: FileResult, target: str | None, config: LintConfig | None
) -> tuple[FileResult, int]:
    from persona_studio.core.files.opened import OpenedFile

    config = config if config is not None else find_config(result.path)  # cached per folder
    settings = config.for_path(result.path)

    def lint(text: str):
        return lint_document(
            parse(text),
            path=result.path,
            target=target or result.target,
            config=config,
            settings=settings,
        )

    assert result.text is not None
    # The file as lint read it (perhaps in another process, a while ago): its stamp is that of
    # the bytes the text came from, so the save refuses a file that changed since.
    opened = OpenedFile.as_read(result.path, result.text, bom=result.bom)
    # The findings lint_paths made of this very text are the first round's: not linted again.
    text, count, left = fix_until_stable(result.text, lint, diagnostics=result.diagnostics)
    if count:
        # Written back as it was read (BOM kept, newlines untouched by the edits), atomically,
        # and only if the file on disk is still the one read (SaveConflictError otherwise).
        opened.save(text, missing_ok=False, keep_newlines=True)
    return replace(result, diagnostics=left, text=text), count
