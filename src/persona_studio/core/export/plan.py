"""The plan of an export: what each source becomes, where it goes, and what writing it did.

Contract: no Qt. ``plan_item`` runs one core ``export()`` and looks at the destination (does it
exist, is it the same, the unified diff of old and new); ``write_item`` writes one planned file
through ``ExportResult.write`` (atomic) under the export dialog's rules: a blocked result only when
forced, an existing file only when its overwrite was confirmed and it has not changed since its
diff was shown. Both return plain data and never raise for a user's error, so a batch goes on
after one failure. The dialog's worker thread calls them; so does the dialog for a handful of
files.

Both take ``cancel``, a ``CancelToken``: ``plan_item`` checks it before reading, exporting and
comparing with the existing file (the diff of a long file checks it too); ``write_item`` only
before it writes, never during a write. Once it is set they raise ``Cancelled``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace

from persona_studio.core.diff import TextDiff, diff_texts, unified_diff
from persona_studio.core.document import parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import LoadedText, read_text
from persona_studio.core.formats import ExportResult, export
from persona_studio.core.formats.skills import SKILL_TARGETS, SkillExport, export_skill
from persona_studio.core.jobs import CancelToken, checker

READY, OVERWRITE, UNCHANGED, BLOCKED, FAILED, NO_FOLDER = (
    "ready",
    "overwrite",
    "unchanged",
    "blocked",
    "failed",
    "no-folder",
)
WRITTEN, SKIPPED, CANCELLED = "written", "skipped", "cancelled"
SUMMARY_ORDER = (WRITTEN, UNCHANGED, BLOCKED, SKIPPED, FAILED, CANCELLED)
CONTEXT = 3  # lines of context around each change in the diff


@dataclass(frozen=True)
class ExportSource:
    """One persona to export: an open document's current text (unsaved edits included) or a
    library file. ``text`` None means "read ``path`` when planning" (off the GUI thread)."""

    label: str
    path: str | None
    text: str | None
    loaded: LoadedText | None = None


@dataclass(frozen=True)
class PlanItem:
    """One source's planned export. ``error`` is set when it cannot be exported at all."""

    source: ExportSource
    result: ExportResult | SkillExport | None = None
    error: str | None = None
    out_dir: str | None = None
    flat: bool = False
    shown_path: str = ""  # the output path as the table shows it (inside the folder)
    destination: str | None = None
    exists: bool = False
    old_sha: str | None = None  # of the existing file's bytes
    diff: str = ""  # unified diff of the existing file against the new text
    old_error: str | None = None  # the existing file cannot be read as text
    same: bool = False  # the existing file already holds exactly the new bytes
    diff_marks: tuple[tuple[int, int, int], ...] = ()  # (diff line, start, end): changed words

    @property
    def kind(self) -> str:
        if self.error is not None or self.result is None:
            return FAILED
        if self.result.blocked:
            return BLOCKED
        if self.destination is None:
            return NO_FOLDER
        if self.exists and self.same:
            return UNCHANGED
        return OVERWRITE if self.exists else READY

    @property
    def status(self) -> str:
        kind = self.kind
        if kind == FAILED:
            return f"Failed: {self.error}"
        if kind == BLOCKED:
            count = len(self.result.errors) if self.result else 0
            return f"Blocked: {count} {'error' if count == 1 else 'errors'}"
        return {
            READY: "Ready",
            OVERWRITE: "Will overwrite",
            UNCHANGED: "Unchanged",
            NO_FOLDER: "Choose an output folder",
        }[kind]


@dataclass(frozen=True)
class Outcome:
    """What Export did with one row: ``kind`` is one of SUMMARY_ORDER."""

    kind: str
    message: str = ""

    @property
    def status(self) -> str:
        label = {
            WRITTEN: "Written",
            UNCHANGED: "Unchanged",
            BLOCKED: "Blocked",
            SKIPPED: "Skipped",
            FAILED: "Failed",
            CANCELLED: "Cancelled",
        }[self.kind]
        return f"{label}: {self.message}" if self.message else label


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _message(error: Exception) -> str:
    return getattr(error, "message", None) or str(error)


class Claims:
    """The destinations of one batch of exports, each with the source that claimed it, so that a
    second source that would write the same file fails instead of overwriting the first. Paths
    are compared as the file system resolves them (symbolic links, case on Windows). The export
    dialog and ``persona-studio export`` both keep one per batch."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    @staticmethod
    def _key(destination: str | os.PathLike[str], real: str | None) -> str:
        return os.path.normcase(real if real is not None else os.path.realpath(destination))

    def owner(self, destination: str | os.PathLike[str], *, real: str | None = None) -> str | None:
        """The source that claimed ``destination`` in this batch, or None. ``real``: its real
        path, when the caller resolved it already."""
        return self._owners.get(self._key(destination, real))

    def claim(
        self, destination: str | os.PathLike[str], owner: str, *, real: str | None = None
    ) -> None:
        self._owners[self._key(destination, real)] = owner


def plan_item(
    source: ExportSource,
    target: str,
    out_dir: str | None,
    flat: bool,
    claimed: Claims | None = None,
    *,
    cancel: CancelToken | None = None,
) -> PlanItem:
    """Export ``source`` to ``target`` in memory and look at its destination in ``out_dir``.

    ``claimed`` is shared by one batch: a second source that would write the same file fails
    instead of overwriting the first.
    """
    check = checker(cancel)
    if target in SKILL_TARGETS:
        return _plan_skill(source, target, out_dir, flat, claimed, cancel)
    try:
        check()
        text, loaded = source.text, source.loaded
        if text is None:
            if source.path is None:
                raise PersonaStudioError("this source has neither a text nor a file")
            loaded = read_text(source.path)
            text = loaded.text
        check()
        result = export(parse(text), source.path, target, loaded=loaded)
    except PersonaStudioError as error:
        return PlanItem(source, error=_message(error), out_dir=out_dir, flat=flat)
    return _place(source, result, out_dir, flat, claimed, cancel)


def _plan_skill(
    source: ExportSource,
    target: str,
    out_dir: str | None,
    flat: bool,
    claimed: Claims | None,
    cancel: CancelToken | None,
) -> PlanItem:
    """A skill's folder: read from disk beside its SKILL.md (whose text may be the open
    document's, unsaved edits included)."""
    checker(cancel)()
    if source.path is None:
        error = "save the skill first: its folder is exported with it"
        return PlanItem(source, error=error, out_dir=out_dir, flat=flat)
    try:
        result = export_skill(source.path, target, text=source.text)
    except PersonaStudioError as error:
        return PlanItem(source, error=_message(error), out_dir=out_dir, flat=flat)
    return _place(source, result, out_dir, flat, claimed, cancel)


def _place(
    source: ExportSource,
    result: ExportResult | SkillExport,
    out_dir: str | None,
    flat: bool,
    claimed: Claims | None,
    cancel: CancelToken | None,
) -> PlanItem:
    """The plan of a result at its destination in ``out_dir``."""
    check = checker(cancel)
    shown = result.file_name if flat else result.relative_path
    item = PlanItem(source, result, out_dir=out_dir, flat=flat, shown_path=shown)
    if not out_dir:
        return item
    try:
        if os.path.exists(out_dir) and not os.path.isdir(out_dir):
            raise PersonaStudioError(f"{out_dir} is not a folder")
        destination = str(result.destination(out_dir, flat=flat))
        if os.path.isdir(destination):
            raise PersonaStudioError(f"{destination} is a folder")
        if claimed is not None:
            owner = claimed.owner(destination)
            if owner is not None:
                raise PersonaStudioError(f"{owner} is exported to the same file")
            claimed.claim(destination, source.label)
    except PersonaStudioError as error:
        return PlanItem(source, result, _message(error), out_dir, flat, shown)
    if not os.path.lexists(destination):
        return PlanItem(source, result, None, out_dir, flat, shown, destination)
    check()
    return _with_existing(PlanItem(source, result, None, out_dir, flat, shown, destination), cancel)


def _with_existing(item: PlanItem, cancel: CancelToken | None = None) -> PlanItem:
    """The plan of a destination that exists: its hash and the diff of old and new."""
    assert item.destination is not None and item.result is not None
    try:
        old_sha = _file_sha(item.destination)
        same = old_sha == _sha(item.result.encode())
    except OSError as error:
        reason = error.strerror or str(error)
        return replace(item, error=f"cannot read {item.destination}: {reason}")
    except PersonaStudioError as error:
        return replace(item, error=_message(error))
    diff, old_error = "", None
    marks: tuple[tuple[int, int, int], ...] = ()
    try:
        old = read_text(item.destination)
        name = item.shown_path
        changes = diff_texts(old.text, item.result.text, cancel=cancel)
        diff = "".join(unified_diff(changes, f"{name} (now)", f"{name} (new)", CONTEXT))
        marks = _word_marks(changes)
    except PersonaStudioError as error:
        old_error = _message(error)
    return replace(
        item,
        exists=True,
        old_sha=old_sha,
        same=same,
        diff=diff,
        diff_marks=marks,
        old_error=old_error,
    )


def _word_marks(changes: TextDiff) -> tuple[tuple[int, int, int], ...]:
    """The changed words of the unified diff's lines: (line index, start, end) in its text,
    the +/- column included; the lines are counted as ``unified_diff`` writes them."""
    marks: list[tuple[int, int, int]] = []
    line = 2  # the --- and +++ lines
    for hunk in changes.hunks(CONTEXT):
        line += 1  # the @@ line
        for hunk_line in hunk.lines:
            marks.extend((line, start + 1, end + 1) for start, end in hunk_line.highlights)
            line += 2 if hunk_line.no_newline else 1
    return tuple(marks)


def write_item(
    item: PlanItem, *, force: bool, confirmed: bool, cancel: CancelToken | None = None
) -> Outcome:
    """Write one planned file. ``force`` writes a result with errors; ``confirmed`` allows
    overwriting the existing file the user saw the diff of (and only that version of it).
    ``cancel`` is checked once, before anything is written."""
    checker(cancel)()
    kind = item.kind
    result = item.result
    if kind == FAILED or result is None:
        return Outcome(FAILED, item.error or "")
    if item.out_dir is None or item.destination is None:
        return Outcome(SKIPPED, "no output folder")
    if result.blocked and not force:
        count = len(result.errors)
        return Outcome(BLOCKED, f"{count} {'error' if count == 1 else 'errors'}, not forced")
    try:
        if item.exists:
            if not os.path.lexists(item.destination):
                return Outcome(FAILED, "the file was removed after it was checked; check again")
            now = _file_sha(item.destination)
            if now != item.old_sha:
                return Outcome(FAILED, "the file changed after its differences were shown")
            if now == _sha(result.encode()):
                return Outcome(UNCHANGED)
            if not confirmed:
                return Outcome(SKIPPED, "overwrite not confirmed")
            result.write(item.out_dir, flat=item.flat, force=True)
        else:
            result.write(item.out_dir, flat=item.flat, force=result.blocked and force)
    except PersonaStudioError as error:
        return Outcome(FAILED, _message(error))
    except OSError as error:
        return Outcome(FAILED, f"{error.strerror or error}")
    return Outcome(WRITTEN)


def summary_text(counts: dict[str, int]) -> str:
    """'3 written, 1 blocked, 1 skipped' (only the kinds that happened)."""
    parts = [f"{counts[kind]} {kind}" for kind in SUMMARY_ORDER if counts.get(kind)]
    return ", ".join(parts) if parts else "Nothing was exported"
