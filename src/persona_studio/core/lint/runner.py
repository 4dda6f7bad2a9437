"""Running the rules: on a document (the validator panel), a file or many files (the CLI).

The validator panel and `persona-studio lint` call `lint_document` with the same rules, so they
show the same diagnostics.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from persona_studio.core.catalog import Catalog, Target, load_catalog
from persona_studio.core.document import Document, parse
from persona_studio.core.files.reading import FileReadError, read_text_only
from persona_studio.core.jobs import CancelToken, checker
from persona_studio.core.lint.config import LintConfig, PathSettings, find_config
from persona_studio.core.lint.context import LintContext
from persona_studio.core.lint.model import Diagnostic, Rule, Severity
from persona_studio.core.lint.rules import all_rules
from persona_studio.core.lint.rules.files import BY_CODE
from persona_studio.core.lint.rules.suppression import UNUSED_DISABLE
from persona_studio.core.lint.suppress import find_disables
from persona_studio.core.readers import filekind
from persona_studio.core.schema import Schema, load_schema
from persona_studio.core.text.spans import LineIndex

PARALLEL_THRESHOLD = 200  # files; below it a process pool costs more than it saves


@dataclass
class FileResult:
    path: str
    target: str
    diagnostics: list[Diagnostic]
    text: str | None = None  # the decoded text the offsets point into (None if unreadable)
    bom: bool = False
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    kind: str | None = None  # filekind's kind id; None for a file of no kind


def identify(
    document: Document | None,
    path: str | None,
    settings: PathSettings,
    override: str | None = None,
    catalog: Catalog | None = None,
) -> filekind.FileKind:
    """What the file is and which profile reads it (``filekind.identify``), under the settings
    that apply to its path."""
    return filekind.identify(
        path,
        document.data if document is not None else None,
        override=override,
        path_target=settings.path_target,
        default_target=settings.target,
        profiles=settings.profiles,
        catalog=catalog,
    )


def resolve_target(
    document: Document | None,
    path: str | None,
    settings: PathSettings,
    override: str | None = None,
    catalog: Catalog | None = None,
) -> Target:
    """The profile ``identify`` picks, as a catalog target."""
    catalog = catalog or load_catalog()
    return catalog.target(identify(document, path, settings, override, catalog).target)


def lint_document(
    document: Document,
    *,
    path: str | None = None,
    target: str | None = None,
    config: LintConfig | None = None,
    catalog: Catalog | None = None,
    schema: Schema | None = None,
    roots: tuple[str, ...] = (),
    kind: filekind.FileKind | None = None,
    settings: PathSettings | None = None,
    fixes: bool = True,
) -> list[Diagnostic]:
    """Every diagnostic for one document, suppressions applied, in text order. ``roots`` are the
    folders being linted: a file outside any repository resolves its references against them.
    ``kind`` and ``settings``: what the caller found already for ``path`` (not found again).
    ``fixes`` False leaves out the Quick Fixes (same diagnostics, ``fix`` None): for a caller
    that only shows them."""
    config = config or LintConfig()
    if settings is None:
        settings = config.for_path(path)
    catalog = catalog or load_catalog()
    if schema is None:
        schema = _project_schema(settings.schema) if settings.schema else load_schema()
    kind = kind or identify(document, path, settings, target, catalog)
    resolved = catalog.target(kind.target)
    personas_apply = kind.spec is None or kind.spec.persona_rules
    ctx = LintContext(
        document,
        resolved,
        catalog,
        schema,
        path,
        settings.persona,
        kind=kind,
        roots=roots,
        fixes=fixes,
    )
    found: list[Diagnostic] = []
    for made in _checks(settings):
        if made.persona_only and not (ctx.is_persona and personas_apply):
            continue
        if made.kinds is not None and ctx.kind.kind not in made.kinds:
            continue
        found.extend(made.check(ctx))  # type: ignore[misc]  # _checks: each has one
    found = [d for d in found if settings.enabled(d.name)]
    disables = find_disables(document)
    if disables:
        groups = {made.name: made.group for made in all_rules()}
        kept = []
        for diagnostic in found:
            covering = [
                d for d in disables if d.covers(diagnostic, groups.get(diagnostic.name, ""))
            ]
            for disable in covering:
                disable.used = True
            if not covering:
                kept.append(diagnostic)
        found = kept
        if settings.enabled(UNUSED_DISABLE.name):
            for disable in disables:
                if disable.unknown:
                    message = (
                        f"Unknown rule(s) in the disable comment: {', '.join(disable.unknown)}"
                    )
                elif not disable.used:
                    message = "This disable comment suppresses nothing; remove it"
                else:
                    continue
                found.append(UNUSED_DISABLE.diagnostic(disable.comment, message))
    # The reader's own severities (a Hint in VS Code is an info here), then the user's.
    profile = _profile_severities(resolved)
    chosen = {**profile, **settings.severity} if settings.severity else profile
    if chosen:
        found = [_with_severity(d, chosen[d.name]) if d.name in chosen else d for d in found]
    found.sort(key=lambda d: (d.span.start, d.span.end, -d.severity, d.rule))
    return found


# The rules with a check that the last settings asked about enable, with those settings (held,
# so compared by identity): a batch's files share their folder's settings.
_last_checks: tuple[PathSettings, list[Rule]] | None = None


def _checks(settings: PathSettings) -> list[Rule]:
    """The rules with a check that ``settings`` enable, in the table's order."""
    global _last_checks
    last = _last_checks
    if last is not None and last[0] is settings:
        return last[1]
    checks = [
        made for made in all_rules() if made.check is not None and settings.enabled(made.name)
    ]
    _last_checks = (settings, checks)
    return checks


@functools.lru_cache(maxsize=64)
def _profile_severities(target: Target) -> dict[str, Severity]:
    """A reader profile's own severities, read once per target (never change the answer)."""
    return {name: Severity.parse(level) for name, level in target.severities.items()}


def _project_schema(path: str) -> Schema:
    """A project's own schema file, read once per change of the file (not once per persona)."""
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = None  # load_schema reports the missing file
    return _cached_schema(path, stamp)


@functools.lru_cache(maxsize=16)
def _cached_schema(path: str, stamp: int | None) -> Schema:
    return load_schema(path)


def _with_severity(diagnostic: Diagnostic, severity: Severity) -> Diagnostic:
    return replace(diagnostic, severity=severity)


def lint_text(text: str, **options: Any) -> list[Diagnostic]:
    return lint_document(parse(text), **options)


def lint_file(
    path: str,
    *,
    target: str | None = None,
    config: LintConfig | None = None,
    roots: tuple[str, ...] = (),
    fixes: bool = True,
) -> FileResult:
    """Lint one file; a file that cannot be read gives one diagnostic, never an exception.
    ``fixes``: as in ``lint_document``."""
    config = config if config is not None else find_config(path)
    settings = config.for_path(path)
    try:
        text, bom = read_text_only(path, max_bytes=settings.max_file_size)
    except FileReadError as error:
        made = BY_CODE[error.code]
        span = LineIndex("").span(0, 0)
        # A file that cannot be read is always reported unless its rule is ignored by name:
        # `select = ["tools"]` must not make CI pass over a file it never read.
        diagnostics = []
        if made.name not in settings.ignore:
            severity = settings.severity.get(made.name)
            diagnostics.append(made.diagnostic(span, error.message, severity=severity))
        kind = identify(None, path, settings, target)
        return FileResult(path, kind.target, diagnostics, None, error=error.message, kind=kind.kind)
    document = parse(text)
    kind = identify(document, path, settings, target)
    diagnostics = lint_document(
        document,
        path=path,
        config=config,
        roots=roots,
        kind=kind,
        settings=settings,
        fixes=fixes,
    )
    return FileResult(path, kind.target, diagnostics, text, bom=bom, kind=kind.kind)


is_persona_file = filekind.is_persona_file


def collect_files(paths: Iterable[str]) -> list[str]:
    """Files named on the command line as they are; folders walked for persona files. A file
    named twice (or named and found in a folder) is linted once."""
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if not os.path.isdir(path):
            add(path)
            continue
        for full in filekind.find_files(path):
            add(full)
    return found


_worker_configs: _FolderConfigs | None = None  # a worker's settings by folder, for its run


def _start_worker(config: LintConfig | None) -> None:
    """A pool worker's start: the settings it finds by folder are kept for all its chunks."""
    global _worker_configs
    _worker_configs = _FolderConfigs(config)


def _lint_chunk(
    args: tuple[list[str], str | None, tuple[str, ...], bool, bool],
) -> list[FileResult]:
    """A worker's part of ``lint_paths``: one chunk of files."""
    paths, target, roots, fixes, texts = args
    configs = _worker_configs if _worker_configs is not None else _FolderConfigs(None)
    results = [
        lint_file(path, target=target, config=configs(path), roots=roots, fixes=fixes)
        for path in paths
    ]
    return results if texts else [_without_text(result) for result in results]


def _without_text(result: FileResult) -> FileResult:
    result.text = None
    return result


class _FolderConfigs:
    """The settings of each file of one batch: `config` when given, else the nearest config
    upward, looked up once per folder (not once per file: each look-up stats every candidate
    config file in every folder above)."""

    def __init__(self, config: LintConfig | None) -> None:
        self.config = config
        self.found: dict[str, LintConfig] = {}

    def __call__(self, path: str) -> LintConfig:
        if self.config is not None:
            return self.config
        folder = os.path.dirname(os.path.abspath(path))
        config = self.found.get(folder)
        if config is None:
            config = self.found[folder] = find_config(folder)
        return config


def lint_paths(
    paths: list[str],
    *,
    target: str | None = None,
    config_path: str | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    roots: tuple[str, ...] = (),
    cancel: CancelToken | None = None,
    config: LintConfig | None = None,
    fixes: bool = True,
    texts: bool = True,
) -> Iterator[FileResult]:
    """Lint many files, in order. Uses every core when there are many files (jobs=None).
    ``roots`` are the folders named on the command line (see ``lint_document``). The settings:
    ``config`` when given, else the file ``config_path`` (read once, here), else each file's own
    (found upward from it, once per folder). ``fixes``: as in ``lint_document``. ``texts``
    False: the results hold no text (``text`` None), for a caller that reads none (a report
    without fixes): not sent back from the other processes.

    Stopping early: ``cancelled()`` returning True ends the results quietly; a ``cancel`` token,
    once cancelled, raises ``Cancelled`` (the results so far were all yielded). Both are checked
    before each file, and with a process pool before each chunk of files."""
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if config is None and config_path is not None:
        from persona_studio.core.lint.config import load_config

        config = load_config(config_path)
    options = (target, config, roots, fixes)
    batch = _Batch(len(paths), options, progress, cancelled, checker(cancel), texts)
    try:
        if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD:
            yield from batch.here(paths)
            return
        # This process lints too: with N jobs, N - 1 workers beside it (on two cores, one worker
        # and this process, rather than two workers and this process mostly waiting). The first
        # file is linted before the workers fork, so that they inherit the rules, the catalog
        # and the schema loaded.
        yield from batch.here(paths[:1])
        yield from batch.with_workers(paths[1:], jobs - 1)
    except _Stopped:
        return


class _Stopped(Exception):
    """``cancelled()`` said stop: the results end quietly."""


_Options = tuple[str | None, LintConfig | None, tuple[str, ...], bool]  # target ... fixes


class _Batch:
    """One ``lint_paths`` run: its options, its count of files done, its ways to stop."""

    def __init__(
        self,
        total: int,
        options: _Options,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
        check: Callable[[], None],
        texts: bool = True,
    ) -> None:
        self.total = total
        self.texts = texts
        self.options = options
        self.configs = _FolderConfigs(options[1])
        self.progress = progress
        self.cancelled = cancelled
        self.check = check
        self.done = 0

    def stop_here(self) -> None:
        """Before a file (or a worker's chunk of files): stop if asked to."""
        if self.cancelled is not None and self.cancelled():
            raise _Stopped
        self.check()

    def counted(self, results: list[FileResult]) -> list[FileResult]:
        self.done += len(results)
        if self.progress is not None:
            self.progress(self.done, self.total)
        return results

    def here(self, paths: list[str]) -> Iterator[FileResult]:
        """Lint files in this process, one after the other."""
        for path in paths:
            self.stop_here()
            yield from self.counted([self.lint_one(path)])

    def lint_one(self, path: str) -> FileResult:
        target, _, roots, fixes = self.options
        found = lint_file(path, target=target, config=self.configs(path), roots=roots, fixes=fixes)
        return found if self.texts else _without_text(found)

    def with_fork(self, chunks: list[list[str]]) -> Iterator[FileResult]:
        """The results of ``chunks`` in order, linted by one forked child and by this process
        (``forked.run``)."""

        from persona_studio.core.lint import forked  # the editor lints one file: never forks

        def lint_chunk(paths: list[str]) -> list[FileResult]:
            return [self.lint_one(path) for path in paths]

        for results in forked.run(chunks, lint_chunk, self.lint_one, self.stop_here):
            self.stop_here()
            yield from self.counted(results)

    def with_workers(self, paths: list[str], workers: int) -> Iterator[FileResult]:
        """The results of ``paths`` in order, linted by ``workers`` processes and by this one.

        The files go in small chunks. The workers are handed the chunks from the last one back;
        this process takes them from the first one on, each chunk no worker has taken yet, and
        yields its results as it goes; where the two meet it yields the workers' results. No
        chunk is linted twice, and neither side waits long for the other at the end (a chunk is
        a few milliseconds of work)."""
        # 8 to 64 files a chunk: few enough hand-overs, and little to wait for where they meet.
        size = max(8, min(64, len(paths) // ((workers + 1) * 32)))
        # Imported here: the editor lints one document (pickle and signal kept for nothing).
        from persona_studio.core.lint import forked

        if workers == 1 and forked.available():
            # A chunk handed over costs little here (a number read from a pipe): 4 files or
            # more, so that the two processes end within about a millisecond of each other.
            size = max(4, min(64, len(paths) // 256), -(-len(paths) // forked.MAX_CHUNKS))
            chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
            yield from self.with_fork(chunks)
            return
        chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
        # Imported here: the editor lints one document and never needs it (20 ms at start-up).
        from concurrent.futures import Future, ProcessPoolExecutor

        target, config, roots, fixes = self.options
        pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(config,))
        try:
            futures: dict[int, Future[list[FileResult]]] = {}
            for index in reversed(range(len(chunks))):
                futures[index] = pool.submit(
                    _lint_chunk, (chunks[index], target, roots, fixes, self.texts)
                )
            for index, chunk in enumerate(chunks):
                if futures[index].cancel():  # no worker has taken it: linted here
                    yield from self.here(chunk)
                    continue
                results = futures[index].result()
                self.stop_here()
                yield from self.counted(results)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
